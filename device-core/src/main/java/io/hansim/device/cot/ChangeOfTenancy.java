package io.hansim.device.cot;

/**
 * A Change of Tenancy as a meter holds it after SR 3.2 (R56.7): the implementation date-time and the
 * Proposed Tenancy Change Control, which the meter serves on the HAN as Device Management attributes
 * 0x0200 / 0x0201 and in Publish Change of Tenancy (R56.1; gbcs.md §8.2).
 *
 * @param issuerEventId          the IssuerEventID of the publish (GCS09 uses a UTC time, gbcs.md §8.2)
 * @param implementationUtc      ImplementationDateTime, ZCL UTCTime (seconds since 2000-01-01)
 * @param proposedTenancyChangeControl the 32-bit control bitmap; 0x200 clears IHD consumer data
 */
public record ChangeOfTenancy(long issuerEventId, long implementationUtc, long proposedTenancyChangeControl) {
    /** Control bit 0x200: clear IHD data – consumer (gbcs.md §8.2), what GCS09 sets. */
    public static final long CLEAR_IHD_DATA_CONSUMER =
            io.hansim.zigbee.devicemgmt.TenancyChangeControl.Bit.CLEAR_IHD_DATA_CONSUMER.mask();

    public ChangeOfTenancy {
        if (issuerEventId < 0 || issuerEventId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("IssuerEventID is a u32: " + issuerEventId);
        }
        if (implementationUtc < 0 || implementationUtc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("ImplementationDateTime is a UTCTime (u32): " + implementationUtc);
        }
        if (proposedTenancyChangeControl < 0 || proposedTenancyChangeControl > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("ProposedTenancyChangeControl is a bitmap32: "
                    + proposedTenancyChangeControl);
        }
    }
}
