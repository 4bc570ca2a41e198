package io.hansim.device.privacy;

import io.hansim.device.node.HanDevice;
import io.hansim.device.Simulation;
import io.hansim.device.cot.OccupierDataKind;
import io.hansim.device.cot.OccupierDataStore;
import io.hansim.device.cot.OccupierRecord;
import io.hansim.device.han.ApsFrame;
import io.hansim.device.ihd.Ihd;
import io.hansim.device.consumption.ConsumptionCalendar;
import io.hansim.device.ppmid.Ppmid;
import io.hansim.zigbee.basic.BasicAttribute;
import io.hansim.zigbee.messaging.MessagingCluster;
import io.hansim.zigbee.messaging.MessagingCodec;
import io.hansim.zigbee.messaging.MessagingCommand;
import io.hansim.zigbee.messaging.MessagingFrame;
import io.hansim.zigbee.metering.MeteringAttribute;
import io.hansim.zigbee.metering.MeteringHistory;
import io.hansim.zigbee.prepayment.PrepaymentCluster;
import io.hansim.zigbee.prepayment.PrepaymentCodec;
import io.hansim.zigbee.prepayment.PrepaymentCommand;
import io.hansim.zigbee.prepayment.PrepaymentFrame;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.GeneralFrame;
import io.hansim.zigbee.zcl.ReadAttributes;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclFrame;
import io.hansim.zigbee.zcl.ZclHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The privacy invariant of R56.5 for one IHD or PPMID and one CoT time: "no display model, ZCL read,
 * log ... returns data dated before the CoT". It has two halves.
 * <ol>
 *   <li><b>Over the HAN</b>, as any device on it could: a probe attached to the simulation's bus sends
 *       the device every read and command it serves — Basic Read Attributes, Metering Read Attributes
 *       of every history attribute (day 1..8, week 1..5, month 1..13 ago), Messaging Get Last Message,
 *       Prepayment Get Top Up Log and Get Debt Repayment Log — lets virtual time run for
 *       {@link #ANSWER_WINDOW} and judges the answers: a history value whose period starts before
 *       the CoT, a message whose StartTime, a top-up whose TopUpTime or a debt record whose
 *       CollectionTime is before the CoT is a finding. Frames travel the bus and are traced.</li>
 *   <li><b>In the flash</b>: {@link OccupierDataStore#scanBefore(long)} over every kind.</li>
 * </ol>
 * An empty list is a pass. Running the check advances virtual time (and adds the probe's frames to
 * the trace), so call it where a scenario may let time pass.
 */
public final class PrivacyCheck {
    /** How long the probe waits for answers; a perfect link answers in tens of ms. */
    public static final long ANSWER_WINDOW = 5_000_000;
    /** The probe's default EUI-64 and short address (outside the range scenarios use). */
    public static final long DEFAULT_PROBE_EUI64 = 0x00D0_FFFF_FFFF_0056L;
    public static final int DEFAULT_PROBE_SHORT = 0x7E56;
    /** Read Attributes per request, so every answer fits a HAN frame. */
    private static final int IDS_PER_READ = 8;

    /**
     * One piece of the previous occupier's data found.
     *
     * @param device        the device's name
     * @param where         the store or the HAN attribute/command that returned it
     * @param detail        what it is
     * @param recordedAtUtc its date (UTCTime)
     * @param kind          the kind of occupier data it is, when the answer says (R56.3, R56.4); empty
     *                      for an answer that does not decode
     */
    public record Finding(String device, String where, String detail, long recordedAtUtc,
            Optional<OccupierDataKind> kind) {
        public Finding {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(where, "where");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(kind, "kind");
        }

        /** A finding of a known kind. */
        public Finding(String device, String where, String detail, long recordedAtUtc, OccupierDataKind kind) {
            this(device, where, detail, recordedAtUtc, Optional.of(kind));
        }
    }

    private final Simulation sim;
    private final long probe;
    private final int probeShort;
    private final List<ApsFrame> answers = new ArrayList<>();
    private int tsn;

    private PrivacyCheck(Simulation sim, long probe, int probeShort) {
        this.sim = sim;
        this.probe = probe;
        this.probeShort = probeShort;
        sim.bus().attach(probe, probeShort, HanDevice.ENDPOINT, answers::add);
    }

    /** Attaches a probe with the default address to the simulation's bus. */
    public static PrivacyCheck attach(Simulation sim) {
        return attach(sim, DEFAULT_PROBE_EUI64, DEFAULT_PROBE_SHORT);
    }

    public static PrivacyCheck attach(Simulation sim, long probeEui64, int probeShort) {
        return new PrivacyCheck(Objects.requireNonNull(sim, "sim"), probeEui64, probeShort);
    }

    /** Every finding of data dated before {@code cotUtc} on {@code eui64} (an IHD or a PPMID). */
    public List<Finding> check(long eui64, long cotUtc) {
        HanDevice d = sim.device(eui64);
        OccupierDataStore store;
        if (d instanceof Ihd i) {
            store = i.occupierData();
        } else if (d instanceof Ppmid p) {
            store = p.occupierData();
        } else {
            throw new IllegalArgumentException(d + " is neither an IHD nor a PPMID");
        }
        List<Finding> out = new ArrayList<>();
        han(d, cotUtc, out);
        for (OccupierRecord r : store.scanBefore(cotUtc)) {
            out.add(new Finding(d.name(), "store " + r.kind(), r.description() + " = " + r.value(), r.recordedAtUtc(),
                    r.kind()));
        }
        return List.copyOf(out);
    }

    /**
     * The HAN half alone, for any device on the bus (the conformance battery runs it against a device
     * whose store hansim cannot read, issue 17; the flash half is then a scan of its port regions).
     */
    public List<Finding> checkHan(long eui64, long cotUtc) {
        List<Finding> out = new ArrayList<>();
        han(sim.device(eui64), cotUtc, out);
        return List.copyOf(out);
    }

    private void han(HanDevice d, long cot, List<Finding> out) {
        answers.clear();
        long asked = sim.time().zclUtcTimeAt(sim.now());
        send(d, BasicAttribute.CLUSTER_ID, read(ids(BasicAttribute.values())));
        List<Integer> history = new ArrayList<>();
        for (MeteringHistory.Period p : MeteringHistory.Period.values()) {
            for (int n = 1; n <= p.depth(); n++) {
                history.add(p.attribute(n).id());
            }
        }
        for (int i = 0; i < history.size(); i += IDS_PER_READ) {
            List<Integer> part = history.subList(i, Math.min(history.size(), i + IDS_PER_READ));
            send(d, MeteringAttribute.CLUSTER_ID, read(part.stream().mapToInt(Integer::intValue).toArray()));
        }
        send(d, MessagingCluster.CLUSTER_ID, Bytes.of(MessagingCodec.encode(nextTsn(),
                new MessagingCommand.GetLastMessage())));
        send(d, PrepaymentCluster.CLUSTER_ID, Bytes.of(PrepaymentCodec.encode(nextTsn(),
                new PrepaymentCommand.GetTopUpLog(0xFFFF_FFFEL, PrepaymentCluster.ALL_RECORDS))));
        send(d, PrepaymentCluster.CLUSTER_ID, Bytes.of(PrepaymentCodec.encode(nextTsn(),
                new PrepaymentCommand.GetDebtRepaymentLog(0xFFFF_FFFEL, PrepaymentCluster.ALL_RECORDS,
                        PrepaymentCluster.DEBT_TYPE_ALL_DEBTS))));
        sim.advance(ANSWER_WINDOW);
        for (ApsFrame f : answers) {
            if (f.sourceEui64() == d.eui64()) {
                judge(d.name(), f, asked, cot, out);
            }
        }
    }

    private void judge(String name, ApsFrame f, long asked, long cot, List<Finding> out) {
        try {
            ZclFrame zcl = ZclFrame.decode(f.payload().toArray());
            if (zcl.header().frameType() == ZclHeader.FrameType.GLOBAL) {
                if (f.clusterId() == MeteringAttribute.CLUSTER_ID
                        && GeneralCommandCodec.decode(zcl).command() instanceof ReadAttributesResponse r) {
                    for (ReadAttributesResponse.StatusRecord s : r.records()) {
                        if (!s.isSuccess()) {
                            continue;
                        }
                        ConsumptionCalendar.slot(s.attributeId()).ifPresent(slot -> {
                            long start = ConsumptionCalendar.start(slot.period(), asked, slot.periodsAgo());
                            if (start < cot) {
                                out.add(new Finding(name, "Metering 0x0702 attribute "
                                        + String.format("0x%04X %s", s.attributeId(), slot.attribute().specName()),
                                        String.valueOf(s.value()), start, consumption(slot.period())));
                            }
                        });
                    }
                }
                return; // Basic holds no occupier data; Default Responses (NOT_FOUND, UNSUPPORTED_CLUSTER) are passes
            }
            if (f.clusterId() == MessagingCluster.CLUSTER_ID) {
                MessagingFrame m = MessagingCodec.decode(f.payload().toArray());
                if (m.command() instanceof MessagingCommand.DisplayMessage dm && dm.startTime() < cot) {
                    out.add(new Finding(name, "Messaging 0x0703 Get Last Message", "message " + dm.messageId(),
                            dm.startTime(), OccupierDataKind.SUPPLIER_MESSAGES));
                }
            } else if (f.clusterId() == PrepaymentCluster.CLUSTER_ID) {
                PrepaymentFrame p = PrepaymentCodec.decode(f.payload().toArray());
                if (p.command() instanceof PrepaymentCommand.PublishTopUpLog log) {
                    for (PrepaymentCommand.TopUp t : log.topUps()) {
                        if (t.topUpTime() < cot) {
                            out.add(new Finding(name, "Prepayment 0x0705 Get Top Up Log",
                                    "top-up " + t.topUpAmount(), t.topUpTime(), OccupierDataKind.TOP_UP_HISTORY));
                        }
                    }
                } else if (p.command() instanceof PrepaymentCommand.PublishDebtLog log) {
                    for (PrepaymentCommand.DebtRecord r : log.debts()) {
                        if (r.collectionTime() < cot) {
                            out.add(new Finding(name, "Prepayment 0x0705 Get Debt Repayment Log",
                                    "collected " + r.amountCollected(), r.collectionTime(),
                                    OccupierDataKind.DEBT_RECOVERY));
                        }
                    }
                }
            }
        } catch (ZclDecodeException e) {
            out.add(new Finding(name, "cluster 0x" + Integer.toHexString(f.clusterId()),
                    "an answer that does not decode: " + e.getMessage(), 0, Optional.empty()));
        }
    }

    private static OccupierDataKind consumption(MeteringHistory.Period p) {
        return switch (p) {
            case DAY -> OccupierDataKind.CONSUMPTION_DAY;
            case WEEK -> OccupierDataKind.CONSUMPTION_WEEK;
            case MONTH -> OccupierDataKind.CONSUMPTION_MONTH;
        };
    }

    private static int[] ids(BasicAttribute[] attrs) {
        int[] ids = new int[attrs.length];
        for (int i = 0; i < attrs.length; i++) {
            ids[i] = attrs[i].id();
        }
        return ids;
    }

    private Bytes read(int... ids) {
        return Bytes.of(GeneralCommandCodec.encode(GeneralFrame.of(ZclHeader.Direction.CLIENT_TO_SERVER, false,
                nextTsn(), ReadAttributes.of(ids))));
    }

    private int nextTsn() {
        int t = tsn;
        tsn = (tsn + 1) & 0xFF;
        return t;
    }

    private void send(HanDevice d, int cluster, Bytes zcl) {
        sim.bus().send(new ApsFrame(probe, probeShort, HanDevice.ENDPOINT, d.eui64(), d.shortAddress(),
                HanDevice.ENDPOINT, ApsFrame.PROFILE_SMART_ENERGY, cluster, 0, zcl));
    }
}
