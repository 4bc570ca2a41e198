package io.hansim.zigbee.ota.client;

import io.hansim.zigbee.ota.image.GbForm;

/**
 * What a client with a {@linkplain ClientProfile.Trust#trustedKey() trusted key} asks of an image's GB
 * signature (zigbee-ota.md §8, requirements G.6).
 *
 * <p>GB has two image forms ({@link GbForm}). The SR 11.1 form (ESME, CH, HCALCS style) ends with the
 * authorising supplier's ECDSA P-256 signature over the Manufacturer Image, which the device checks.
 * The SR 11.4 form a PPMID receives has no signature at all (the public DUIS 11.4 template), so there
 * is nothing GB-defined for a PPMID to verify beyond what every client checks: identity and size
 * against the offer, hardware range, destination, downgrade policy (R7.6, R7.14), and that the image
 * came from its own CH (R7.3). Whatever a manufacturer puts inside its Manufacturer Image to check
 * it is the manufacturer's, and not modelled; that GB asks nothing more of a PPMID is (unconfirmed),
 * hence a profile option (decision 0014).
 */
public enum GbSignaturePolicy {
    /** Every image must carry a GB signature that verifies with the trusted key: the signed form only. */
    REQUIRED,
    /**
     * An image in the signed form must verify with the trusted key; one in the SR 11.4 form (a GB
     * body with no tail) is taken without a signature. The PPMID setting.
     */
    IF_SIGNED
}
