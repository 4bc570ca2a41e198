package io.hansim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hansim.zigbee.ota.image.Finding;
import io.hansim.zigbee.ota.image.FindingCode;
import io.hansim.zigbee.ota.image.GbForm;
import io.hansim.zigbee.ota.image.GbImages;
import io.hansim.zigbee.ota.image.PemKeys;
import io.hansim.zigbee.ota.image.ImageFormat;
import io.hansim.zigbee.ota.image.OtaHeader;
import io.hansim.zigbee.ota.image.OtaImageParser;
import io.hansim.zigbee.ota.image.OtaImageReport;
import io.hansim.zigbee.ota.image.ParseOptions;
import io.hansim.zigbee.ota.image.Severity;
import io.hansim.zigbee.ota.image.SubElement;
import io.hansim.zigbee.ota.image.TelinkMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hansim image inspect}: prints, per file, the OTA header, the sub-elements and the findings
 * a certification lab would raise (domain/corpora.md §3). Exit 0 when every file is ok, 1 when a
 * file has an error finding, 2 when an argument is bad or a file cannot be read.
 */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Print the header, sub-elements and findings of OTA upgrade files.",
        footer = {
            "",
            "Examples:",
            "  hansim image inspect firmware.ota",
            "  hansim image inspect --json ../shared/corpus/ota/*     (one JSON object a line)",
            "  hansim image inspect --unwrap 'IKEA bulb.ota.signed'   (a prefix before the identifier is a warning)",
            "  hansim image inspect --verify-key supplier-ds.pem esme.ota   (check the GB signature of the signed form)",
            "",
            "Exit codes: 0 every file ok, 1 a file has an error finding, 2 bad arguments or unreadable file."
        })
final class ImageInspectCommand implements Callable<Integer> {
    /** Files larger than this are refused rather than read into memory (OTA images are ≤ a few MB). */
    static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "One JSON object per file per line, for scripts and CI.")
    boolean json;

    @Option(names = "--unwrap",
            description = "Accept bytes before the file identifier (vendor containers): report them as a warning, not an error.")
    boolean unwrap;

    @Option(names = "--format", defaultValue = "AUTO",
            description = "Body format: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}; any case). GB = header + raw manufacturer image [+ 00 40 signature]. "
                    + "AUTO tells the two GB forms apart: the signed form (SR 11.1) by its 00 40 + 64-byte tail, the SR 11.4 PPMID form by the GB header (60 bytes, hardware range only).")
    ImageFormat format;

    @Option(names = "--telink", defaultValue = "AUTO",
            description = "Telink 0xF000 element form: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}: only when the chain proves it).")
    TelinkMode telink;

    @Option(names = "--verify-key", paramLabel = "PEM",
            description = "Check the GB signature with this public key or X.509 certificate (PEM); a bad or missing signature is an error.")
    Path verifyKey;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "OTA upgrade files.")
    List<String> files;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ParseOptions options = new ParseOptions(unwrap, telink, format);
        PublicKey key = verifyKey == null ? null : readPublicKey(verifyKey);
        int exit = Main.EXIT_OK;
        for (String name : files) {
            byte[] bytes;
            try {
                bytes = read(name);
            } catch (BadInputException e) {
                err.println("hansim: " + e.getMessage());
                exit = Main.EXIT_BAD_INPUT;
                continue;
            }
            OtaImageReport report = OtaImageParser.parse(bytes, options);
            if (key != null) {
                report = GbImages.checkSignature(report, key);
            }
            if (json) {
                out.println(toJson(name, report, key != null));
            } else {
                printHuman(out, name, report, key != null);
                if (format == ImageFormat.AUTO && report.has(FindingCode.ELEMENT_OVERRUN)) {
                    // docs/decisions/0014: an SR 11.4 body under a header without G.6's shape looks like
                    // a broken element chain.
                    out.println("  hint: if this is a GB image in the SR 11.4 PPMID form (no signature tail) whose header"
                            + " is not the 60-byte GB header with a hardware range, inspect it with --format gb");
                }
            }
            if (!report.ok() && exit == Main.EXIT_OK) {
                exit = Main.EXIT_CHECK_FAILED;
            }
        }
        out.flush();
        return exit;
    }

    /** A public key from a PEM file holding either a certificate or a bare public key. */
    static PublicKey readPublicKey(Path pem) {
        return KeyFiles.publicKey(pem); // a P-256 certificate or public key, or exit 2 naming the file
    }

    static byte[] read(String name) {
        Path p = Path.of(name);
        try {
            if (Files.isDirectory(p)) {
                throw new BadInputException(name + ": is a directory, not a file");
            }
            long size = Files.size(p);
            if (size > MAX_FILE_BYTES) {
                throw new BadInputException(name + ": " + size + " bytes is larger than the " + MAX_FILE_BYTES
                        + "-byte limit for an OTA file");
            }
            // Capped as it is read too: a FIFO or /dev/zero reports size 0 and never ends (issue 14).
            return io.hansim.cli.scenario.InputBytes.read(p, MAX_FILE_BYTES);
        } catch (io.hansim.cli.scenario.InputBytes.TooLargeException e) {
            throw new BadInputException(name + ": larger than the " + MAX_FILE_BYTES + "-byte limit for an OTA file");
        } catch (NoSuchFileException e) {
            throw new BadInputException(name + ": no such file");
        } catch (IOException | SecurityException e) {
            throw new BadInputException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The JSON line promised by issue #2 §5; absent optional fields are omitted. */
    static String toJson(String file, OtaImageReport r) {
        return toJson(file, r, false);
    }

    /**
     * @param signatureChecked whether {@code --verify-key} was given, so that a GB signature was
     *     checked; without it {@code gb.signatureChecked} is false and {@code gb.signatureNote} says how
     *     to check it (issue 14 item 7: "ok" alone never means the signature is good)
     */
    static String toJson(String file, OtaImageReport r, boolean signatureChecked) {
        ObjectNode o = JSON.createObjectNode();
        o.put("file", file);
        o.put("ok", r.ok());
        o.put("fileLength", r.fileLength());
        o.put("identifierOffset", r.identifierOffset());
        OtaHeader h = r.header();
        if (h != null) {
            o.put("headerVersion", h.headerVersion());
            o.put("headerLength", h.headerLength());
            o.put("fieldControl", h.fieldControl());
            o.put("manufacturerCode", h.manufacturerCode());
            o.put("imageType", h.imageType());
            o.put("fileVersion", h.fileVersion());
            o.put("stackVersion", h.zigbeeStackVersion());
            o.put("headerString", h.headerStringDisplay());
            o.put("headerStringHex", h.headerString().hex());
            o.put("totalImageSize", h.totalImageSize());
            if (h.securityCredentialVersion() != null) {
                o.put("securityCredentialVersion", h.securityCredentialVersion());
            }
            if (h.upgradeFileDestination() != null) {
                // EUI-64 as an unsigned JSON number, plus hex for humans and for JSON readers
                // that hold numbers as doubles.
                o.put("destination", new java.math.BigInteger(Long.toUnsignedString(h.upgradeFileDestination())));
                o.put("destinationHex", String.format("%016X", h.upgradeFileDestination()));
            }
            if (h.minimumHardwareVersion() != null) {
                o.put("minHardwareVersion", h.minimumHardwareVersion());
            }
            if (h.maximumHardwareVersion() != null) {
                o.put("maxHardwareVersion", h.maximumHardwareVersion());
            }
        }
        ArrayNode elements = o.putArray("elements");
        for (SubElement e : r.elements()) {
            ObjectNode n = elements.addObject();
            n.put("tag", e.tag());
            n.put("offset", e.offset());
            n.put("length", e.length());
        }
        if (r.gbBody() != null) {
            ObjectNode gb = o.putObject("gb");
            gb.put("form", formName(r.gbBody().form()));
            gb.put("formLabel", r.gbBody().form().label());
            gb.put("manufacturerImageLength", r.gbBody().manufacturerImage().length());
            gb.put("manufacturerImageHash", r.gbBody().manufacturerImageHash().hex());
            gb.put("signed", r.gbBody().hasSignature());
            gb.put("signatureChecked", signatureChecked);
            if (!signatureChecked) {
                gb.put("signatureNote", r.gbBody().hasSignature()
                        ? "the GB signature was not checked: give --verify-key PEM (the signer's public key or certificate)"
                        : "no GB signature to check (PPMID form); --verify-key PEM reports it missing");
            }
        }
        ArrayNode findings = o.putArray("findings");
        for (Finding f : r.findings()) {
            ObjectNode n = findings.addObject();
            n.put("severity", f.severity().name());
            n.put("code", f.code().name());
            n.put("offset", f.offset());
            n.put("message", f.message());
        }
        return o.toString();
    }

    /** The GB form as the scenario format names it ({@code form: ppmid | signed}). */
    static String formName(GbForm form) {
        return form == GbForm.PPMID ? "ppmid" : "signed";
    }

    static void printHuman(PrintWriter out, String file, OtaImageReport r, boolean signatureChecked) {
        out.println(file + ": " + (r.ok() ? "ok" : "ERROR") + " (" + r.fileLength() + " bytes)");
        OtaHeader h = r.header();
        if (h != null) {
            if (r.identifierOffset() != 0) {
                out.printf("  identifier at offset %d%n", r.identifierOffset());
            }
            out.printf("  header version      0x%04X, length %d, field control 0x%04X%n",
                    h.headerVersion(), h.headerLength(), h.fieldControl());
            out.printf("  manufacturer code   0x%04X%n", h.manufacturerCode());
            out.printf("  image type          0x%04X%n", h.imageType());
            out.printf("  file version        0x%08X%n", h.fileVersion());
            out.printf("  zigbee stack        %d%n", h.zigbeeStackVersion());
            out.printf("  header string       \"%s\"%n", h.headerStringDisplay());
            out.printf("  total image size    %d%n", h.totalImageSize());
            if (h.securityCredentialVersion() != null) {
                out.printf("  security credential %d%n", h.securityCredentialVersion());
            }
            if (h.upgradeFileDestination() != null) {
                out.printf("  destination         %016X%n", h.upgradeFileDestination());
            }
            if (h.minimumHardwareVersion() != null) {
                out.printf("  hardware versions   0x%04X..0x%04X%n", h.minimumHardwareVersion(), h.maximumHardwareVersion());
            }
        }
        if (!r.elements().isEmpty()) {
            out.println("  elements:");
            for (SubElement e : r.elements()) {
                out.printf("    tag 0x%04X  offset %-9d length %d%n", e.tag(), e.offset(), e.length());
            }
        }
        if (r.gbBody() != null) {
            var gb = r.gbBody();
            out.printf("  GB form             %s%n", gb.form().label());
            out.printf("  GB body             Manufacturer Image %d bytes, SHA-256 %s%n",
                    gb.manufacturerImage().length(), gb.manufacturerImageHash().hex());
            out.printf("  GB signature        %s%s%n", gb.hasSignature()
                    ? String.format("flag 0x%02X, 64-byte ECDSA P-256 r||s", gb.flag()) : "none (PPMID form)",
                    signatureChecked || !gb.hasSignature() ? "" : ", NOT CHECKED (give --verify-key PEM)");
        }
        for (Finding f : r.findings()) {
            out.printf("  %-7s %-24s offset %-9d %s%n", f.severity() == Severity.ERROR ? "ERROR" : f.severity().name(),
                    f.code().name(), f.offset(), f.message());
        }
    }
}
