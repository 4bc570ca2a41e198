package io.hansim.cli;

import io.hansim.cli.scenario.TerminalText;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsDecodeException;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.GroupingHeader;
import io.hansim.gbcs.OtherInformation;
import io.hansim.gbcs.Signature;
import io.hansim.gbcs.crypto.CipherContext;
import io.hansim.gbcs.crypto.KeyResolver;
import io.hansim.gbcs.crypto.EncryptedPart;
import io.hansim.gbcs.crypto.EncryptedParts;
import io.hansim.gbcs.crypto.MessageVerifier;
import io.hansim.gbcs.crypto.PayloadCipher;
import io.hansim.gbcs.crypto.Verdict;
import io.hansim.gbcs.payload.MessageCodeRegistry;
import io.hansim.gbcs.payload.Payload;
import io.hansim.gbcs.payload.PayloadCodec;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.ArrayList;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hansim gbcs decode}: the envelope of each GBCS message (gbcs.md §2) and, with keys, the
 * MAC and signature verdicts (gbcs.md §4) and the encrypted parts (§4.3). Exit 0 when every message
 * decodes and no verdict is INVALID, 1 when one is INVALID or a message does not decode or - with
 * {@code --keys} - when no key fits any check the message calls for (all UNVERIFIABLE: "UNVERIFIED", and
 * {@code "ok": false, "unverified": [...]} in JSON; issue 14 item 7), 2 for bad arguments or
 * unreadable files. {@code --json} prints what {@code gbcs encode} reads ({@link #toJson}).
 */
@Command(
        name = "decode",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Decode GBCS messages (hex text, files of hex, or binary files) and verify them.",
        footer = {
            "",
            "Examples:",
            "  hansim gbcs decode --keys ../shared/vectors/gbcs/keystore ../shared/vectors/gbcs/rtds-4.5.0/11.3_CS06/*.HEX",
            "  hansim gbcs decode --json DD00000000000000...",
            "  hansim gbcs decode --json --keys DIR m.hex > m.json   (edit m.json, then: hansim gbcs encode --keys DIR m.json)",
            "",
            "Verdicts: VALID, INVALID, ABSENT (the message carries none), UNVERIFIABLE (no key for it: a missing",
            "key is never INVALID). Encrypted parts are keyed by the Supplementary Remote Party when there is one.",
            "With --keys, a message none of whose checks any key fits (nothing VALID, something UNVERIFIABLE)",
            "is UNVERIFIED, not ok (exit 1).",
            "Exit codes: 0 all decoded, nothing INVALID and (with --keys) everything verified, 1 otherwise,",
            "2 bad arguments or unreadable file."
        })
final class GbcsDecodeCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "One JSON object per input per line; 'gbcs encode' reads it back.")
    boolean json;

    @Option(names = "--keys", paramLabel = "DIR",
            description = "Folder of PEM certificates, public keys and PKCS#8 keys named <eui>-<ds|ka>.pem/.key.")
    Path keys;

    @Parameters(arity = "1..*", paramLabel = "HEX|FILE", description = "Messages: hex on the command line or files.")
    List<String> inputs;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        KeyResolver resolver = null;
        if (keys != null) {
            resolver = KeyFiles.keystore(keys);
        }
        int exit = Main.EXIT_OK;
        for (String input : inputs) {
            byte[] bytes;
            try {
                bytes = read(input);
            } catch (BadInputException e) {
                err.println("hansim: " + e.getMessage());
                exit = Main.EXIT_BAD_INPUT;
                continue;
            }
            boolean ok = describe(out, input, bytes, resolver);
            if (!ok && exit == Main.EXIT_OK) {
                exit = Main.EXIT_CHECK_FAILED;
            }
        }
        out.flush();
        return exit;
    }

    /** A file (hex text or binary) or, when no such file exists, hex given on the command line. */
    static byte[] read(String input) {
        Path p = Path.of(input);
        if (Files.exists(p)) {
            byte[] raw = ImageInspectCommand.read(input);
            String text = new String(raw, StandardCharsets.ISO_8859_1).strip();
            if (isHex(text)) {
                return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
            }
            if (looksLikeHex(text)) {
                // Hex digits and spaces only, but an odd number of digits: a truncated or mistyped hex
                // file, not binary bytes that happen to be ASCII (issue 14 item 7).
                throw new BadInputException(input + ": hex text with an odd number of digits ("
                        + text.replaceAll("\\s+", "").length() + "); a digit is missing or extra");
            }
            return raw;
        }
        String hex = input.strip();
        if (hex.startsWith("0x") || hex.startsWith("0X")) {
            hex = hex.substring(2);
        }
        if (!isHex(hex)) {
            throw new BadInputException(input.length() > 40 ? input.substring(0, 40) + "...: " : input + ": "
                    + "no such file, and not an even number of hex digits");
        }
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    /** Only hex digits and white space, at least one digit. */
    private static boolean looksLikeHex(String s) {
        String t = s.replaceAll("\\s+", "");
        return !t.isEmpty() && t.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    private static boolean isHex(String s) {
        String t = s.replaceAll("\\s+", "");
        return !t.isEmpty() && t.length() % 2 == 0 && t.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /** Prints one message; returns false when it did not decode or a verdict is INVALID. */
    private boolean describe(PrintWriter out, String input, byte[] bytes, KeyResolver resolver) {
        GbcsMessage m;
        Payload payload;
        List<EncryptedParts.Decrypted> parts = new ArrayList<>();
        try {
            m = GbcsCodec.decode(bytes);
            payload = PayloadCodec.decode(m);
            // Encrypted payload parts (gbcs.md §4.3): found always, decrypted when the keys allow; a block
            // that cannot be one (too short, wrong security control) is a decode error like any other.
            for (EncryptedPart p : EncryptedParts.find(m)) {
                parts.add(resolver != null ? EncryptedParts.decrypt(p, resolver) : new EncryptedParts.Decrypted(p,
                        new PayloadCipher.Decryption(Verdict.UNVERIFIABLE, Optional.empty()), Optional.empty()));
            }
        } catch (GbcsDecodeException e) {
            if (json) {
                ObjectNode o = JSON.createObjectNode();
                o.put("file", input);
                o.put("ok", false);
                o.put("error", e.getMessage());
                o.put("errorField", e.field());
                o.put("errorOffset", e.offset());
                out.println(o);
            } else {
                out.println(TerminalText.escape(input) + ": ERROR " + e.getMessage());
            }
            return false;
        }
        Verdict mac;
        Verdict sig;
        if (resolver != null) {
            // The MAC is checked over the bytes received (MessageVerifier.verify(byte[], …)).
            MessageVerifier.Result r = MessageVerifier.rtds().verify(bytes, resolver);
            mac = r.mac();
            sig = r.signature();
        } else {
            mac = m.mac().isPresent() ? Verdict.UNVERIFIABLE : Verdict.ABSENT;
            sig = m.signature().kind() == Signature.Kind.PRESENT ? Verdict.UNVERIFIABLE : Verdict.ABSENT;
        }
        boolean valid = mac != Verdict.INVALID && sig != Verdict.INVALID
                && parts.stream().noneMatch(d -> d.decryption().verdict() == Verdict.INVALID);
        // Keys were given but none of them fits any check the message calls for (e.g. a changed
        // originator or recipient EUI-64): nothing was verified, which is not "ok" (issue 14 item 7).
        // A message of which one check is VALID and another lacks its key stays ok, its verdicts say which.
        List<String> unverified = new ArrayList<>();
        List<Verdict> all = new ArrayList<>(List.of(mac, sig));
        parts.forEach(d -> all.add(d.decryption().verdict()));
        if (resolver != null && !all.contains(Verdict.VALID)) {
            if (mac == Verdict.UNVERIFIABLE) {
                unverified.add("MAC");
            }
            if (sig == Verdict.UNVERIFIABLE) {
                unverified.add("signature");
            }
            if (parts.stream().anyMatch(d -> d.decryption().verdict() == Verdict.UNVERIFIABLE)) {
                unverified.add("encrypted part");
            }
        }
        boolean ok = valid && unverified.isEmpty();
        GroupingHeader g = m.groupingHeader();
        int code = g.otherInformation().messageCode();
        if (json) {
            ObjectNode o = toJson(input, ok, m, payload, mac, sig, parts);
            if (!unverified.isEmpty()) {
                var a = o.putArray("unverified");
                unverified.forEach(a::add);
            }
            out.println(o);
        } else {
            out.printf("%s: %s%n", TerminalText.escape(input), ok ? "ok" : !valid ? "INVALID"
                    : "UNVERIFIED: no key in " + TerminalText.escape(keys.toString()) + " fits the "
                            + String.join(", ", unverified) + " (are the originator and recipient right?)");
            MessageCodeRegistry.Entry entry = MessageCodeRegistry.lookup(code);
            out.printf("  message code      0x%04X %s %s%n", code, entry.useCase(), entry.name());
            out.printf("  CRA flag          %s, originator counter %s%n", g.craFlag(),
                    Long.toUnsignedString(g.originatorCounter()));
            out.printf("  originator        %016X%n  recipient         %016X%n", g.originator(), g.recipient());
            g.dateTime().ifPresent(d -> out.printf("  date-time         %s%n", d.toHex()));
            OtherInformation oi = g.otherInformation();
            oi.supplementaryRemotePartyId().ifPresent(id -> out.printf("  supplementary     remote party %016X%s%s%s%n",
                    id, oi.supplementaryRemotePartyCounter().isPresent() ? ", counter "
                            + Long.toUnsignedString(oi.supplementaryRemotePartyCounter().getAsLong()) : "",
                    oi.supplementaryOriginatorCounter().isPresent() ? ", originator counter "
                            + Long.toUnsignedString(oi.supplementaryOriginatorCounter().getAsLong()) : "",
                    oi.certificate().length() > 0 ? ", KA certificate " + oi.certificate().length() + " bytes" : ""));
            out.printf("  form              %s, payload %s, %d bytes%n", m.form(), payload.form(), m.payload().length());
            out.printf("  MAC               %s%n  signature         %s%n", mac, sig);
            for (EncryptedParts.Decrypted d : parts) {
                CipherContext c = d.part().context();
                out.printf("  encrypted part    at offset %d (%s), for %016X ↔ %016X counter %s, tag %s%s%n",
                        d.part().offset(), d.part() instanceof EncryptedPart.GbzComponentPart ? "GBZ" : "DLMS",
                        c.originator(), c.recipient(), Long.toUnsignedString(c.counter()), d.decryption().verdict(),
                        d.decryption().plaintext().map(pt -> ", plaintext " + pt.toHex()).orElse(""));
            }
        }
        return ok;
    }

    /**
     * The JSON object of one decoded message (README "gbcs", the JSON shape). Its envelope members are the
     * ones {@code gbcs encode} reads, so this object encodes back to the same bytes (keys allowing); the
     * others ({@link GbcsMessageSpec#DECODE_ONLY}) are what the decoder saw and encode ignores.
     */
    static ObjectNode toJson(String input, boolean ok, GbcsMessage m, Payload payload, Verdict mac, Verdict sig,
            List<EncryptedParts.Decrypted> parts) {
        GroupingHeader g = m.groupingHeader();
        OtherInformation oi = g.otherInformation();
        int code = oi.messageCode();
        ObjectNode o = JSON.createObjectNode();
        o.put("file", input);
        o.put("ok", ok);
        // What encode reads: the envelope in wire order, the payload, the signature to carry.
        o.put("cra", g.craFlag().name().toLowerCase(Locale.ROOT));
        o.put("originatorCounter", Long.toUnsignedString(g.originatorCounter()));
        o.put("originator", eui(g.originator()));
        o.put("recipient", eui(g.recipient()));
        if (g.dateTime().isPresent()) {
            o.put("dateTime", g.dateTime().get().toHex());
        } else {
            o.putNull("dateTime");
        }
        o.put("messageCode", code);
        oi.supplementaryRemotePartyId().ifPresent(v -> o.put("supplementaryRemotePartyId", eui(v)));
        oi.supplementaryRemotePartyCounter().ifPresent(v -> o.put("supplementaryRemotePartyCounter",
                Long.toUnsignedString(v)));
        oi.supplementaryOriginatorCounter().ifPresent(v -> o.put("supplementaryOriginatorCounter",
                Long.toUnsignedString(v)));
        if (oi.certificate().length() > 0) {
            o.put("supplementaryRemotePartyCertificateHex", oi.certificate().toHex());
        }
        o.put("form", m.form() == GbcsCodec.Form.PRECOMMAND ? "precommand" : "onAir");
        o.put("sign", m.signature().kind() == Signature.Kind.PRESENT);
        o.put("mac", m.macHeader().isPresent());
        m.macHeader().ifPresent(h -> {
            o.put("securityControl", h.securityControl());
            o.put("invocationCounter", h.invocationCounter());
        });
        o.put("payloadHex", m.payload().toHex());
        if (m.signature().kind() == Signature.Kind.PRESENT) {
            o.put("signatureHex", m.signature().value().toHex());
        }
        if (!parts.isEmpty()) {
            var arr = o.putArray("encryptedParts");
            for (EncryptedParts.Decrypted d : parts) {
                ObjectNode e = arr.addObject();
                e.put("kind", d.part() instanceof EncryptedPart.GbzComponentPart ? "GBZ" : "DLMS");
                if (d.part() instanceof EncryptedPart.GbzComponentPart gp) {
                    e.put("component", gp.index());
                }
                e.put("offset", d.part().offset());
                CipherContext c = d.part().context();
                ObjectNode ctx = e.putObject("context");
                ctx.put("originator", eui(c.originator()));
                ctx.put("counter", Long.toUnsignedString(c.counter()));
                ctx.put("recipient", eui(c.recipient()));
                e.put("verdict", d.decryption().verdict().name());
                d.keys().ifPresent(k -> e.put("keys", String.format("%016X:%s %016X:%s", k.first(),
                        k.firstUsage().suffix(), k.second(), k.secondUsage().suffix())));
                d.decryption().plaintext().ifPresent(pt -> e.put("plaintextHex", pt.toHex()));
            }
        }
        // What only the decoder knows: names, sizes, the received MAC and the verdicts.
        o.put("messageCodeHex", String.format("%04X", code));
        MessageCodeRegistry.Entry entry = MessageCodeRegistry.lookup(code);
        o.put("useCase", entry.useCase());
        o.put("useCaseName", entry.name());
        o.put("payloadForm", payload.form().name());
        o.put("payloadLength", m.payload().length());
        m.mac().ifPresent(v -> o.put("macHex", v.toHex()));
        o.put("macVerdict", mac.name());
        o.put("signatureVerdict", sig.name());
        return o;
    }

    private static String eui(long v) {
        return String.format("%016X", v);
    }
}
