package io.hansim.zigbee.devicemgmt;

import io.hansim.zigbee.zcl.FieldChecks;
import io.hansim.zigbee.zcl.ZclHeader.Direction;

/**
 * One Device Management cluster (0x0708) command as an immutable value; the header is in
 * {@link DeviceManagementFrame}, bytes go through {@link DeviceManagementCodec}. Records check that
 * every field fits its wire width.
 */
public sealed interface DeviceManagementCommand
        permits DeviceManagementCommand.GetChangeOfTenancy, DeviceManagementCommand.PublishChangeOfTenancy {

    /** Which command this is. */
    DeviceManagementCommandType type();

    /** The CommandIdentifier on the air. */
    default int commandId() {
        return type().id();
    }

    /** The direction the command travels in. */
    default Direction direction() {
        return type().direction();
    }

    /** Number of payload bytes after the ZCL header. */
    int payloadLength();

    /** Get Change of Tenancy, client→server 0x00, no payload (R56.2: IHDs and PPMIDs poll it). */
    record GetChangeOfTenancy() implements DeviceManagementCommand {
        @Override
        public DeviceManagementCommandType type() {
            return DeviceManagementCommandType.GET_CHANGE_OF_TENANCY;
        }

        @Override
        public int payloadLength() {
            return 0;
        }
    }

    /**
     * Publish Change of Tenancy, server→client 0x00 (SE 1.4 D.10.2.4.1; field order confirmed by the
     * RTDS GCS09 vector, gbcs.md §8.2): ProviderID u32, IssuerEventID u32, TariffType enum8,
     * ImplementationDateTime UTCTime, ProposedTenancyChangeControl bitmap32 — 17 octets.
     *
     * @param providerId                   ProviderID
     * @param issuerEventId                IssuerEventID (GB: a UTC-based number)
     * @param tariffType                   TariffType enum8 (low nibble tariff type, high nibble
     *                                     charging scheme in SE 1.4; GB sends 0)
     * @param implementationDateTime       ImplementationDateTime, UTCTime seconds since 2000
     * @param proposedTenancyChangeControl the bitmap, see {@link TenancyChangeControl}
     */
    record PublishChangeOfTenancy(long providerId, long issuerEventId, int tariffType, long implementationDateTime,
            long proposedTenancyChangeControl) implements DeviceManagementCommand {
        public static final int LENGTH = 17;

        public PublishChangeOfTenancy {
            FieldChecks.u32("ProviderID", providerId);
            FieldChecks.u32("IssuerEventID", issuerEventId);
            FieldChecks.u8("TariffType", tariffType);
            FieldChecks.u32("ImplementationDateTime", implementationDateTime);
            FieldChecks.u32("ProposedTenancyChangeControl", proposedTenancyChangeControl);
        }

        /** The control field as a typed bitmap. */
        public TenancyChangeControl control() {
            return new TenancyChangeControl(proposedTenancyChangeControl);
        }

        @Override
        public DeviceManagementCommandType type() {
            return DeviceManagementCommandType.PUBLISH_CHANGE_OF_TENANCY;
        }

        @Override
        public int payloadLength() {
            return LENGTH;
        }
    }
}
