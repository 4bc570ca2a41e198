package io.hansim.cli;

import io.hansim.gbcs.crypto.KeyUsage;
import io.hansim.gbcs.crypto.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hansim gbcs keys}: writes a keystore folder (corpora.md §5.2 layout) from the simulation PKI:
 * {@code ca.pem}, and per key an X.509 certificate {@code <eui>-<usage>.pem} and a PKCS#8 private key
 * {@code <eui>-<usage>.key}. The same seed always writes the same bytes.
 */
@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Write certificates and private keys of the simulation PKI to a keystore folder.",
        footer = {
            "",
            "Examples:",
            "  hansim gbcs keys --pki-seed demo --entity 90B3D51F30010000 --entity 90B3D51F30000002:ka \\",
            "      --entity 00DB123456789001 -o target/keys",
            "  hansim gbcs decode --keys target/keys $(hansim gbcs encode --keys target/keys examples/gbcs/cs06.json)",
            "",
            "Entities: EUI-64 in hex, optionally ':' and a comma list of usages (ds, ka, pp-ka); default ds,ka.",
            "These keys are for simulation only: anyone with the seed has them."
        })
final class GbcsKeysCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--pki-seed", paramLabel = "SEED", required = true, description = "Seed of the simulation PKI.")
    String pkiSeed;

    @Option(names = "--entity", paramLabel = "EUI[:USAGES]", required = true,
            description = "An entity and its key usages (repeatable).")
    List<String> entities;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "Folder to write (created if needed).")
    Path dir;

    @Override
    public Integer call() {
        Set<TestPki.KeyRef> refs = new LinkedHashSet<>();
        for (String e : entities) {
            refs.addAll(parse(e));
        }
        List<Path> written = writeKeystore(new TestPki(pkiSeed), dir, refs);
        PrintWriter out = spec.commandLine().getOut();
        written.forEach(out::println);
        out.flush();
        return Main.EXIT_OK;
    }

    /**
     * The keystore layout of {@link TestPki#writeKeystore}, with the same bytes, written through
     * {@link OutputFiles}: each file may be a link (written through) or a new file, never a device or
     * folder; private keys are mode 0600, owner only (issue 14 items 1 and 7).
     */
    static List<Path> writeKeystore(TestPki pki, Path folder, Set<TestPki.KeyRef> keys) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new BadInputException(folder + ": cannot create the folder: " + e.getMessage(), e);
        }
        List<Path> written = new ArrayList<>();
        Path ca = folder.resolve("ca.pem");
        OutputFiles.write(ca, pem("CERTIFICATE", encoded(pki.caCertificate())), false);
        written.add(ca);
        for (TestPki.KeyRef k : keys) {
            String base = HexFormat.of().toHexDigits(k.entity()) + "-" + k.usage().suffix();
            Path cert = folder.resolve(base + ".pem");
            OutputFiles.write(cert, pem("CERTIFICATE", encoded(pki.certificate(k.entity(), k.usage()))), false);
            written.add(cert);
            Path key = folder.resolve(base + ".key");
            byte[] der = pki.privateKey(k.entity(), k.usage())
                    .orElseThrow(() -> new IllegalStateException("the simulation PKI has no key for " + k))
                    .getEncoded();
            OutputFiles.writeSecret(key, pem("PRIVATE KEY", der));
            written.add(key);
        }
        return written;
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate does not encode", e);
        }
    }

    /** PEM, 64-character lines, LF endings (RFC 7468): the bytes TestPki's keystore has. */
    private static byte[] pem(String label, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return ("-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    static List<TestPki.KeyRef> parse(String text) {
        int colon = text.indexOf(':');
        long eui = GbcsEncodeCommand.parseEui(colon < 0 ? text : text.substring(0, colon), "--entity");
        List<TestPki.KeyRef> out = new ArrayList<>();
        String usages = colon < 0 ? "ds,ka" : text.substring(colon + 1);
        for (String u : usages.split(",", -1)) {
            KeyUsage usage = null;
            for (KeyUsage k : KeyUsage.values()) {
                if (k.suffix().equals(u.strip())) {
                    usage = k;
                }
            }
            if (usage == null) {
                throw new BadInputException("--entity " + text + ": unknown usage '" + u + "' (expected ds, ka or pp-ka)");
            }
            out.add(new TestPki.KeyRef(eui, usage));
        }
        return out;
    }
}
