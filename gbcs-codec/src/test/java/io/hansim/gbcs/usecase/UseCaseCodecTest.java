package io.hansim.gbcs.usecase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsDecodeException;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.GroupingHeader;
import io.hansim.gbcs.OtherInformation;
import io.hansim.gbcs.Signature;
import io.hansim.gbcs.payload.PayloadCodec;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Hand-built gbcs.md §8.2 payloads through {@link UseCaseCodec}. */
class UseCaseCodecTest {

    private static GbcsMessage message(CraFlag cra, int code, byte[] payload) {
        GroupingHeader g = new GroupingHeader(cra, 1000, 0x90B3D51F30010000L, 0x00DB1234567890A0L, Optional.empty(),
                OtherInformation.of(code), 0);
        return GbcsMessage.of(Optional.empty(), g, ByteString.of(payload), Signature.ABSENT, Optional.empty());
    }

    @Test
    void cs06CommandFutureDatedAndCancellation() {
        UseCaseRecord.Cs06Command c = new UseCaseRecord.Cs06Command(ByteString.of(new byte[32]), 1001,
                Optional.of(UseCaseRecord.Cs06Command.CANCELLATION));
        byte[] bytes = c.toPayload().encode();
        assertEquals("3037" + "0420" + "00".repeat(32) + "020203E9" + "180F" + "39393939313233313233353935395A",
                HexFormat.of().withUpperCase().formatHex(bytes));
        assertEquals(Optional.of(c), UseCaseCodec.decode(message(CraFlag.COMMAND, 0x0012, bytes)));
        assertTrue(c.isCancellation());
    }

    @Test
    void ccs08ResponseCodes0To3() {
        for (int rc = 0; rc <= 3; rc++) {
            UseCaseRecord.Ccs08Alert a = new UseCaseRecord.Ccs08Alert(0x8F8A, "20150101000000Z", 0x00DB1234567890A4L,
                    ByteString.ofHex("0123ABCD"), rc);
            byte[] bytes = a.toPayload().encode();
            assertEquals(Optional.of(a), UseCaseCodec.decode(message(CraFlag.ALERT, 0x0128, bytes)));
        }
        assertThrows(IllegalArgumentException.class, () -> new UseCaseRecord.Ccs08Alert(0x8F89, "20150101000000Z", 0,
                ByteString.ofHex("00000000"), 4));
    }

    @Test
    void wrongLayoutsFailTypedAtThePayloadOffset() {
        GbcsMessage m = message(CraFlag.ALERT, 0x0128, HexFormat.of().parseHex("3003020100"));
        GbcsDecodeException e = assertThrows(GbcsDecodeException.class, () -> UseCaseCodec.decode(m));
        assertEquals("use case payload 0x0128", e.field());
        assertEquals(PayloadCodec.payloadOffset(m), e.offset());
        // a non-minimal INTEGER decodes as DER but is not the canonical layout
        GbcsMessage n = message(CraFlag.RESPONSE, 0x0129, HexFormat.of().parseHex("300A04040123ABCD02020000"));
        assertEquals("use case payload 0x0129", assertThrows(GbcsDecodeException.class, () -> UseCaseCodec.decode(n)).field());
        assertEquals(Optional.empty(), UseCaseCodec.decode(message(CraFlag.COMMAND, 0x0059,
                HexFormat.of().parseHex("D9200003E800010100010000000201FF020100"))));
    }

    @Test
    void gcs09AndCs11Builders() {
        UseCaseRecord.Gcs09Command g = new UseCaseRecord.Gcs09Command(0, 0, 0x1C374A80L, 0, 0x1FC66E20L, 0x200);
        assertArrayEquals(HexFormat.of().parseHex("010901010708001409000000000000804A371C00206EC61F00020000"),
                g.toPayload().encode());
        assertArrayEquals(HexFormat.of().parseHex("010901010709000401000103"),
                new UseCaseRecord.Cs11Command(0, 3).toPayload().encode());
    }
}
