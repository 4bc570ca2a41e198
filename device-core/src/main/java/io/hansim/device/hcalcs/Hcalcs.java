package io.hansim.device.hcalcs;

import io.hansim.device.gb.ActivationOutcome;
import io.hansim.device.han.HanBus;
import io.hansim.device.node.HanDevice;
import io.hansim.device.node.Node;
import io.hansim.device.role.BasicServer;
import io.hansim.device.role.OtaClientRole;
import io.hansim.device.sim.Seeds;
import io.hansim.device.storage.NonVolatileStore;
import io.hansim.zigbee.ota.client.ClientAction;
import io.hansim.zigbee.ota.client.ClientEvent;
import io.hansim.zigbee.ota.client.ClientProfile;
import io.hansim.zigbee.ota.client.HeldImage;
import io.hansim.zigbee.ota.client.ImageUpgradeStatus;
import io.hansim.zigbee.ota.client.OtaClient;
import io.hansim.zigbee.ota.client.UpgradeActivationPolicy;
import io.hansim.zigbee.ota.image.GbBody;
import io.hansim.zigbee.ota.image.OtaImageParser;
import io.hansim.zigbee.zcl.Bytes;
import java.util.Objects;
import java.util.Optional;

/**
 * A HAN-connected auxiliary load control switch. Its OTA client downloads an image and holds it in
 * ImageUpgradeStatus 6 ("waiting to upgrade via external event") until the GBCS Activate Firmware
 * command (CS06) carries the SHA-256 Manufacturer Image Hash of the held image (R7.5): a wrong hash is
 * outcome 2 and the old version keeps running; the right one activates and restarts the device.
 */
public final class Hcalcs implements HanDevice, io.hansim.device.gb.FirmwareActivation {
    /** An HCALCS unit as data; the OTA profile's activation policy is forced to out-of-band (R7.5). */
    public record Spec(String name, long eui64, int shortAddress, ClientProfile ota) {
        public Spec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(ota, "ota");
        }
    }

    private final Node node;
    private final OtaClientRole ota;
    private NonVolatileStore.ActivationResult lastActivation;

    /** An HCALCS is a node with the Basic server and the OTA client. */
    public Hcalcs(Spec spec, HanBus bus, Seeds seeds) {
        this.node = new Node(spec.name(), spec.eui64(), spec.shortAddress(), bus, spec.ota().identity().currentFileVersion())
                .owner(this);
        node.add(new BasicServer(node.port(), BasicServer.Identity.of(spec.ota()))); // G.9
        this.ota = node.add(new OtaClientRole(node.port(), spec.ota().toBuilder().ieeeAddress(spec.eui64())
                .activationPolicy(UpgradeActivationPolicy.OUT_OF_BAND_ONLY).build(), seeds.device(spec.eui64()),
                this::onActivate));
    }

    @Override
    public Node node() {
        return node;
    }

    /** Joins the CH's HAN: the CH becomes the only upgrade server (R7.1, R7.3). */
    public void joinedTo(long hubEui64) {
        ota.setProfile(ota.profile().toBuilder().upgradeServer(hubEui64).build());
    }

    public OtaClientRole ota() {
        return ota;
    }

    public Optional<OtaClient> otaClient() {
        return ota.client();
    }

    public Optional<ImageUpgradeStatus> imageUpgradeStatus() {
        return otaClient().map(OtaClient::imageUpgradeStatus);
    }

    /** The image downloaded and verified but not yet running. */
    public Optional<HeldImage> heldImage() {
        return otaClient().flatMap(OtaClient::heldImage);
    }

    /**
     * CS06 Activate Firmware (R7.5): activates the held image only if {@code manufacturerImageHash} is
     * the SHA-256 hash of its Manufacturer Image. The new version runs after the restart.
     */
    @Override
    public ActivationOutcome activate(byte[] manufacturerImageHash) {
        Objects.requireNonNull(manufacturerImageHash, "manufacturerImageHash");
        Optional<HeldImage> held = heldImage();
        if (held.isEmpty()) {
            return ActivationOutcome.NO_IMAGE_HELD;
        }
        GbBody gb = OtaImageParser.parse(held.get().image().toArray()).gbBody();
        if (gb == null) {
            return ActivationOutcome.ACTIVATION_FAILURE; // not a GB image: nothing to check the hash against
        }
        if (!gb.manufacturerImageHash().equals(Bytes.of(manufacturerImageHash))) {
            return ActivationOutcome.HASH_MISMATCH;
        }
        // The hash matches: the client activates, at once or after its minimum reboot delay
        // (ClientProfile.minimumRebootDelay); a failure to boot is then outcome 3 via lastActivation.
        lastActivation = null;
        ota.handle(new ClientEvent.ActivateOutOfBand(node.now()));
        return lastActivation == null || lastActivation == NonVolatileStore.ActivationResult.ACTIVATED
                ? ActivationOutcome.SUCCESS : ActivationOutcome.ACTIVATION_FAILURE;
    }

    /** What the last activation did, if any. */
    public Optional<NonVolatileStore.ActivationResult> lastActivation() {
        return Optional.ofNullable(lastActivation);
    }

    private void onActivate(ClientAction.Activate a) {
        lastActivation = node.store().activate(a.identity().fileVersion(), a.image(), true);
        node.reboot(REBOOT_DELAY);
    }

    @Override
    public String toString() {
        return node.toString();
    }
}
