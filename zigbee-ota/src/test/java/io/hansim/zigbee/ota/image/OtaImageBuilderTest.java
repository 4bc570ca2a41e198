package io.hansim.zigbee.ota.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.zigbee.zcl.Bytes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class OtaImageBuilderTest {

    /** What each seed shape must parse to: its non-INFO findings (corpora.md §3 shapes). */
    static final Map<String, Set<FindingCode>> EXPECTED = Map.ofEntries(
            Map.entry("clean", Set.of()),
            Map.entry("empty-image", Set.of()),
            Map.entry("hardware-range-integrity", Set.of()),
            Map.entry("all-options", Set.of()),
            Map.entry("header-padding", Set.of(FindingCode.HEADER_PADDING)),
            Map.entry("prefix-trailing", Set.of(FindingCode.PREFIX, FindingCode.TRAILING_BYTES)),
            Map.entry("signed-container", Set.of(FindingCode.PREFIX, FindingCode.TRAILING_BYTES)),
            Map.entry("trailing-4", Set.of(FindingCode.TRAILING_BYTES)),
            Map.entry("suite2-signature-trailing", Set.of(FindingCode.TRAILING_BYTES)),
            Map.entry("truncated", Set.of(FindingCode.TRUNCATED)),
            Map.entry("telink-f000", Set.of(FindingCode.TELINK_F000)),
            Map.entry("f000-ordinary", Set.of()),
            Map.entry("overrun-first", Set.of(FindingCode.RESERVED_TAG, FindingCode.ELEMENT_OVERRUN)),
            Map.entry("overrun-second", Set.of(FindingCode.RESERVED_TAG, FindingCode.ELEMENT_OVERRUN)),
            Map.entry("reserved-tag-chain", Set.of(FindingCode.RESERVED_TAG)),
            Map.entry("wildcard-reserved", Set.of(FindingCode.RESERVED_TAG)),
            Map.entry("non-ascii-header-string", Set.of(FindingCode.HEADER_STRING_NON_ASCII)),
            Map.entry("gb-esme", Set.of()),
            Map.entry("gb-ppmid", Set.of()), // G.6 header: AUTO reads the SR 11.4 form (decision 0014)
            Map.entry("not-an-ota", Set.of(FindingCode.NO_IDENTIFIER)),
            Map.entry("too-short", Set.of(FindingCode.TOO_SHORT)));

    @TestFactory
    Stream<DynamicTest> everyShapeParsesAsExpectedAndRebuildsIdentically() {
        assertEquals(EXPECTED.keySet(), SeedShapes.all().keySet());
        return SeedShapes.all().entrySet().stream().map(s -> DynamicTest.dynamicTest(s.getKey(), () -> {
            byte[] f = s.getValue();
            OtaImageReport r = OtaImageParser.parse(f);
            Set<FindingCode> codes = r.findings().stream().filter(x -> x.severity() != Severity.INFO)
                    .map(Finding::code).collect(Collectors.toSet());
            assertEquals(EXPECTED.get(s.getKey()), codes, r.findings().toString());
            if (r.header() != null) {
                assertArrayEquals(f, OtaImageBuilder.from(r).build());
                assertArrayEquals(f, OtaImageBuilder.from(r, f).build());
            }
        }));
    }

    @Test
    void buildParseBuildIsTheIdentityAndTheHeaderIsWhatTheBuilderSaid() {
        OtaImageBuilder b = new OtaImageBuilder().headerVersion(0x0100).manufacturerCode(0x1021).imageType(0x000F)
                .fileVersion(0xFFFFFFFFL).zigbeeStackVersion(3).headerString("x\\x00y").securityCredentialVersion(0)
                .upgradeFileDestination(Long.MIN_VALUE).hardwareVersions(0xFFFF, 0).extraHeaderBytes(Bytes.fromHex("00"))
                .element(0, Bytes.EMPTY).element(0xFFFF, OtaImageBuilder.generatedPayload(1, 33))
                .telinkElement(Bytes.fromHex("0000"), Bytes.EMPTY);
        byte[] f = b.build();
        OtaImageReport r = OtaImageParser.parse(f, ParseOptions.defaults().withTelink(TelinkMode.ALWAYS));
        assertEquals(b.header(), r.header());
        assertEquals(70, r.header().headerLength());
        assertEquals(f.length, r.header().totalImageSize());
        assertEquals(List.of(0, 0xFFFF, 0xF000), r.elements().stream().map(SubElement::tag).toList());
        assertEquals(Bytes.fromHex("0000"), r.elements().get(2).telinkExtra());
        assertArrayEquals(f, OtaImageBuilder.from(r).build());
        assertEquals(Bytes.of(f), r.imageBytes().orElseThrow());
    }

    @Test
    void headerRoundTripsThroughTheBuilder() {
        OtaHeader h = OtaImageParser.parse(SeedShapes.all().get("all-options")).header();
        OtaImageBuilder b = new OtaImageBuilder().header(h).element(0, OtaImageBuilder.generatedPayload(4, 64));
        assertEquals(h, b.header());
    }

    @Test
    void generatedPayloadsAreDeterministic() {
        assertEquals(OtaImageBuilder.generatedPayload(42, 1000), OtaImageBuilder.generatedPayload(42, 1000));
        assertNotEquals(OtaImageBuilder.generatedPayload(42, 1000), OtaImageBuilder.generatedPayload(43, 1000));
        assertEquals(Bytes.EMPTY, OtaImageBuilder.generatedPayload(1, 0));
        assertThrows(IllegalArgumentException.class, () -> OtaImageBuilder.generatedPayload(1, -1));
    }

    @Test
    void misuseIsRefused() {
        OtaImageBuilder b = new OtaImageBuilder();
        assertThrows(IllegalArgumentException.class, () -> b.manufacturerCode(0x10000));
        assertThrows(IllegalArgumentException.class, () -> b.fileVersion(-1));
        assertThrows(IllegalArgumentException.class, () -> b.fileVersion(0x1_0000_0000L));
        assertThrows(IllegalArgumentException.class, () -> b.reservedFieldControlBits(0x0001));
        assertThrows(IllegalArgumentException.class, () -> b.securityCredentialVersion(256));
        assertThrows(IllegalArgumentException.class, () -> b.headerString(Bytes.of(new byte[33])));
        assertThrows(IllegalArgumentException.class, () -> b.element(0x10000, Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> b.elementDeclaring(0, 0x1_0000_0000L, Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> b.telinkElement(Bytes.fromHex("01"), Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> b.totalImageSizeOverride(-1L));
        byte[] other = SeedShapes.all().get("clean");
        OtaImageReport r = OtaImageParser.parse(SeedShapes.all().get("trailing-4"));
        assertThrows(IllegalArgumentException.class, () -> OtaImageBuilder.from(r, other));
        assertThrows(IllegalArgumentException.class,
                () -> OtaImageBuilder.from(OtaImageParser.parse(SeedShapes.all().get("not-an-ota"))));
        assertTrue(OtaImageBuilder.from(r).build().length > 0);
    }
}
