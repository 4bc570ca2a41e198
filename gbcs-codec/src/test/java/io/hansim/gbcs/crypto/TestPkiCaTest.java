package io.hansim.gbcs.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulation CA of {@link TestPki}: X.509 v3 certificates shaped like the RTDS keystore's (corpora.md §5.2). */
class TestPkiCaTest {
    private static final long SUPPLIER = 0x90B3D51F30010000L;
    private static final long ESME = 0x00DB123456789001L;
    private static final List<TestPki.KeyRef> KEYS = List.of(new TestPki.KeyRef(SUPPLIER, KeyUsage.DS),
            new TestPki.KeyRef(SUPPLIER, KeyUsage.KA), new TestPki.KeyRef(ESME, KeyUsage.KA),
            new TestPki.KeyRef(ESME, KeyUsage.DS));

    @Test
    void certificatesAreIssuedByTheCaAndCarryTheEntityKey() throws Exception {
        TestPki pki = new TestPki("ca-test");
        X509Certificate ca = pki.caCertificate();
        ca.verify(ca.getPublicKey());
        assertEquals(Integer.MAX_VALUE, ca.getBasicConstraints());
        for (TestPki.KeyRef k : KEYS) {
            X509Certificate c = pki.certificate(k.entity(), k.usage());
            c.verify(ca.getPublicKey());
            assertEquals(3, c.getVersion());
            assertEquals(ca.getSubjectX500Principal(), c.getIssuerX500Principal());
            assertEquals(pki.publicKey(k.entity(), k.usage()).orElseThrow(), c.getPublicKey());
            boolean[] ku = c.getKeyUsage();
            assertEquals(k.usage() == KeyUsage.DS, ku[0], "digitalSignature");
            assertEquals(k.usage() == KeyUsage.KA, ku[4], "keyAgreement");
            assertTrue(c.getCriticalExtensionOIDs().contains("2.5.29.15"));
        }
        // Another PKI's CA did not issue them.
        assertThrows(SignatureException.class, () -> pki.certificate(ESME, KeyUsage.KA)
                .verify(new TestPki("other").caCertificate().getPublicKey()));
    }

    @Test
    void deviceCertificateHasEmptySubjectAndTheEuiInSubjectAltName() throws Exception {
        X509Certificate c = new TestPki("ca-test").certificate(ESME, KeyUsage.KA);
        assertEquals("", c.getSubjectX500Principal().getName());
        assertTrue(c.getCriticalExtensionOIDs().contains("2.5.29.17"));
        var san = c.getSubjectAlternativeNames().iterator().next();
        assertEquals(0, san.get(0)); // otherName
        String der = HexFormat.of().withUpperCase().formatHex(c.getExtensionValue("2.5.29.17"));
        assertTrue(der.contains("06082B06010505070804"), der); // id-on-hardwareModuleName
        assertTrue(der.endsWith("040800DB123456789001"), der); // hwSerialNum = EUI
    }

    @Test
    void organisationCertificateNamesTheEui() {
        X509Certificate c = new TestPki("ca-test").certificate(SUPPLIER, KeyUsage.DS);
        String dn = c.getSubjectX500Principal().getName();
        assertTrue(dn.contains("CN=hansim 90B3D51F30010000"), dn);
        assertTrue(dn.contains("OU=simulation"), dn);
        assertTrue(dn.contains("2.5.4.45=#03090090B3D51F30010000".toLowerCase()) || dn.contains("#03090090b3d51f30010000"), dn);
    }

    @Test
    void writtenKeystoreParsesAndResolvesToTheSameKeys(@TempDir Path dir) throws Exception {
        TestPki pki = new TestPki("ca-test");
        List<Path> files = pki.writeKeystore(dir, KEYS);
        assertEquals(1 + 2 * KEYS.size(), files.size());
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        X509Certificate ca;
        try (InputStream in = Files.newInputStream(dir.resolve("ca.pem"))) {
            ca = (X509Certificate) cf.generateCertificate(in);
        }
        assertArrayEquals(pki.caCertificate().getEncoded(), ca.getEncoded());
        KeystoreFolderResolver folder = new KeystoreFolderResolver(dir);
        for (TestPki.KeyRef k : KEYS) {
            String base = HexFormat.of().toHexDigits(k.entity()) + "-" + k.usage().suffix();
            try (InputStream in = Files.newInputStream(dir.resolve(base + ".pem"))) {
                ((X509Certificate) cf.generateCertificate(in)).verify(ca.getPublicKey());
            }
            assertEquals(pki.publicKey(k.entity(), k.usage()), folder.publicKey(k.entity(), k.usage()));
            assertEquals(pki.privateKey(k.entity(), k.usage()).orElseThrow().getS(),
                    folder.privateKey(k.entity(), k.usage()).orElseThrow().getS());
        }
        assertFalse(folder.privateKey(0x00DB123456789002L, KeyUsage.KA).isPresent());
    }

    @Test
    void sameSeedWritesIdenticalFiles(@TempDir Path dir) throws IOException {
        List<Path> a = new TestPki("same").writeKeystore(dir.resolve("a"), KEYS);
        List<Path> b = new TestPki("same").writeKeystore(dir.resolve("b"), KEYS);
        List<Path> c = new TestPki("different").writeKeystore(dir.resolve("c"), KEYS);
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).getFileName(), b.get(i).getFileName());
            if (!Files.readString(a.get(i)).equals(Files.readString(b.get(i)))) {
                diffs.add(a.get(i).getFileName().toString());
            }
            assertFalse(Files.readString(a.get(i)).equals(Files.readString(c.get(i))), "seed must matter");
        }
        assertEquals(List.of(), diffs);
    }
}
