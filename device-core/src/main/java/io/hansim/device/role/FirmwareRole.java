package io.hansim.device.role;

import io.hansim.device.gb.ActivationOutcome;
import io.hansim.device.node.Port;
import io.hansim.device.storage.NonVolatileStore;
import io.hansim.zigbee.ota.client.ClientAction;
import io.hansim.zigbee.ota.client.ClientEvent;
import io.hansim.zigbee.ota.client.ClientProfile;
import io.hansim.zigbee.ota.client.HeldImage;
import io.hansim.zigbee.ota.client.UpgradeActivationPolicy;
import io.hansim.zigbee.ota.image.GbBody;
import io.hansim.zigbee.ota.image.OtaImageParser;
import io.hansim.zigbee.zcl.Bytes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A smart meter's firmware (SR 11.1 distribution, SR 11.3 activation; requirements G.6, G.7), built on
 * the OTA Upgrade client role: the CH distributes the image over the OTA cluster, the device verifies
 * it and holds it until a CS06 whose Manufacturer Image Hash is the held image's activates it. Made for
 * the ESME and, unchanged, the GSME (whose wake-ups carry the download): only the alert form differs
 * ({@link FirmwareAlert#ESME_RECEIPT} 0x00CE / {@link FirmwareAlert#GSME_RECEIPT} 0x00CF).
 *
 * <p>Verification (G.6) is the OTA client's ({@code ImageVerifier}): header against the offer, sizes,
 * hardware range, downgrade policy and — with a trusted key in the profile — the supplier's ECDSA
 * P-256 signature over the Manufacturer Image; the hash the alerts and CS06 use is SHA-256 of the
 * Manufacturer Image. The G.7 alerts, raised through a {@link FirmwareAlertSink} with the device's own
 * {@link Port#utcNow()}:
 * <ul>
 *   <li>0x8F72 when a downloaded image verifies (hash of its Manufacturer Image);</li>
 *   <li>0x8F1C when it fails verification (hash calculated over what was received);</li>
 *   <li>0x8F1B when the image held across a power cut fails the verification at power-on (e.g. the flash
 *       was corrupted while the power was off);</li>
 *   <li>0x8F43 when the device boots a firmware version other than the one it ran before (after a CS06).</li>
 * </ul>
 * Where no GB body can be read, the hash is SHA-256 of the octets after the 60-byte OTA header (of the
 * whole file if shorter): the device still reports what it calculated (decision 0026).
 */
public final class FirmwareRole {
    private static final int OTA_HEADER_LENGTH = 60;

    private final Port port;
    private final NonVolatileStore store;
    private final int messageCode;
    private final OtaClientRole ota;
    private final List<FirmwareAlert> raised = new ArrayList<>();
    private FirmwareAlertSink sink;
    /** The version the device last executed; kept with the firmware (non-volatile), for 0x8F43. */
    private long lastExecutingVersion;
    /** The held image already reported with 0x8F72 (or found again at power-on). */
    private HeldImage reported;
    private NonVolatileStore.ActivationResult lastActivation;

    /**
     * @param profile     the device's OTA client profile; its activation policy is forced to out-of-band
     *                    (SR 11.3: activation only by CS06)
     * @param random      the device's own stream (Seeds.device)
     * @param messageCode {@link FirmwareAlert#ESME_RECEIPT} or {@link FirmwareAlert#GSME_RECEIPT}
     */
    public FirmwareRole(Port port, ClientProfile profile, SplittableRandom random, int messageCode,
            FirmwareAlertSink sink) {
        this.port = Objects.requireNonNull(port, "port");
        this.store = port.store();
        if (messageCode != FirmwareAlert.ESME_RECEIPT && messageCode != FirmwareAlert.GSME_RECEIPT) {
            throw new IllegalArgumentException(String.format("message code 0x%04X is neither 0x00CE nor 0x00CF",
                    messageCode));
        }
        this.messageCode = messageCode;
        this.sink = Objects.requireNonNull(sink, "sink");
        this.lastExecutingVersion = store.runningVersion();
        this.ota = new OtaClientRole(port, profile.toBuilder().ieeeAddress(port.eui64())
                .activationPolicy(UpgradeActivationPolicy.OUT_OF_BAND_ONLY).build(), random, this::onActivate);
        ota.addListener(new OtaClientRole.Listener() {
            @Override
            public void action(ClientAction a, boolean atPowerOn) {
                onAction(a, atPowerOn);
            }

            @Override
            public void booted() {
                onBoot();
            }
        });
    }

    /** The OTA client role to put on the device's endpoint. */
    public OtaClientRole ota() {
        return ota;
    }

    /** Where alerts go from now on (the CH wires itself in when the device joins). */
    public void setSink(FirmwareAlertSink s) {
        sink = Objects.requireNonNull(s, "sink");
    }

    /** Every alert this device raised, in order. */
    public List<FirmwareAlert> alerts() {
        return Collections.unmodifiableList(raised);
    }

    /** The verified image waiting for CS06. */
    public Optional<HeldImage> heldImage() {
        return ota.client().flatMap(c -> c.heldImage());
    }

    /** What the last activation did, if any. */
    public Optional<NonVolatileStore.ActivationResult> lastActivation() {
        return Optional.ofNullable(lastActivation);
    }

    /**
     * CS06 Activate Firmware (SR 11.3): activates the held image only if {@code manufacturerImageHash}
     * is the SHA-256 of its Manufacturer Image; the device restarts on it (and raises 0x8F43 when the
     * new version runs).
     */
    public ActivationOutcome activate(byte[] manufacturerImageHash) {
        Objects.requireNonNull(manufacturerImageHash, "manufacturerImageHash");
        if (!port.isPowered()) {
            return ActivationOutcome.ACTIVATION_FAILURE;
        }
        Optional<HeldImage> held = heldImage();
        if (held.isEmpty()) {
            return ActivationOutcome.NO_IMAGE_HELD;
        }
        GbBody gb = OtaImageParser.parse(held.get().image().toArray()).gbBody();
        if (gb == null) {
            return ActivationOutcome.ACTIVATION_FAILURE; // no Manufacturer Image to check the hash against
        }
        if (!gb.manufacturerImageHash().equals(Bytes.of(manufacturerImageHash))) {
            return ActivationOutcome.HASH_MISMATCH;
        }
        lastActivation = null;
        ota.handle(new ClientEvent.ActivateOutOfBand(port.now()));
        return lastActivation == null || lastActivation == NonVolatileStore.ActivationResult.ACTIVATED
                ? ActivationOutcome.SUCCESS : ActivationOutcome.ACTIVATION_FAILURE;
    }

    private void onActivate(ClientAction.Activate a) {
        lastActivation = store.activate(a.identity().fileVersion(), a.image(), true);
        port.reboot(io.hansim.device.node.HanDevice.REBOOT_DELAY);
    }

    private void onBoot() {
        long running = store.runningVersion();
        if (running != lastExecutingVersion) {
            lastExecutingVersion = running;
            Bytes image = store.running().image();
            raise(FirmwareAlert.EXECUTING_VERSION_CHANGED, image.length() > 0 ? calculatedHash(image)
                    : store.runningDigest().orElse(Bytes.of(new byte[32])));
        }
    }

    private void onAction(ClientAction a, boolean atPowerOn) {
        if (a instanceof ClientAction.DiscardImage d && d.reason().isVerificationFailure()) {
            // Before the discard is carried out: the flash still holds what was received.
            Bytes received = store.candidate(store.candidateLength());
            raise(atPowerOn ? FirmwareAlert.VERIFICATION_FAILED_AT_POWER_ON : FirmwareAlert.VERIFICATION_FAILED,
                    calculatedHash(received));
            return;
        }
        Optional<HeldImage> held = heldImage();
        if (held.isPresent() && held.get() != reported) {
            reported = held.get();
            if (!atPowerOn) { // re-verified after a power cut: already reported when it arrived
                raise(FirmwareAlert.VERIFICATION_SUCCESSFUL, calculatedHash(held.get().image()));
            }
        }
    }

    private void raise(int alertCode, Bytes hash) {
        FirmwareAlert alert = new FirmwareAlert(port.eui64(), messageCode, alertCode, port.utcNow(), hash);
        raised.add(alert);
        sink.raise(alert);
    }

    /** SHA-256 of the Manufacturer Image (G.6), or of what follows the header when no GB body can be read. */
    static Bytes calculatedHash(Bytes image) {
        byte[] file = image.toArray();
        GbBody gb;
        try {
            gb = OtaImageParser.parse(file).gbBody();
        } catch (RuntimeException e) { // a file the parser cannot read at all: hash what is there
            gb = null;
        }
        if (gb != null) {
            return gb.manufacturerImageHash();
        }
        int from = file.length > OTA_HEADER_LENGTH ? OTA_HEADER_LENGTH : 0;
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(file, from, file.length - from);
            return Bytes.of(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
