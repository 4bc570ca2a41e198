package io.hansim.cli;

import io.hansim.zigbee.ota.image.DeterministicEcdsa;
import io.hansim.zigbee.ota.image.GbBody;
import io.hansim.zigbee.ota.image.GbForm;
import io.hansim.zigbee.ota.image.OtaImageBuilder;
import io.hansim.zigbee.ota.image.PemKeys;
import io.hansim.zigbee.zcl.Bytes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hansim image build}: writes a Zigbee OTA upgrade file from header fields and a payload,
 * either as one Upgrade Image sub-element (tag 0x0000, zigbee-ota.md §7.2) or in a GB form
 * (zigbee-ota.md §8, requirements G.6, {@link GbForm}): the SR 11.4 PPMID form, header ‖ Manufacturer
 * Image, or the signed SR 11.1 form, header ‖ Manufacturer Image ‖ 00 ‖ 40 ‖ r‖s.
 *
 * <p>Output is deterministic: the same options give the same bytes (generated payloads come from
 * a seed, signatures use RFC 6979 nonces). The file is written to a temporary file beside the
 * target and moved into place, so a failure never leaves a half-written image behind.
 */
@Command(
        name = "build",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        description = "Build a Zigbee OTA upgrade file (optionally in the GB form, signed).",
        footer = {
            "",
            "Examples:",
            "  hansim image build --demo -o target/demo-ppmid.ota",
            "  hansim image build --manufacturer-code 0x1234 --image-type 0x0084 --file-version 0x01020304 \\",
            "      --hardware-versions 0x0100..0x01FF --payload-size 65536 -o ppmid.ota",
            "  hansim image build --manufacturer-code 0x121D --image-type 0 --file-version 0xACDCACDC \\",
            "      --gb --sign-key supplier-ds.key --payload firmware.bin -o esme.ota",
            "  hansim image build --demo --gb-form ppmid -o ppmid-sr11.4.ota   (the SR 11.4 PPMID form, no signature)",
            "",
            "Numbers may be decimal or 0x-prefixed hex."
        })
final class ImageBuildCommand implements Callable<Integer> {
    /** Label of the seeded demo signing key; printed so users know it is not a real key. */
    static final String DEMO_KEY_LABEL = "hansim demo GB signing key";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Where to write the image.")
    Path output;

    @Option(names = "--demo",
            description = "Preset: a GB image with a PPMID identity (manufacturer 0x1234, image type 0x0084, version 0x01000002, "
                    + "hardware 0x0100..0x01FF, 48 KiB generated payload) in the signed form with a seeded demo key; "
                    + "writes the demo public key beside it as FILE.pub.pem. With --gb-form ppmid it is the unsigned SR 11.4 "
                    + "form a PPMID really receives. Other options override the preset.")
    boolean demo;

    @Option(names = "--manufacturer-code", converter = Numbers.U16.class, paramLabel = "N")
    Integer manufacturerCode;

    @Option(names = "--image-type", converter = Numbers.U16.class, paramLabel = "N")
    Integer imageType;

    @Option(names = "--file-version", converter = Numbers.U32.class, paramLabel = "N")
    Long fileVersion;

    @Option(names = "--stack-version", converter = Numbers.U16.class, paramLabel = "N",
            description = "Zigbee stack version (default 2, Zigbee PRO).")
    Integer stackVersion;

    @Option(names = "--header-version", converter = Numbers.U16.class, paramLabel = "N",
            description = "Header version (default 0x0100).")
    Integer headerVersion;

    @Option(names = "--header-string", paramLabel = "TEXT",
            description = "Header string, at most 32 bytes; \\xNN escapes allowed; NUL-padded.")
    String headerString;

    @Option(names = "--hardware-versions", paramLabel = "MIN..MAX",
            description = "Minimum and maximum hardware versions ((version << 8) | revision), e.g. 0x0100..0x01FF.")
    String hardwareVersions;

    @Option(names = "--security-credential-version", converter = Numbers.U8.class, paramLabel = "N",
            description = "0 SE1.0, 1 SE1.1, 2 SE2.0, 3 SE1.2.")
    Integer securityCredentialVersion;

    @Option(names = "--destination", converter = Numbers.Eui64.class, paramLabel = "EUI64",
            description = "Upgrade file destination (device-specific file), 16 hex digits.")
    Long destination;

    @ArgGroup(exclusive = true)
    Payload payload;

    static final class Payload {
        @Option(names = "--payload", paramLabel = "FILE", description = "Payload bytes from a file.")
        Path file;

        @Option(names = "--payload-size", paramLabel = "BYTES", description = "Generate this many payload bytes from --seed.")
        Integer size;
    }

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", converter = Numbers.Seed.class,
            description = "Seed for generated payloads and the demo key (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--tag", converter = Numbers.U16.class, paramLabel = "N",
            description = "Sub-element tag for the payload (default 0x0000 Upgrade Image); not with --gb.")
    Integer tag;

    @Option(names = "--gb", description = "GB form: the payload is the Manufacturer Image, written raw after the header.")
    boolean gb;

    @Option(names = "--sign-key", paramLabel = "PEM",
            description = "Sign the Manufacturer Image with this PKCS#8 P-256 private key (implies --gb).")
    Path signKey;

    @Option(names = "--gb-form", paramLabel = "FORM",
            description = "GB form (implies --gb): PPMID = the SR 11.4 form, Manufacturer Image with no signature tail "
                    + "(what DUIS 11.4 carries to a PPMID); SIGNED = the SR 11.1 form, Manufacturer Image || 00 || 40 || "
                    + "signature (ESME/CH/HCALCS style; needs --sign-key or --demo). Default: SIGNED with a key, else PPMID.")
    GbForm form;

    @Override
    public Integer call() {
        checkPaths();
        if (form == GbForm.PPMID && signKey != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--gb-form ppmid is the SR 11.4 form, which has no signature: drop --sign-key or use --gb-form signed");
        }
        if (form == GbForm.SIGNED && signKey == null && !demo) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--gb-form signed needs a key: --sign-key PEM (or --demo for the seeded demo key)");
        }
        PrivateKey key = null;
        KeyPair demoKeys = null;
        if (signKey != null) {
            key = readKey(signKey);
        } else if (demo && form != GbForm.PPMID) {
            demoKeys = DeterministicEcdsa.keyPairFromSeed(DEMO_KEY_LABEL, seed);
            key = demoKeys.getPrivate();
        }
        boolean gbForm = gb || demo || key != null || form != null;

        Integer mfr = pick(manufacturerCode, 0x1234);
        Integer type = pick(imageType, 0x0084);
        Long version = fileVersion != null ? fileVersion : demo ? Long.valueOf(0x0100_0002L) : null;
        if (mfr == null || type == null || version == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--manufacturer-code, --image-type and --file-version are required (or use --demo)");
        }
        if (gbForm && tag != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tag cannot be used with the GB form");
        }

        OtaImageBuilder b = OtaImageBuilder.create()
                .manufacturerCode(mfr)
                .imageType(type)
                .fileVersion(version)
                .zigbeeStackVersion(stackVersion != null ? stackVersion : 2);
        if (headerVersion != null) {
            b.headerVersion(headerVersion);
        }
        String hs = headerString != null ? headerString : demo ? "hansim demo PPMID image" : null;
        if (hs != null) {
            if (hs.getBytes(StandardCharsets.ISO_8859_1).length > 32 && !hs.contains("\\x")) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--header-string is longer than 32 bytes: " + hs.length());
            }
            try {
                b.headerString(hs);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--header-string: " + e.getMessage());
            }
        }
        String hw = hardwareVersions != null ? hardwareVersions : demo ? "0x0100..0x01FF" : null;
        if (hw != null) {
            int[] range = parseRange(hw);
            b.hardwareVersions(range[0], range[1]);
        }
        if (securityCredentialVersion != null) {
            b.securityCredentialVersion(securityCredentialVersion);
        }
        if (destination != null) {
            b.upgradeFileDestination(destination);
        }

        // Generated firmware says its own version (SimulatedFirmware, issue 14); a --payload file is as given.
        Bytes body = payload != null && payload.file != null ? payloadBytes()
                : io.hansim.zigbee.ota.image.SimulatedFirmware.stamped(version, payloadBytes());
        if (gbForm) {
            b.gbBody(key == null ? GbBody.unsigned(body) : GbBody.signed(body, DeterministicEcdsa.sign(body, key)));
        } else {
            b.element(tag != null ? tag : 0x0000, body);
        }

        byte[] image;
        try {
            image = b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new BadInputException("cannot build the image: " + e.getMessage(), e);
        }
        OutputFiles.writeReplacing(output, image, true);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("wrote %s: %d bytes, manufacturer 0x%04X, image type 0x%04X, file version 0x%08X%s%n",
                output, image.length, mfr, type, version,
                gbForm ? ", " + (key != null ? GbForm.SIGNED : GbForm.PPMID).label() : ", Zigbee form");
        if (gbForm) {
            out.println("manufacturer image hash (SHA-256): " + GbBody.unsigned(body).manufacturerImageHash().hex());
        }
        if (demoKeys != null) {
            Path pub = output.resolveSibling(output.getFileName() + ".pub.pem");
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(demoKeys.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            OutputFiles.writeReplacing(pub, pem.getBytes(StandardCharsets.US_ASCII), true);
            out.println("demo signing key: seeded (\"" + DEMO_KEY_LABEL + "\", seed " + seed
                    + "), not secret; public key in " + pub);
        }
        out.flush();
        return Main.EXIT_OK;
    }

    private <T> T pick(T given, T demoValue) {
        return given != null ? given : demo ? demoValue : null;
    }

    private Bytes payloadBytes() {
        if (payload != null && payload.file != null) {
            return Bytes.of(ImageInspectCommand.read(payload.file.toString()));
        }
        if (payload != null && payload.size != null && payload.size < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--payload-size " + payload.size + ": must be at least 0 (a number of bytes)");
        }
        int size = payload != null && payload.size != null ? payload.size : demo ? 48 * 1024 : -1;
        if (size < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "a payload is required: --payload FILE or --payload-size BYTES (or use --demo)");
        }
        if (size > 64 * 1024 * 1024) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--payload-size " + size + " is larger than the 64 MiB this tool generates");
        }
        return OtaImageBuilder.generatedPayload(seed, size);
    }

    private int[] parseRange(String text) {
        String[] parts = text.split("\\.\\.|-", -1);
        if (parts.length != 2) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--hardware-versions '" + text + "' is not MIN..MAX");
        }
        try {
            int min = (int) Numbers.parse(parts[0], 0xFFFF, "minimum hardware version");
            int max = (int) Numbers.parse(parts[1], 0xFFFF, "maximum hardware version");
            if (min > max) {
                throw new CommandLine.ParameterException(spec.commandLine(), String.format(
                        "--hardware-versions: minimum 0x%04X is above maximum 0x%04X", min, max));
            }
            return new int[] {min, max};
        } catch (CommandLine.TypeConversionException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--hardware-versions: " + e.getMessage());
        }
    }

    private static PrivateKey readKey(Path pem) {
        return KeyFiles.privateKey(pem); // a P-256 PKCS#8 key, or exit 2 naming the file
    }

    /**
     * Before any work: each output is writable in kind (OutputFiles) and is not an input nor the other
     * output (issue 14 item 1).
     */
    private void checkPaths() {
        List<OutputFiles.Named> inputs = new ArrayList<>();
        if (signKey != null) {
            inputs.add(new OutputFiles.Named("--sign-key", signKey));
        }
        if (payload != null && payload.file != null) {
            inputs.add(new OutputFiles.Named("--payload", payload.file));
        }
        List<OutputFiles.Named> outputs = new ArrayList<>();
        outputs.add(new OutputFiles.Named("-o", output));
        if (demo && signKey == null && form != GbForm.PPMID) {
            outputs.add(new OutputFiles.Named("the demo public key",
                    output.resolveSibling(output.getFileName() + ".pub.pem")));
        }
        OutputFiles.distinct(inputs, outputs);
        for (OutputFiles.Named o : outputs) {
            OutputFiles.check(o.path());
        }
    }
}
