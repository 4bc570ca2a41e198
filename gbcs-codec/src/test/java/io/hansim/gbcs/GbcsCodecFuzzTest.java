package io.hansim.gbcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;
import java.util.OptionalLong;

/** Property tests for {@link GbcsCodec} (DESIGN.md §6). */
class GbcsCodecFuzzTest {

    /**
     * Arbitrary bytes give a message or a {@link GbcsDecodeException}, nothing else; a message
     * re-encodes to exactly the bytes it came from (gbcs.md §2, byte-exact rule), in either form.
     */
    @FuzzTest(maxDuration = "30s")
    void anyBytesDecodeOrFailTyped(byte[] data) {
        for (GbcsCodec.Form form : new GbcsCodec.Form[] {null, GbcsCodec.Form.PRECOMMAND, GbcsCodec.Form.ON_AIR}) {
            try {
                GbcsMessage m = form == null ? GbcsCodec.decode(data) : GbcsCodec.decode(data, form);
                assertArrayEquals(data, GbcsCodec.encode(m));
                if (form != null) {
                    assertEquals(form, m.form());
                }
            } catch (GbcsDecodeException expected) {
                // the only other allowed outcome
            }
        }
    }

    /** Any message built from fuzzed parts encodes and decodes back to itself. */
    @FuzzTest(maxDuration = "30s")
    void builtMessagesRoundTrip(FuzzedDataProvider in) {
        CraFlag cra = in.pickValue(CraFlag.values());
        Optional<ByteString> dateTime = in.consumeBoolean()
                ? Optional.of(ByteString.of(in.consumeBytes(12)))
                : Optional.empty();
        if (dateTime.isPresent() && dateTime.get().length() != 12) {
            return;
        }
        int extra = in.consumeInt(0, 4);
        OptionalLong a = extra >= 1 ? OptionalLong.of(in.consumeLong()) : OptionalLong.empty();
        OptionalLong b = extra >= 2 ? OptionalLong.of(in.consumeLong()) : OptionalLong.empty();
        OptionalLong c = extra == 3 ? OptionalLong.of(in.consumeLong()) : OptionalLong.empty();
        // 4: the remote party KA certificate in place of the originator counter (more than 8 bytes)
        ByteString certificate = extra == 4 ? ByteString.of(in.consumeBytes(in.consumeInt(9, 300))) : ByteString.EMPTY;
        if (extra == 4 && certificate.length() < 9) {
            return;
        }
        OtherInformation oi = new OtherInformation(in.consumeInt(0, 0xFFFF), a, b, c, certificate);
        GroupingHeader g = new GroupingHeader(cra, in.consumeLong(), in.consumeLong(), in.consumeLong(),
                dateTime, oi, 0);
        boolean macd = in.consumeBoolean();
        int sig = in.consumeInt(macd ? 1 : 0, 2);
        Signature signature = switch (sig) {
            case 0 -> Signature.ABSENT;
            case 1 -> Signature.EMPTY;
            default -> {
                byte[] rs = in.consumeBytes(64);
                yield rs.length == 64 ? Signature.of(ByteString.of(rs)) : Signature.EMPTY;
            }
        };
        Optional<MacHeader> mh = macd
                ? Optional.of(new MacHeader(in.consumeInt(0, 255), in.consumeLong(0, 0xFFFF_FFFFL), 0))
                : Optional.empty();
        Optional<ByteString> mac = Optional.empty();
        if (macd) {
            byte[] tag = in.consumeBytes(12);
            if (tag.length != 12) {
                return;
            }
            mac = Optional.of(ByteString.of(tag));
        }
        ByteString payload = ByteString.of(in.consumeRemainingAsBytes());
        GbcsMessage m = GbcsMessage.of(mh, g, payload, signature, mac);
        byte[] bytes = GbcsCodec.encode(m);
        assertEquals(m, GbcsCodec.decode(bytes, m.form()));
        // auto-detection (GbcsCodec.decode(byte[])) finds the same form for encoder output
        assertEquals(m, GbcsCodec.decode(bytes));
    }
}
