package io.hansim.zigbee.zcl;

import io.hansim.zigbee.zcl.ZclHeader.Direction;

/**
 * One cluster-specific command as a cluster's command table lists it: identifier, direction and
 * the specification's name. In the Smart Energy clusters the same identifier is used once in each
 * direction (e.g. Messaging 0x00 is Display Message server→client and Get Last Message
 * client→server), so a command is found by the pair, never by the identifier alone.
 */
public interface ClusterCommandType {

    /** The CommandIdentifier on the air, 0..0xFF. */
    int id();

    /** The direction the command travels in (frame-control bit 3). */
    Direction direction();

    /** The name the specification uses, e.g. {@code "Publish Change of Tenancy"}. */
    String specName();
}
