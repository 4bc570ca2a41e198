package io.hansim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.crypto.KeyResolver;
import io.hansim.gbcs.crypto.MessageBuilder;
import io.hansim.gbcs.crypto.MessageVerifier;
import io.hansim.gbcs.crypto.MissingKeyException;
import io.hansim.gbcs.crypto.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hansim gbcs encode}: builds finished GBCS messages (gbcs.md §2) from JSON descriptions,
 * signed and MAC'd (gbcs.md §4) with keys from a keystore folder or the simulation PKI. Prints one
 * upper-case hex line per message, or writes the bytes to {@code --out}. Exit 0 ok, 2 bad input
 * (JSON errors name {@code file:line:column} and the JSON path; a missing key names entity and usage,
 * at the member that asks for the signature or MAC). The input may be {@code gbcs decode --json} output
 * ({@link GbcsMessageSpec}); its bytes come back identical when nothing was edited and the keys allow:
 * the signature verifies with the originator's DS key (public, or computed from the private one) and the
 * MAC key can be derived (one party's private KA key and the other's public one).
 */
@Command(
        name = "encode",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Build signed and MAC'd GBCS messages from a JSON description (one object or an array).",
        footer = {
            "",
            "Example JSON (CS06 Activate Firmware, signed by the supplier, MAC'd by the ACB):",
            "  {\"useCase\":\"CS06\",\"cra\":\"command\",\"originator\":\"90B3D51F30010000\",",
            "   \"recipient\":\"00DB123456789001\",\"originatorCounter\":\"0x0000000100000001\",",
            "   \"body\":{\"imageHash\":\"<64 hex>\",\"executionDateTime\":\"20261201000000Z\"}}",
            "Members: useCase (CS06, 0x00CA, CS08, CCS08, 0x012B, 0x00CE, 0x00CF, GCS09, ECS12, CS11) or",
            "  messageCode; cra; originator; recipient; originatorCounter; dateTime (24 hex or null);",
            "  form (onAir | precommand); supplementaryRemotePartyId/Counter, supplementaryOriginatorCounter,",
            "  supplementaryRemotePartyCertificateHex; sign; mac; securityControl; invocationCounter;",
            "  body | payloadHex; signatureHex (kept when it still verifies); encryptedParts[].plaintextHex.",
            "'gbcs decode --json' output is accepted as it is (its other members are ignored): decode, edit, encode.",
            "",
            "Examples:",
            "  hansim gbcs keys --pki-seed demo --entity 90B3D51F30010000 --entity 90B3D51F30000002:ka \\",
            "      --entity 00DB123456789001 -o target/keys",
            "  hansim gbcs encode --keys target/keys examples/gbcs/cs06.json",
            "  hansim gbcs encode --pki-seed demo --out cs06.bin - < examples/gbcs/cs06.json",
            "  hansim gbcs decode --json --keys DIR m.hex | hansim gbcs encode --keys DIR -",
            "",
            "Exit codes: 0 ok, 2 bad input (JSON, missing key, unreadable file), 3 internal error."
        })
final class GbcsEncodeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static final class KeySource {
        @Option(names = "--keys", paramLabel = "DIR",
                description = "Keystore folder: <eui>-<ds|ka>.pem certificates and .key PKCS#8 private keys.")
        Path keys;

        @Option(names = "--pki-seed", paramLabel = "SEED",
                description = "Use the simulation PKI derived from SEED (as 'hansim gbcs keys' writes it).")
        String pkiSeed;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    KeySource keySource;

    @Option(names = "--acb", paramLabel = "EUI", defaultValue = "90B3D51F30000002",
            description = "Access Control Broker whose KA key MACs remote-party commands (default: ${DEFAULT-VALUE}, the RTDS one).")
    String acb;

    @Option(names = {"--out", "-o"}, paramLabel = "FILE", description = "Write the messages' bytes here instead of hex lines.")
    Path out;

    @Parameters(index = "0", paramLabel = "JSON-FILE|-", description = "The JSON description; '-' reads standard input.")
    String input;

    @Override
    public Integer call() throws IOException {
        if (out != null) {
            // Not the JSON read, nor a file of the keystore (issue 14 item 1).
            java.util.List<OutputFiles.Named> inputs = new ArrayList<>();
            if (!input.equals("-")) {
                inputs.add(new OutputFiles.Named("JSON file", Path.of(input)));
            }
            if (keySource != null && keySource.keys != null && Files.isDirectory(keySource.keys)) {
                try (java.util.stream.Stream<Path> files = Files.list(keySource.keys)) {
                    files.forEach(f -> inputs.add(new OutputFiles.Named("key file", f)));
                } catch (IOException e) {
                    throw new BadInputException(keySource.keys + ": cannot list: " + e.getMessage(), e);
                }
            }
            OutputFiles.distinct(inputs, java.util.List.of(new OutputFiles.Named("--out", out)));
            OutputFiles.check(out);
        }
        long acbId = parseEui(acb, "--acb");
        KeyResolver keys = resolver();
        String source = input.equals("-") ? "<stdin>" : input;
        String text = input.equals("-") ? utf8(source, stdin()) : readFile(input);
        LocatedJson json = LocatedJson.parse(source, text);
        List<GbcsMessageSpec> specs = new ArrayList<>();
        JsonNode root = json.root();
        if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                specs.add(GbcsMessageSpec.read(json, json.object("$[" + i + "]", root.get(i)), keys));
            }
        } else {
            specs.add(GbcsMessageSpec.read(json, json.object("$", root), keys));
        }
        MessageBuilder builder = new MessageBuilder(keys, acbId, MessageVerifier.rtds().isDevice());
        ByteArrayOutputStream bin = new ByteArrayOutputStream();
        PrintWriter w = spec.commandLine().getOut();
        List<String> lines = new ArrayList<>();
        PrintWriter notes = spec.commandLine().getErr();
        for (GbcsMessageSpec s : specs) {
            GbcsMessage m;
            try {
                MessageBuilder.Built b = builder.build(s.header, s.payload, s.signature);
                m = b.message();
                if (b.carriedRejected()) {
                    notes.println("hansim: note: " + s.signPath + ": the given signature does not verify over this"
                            + " content (edited?); signed again with the originator's DS key");
                }
            } catch (MissingKeyException e) {
                String at = e.usage() == io.hansim.gbcs.crypto.KeyUsage.DS ? s.signPath : s.macPath;
                throw json.error(at, e.getMessage() + (keySource == null ? "; give --keys DIR or --pki-seed SEED" : ""));
            }
            byte[] wire = GbcsCodec.encode(m);
            bin.writeBytes(wire);
            lines.add(HexFormat.of().withUpperCase().formatHex(wire));
        }
        if (out != null) {
            OutputFiles.write(out, bin.toByteArray(), false);
        } else {
            lines.forEach(w::println);
        }
        w.flush();
        return Main.EXIT_OK;
    }

    private KeyResolver resolver() {
        if (keySource != null && keySource.keys != null) {
            return KeyFiles.keystore(keySource.keys);
        }
        if (keySource != null && keySource.pkiSeed != null) {
            return new TestPki(keySource.pkiSeed);
        }
        // No keys: only messages that need none (precommands, sign=false and mac=false) can be built.
        return new KeyResolver() {
            @Override
            public Optional<ECPublicKey> publicKey(long entity, io.hansim.gbcs.crypto.KeyUsage usage) {
                return Optional.empty();
            }

            @Override
            public Optional<ECPrivateKey> privateKey(long entity, io.hansim.gbcs.crypto.KeyUsage usage) {
                return Optional.empty();
            }
        };
    }

    /** The most JSON text read from a file or standard input (an endless pipe stops here). */
    static final long MAX_INPUT = 16L * 1024 * 1024;

    private static byte[] stdin() throws IOException {
        try {
            return io.hansim.cli.scenario.InputBytes.read(System.in, MAX_INPUT);
        } catch (io.hansim.cli.scenario.InputBytes.TooLargeException e) {
            throw new BadInputException("<stdin>: larger than the " + MAX_INPUT + "-octet limit for a JSON input");
        }
    }

    private static String readFile(String name) {
        Path p = Path.of(name);
        if (Files.isDirectory(p)) {
            throw new BadInputException(name + ": is a directory; expected a JSON file");
        }
        try {
            return utf8(name, io.hansim.cli.scenario.InputBytes.read(p, MAX_INPUT));
        } catch (io.hansim.cli.scenario.InputBytes.TooLargeException e) {
            throw new BadInputException(name + ": larger than the " + MAX_INPUT + "-octet limit for a JSON input");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadInputException(name + ": no such file", e);
        } catch (IOException e) {
            throw new BadInputException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Strict UTF-8; otherwise bad input naming the source and the first bad byte's offset (issue 14). */
    private static String utf8(String source, byte[] bytes) {
        try {
            return io.hansim.cli.scenario.Utf8Text.decode(bytes);
        } catch (io.hansim.cli.scenario.Utf8Text.NotUtf8Exception e) {
            throw new BadInputException(source + ": " + e.getMessage(), e);
        }
    }

    /** 16 hex digits, as EUI-64s are written everywhere in hansim. */
    static long parseEui(String text, String what) {
        String t = text.strip();
        if (t.length() != 16 || !t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new BadInputException(what + ": '" + text + "' is not an EUI-64 (16 hex digits)");
        }
        return Long.parseUnsignedLong(t, 16);
    }
}
