package io.hansim.cli;

import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.OtherInformation;
import io.hansim.gbcs.crypto.MessageBuilder;
import io.hansim.gbcs.usecase.UseCaseRecord;
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
 */
final class GbcsMessageSpec {
    private static final Set<String> TOP = Set.of("useCase", "messageCode", "cra", "originator", "recipient",
            "originatorCounter", "dateTime", "form", "supplementaryRemotePartyId", "supplementaryRemotePartyCounter",
            "sign", "mac", "body", "payloadHex");

    /** Use-case names accepted in {@code useCase}, with their message codes (gbcs.md §8.1). */
    static final Map<String, Integer> USE_CASES = new TreeMap<>(Map.ofEntries(
            Map.entry("CS06", 0x0012), Map.entry("0x00CA", 0x00CA), Map.entry("CS08", 0x0129),
            Map.entry("CCS08", 0x0128), Map.entry("0x012B", 0x012B), Map.entry("0x00CE", 0x00CE),
            Map.entry("0x00CF", 0x00CF), Map.entry("GCS09", 0x0072), Map.entry("ECS12", 0x0022),
            Map.entry("CS11", 0x0015)));

    final MessageBuilder.Header header;
    final ByteString payload;

    private GbcsMessageSpec(MessageBuilder.Header header, ByteString payload) {
        this.header = header;
        this.payload = payload;
    }

    static GbcsMessageSpec read(LocatedJson json, LocatedJson.Obj o) {
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
        OtherInformation oi = OtherInformation.of(code);
        if (o.has("supplementaryRemotePartyId")) {
            OptionalLong counterOf = o.has("supplementaryRemotePartyCounter")
                    ? OptionalLong.of(o.unsigned("supplementaryRemotePartyCounter", -1L)) : OptionalLong.empty();
            oi = new OtherInformation(code, OptionalLong.of(o.eui("supplementaryRemotePartyId")), counterOf,
                    OptionalLong.empty(), ByteString.EMPTY);
        } else if (o.has("supplementaryRemotePartyCounter")) {
            throw json.error(o.path() + ".supplementaryRemotePartyCounter",
                    "needs supplementaryRemotePartyId (gbcs.md §2.2)");
        }
        Optional<Boolean> sign = o.has("sign") ? Optional.of(o.bool("sign")) : Optional.empty();
        Optional<Boolean> mac = o.has("mac") ? Optional.of(o.bool("mac")) : Optional.empty();
        if (form == GbcsCodec.Form.PRECOMMAND && (sign.orElse(false) || mac.orElse(false))) {
            throw json.error(o.path() + ".form", "a precommand is neither signed nor MAC'd (gbcs.md §2.3)");
        }
        MessageBuilder.Header h = new MessageBuilder.Header(cra, counter, originator, recipient, oi, dateTime, form,
                sign, mac);
        ByteString payload;
        if (o.has("payloadHex")) {
            if (o.has("body")) {
                throw json.error(o.path() + ".payloadHex", "give either body or payloadHex, not both");
            }
            payload = ByteString.of(o.hex("payloadHex"));
        } else {
            if (useCase == null || !USE_CASES.containsKey(useCase)) {
                throw json.error(o.path(), "missing key \"payloadHex\" (no useCase to build a body for)");
            }
            UseCaseRecord r = record(json, o, USE_CASES.get(useCase), cra, counter);
            payload = ByteString.of(r.toPayload().encode());
        }
        return new GbcsMessageSpec(h, payload);
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
