package io.hansim.device;

import io.hansim.device.cot.CotProfile;
import io.hansim.device.cot.OccupierDataKind;
import io.hansim.device.cot.OccupierDataStore;
import io.hansim.device.cot.OccupierRecord;
import io.hansim.device.cot.SpecVersion;
import io.hansim.device.cot.TenancyAction;
import io.hansim.device.cot.TenancyConfig;
import io.hansim.device.cot.TenancyEvent;
import io.hansim.device.cot.TenancyMonitor;
import io.hansim.device.cot.TenancyTimer;
import io.hansim.device.han.ApsFrame;
import io.hansim.device.meter.ConsumptionCalendar;
import io.hansim.device.sim.Scheduler;
import io.hansim.zigbee.devicemgmt.DeviceManagementCluster;
import io.hansim.zigbee.devicemgmt.DeviceManagementCodec;
import io.hansim.zigbee.devicemgmt.DeviceManagementCommand;
import io.hansim.zigbee.devicemgmt.DeviceManagementFrame;
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
import io.hansim.zigbee.zcl.DefaultResponse;
import io.hansim.zigbee.zcl.GeneralCommand;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.GeneralFrame;
import io.hansim.zigbee.zcl.ReadAttributes;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.ZclDataType;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclFrame;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclStatus;
import io.hansim.zigbee.zcl.ZclValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Hosts a {@link TenancyMonitor} (sans-I/O) and the occupier data of an IHD or PPMID on a
 * {@link HanDevice}, as {@link OtaClientHost} does for OTA: it carries out the monitor's actions on
 * the HAN and in the device's flash, and serves on the HAN what the device displays.
 *
 * <ul>
 *   <li><b>Queries</b> (R56.2): QueryChangeOfTenancy becomes a Get Change of Tenancy (0x0708,
 *       client→server 0x00) to the source; a Publish Change of Tenancy, or a Read Attributes
 *       Response of 0x0200/0x0201, from a source becomes {@link TenancyEvent.CotInformation}.</li>
 *   <li><b>Timers</b> on the device's scheduler (they die with the power).</li>
 *   <li><b>Clearing</b> (R56.3, R56.4): BeginClear persists the journal at once; each ClearNext runs
 *       after {@link TenancyConfig#clearStepDelayMicros()}, one kind per step, so a power cut can fall
 *       between steps; at boot {@link OccupierDataStore#recover()} finishes the clear, and the
 *       outcome list gets a {@link TenancyAction.CotHandled} for it.</li>
 *   <li><b>Occupier data</b>: Metering history read from the consumption source every
 *       {@link TenancyConfig#consumptionReadSeconds()} (Previous Day, Week and Month, each logged
 *       once, dated at the start of its period; a period starting before the last handled CoT is
 *       not logged, as the meter restricts it, R56.7); supplier messages from Display Message
 *       frames (dated on arrival); top-ups and debt recovery through {@link #record(OccupierRecord)}.</li>
 *   <li><b>Serving</b> (R56.5 needs this to be checkable): Metering Read Attributes of the history
 *       attributes from the logged records (UNSUPPORTED_ATTRIBUTE when none; the current periods are
 *       not logged); Messaging Get Last Message → the last stored message, or NOT_FOUND; Prepayment
 *       Get Top Up Log / Get Debt Repayment Log → the logs, when the profile holds those extras.</li>
 * </ul>
 * The host object is the flash side: the store, the outcome list and the specification version of
 * the last boot survive a power cut; the monitor, the timers and reads in flight do not.
 */
public final class TenancyHost {
    /** Top-up codes are cut to this many octets on the air so four records fit a HAN frame. */
    private static final int TOP_UP_CODE_ON_AIR = 12;
    private static final int TOP_UPS_PER_FRAME = 4;
    private static final int DEBTS_PER_FRAME = 6;
    /** Message text cut so a Display Message fits a 100-octet payload. */
    private static final int MESSAGE_ON_AIR = 60;

    private final HanDevice device;
    private final TenancyConfig config;
    private final OccupierDataStore store;
    private final List<TenancyAction> outcomes = new ArrayList<>();
    private SpecVersion bootedSpec;

    private TenancyMonitor monitor;
    private final Map<TenancyTimer, Scheduler.Handle> timers = new EnumMap<>(TenancyTimer.class);
    private final Map<Integer, Long> readsInFlight = new HashMap<>();

    /**
     * @param store the device's occupier data, in its flash
     */
    public TenancyHost(HanDevice device, TenancyConfig config, OccupierDataStore store) {
        this.device = Objects.requireNonNull(device, "device");
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
    }

    public TenancyConfig config() {
        return config;
    }

    /** The occupier data (flash). */
    public OccupierDataStore store() {
        return store;
    }

    /** The monitor; empty while the device is off. */
    public Optional<TenancyMonitor> monitor() {
        return Optional.ofNullable(monitor);
    }

    /** The specification version the firmware implemented at the last boot (R56.6, R56.8). */
    public Optional<SpecVersion> specVersion() {
        return Optional.ofNullable(bootedSpec);
    }

    /** Every CotHandled and CotIgnored so far, in order, across reboots (for reports, R56.4, R56.8). */
    public List<TenancyAction> outcomes() {
        return Collections.unmodifiableList(outcomes);
    }

    /**
     * At every boot: finish an interrupted clear, rebuild the monitor from the flash, start it; if
     * the firmware now implements another version than at the last boot (an OTA activation, R56.8),
     * hand the monitor {@link TenancyEvent.Upgraded}.
     */
    public void boot(SpecVersion running) {
        Objects.requireNonNull(running, "running");
        CotProfile base = config.cot();
        store.recover().ifPresent(j -> outcomes.add(
                new TenancyAction.CotHandled(j.cotUtc(), base.clearedOnCot(), base.keptOnCot())));
        SpecVersion before = bootedSpec == null ? running : bootedSpec;
        monitor = TenancyMonitor.restore(base.withSpecVersion(before), store);
        deliver(new TenancyEvent.Started(device.utcNow()));
        if (!running.equals(before)) {
            deliver(new TenancyEvent.Upgraded(running, device.utcNow()));
        }
        bootedSpec = running;
        armConsumptionRead();
    }

    /** Power cut: RAM is lost (the device cancelled the timer handles). */
    public void powerLost() {
        monitor = null;
        timers.clear();
        readsInFlight.clear();
    }

    /** Stores one item of occupier data now (top-ups, debt recovery; R56.4). */
    public void record(OccupierRecord r) {
        store.add(r);
    }

    /** Handles a frame of 0x0708, 0x0702, 0x0703 or 0x0705; false for any other cluster. */
    public boolean frame(ApsFrame f) {
        int cluster = f.clusterId();
        if (cluster != DeviceManagementCluster.CLUSTER_ID && cluster != MeteringAttribute.CLUSTER_ID
                && cluster != MessagingCluster.CLUSTER_ID
                && !(cluster == PrepaymentCluster.CLUSTER_ID && holdsPrepaymentLogs())) {
            return false;
        }
        ZclFrame zcl;
        try {
            zcl = ZclFrame.decode(f.payload().toArray());
        } catch (ZclDecodeException e) {
            device.replyDefault(f, ZclStatus.MALFORMED_COMMAND);
            return true;
        }
        try {
            if (zcl.header().frameType() == ZclHeader.FrameType.GLOBAL) {
                general(f, zcl, GeneralCommandCodec.decode(zcl).command());
            } else if (cluster == DeviceManagementCluster.CLUSTER_ID) {
                deviceManagement(f, DeviceManagementCodec.decode(f.payload().toArray()).command());
            } else if (cluster == MessagingCluster.CLUSTER_ID) {
                messaging(f, MessagingCodec.decode(f.payload().toArray()));
            } else if (cluster == PrepaymentCluster.CLUSTER_ID) {
                prepayment(f, PrepaymentCodec.decode(f.payload().toArray()));
            } else {
                device.replyDefault(f, ZclStatus.UNSUP_CLUSTER_COMMAND); // Metering commands: not modelled
            }
        } catch (ZclDecodeException e) {
            device.replyDefault(f, ZclStatus.MALFORMED_COMMAND);
        }
        return true;
    }

    private boolean holdsPrepaymentLogs() {
        return config.cot().extras().containsKey(OccupierDataKind.TOP_UP_HISTORY)
                || config.cot().extras().containsKey(OccupierDataKind.DEBT_RECOVERY);
    }

    // ---------------------------------------------------------------- monitor actions

    private void deliver(TenancyEvent e) {
        if (monitor == null) {
            return;
        }
        for (TenancyAction a : monitor.handle(e)) {
            if (a instanceof TenancyAction.QueryChangeOfTenancy q) {
                DeviceManagementFrame get = DeviceManagementFrame.of(device.nextTsn(),
                        new DeviceManagementCommand.GetChangeOfTenancy());
                device.sendZcl(q.sourceEui(), false, DeviceManagementCluster.CLUSTER_ID,
                        Bytes.of(DeviceManagementCodec.encode(get)));
            } else if (a instanceof TenancyAction.SetTimer t) {
                cancel(t.timer());
                long at = Math.max(device.now(), device.bus().time().microsAtZclUtcTime(t.atUtc()));
                timers.put(t.timer(), device.timer(at, () -> {
                    timers.remove(t.timer());
                    deliver(t.timer() == TenancyTimer.POLL ? new TenancyEvent.PollDue(device.utcNow())
                            : new TenancyEvent.ImplementationDue(device.utcNow()));
                }));
            } else if (a instanceof TenancyAction.CancelTimer c) {
                cancel(c.timer());
            } else if (a instanceof TenancyAction.BeginClear b) {
                store.beginClear(b.cotUtc(), b.kinds());
            } else if (a instanceof TenancyAction.ClearNext) {
                // One kind per step, after a delay: the window a power cut can fall into.
                device.timer(device.now() + config.clearStepDelayMicros(), () -> {
                    store.clearNext();
                    deliver(new TenancyEvent.ClearStepDone(device.utcNow()));
                });
            } else {
                outcomes.add(a); // CotHandled, CotIgnored
            }
        }
    }

    private void cancel(TenancyTimer t) {
        Scheduler.Handle h = timers.remove(t);
        if (h != null) {
            h.cancel();
        }
    }

    // ---------------------------------------------------------------- consumption log

    private void armConsumptionRead() {
        if (config.consumptionSource() == 0 || config.consumptionReadSeconds() == 0) {
            return; // R56 traffic only when the profile asks for it
        }
        device.timer(device.now() + config.consumptionReadSeconds() * 1_000_000L, () -> {
            int tsn = device.nextTsn();
            readsInFlight.put(tsn, device.utcNow());
            GeneralFrame read = GeneralFrame.of(ZclHeader.Direction.CLIENT_TO_SERVER, false, tsn, ReadAttributes.of(
                    MeteringAttribute.PREVIOUS_DAY_CONSUMPTION_DELIVERED.id(),
                    MeteringAttribute.PREVIOUS_WEEK_CONSUMPTION_DELIVERED.id(),
                    MeteringAttribute.PREVIOUS_MONTH_CONSUMPTION_DELIVERED.id()));
            device.sendZcl(config.consumptionSource(), false, MeteringAttribute.CLUSTER_ID,
                    Bytes.of(GeneralCommandCodec.encode(read)));
            armConsumptionRead();
        });
    }

    private void logConsumption(ApsFrame f, int tsn, ReadAttributesResponse r) {
        Long asked = readsInFlight.remove(tsn);
        if (asked == null || f.sourceEui64() != config.consumptionSource()) {
            return; // not an answer to our read
        }
        // A clear in progress counts too: a read answered between two clear steps must not put the
        // previous occupier's period back into a kind already cleared (R56.5).
        long lastCot = Math.max(store.lastHandledCotUtc().orElse(-1),
                store.journal().map(OccupierDataStore.ClearJournal::cotUtc).orElse(-1L));
        for (ReadAttributesResponse.StatusRecord s : r.records()) {
            if (!s.isSuccess() || !(s.value() instanceof ZclValue.UnsignedInt v)) {
                continue;
            }
            Optional<ConsumptionCalendar.Slot> slot = ConsumptionCalendar.slot(s.attributeId());
            if (slot.isEmpty() || slot.get().periodsAgo() == 0) {
                continue;
            }
            long start = ConsumptionCalendar.start(slot.get().period(), asked, slot.get().periodsAgo());
            OccupierDataKind kind = kind(slot.get().period());
            if (start < lastCot || store.records(kind).stream().anyMatch(x -> x.recordedAtUtc() == start)) {
                continue;
            }
            store.add(new OccupierRecord(kind, start, slot.get().period() + " consumption Wh", v.value()));
        }
    }

    private static OccupierDataKind kind(MeteringHistory.Period p) {
        return switch (p) {
            case DAY -> OccupierDataKind.CONSUMPTION_DAY;
            case WEEK -> OccupierDataKind.CONSUMPTION_WEEK;
            case MONTH -> OccupierDataKind.CONSUMPTION_MONTH;
        };
    }

    // ---------------------------------------------------------------- frames

    private void general(ApsFrame f, ZclFrame zcl, GeneralCommand c) {
        int cluster = f.clusterId();
        if (c instanceof ReadAttributesResponse r && cluster == DeviceManagementCluster.CLUSTER_ID) {
            cotFromAttributes(f, r);
        } else if (c instanceof ReadAttributesResponse r && cluster == MeteringAttribute.CLUSTER_ID) {
            logConsumption(f, zcl.header().transactionSequenceNumber(), r);
        } else if (c instanceof ReadAttributes ra && cluster == MeteringAttribute.CLUSTER_ID) {
            answer(f, zcl.header(), HanDevice.fitToFrame(MeteringHistory.respond(ra.attributeIds(),
                    storedHistory(ra.attributeIds()))));
        } else if (!(c instanceof DefaultResponse)) {
            device.replyDefault(f, ZclStatus.UNSUP_GENERAL_COMMAND);
        }
        // A Default Response (e.g. NOT_FOUND to Get Change of Tenancy: no CoT set) needs nothing.
    }

    private void cotFromAttributes(ApsFrame f, ReadAttributesResponse r) {
        long when = -1;
        long control = -1;
        for (ReadAttributesResponse.StatusRecord s : r.records()) {
            if (s.isSuccess() && s.value() instanceof ZclValue.UtcTime t
                    && s.attributeId() == DeviceManagementCluster.CHANGE_OF_TENANCY_UPDATE_DATE_TIME.id()) {
                when = t.seconds();
            } else if (s.isSuccess() && s.value() instanceof ZclValue.Bitmap b
                    && s.attributeId() == DeviceManagementCluster.PROPOSED_TENANCY_CHANGE_CONTROL.id()) {
                control = b.bits();
            }
        }
        if (when >= 0 && control >= 0) {
            deliver(new TenancyEvent.CotInformation(f.sourceEui64(), 0, when, control, device.utcNow()));
        }
    }

    private void deviceManagement(ApsFrame f, DeviceManagementCommand c) {
        if (c instanceof DeviceManagementCommand.PublishChangeOfTenancy p) {
            deliver(new TenancyEvent.CotInformation(f.sourceEui64(), p.issuerEventId(), p.implementationDateTime(),
                    p.proposedTenancyChangeControl(), device.utcNow()));
        } else {
            device.replyDefault(f, ZclStatus.UNSUP_CLUSTER_COMMAND); // the device is a Device Management client
        }
    }

    private Map<Integer, ZclValue> storedHistory(List<Integer> ids) {
        long now = device.utcNow();
        Map<Integer, ZclValue> m = new LinkedHashMap<>();
        for (int id : ids) {
            ConsumptionCalendar.slot(id).filter(s -> s.periodsAgo() > 0).ifPresent(s -> {
                long start = ConsumptionCalendar.start(s.period(), now, s.periodsAgo());
                store.records(kind(s.period())).stream().filter(x -> x.recordedAtUtc() == start).findFirst()
                        .ifPresent(x -> {
                            long max = s.attribute().type() == ZclDataType.UINT24 ? 0xFF_FFFFL : 0xFFFF_FFFFL;
                            m.put(id, MeteringHistory.value(s.attribute(), Math.min(x.value(), max)));
                        });
            });
        }
        return m;
    }

    private void messaging(ApsFrame f, MessagingFrame m) {
        MessagingCommand c = m.command();
        int tsn = m.header().transactionSequenceNumber();
        if (c instanceof MessagingCommand.DisplayMessage d) {
            String text = new String(d.message().raw().toArray(), StandardCharsets.UTF_8);
            store.add(new OccupierRecord(OccupierDataKind.SUPPLIER_MESSAGES, device.utcNow(), text, d.messageId()));
        } else if (c instanceof MessagingCommand.GetLastMessage) {
            List<OccupierRecord> msgs = store.records(OccupierDataKind.SUPPLIER_MESSAGES);
            byte[] out;
            if (msgs.isEmpty()) {
                out = GeneralCommandCodec.encode(MessagingCodec.noMessageResponse(tsn));
            } else {
                OccupierRecord last = msgs.get(msgs.size() - 1);
                String text = last.description().length() > MESSAGE_ON_AIR
                        ? last.description().substring(0, MESSAGE_ON_AIR) : last.description();
                out = MessagingCodec.encode(MessagingFrame.of(tsn, MessagingCommand.DisplayMessage.of(
                        last.value() & 0xFFFF_FFFFL, 0, last.recordedAtUtc(),
                        MessagingCluster.DURATION_UNTIL_CHANGED, text), true));
            }
            device.sendZcl(f.sourceEui64(), false, MessagingCluster.CLUSTER_ID, Bytes.of(out));
        } else if (m.header().direction() == ZclHeader.Direction.CLIENT_TO_SERVER) {
            device.replyDefault(f, ZclStatus.UNSUP_CLUSTER_COMMAND);
        }
        // Cancel Message and the like are not modelled: the message stays stored (occupier data).
    }

    private void prepayment(ApsFrame f, PrepaymentFrame p) {
        int tsn = p.header().transactionSequenceNumber();
        if (p.command() instanceof PrepaymentCommand.GetTopUpLog g) {
            List<PrepaymentCommand.TopUp> ups = new ArrayList<>();
            for (OccupierRecord r : newestFirst(OccupierDataKind.TOP_UP_HISTORY, g.latestEndTime(),
                    g.numberOfRecords())) {
                byte[] code = r.description().getBytes(StandardCharsets.UTF_8);
                ups.add(new PrepaymentCommand.TopUp(Bytes.of(Arrays.copyOf(code, Math.min(code.length,
                        TOP_UP_CODE_ON_AIR))), (int) r.value(), r.recordedAtUtc()));
            }
            int frames = Math.max(1, (ups.size() + TOP_UPS_PER_FRAME - 1) / TOP_UPS_PER_FRAME);
            for (int i = 0; i < frames; i++) {
                List<PrepaymentCommand.TopUp> part = ups.subList(i * TOP_UPS_PER_FRAME,
                        Math.min(ups.size(), (i + 1) * TOP_UPS_PER_FRAME));
                sendPrepayment(f, tsn, new PrepaymentCommand.PublishTopUpLog(i, frames, part));
            }
        } else if (p.command() instanceof PrepaymentCommand.GetDebtRepaymentLog g) {
            List<PrepaymentCommand.DebtRecord> debts = new ArrayList<>();
            for (OccupierRecord r : newestFirst(OccupierDataKind.DEBT_RECOVERY, g.latestEndTime(), g.numberOfDebts())) {
                // Outstanding debt is not modelled: 0 (the amount collected is the record's value).
                debts.add(new PrepaymentCommand.DebtRecord(r.recordedAtUtc(), r.value() & 0xFFFF_FFFFL,
                        PrepaymentCluster.DEBT_TYPE_DEBT_1, 0));
            }
            if (debts.isEmpty()) {
                device.replyDefault(f, ZclStatus.NOT_FOUND); // PublishDebtLog needs one record or more
                return;
            }
            int frames = (debts.size() + DEBTS_PER_FRAME - 1) / DEBTS_PER_FRAME;
            for (int i = 0; i < frames; i++) {
                sendPrepayment(f, tsn, new PrepaymentCommand.PublishDebtLog(i, frames, debts.subList(
                        i * DEBTS_PER_FRAME, Math.min(debts.size(), (i + 1) * DEBTS_PER_FRAME))));
            }
        } else {
            device.replyDefault(f, ZclStatus.UNSUP_CLUSTER_COMMAND);
        }
    }

    private List<OccupierRecord> newestFirst(OccupierDataKind kind, long latestEnd, int n) {
        List<OccupierRecord> rs = new ArrayList<>(store.records(kind).stream()
                .filter(r -> r.recordedAtUtc() <= latestEnd).toList());
        Collections.reverse(rs);
        return n == PrepaymentCluster.ALL_RECORDS || rs.size() <= n ? rs : rs.subList(0, n);
    }

    private void sendPrepayment(ApsFrame to, int tsn, PrepaymentCommand c) {
        device.sendZcl(to.sourceEui64(), false, PrepaymentCluster.CLUSTER_ID,
                Bytes.of(PrepaymentCodec.encode(PrepaymentFrame.of(tsn, c, true))));
    }

    private void answer(ApsFrame to, ZclHeader request, GeneralCommand command) {
        GeneralFrame g = GeneralFrame.of(ZclHeader.Direction.SERVER_TO_CLIENT, true,
                request.transactionSequenceNumber(), command);
        device.sendZcl(to.sourceEui64(), false, to.clusterId(), Bytes.of(GeneralCommandCodec.encode(g)));
    }
}
