package io.hansim.cli.scenario;

import io.hansim.zigbee.events.EventsCluster;
import java.util.List;
import java.util.Map;

/**
 * {@code clear-event-log}: SR 3.3 Clear Event Log, CS11 (0x0015) to a GSME (G.8). The CH checks it and
 * queues it in the GB tunnel; the GSME takes it at its next wake (G.3), clears the log and answers with
 * the cleared-logs bitmap, which the CH forwards to the WAN. A {@code wait} past the GSME's sleep period
 * lets that happen; {@code expect: {device, cs11}} and {@code expect: {device, eventLog}} check it.
 */
public final class ClearEventLogKind implements StepKind<ClearEventLogKind.ClearEventLog> {

    /** CS11 to a GSME for Log ID {@code logId}. */
    public record ClearEventLog(String device, int logId, Position position) implements Step {
        @Override
        public List<String> devices() {
            return List.of(device);
        }
    }

    @Override
    public String name() {
        return "clear-event-log";
    }

    @Override
    public Class<ClearEventLog> stepType() {
        return ClearEventLog.class;
    }

    @Override
    public Map<String, List<String>> keys() {
        return Map.of(name(), List.of("device", "logId"));
    }

    @Override
    public ClearEventLog parse(YamlNode body, String path, Position at, ParseContext c) {
        ParseContext.Fields o = c.obj(body, path, name());
        if (o == null) {
            return null;
        }
        String device = c.deviceRef(o.req("device", "a gsme id"), o.sub("device"), false);
        if (device != null && !(c.deviceSpec(device) instanceof DeviceSpec.Gsme) && c.deviceSpec(device) != null) {
            c.problem(o.opt("device").position(), o.sub("device") + ": CS11 clears a GSME's event log (G.8); '"
                    + device + "' is not a gsme");
        }
        int logId = (int) c.num(o.opt("logId"), o.sub("logId"), 0xFF, EventsCluster.LOG_GENERAL);
        return device == null ? null : new ClearEventLog(device, logId, at);
    }

    @Override
    public void run(ClearEventLog s, StepRun run) {
        run.event(s.device(), "step", "SR 3.3 clear event log, CS11 for Log ID " + s.logId() + " (" + s.position() + ")");
        long eui = run.eui(s.device());
        int before = run.sim().gbcs().rejections().size();
        run.sim().gbcs().receive(run.sim().supplier().cs11(eui, s.logId()));
        if (run.sim().gbcs().rejections().size() > before) {
            run.event(s.device(), "refused", "CS11 refused by the CH: "
                    + run.sim().gbcs().rejections().get(run.sim().gbcs().rejections().size() - 1).detail());
        } else {
            run.event(s.device(), "cs11", "CS11 queued in the tunnel for the GSME's next wake ("
                    + run.sim().hub().tunnel().queued(eui) + " queued)");
        }
    }

    @Override
    public String schemaDefs() {
        return """
                {
                  "clear-event-log": {
                    "type": "object",
                    "description": "SR 3.3 Clear Event Log: CS11 to a GSME through the GB tunnel (G.8, G.3)",
                    "properties": {
                      "device": {
                        "type": "string"
                      },
                      "logId": {
                        "$ref": "#/$defs/u8",
                        "default": 3,
                        "description": "Log ID: 3 the general event log (as in the RTDS vectors), 0 all logs"
                      }
                    },
                    "additionalProperties": false,
                    "required": [
                      "device"
                    ]
                  }
                }
                """;
    }

    @Override
    public String docsRow() {
        return "| `clear-event-log` | `device` (a gsme), `logId` (default 3) | SR 3.3 Clear Event Log: CS11 (0x0015) checked by the CH and queued in the GB tunnel; the GSME takes it as a PUT when it next wakes and polls with GET (G.3), clears the log and PUTs back the response with the cleared-logs bitmap (0x08 for log 3, 0x00 for a log it does not keep), which the CH forwards to the WAN (G.8). `expect` `cs11` and `eventLog` check it |";
    }
}
