package io.hansim.zigbee.zdo;

/** The ZDP status codes a Match Descriptor Response carries (Zigbee specification §2.4.5, table 2.138). */
public final class ZdoStatus {
    public static final int SUCCESS = 0x00;
    public static final int INV_REQUESTTYPE = 0x80;
    public static final int DEVICE_NOT_FOUND = 0x81;
    public static final int NO_DESCRIPTOR = 0x89;

    private ZdoStatus() {
    }
}
