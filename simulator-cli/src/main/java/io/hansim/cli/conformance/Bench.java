package io.hansim.cli.conformance;

import io.hansim.device.Simulation;
import io.hansim.device.han.ApsFrame;
import io.hansim.device.han.TraceRecord;
import io.hansim.device.han.TraceSink;
import io.hansim.device.hub.CommsHub;
import io.hansim.device.meter.ElectricityMeter;
import io.hansim.device.meter.GasProxy;
import io.hansim.device.node.HanDevice;
import io.hansim.device.sim.RunOutcome;
import io.hansim.zigbee.ota.OtaCluster;
import io.hansim.zigbee.ota.OtaCodec;
import io.hansim.zigbee.ota.OtaCommand;
import io.hansim.zigbee.ota.OtaFrame;
import io.hansim.zigbee.ota.server.OtaServerConfig;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.GeneralFrame;
import io.hansim.zigbee.zcl.ReadAttributes;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclHeader;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * One case run: a fresh HAN with a CH, an ESME, a GPF and the device under test in the place of the
 * kind it stands in for, on perfect links, with every frame traced. Cases drive it (distribute an
 * image, cut the power, send a CoT) and judge what the trace shows (decision 0029).
 */
final class Bench implements AutoCloseable {
    static final long HUB = 0x00D0_0000_0000_0001L;
    static final long DUT = 0x00D0_0000_0000_0002L;
    static final long ESME = 0x00D0_0000_0000_0005L;
    static final long GPF = 0x00D0_0000_0000_0006L;
    static final long PROBE = 0x00D0_0000_0000_00C7L;
    static final int PROBE_SHORT = 0x00C7;
    static final String DUT_NAME = "dut";

    static final long SECOND = 1_000_000L;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    final BatteryConfig config;
    final DeviceUnderTest device;
    final Simulation sim;
    final HanDevice dut;
    final List<TraceRecord> trace = new ArrayList<>();
    private final List<ApsFrame> probeInbox = new ArrayList<>();
    private int probeTsn;

    Bench(DeviceUnderTest device, BatteryConfig config, UnaryOperator<OtaServerConfig> hubOta) {
        this.device = device;
        this.config = config;
        Placement p = Battery.placement(config);
        OtaServerConfig ota = hubOta.apply(OtaServerConfig.defaults(HUB).withBlockSizeCap(config.blockSize()));
        TraceSink sink = trace::add;
        sim = Simulation.builder().seed(config.seed())
                .hub(CommsHub.Spec.of(HUB).withOta(ota))
                .electricityMeter(new ElectricityMeter.Spec("esme", ESME, 0x0005, 0x0305_0001L))
                .gasProxy(new GasProxy.Spec("gpf", GPF, 0x0006, 0x0101_0002L))
                .device(device.spec(p))
                .traceSink(sink)
                .build();
        HanDevice found = null;
        for (HanDevice d : sim.devices()) {
            if (d.name().equals(DUT_NAME)) {
                found = d;
            }
        }
        if (found == null) {
            throw new IllegalStateException("the device under test is not on the HAN");
        }
        dut = found;
        sim.bus().attach(PROBE, PROBE_SHORT, HanDevice.ENDPOINT, probeInbox::add);
    }

    long eui() {
        return dut.eui64();
    }

    RunOutcome runUntil(BooleanSupplier c, long timeout) {
        return sim.runUntil(c, timeout);
    }

    void advance(long d) {
        sim.advance(d);
    }

    /** The frames sent so far (SEND records: on perfect links every one is delivered). */
    List<TraceRecord> sent() {
        List<TraceRecord> out = new ArrayList<>();
        for (TraceRecord r : trace) {
            if (r.kind() == TraceRecord.Kind.SEND) {
                out.add(r);
            }
        }
        return out;
    }

    /** An OTA frame between the CH and the device under test, decoded, with its trace record. */
    record Ota(TraceRecord record, boolean fromDevice, OtaCommand command) {
        long time() {
            return record.time();
        }
    }

    /** Every cluster-specific OTA frame between the CH and the device, in order. */
    List<Ota> ota() {
        List<Ota> out = new ArrayList<>();
        for (TraceRecord r : sent()) {
            ApsFrame f = r.frame();
            if (f.clusterId() != OtaCluster.CLUSTER_ID) {
                continue;
            }
            boolean from = f.sourceEui64() == eui() && f.destinationEui64() == HUB;
            boolean to = f.sourceEui64() == HUB && f.destinationEui64() == eui();
            if (!from && !to) {
                continue;
            }
            try {
                OtaFrame of = OtaCodec.decode(f.payload().toArray());
                out.add(new Ota(r, from, of.command()));
            } catch (ZclDecodeException | IllegalArgumentException e) {
                // a global command (Read Attributes, Default Response) or a frame the codec refuses:
                // not an OTA command; it stays in the trace lines
            }
        }
        return out;
    }

    /** Every frame the device under test sent. */
    List<TraceRecord> fromDevice() {
        List<TraceRecord> out = new ArrayList<>();
        for (TraceRecord r : sent()) {
            if (r.frame().sourceEui64() == eui()) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Reads attributes of {@code cluster} on the device from the battery's probe (a node on the HAN,
     * as any device could) and waits five seconds for the answer: attribute id → record, empty when
     * the device did not answer.
     */
    Map<Integer, ReadAttributesResponse.StatusRecord> read(int cluster, int... ids) {
        return read(ZclHeader.Direction.CLIENT_TO_SERVER, cluster, ids);
    }

    /**
     * As {@link #read(int, int...)} with the frame's direction: {@code SERVER_TO_CLIENT} reads the
     * attributes of a cluster's client side, as the CH reads the OTA client's (zigbee-ota.md §4).
     */
    Map<Integer, ReadAttributesResponse.StatusRecord> read(ZclHeader.Direction direction, int cluster, int... ids) {
        probeInbox.clear();
        GeneralFrame req = GeneralFrame.of(direction, false, nextProbeTsn(), ReadAttributes.of(ids));
        int shortAddr = sim.bus().attachment(eui()).orElseThrow().shortAddress();
        sim.bus().send(new ApsFrame(PROBE, PROBE_SHORT, HanDevice.ENDPOINT, eui(), shortAddr, HanDevice.ENDPOINT,
                ApsFrame.PROFILE_SMART_ENERGY, cluster, 0, Bytes.of(GeneralCommandCodec.encode(req))));
        sim.advance(5 * SECOND);
        Map<Integer, ReadAttributesResponse.StatusRecord> out = new LinkedHashMap<>();
        for (ApsFrame f : probeInbox) {
            if (f.sourceEui64() != eui() || f.clusterId() != cluster) {
                continue;
            }
            try {
                GeneralFrame g = GeneralCommandCodec.decode(f.payload().toArray());
                if (g.command() instanceof ReadAttributesResponse rar) {
                    for (ReadAttributesResponse.StatusRecord s : rar.records()) {
                        out.put(s.attributeId(), s);
                    }
                }
            } catch (ZclDecodeException | IllegalArgumentException e) {
                // not a general command: ignored
            }
        }
        return out;
    }

    /** Reads attributes of the client side of {@code cluster} (the OTA client's, §4). */
    Map<Integer, ReadAttributesResponse.StatusRecord> readClient(int cluster, int... ids) {
        return read(ZclHeader.Direction.SERVER_TO_CLIENT, cluster, ids);
    }

    private int nextProbeTsn() {
        probeTsn = (probeTsn + 1) & 0xFF;
        return probeTsn;
    }

    /** A trace line for a report: time, who to whom, cluster, the decoded command or the octets. */
    String line(TraceRecord r) {
        ApsFrame f = r.frame();
        String what;
        byte[] zcl = f.payload().toArray();
        try {
            if (f.clusterId() == OtaCluster.CLUSTER_ID) {
                what = OtaCodec.decode(zcl).command().toString();
            } else {
                what = GeneralCommandCodec.decode(zcl).command().toString();
            }
        } catch (ZclDecodeException | IllegalArgumentException e) {
            what = "ZCL " + HexFormat.of().withUpperCase().formatHex(zcl);
        }
        return String.format(Locale.ROOT, "%.6f s %s -> %s cluster 0x%04X %s", r.time() / 1e6, name(f.sourceEui64()),
                name(f.destinationEui64()), f.clusterId(), what);
    }

    List<String> lines(List<TraceRecord> records, int max) {
        List<String> out = new ArrayList<>();
        for (TraceRecord r : records) {
            if (out.size() == max) {
                out.add("… " + (records.size() - max) + " more");
                break;
            }
            out.add(line(r));
        }
        return out;
    }

    private String name(long eui) {
        if (eui == HUB) {
            return "CH";
        }
        if (eui == ESME) {
            return "ESME";
        }
        if (eui == GPF) {
            return "GPF";
        }
        if (eui == PROBE) {
            return "probe";
        }
        if (eui == eui()) {
            return device.kind().id();
        }
        return String.format("%016X", eui);
    }

    @Override
    public void close() {
        Object s = sim; // AutoCloseable once a device across the port may need stopping (issue 17)
        if (s instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the simulation: " + e.getMessage(), e);
            }
        }
    }
}
