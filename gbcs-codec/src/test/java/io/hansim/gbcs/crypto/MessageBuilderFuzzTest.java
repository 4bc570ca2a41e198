package io.hansim.gbcs.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.OtherInformation;
import java.util.Optional;

/**
 * Property: whatever the header and payload, a built message decodes back to itself (gbcs.md §2),
 * building is deterministic, and its MAC and signature verify with the same PKI exactly when the
 * header asked for them (gbcs.md §4.1, §4.2).
 */
class MessageBuilderFuzzTest {
    private static final TestPki PKI = new TestPki("fuzz");
    private static final MessageBuilder BUILDER = MessageBuilder.rtds(PKI);
    /** ACB, supplier, network operator and two devices (RTDS numbering, so the MAC parties rule applies). */
    private static final long[] ENTITIES = {0x90B3D51F30000002L, 0x90B3D51F30010000L, 0x90B3D51F30020000L,
        0x00DB123456789001L, 0x00DB1234567890A0L};
    private static final int[] CODES = {0x0012, 0x0129, 0x0015, 0x0022, 0x00CA, 0x1000, 0x1001, 0x7777};

    @FuzzTest(maxDuration = "30s")
    void builtMessagesRoundTripAndVerify(FuzzedDataProvider in) {
        CraFlag cra = in.pickValue(CraFlag.values());
        long originator = in.pickValue(ENTITIES);
        long recipient = in.pickValue(ENTITIES);
        long counter = in.consumeLong();
        int code = in.consumeBoolean() ? in.pickValue(CODES) : in.consumeInt(0, 0xFFFF);
        OtherInformation oi = in.consumeBoolean() ? OtherInformation.of(code)
                : OtherInformation.of(code, in.pickValue(ENTITIES), in.consumeLong());
        Optional<ByteString> dateTime = in.consumeBoolean() ? Optional.of(ByteString.of(padded(in.consumeBytes(12))))
                : Optional.empty();
        GbcsCodec.Form form = in.consumeBoolean() ? GbcsCodec.Form.ON_AIR : GbcsCodec.Form.PRECOMMAND;
        int protection = in.consumeInt(0, 4); // 0 default, 1..4 explicit (sign, mac) pairs
        Optional<Boolean> sign = Optional.empty();
        Optional<Boolean> mac = Optional.empty();
        if (protection > 0 && form == GbcsCodec.Form.ON_AIR) {
            sign = Optional.of((protection & 1) != 0);
            mac = Optional.of((protection & 2) != 0);
        }
        ByteString payload = ByteString.of(in.consumeRemainingAsBytes());
        var h = new MessageBuilder.Header(cra, counter, originator, recipient, oi, dateTime, form, sign, mac);
        GbcsMessage m = BUILDER.build(h, payload);
        byte[] wire = GbcsCodec.encode(m);
        assertEquals(m, GbcsCodec.decode(wire, form));
        assertEquals(ByteString.of(wire), ByteString.of(GbcsCodec.encode(BUILDER.build(h, payload))));
        MessageVerifier.Result r = MessageVerifier.rtds().verify(m, PKI);
        assertEquals(h.macd() ? Verdict.VALID : Verdict.ABSENT, r.mac());
        assertEquals(h.signed() ? Verdict.VALID : Verdict.ABSENT, r.signature());
    }

    private static byte[] padded(byte[] b) {
        return java.util.Arrays.copyOf(b, 12);
    }
}
