package io.hansim.zigbee.zcl;

import java.util.List;

/**
 * Read Attributes Response, general command 0x01 (ZCL §2.5.2): one read attribute status record per
 * attribute asked for. A record is the identifier (u16) and a status octet; only when the status is
 * SUCCESS do the data-type octet and the value follow. After any other status the next record
 * starts right after the status octet.
 */
public record ReadAttributesResponse(List<StatusRecord> records) implements GeneralCommand {
    public static final int COMMAND_ID = 0x01;

    public ReadAttributesResponse {
        records = List.copyOf(records);
    }

    public static ReadAttributesResponse of(StatusRecord... records) {
        return new ReadAttributesResponse(List.of(records));
    }

    @Override
    public int commandId() {
        return COMMAND_ID;
    }

    /**
     * One read attribute status record.
     *
     * @param attributeId 0..0xFFFF
     * @param status      SUCCESS, or why the attribute could not be read (e.g. UNSUPPORTED_ATTRIBUTE)
     * @param value       the value when {@code status} is SUCCESS, {@code null} otherwise
     */
    public record StatusRecord(int attributeId, ZclStatus status, ZclValue value) {
        public StatusRecord {
            ZclHeader.checkRange("attributeId", attributeId, 0xFFFF);
            if (status == null) {
                throw new IllegalArgumentException("status is required");
            }
            if ((status == ZclStatus.SUCCESS) != (value != null)) {
                throw new IllegalArgumentException(status == ZclStatus.SUCCESS
                        ? "a SUCCESS record needs a value" : "only a SUCCESS record has a value, not " + status);
            }
        }

        public static StatusRecord success(int attributeId, ZclValue value) {
            return new StatusRecord(attributeId, ZclStatus.SUCCESS, value);
        }

        public static StatusRecord failure(int attributeId, ZclStatus status) {
            return new StatusRecord(attributeId, status, null);
        }

        public boolean isSuccess() {
            return status == ZclStatus.SUCCESS;
        }
    }
}
