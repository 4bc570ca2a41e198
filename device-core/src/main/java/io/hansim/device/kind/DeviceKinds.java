package io.hansim.device.kind;

import io.hansim.device.gsme.Gsme;

import io.hansim.device.hcalcs.Hcalcs;
import io.hansim.device.ihd.Ihd;
import io.hansim.device.meter.ElectricityMeter;
import io.hansim.device.meter.GasProxy;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.device.gb.DeviceClass;
import java.util.List;
import java.util.Optional;

/**
 * The device kinds of a GB HAN besides the CH, in the order a simulation attaches and boots them (the
 * order is part of a run's determinism: it fixes who sends first at virtual time zero).
 */
public final class DeviceKinds {
    /** A prepayment meter interface device: OTA client, activation on download (R7.4), SMETS of its CH (R202.3). */
    public static final DeviceKind<Ppmid.Spec, Ppmid> PPMID = new DeviceKind<>("ppmid", Ppmid.Spec.class, Ppmid.class,
            DeviceClass.PPMID, (s, bus, seeds, hub) -> new Ppmid(s, bus, seeds),
            (p, hub) -> {
                p.joinedTo(hub.eui64(), hub.smetsVersion()); // R202.3 and R7.3: decided at joining
                hub.join(p.eui64(), DeviceClass.PPMID, p::resultingSmetsVersion, p.spec().capability()); // R202.4
            },
            p -> p.tenancy().isPresent());

    /** An HAN-connected auxiliary load control switch: OTA client, activation by CS06 (R7.5). */
    public static final DeviceKind<Hcalcs.Spec, Hcalcs> HCALCS = new DeviceKind<>("hcalcs", Hcalcs.Spec.class,
            Hcalcs.class, DeviceClass.HCALCS, (s, bus, seeds, hub) -> new Hcalcs(s, bus, seeds),
            (h, hub) -> {
                h.joinedTo(hub.eui64());
                hub.join(h.eui64(), DeviceClass.HCALCS, null);
            },
            h -> false);

    /** An in-home display: no OTA (R7.2), occupier data and CoT with a tenancy configuration (R56). */
    public static final DeviceKind<Ihd.Spec, Ihd> IHD = new DeviceKind<>("ihd", Ihd.Spec.class, Ihd.class,
            DeviceClass.IHD, (s, bus, seeds, hub) -> new Ihd(s, bus),
            (i, hub) -> hub.join(i.eui64(), DeviceClass.IHD, null),
            i -> i.tenancy().isPresent());

    /**
     * The electricity meter: Metering and CoT server (R56.1, R56.7); with an OTA profile, firmware from the
     * CH over the OTA cluster (SR 11.1), CS06 activation and the G.7 alerts (0x00CE) sent through the CH.
     */
    public static final DeviceKind<ElectricityMeter.Spec, ElectricityMeter> ESME = new DeviceKind<>("esme",
            ElectricityMeter.Spec.class, ElectricityMeter.class, DeviceClass.ESME,
            (s, bus, seeds, hub) -> new ElectricityMeter(s, bus, seeds),
            (m, hub) -> {
                m.joinedTo(hub.eui64(), hub.firmwareAlerts());
                hub.tunnel().pushTo(m.eui64()); // mains powered: the CH pushes its commands (G.3)
                hub.join(m.eui64(), m.firmware().isPresent() ? DeviceClass.ESME : DeviceClass.OTHER, null);
            },
            m -> false);

    /** The gas proxy function in the CH: Metering and CoT server following the CH's CHTS (R56.6). */
    public static final DeviceKind<GasProxy.Spec, GasProxy> GPF = new DeviceKind<>("gpf", GasProxy.Spec.class,
            GasProxy.class, DeviceClass.OTHER, (s, bus, seeds, hub) -> new GasProxy(s, bus, hub.chts()),
            (g, hub) -> hub.join(g.eui64(), DeviceClass.OTHER, null),
            g -> false);

    /**
     * The gas meter: battery, sleepy, behind the GB tunnel (G.3); its event log is cleared by CS11 (G.8).
     * With an OTA profile, firmware from the CH over the OTA cluster through its wake-ups (SR 11.1), CS06
     * activation and the G.7 alerts (0x00CF); without one the CH treats it as OTHER.
     */
    public static final DeviceKind<Gsme.Spec, Gsme> GSME = new DeviceKind<>("gsme", Gsme.Spec.class, Gsme.class,
            DeviceClass.GSME, (s, bus, seeds, hub) -> new Gsme(s, bus, seeds),
            (g, hub) -> {
                g.joinedTo(hub.eui64(), hub.firmwareAlerts());
                hub.join(g.eui64(), g.firmware().isPresent() ? DeviceClass.GSME : DeviceClass.OTHER, null);
            },
            g -> false);

    /**
     * A device under test outside hansim, through the device port (issue 17, docs/device-port.md): it
     * stands in for a PPMID, IHD or HCALCS. The CH registers it as that kind's class (a PPMID's resulting
     * SMETS is the CH's, R202.3). The simulation attaches it in the place of the kind it stands in for,
     * so that a model run in-process and out-of-process boot in the same order (byte-identical traces).
     * Its OTA class here is nominal: joining registers the class of the kind it stands in for.
     */
    public static final DeviceKind<io.hansim.device.external.ExternalSpec, io.hansim.device.external.ExternalDevice>
            EXTERNAL = new DeviceKind<>("external", io.hansim.device.external.ExternalSpec.class,
                    io.hansim.device.external.ExternalDevice.class, DeviceClass.OTHER,
                    (s, bus, seeds, hub) -> {
                        var d = new io.hansim.device.external.ExternalDevice(s, bus);
                        d.seed(seeds.scenarioSeed());
                        return d;
                    },
                    (x, hub) -> x.joinedTo(hub),
                    x -> x.spec().takesChangeOfTenancy() && !x.spec().stands().equals("hcalcs"));

    /** Every kind, in attach order (a new kind goes last so that no earlier run's order changes). */
    public static final List<DeviceKind<?, ?>> ALL = List.of(PPMID, HCALCS, IHD, ESME, GPF, GSME, EXTERNAL);

    private DeviceKinds() {
    }

    /** The kind whose spec record {@code spec} is. */
    public static Optional<DeviceKind<?, ?>> forSpec(Object spec) {
        return ALL.stream().filter(k -> k.specType().isInstance(spec)).findFirst();
    }

    /** The kind named {@code name}. */
    public static Optional<DeviceKind<?, ?>> named(String name) {
        return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    /**
     * What the CH's OTA side takes {@code device} for (R7.1, R7.2): its kind's class, or for an external
     * device the class of the kind it stands in for (issue 17).
     */
    public static DeviceClass otaClassOf(io.hansim.device.node.HanDevice device) {
        if (device instanceof io.hansim.device.external.ExternalDevice x) {
            return x.deviceClass();
        }
        return of(device).map(DeviceKind::otaClass).orElse(DeviceClass.OTHER);
    }

    /** The kind of {@code device}. */
    public static Optional<DeviceKind<?, ?>> of(io.hansim.device.node.HanDevice device) {
        return ALL.stream().filter(k -> k.deviceType().isInstance(device)).findFirst();
    }
}
