package io.hansim.zigbee.ota.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.zigbee.zcl.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The parser's rules, one finding code at a time, on files built here (corpora.md §3, §4). */
class OtaImageParserTest {

    static OtaImageBuilder base() {
        return new OtaImageBuilder().manufacturerCode(0x1234).imageType(0x5678).fileVersion(0x01020304L)
                .headerString("hansim test image");
    }

    static Bytes payload(int n) {
        return OtaImageBuilder.generatedPayload(n, n);
    }

    /** The findings as {@code CODE@offset}, in report order. */
    static List<String> codes(OtaImageReport r) {
        return r.findings().stream().map(f -> f.code() + "@" + f.offset()).toList();
    }

    static Finding only(OtaImageReport r, FindingCode code) {
        List<Finding> f = r.findings(code);
        assertEquals(1, f.size(), () -> code + " in " + r.findings());
        return f.get(0);
    }

    /** The generated cases of corpora.md §4: no real file sets field-control bits 0 or 1. */
    @Nested
    class GeneratedCases {
        @Test
        void securityCredentialVersionMakesHeader57() {
            byte[] f = base().securityCredentialVersion(3).element(0, payload(10)).build();
            OtaImageReport r = OtaImageParser.parse(f);
            assertEquals(List.of(), r.findings());
            assertEquals(57, r.header().headerLength());
            assertEquals(0x0001, r.header().fieldControl());
            assertEquals(3, r.header().securityCredentialVersion());
            assertEquals(3, f[56]);
            assertEquals(57, r.elements().get(0).offset());
        }

        @Test
        void destinationIsEightBytesLittleEndianMakingHeader64() {
            byte[] f = base().upgradeFileDestination(0x0011223344556677L).element(0, payload(10)).build();
            OtaImageReport r = OtaImageParser.parse(f);
            assertEquals(List.of(), r.findings());
            assertEquals(64, r.header().headerLength());
            assertEquals(0x0011223344556677L, r.header().upgradeFileDestination());
            assertArrayEquals(Bytes.fromHex("7766554433221100").toArray(), Arrays.copyOfRange(f, 56, 64));
            assertEquals(64, r.elements().get(0).offset(), "not zsmartsystems' 16 bytes");
            assertNull(r.header().minimumHardwareVersion());
        }

        @Test
        void allOptionsMakeHeader69InOrder() {
            byte[] f = base().securityCredentialVersion(1).upgradeFileDestination(0xF0E0D0C0B0A09080L)
                    .hardwareVersions(0x0102, 0x0304).element(0, payload(10)).build();
            OtaImageReport r = OtaImageParser.parse(f);
            assertEquals(List.of(), r.findings());
            OtaHeader h = r.header();
            assertEquals(69, h.headerLength());
            assertEquals(0x0007, h.fieldControl());
            assertEquals(1, h.securityCredentialVersion());
            assertEquals(0xF0E0D0C0B0A09080L, h.upgradeFileDestination());
            assertEquals(0x0102, h.minimumHardwareVersion());
            assertEquals(0x0304, h.maximumHardwareVersion());
            assertArrayEquals(Bytes.fromHex("01 8090a0b0c0d0e0f0 0201 0403").toArray(), Arrays.copyOfRange(f, 56, 69));
            assertEquals(69, r.elements().get(0).offset());
        }

        @Test
        void hardwareVersionsMakeHeader60() {
            OtaImageReport r = OtaImageParser.parse(base().hardwareVersions(0, 0x0101).element(0, payload(10)).build());
            assertEquals(List.of(), r.findings());
            assertEquals(60, r.header().headerLength());
            assertEquals(0, r.header().minimumHardwareVersion());
            assertEquals(0x0101, r.header().maximumHardwareVersion());
        }

        @Test
        void headerLength60WithFieldControl0HasFourPaddingBytes() {
            byte[] f = base().extraHeaderBytes(Bytes.fromHex("deadbeef")).element(0, payload(10)).build();
            OtaImageReport r = OtaImageParser.parse(f);
            assertEquals(List.of("HEADER_PADDING@56"), codes(r));
            assertEquals(Severity.WARNING, r.findings().get(0).severity());
            assertTrue(r.ok());
            assertEquals(60, r.header().headerLength());
            assertEquals(0, r.header().fieldControl());
            assertEquals(Bytes.fromHex("deadbeef"), r.header().extraHeaderBytes());
            assertEquals(60, r.elements().get(0).offset(), "elements start at HeaderLength");
            assertTrue(r.chainEndsAtTotalImageSize());
        }

        @Test
        void fileVersionIsUnsigned() {
            OtaImageReport r = OtaImageParser.parse(base().fileVersion(0x80000001L).build());
            assertEquals(0x80000001L, r.header().fileVersion());
            assertTrue(r.header().fileVersion() > 0);
        }

        @Test
        void headerStringOf32CharactersWithoutNulIsReadInFull() {
            String s = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
            OtaImageReport r = OtaImageParser.parse(base().headerString(s).build());
            assertEquals(List.of(), r.findings());
            assertEquals(s, r.header().headerStringDisplay());
            assertEquals(Bytes.of(s.getBytes(StandardCharsets.US_ASCII)), r.header().headerString());
        }

        @Test
        void noElementsIsValid() {
            byte[] f = base().build();
            assertEquals(56, f.length);
            OtaImageReport r = OtaImageParser.parse(f);
            assertEquals(List.of(), r.findings());
            assertTrue(r.ok());
            assertEquals(List.of(), r.elements());
            assertEquals(56, r.header().totalImageSize());
            assertTrue(r.chainEndsAtTotalImageSize());
        }

        @Test
        void tags0000To0003TogetherAreAllRecognised() {
            OtaImageBuilder b = base().element(SubElement.UPGRADE_IMAGE, payload(100))
                    .element(SubElement.ECDSA_SIGNATURE_SUITE_1, concat(Bytes.fromHex("0807060504030201"), payload(42)))
                    .element(SubElement.ECDSA_CERTIFICATE_SUITE_1, payload(48));
            byte[] before = b.totalImageSizeOverride(56L + 106 + 56 + 54 + 22).build();
            // The integrity code covers every byte before its tag (the majority rule, corpora.md §3).
            Bytes code = AesMmo.hash(Bytes.of(before));
            byte[] f = b.totalImageSizeOverride(null).element(SubElement.IMAGE_INTEGRITY_CODE, code).build();
            OtaImageReport r = OtaImageParser.parse(f);
            assertEquals(List.of(0, 1, 2, 3), r.elements().stream().map(SubElement::tag).toList());
            assertEquals(List.of("SIGNATURE_NOT_VERIFIED@162", "INTEGRITY_VERIFIED@272"), codes(r));
            assertTrue(only(r, FindingCode.SIGNATURE_NOT_VERIFIED).message().contains("0102030405060708"),
                    "signer EUI shown big-endian");
            assertTrue(only(r, FindingCode.INTEGRITY_VERIFIED).message().contains("BEFORE_ELEMENT"));
            assertTrue(r.ok());
            assertEquals(List.of("upgrade image", "ECDSA signature (crypto suite 1)",
                            "ECDSA signing certificate (crypto suite 1)", "image integrity code"),
                    r.elements().stream().map(e -> SubElement.tagName(e.tag())).toList());
        }

        @Test
        void totalImageSizeBeyondTheFileIsTruncated() {
            byte[] f = base().element(0, payload(100)).totalImageSizeOverride(1000L).build();
            OtaImageReport r = OtaImageParser.parse(f);
            assertEquals(List.of("TRUNCATED@162"), codes(r));
            Finding t = only(r, FindingCode.TRUNCATED);
            assertEquals(Severity.ERROR, t.severity());
            assertTrue(t.message().contains("file length 162, expected 1000"), t.message());
            assertEquals(1, r.elements().size());
            assertFalse(r.elements().get(0).complete() && r.elements().get(0).end() == 1000);
            assertTrue(r.imageBytes().isEmpty());
        }

        @Test
        void truncatedInsideAnElementListsItIncompleteWithoutOverrun() {
            byte[] full = base().element(0, payload(100)).element(0xF001, payload(20)).build();
            byte[] cut = Arrays.copyOf(full, 120);
            OtaImageReport r = OtaImageParser.parse(cut);
            assertEquals(List.of("TRUNCATED@120"), codes(r));
            assertEquals(1, r.elements().size());
            assertFalse(r.elements().get(0).complete());
            assertEquals(100, r.elements().get(0).length(), "never clamped");
        }

        @Test
        void totalImageSizeSmallerThanTheElementsIsAnOverrunAtTheElement() {
            byte[] f = base().element(0, payload(100)).element(0xF001, payload(20)).totalImageSizeOverride(170L).build();
            OtaImageReport r = OtaImageParser.parse(f);
            assertEquals(List.of("ELEMENT_OVERRUN@162", "TRAILING_BYTES@170"), codes(r));
            assertEquals(Severity.ERROR, r.findings().get(0).severity());
            assertEquals(20, r.elements().get(1).length());
            assertFalse(r.elements().get(1).complete());
            assertFalse(r.ok());
        }

        @Test
        void elementLongerThanTheFileIsAnOverrunNotClamped() {
            byte[] f = base().elementDeclaring(0, 2_483_814_528L, payload(100)).build();
            OtaImageReport r = OtaImageParser.parse(f);
            assertEquals(List.of("ELEMENT_OVERRUN@56"), codes(r));
            assertEquals(2_483_814_528L, r.elements().get(0).length());
            assertTrue(only(r, FindingCode.ELEMENT_OVERRUN).message().contains("and the file"));
        }
    }

    @Nested
    class Identifier {
        @Test
        void noIdentifier() {
            OtaImageReport r = OtaImageParser.parse("this is not a valid OTA file".getBytes(StandardCharsets.US_ASCII));
            assertEquals(List.of("NO_IDENTIFIER@0"), codes(r));
            assertEquals(-1, r.identifierOffset());
            assertNull(r.header());
            assertFalse(r.ok());
            assertTrue(r.imageBytes().isEmpty());
        }

        @Test
        void emptyFile() {
            OtaImageReport r = OtaImageParser.parse(new byte[0]);
            assertEquals(List.of("NO_IDENTIFIER@0"), codes(r));
        }

        @Test
        void prefixIsAnErrorInStrictModeAndAWarningWhenUnwrapping() {
            byte[] f = base().prefix(Bytes.fromHex("01020304")).element(0, payload(10)).build();
            OtaImageReport strict = OtaImageParser.parse(f);
            assertEquals(List.of("PREFIX@0"), codes(strict));
            assertEquals(Severity.ERROR, strict.findings().get(0).severity());
            assertTrue(strict.findings().get(0).message().startsWith("4 bytes before"));
            assertEquals(4, strict.identifierOffset());
            assertEquals(60, strict.elements().get(0).offset(), "offsets are absolute");
            assertEquals(0x1234, strict.header().manufacturerCode(), "described from the identifier");

            OtaImageReport unwrapped = OtaImageParser.parse(f, ParseOptions.defaults().withUnwrap(true));
            assertEquals(Severity.WARNING, only(unwrapped, FindingCode.PREFIX).severity());
            assertTrue(unwrapped.ok());
            assertEquals(Bytes.of(Arrays.copyOfRange(f, 4, f.length)), unwrapped.imageBytes().orElseThrow());
        }

        @Test
        void tooShortAfterTheIdentifier() {
            byte[] f = Arrays.copyOf(base().build(), 55);
            OtaImageReport r = OtaImageParser.parse(f);
            assertEquals(List.of("TOO_SHORT@55"), codes(r));
            assertNull(r.header());
            assertTrue(r.findings().get(0).message().contains("has 55"));
        }

        @Test
        void tooShortForTheOptionalFieldsFieldControlAnnounces() {
            byte[] f = Arrays.copyOf(base().securityCredentialVersion(0).hardwareVersions(1, 2).build(), 60);
            OtaImageReport r = OtaImageParser.parse(f);
            assertEquals(List.of("TOO_SHORT@60"), codes(r));
            assertTrue(r.findings().get(0).message().contains("61-byte header"));
        }

        @Test
        void identifierAloneIsTooShort() {
            OtaImageReport r = OtaImageParser.parse(Bytes.fromHex("aa1ef1ee0b").toArray());
            assertEquals(List.of("PREFIX@0", "TOO_SHORT@5"), codes(r));
        }
    }

    @Nested
    class Header {
        @Test
        void headerVersionOtherThan0100() {
            OtaImageReport r = OtaImageParser.parse(base().headerVersion(0x0200).build());
            assertEquals(List.of("HEADER_VERSION@4"), codes(r));
            assertEquals(Severity.WARNING, r.findings().get(0).severity());
        }

        @Test
        void reservedFieldControlBits() {
            OtaImageReport r = OtaImageParser.parse(base().reservedFieldControlBits(0x0010).build());
            assertEquals(List.of("FIELD_CONTROL_RESERVED@8"), codes(r));
            assertEquals(56, r.header().headerLength());
        }

        @Test
        void headerLengthSmallerThanTheFields() {
            byte[] f = base().hardwareVersions(1, 2).headerLengthOverride(56).element(0, payload(4)).build();
            OtaImageReport r = OtaImageParser.parse(f);
            assertEquals(List.of("HEADER_LENGTH@6"), codes(r));
            assertEquals(60, r.elements().get(0).offset(), "elements after the fields field control announces");
            assertFalse(r.ok());
        }

        @Test
        void headerPaddingRunningPastTheFile() {
            byte[] f = base().headerLengthOverride(100).build();
            OtaImageReport r = OtaImageParser.parse(f);
            assertEquals(List.of("TOTAL_SIZE@52", "HEADER_PADDING@56"), codes(r));
        }

        @Test
        void headerPaddingCutByTheEndOfTheFile() {
            byte[] f = Arrays.copyOf(base().extraHeaderBytes(payload(40)).build(), 70);
            OtaImageReport r = OtaImageParser.parse(f);
            assertEquals(List.of("HEADER_PADDING@56", "TRUNCATED@70"), codes(r));
            assertEquals(14, r.header().extraHeaderBytes().length(), "the bytes the file holds");
            assertEquals(List.of(), r.elements());
            assertArrayEquals(f, OtaImageBuilder.from(r).build());
        }

        @Test
        void nonAsciiHeaderString() {
            OtaImageReport r = OtaImageParser.parse(base().headerString(Bytes.fromHex("ee757d3640")).build());
            assertEquals(List.of("HEADER_STRING_NON_ASCII@20"), codes(r));
            assertEquals(Severity.WARNING, r.findings().get(0).severity());
            assertEquals("\\xeeu}6@", r.header().headerStringDisplay());
        }

        @Test
        void embeddedNulIsBinary() {
            OtaImageReport r = OtaImageParser.parse(base().headerString(Bytes.fromHex("41004200")).build());
            assertEquals(List.of("HEADER_STRING_NON_ASCII@20"), codes(r));
            assertTrue(r.findings().get(0).message().contains("embedded NUL at index 1"));
        }

        @Test
        void controlCharactersAreNotReported() {
            // Sonoff TRVZB ends its string with \n; Lumi and Amina start with a length byte.
            assertEquals(List.of(), codes(OtaImageParser.parse(base().headerString("vers:00001404\\x0a").build())));
            assertEquals(List.of(), codes(OtaImageParser.parse(base().headerString("\\x15aminaS").build())));
        }

        @Test
        void headerStringDisplayIsLossless() {
            Bytes raw = Bytes.fromHex("5c 41 0a ff 00 20 7e 7f 00 00");
            byte[] full = Arrays.copyOf(raw.toArray(), 32);
            OtaHeader h = OtaImageParser.parse(base().headerString(raw).build()).header();
            assertEquals("\\\\A\\x0a\\xff\\x00 ~\\x7f", h.headerStringDisplay());
            assertEquals(Bytes.of(full), OtaHeader.headerStringFromDisplay(h.headerStringDisplay()));
            assertThrows(IllegalArgumentException.class, () -> OtaHeader.headerStringFromDisplay("\\q"));
            assertThrows(IllegalArgumentException.class, () -> OtaHeader.headerStringFromDisplay("é"));
            assertThrows(IllegalArgumentException.class, () -> OtaHeader.headerStringFromDisplay("x".repeat(33)));
        }

        @Test
        void wildcardManufacturerIsInfo() {
            OtaImageReport r = OtaImageParser.parse(base().manufacturerCode(0xFFFF).build());
            assertEquals(List.of("WILDCARD_MANUFACTURER@10"), codes(r));
            assertEquals(Severity.INFO, r.findings().get(0).severity());
            assertTrue(r.ok());
        }

        @Test
        void totalImageSizeSmallerThanTheHeader() {
            OtaImageReport r = OtaImageParser.parse(base().element(0, payload(8)).totalImageSizeOverride(40L).build());
            assertEquals(List.of("TOTAL_SIZE@52"), codes(r));
            assertEquals(List.of(), r.elements());
            assertTrue(r.imageBytes().isEmpty());
        }
    }

    @Nested
    class Elements {
        @Test
        void trailingBytesAreNeverWalked() {
            byte[] f = base().element(0, payload(10)).trailing(Bytes.fromHex("0000ffffffff0102")).build();
            OtaImageReport r = OtaImageParser.parse(f);
            assertEquals(List.of("TRAILING_BYTES@72"), codes(r));
            assertEquals(Severity.WARNING, r.findings().get(0).severity());
            assertTrue(r.findings().get(0).message().startsWith("8 bytes after"));
            assertEquals(1, r.elements().size());
        }

        @Test
        void elementHeaderThatDoesNotFitIsAnOverrun() {
            byte[] f = base().element(0, payload(10)).raw(Bytes.fromHex("0000ff")).build();
            OtaImageReport r = OtaImageParser.parse(f);
            assertEquals(List.of("ELEMENT_OVERRUN@72"), codes(r));
            assertTrue(r.findings().get(0).message().contains("only 3 remain"));
        }

        @Test
        void reservedTagRangeBoundaries() {
            byte[] f = base().element(0x0006, payload(74)).element(0x0007, payload(1)).element(0xEFFF, payload(1))
                    .element(0xF000, payload(1)).build();
            OtaImageReport r = OtaImageParser.parse(f);
            assertEquals(List.of("RESERVED_TAG@136", "RESERVED_TAG@143"), codes(r));
            assertTrue(r.ok());
        }

        @Test
        void fixedSizeTagsAreSizeChecked() {
            int[][] sizes = {{1, 50}, {2, 48}, {3, 16}, {5, 80}, {6, 74}};
            for (int[] s : sizes) {
                OtaImageReport good = OtaImageParser.parse(base().element(s[0], payload(s[1])).build());
                assertFalse(good.has(FindingCode.ELEMENT_SIZE), () -> "tag " + s[0]);
                OtaImageReport bad = OtaImageParser.parse(base().element(s[0], payload(s[1] + 1)).build());
                Finding f = only(bad, FindingCode.ELEMENT_SIZE);
                assertEquals(56, f.offset());
                assertEquals(Severity.ERROR, f.severity());
                assertTrue(f.message().contains("must hold " + s[1] + " bytes, holds " + (s[1] + 1)), f.message());
            }
        }

        @Test
        void suite2SignatureIsPresentNotVerified() {
            Bytes sig = concat(Bytes.fromHex("368b1900006f0d00"), payload(72));
            OtaImageReport r = OtaImageParser.parse(base().element(0, payload(10)).element(5, sig).build());
            Finding f = only(r, FindingCode.SIGNATURE_NOT_VERIFIED);
            assertEquals(72, f.offset());
            assertTrue(f.message().contains("crypto suite 2") && f.message().contains("000d6f0000198b36"), f.message());
        }

        @Test
        void integrityCodeCoveringTheTagHeaderIsVerifiedUnderTheSecondRule() {
            OtaImageBuilder b = base().element(0, payload(300));
            byte[] upToCode = b.raw(Bytes.fromHex("0300 10000000")).totalImageSizeOverride(56L + 306 + 22).build();
            Bytes code = AesMmo.hash(Bytes.of(upToCode));
            byte[] f = base().element(0, payload(300)).element(3, code).build();
            OtaImageReport r = OtaImageParser.parse(f);
            assertEquals(List.of("INTEGRITY_VERIFIED@362"), codes(r));
            assertEquals("verified (BEFORE_CODE)", IntegrityCodes.check(r).get(0).label());
        }

        @Test
        void integrityMismatchAndUnverifiable() {
            OtaImageReport mismatch = OtaImageParser.parse(base().element(0, payload(30)).element(3, payload(16)).build());
            assertEquals(List.of("INTEGRITY_MISMATCH@92"), codes(mismatch));
            assertTrue(mismatch.ok(), "a mismatch is INFO: the coverage rule is unconfirmed");
            OtaImageReport wrongSize = OtaImageParser.parse(base().element(3, payload(15)).build());
            assertEquals(List.of("ELEMENT_SIZE@56", "INTEGRITY_UNVERIFIABLE@56"), codes(wrongSize));
            byte[] cut = Arrays.copyOf(base().element(3, payload(16)).build(), 70);
            assertEquals(List.of("INTEGRITY_UNVERIFIABLE@56", "TRUNCATED@70"), codes(OtaImageParser.parse(cut)));
        }
    }

    @Nested
    class Telink {
        static byte[] telinkFile() {
            return base().telinkElement(Bytes.fromHex("010c"), payload(200)).build();
        }

        @Test
        void autoReadsTheTelinkFormOnlyWhenTheChainProvesIt() {
            OtaImageReport r = OtaImageParser.parse(telinkFile());
            assertEquals(List.of("TELINK_F000@56"), codes(r));
            assertEquals(Severity.WARNING, r.findings().get(0).severity());
            SubElement e = r.elements().get(0);
            assertEquals(Bytes.fromHex("010c"), e.telinkExtra());
            assertEquals(200, e.length());
            assertEquals(64, e.dataOffset());
            assertTrue(r.chainEndsAtTotalImageSize());
            assertEquals(payload(200), r.elementData(e));
        }

        @Test
        void ordinaryF000StaysOrdinaryInAuto() {
            byte[] f = base().element(0xF000, payload(18)).element(0, payload(100)).element(0xF001, payload(18)).build();
            OtaImageReport r = OtaImageParser.parse(f);
            assertEquals(List.of(), codes(r));
            assertTrue(r.elements().get(0).telinkExtra().isEmpty());
        }

        @Test
        void neverLeavesTheTelinkFileAsAnOverrun() {
            // Read as ordinary, the 0xF000 data ends 2 bytes short and the next "element header"
            // has only 2 bytes: the chain ends 2 bytes short (corpora.md §3).
            OtaImageReport r = OtaImageParser.parse(telinkFile(), ParseOptions.defaults().withTelink(TelinkMode.NEVER));
            assertEquals(List.of("ELEMENT_OVERRUN@262"), codes(r));
        }

        @Test
        void alwaysReadsEveryF000InTheTelinkForm() {
            byte[] f = base().element(0, payload(10)).telinkElement(Bytes.fromHex("0102"), payload(30)).build();
            OtaImageReport r = OtaImageParser.parse(f, ParseOptions.defaults().withTelink(TelinkMode.ALWAYS));
            assertEquals(List.of("TELINK_F000@72"), codes(r));
            assertTrue(r.findings().get(0).message().contains("requested"));
            // The same file read as ordinary fails; AUTO finds the Telink reading.
            assertEquals(List.of("TELINK_F000@72"), codes(OtaImageParser.parse(f)));
            // And an ordinary 0xF000 chain forced into the Telink form breaks.
            byte[] ordinary = base().element(0xF000, payload(18)).element(0, payload(100)).build();
            OtaImageReport forced = OtaImageParser.parse(ordinary, ParseOptions.defaults().withTelink(TelinkMode.ALWAYS));
            assertTrue(forced.has(FindingCode.ELEMENT_OVERRUN));
        }

        @Test
        void autoDoesNotUseTheTelinkReadingWhenItDoesNotEndExactly() {
            byte[] f = base().telinkElement(Bytes.fromHex("010c"), payload(200)).raw(Bytes.fromHex("00")).build();
            OtaImageReport r = OtaImageParser.parse(f);
            assertEquals(List.of("ELEMENT_OVERRUN@262"), codes(r));
            assertTrue(r.elements().get(0).telinkExtra().isEmpty());
        }
    }

    @Nested
    class Strict {
        @Test
        void parseStrictReturnsAWellFormedReport() {
            assertTrue(OtaImageParser.parseStrict(base().element(0, payload(10)).build()).ok());
        }

        @Test
        void parseStrictNamesTheFirstErrorsCodeAndOffset() {
            byte[] f = base().prefix(Bytes.fromHex("aabb")).elementDeclaring(0x002A, 1_711_277_057L, payload(30)).build();
            OtaImageException e = assertThrows(OtaImageException.class, () -> OtaImageParser.parseStrict(f));
            assertEquals(FindingCode.PREFIX, e.code());
            assertEquals(0, e.offset());
            assertTrue(e.getMessage().startsWith("PREFIX at offset 0: 2 bytes before"), e.getMessage());
            assertTrue(e.getMessage().endsWith("(and 1 more errors)"), e.getMessage());
            assertEquals(List.of("PREFIX@0", "RESERVED_TAG@58", "ELEMENT_OVERRUN@58"), codes(e.report()));
            OtaImageException e2 = assertThrows(OtaImageException.class,
                    () -> OtaImageParser.parseStrict(f, ParseOptions.defaults().withUnwrap(true)));
            assertEquals(FindingCode.ELEMENT_OVERRUN, e2.code());
            assertEquals(58, e2.offset());
        }
    }

    @Test
    void everyTruncationOfAFileParsesWithoutThrowing() {
        byte[] f = base().securityCredentialVersion(2).upgradeFileDestination(-1L).hardwareVersions(1, 2)
                .extraHeaderBytes(payload(3)).element(0, payload(40)).telinkElement(Bytes.fromHex("010c"), payload(9))
                .element(3, payload(16)).trailing(payload(5)).build();
        for (int n = 0; n <= f.length; n++) {
            byte[] cut = Arrays.copyOf(f, n);
            for (ParseOptions o : List.of(ParseOptions.defaults(), new ParseOptions(true, TelinkMode.ALWAYS, ImageFormat.GB),
                    new ParseOptions(false, TelinkMode.NEVER, ImageFormat.ZIGBEE))) {
                OtaImageReport r = OtaImageParser.parse(cut, o);
                for (Finding x : r.findings()) {
                    assertTrue(x.offset() >= 0 && x.offset() <= n, x.toString());
                }
                if (r.header() != null) {
                    assertArrayEquals(cut, OtaImageBuilder.from(r).build(), () -> "rebuild at length " + cut.length);
                }
            }
        }
    }

    @Test
    void findingsAreSortedByOffset() {
        byte[] f = base().headerVersion(3).prefix(payload(3)).element(0x0100, payload(5)).trailing(payload(2)).build();
        OtaImageReport r = OtaImageParser.parse(f);
        List<Long> offsets = r.findings().stream().map(Finding::offset).toList();
        assertEquals(offsets.stream().sorted().collect(Collectors.toList()), offsets);
        assertEquals(List.of("PREFIX@0", "HEADER_VERSION@7", "RESERVED_TAG@59", "TRAILING_BYTES@70"), codes(r));
    }

    static Bytes concat(Bytes a, Bytes b) {
        byte[] out = new byte[a.length() + b.length()];
        a.copyTo(out, 0);
        b.copyTo(out, a.length());
        return Bytes.of(out);
    }
}
