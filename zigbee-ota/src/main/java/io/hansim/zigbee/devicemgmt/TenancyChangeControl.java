package io.hansim.zigbee.devicemgmt;

import io.hansim.zigbee.zcl.FieldChecks;
import io.hansim.zigbee.zcl.ZclDataType;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.EnumSet;
import java.util.Set;

/**
 * The 32-bit Proposed Tenancy Change Control bitmap (attribute 0x0201 and the last field of Publish
 * Change of Tenancy). Bit meanings from gbcs.md §8.2 (Wireshark {@code packet-zbee-zcl-se.c}).
 * Undefined bits are kept, not rejected, so that a value read from the air encodes again unchanged.
 *
 * @param bits the bitmap, 0..0xFFFFFFFF
 */
public record TenancyChangeControl(long bits) {

    /** The named single-bit flags. Bits 11–12 are a two-bit field, see {@link #meterContactorState()}. */
    public enum Bit {
        PRE_SNAPSHOTS(0x1),
        POST_SNAPSHOTS(0x2),
        RESET_CREDIT_REGISTER(0x4),
        RESET_DEBIT_REGISTER(0x8),
        RESET_BILLING_PERIOD(0x10),
        CLEAR_TARIFF_PLAN(0x20),
        CLEAR_STANDING_CHARGE(0x40),
        BLOCK_HISTORICAL_LOAD_PROFILE_INFORMATION(0x80),
        CLEAR_HISTORICAL_LOAD_PROFILE_INFORMATION(0x100),
        /** R56.3: the IHD/PPMID clears the consumer's data (history, messages). */
        CLEAR_IHD_DATA_CONSUMER(0x200),
        /** R56.3: the IHD/PPMID clears the supplier's data. */
        CLEAR_IHD_DATA_SUPPLIER(0x400),
        CLEAR_TRANSACTION_LOG(0x2000),
        CLEAR_PREPAYMENT_DATA(0x4000);

        private final long mask;

        Bit(long mask) {
            this.mask = mask;
        }

        /** The bit's value in the bitmap. */
        public long mask() {
            return mask;
        }
    }

    /** Mask of the two-bit meter contactor state field (bits 11–12). */
    public static final long METER_CONTACTOR_STATE_MASK = 0x1800;

    /** The control GCS09 sends in the RTDS vectors: clear IHD data – consumer (gbcs.md §8.2). */
    public static final TenancyChangeControl GCS09_DEFAULT = of(Bit.CLEAR_IHD_DATA_CONSUMER);

    public TenancyChangeControl {
        FieldChecks.u32("ProposedTenancyChangeControl", bits);
    }

    /** A bitmap with exactly these flags set. */
    public static TenancyChangeControl of(Bit... set) {
        long b = 0;
        for (Bit bit : set) {
            b |= bit.mask;
        }
        return new TenancyChangeControl(b);
    }

    /** Whether {@code bit} is set. */
    public boolean has(Bit bit) {
        return (bits & bit.mask) != 0;
    }

    /** The named flags that are set. */
    public Set<Bit> flags() {
        EnumSet<Bit> s = EnumSet.noneOf(Bit.class);
        for (Bit b : Bit.values()) {
            if (has(b)) {
                s.add(b);
            }
        }
        return s;
    }

    /** The two-bit meter contactor state field, 0..3 (its value meanings are (unconfirmed)). */
    public int meterContactorState() {
        return (int) ((bits & METER_CONTACTOR_STATE_MASK) >>> 11);
    }

    /** Whether a device that keeps consumer or supplier data must clear it (R56.3). */
    public boolean clearsIhdData() {
        return has(Bit.CLEAR_IHD_DATA_CONSUMER) || has(Bit.CLEAR_IHD_DATA_SUPPLIER);
    }

    /** The attribute value (bitmap32) for attribute 0x0201. */
    public ZclValue.Bitmap toValue() {
        return new ZclValue.Bitmap(ZclDataType.BITMAP32, bits);
    }
}
