package io.hansim.cli.run;

import io.hansim.cli.scenario.DeviceMapping;
import io.hansim.cli.scenario.DeviceSpec;
import io.hansim.cli.scenario.DeviceTypes;
import io.hansim.cli.scenario.FaultSpec;
import io.hansim.cli.scenario.HubSpec;
import io.hansim.cli.scenario.OtaProfileSpec;
import io.hansim.device.Simulation;
import io.hansim.device.han.LinkFaults;
import io.hansim.device.hub.CommsHub;
import io.hansim.device.meter.MeterDevice;
import io.hansim.device.han.TraceSink;
import io.hansim.zigbee.ota.client.ClientProfile;
import io.hansim.zigbee.ota.client.ClientQuirk;
import io.hansim.zigbee.ota.image.ImageFormat;
import io.hansim.zigbee.ota.server.OtaServerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Maps a scenario's topology onto a {@link Simulation} (issue 15: topology mapping apart from the
 * runner): the hub keys onto the CH's OTA server configuration (R7.6, R7.7, R7.8, R7.10, R7.12,
 * R7.14), each device onto its device spec with its OTA client profile and its Change of Tenancy
 * set-up (R56.2-R56.8), the fault entries onto link faults (R7.8), and the scenario ids onto EUI-64s.
 */
final class TopologyMapper {
    private final RunState s;

    TopologyMapper(RunState s) {
        this.s = s;
    }

    static io.hansim.device.cot.SpecVersion cotVersion(io.hansim.cli.scenario.SpecVersion v) {
        return DeviceMapping.cotVersion(v);
    }

    /** What one device's type maps it with: its short address, the hub, and the shared parts below. */
    private final class Mapping implements DeviceMapping {
        private final long hubEui;
        private final int shortAddress;

        Mapping(long hubEui, int shortAddress) {
            this.hubEui = hubEui;
            this.shortAddress = shortAddress;
        }

        @Override
        public long hubEui() {
            return hubEui;
        }

        @Override
        public int shortAddress() {
            return shortAddress;
        }

        @Override
        public ClientProfile otaClient(String name, int manufacturerCode, int imageType, OptionalInt hardwareVersion,
                long firmwareVersion, OtaProfileSpec profile) {
            return profile(name, hubEui, manufacturerCode, imageType, hardwareVersion, firmwareVersion, profile);
        }

        @Override
        public io.hansim.device.cot.TenancyConfig tenancy(io.hansim.device.cot.DeviceSpecification document,
                io.hansim.cli.scenario.SpecVersion version,
                java.util.Set<io.hansim.device.cot.OccupierDataKind> keptByDefault,
                List<io.hansim.cli.scenario.ExtraStore> extras, DeviceSpec.CotSettings settings) {
            return TopologyMapper.this.tenancy(document, version, keptByDefault, extras, settings);
        }

        @Override
        public Map<Long, io.hansim.device.cot.SpecVersion> specVersions(String id) {
            return s.built.specVersions().getOrDefault(id, Map.of());
        }
    }

    /**
     * The CoT set-up of an IHD or a PPMID (R56.2–R56.6): its IHDTS/PPMIDTS version, the ESMEs and GPFs
     * of the topology as sources, its extras with their clearOnCoT (R56.4). Null when the topology has
     * no meter to learn a CoT from: such a device keeps its data as before.
     */
    private io.hansim.device.cot.TenancyConfig tenancy(io.hansim.device.cot.DeviceSpecification doc,
            io.hansim.cli.scenario.SpecVersion version, java.util.Set<io.hansim.device.cot.OccupierDataKind> keptByDefault,
            List<io.hansim.cli.scenario.ExtraStore> extras, DeviceSpec.CotSettings settings) {
        List<Long> sources = new ArrayList<>();
        for (DeviceSpec d : s.scenario.topology().devices()) {
            // R56.1: the meters (ESME, GPF) publish CoT; a device-core kind whose devices are meters
            if (MeterDevice.class.isAssignableFrom(DeviceTypes.of(d).kind().deviceType())) {
                sources.add(d.eui64());
            }
        }
        if (sources.isEmpty()) {
            return null;
        }
        java.util.Map<io.hansim.device.cot.OccupierDataKind, Boolean> ex = new java.util.EnumMap<>(
                io.hansim.device.cot.OccupierDataKind.class);
        for (io.hansim.device.cot.OccupierDataKind k : keptByDefault) {
            ex.put(k, true); // the type's own extras, cleared by default (R56.4)
        }
        for (io.hansim.cli.scenario.ExtraStore e : extras) {
            for (io.hansim.device.cot.OccupierDataKind k : OccupierStoreProbe.kinds(e.name())) {
                if (!k.mandated()) {
                    ex.put(k, e.clearOnCoT());
                }
            }
        }
        // R56.6 threshold and R56.2 poll interval: configuration, from the scenario
        io.hansim.device.cot.CotProfile cot = new io.hansim.device.cot.CotProfile(doc, cotVersion(version),
                cotVersion(settings.from()), settings.pollInterval().getSeconds(), ex, sources);
        return io.hansim.device.cot.TenancyConfig.of(cot);
    }

    /**
     * Builds the simulation: the CH and the devices with their specs, the links' faults, the trace
     * sinks, and the observer on every device's activity, the CH's server actions and the WAN.
     */
    Simulation build(long seed, TraceSink collected, DeviceObserver observer) {
        HubSpec h = s.scenario.topology().hub();
        s.euiById.put("hub", h.eui64());
        s.idByEui.put(h.eui64(), "hub");
        // R7.6, R7.7, R7.14: the hub keys map onto the server's configuration.
        OtaServerConfig ota = OtaServerConfig.defaults(h.eui64()).withBlockSizeCap(h.blockSize())
                .withCapacity(new OtaServerConfig.Capacity(h.imageBuffer(), h.imageBufferBytes(), h.imageBufferPolicy()))
                .withDowngrade(h.downgrade()).withMissingHardwareVersion(h.missingHardwareVersion());
        // R7.8, R7.10, R7.12: when the CH gives up and when it reads back (all (unconfirmed), so configuration)
        ota = ota.withTimeouts(ota.timeouts().withNotifyTimeout(h.timing().notifyTimeout())
                        .withStallTimeout(h.timing().stallTimeout()).withMaxFailures(h.timing().maxFailures()))
                .withReadBack(ota.readBack().withDelay(h.timing().readBackDelay())
                        .withAttempts(h.timing().readBackAttempts()));
        Simulation.Builder b = Simulation.builder().seed(seed)
                .hub(new CommsHub.Spec("hub", h.eui64(), 0x0000, h.smets(), h.firmwareVersion(), ota,
                        h.otaForHanDevices()).withChts(cotVersion(h.chts())).withEndpoint(h.endpoint())
                        .withNewFirmwareFlag(h.han().newFirmwareFlag()).withTunnel(h.han().tunnel()) // G.3
                        .withIdentity(h.han().identity("hub").map(TopologyMapper::identity)
                                .orElse(CommsHub.Spec.DEFAULT_IDENTITY))) // G.9
                .traceSink(collected);
        // G.4, G.5, G.9: how the HAN keeps time and finds endpoints (all off unless the file asks).
        b.endpointDiscovery(h.han().endpointDiscovery()).readIdentityAtJoin(h.han().readIdentityAtJoin());
        h.han().timeSync().ifPresentOrElse(d -> b.timeSync(d.toNanos() / 1_000L), b::noTimeSync);
        int shortAddress = 0x0001;
        for (DeviceSpec d : s.scenario.topology().devices()) {
            s.euiById.put(d.id(), d.eui64());
            s.idByEui.put(d.eui64(), d.id());
            s.specByEui.put(d.eui64(), d);
            s.specById.put(d.id(), d);
            // The device's type maps it onto its device-core spec (DeviceTypes, decision 0023).
            Object spec = DeviceTypes.simulationSpec(d, new Mapping(h.eui64(), shortAddress++));
            b.device(h.han().identity(d.id()).map(i -> withIdentity(spec, i)).orElse(spec)); // G.9
        }
        for (io.hansim.cli.scenario.HubSpec.Clock c : h.han().clocks()) {
            b.clock(s.euiById.get(c.device()), new io.hansim.device.node.DeviceClock(c.offsetSeconds(), c.driftPpm()));
        }
        for (String d : h.han().assumesEndpoint1()) {
            b.assumesEndpoint1(s.euiById.get(d));
        }
        for (FaultSpec f : s.scenario.faults()) {
            b.link(s.euiById.get(f.a()), s.euiById.get(f.b()), faults(f));
        }
        for (TraceSink t : s.options.traceSinks()) {
            b.traceSink(t);
        }
        // Observes a device each time it has handled something (a frame, a timer, power), so a status
        // change or an activation is stamped with the virtual time it happened at, not at the next
        // frame on the HAN (issue 13, fault 7); one device per event, not every device per frame. It
        // reads only, so the run is the same with or without it.
        b.activityListener(dev -> {
            if (s.sim != null) {
                DeviceSpec d = s.specByEui.get(dev.eui64());
                if (d != null) {
                    observer.observe(d, dev);
                }
            }
        });
        Simulation sim = b.build();
        sim.hub().addServerActionListener(observer::onServerAction);
        sim.gbcs().addListener(observer::onWan);
        return sim;
    }

    /**
     * The device-core spec the device {@code id} maps onto in this scenario, as {@link #build} gives it
     * to the simulation (its short address by its place in the topology, its G.9 identity): what
     * {@code hansim model} hosts behind the device port (issue 17).
     */
    Object specOf(String id) {
        HubSpec h = s.scenario.topology().hub();
        int shortAddress = 0x0001;
        for (DeviceSpec d : s.scenario.topology().devices()) {
            if (d.id().equals(id)) {
                Object spec = DeviceTypes.simulationSpec(d, new Mapping(h.eui64(), shortAddress));
                return h.han().identity(d.id()).map(i -> withIdentity(spec, i)).orElse(spec);
            }
            shortAddress++;
        }
        throw new IllegalArgumentException("no device '" + id + "' in the topology");
    }

    private static ClientProfile profile(String name, long hub, int manufacturerCode, int imageType,
            OptionalInt hardwareVersion, long firmwareVersion, OtaProfileSpec p) {
        ClientProfile.Builder b = ClientProfile.builder().name(name).upgradeServer(hub)
                .manufacturerCode(manufacturerCode).imageType(imageType).currentFileVersion(firmwareVersion)
                .maximumDataSize(p.blockSize()).trustedKey(ScenarioImages.trustedKey()).imageFormat(ImageFormat.GB);
        if (hardwareVersion.isPresent()) {
            b.hardwareVersion(hardwareVersion.getAsInt());
        } else {
            b.noHardwareVersion(); // R7.6: the client sends none
        }
        for (ClientQuirk q : p.quirks()) {
            b.quirk(q);
        }
        b.refuseDowngrades(p.refuseDowngrades()); // R7.14
        b.legacyLocalUpgrade(p.legacyLocalUpgrade()); // R7.3: the legacy-local-upgrade profile
        return b.build();
    }

    /**
     * The scenario's fault entry as {@link LinkFaults} (R7.8): loss, duplication, the delay range and
     * reordering proper (a held-back frame arrives after the next one on its link).
     */
    static LinkFaults faults(FaultSpec f) {
        LinkFaults l = LinkFaults.PERFECT.withLoss(f.lossPercent()).withDuplication(f.duplicatePercent())
                .withDelay(micros(f.minDelay()), micros(f.maxDelay()))
                .withReordering(f.reorderPercent(), micros(f.reorderHold()));
        for (FaultSpec.Window w : f.windows()) {
            long from = w.from().toNanos() / 1000;
            long to = w.to().toNanos() / 1000;
            l = w.down() ? l.withDown(from, to) : l.withFaultWindow(from, to);
        }
        return l;
    }

    private static long micros(java.time.Duration d) {
        return d.toNanos() / 1000;
    }

    private static io.hansim.device.role.BasicServer.Identity identity(io.hansim.cli.scenario.HubSpec.Identity i) {
        return new io.hansim.device.role.BasicServer.Identity(i.manufacturerCode(), i.imageType(), i.hardwareVersion());
    }

    /** G.9: a device without OTA parameters with the identity the scenario gives it (checked by the loader). */
    private static Object withIdentity(Object spec, io.hansim.cli.scenario.HubSpec.Identity i) {
        var id = identity(i);
        if (spec instanceof io.hansim.device.meter.ElectricityMeter.Spec e) {
            return e.withIdentity(id);
        } else if (spec instanceof io.hansim.device.meter.GasProxy.Spec g) {
            return g.withIdentity(id);
        } else if (spec instanceof io.hansim.device.ihd.Ihd.Spec d) {
            return d.withIdentity(id);
        } else if (spec instanceof io.hansim.device.gsme.Gsme.Spec g) {
            return g.withIdentity(id);
        }
        return spec;
    }
}
