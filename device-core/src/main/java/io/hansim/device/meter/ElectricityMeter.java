package io.hansim.device.meter;

import io.hansim.device.cot.SpecVersion;
import io.hansim.device.gb.ActivationOutcome;
import io.hansim.device.gb.FirmwareActivation;
import io.hansim.device.han.HanBus;
import io.hansim.device.node.Node;
import io.hansim.device.role.CotServerRole;
import io.hansim.device.role.FirmwareAlert;
import io.hansim.device.role.FirmwareRole;
import io.hansim.device.role.MeteringServerRole;
import io.hansim.device.sim.Seeds;
import io.hansim.zigbee.ota.client.ClientProfile;
import java.util.Objects;
import java.util.Optional;

/**
 * An electricity smart meter (ESME): the Basic cluster with its firmware version, Metering 0x0702
 * consumption and, from ESMETS 5.1 (R56.6), Device Management 0x0708 Change of Tenancy (R56.1), see
 * {@link MeterDevice}. With an OTA profile in its spec it also takes firmware from the CH (SR 11.1 over
 * the OTA cluster, verified on the device, G.6), holds it until CS06 activates it (SR 11.3) and raises
 * the G.7 alerts in the 0x00CE form ({@link FirmwareRole}); without one it has no OTA client, as
 * before. Other clusters are answered UNSUPPORTED_CLUSTER.
 */
public final class ElectricityMeter implements MeterDevice, FirmwareActivation {
    /** ESMETS v5.1: the version SECMP0056 expects to carry CoT publishing (R56.6); configuration. */
    public static final SpecVersion DEFAULT_COT_THRESHOLD = new SpecVersion(5, 1);

    /**
     * An ESME as data.
     *
     * @param esmets       the ESMETS version the firmware implements (R56.6)
     * @param cotThreshold the ESMETS version from which it serves CoT on the HAN (configuration, R56.6)
     * @param ota          the OTA client profile of its firmware (SR 11.1, G.6); null: no firmware over the HAN
     */
    public record Spec(String name, long eui64, int shortAddress, long firmwareVersion, SpecVersion esmets,
            SpecVersion cotThreshold, ClientProfile ota) {
        public Spec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(esmets, "esmets");
            Objects.requireNonNull(cotThreshold, "cotThreshold");
        }

        public Spec(String name, long eui64, int shortAddress, long firmwareVersion, SpecVersion esmets,
                SpecVersion cotThreshold) {
            this(name, eui64, shortAddress, firmwareVersion, esmets, cotThreshold, null);
        }

        /** An ESMETS 5.1 meter (CoT on). */
        public Spec(String name, long eui64, int shortAddress, long firmwareVersion) {
            this(name, eui64, shortAddress, firmwareVersion, DEFAULT_COT_THRESHOLD, DEFAULT_COT_THRESHOLD);
        }

        public Spec withEsmets(SpecVersion v) {
            return new Spec(name, eui64, shortAddress, firmwareVersion, v, cotThreshold, ota);
        }

        /** This meter taking firmware over the HAN with OTA profile {@code p} (SR 11.1). */
        public Spec withOta(ClientProfile p) {
            return new Spec(name, eui64, shortAddress, firmwareVersion, esmets, cotThreshold, p);
        }
    }

    private final Spec spec;
    private final MeterRoles roles;
    private final FirmwareRole firmware;

    /** A meter without firmware over the HAN (its spec's OTA profile, if any, needs {@link Seeds}). */
    public ElectricityMeter(Spec spec, HanBus bus) {
        this(spec, bus, null);
    }

    /** @param seeds the simulation's seeds, for the OTA client's stream; needed when the spec has an OTA profile */
    public ElectricityMeter(Spec spec, HanBus bus, Seeds seeds) {
        this.spec = spec;
        this.roles = MeterRoles.assemble(this, spec.name(), spec.eui64(), spec.shortAddress(), bus,
                spec.firmwareVersion(), spec.esmets().isAtLeast(spec.cotThreshold()));
        if (spec.ota() != null) {
            Objects.requireNonNull(seeds, "seeds (an ESME with an OTA profile)");
            this.firmware = new FirmwareRole(roles.node().port(), spec.ota().toBuilder()
                    .currentFileVersion(spec.firmwareVersion()).build(), seeds.device(spec.eui64()),
                    FirmwareAlert.ESME_RECEIPT, io.hansim.device.role.FirmwareAlertSink.NONE);
            roles.node().add(firmware.ota());
        } else {
            this.firmware = null;
        }
    }

    /** The meter's firmware over the HAN (SR 11.1 / 11.3, G.7); empty without an OTA profile. */
    public Optional<FirmwareRole> firmware() {
        return Optional.ofNullable(firmware);
    }

    /** Joins the CH's HAN: the CH becomes the upgrade server, and the firmware alerts go to the CH. */
    public void joinedTo(long hubEui64, io.hansim.device.role.FirmwareAlertSink alerts) {
        if (firmware != null) {
            firmware.ota().setProfile(firmware.ota().profile().toBuilder().upgradeServer(hubEui64).build());
            firmware.setSink(alerts);
        }
    }

    /** CS06 (SR 11.3): see {@link FirmwareRole#activate}; NO_IMAGE_HELD for a meter without HAN firmware. */
    @Override
    public ActivationOutcome activate(byte[] manufacturerImageHash) {
        return firmware == null ? ActivationOutcome.NO_IMAGE_HELD : firmware.activate(manufacturerImageHash);
    }

    @Override
    public Node node() {
        return roles.node();
    }

    @Override
    public CotServerRole cotServer() {
        return roles.cot();
    }

    @Override
    public MeteringServerRole meteringServer() {
        return roles.metering();
    }

    public Spec spec() {
        return spec;
    }
}
