package io.hansim.device.external;

import io.hansim.device.Fixtures;
import io.hansim.device.hcalcs.Hcalcs;
import java.util.function.Supplier;

/** An HCALCS with the test OTA profile, for ModelHost tests. */
public final class TestHcalcs implements Supplier<Object> {
    public static Hcalcs.Spec spec() {
        return new Hcalcs.Spec("hcalcs", Fixtures.HCALCS, 0x0004, Fixtures.ppmidProfile().name("hcalcs").build());
    }

    @Override
    public Object get() {
        return spec();
    }
}
