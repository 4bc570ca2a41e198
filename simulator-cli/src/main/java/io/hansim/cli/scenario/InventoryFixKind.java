package io.hansim.cli.scenario;

import io.hansim.device.inventory.InventoryException;
import io.hansim.device.inventory.SmiEntry;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code inventory-fix}: the DCC's manual inventory (SMI) fix after a mismatched join under
 * {@code interim-cpl} (R202.6): the SMI's firmware version becomes {@code firmwareVersion}, or when
 * absent the one of the CPL row for the device's resulting SMETS version.
 */
public final class InventoryFixKind implements StepKind<Step.InventoryFix> {

    @Override
    public String name() {
        return "inventory-fix";
    }

    @Override
    public Class<Step.InventoryFix> stepType() {
        return Step.InventoryFix.class;
    }

    @Override
    public Map<String, List<String>> keys() {
        return Map.of(name(), List.of("device", "firmwareVersion"));
    }

    @Override
    public Step.InventoryFix parse(YamlNode body, String path, Position at, ParseContext c) {
        ParseContext.Fields o = c.obj(body, path, name());
        if (o == null) {
            return null;
        }
        String device = c.otaDevice(o.req("device", "a ppmid or hcalcs id"), o.sub("device"),
                "the inventory (SMI) holds the PPMIDs and HCALCS (R202.6)");
        OptionalLong fw = o.opt("firmwareVersion") == null ? OptionalLong.empty()
                : OptionalLong.of(c.num(o.opt("firmwareVersion"), o.sub("firmwareVersion"), ParseContext.U32, 0));
        return new Step.InventoryFix(device, fw, at);
    }

    @Override
    public void run(Step.InventoryFix f, StepRun run) {
        run.event(f.device(), "step", "manual inventory fix (" + f.position() + ")");
        try {
            SmiEntry e = run.inventoryFix(f.device(), f.firmwareVersion());
            run.event(f.device(), "inventory", "fixed by hand: " + smiText(e));
        } catch (InventoryException x) {
            run.event(f.device(), "refused", "manual inventory fix refused: " + x.reason() + " — "
                    + x.reason().description());
        }
    }

    /** An SMI entry as reports write it. */
    public static String smiText(SmiEntry e) {
        return "firmware 0x" + e.firmware() + ", " + (e.targetable() ? "targetable"
                : "untargetable (" + (e.untargetableBecause() == null ? e.status()
                        : e.untargetableBecause()) + ")");
    }

    @Override
    public String schemaDefs() {
        return """
                {
                  "inventory-fix": {
                    "type": "object",
                    "description": "the DCC's manual inventory fix after a mismatched join (R202.6)",
                    "properties": {
                      "device": {
                        "type": "string"
                      },
                      "firmwareVersion": {
                        "$ref": "#/$defs/u32",
                        "description": "the SMI's new firmware version; default: the one of the CPL row for the device's resulting SMETS version"
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
        return "| `inventory-fix` | `device` (a ppmid or an hcalcs), `firmwareVersion` (32-bit, optional) | the DCC's manual SMI change after a mismatched join (R202.6): the SMI's firmware version becomes `firmwareVersion`, by default the one of the CPL row for the device's resulting SMETS version; the device becomes targetable. A fix the inventory refuses is a timeline event |";
    }
}
