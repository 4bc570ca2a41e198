package io.hansim.cli.run;

import io.hansim.device.external.ExternalDevice;
import io.hansim.device.node.HanDevice;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the runner reads of a device on the far side of the device port (issue 17,
 * docs/device-port.md): its exported status, its log lines, its typed failure and its clock. One
 * place maps device-core's {@link ExternalDevice} onto what the reports show.
 */
final class ExternalView {
    /** A log line the device sent, with the virtual time it was taken at. */
    record Log(long atMicros, String level, String line) {
    }

    /** A typed failure: kind (crashed, timeout, protocol, oversized, version, left), what, when. */
    record Failure(String kind, String detail, long atMicros) {
    }

    private ExternalView() {
    }

    /** The device as an external one, if it is. */
    static Optional<ExternalDevice> of(HanDevice d) {
        return d instanceof ExternalDevice x ? Optional.of(x) : Optional.empty();
    }

    static Map<String, String> status(ExternalDevice d) {
        return d.status();
    }

    static List<Log> logs(ExternalDevice d) {
        return d.logs().stream().map(l -> new Log(l.time(), level(l.level()), l.line())).toList();
    }

    /** LOG's level: 0 debug, 1 info, 2 warn, 3 error (docs/device-port.md); another is shown as its number. */
    static String level(int level) {
        return level >= 0 && level < LEVELS.size() ? LEVELS.get(level) : "level " + level;
    }

    private static final List<String> LEVELS = List.of("debug", "info", "warn", "error");

    static Optional<Failure> failure(ExternalDevice d) {
        return d.failure().map(f -> new Failure(f.kind().label(), f.detail(), f.at()));
    }

    /** The status key naming the running firmware's File Version, 8 hex digits (docs/device-port.md). */
    static final String FIRMWARE_VERSION = "firmware.version";

    /**
     * The File Version the device says it runs ({@code firmware.version}, 8 hex digits; an optional
     * {@code 0x} is taken too); empty when it says none or something else.
     */
    static java.util.OptionalLong firmwareVersion(ExternalDevice d) {
        String v = status(d).get(FIRMWARE_VERSION);
        if (v == null) {
            return java.util.OptionalLong.empty();
        }
        String h = v.trim().startsWith("0x") || v.trim().startsWith("0X") ? v.trim().substring(2) : v.trim();
        if (!h.matches("[0-9A-Fa-f]{1,8}")) {
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(Long.parseLong(h, 16));
    }

    static boolean realTime(ExternalDevice d) {
        return !d.isDeterministic();
    }
}
