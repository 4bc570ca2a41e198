package io.hansim.device.external;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/** Command lines that start a class of the test classpath in a child JVM. */
final class Child {
    private Child() {
    }

    static List<String> java(Class<?> main, String... args) {
        List<String> l = new ArrayList<>();
        l.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        l.add("-Xshare:auto");
        l.add("-XX:TieredStopAtLevel=1");
        l.add("-cp");
        l.add(System.getProperty("java.class.path"));
        l.add(main.getName());
        l.addAll(List.of(args));
        return l;
    }
}
