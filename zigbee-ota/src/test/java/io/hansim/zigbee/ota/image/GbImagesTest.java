package io.hansim.zigbee.ota.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hansim.zigbee.zcl.Bytes;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** GB images (zigbee-ota.md §8, requirements G.6): body form, hash, signature. */
class GbImagesTest {

    /**
     * The GB ESME firmware image of the DUIS template {@code templates/11.1_UPDATE_FIRMWARE_REQUEST_DUIS.XML}
     * ({@code <sr:FirmwareImage>}), public repository SmartDCCInnovation/duis-templates, commit
     * 932e18dc2dfdab6ba6325d33dc24280a6d4b355c: DCC public test data, 361 bytes.
     */
    static final byte[] DUIS_ESME_IMAGE = Base64.getDecoder().decode(
            "HvHuCwABPAAEAB0SAADcrNysAgBJIGFtIGEgR0ZJIEVTTUVbXSBmaXJtd2FyZSBpbWFnZWkBAAARERESQ3JpdGljYWxTb2Z0d2Fy"
            + "ZSBzYW1wbGUgZmlybXdhcmUgaW1hZ2VfQ3JpdGljYWxTb2Z0d2FyZSBzYW1wbGUgZmlybXdhcmUgaW1hZ2VfQ3JpdGljYWxTb2Z0"
            + "d2FyZSBzYW1wbGUgZmlybXdhcmUgaW1hZ2VfQ3JpdGljYWxTb2Z0d2FyZSBzYW1wbGUgZmlybXdhcmUgaW1hZ2VfQ3JpdGljYWxT"
            + "b2Z0d2FyZSBzYW1wbGUgZmlybXdhcmUgaW1hZ2VfQ3JpdGljYWxTb2Z0d2FyZSBzYW1wbGUgZmlybXdhcmUgaW1hZ2VfCgBADrSp"
            + "xyECeQ1Wkuw1K/y0l99SBhP+Ha5IQWXZIHG1KhzJtGn1HDyUkxr/S6yNQC+JwUE5DNH70LlBqk4Tsl++Ig==");

    /** zigbee-ota.md §8: Manufacturer Image Hash of the sample. */
    static final String DUIS_HASH = "7542f475e3f12eae887d81e32c46d313741d67076b13caec2f82e00ba5e1bb36";

    /**
     * SHA-256 of the PPMID image of the DUIS template 11.4 (same repository and commit, 295 bytes):
     * the ESME's Manufacturer Image without tail under a PPMID header. Not embedded; rebuilt below.
     */
    static final String DUIS_PPMID_SHA256 = "eb9bc9140bd389530bf3b2974270cc4d2ba1bfd3822ddc5faad4801125847c32";

    private static Path keystore() {
        return CorpusFiles.shared().resolve("vectors/gbcs/keystore");
    }

    @Test
    void duisEsmeImageIsDetectedAsGbAndItsHeaderRead() {
        OtaImageReport r = OtaImageParser.parse(DUIS_ESME_IMAGE);
        assertTrue(r.ok());
        assertEquals(1, r.findings().size());
        Finding f = r.findings().get(0);
        assertEquals(FindingCode.GB_BODY, f.code());
        assertEquals(Severity.INFO, f.severity());
        assertEquals(60, f.offset());
        assertTrue(f.message().contains("detected"), f.message());

        OtaHeader h = r.header();
        assertEquals(0x0100, h.headerVersion());
        assertEquals(60, h.headerLength());
        assertEquals(0x0004, h.fieldControl());
        assertEquals(0x121D, h.manufacturerCode());
        assertEquals(0x0000, h.imageType());
        assertEquals(0xACDCACDCL, h.fileVersion());
        assertEquals(2, h.zigbeeStackVersion());
        assertEquals("I am a GFI ESME[] firmware image", h.headerStringDisplay());
        assertEquals(361, h.totalImageSize());
        assertEquals(0x1111, h.minimumHardwareVersion());
        assertEquals(0x1211, h.maximumHardwareVersion());

        GbBody gb = r.gbBody();
        assertEquals(235, gb.manufacturerImage().length());
        assertEquals(0, gb.flag());
        assertEquals(64, gb.signature().length());
        assertEquals(DUIS_HASH, gb.manufacturerImageHash().hex());
        assertEquals(List.of(), r.elements());
        assertArrayEquals(DUIS_ESME_IMAGE, OtaImageBuilder.from(r).build());
        // Forcing the Zigbee form shows why AUTO chose GB: the "elements" are text.
        OtaImageReport zigbee = OtaImageParser.parse(DUIS_ESME_IMAGE, ParseOptions.defaults().withFormat(ImageFormat.ZIGBEE));
        assertTrue(zigbee.has(FindingCode.ELEMENT_OVERRUN));
        assertNull(zigbee.gbBody());
    }

    @Tag("conformance") // reads ../shared/vectors/gbcs/keystore
    @Test
    void duisEsmeSignatureVerifiesWithTheTestSuppliersCertificate() throws Exception {
        GbBody gb = OtaImageParser.parse(DUIS_ESME_IMAGE).gbBody();
        X509Certificate cert = PemKeys.readCertificate(keystore().resolve("90b3d51f30010000-ds.pem"));
        assertTrue(GbImages.verify(gb, cert));
        assertTrue(GbImages.verify(gb.manufacturerImage(), gb.signature(), PemKeys.readPublicKey(
                keystore().resolve("90b3d51f30010000-ds.pem"))));
        // One flipped bit in the image or the signature breaks it.
        byte[] image = gb.manufacturerImage().toArray();
        image[100] ^= 1;
        assertFalse(GbImages.verify(Bytes.of(image), gb.signature(), cert));
        byte[] sig = gb.signature().toArray();
        sig[63] ^= 1;
        assertFalse(GbImages.verify(gb.manufacturerImage(), Bytes.of(sig), cert));
        // Another party's key does not verify it.
        assertFalse(GbImages.verify(gb, PemKeys.readCertificate(keystore().resolve("90b3d51f30020000-ds.pem"))));
    }

    @Tag("conformance") // reads ../shared/vectors/gbcs/keystore
    @Test
    void signingWithTheTestSuppliersKeyVerifiesWithItsCertificate() throws Exception {
        PrivateKey key = PemKeys.readPrivateKey(keystore().resolve("90b3d51f30010000-ds.key"));
        GbBody gb = OtaImageParser.parse(DUIS_ESME_IMAGE).gbBody();
        Bytes sig = GbImages.sign(gb.manufacturerImage(), key);
        assertEquals(64, sig.length());
        assertTrue(GbImages.verify(gb.manufacturerImage(), sig,
                PemKeys.readCertificate(keystore().resolve("90b3d51f30010000-ds.pem"))));
    }

    /** The PPMID image of the DUIS 11.4 template, rebuilt from the 11.1 sample (see {@link #DUIS_PPMID_SHA256}). */
    static byte[] duisPpmidImage() {
        GbBody esme = OtaImageParser.parse(DUIS_ESME_IMAGE).gbBody();
        return new OtaImageBuilder().manufacturerCode(0x121D).imageType(0x0084).fileVersion(0xACDCACDCL)
                .headerString("I am a GFI PPMID firmware image ").hardwareVersions(0x1111, 0x1211)
                .gbBody(GbBody.unsigned(esme.manufacturerImage())).build();
    }

    @Test
    void g6_theDuisPpmidImageIsRebuiltByteForByteAndDetectedAsTheSr114FormWithoutOptions() {
        byte[] ppmid = duisPpmidImage();
        assertEquals(295, ppmid.length);
        assertEquals(DUIS_PPMID_SHA256, CorpusFiles.sha256(ppmid));

        OtaImageReport gb = OtaImageParser.parse(ppmid, ParseOptions.defaults().withFormat(ImageFormat.GB));
        assertTrue(gb.ok());
        assertFalse(gb.gbBody().hasSignature());
        assertNull(gb.gbBody().flag());
        assertEquals(GbForm.PPMID, gb.gbBody().form());
        assertEquals(DUIS_HASH, gb.gbBody().manufacturerImageHash().hex());
        assertTrue(only(gb).message().contains("no signature tail"));
        assertTrue(only(gb).message().startsWith(GbForm.PPMID.label()), only(gb).message());

        // AUTO: the element chain fails, there is no tail, and the header has G.6's shape.
        OtaImageReport auto = OtaImageParser.parse(ppmid);
        assertTrue(auto.ok(), auto.findings().toString());
        assertEquals(GbForm.PPMID, auto.gbBody().form());
        assertEquals(gb.gbBody(), auto.gbBody());
        Finding f = only(auto);
        assertEquals(FindingCode.GB_BODY, f.code());
        assertEquals(60, f.offset());
        assertTrue(f.message().startsWith("GB SR 11.4 form") && f.message().contains("detected")
                && f.message().contains("HeaderLength 60"), f.message());
        assertArrayEquals(ppmid, OtaImageBuilder.from(auto).build());
        // The same body as a Zigbee file shows what AUTO avoided reporting.
        assertTrue(OtaImageParser.parse(ppmid, ParseOptions.defaults().withFormat(ImageFormat.ZIGBEE))
                .has(FindingCode.ELEMENT_OVERRUN));
    }

    @Test
    void g6_theSignedFormIsNamedAsSuch() {
        OtaImageReport r = OtaImageParser.parse(DUIS_ESME_IMAGE);
        assertEquals(GbForm.SIGNED, r.gbBody().form());
        assertTrue(only(r).message().startsWith(GbForm.SIGNED.label()), only(r).message());
    }

    @Test
    void anSr114BodyUnderAHeaderWithoutTheGbShapeIsNotGuessed() {
        // No hardware range (56-byte header): such a body cannot be told from the corpus's Hue
        // .sbl-ota files, whose chains fail the same way (decision 0014); only --format gb reads it.
        GbBody esme = OtaImageParser.parse(DUIS_ESME_IMAGE).gbBody();
        byte[] noRange = new OtaImageBuilder().manufacturerCode(0x121D).imageType(0x0084).fileVersion(1)
                .gbBody(GbBody.unsigned(esme.manufacturerImage())).build();
        OtaImageReport auto = OtaImageParser.parse(noRange);
        assertNull(auto.gbBody());
        assertTrue(auto.has(FindingCode.ELEMENT_OVERRUN));
        // Another header option beside the range is not G.6's shape either.
        byte[] withDestination = new OtaImageBuilder().manufacturerCode(0x121D).imageType(0x0084).fileVersion(1)
                .hardwareVersions(1, 2).upgradeFileDestination(5L).gbBody(GbBody.unsigned(esme.manufacturerImage()))
                .build();
        assertNull(OtaImageParser.parse(withDestination).gbBody());
        // A truncated SR 11.4 image is not guessed GB either: only TRUNCATED is sure.
        byte[] cut = java.util.Arrays.copyOf(duisPpmidImage(), 200);
        OtaImageReport t = OtaImageParser.parse(cut);
        assertNull(t.gbBody());
        assertTrue(t.has(FindingCode.TRUNCATED));
    }

    private static Finding only(OtaImageReport r) {
        assertEquals(1, r.findings().size(), r.findings().toString());
        return r.findings().get(0);
    }

    @Test
    void signVerifyRoundTripWithAGeneratedKey() throws Exception {
        KeyPair kp = p256();
        Bytes image = OtaImageBuilder.generatedPayload(7, 1000);
        GbBody body = GbImages.signedBody(image, kp.getPrivate());
        assertTrue(GbImages.verify(body, kp.getPublic()));
        assertFalse(GbImages.verify(body, p256().getPublic()));
        assertFalse(GbImages.verify(GbBody.unsigned(image), kp.getPublic()));
        assertFalse(GbImages.verify(image, Bytes.of(new byte[63]), kp.getPublic()), "wrong length is just invalid");
        assertFalse(GbImages.verify(image, Bytes.of(new byte[64]), kp.getPublic()), "r = s = 0 is just invalid");

        // Built into a file, parsed back (AUTO detects it), rebuilt identically.
        byte[] file = new OtaImageBuilder().manufacturerCode(0x1234).imageType(0x0001).fileVersion(5)
                .hardwareVersions(1, 2).gbBody(body).build();
        OtaImageReport r = OtaImageParser.parse(file);
        assertEquals(body, r.gbBody());
        assertTrue(GbImages.verify(r.gbBody(), kp.getPublic()));
        assertEquals(Bytes.of(MessageDigest.getInstance("SHA-256").digest(image.toArray())), r.gbBody().manufacturerImageHash());
        assertArrayEquals(file, OtaImageBuilder.from(r).build());

        // The JDK's own DER signature over the same bytes verifies against our raw form too.
        Signature jdk = Signature.getInstance("SHA256withECDSA");
        jdk.initSign(kp.getPrivate());
        jdk.update(image.toArray());
        byte[] raw = GbImages.derToRaw(jdk.sign());
        assertTrue(GbImages.verify(image, Bytes.of(raw), kp.getPublic()));
    }

    @Test
    void keysOtherThanP256AreRefused() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair p384 = g.generateKeyPair();
        assertThrows(IllegalArgumentException.class, () -> GbImages.sign(Bytes.EMPTY, p384.getPrivate()));
        assertThrows(IllegalArgumentException.class, () -> GbImages.verify(Bytes.EMPTY, Bytes.of(new byte[64]), p384.getPublic()));
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        assertThrows(IllegalArgumentException.class, () -> GbImages.sign(Bytes.EMPTY, rsa.generateKeyPair().getPrivate()));
    }

    @Test
    void derAndRawConvertBothWays() {
        HexFormat hex = HexFormat.of();
        // r with its high bit set (DER adds a 00 sign byte), s short (DER drops leading zeros).
        byte[] raw = hex.parseHex("80" + "11".repeat(31) + "00".repeat(30) + "0102");
        byte[] der = GbImages.rawToDer(raw);
        assertEquals("3027" + "022100" + "80" + "11".repeat(31) + "02020102", hex.formatHex(der));
        assertArrayEquals(raw, GbImages.derToRaw(der));
        assertThrows(IllegalArgumentException.class, () -> GbImages.derToRaw(hex.parseHex("3003020101")));
        assertThrows(IllegalArgumentException.class, () -> GbImages.derToRaw(hex.parseHex("300602010102010100")));
        assertThrows(IllegalArgumentException.class, () -> GbImages.derToRaw(
                hex.parseHex("3025022101" + "11".repeat(32) + "020101")), "r of 33 bytes");
        assertThrows(IllegalArgumentException.class, () -> GbImages.rawToDer(new byte[65]));
    }

    @Tag("conformance") // reads ../shared/vectors/gbcs/keystore
    @Test
    void pemLoaderReadsCertificatesPrivateKeysAndBarePublicKeys() throws Exception {
        PublicKey bare = PemKeys.readPublicKey(keystore().resolve("fffffffffffffffe-ka.pem"));
        assertEquals("EC", bare.getAlgorithm());
        PublicKey fromCert = PemKeys.readPublicKey(keystore().resolve("90b3d51f30010000-ds.pem"));
        PrivateKey key = PemKeys.readPrivateKey(keystore().resolve("90b3d51f30010000-ds.key"));
        Bytes msg = Bytes.fromHex("00112233");
        assertTrue(GbImages.verify(msg, GbImages.sign(msg, key), fromCert));
        assertThrows(IllegalArgumentException.class, () -> PemKeys.privateKey("no pem here"));
        assertThrows(IllegalArgumentException.class,
                () -> PemKeys.certificate("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
        assertThrows(IllegalArgumentException.class,
                () -> PemKeys.publicKey("-----BEGIN PUBLIC KEY-----\n!!\n-----END PUBLIC KEY-----\n"));
    }

    @Test
    void forcedGbOnAFileWithoutTailAndOnATruncatedOne() {
        byte[] f = new OtaImageBuilder().raw(Bytes.fromHex("0102030405")).build();
        OtaImageReport r = OtaImageParser.parse(f, ParseOptions.defaults().withFormat(ImageFormat.GB));
        assertEquals(GbBody.unsigned(Bytes.fromHex("0102030405")), r.gbBody());
        byte[] cut = java.util.Arrays.copyOf(DUIS_ESME_IMAGE, 300);
        OtaImageReport t = OtaImageParser.parse(cut, ParseOptions.defaults().withFormat(ImageFormat.GB));
        assertNull(t.gbBody());
        assertEquals(List.of(FindingCode.TRUNCATED), t.findings().stream().map(Finding::code).toList());
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }
}
