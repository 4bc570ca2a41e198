package io.hansim.device.gb;

/**
 * A device a GBCS CS06 Activate Firmware (SR 11.3) can go to: it checks the Manufacturer Image Hash
 * against the image it holds and activates it (R7.5 for the HCALCS; ESME and GSME, G.7).
 */
public interface FirmwareActivation {
    /** Activates the held image if {@code manufacturerImageHash} is its SHA-256 (G.6). */
    ActivationOutcome activate(byte[] manufacturerImageHash);
}
