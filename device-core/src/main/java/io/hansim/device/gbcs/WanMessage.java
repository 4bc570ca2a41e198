package io.hansim.device.gbcs;

import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.CraFlag;
import java.util.Objects;

/**
 * One GBCS message that crossed the CH's WAN interface, as a report or an assertion sees it.
 *
 * @param time        virtual time in microseconds
 * @param direction   into the CH (a command) or out of it (a response or an alert)
 * @param messageCode the grouping header's Message Code
 * @param cra         command, response or alert
 * @param originator  the originator entity (EUI-64)
 * @param recipient   the recipient entity (EUI-64)
 * @param bytes       the message exactly as on the WAN
 */
public record WanMessage(long time, Direction direction, int messageCode, CraFlag cra, long originator,
        long recipient, ByteString bytes) {

    public enum Direction { TO_HUB, FROM_HUB }

    public WanMessage {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(cra, "cra");
        Objects.requireNonNull(bytes, "bytes");
    }
}
