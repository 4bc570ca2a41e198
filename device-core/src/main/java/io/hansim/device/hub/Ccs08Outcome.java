package io.hansim.device.hub;

import io.hansim.device.gb.Ccs08Code;
import io.hansim.zigbee.ota.server.ImageKey;
import io.hansim.zigbee.ota.server.ServerAction;
import io.hansim.zigbee.ota.server.TransferResult;

import java.util.Objects;

/**
 * A CCS08 Firmware Transfer Alert the CH raises for a transfer that ended (R7.6, R7.7, R7.8,
 * R7.10): the OTA server's Zigbee-native outcome, mapped to its CCS08 response code by the CH.
 *
 * @param client      the device
 * @param code        the CCS08 response code
 * @param image       the image concerned
 * @param imageSize   its size in bytes
 * @param bytesServed image bytes sent in Image Block Responses (repeats counted)
 * @param reason      one line: what happened, with the numbers
 * @param result      the server's outcome the code was mapped from
 */
public record Ccs08Outcome(long client, Ccs08Code code, ImageKey image, long imageSize, long bytesServed,
        String reason, TransferResult result) {
    public Ccs08Outcome {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(result, "result");
    }

    /** The alert for a server outcome ({@link Ccs08Code#of}). */
    public static Ccs08Outcome of(ServerAction.TransferOutcome o) {
        return new Ccs08Outcome(o.client(), Ccs08Code.of(o.result()), o.image(), o.imageSize(), o.bytesServed(),
                o.reason(), o.result());
    }
}
