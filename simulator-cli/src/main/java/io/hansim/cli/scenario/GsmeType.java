package io.hansim.cli.scenario;

import io.hansim.device.gsme.Gsme;
import io.hansim.device.kind.DeviceKind;
import io.hansim.device.kind.DeviceKinds;
import io.hansim.zigbee.tunneling.TunnelingCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code type: gsme}: the battery gas meter (G.3, G.8), read into {@link DeviceSpec.Gsme} and mapped onto
 * {@code Gsme.Spec}: it sleeps, wakes every {@code sleepPeriod} ± {@code jitter} and polls the CH's
 * tunnel with GET; CS11 ({@code clear-event-log}) clears its event log.
 */
public final class GsmeType implements DeviceType<DeviceSpec.Gsme> {
    static final Duration DEFAULT_SLEEP = Duration.ofNanos(Gsme.DEFAULT_SLEEP_PERIOD * 1_000);
    static final Duration DEFAULT_JITTER = Duration.ofNanos(Gsme.DEFAULT_JITTER * 1_000);

    @Override
    public DeviceKind<?, ?> kind() {
        return DeviceKinds.GSME;
    }

    @Override
    public Class<DeviceSpec.Gsme> specType() {
        return DeviceSpec.Gsme.class;
    }

    @Override
    public Map<String, List<String>> keys() {
        return Map.of(name(), List.of("sleepPeriod", "jitter", "eventLogEntries", "tunnelProtocolId",
                "manufacturerCode", "imageType", "hardwareVersion", "profile"));
    }

    @Override
    public DeviceSpec.Gsme parse(ParseContext.Fields o, String id, long eui, long fw, Position at, ParseContext c) {
        Duration sleep = c.positiveDuration(o.opt("sleepPeriod"), o.sub("sleepPeriod"), DEFAULT_SLEEP);
        Duration jitter = c.duration(o.opt("jitter"), o.sub("jitter"),
                DEFAULT_JITTER.compareTo(sleep) < 0 ? DEFAULT_JITTER : Duration.ZERO);
        if (jitter.compareTo(sleep) >= 0) {
            c.problem(o.opt("jitter").position(), o.sub("jitter") + ": must be below sleepPeriod ("
                    + Values.durationText(sleep) + "), got " + Values.durationText(jitter));
            jitter = Duration.ZERO;
        }
        int entries = (int) c.num(o.opt("eventLogEntries"), o.sub("eventLogEntries"), 10_000, 0);
        int protocol = (int) c.num(o.opt("tunnelProtocolId"), o.sub("tunnelProtocolId"), 0xFF,
                TunnelingCluster.DEFAULT_GBCS_PROTOCOL_ID);
        return new DeviceSpec.Gsme(id, eui, fw, sleep, jitter, entries, protocol,
                EsmeType.hanFirmware(o, at, c, "a GSME"), at);
    }

    @Override
    public Object simulationSpec(DeviceSpec.Gsme g, DeviceMapping m) {
        Gsme.Spec spec = new Gsme.Spec(g.id(), g.eui64(), m.shortAddress(), g.firmwareVersion(),
                micros(g.sleepPeriod()), micros(g.jitter()), Gsme.DEFAULT_AWAKE_WINDOW, g.eventLogEntries(),
                g.tunnelProtocolId());
        return g.firmware().map(f -> spec.withOta(m.otaClient(g.id(), f.manufacturerCode(), f.imageType(),
                f.hardwareVersion(), g.firmwareVersion(), f.profile()))).orElse(spec); // SR 11.1 through its wakes
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1_000;
    }

    @Override
    public String schemaDefs() {
        return """
                {
                  "gsme": {
                    "type": "object",
                    "description": "a battery gas meter that polls the CH through the GB tunnel (G.3) and keeps an event log (G.8)",
                    "properties": {
                %s,
                      "sleepPeriod": {
                        "$ref": "#/$defs/duration",
                        "default": "30m",
                        "description": "time between wakes; the radio is off in between"
                      },
                      "jitter": {
                        "$ref": "#/$defs/duration",
                        "default": "30s",
                        "description": "each wake moves by up to this much, either way (seeded per device); below sleepPeriod"
                      },
                      "eventLogEntries": {
                        "type": "integer",
                        "minimum": 0,
                        "maximum": 10000,
                        "default": 0,
                        "description": "entries in its general event log (Log ID 3) at the start"
                      },
                      "tunnelProtocolId": {
                        "type": "integer",
                        "minimum": 0,
                        "maximum": 255,
                        "default": 6,
                        "description": "Request Tunnel ProtocolID for GBCS (unconfirmed)"
                      },
                      "manufacturerCode": {
                        "$ref": "#/$defs/u16",
                        "description": "OTA Manufacturer Code of the meter's firmware; present: firmware from the CH over the HAN through its wake-ups (SR 11.1), CS06 activation, G.7 alerts (0x00CF)"
                      },
                      "imageType": {
                        "$ref": "#/$defs/u16",
                        "description": "OTA Image Type (with manufacturerCode)"
                      },
                      "hardwareVersion": {
                        "$ref": "#/$defs/u16",
                        "description": "Hardware Version; absent: the client sends none"
                      },
                      "profile": {
                        "$ref": "#/$defs/hcalcsProfile"
                      }
                    },
                    "additionalProperties": false,
                    "required": [
                      "id",
                      "type",
                      "eui"
                    ]
                  }
                }""".formatted(DeviceTypes.commonProperties(name()));
    }

    @Override
    public String docsSection() {
        return """
                `type: gsme` (maps onto `Gsme.Spec`): a battery gas meter behind the GB tunnel (G.3). `sleepPeriod`
                (duration, default `30m`) between wakes, its radio off in between (frames to it are dropped "receiver
                asleep"); `jitter` (duration, default `30s`, below `sleepPeriod`): each wake moves by up to that much
                either way, drawn from the device's seeded stream; at each wake it polls the CH with the tunnel GET and
                takes the GBCS commands queued for it. `eventLogEntries` (default 0): entries in its general event log,
                which `clear-event-log` (CS11) clears (G.8). `tunnelProtocolId` (0–255, default 6): the Request Tunnel
                ProtocolID (unconfirmed for GBCS); the CH accepts 6 only, so another value shows a refused tunnel.
                With `manufacturerCode` (and `imageType`, optionally `hardwareVersion` and a `profile`, as for the
                `esme`) the GSME takes firmware from the CH over the OTA cluster through its wake-ups (SR 11.1): it asks
                at each wake, keeps its radio on while the blocks come, verifies the image (G.6), holds it for a CS06
                (`activate`, SR 11.3) and raises the G.7 alerts 0x8F72 / 0x8F1C / 0x8F1B / 0x8F43 as 0x00CF.""";
    }
}
