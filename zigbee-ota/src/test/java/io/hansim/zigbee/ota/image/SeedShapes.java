package io.hansim.zigbee.ota.image;

import io.hansim.zigbee.zcl.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Small files built with {@link OtaImageBuilder} in the shapes the real corpus has (corpora.md §3),
 * used as fuzz seeds and builder round-trip cases. Every byte is generated here; nothing is cut
 * from the vendor files.
 */
final class SeedShapes {
    private SeedShapes() {
    }

    private static Bytes p(long seed, int n) {
        return OtaImageBuilder.generatedPayload(seed, n);
    }

    private static OtaImageBuilder base() {
        return new OtaImageBuilder().manufacturerCode(0x1234).imageType(0x0102).fileVersion(0x00030103L)
                .headerString("hansim seed");
    }

    static Map<String, byte[]> all() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("clean", base().element(0, p(1, 200)).build());
        m.put("empty-image", base().build());
        // Ubisys-like: hardware range (field control 0x0004, 60-byte header) and an integrity code.
        OtaImageBuilder ubisys = base().hardwareVersions(0, 5).element(0xF7BD, p(2, 40)).element(0, p(3, 150));
        byte[] beforeCode = ubisys.totalImageSizeOverride(60L + 46 + 156 + 22).build();
        m.put("hardware-range-integrity", ubisys.totalImageSizeOverride(null)
                .element(3, AesMmo.hash(Bytes.of(beforeCode))).build());
        m.put("all-options", base().securityCredentialVersion(2).upgradeFileDestination(0x0011223344556677L)
                .hardwareVersions(0x0101, 0x0202).element(0, p(4, 64)).build());
        m.put("header-padding", base().extraHeaderBytes(p(5, 4)).element(0, p(6, 64)).build());
        m.put("prefix-trailing", base().prefix(Bytes.fromHex("00112233")).element(0, p(7, 120)).trailing(p(8, 17)).build());
        m.put("signed-container", base().prefix(Bytes.of(new byte[48]))
                .element(0, p(10, 100)).element(0xFFBF, p(11, 64)).element(0xFFBE, p(12, 40)).trailing(p(13, 64)).build());
        m.put("trailing-4", base().element(0, p(14, 90)).element(0xF00C, p(15, 20)).trailing(p(16, 4)).build());
        m.put("suite2-signature-trailing", base().element(0, p(17, 80)).element(0xFF01, p(18, 34))
                .element(5, p(19, 80)).trailing(p(20, 8)).build());
        m.put("truncated", java.util.Arrays.copyOf(base().element(0, p(21, 300)).build(), 150));
        m.put("telink-f000", base().headerString("Telink OTA Sample Usage").telinkElement(Bytes.fromHex("010c"), p(22, 200)).build());
        m.put("f000-ordinary", base().element(0xF000, p(23, 18)).element(0, p(24, 120)).element(0xF001, p(25, 18))
                .element(3, p(26, 16)).build());
        m.put("overrun-first", base().elementDeclaring(0x002A, 1_711_277_057L, p(27, 150)).build());
        m.put("overrun-second", base().element(0, p(28, 100)).elementDeclaring(0x940C, 2_483_814_528L, p(29, 50)).build());
        m.put("reserved-tag-chain", base().headerString("\\x14OTA_lumi.motion.ac01").element(0xCDEF, p(30, 17))
                .element(0, p(31, 20)).element(0, p(32, 100)).build());
        m.put("wildcard-reserved", base().manufacturerCode(0xFFFF).element(0x0100, p(33, 30)).element(0, p(34, 60)).build());
        m.put("non-ascii-header-string", base().headerString(Bytes.fromHex("ee757d364000603e4000137040000100"))
                .element(0, p(35, 100)).build());
        m.put("gb-esme", base().hardwareVersions(0x1111, 0x1211).gbBody(GbBody.signed(p(36, 150), p(37, 64))).build());
        m.put("gb-ppmid", base().imageType(0x0084).hardwareVersions(0x1111, 0x1211).gbBody(GbBody.unsigned(p(38, 150))).build());
        m.put("not-an-ota", "this is not a valid OTA file".getBytes(StandardCharsets.US_ASCII));
        m.put("too-short", java.util.Arrays.copyOf(base().build(), 40));
        return m;
    }
}
