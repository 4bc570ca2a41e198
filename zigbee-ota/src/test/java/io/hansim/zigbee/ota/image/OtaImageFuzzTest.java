package io.hansim.zigbee.ota.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hansim.zigbee.zcl.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * Property and fuzz tests (DESIGN §6). {@code mvn verify} replays the seeds in
 * {@code src/test/resources/io/hansim/zigbee/ota/image/OtaImageFuzzTestInputs/<method>/} (built by
 * {@link SeedShapes}, checked by {@link SeedInputsTest}); {@code JAZZER_FUZZ=1} fuzzes one target.
 */
class OtaImageFuzzTest {

    static final List<ParseOptions> OPTIONS = List.of(ParseOptions.defaults(),
            new ParseOptions(true, TelinkMode.ALWAYS, ImageFormat.GB),
            new ParseOptions(false, TelinkMode.NEVER, ImageFormat.ZIGBEE),
            new ParseOptions(true, TelinkMode.AUTO, ImageFormat.AUTO));

    /** (a) Any bytes give a report, never an exception; every offset lies within the file. */
    @FuzzTest(maxDuration = "30s")
    void anyBytesParse(byte[] data) {
        for (ParseOptions o : OPTIONS) {
            OtaImageReport r = OtaImageParser.parse(data, o);
            assertEquals(data.length, r.fileLength());
            long previous = 0;
            for (Finding f : r.findings()) {
                assertTrue(f.offset() >= 0 && f.offset() <= data.length, f.toString());
                assertTrue(f.offset() >= previous, "sorted by offset");
                previous = f.offset();
            }
            for (SubElement e : r.elements()) {
                assertTrue(e.offset() >= 0 && e.offset() < data.length, e.toString());
                if (e.complete()) {
                    assertTrue(e.end() <= data.length && e.end() <= r.imageEnd(), e.toString());
                    assertEquals(e.length(), r.elementData(e).length());
                }
            }
            assertEquals(r.header() == null, r.identifierOffset() < 0 || r.has(FindingCode.TOO_SHORT));
            r.imageBytes().ifPresent(b -> assertEquals(r.header().totalImageSize(), b.length()));
            IntegrityCodes.check(r);
            if (r.header() != null) {
                assertArrayEquals(data, OtaImageBuilder.from(r).build(), "rebuild");
            }
        }
    }

    /** (b) Images built from fuzz input parse back to the same fields and elements and rebuild identically. */
    @FuzzTest(maxDuration = "30s")
    void builtImagesRoundTrip(FuzzedDataProvider in) {
        OtaImageBuilder b = new OtaImageBuilder()
                .headerVersion(in.consumeBoolean() ? OtaHeader.HEADER_VERSION : in.consumeInt(0, 0xFFFF))
                .manufacturerCode(in.consumeInt(0, 0xFFFF))
                .imageType(in.consumeInt(0, 0xFFFF))
                .fileVersion(in.consumeLong(0, 0xFFFF_FFFFL))
                .zigbeeStackVersion(in.consumeInt(0, 0xFFFF))
                .headerString(Bytes.of(in.consumeBytes(in.consumeInt(0, 32))));
        if (in.consumeBoolean()) {
            b.reservedFieldControlBits(in.consumeInt(0, 0xFFFF) & ~OtaHeader.FC_KNOWN_BITS);
        }
        if (in.consumeBoolean()) {
            b.securityCredentialVersion(in.consumeInt(0, 0xFF));
        }
        if (in.consumeBoolean()) {
            b.upgradeFileDestination(in.consumeLong());
        }
        if (in.consumeBoolean()) {
            b.hardwareVersions(in.consumeInt(0, 0xFFFF), in.consumeInt(0, 0xFFFF));
        }
        if (in.consumeBoolean()) {
            b.extraHeaderBytes(Bytes.of(in.consumeBytes(in.consumeInt(0, 16))));
        }
        // A prefix without 0x1E cannot hold (the start of) an identifier.
        byte[] prefix = in.consumeBytes(in.consumeInt(0, 8));
        for (int i = 0; i < prefix.length; i++) {
            if (prefix[i] == 0x1E) {
                prefix[i] = 0;
            }
        }
        b.prefix(Bytes.of(prefix));

        boolean gb = in.consumeBoolean();
        boolean telink = !gb && in.consumeBoolean();
        GbBody gbBody = null;
        List<int[]> tags = new ArrayList<>();          // {tag, telink ? 1 : 0}
        List<Bytes> extras = new ArrayList<>();
        List<Bytes> datas = new ArrayList<>();
        if (gb) {
            Bytes image = Bytes.of(in.consumeBytes(in.consumeInt(0, 200)));
            gbBody = in.consumeBoolean() ? GbBody.signed(image, Bytes.of(padTo(in.consumeBytes(64), 64))) : GbBody.unsigned(image);
            b.gbBody(gbBody);
        } else {
            int n = in.consumeInt(0, 6);
            for (int i = 0; i < n; i++) {
                Bytes data = Bytes.of(in.consumeBytes(in.consumeInt(0, 64)));
                if (telink && in.consumeBoolean()) {
                    Bytes extra = Bytes.of(padTo(in.consumeBytes(2), 2));
                    b.telinkElement(extra, data);
                    tags.add(new int[] {SubElement.TELINK_TAG, 1});
                    extras.add(extra);
                } else {
                    int tag = in.consumeInt(0, 0xFFFF);
                    if (telink && tag == SubElement.TELINK_TAG) {
                        tag++; // in the Telink form every 0xF000 has the extra bytes
                    }
                    b.element(tag, data);
                    tags.add(new int[] {tag, 0});
                    extras.add(Bytes.EMPTY);
                }
                datas.add(data);
            }
        }
        b.trailing(Bytes.of(in.consumeBytes(in.consumeInt(0, 8))));
        byte[] file = b.build();

        ParseOptions options = new ParseOptions(prefix.length > 0 || in.consumeBoolean(),
                telink ? TelinkMode.ALWAYS : in.pickValue(new TelinkMode[] {TelinkMode.AUTO, TelinkMode.NEVER}),
                gb ? ImageFormat.GB : in.pickValue(new ImageFormat[] {ImageFormat.AUTO, ImageFormat.ZIGBEE}));
        OtaImageReport r = OtaImageParser.parse(file, options);

        assertEquals(prefix.length, r.identifierOffset());
        assertEquals(b.header(), r.header());
        for (Finding f : r.findings()) {
            if (f.severity() == Severity.ERROR) {
                assertEquals(FindingCode.ELEMENT_SIZE, f.code(), f.toString());
            }
        }
        if (gb) {
            assertEquals(List.of(), r.elements());
            boolean ambiguous = !gbBody.hasSignature() && endsLikeATail(gbBody.manufacturerImage());
            if (!ambiguous) {
                assertEquals(gbBody, r.gbBody());
            }
        } else {
            assertNull(r.gbBody());
            assertEquals(tags.size(), r.elements().size());
            for (int i = 0; i < tags.size(); i++) {
                SubElement e = r.elements().get(i);
                assertEquals(tags.get(i)[0], e.tag());
                assertEquals(extras.get(i), e.telinkExtra());
                assertEquals(datas.get(i).length(), e.length());
                assertEquals(datas.get(i), r.elementData(e));
            }
            assertTrue(r.chainEndsAtTotalImageSize());
        }
        assertArrayEquals(file, OtaImageBuilder.from(r).build());
    }

    /** (c) The strict API throws only {@link OtaImageException}, and only for an ERROR. */
    @FuzzTest(maxDuration = "30s")
    void parseStrictThrowsOnlyOtaImageException(byte[] data) {
        try {
            assertTrue(OtaImageParser.parseStrict(data).ok());
        } catch (OtaImageException e) {
            assertFalse(e.report().ok());
            Finding first = e.report().errors().get(0);
            assertEquals(first.code(), e.code());
            assertEquals(first.offset(), e.offset());
        }
    }

    private static boolean endsLikeATail(Bytes image) {
        int n = image.length();
        return n >= GbBody.TAIL_LENGTH && image.get(n - GbBody.TAIL_LENGTH) == 0
                && image.get(n - GbBody.TAIL_LENGTH + 1) == GbBody.SIGNATURE_LENGTH_BYTE;
    }

    private static byte[] padTo(byte[] b, int n) {
        return b.length == n ? b : java.util.Arrays.copyOf(b, n);
    }
}
