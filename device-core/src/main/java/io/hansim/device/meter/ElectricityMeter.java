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
            SpecVersion cotThreshold, ClientProfile ota, io.hansim.device.role.BasicServer.Identity identity) {
        public Spec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(esmets, "esmets");
            Objects.requireNonNull(cotThreshold, "cotThreshold");
            identity = identity == null ? DEFAULT_IDENTITY : identity;
        }

        public Spec(String name, long eui64, int shortAddress, long firmwareVersion, SpecVersion esmets,
                SpecVersion cotThreshold, ClientProfile ota) {
            this(name, eui64, shortAddress, firmwareVersion, esmets, cotThreshold, ota, null);
        }

        /**
         * This ESME with the OTA parameters its Basic identity is derived from when it has no OTA profile
         * (G.9); with a profile the identity is the profile's.
         */
        public Spec withIdentity(io.hansim.device.role.BasicServer.Identity i) {
            return new Spec(name, eui64, shortAddress, firmwareVersion, esmets, cotThreshold, ota,
                    Objects.requireNonNull(i, "identity"));
        }

        /** What the Basic server says (G.9): the OTA profile's identity, else {@link #identity()}. */
        public io.hansim.device.role.BasicServer.Identity basicIdentity() {
            return ota != null ? io.hansim.device.role.BasicServer.Identity.of(ota) : identity;
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
            return new Spec(name, eui64, shortAddress, firmwareVersion, v, cotThreshold, ota, identity);
        }

        /** This meter taking firmware over the HAN with OTA profile {@code p} (SR 11.1). */
        public Spec withOta(ClientProfile p) {
            return new Spec(name, eui64, shortAddress, firmwareVersion, esmets, cotThreshold, p, identity);
        }
    }

    /** The ESME's Basic identity without an OTA profile (G.9): hansim's manufacturer, image type 0x0101. */
    public static final io.hansim.device.role.BasicServer.Identity DEFAULT_IDENTITY =
            io.hansim.device.role.BasicServer.Identity.hansim(0x0101);

    /** A DLMS data-access-result "other-reason" for an ECS12 whose date-time names no instant. */
    public static final int DLMS_OTHER_REASON = 250;

    private final Spec spec;
    private final MeterRoles roles;
    private final FirmwareRole firmware;
    private final io.hansim.device.role.TunnelClientRole tunnel;
    private final io.hansim.device.gbcsapp.DeviceGbcsApplication gbcs;
    private long ecs12TenancyChangeControl = io.hansim.device.cot.ChangeOfTenancy.CLEAR_IHD_DATA_CONSUMER;

    /** A meter without firmware over the HAN (its spec's OTA profile, if any, needs {@link Seeds}). */
    public ElectricityMeter(Spec spec, HanBus bus) {
        this(spec, bus, null);
    }

    /** @param seeds the simulation's seeds, for the OTA client's stream; needed when the spec has an OTA profile */
    public ElectricityMeter(Spec spec, HanBus bus, Seeds seeds) {
        this.spec = spec;
        this.roles = MeterRoles.assemble(this, spec.name(), spec.eui64(), spec.shortAddress(), bus,
                spec.firmwareVersion(), spec.esmets().isAtLeast(spec.cotThreshold()), spec.basicIdentity());
        Node node = roles.node();
        this.gbcs = new io.hansim.device.gbcsapp.DeviceGbcsApplication(spec.eui64(), node::instantNow);
        // G.3: mains powered, so the CH pushes its GBCS commands as PUTs on the tunnel it opens at boot.
        this.tunnel = node.add(new io.hansim.device.role.TunnelClientRole(node.port(),
                io.hansim.device.node.WakeCycle.ALWAYS_AWAKE, io.hansim.device.role.TunnelClientRole.Config.pushed(),
                message -> gbcs.receive(message.toArray()).map(io.hansim.zigbee.zcl.Bytes::of)));
        gbcs.sendThrough(b -> tunnel.put(io.hansim.zigbee.zcl.Bytes.of(b))); // alerts go up the tunnel (G.3)
        gbcs.on(0x0022, c -> java.util.Optional.of(ecs12((io.hansim.gbcs.usecase.UseCaseRecord.Ecs12Command) c)));
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
        tunnel.joinedTo(hubEui64);
    }

    /** CS06 (SR 11.3): see {@link FirmwareRole#activate}; NO_IMAGE_HELD for a meter without HAN firmware. */
    @Override
    public ActivationOutcome activate(byte[] manufacturerImageHash) {
        return firmware == null ? ActivationOutcome.NO_IMAGE_HELD : firmware.activate(manufacturerImageHash);
    }

    /**
     * ECS12 (0x0022, R56.7) acted on by the meter: the restrict-data date-time becomes a Change of
     * Tenancy on its CoT server role, which publishes it on the HAN (R56.1); a date-time that names no
     * instant or lies outside ZCL UTCTime is answered "other-reason".
     */
    private io.hansim.gbcs.usecase.UseCaseRecord ecs12(io.hansim.gbcs.usecase.UseCaseRecord.Ecs12Command c) {
        java.time.Instant at;
        try {
            at = io.hansim.gbcs.CosemDateTime.toInstant(c.restrictDateTime(), 0);
        } catch (io.hansim.gbcs.GbcsDecodeException e) {
            return new io.hansim.gbcs.usecase.UseCaseRecord.Ecs12Response(c.invokeId(), DLMS_OTHER_REASON);
        }
        long utc = io.hansim.device.sim.SimTime.ZCL_EPOCH.until(at, java.time.temporal.ChronoUnit.SECONDS);
        if (utc < 0 || utc >= 0xFFFF_FFFFL) {
            return new io.hansim.gbcs.usecase.UseCaseRecord.Ecs12Response(c.invokeId(), DLMS_OTHER_REASON);
        }
        cotServer().setChangeOfTenancy(new io.hansim.device.cot.ChangeOfTenancy(utcNow(), utc,
                ecs12TenancyChangeControl));
        return new io.hansim.gbcs.usecase.UseCaseRecord.Ecs12Response(c.invokeId(), 0);
    }

    /**
     * The Proposed Tenancy Change Control the ESME publishes after an ECS12, which sets only a
     * date-time (unconfirmed; default 0x200, as GCS09 sets on the GPF).
     */
    public void setEcs12TenancyChangeControl(long control) {
        ecs12TenancyChangeControl = control;
    }

    /** The CH it joined: its tunnel goes there (G.3). */
    public void joinedTo(long hubEui64) {
        joinedTo(hubEui64, io.hansim.device.role.FirmwareAlertSink.NONE);
    }

    /** The meter's end of the GB tunnel. */
    public io.hansim.device.role.TunnelClientRole tunnel() {
        return tunnel;
    }

    /** The ESME's GBCS application (what it did with each command from the tunnel). */
    public io.hansim.device.gbcsapp.DeviceGbcsApplication gbcs() {
        return gbcs;
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
