package io.hansim.cli;

import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsDecodeException;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.GroupingHeader;
import io.hansim.gbcs.OtherInformation;
import io.hansim.gbcs.Signature;
import io.hansim.gbcs.crypto.EncryptedPart;
import io.hansim.gbcs.crypto.EncryptedParts;
import io.hansim.gbcs.crypto.KeyResolver;
import io.hansim.gbcs.crypto.MessageBuilder;
import io.hansim.gbcs.crypto.MissingKeyException;
import io.hansim.gbcs.usecase.UseCaseRecord;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads one JSON message description for {@code hansim gbcs encode} into a {@link MessageBuilder.Header}
 * and payload bytes. The {@code body} of each use case (gbcs.md §8.2) maps member by member onto its
 * {@link UseCaseRecord}; {@code payloadHex} carries any other payload as is.
 *
 * <p>The output of {@code hansim gbcs decode --json} is such a description (README "gbcs"): its envelope
 * members are read here, {@code signatureHex} is the signature to carry through when it still verifies
 * ({@link MessageBuilder#build(MessageBuilder.Header, ByteString, Optional)}), and {@code encryptedParts}
 * entries with a {@code plaintextHex} are encrypted again into the payload. The members decode prints
 * only for people ({@link #DECODE_ONLY}, and {@link #PART_DECODE_ONLY} inside a part) are accepted and
 * ignored by rule; any other member is an "unknown key" error.
 */
final class GbcsMessageSpec {
    /** Members encode reads. */
    private static final Set<String> USED = Set.of("useCase", "messageCode", "cra", "originator", "recipient",
            "originatorCounter", "dateTime", "form", "supplementaryRemotePartyId", "supplementaryRemotePartyCounter",
            "supplementaryOriginatorCounter", "supplementaryRemotePartyCertificateHex", "sign", "mac",
            "securityControl", "invocationCounter", "body", "payloadHex", "signatureHex", "encryptedParts");
    /** Members of decode's output that encode ignores (what the decoder saw or computed, not what to build). */
    static final Set<String> DECODE_ONLY = Set.of("file", "ok", "error", "errorField", "errorOffset",
            "messageCodeHex", "useCaseName", "payloadForm", "payloadLength", "macHex", "macVerdict",
            "signatureVerdict", "unverified");
    /** Members of an {@code encryptedParts} entry that encode ignores; it reads only {@code plaintextHex}. */
    static final Set<String> PART_DECODE_ONLY = Set.of("kind", "component", "offset", "context", "verdict", "keys");

    private static final Set<String> TOP = union(USED, DECODE_ONLY);
    private static final Set<String> PART = union(Set.of("plaintextHex"), PART_DECODE_ONLY);

    /** Use-case names accepted in {@code useCase}, with their message codes (gbcs.md §8.1). */
    static final Map<String, Integer> USE_CASES = new TreeMap<>(Map.ofEntries(
            Map.entry("CS06", 0x0012), Map.entry("0x00CA", 0x00CA), Map.entry("CS08", 0x0129),
            Map.entry("CCS08", 0x0128), Map.entry("0x012B", 0x012B), Map.entry("0x00CE", 0x00CE),
            Map.entry("0x00CF", 0x00CF), Map.entry("GCS09", 0x0072), Map.entry("ECS12", 0x0022),
            Map.entry("CS11", 0x0015)));

    final MessageBuilder.Header header;
    final ByteString payload;
    /** The signature to carry through, when one was given. */
    final Optional<ByteString> signature;
    /** The JSON path of this description, and of the members that decide signing and MAC'ing (for errors). */
    final String path;
    final String signPath;
    final String macPath;

    private GbcsMessageSpec(MessageBuilder.Header header, ByteString payload, Optional<ByteString> signature,
            String path, String signPath, String macPath) {
        this.header = header;
        this.payload = payload;
        this.signature = signature;
        this.path = path;
        this.signPath = signPath;
        this.macPath = macPath;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new java.util.HashSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }

    /**
     * Reads {@code o}; {@code keys} encrypts the plaintexts of {@code encryptedParts} entries.
     *
     * @throws BadInputException naming the member's path and location
     */
    static GbcsMessageSpec read(LocatedJson json, LocatedJson.Obj o, KeyResolver keys) {
        if (o.present("ok") && o.get("ok").isBoolean() && !o.get("ok").asBoolean() && o.has("error")) {
            throw json.error(o.path() + ".ok", "this is the decode output of a message that did not decode ("
                    + o.get("error").asText() + "); there is nothing to encode");
        }
        o.allowOnly(TOP);
        CraFlag cra = switch (o.text("cra").toLowerCase(Locale.ROOT)) {
            case "command" -> CraFlag.COMMAND;
            case "response" -> CraFlag.RESPONSE;
            case "alert" -> CraFlag.ALERT;
            default -> throw json.error(o.path() + ".cra", "\"" + o.text("cra") + "\" is not command, response or alert");
        };
        String useCase = o.has("useCase") ? o.text("useCase") : null;
        int code;
        if (o.has("messageCode")) {
            // With a message code, useCase is a label only (decode prints the registry's, e.g. CS06 for 0x00CA).
            code = (int) o.unsigned("messageCode", 0xFFFF);
        } else if (useCase != null) {
            Integer c = USE_CASES.get(useCase);
            if (c == null) {
                throw json.error(o.path() + ".useCase", "unknown use case \"" + useCase + "\" (expected one of "
                        + String.join(", ", USE_CASES.keySet()) + ", or give messageCode and payloadHex)");
            }
            code = c;
        } else {
            throw json.error(o.path(), "missing key \"useCase\" (or \"messageCode\" with \"payloadHex\")");
        }
        long counter = o.unsigned("originatorCounter", -1L);
        long originator = o.eui("originator");
        long recipient = o.eui("recipient");
        Optional<ByteString> dateTime = o.has("dateTime") ? Optional.of(ByteString.of(o.hex("dateTime", 12)))
                : Optional.empty();
        GbcsCodec.Form form = GbcsCodec.Form.ON_AIR;
        if (o.has("form")) {
            form = switch (o.text("form")) {
                case "onAir" -> GbcsCodec.Form.ON_AIR;
                case "precommand" -> GbcsCodec.Form.PRECOMMAND;
                default -> throw json.error(o.path() + ".form", "\"" + o.text("form") + "\" is not onAir or precommand");
            };
        }
        OtherInformation oi = otherInformation(json, o, code);
        Optional<Boolean> sign = o.has("sign") ? Optional.of(o.bool("sign")) : Optional.empty();
        Optional<Boolean> mac = o.has("mac") ? Optional.of(o.bool("mac")) : Optional.empty();
        if (form == GbcsCodec.Form.PRECOMMAND && (sign.orElse(false) || mac.orElse(false))) {
            throw json.error(o.path() + ".form", "a precommand is neither signed nor MAC'd (gbcs.md §2.3)");
        }
        int securityControl = o.has("securityControl") ? (int) o.unsigned("securityControl", 0xFF)
                : MessageBuilder.SECURITY_CONTROL;
        long invocationCounter = o.has("invocationCounter") ? o.unsigned("invocationCounter", 0xFFFF_FFFFL) : 0;
        MessageBuilder.Header h = new MessageBuilder.Header(cra, counter, originator, recipient, oi, dateTime, form,
                sign, mac, securityControl, invocationCounter);
        for (String m : List.of("securityControl", "invocationCounter")) {
            if (o.has(m) && !h.macd()) {
                throw json.error(o.path() + "." + m, "belongs to the MAC Header, and this message has none (mac false)");
            }
        }
        Optional<ByteString> signature = Optional.empty();
        if (o.has("signatureHex")) {
            if (!h.signed()) {
                throw json.error(o.path() + ".signatureHex", "a signature for a message that is not signed"
                        + (sign.isPresent() ? " (sign false)" : " (not critical; give \"sign\": true)"));
            }
            signature = Optional.of(ByteString.of(o.hex("signatureHex", Signature.SIZE)));
        }
        ByteString payload;
        if (o.has("payloadHex")) {
            if (o.has("body")) {
                throw json.error(o.path() + ".payloadHex", "give either body or payloadHex, not both");
            }
            payload = ByteString.of(o.hex("payloadHex"));
            if (o.has("encryptedParts")) {
                payload = encryptParts(json, o, h, payload, keys);
            }
        } else {
            if (!BODIES.contains(code)) {
                throw json.error(o.path(), "missing key \"payloadHex\" (message code " + String.format("0x%04X", code)
                        + " has no body form; those with one: " + String.join(", ", USE_CASES.keySet()) + ")");
            }
            if (o.has("encryptedParts")) {
                throw json.error(o.path() + ".encryptedParts", "goes with payloadHex, not with body");
            }
            UseCaseRecord r = record(json, o, code, cra, counter);
            payload = ByteString.of(r.toPayload().encode());
        }
        String signPath = o.has("signatureHex") ? o.path() + ".signatureHex"
                : o.has("sign") ? o.path() + ".sign" : o.path();
        String macPath = o.has("mac") ? o.path() + ".mac" : o.path();
        return new GbcsMessageSpec(h, payload, signature, o.path(), signPath, macPath);
    }

    /** Message codes that have a {@code body} form. */
    private static final Set<Integer> BODIES = Set.copyOf(USE_CASES.values());

    /** Other-information from the message code and the supplementary members (gbcs.md §2.2). */
    private static OtherInformation otherInformation(LocatedJson json, LocatedJson.Obj o, int code) {
        String[] order = {"supplementaryRemotePartyId", "supplementaryRemotePartyCounter"};
        for (int i = 1; i < order.length; i++) {
            if (o.has(order[i]) && !o.has(order[i - 1])) {
                throw json.error(o.path() + "." + order[i], "needs " + order[i - 1] + " (gbcs.md §2.2)");
            }
        }
        for (String last : List.of("supplementaryOriginatorCounter", "supplementaryRemotePartyCertificateHex")) {
            if (o.has(last) && !o.has("supplementaryRemotePartyCounter")) {
                throw json.error(o.path() + "." + last, "needs supplementaryRemotePartyCounter (gbcs.md §2.2)");
            }
        }
        if (o.has("supplementaryOriginatorCounter") && o.has("supplementaryRemotePartyCertificateHex")) {
            throw json.error(o.path() + ".supplementaryRemotePartyCertificateHex", "the certificate takes the place"
                    + " of supplementaryOriginatorCounter; give one of them");
        }
        OptionalLong id = o.has("supplementaryRemotePartyId") ? OptionalLong.of(o.eui("supplementaryRemotePartyId"))
                : OptionalLong.empty();
        OptionalLong counter = o.has("supplementaryRemotePartyCounter")
                ? OptionalLong.of(o.unsigned("supplementaryRemotePartyCounter", -1L)) : OptionalLong.empty();
        OptionalLong originatorCounter = o.has("supplementaryOriginatorCounter")
                ? OptionalLong.of(o.unsigned("supplementaryOriginatorCounter", -1L)) : OptionalLong.empty();
        ByteString certificate = o.has("supplementaryRemotePartyCertificateHex")
                ? ByteString.of(o.hex("supplementaryRemotePartyCertificateHex")) : ByteString.EMPTY;
        try {
            return new OtherInformation(code, id, counter, originatorCounter, certificate);
        } catch (IllegalArgumentException e) {
            throw json.error(o.path() + ".supplementaryRemotePartyCertificateHex", e.getMessage());
        }
    }

    /**
     * {@code payload} with the plaintext of every {@code encryptedParts} entry that has one encrypted into
     * its block (gbcs.md §4.3), under the context of the message being built: unchanged plaintext and
     * header give the same bytes back; an edited one gives the block the originator would send.
     */
    private static ByteString encryptParts(LocatedJson json, LocatedJson.Obj o, MessageBuilder.Header h,
            ByteString payload, KeyResolver keys) {
        List<LocatedJson.Obj> entries = o.objects("encryptedParts");
        GroupingHeader g = new GroupingHeader(h.craFlag(), h.originatorCounter(), h.originator(), h.recipient(),
                h.dateTime(), h.otherInformation(), payload.length());
        GbcsMessage provisional = GbcsMessage.of(Optional.empty(), g, payload, Signature.EMPTY, Optional.empty());
        List<EncryptedPart> parts;
        try {
            parts = EncryptedParts.find(provisional);
        } catch (GbcsDecodeException e) {
            throw json.error(o.path() + ".payloadHex", "does not decode, so its encrypted parts cannot be found: "
                    + e.getMessage() + " (offset in the message as built)");
        }
        if (parts.size() != entries.size()) {
            throw json.error(o.path() + ".encryptedParts", entries.size() + " entries, but the payload has "
                    + parts.size() + " encrypted part" + (parts.size() == 1 ? "" : "s"));
        }
        for (int i = 0; i < entries.size(); i++) {
            LocatedJson.Obj e = entries.get(i).allowOnly(PART);
            if (!e.has("plaintextHex")) {
                continue; // kept as it is in payloadHex (decode could not decrypt it)
            }
            String at = e.path() + ".plaintextHex";
            ByteString plain = ByteString.of(e.hex("plaintextHex"));
            try {
                payload = EncryptedParts.withPlaintext(provisional, parts.get(i), plain, keys);
            } catch (MissingKeyException ex) {
                throw json.error(at, ex.getMessage());
            } catch (IllegalArgumentException | GbcsDecodeException ex) {
                throw json.error(at, ex.getMessage());
            }
            provisional = GbcsMessage.of(Optional.empty(), g, payload, Signature.EMPTY, Optional.empty());
        }
        return payload;
    }

    /** The use-case record of {@code body} (gbcs.md §8.2); bodies with no members may be omitted or null. */
    private static UseCaseRecord record(LocatedJson json, LocatedJson.Obj o, int code, CraFlag cra, long counter) {
        boolean command = cra == CraFlag.COMMAND;
        if (!o.has("body")) {
            // Payloads that are ASN.1 NULL: CS08 command, CS06 response to a future-dated/cancelled activation.
            if ((code == 0x0129 && command) || (code == 0x0012 && cra == CraFlag.RESPONSE)) {
                return new UseCaseRecord.Null();
            }
            throw json.error(o.path(), "missing key \"body\"");
        }
        LocatedJson.Obj b = o.object("body");
        String at = b.path();
        try {
            return switch (code) {
                case 0x0012 -> command
                        ? new UseCaseRecord.Cs06Command(ByteString.of(b.allowOnly(Set.of("imageHash", "executionDateTime"))
                                .hex("imageHash", 32)), counter, b.has("executionDateTime")
                                ? Optional.of(time(json, b, "executionDateTime")) : Optional.empty())
                        : new UseCaseRecord.Cs06Response((int) b.allowOnly(Set.of("outcome", "firmwareVersion"))
                                .unsigned("outcome", 3), ByteString.of(b.hex("firmwareVersion", 4)));
                case 0x00CA -> new UseCaseRecord.FutureDatedActivationAlert(
                        (int) b.allowOnly(Set.of("alertCode", "executionDateTime", "originatorCounter", "outcome",
                                "firmwareVersion")).unsigned("alertCode", 0xFFFF), time(json, b, "executionDateTime"),
                        b.unsigned("originatorCounter", -1L), (int) b.unsigned("outcome", 3),
                        ByteString.of(b.hex("firmwareVersion", 4)));
                case 0x0129 -> command ? nul(b) : new UseCaseRecord.Cs08Response(
                        ByteString.of(b.allowOnly(Set.of("firmwareVersion", "result")).hex("firmwareVersion", 4)),
                        (int) b.unsigned("result", 1));
                case 0x0128 -> new UseCaseRecord.Ccs08Alert((int) b.allowOnly(Set.of("alertCode", "time",
                        "targetEntityId", "firmwareVersion", "responseCode")).unsigned("alertCode", 0xFFFF),
                        time(json, b, "time"), b.eui("targetEntityId"), ByteString.of(b.hex("firmwareVersion", 4)),
                        (int) b.unsigned("responseCode", 3));
                case 0x012B -> new UseCaseRecord.PpmidFirmwareAlert((int) b.allowOnly(Set.of("alertCode", "time",
                        "firmwareVersion", "activateImage")).unsigned("alertCode", 0xFFFF), time(json, b, "time"),
                        ByteString.of(b.hex("firmwareVersion", 4)), (int) b.unsigned("activateImage", 1));
                case 0x00CE -> new UseCaseRecord.DlmsFirmwareReceiptAlert(b.allowOnly(Set.of("invokeId", "alertCode",
                        "dateTime", "hash")).unsigned("invokeId", 0xFFFF_FFFFL), (int) b.unsigned("alertCode", 0xFFFF),
                        ByteString.of(b.hex("dateTime", 12)), ByteString.of(b.hex("hash", 32)));
                case 0x00CF -> new UseCaseRecord.GbzFirmwareReceiptAlert((int) b.allowOnly(Set.of("alertCode",
                        "utcTime", "hash")).unsigned("alertCode", 0xFFFF), b.unsigned("utcTime", 0xFFFF_FFFFL),
                        ByteString.of(b.hex("hash", 32)));
                case 0x0072 -> command
                        ? new UseCaseRecord.Gcs09Command((int) b.allowOnly(Set.of("tsn", "providerId", "issuerEventId",
                                "tariffType", "implementationDateTime", "proposedTenancyChangeControl"))
                                .unsigned("tsn", 0xFF), b.unsigned("providerId", 0xFFFF_FFFFL),
                                b.unsigned("issuerEventId", 0xFFFF_FFFFL), (int) b.unsigned("tariffType", 0xFF),
                                b.unsigned("implementationDateTime", 0xFFFF_FFFFL),
                                b.unsigned("proposedTenancyChangeControl", 0xFFFF_FFFFL))
                        : new UseCaseRecord.GbzDefaultResponse(0x0708, (int) b.allowOnly(Set.of("tsn", "status"))
                                .unsigned("tsn", 0xFF), 0x00, (int) b.unsigned("status", 0xFF));
                case 0x0022 -> command
                        ? new UseCaseRecord.Ecs12Command(b.allowOnly(Set.of("invokeId", "restrictDateTime"))
                                .unsigned("invokeId", 0xFFFF_FFFFL), ByteString.of(b.hex("restrictDateTime", 12)))
                        : new UseCaseRecord.Ecs12Response(b.allowOnly(Set.of("invokeId", "result"))
                                .unsigned("invokeId", 0xFFFF_FFFFL), (int) b.unsigned("result", 0xFF));
                case 0x0015 -> command
                        ? new UseCaseRecord.Cs11Command((int) b.allowOnly(Set.of("tsn", "logId")).unsigned("tsn", 0xFF),
                                (int) b.unsigned("logId", 0xFF))
                        : new UseCaseRecord.Cs11Response((int) b.allowOnly(Set.of("tsn", "clearedEventsLogs"))
                                .unsigned("tsn", 0xFF), (int) b.unsigned("clearedEventsLogs", 0xFF));
                default -> throw new IllegalStateException("no body for 0x" + Integer.toHexString(code));
            };
        } catch (IllegalArgumentException e) {
            throw json.error(at, e.getMessage());
        }
    }

    private static UseCaseRecord nul(LocatedJson.Obj b) {
        b.allowOnly(Set.of());
        return new UseCaseRecord.Null();
    }

    /** ASN.1 GeneralizedTime text {@code YYYYMMDDhhmmssZ} (gbcs.md §3). */
    private static String time(LocatedJson json, LocatedJson.Obj b, String name) {
        String t = b.text(name);
        if (!t.matches("\\d{14}Z")) {
            throw json.error(b.path() + "." + name, "\"" + t + "\" is not a GeneralizedTime YYYYMMDDhhmmssZ");
        }
        return t;
    }
}
