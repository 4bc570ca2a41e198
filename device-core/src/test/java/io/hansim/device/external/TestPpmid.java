package io.hansim.device.external;

import io.hansim.device.Fixtures;
import io.hansim.device.ppmid.Ppmid;
import java.util.function.Supplier;

/** The PPMID of the port tests: the spec a child process hosts ({@link ModelHost#main}) and the run uses in-process. */
public final class TestPpmid implements Supplier<Object> {
    public static Ppmid.Spec spec() {
        return Ppmid.Spec.of("ppmid", Fixtures.PPMID, 0x0002, Fixtures.ppmidProfile().build());
    }

    @Override
    public Object get() {
        return spec();
    }
}
