package io.hansim.zigbee.tunneling;

import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.FieldChecks;
import io.hansim.zigbee.zcl.ZclDecodeException;
import java.util.Objects;

/**
 * The GBCS tunnel command that starts the data of every Transfer Data on the GB tunnel (GBCS §10.2.3
 * "GSME Tunnel Management", as HenryGiraldo/gbcs and Wireshark {@code packet-gbcs.c} read it;
 * gbcs.md §6, requirements G.3):
 *
 * <pre>
 *   01            GET           the device asks the CH for the messages queued for it
 *   02 nn         GET-RESPONSE  nn = number of messages still queued after this answer
 *   03 message…   PUT           one GBCS message, either way
 * </pre>
 *
 * {@link #decode(Bytes)} is strict: an unknown command byte, a GET or GET-RESPONSE with bytes after
 * it, a GET-RESPONSE without its count and a PUT without a message are each one
 * {@link ZclDecodeException} at the offset of the fault (offsets from the first tunnel byte).
 */
public sealed interface GbcsTunnelCommand permits GbcsTunnelCommand.Get, GbcsTunnelCommand.GetResponse,
        GbcsTunnelCommand.Put {

    /** Command byte of GET. */
    int GET = 0x01;
    /** Command byte of GET-RESPONSE. */
    int GET_RESPONSE = 0x02;
    /** Command byte of PUT. */
    int PUT = 0x03;

    /** The command byte. */
    int commandByte();

    /** The tunnel bytes: command byte, then what follows it. */
    Bytes encode();

    /** GET: nothing follows. */
    record Get() implements GbcsTunnelCommand {
        @Override
        public int commandByte() {
            return GET;
        }

        @Override
        public Bytes encode() {
            return Bytes.of((byte) GET);
        }
    }

    /** GET-RESPONSE: the number of messages still queued for the device (0–255). */
    record GetResponse(int remaining) implements GbcsTunnelCommand {
        public GetResponse {
            FieldChecks.u8("remaining", remaining);
        }

        @Override
        public int commandByte() {
            return GET_RESPONSE;
        }

        @Override
        public Bytes encode() {
            return Bytes.of((byte) GET_RESPONSE, (byte) remaining);
        }
    }

    /** PUT: one GBCS message (not empty). */
    record Put(Bytes message) implements GbcsTunnelCommand {
        public Put {
            Objects.requireNonNull(message, "message");
            if (message.isEmpty()) {
                throw new IllegalArgumentException("a PUT carries a GBCS message");
            }
        }

        @Override
        public int commandByte() {
            return PUT;
        }

        @Override
        public Bytes encode() {
            byte[] b = new byte[1 + message.length()];
            b[0] = (byte) PUT;
            message.copyTo(b, 1);
            return Bytes.of(b);
        }
    }

    /** Decodes the data of a Transfer Data on the GB tunnel. */
    static GbcsTunnelCommand decode(Bytes data) {
        Objects.requireNonNull(data, "data");
        if (data.isEmpty()) {
            throw new ZclDecodeException("GBCS tunnel command", 0, "no command byte");
        }
        int c = data.get(0);
        return switch (c) {
            case GET -> {
                if (data.length() != 1) {
                    throw new ZclDecodeException("GET", 1, (data.length() - 1) + " trailing byte(s) after GET");
                }
                yield new Get();
            }
            case GET_RESPONSE -> {
                if (data.length() < 2) {
                    throw new ZclDecodeException("GET-RESPONSE remaining count", 1, "missing");
                }
                if (data.length() != 2) {
                    throw new ZclDecodeException("GET-RESPONSE", 2,
                            (data.length() - 2) + " trailing byte(s) after the remaining count");
                }
                yield new GetResponse(data.get(1));
            }
            case PUT -> {
                if (data.length() < 2) {
                    throw new ZclDecodeException("PUT message", 1, "a PUT without a GBCS message");
                }
                yield new Put(Bytes.of(data.toArray(), 1, data.length() - 1));
            }
            default -> throw new ZclDecodeException("GBCS tunnel command", 0, String.format(
                    "0x%02X is not GET (01), GET-RESPONSE (02) or PUT (03)", c));
        };
    }

    /** Decodes tunnel bytes given as an array. */
    static GbcsTunnelCommand decode(byte[] data) {
        Objects.requireNonNull(data, "data");
        return decode(Bytes.of(data));
    }
}
