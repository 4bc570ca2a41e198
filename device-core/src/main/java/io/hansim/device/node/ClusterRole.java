package io.hansim.device.node;

import io.hansim.zigbee.zcl.GeneralCommand;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclValue;
import java.util.List;
import java.util.Map;

/**
 * One side of one ZCL cluster on a device's endpoint: Basic server, OTA client, OTA server, Change of
 * Tenancy client or server, Metering history, Messaging, Prepayment log, … (DESIGN.md §2). A role sees
 * the HAN only through the {@link Port} it was given and never reaches into a device object; the
 * {@link ZclEndpoint} decodes each header once and applies the ZCL answer rules, so a role writes only
 * what its cluster means.
 *
 * <p>What the endpoint does before a role sees a frame, by the role's {@link #mode()}:
 * <ul>
 *   <li>{@link Mode#COMMANDS} (default): a global command is decoded once and handed to
 *       {@link #readAttributes} (the endpoint answers with the records that fit a frame),
 *       {@link #attributesRead} or {@link #defaultResponse}; any other global command is answered
 *       UNSUP_GENERAL_COMMAND. A cluster-specific command goes to {@link #command}; a
 *       {@link ZclDecodeException} it throws is answered MALFORMED_COMMAND.</li>
 *   <li>{@link Mode#RAW}: the whole frame goes to {@link #frame}, for a sans-I/O machine that owns its
 *       cluster's wire rules (the OTA client and server report every rejected frame themselves).</li>
 * </ul>
 */
public interface ClusterRole {
    /** Which side of its cluster a role is (ZCL §2.2.2): the server receives client-to-server commands. */
    enum Side { SERVER, CLIENT }

    /** How much the endpoint decodes for the role (see the class comment). */
    enum Mode { COMMANDS, RAW }

    int clusterId();

    Side side();

    default Mode mode() {
        return Mode.COMMANDS;
    }

    /** At every power-on, the first one too: rebuild RAM state from the flash. */
    default void boot() {
    }

    /** Power cut: drop RAM state (the node has cancelled the role's timers already). */
    default void powerLost() {
    }

    /** {@link Mode#RAW}: the frame as received. */
    default void frame(Inbound in) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " takes decoded commands");
    }

    /**
     * Read Attributes: the values this role holds now for {@code ids} (absent ones are answered
     * UNSUPPORTED_ATTRIBUTE), or null when the role serves no attributes (UNSUP_GENERAL_COMMAND).
     */
    default Map<Integer, ZclValue> readAttributes(Inbound in, List<Integer> ids) {
        return null;
    }

    /** A Read Attributes Response to a read this role made. */
    default void attributesRead(Inbound in, ReadAttributesResponse response) {
        in.port().answer(in, io.hansim.zigbee.zcl.ZclStatus.UNSUP_GENERAL_COMMAND);
    }

    /** A Default Response to a command this role sent (nothing to do, by default). */
    default void defaultResponse(Inbound in, io.hansim.zigbee.zcl.DefaultResponse response) {
    }

    /** A global command other than those above. */
    default void otherGeneral(Inbound in, GeneralCommand command) {
        in.port().answer(in, io.hansim.zigbee.zcl.ZclStatus.UNSUP_GENERAL_COMMAND);
    }

    /** A cluster-specific command; its payload starts at {@code in.payloadOffset()}. */
    default void command(Inbound in) throws ZclDecodeException {
        in.port().answer(in, io.hansim.zigbee.zcl.ZclStatus.UNSUP_CLUSTER_COMMAND);
    }
}
