package io.hansim.cli.scenario;

import io.hansim.device.gbcs.WanMessage;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.usecase.UseCaseCodec;
import io.hansim.gbcs.usecase.UseCaseRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code read-firmware-version}: SR 11.2 Read Firmware Version, CS08 (0x0129) through the CH's GBCS
 * side; the response carries the version the device runs, or read failure (R7.11).
 */
public final class ReadFirmwareVersionKind implements StepKind<Step.ReadFirmwareVersion> {

    @Override
    public String name() {
        return "read-firmware-version";
    }

    @Override
    public Class<Step.ReadFirmwareVersion> stepType() {
        return Step.ReadFirmwareVersion.class;
    }

    @Override
    public Map<String, List<String>> keys() {
        return Map.of(name(), List.of("device"));
    }

    @Override
    public Step.ReadFirmwareVersion parse(YamlNode body, String path, Position at, ParseContext c) {
        ParseContext.Fields o = c.obj(body, path, name());
        return o == null ? null : new Step.ReadFirmwareVersion(c.firmwareReadableDevice(o.req("device", "a ppmid or hcalcs id"),
                o.sub("device"), "CS08 reads a PPMID's or an HCALCS's firmware version (R7.11)"), at);
    }

    @Override
    public void run(Step.ReadFirmwareVersion r, StepRun run) {
        run.event(r.device(), "step", "SR 11.2 read firmware version, CS08 (" + r.position() + ")");
        Optional<String> dcc = run.dccRefusal(r.device(), false);
        if (dcc.isPresent()) {
            run.event(r.device(), "refused", "SR 11.2 refused by the DCC's inventory: " + dcc.get());
            return;
        }
        long eui = run.eui(r.device());
        for (WanMessage w : run.sim().gbcs().receive(run.sim().supplier().cs08(eui))) {
            Optional<UseCaseRecord> body;
            try {
                body = UseCaseCodec.decode(GbcsCodec.decode(w.bytes().toByteArray()));
            } catch (RuntimeException e) { // the CH's own response: it decodes, but say so if it ever does not
                run.event(r.device(), "cs08", "a CS08 response that does not decode: " + e.getMessage());
                continue;
            }
            if (body.isPresent() && body.get() instanceof UseCaseRecord.Cs08Response c) {
                long version = version(c.firmwareVersion().toByteArray());
                run.cs08(r.device(), version, c.result());
                run.event(r.device(), "cs08", cs08Text(version, c.result()));
                if (c.result() == 0) {
                    run.versionRead(eui, version, "CS08"); // R202.7: the inventory follows every read
                }
            }
        }
    }

    /** A CS08 response as reports write it. */
    public static String cs08Text(long version, int result) {
        return "firmware 0x" + Values.hex32(version) + ", "
                + (result == 0 ? "0 read success" : result + " read failure");
    }

    /** A big-endian firmware version's octets as a number. */
    public static long version(byte[] b) {
        long v = 0;
        for (byte x : b) {
            v = (v << 8) | (x & 0xFF);
        }
        return v;
    }

    @Override
    public String schemaDefs() {
        return """
                {
                  "read-firmware-version": {
                    "type": "object",
                    "description": "SR 11.2 Read Firmware Version: CS08 to a PPMID or HCALCS (R7.11)",
                    "properties": {
                      "device": {
                        "type": "string"
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
        return "| `read-firmware-version` | `device` (a ppmid or an hcalcs) | SR 11.2 Read Firmware Version: CS08 through the CH's GBCS side; the response carries the version the device runs, or read failure while it is off (R7.11). A `cs08` expectation checks it |";
    }
}
