package io.hansim.zigbee.ota.client;

import io.hansim.zigbee.ota.image.Finding;
import io.hansim.zigbee.ota.image.GbBody;
import io.hansim.zigbee.ota.image.GbForm;
import io.hansim.zigbee.ota.image.GbImages;
import io.hansim.zigbee.ota.image.IntegrityResult;
import io.hansim.zigbee.ota.image.OtaHeader;
import io.hansim.zigbee.ota.image.OtaImageParser;
import io.hansim.zigbee.ota.image.OtaImageReport;
import io.hansim.zigbee.ota.image.ParseOptions;
import io.hansim.zigbee.ota.image.SimulatedFirmware;
import io.hansim.zigbee.zcl.Bytes;

/**
 * The checks a client makes on a complete image before it asks to run it (the step between
 * "Download complete" and the Upgrade End Request). Any failure is reported to the server as
 * Upgrade End Request INVALID_IMAGE and the running image stays (requirements R7.14).
 *
 * <p>In order: the file has a readable header at offset 0; its identity and TotalImageSize are
 * what the server offered (or, for a local upgrade, this device's manufacturer and image type and
 * the file's length); the parser finds no error (zigbee-ota.md §7); the device's hardware version
 * is inside the header's range when both are known (the Silicon Labs and zsmartsystems rule,
 * zigbee-ota.md §9 #16); the upgrade file destination, when present and the device knows its own
 * address, is this device; no downgrade when the profile refuses them (R7.14); the GB signature
 * verifies with the trusted key when the profile holds one (zigbee-ota.md §8), unless the image is
 * in the SR 11.4 form, which has none, and the profile is {@link GbSignaturePolicy#IF_SIGNED}; every image
 * integrity code (tag 0x0003) matches (zigbee-ota.md §7.4). Before that, a Manufacturer Image whose
 * firmware says its version ({@link SimulatedFirmware}) must say the header's File Version.
 */
final class ImageVerifier {

    /** The outcome: {@code failure} null when the image passed. */
    record Verdict(DiscardReason failure, String detail, OtaHeader header) {
        boolean ok() {
            return failure == null;
        }
    }

    private ImageVerifier() {
    }

    /**
     * Checks a downloaded image against the offer.
     *
     * @param offered     the identity in the Query Next Image Response, or null for a local upgrade
     * @param offeredSize the offered ImageSize; for a local upgrade the file's length
     */
    static Verdict verify(ClientProfile profile, long runningVersion, Bytes image, ImageIdentity offered,
            long offeredSize) {
        OtaImageReport report = OtaImageParser.parse(image.toArray(),
                ParseOptions.defaults().withFormat(profile.trust().imageFormat()));
        OtaHeader h = report.header();
        if (h == null || report.identifierOffset() != 0) {
            return fail(DiscardReason.INVALID_FILE, "no OTA header at offset 0" + firstError(report));
        }
        if (offered != null) {
            if (h.manufacturerCode() != offered.manufacturerCode() || h.imageType() != offered.imageType()
                    || h.fileVersion() != offered.fileVersion()) {
                return fail(DiscardReason.IDENTITY_MISMATCH, "header says "
                        + new ImageIdentity(h.manufacturerCode(), h.imageType(), h.fileVersion())
                        + ", the server offered " + offered);
            }
        } else if (h.manufacturerCode() != profile.identity().manufacturerCode() || h.imageType() != profile.identity().imageType()) {
            return fail(DiscardReason.IDENTITY_MISMATCH, String.format(
                    "header is for manufacturer 0x%04X image type 0x%04X, this device is 0x%04X 0x%04X",
                    h.manufacturerCode(), h.imageType(), profile.identity().manufacturerCode(), profile.identity().imageType()));
        }
        if (h.totalImageSize() != offeredSize) {
            return fail(DiscardReason.SIZE_MISMATCH, "TotalImageSize " + h.totalImageSize() + " but "
                    + (offered != null ? "the offered ImageSize is " : "the file has ") + offeredSize + " bytes");
        }
        if (!report.ok()) {
            return fail(DiscardReason.INVALID_FILE, "the file has errors" + firstError(report));
        }
        if (profile.identity().hardwareVersion().isPresent() && h.minimumHardwareVersion() != null) {
            int hw = profile.identity().hardwareVersion().getAsInt();
            if (hw < h.minimumHardwareVersion() || hw > h.maximumHardwareVersion()) {
                return fail(DiscardReason.HARDWARE_VERSION_MISMATCH, String.format(
                        "hardware version 0x%04X is outside 0x%04X..0x%04X", hw, h.minimumHardwareVersion(),
                        h.maximumHardwareVersion()));
            }
        }
        if (h.upgradeFileDestination() != null && profile.identity().ieeeAddress().isPresent()
                && h.upgradeFileDestination() != profile.identity().ieeeAddress().getAsLong()) {
            return fail(DiscardReason.DESTINATION_MISMATCH, String.format(
                    "upgrade file destination %016X is not this device (%016X)", h.upgradeFileDestination(),
                    profile.identity().ieeeAddress().getAsLong()));
        }
        if (profile.trust().refuseDowngrades() && h.fileVersion() < runningVersion) {
            return fail(DiscardReason.DOWNGRADE_REFUSED, String.format(
                    "file version 0x%08X is older than the running 0x%08X", h.fileVersion(), runningVersion));
        }
        if (profile.trust().trustedKey().isPresent()) {
            GbBody gb = report.gbBody();
            boolean unsignedPpmidForm = gb != null && gb.form() == GbForm.PPMID
                    && profile.trust().gbSignaturePolicy() == GbSignaturePolicy.IF_SIGNED;
            if (!unsignedPpmidForm) {
                // G.6: the SR 11.4 form carries no signature (GbSignaturePolicy); the signed form must verify.
                if (gb == null || !gb.hasSignature()) {
                    return fail(DiscardReason.SIGNATURE_MISSING, "no GB signature (Manufacturer Image ‖ 00 ‖ 40 ‖ r‖s)"
                            + (gb != null ? ": the body is in the SR 11.4 form and this profile requires the"
                            + " signed form" : ""));
                }
                if (!GbImages.verify(gb, profile.trust().trustedKey().get())) {
                    return fail(DiscardReason.SIGNATURE_INVALID, "the GB signature does not verify with the trusted key");
                }
            }
        }
        // A device believes its firmware, not the header: the version the Manufacturer Image carries
        // (signed in the SR 11.1 form, zigbee-ota.md §8) must be the header's File Version. The SR 11.4
        // form has nothing signed; the same check still stops a header edited on its own (decision 0017).
        GbBody body = report.gbBody();
        java.util.OptionalLong carried = body == null ? java.util.OptionalLong.empty()
                : SimulatedFirmware.version(body.manufacturerImage());
        if (carried.isPresent() && carried.getAsLong() != h.fileVersion()) {
            return fail(DiscardReason.FIRMWARE_VERSION_MISMATCH, String.format("the header says File Version 0x%08X"
                    + " but the firmware in the Manufacturer Image is 0x%08X", h.fileVersion(), carried.getAsLong()));
        }
        for (IntegrityResult r : report.integrity()) {
            if (r.outcome() != IntegrityResult.Outcome.VERIFIED) {
                return fail(DiscardReason.INTEGRITY_CODE_MISMATCH, "image integrity code at offset "
                        + r.elementOffset() + ": " + r.label() + " (" + r.reason() + ")");
            }
        }
        return new Verdict(null, "verified", h);
    }

    /**
     * The {@link ClientQuirk#ACTIVATES_UNVERIFIED} mutant: takes any image whose OTA header parses as
     * good, whatever {@code checked} found wrong with it.
     */
    static Verdict unchecked(ClientProfile profile, Bytes image, Verdict checked) {
        OtaHeader h = OtaImageParser.parse(image.toArray(),
                ParseOptions.defaults().withFormat(profile.trust().imageFormat())).header();
        return h == null ? checked : new Verdict(null, "", h);
    }

    private static Verdict fail(DiscardReason reason, String detail) {
        return new Verdict(reason, detail, null);
    }

    private static String firstError(OtaImageReport report) {
        for (Finding f : report.errors()) {
            return ": " + f.code() + " at offset " + f.offset() + ", " + f.message();
        }
        return "";
    }
}
