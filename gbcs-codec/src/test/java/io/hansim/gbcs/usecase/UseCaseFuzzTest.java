package io.hansim.gbcs.usecase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsDecodeException;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.GroupingHeader;
import io.hansim.gbcs.OtherInformation;
import io.hansim.gbcs.Signature;
import java.util.Optional;

/** Property: any payload under a modelled message code gives a record, nothing, or a typed error. */
class UseCaseFuzzTest {

    private static final int[] CODES = {0x0012, 0x00CA, 0x0129, 0x0128, 0x012B, 0x00CE, 0x00CF, 0x0022, 0x0072, 0x0015};

    @FuzzTest(maxDuration = "30s")
    void anyPayloadDecodesOrFailsTyped(FuzzedDataProvider in) {
        int code = in.pickValue(CODES);
        CraFlag cra = in.pickValue(CraFlag.values());
        byte[] payload = in.consumeRemainingAsBytes();
        GroupingHeader g = new GroupingHeader(cra, 1, 2, 3, Optional.empty(), OtherInformation.of(code), 0);
        GbcsMessage m = GbcsMessage.of(Optional.empty(), g, ByteString.of(payload), Signature.ABSENT, Optional.empty());
        try {
            UseCaseCodec.decode(m).ifPresent(r -> assertArrayEquals(payload, r.toPayload().encode()));
        } catch (GbcsDecodeException expected) {
            // the only other allowed outcome
        }
    }
}
