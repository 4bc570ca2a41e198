/**
 * The R56.5 invariant: after a Change of Tenancy nothing of the previous occupier is retrievable from
 * an IHD or PPMID, neither over the HAN nor from its flash ({@link io.hansim.device.privacy.PrivacyCheck}).
 */
package io.hansim.device.privacy;
