package io.hansim.zigbee.zcl;

/**
 * A ZCL general (profile-wide) command: frame type GLOBAL in the ZCL header (ZCL §2.4.1.1.1), same
 * meaning on every cluster (ZCL §2.5). hansim models the ones a smart-metering HAN peer needs to
 * read, write and report attributes and to answer commands; {@link GeneralCommandCodec} reads and
 * writes them.
 *
 * <p>A general frame may be manufacturer-specific (header bit 2): the command keeps its standard
 * meaning and the attribute identifiers belong to the manufacturer named in the header.
 */
public sealed interface GeneralCommand
        permits ReadAttributes, ReadAttributesResponse, WriteAttributes, WriteAttributesResponse,
        ReportAttributes, DefaultResponse {

    /** The general command identifier (the header's command identifier octet). */
    int commandId();
}
