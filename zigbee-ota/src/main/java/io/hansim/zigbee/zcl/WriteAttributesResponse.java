package io.hansim.zigbee.zcl;

import java.util.List;

/**
 * Write Attributes Response, general command 0x04 (ZCL §2.5.5). When every attribute was written
 * the payload is a single status octet SUCCESS with no attribute identifier; otherwise it holds one
 * write attribute status record (status octet, attribute identifier u16) per attribute that failed,
 * and no record for those that succeeded.
 *
 * @param failures the failed attributes; empty means "all written" (the single SUCCESS octet)
 */
public record WriteAttributesResponse(List<StatusRecord> failures) implements GeneralCommand {
    public static final int COMMAND_ID = 0x04;

    private static final WriteAttributesResponse ALL_SUCCEEDED = new WriteAttributesResponse(List.of());

    public WriteAttributesResponse {
        failures = List.copyOf(failures);
    }

    /** The response that says every attribute was written. */
    public static WriteAttributesResponse success() {
        return ALL_SUCCEEDED;
    }

    public static WriteAttributesResponse of(StatusRecord... failures) {
        return new WriteAttributesResponse(List.of(failures));
    }

    public boolean allSucceeded() {
        return failures.isEmpty();
    }

    @Override
    public int commandId() {
        return COMMAND_ID;
    }

    /**
     * A write attribute status record for an attribute that was not written.
     *
     * @param status      not SUCCESS (READ_ONLY, INVALID_VALUE, UNSUPPORTED_ATTRIBUTE, ...)
     * @param attributeId 0..0xFFFF
     */
    public record StatusRecord(ZclStatus status, int attributeId) {
        public StatusRecord {
            if (status == null || status == ZclStatus.SUCCESS) {
                throw new IllegalArgumentException(
                        "a write attribute status record reports a failure; SUCCESS is the single-octet form");
            }
            ZclHeader.checkRange("attributeId", attributeId, 0xFFFF);
        }
    }
}
