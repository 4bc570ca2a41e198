package io.hansim.device.role;

import io.hansim.device.node.ClusterRole;
import io.hansim.device.node.Inbound;
import io.hansim.zigbee.metering.MeteringAttribute;
import io.hansim.zigbee.zcl.ZclDataType;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongPredicate;

/**
 * Requirements G.11 (optional, off by default; whether GB mandates it is unconfirmed): the CH's
 * Metering client-side Notification Attribute Set as one CH implementation keeps it
 * (HenryGiraldo/gbcs {@code c/ch.c}). FunctionalNotificationFlags (0x0000, bitmap32) has bit 0
 * "New OTA Firmware" set for the device reading it when the CH has an image staged for that device.
 * The other bits are not modelled (0).
 */
public final class NewFirmwareFlagRole implements ClusterRole {
    /** FunctionalNotificationFlags, Metering client attribute set 0x00 (SE 1.4 D.3.3). */
    public static final int FUNCTIONAL_NOTIFICATION_FLAGS = 0x0000;
    /** Bit 0: New OTA Firmware. */
    public static final long NEW_OTA_FIRMWARE = 0x0000_0001L;

    private final LongPredicate staged;

    /** @param staged whether the CH holds an image staged for a device (by EUI-64) */
    public NewFirmwareFlagRole(LongPredicate staged) {
        this.staged = Objects.requireNonNull(staged, "staged");
    }

    @Override
    public int clusterId() {
        return MeteringAttribute.CLUSTER_ID;
    }

    @Override
    public Side side() {
        return Side.CLIENT;
    }

    /** FunctionalNotificationFlags as {@code eui64} reads it. */
    public long flagsFor(long eui64) {
        return staged.test(eui64) ? NEW_OTA_FIRMWARE : 0;
    }

    @Override
    public Map<Integer, ZclValue> readAttributes(Inbound in, List<Integer> ids) {
        Map<Integer, ZclValue> m = new LinkedHashMap<>();
        m.put(FUNCTIONAL_NOTIFICATION_FLAGS, new ZclValue.Bitmap(ZclDataType.BITMAP32, flagsFor(in.source())));
        return m;
    }
}
