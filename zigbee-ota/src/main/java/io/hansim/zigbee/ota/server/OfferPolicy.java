package io.hansim.zigbee.ota.server;

import java.util.Optional;

/**
 * Whether the host lets the server offer images to a client at all: asked before every Image
 * Notify, Distribute, Query Next Image, Query Device Specific File and block or page request. A
 * client the policy refuses is never notified (the notify or distribute is refused with
 * {@link Refusal.ClientExcluded}), its queries are answered NO_IMAGE_AVAILABLE and its block
 * requests ABORT, whatever is staged.
 *
 * <p>The server holds no rule of its own about which devices may be upgraded; a host injects one
 * (a Communications Hub excludes its in-home displays and the PPMIDs its system gives no OTA). The
 * answer must be deterministic: the server asks it at the moments above and nowhere else.
 */
@FunctionalInterface
public interface OfferPolicy {
    /** Every client may be offered images. */
    OfferPolicy OFFER_ALL = client -> Optional.empty();

    /**
     * Why {@code client} must not be offered images, as one line for a report; empty when it may.
     *
     * @param client the client's EUI-64
     */
    Optional<String> refusal(long client);
}
