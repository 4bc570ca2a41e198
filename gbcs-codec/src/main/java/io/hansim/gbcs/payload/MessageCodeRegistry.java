package io.hansim.gbcs.payload;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Message Code (other-information, gbcs.md §2.2) → GBCS use case, criticality and payload form.
 * Names come from gbcs.md §8 and the RTDS 4.5.0 folder names (corpora.md §5.1); criticality is the one
 * the RTDS vectors show (a critical command or alert carries a 64-byte signature, gbcs.md §2.3).
 * Unknown codes give a generic entry; lookup never fails.
 */
public final class MessageCodeRegistry {

    /**
     * One registry entry.
     *
     * @param code the 2-byte message code
     * @param useCase the GBCS use case id (e.g. {@code CS06}), or {@code "?"} when unknown
     * @param name a readable name
     * @param critical whether the command (or alert) is critical: signed by the originator (gbcs.md §2.3)
     * @param form the payload form, empty when the code uses more than one (then the first byte decides)
     * @param known false for the generic entry given to unlisted codes
     */
    public record Entry(int code, String useCase, String name, boolean critical, Optional<PayloadForm> form,
            boolean known) {
    }

    private static final Map<Integer, Entry> ENTRIES = new TreeMap<>();

    private static void put(int code, String useCase, String name, boolean critical, PayloadForm form) {
        ENTRIES.put(code, new Entry(code, useCase, name, critical, Optional.ofNullable(form), true));
    }

    static {
        PayloadForm gbz = PayloadForm.GBZ;
        PayloadForm dlms = PayloadForm.DLMS;
        PayloadForm der = PayloadForm.DER;
        put(0x0001, "CCS01", "Add Device to CHF Device Log (8.11)", false, dlms);
        put(0x0008, "CS02a", "Update Security Credentials (6.24.1)", false, der);
        put(0x000D, "CS03A1", "Method A Join (8.7.1)", true, der);
        put(0x0012, "CS06", "Activate Firmware (11.3)", true, der);
        put(0x0014, "CS10a", "Read ZigBee Device Event Log (6.13)", false, gbz);
        put(0x0015, "CS11", "Clear ZigBee Device Event Log (3.3)", false, gbz);
        put(0x0019, "ECS01a", "Update Tariff on ESME (1.1.1)", true, dlms);
        put(0x001F, "ECS08", "Update Prepayment Configuration on ESME (2.1)", true, dlms);
        put(0x0022, "ECS12", "Set Change of Tenancy date on ESME (3.2)", false, dlms);
        put(0x002E, "ECS20a", "Read ESME Energy Registers (4.4.4)", false, dlms);
        put(0x0034, "ECS21b", "Read ESME Prepayment Daily Read Log (4.14)", false, dlms);
        put(0x004F, "ECS42", "Control Supply on ESME (7.1)", true, dlms);
        put(0x0059, "ECS52", "Read ESME/CH Firmware Version (11.2)", false, dlms);
        put(0x0060, "ECS66", "Read ESME Daily Consumption Log (4.17)", false, dlms);
        put(0x0061, "ECS68", "ESME Critical Sensitive Alert (Billing Data Log)", true, dlms);
        put(0x006B, "GCS01a", "Update Tariff on GSME (1.1.1)", true, gbz);
        put(0x006F, "GCS05", "Update Prepayment Configurations on GSME (2.1)", true, gbz);
        put(0x0072, "GCS09", "Set Change of Tenancy date on GPF (3.2)", false, gbz);
        put(0x0074, "GCS13a", "Read GSME Consumption (4.1.1)", false, gbz);
        put(0x0084, "GCS38", "Read GSME Firmware Version (11.2)", false, gbz);
        put(0x009B, "PCS01", "PPMID to GSME Top Up over the HAN", false, gbz);
        put(0x009E, "GCS21e", "Read GSME/GPF Device Configuration (6.2.4)", false, gbz);
        put(0x00C4, "GCS15d", "Read GSME Billing Data Log (payment-based debt payments) (4.4.4)", false, gbz);
        put(0x00CA, "CS06", "Future Dated Firmware Activation Alert", true, der);
        put(0x00CB, "CS02b", "Future Dated Update Security Credentials Alert", true, der);
        put(0x00CC, "ECS", "Future Dated Execution Of Instruction Alert (DLMS)", true, dlms);
        put(0x00CD, "GCS", "Future Dated Execution Of Instruction Alert (GBZ)", true, gbz);
        put(0x00CE, "FDRA-DLMS", "Firmware Distribution Receipt Alert (ESME/CH)", true, dlms);
        put(0x00CF, "FDRA-ZigBee", "Firmware Distribution Receipt Alert (GSME)", true, gbz);
        put(0x00F2, "MIIWA-ZigBee", "Meter Integrity Issue Warning Alert (GSME)", false, gbz);
        put(0x0102, "CS02b", "Update Security Credentials, supplier by supplier (6.15.1)", true, der);
        put(0x010F, "CCS06", "Read CHF Device Log (8.9)", false, dlms);
        put(0x0128, "CCS08", "Firmware Transfer Alert", true, der);
        put(0x0129, "CS08", "Read PPMID/HCALCS Firmware Version (11.2)", false, der);
        put(0x012B, "CS09", "PPMID Read Firmware Version Alert (0x8F8B)", true, der);
        put(0x1000, "GCA", "Generic Critical Alert", true, null);
        put(0x1001, "GNCA", "Generic Non-Critical Alert", false, null);
    }

    private MessageCodeRegistry() {
    }

    /** The entry for {@code code}; a generic one ({@code known() == false}) when the code is not listed. */
    public static Entry lookup(int code) {
        Entry e = ENTRIES.get(code);
        return e != null ? e : new Entry(code, "?", String.format("Unknown message code 0x%04X", code), false,
                Optional.empty(), false);
    }

    /** Every listed entry, by code. */
    public static Map<Integer, Entry> entries() {
        return Collections.unmodifiableMap(ENTRIES);
    }
}
