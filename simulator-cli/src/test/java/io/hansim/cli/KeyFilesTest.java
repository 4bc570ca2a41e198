package io.hansim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 2: a corrupt key file (garbage PEM, an empty or binary .key, a P-384 key) is bad
 * input naming the file, exit 2, in every command that reads keys — never an internal error (exit 3).
 */
class KeyFilesTest {
    private static final String SUPPLIER = "90b3d51f30010000";

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    private static java.security.KeyPair p384() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        return g.generateKeyPair();
    }

    /** The ways a key file is broken: what to write over the supplier's DS key or certificate. */
    private static List<Corruption> corruptions() throws Exception {
        java.security.KeyPair p384 = p384();
        return List.of(
                new Corruption("-ds.pem", "-----BEGIN CERTIFICATE-----\n!!!garbage\n-----END CERTIFICATE-----\n"
                        .getBytes(StandardCharsets.US_ASCII)),
                new Corruption("-ds.pem", new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1, 2, (byte) 0x80}),
                new Corruption("-ds.key", new byte[0]),
                new Corruption("-ds.key", new byte[] {0x30, (byte) 0x82, (byte) 0xFF, (byte) 0xC3, 0, 7}),
                new Corruption("-ds.key", pem("PRIVATE KEY", new byte[] {1, 2, 3}).getBytes(StandardCharsets.US_ASCII)),
                new Corruption("-ds.key", pem("PRIVATE KEY", p384.getPrivate().getEncoded())
                        .getBytes(StandardCharsets.US_ASCII)),
                new Corruption("-ds.pem", pem("PUBLIC KEY", p384.getPublic().getEncoded())
                        .getBytes(StandardCharsets.US_ASCII)));
    }

    record Corruption(String suffix, byte[] content) {
    }

    private static Path keystore(Path dir) {
        Path ks = dir.resolve("ks");
        Cli c = Cli.run("gbcs", "keys", "-o", ks.toString(), "--pki-seed", "5", "--entity", SUPPLIER.toUpperCase() + ":ds",
                "--entity", "00DB123456789001:ka,ds", "--entity", "90B3D51F30000002:ka");
        assertEquals(0, c.exit(), c.err());
        return ks;
    }

    private static void assertNamesTheFile(Cli c, Path file, String what) {
        assertEquals(2, c.exit(), what + ": " + c.err());
        assertTrue(c.err().startsWith("hansim: " + file), what + ": " + c.err());
        assertTrue(!c.err().contains("internal error") && c.err().lines().count() == 1, what + ": " + c.err());
    }

    @Test
    void issue14_corruptKeyFilesInAKeystoreAreExit2NamingTheFile(@TempDir Path dir) throws Exception {
        Path ks = keystore(dir);
        Path json = Path.of(System.getProperty("user.dir")).getParent().resolve("examples/gbcs/cs06.json");
        Cli ok = Cli.run("gbcs", "encode", "--keys", ks.toString(), json.toString());
        assertEquals(0, ok.exit(), ok.err());
        Path hex = dir.resolve("cs06.hex");
        Files.writeString(hex, ok.out());
        for (Corruption k : corruptions()) {
            Path file = ks.resolve(SUPPLIER + k.suffix());
            byte[] good = Files.readAllBytes(file);
            Files.write(file, k.content());
            String what = k.suffix() + " " + Base64.getEncoder().encodeToString(k.content()).substring(0,
                    Math.min(24, Base64.getEncoder().encodeToString(k.content()).length()));
            assertNamesTheFile(Cli.run("gbcs", "encode", "--keys", ks.toString(), json.toString()), file,
                    "encode " + what);
            assertNamesTheFile(Cli.run("gbcs", "decode", "--keys", ks.toString(), hex.toString()), file,
                    "decode " + what);
            Files.write(file, good);
        }
    }

    @Test
    void issue14_corruptImageSigningAndVerifyingKeysAreExit2NamingTheFile(@TempDir Path dir) throws Exception {
        Path ks = keystore(dir);
        Path out = dir.resolve("x.ota");
        Cli ok = Cli.run("image", "build", "--demo", "--sign-key", ks.resolve(SUPPLIER + "-ds.key").toString(), "-o",
                out.toString());
        assertEquals(0, ok.exit(), ok.err());
        for (Corruption k : corruptions()) {
            Path file = dir.resolve("bad" + k.suffix());
            Files.write(file, k.content());
            Consumer<Cli> check = c -> assertNamesTheFile(c, file, k.suffix());
            if (k.suffix().endsWith(".key")) {
                check.accept(Cli.run("image", "build", "--demo", "--sign-key", file.toString(), "-o",
                        dir.resolve("y.ota").toString()));
            } else {
                check.accept(Cli.run("image", "inspect", "--verify-key", file.toString(), out.toString()));
            }
        }
        assertTrue(Files.notExists(dir.resolve("y.ota")), "nothing written with a broken key");
    }
}
