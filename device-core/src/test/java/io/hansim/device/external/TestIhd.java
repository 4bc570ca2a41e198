package io.hansim.device.external;

import io.hansim.device.Fixtures;
import io.hansim.device.cot.CotProfile;
import io.hansim.device.cot.SpecVersion;
import io.hansim.device.cot.TenancyConfig;
import io.hansim.device.ihd.Ihd;
import java.util.function.Supplier;

/** An IHD that takes Change of Tenancy from the ESME and GPF of {@link Fixtures}, for ModelHost tests. */
public final class TestIhd implements Supplier<Object> {
    public static Ihd.Spec spec() {
        return new Ihd.Spec("ihd", Fixtures.IHD, 0x0003, 0x0200_0000L)
                .withTenancy(TenancyConfig.of(CotProfile.ihd(new SpecVersion(5, 0), Fixtures.ESME, Fixtures.GPF)));
    }

    @Override
    public Object get() {
        return spec();
    }
}
