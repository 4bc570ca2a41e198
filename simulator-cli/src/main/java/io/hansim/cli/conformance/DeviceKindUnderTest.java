package io.hansim.cli.conformance;

import java.util.Locale;

/** The device kinds the battery knows: the three a device under test may stand in for. */
public enum DeviceKindUnderTest {
    /** Prepayment interface device: OTA client (R7.4), CoT (R56.2–R56.5), dual SMETS (R202). */
    PPMID,
    /** In-home display: no OTA (R7.2), CoT (R56.2–R56.5). */
    IHD,
    /** HAN-connected auxiliary load control switch: OTA client with CS06 activation (R7.5). */
    HCALCS;

    /** The kind's name in lower case, as the command line and the device port spell it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code s} (ppmid, ihd, hcalcs), or an IllegalArgumentException listing them. */
    public static DeviceKindUnderTest parse(String s) {
        for (DeviceKindUnderTest k : values()) {
            if (k.id().equals(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown device kind '" + s + "': expected ppmid, ihd or hcalcs");
    }

    /** Whether the kind is an OTA client of the CH (R7.1, R7.2). */
    public boolean otaClient() {
        return this != IHD;
    }

    /** Whether the kind keeps occupier data and runs Change of Tenancy (R56.2). */
    public boolean cot() {
        return this != HCALCS;
    }
}
