package io.hansim.device.gbcs;

import io.hansim.device.node.HanDevice;
import io.hansim.device.gb.ActivationOutcome;
import io.hansim.device.gb.FirmwareActivation;
import io.hansim.device.hub.CommsHub;
import io.hansim.device.hub.DistributionRefusedException;
import io.hansim.device.cot.ChangeOfTenancy;
import io.hansim.device.gb.DeviceClass;
import io.hansim.device.kind.DeviceKind;
import io.hansim.device.kind.DeviceKinds;
import io.hansim.device.meter.MeterDevice;
import io.hansim.device.sim.Scheduler;
import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.CosemDateTime;
import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsDecodeException;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.OtherInformation;
import io.hansim.gbcs.Signature;
import io.hansim.gbcs.crypto.GbcsMac;
import io.hansim.gbcs.crypto.GbcsSignature;
import io.hansim.gbcs.crypto.KeyUsage;
import io.hansim.gbcs.crypto.Verdict;
import io.hansim.gbcs.payload.MessageCodeRegistry;
import io.hansim.gbcs.usecase.UseCaseCodec;
import io.hansim.gbcs.usecase.UseCaseRecord;
import io.hansim.zigbee.ota.server.ImageKey;
import io.hansim.zigbee.ota.server.ReadBackStatus;
import io.hansim.zigbee.ota.server.ServerAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The Communications Hub's GBCS side (issue 6): what the DCC sends the CH and the devices behind it,
 * checked and carried out over the HAN, with the responses and alerts that go back.
 *
 * <p>Every command is checked before anything happens (G.1, G.2): it must decode, be an on-air
 * command to an entity on this HAN, carry an Originator Counter above the last one accepted from
 * that originator for that recipient (replay protection, GBCS §4.3.2), a valid MAC under the ACB's
 * and the recipient's KA keys (gbcs.md §4.1) and, when the message code is critical, a valid
 * signature of its originator (gbcs.md §4.2). A refused command leaves no trace but a
 * {@link GbcsRejection}. In the real system the ESME and the GPF check their own commands; this model
 * checks them at the CH on their behalf with the same keys, which gives the same outcome.
 *
 * <p>What it carries out:
 * <ul>
 *   <li>SR 3.2 Restrict Access for Change of Tenancy (R56.7): GCS09 (0x0072) sets the CoT on the GPF
 *       (which runs in the CH) and answers MAC'd for the requester; ECS12 (0x0022) is pushed to the
 *       ESME through the tunnel (G.3), and the ESME sets its CoT and PUTs its response back.</li>
 *   <li>SR 3.3 Clear Event Log (G.8): CS11 (0x0015) for a GSME goes through the tunnel (G.3): queued
 *       at the CH until the GSME wakes and asks with GET, acted on by the GSME's own GBCS application
 *       (its Events server clears the log), and the response it PUTs back is forwarded to the WAN.</li>
 *   <li>SR 11.2 Read Firmware Version (CS08, 0x0129) for a PPMID or HCALCS: answered from the version
 *       the device runs, or read failure (version 00000000, result 1) when it is unreachable.</li>
 *   <li>SR 11.3 Activate Firmware (CS06, 0x0012) for an HCALCS (R7.5) or a meter that takes firmware
 *       over the HAN ({@link FirmwareActivation}): immediate (device-signed response with outcome and
 *       version), future-dated (NULL response, then alert 0x00CA 0x8F66/0x8F67 at the execution time)
 *       or cancelled.</li>
 *   <li>SR 11.1 Update Firmware ({@link #updateFirmware}) for ESMEs and GSMEs: as SR 11.4; the meter
 *       verifies the image and raises 0x8F72 / 0x8F1C, later 0x8F1B and 0x8F43, which the CH sends as
 *       0x00CE (ESME) / 0x00CF (GSME), device-signed (G.7, decision 0026).</li>
 *   <li>SR 11.4 Update PPMID Firmware ({@link #updatePpmidFirmware}; DUIS-level, no message code):
 *       image into the CH buffer, notify, download, activation on the device, read-back; then the CCS08
 *       Firmware Transfer Alert (0x0128, codes 0–3, CHF-signed) and, after a read-back, the PPMID's
 *       firmware alert 0x012B (0x8F8B).</li>
 * </ul>
 */
public final class HubGbcsService {
    /** Alert code of CCS08 success / failure (gbcs.md §8.3). */
    public static final int ALERT_TRANSFER_SUCCESS = 0x8F8A;
    public static final int ALERT_TRANSFER_FAILURE = 0x8F89;
    /** Read Firmware Version alert of 0x012B. */
    public static final int ALERT_READ_FIRMWARE_VERSION = 0x8F8B;
    /** Future-dated command actioned / not actioned (0x00CA). */
    public static final int ALERT_FUTURE_DATED_ACTIONED = 0x8F66;
    public static final int ALERT_FUTURE_DATED_NOT_ACTIONED = 0x8F67;

    /**
     * Configuration (facts GB leaves open are settings, requirements "Open questions").
     *
     * @param ecs12TenancyChangeControl the Proposed Tenancy Change Control the ESME publishes after an
     *     ECS12, which sets only a date-time (unconfirmed; default 0x200, as GCS09 sets on the GPF)
     * @param firstAlertCounter the Originator Counter of the CH's first alert (each next one is higher)
     */
    public record Config(long ecs12TenancyChangeControl, long firstAlertCounter) {
        public static final Config DEFAULTS = new Config(ChangeOfTenancy.CLEAR_IHD_DATA_CONSUMER, 0x1000);
    }

    /** What became of one device in an SR 11.4 request. */
    public record DistributionResult(long device, Optional<ImageKey> image,
            Optional<DistributionRefusedException.Reason> refusal, String detail) {
    }

    private record Channel(long originator, long recipient) {
    }

    private record PendingActivation(long originator, long counter, ByteString hash, Instant at,
            String executionText, Scheduler.Handle timer) {
    }

    private final CommsHub hub;
    private final LongFunction<HanDevice> devices;
    private final Scheduler scheduler;
    private final GbcsSealer sealer;
    private final Config config;
    private final Map<Channel, Long> lastCounters = new HashMap<>();
    private final Map<Long, PendingActivation> pending = new LinkedHashMap<>();
    private final List<WanMessage> wan = new ArrayList<>();
    private final List<GbcsRejection> rejections = new ArrayList<>();
    private final List<Consumer<WanMessage>> listeners = new ArrayList<>();
    private long alertCounter;
    private long firmwareAlertRecipient;

    /**
     * @param hub       the CH (its EUI-64 is the CHF entity id)
     * @param devices   the devices on its HAN by EUI-64 (= GBCS entity id), null when unknown
     * @param scheduler for future-dated activations
     * @param acb       the Access Control Broker's entity id (gbcs.md §4.1)
     * @param keys      the simulation PKI
     */
    public HubGbcsService(CommsHub hub, LongFunction<HanDevice> devices, Scheduler scheduler, long acb,
            io.hansim.gbcs.crypto.KeyResolver keys, Config config) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.sealer = new GbcsSealer(acb, Objects.requireNonNull(keys, "keys"));
        this.config = Objects.requireNonNull(config, "config");
        this.alertCounter = config.firstAlertCounter();
        hub.addServerActionListener(this::onServerAction);
        hub.addFirmwareAlertListener(this::onFirmwareAlert);
        this.firmwareAlertRecipient = acb;
        hub.tunnel().addListener(this::fromTunnel);
    }

    /**
     * The entity the devices' firmware alerts (0x00CE / 0x00CF, G.7) are addressed to: the supplier in
     * the RTDS vectors (default: the ACB until a simulation names its supplier).
     */
    public void setFirmwareAlertRecipient(long entityId) {
        firmwareAlertRecipient = entityId;
    }

    /**
     * Binds a meter's own GBCS application to the simulation PKI, so that the responses it sends back
     * through the tunnel are sealed as the device entity's (G.2).
     */
    public void serve(io.hansim.device.gbcsapp.DeviceGbcsApplication app) {
        app.bind(sealer::fromDevice);
    }

    /** Every message in and out of the CH on the WAN, in order. */
    public List<WanMessage> wanMessages() {
        return Collections.unmodifiableList(wan);
    }

    /** Messages the CH sent with {@code messageCode}. */
    public List<WanMessage> sent(int messageCode) {
        return wan.stream().filter(w -> w.direction() == WanMessage.Direction.FROM_HUB
                && w.messageCode() == messageCode).toList();
    }

    public List<GbcsRejection> rejections() {
        return Collections.unmodifiableList(rejections);
    }

    /** Called for every message the CH sends on the WAN (the simulated DCC listens here). */
    public void addListener(Consumer<WanMessage> l) {
        listeners.add(Objects.requireNonNull(l, "listener"));
    }

    /**
     * A GBCS message from the WAN. Returns the responses sent at once (empty when refused or when the
     * answer comes later); alerts follow through {@link #addListener} and {@link #wanMessages}.
     */
    public List<WanMessage> receive(byte[] wire) {
        Objects.requireNonNull(wire, "wire");
        int before = wan.size();
        GbcsMessage m;
        try {
            m = GbcsCodec.decode(wire);
        } catch (GbcsDecodeException e) {
            reject(GbcsRejection.Reason.MALFORMED, e.getMessage(), -1, 0, -1);
            return List.of();
        }
        var g = m.groupingHeader();
        int code = g.otherInformation().messageCode();
        record(WanMessage.Direction.TO_HUB, code, g.craFlag(), g.originator(), g.recipient(), wire);
        Optional<String> refusal = check(m, wire);
        if (refusal.isPresent()) {
            return List.of();
        }
        UseCaseRecord body;
        try {
            body = UseCaseCodec.decode(m).orElse(null);
        } catch (GbcsDecodeException e) {
            reject(GbcsRejection.Reason.MALFORMED, e.getMessage(), code, g.originator(), g.originatorCounter());
            return List.of();
        }
        HanDevice target = devices.apply(g.recipient());
        boolean acted = switch (code) {
            case 0x0072 -> gcs09(m, target, body);
            case 0x0022 -> ecs12(m, target, body, wire);
            case 0x0129 -> cs08(m, target);
            case 0x0012 -> cs06(m, target, body);
            case 0x0015 -> cs11(m, target, body, wire);
            default -> {
                reject(GbcsRejection.Reason.UNSUPPORTED, String.format("message code 0x%04X is not acted on by %s",
                        code, target), code, g.originator(), g.originatorCounter());
                yield false;
            }
        };
        if (acted) {
            lastCounters.put(new Channel(g.originator(), g.recipient()), g.originatorCounter());
        }
        return List.copyOf(wan.subList(before + 1, wan.size()));
    }

    /** The checks every command passes before it is acted on; records the refusal and returns it. */
    private Optional<String> check(GbcsMessage m, byte[] wire) {
        var g = m.groupingHeader();
        int code = g.otherInformation().messageCode();
        long counter = g.originatorCounter();
        if (g.craFlag() != CraFlag.COMMAND || m.form() != GbcsCodec.Form.ON_AIR) {
            return refuse(GbcsRejection.Reason.NOT_A_COMMAND, "CRA " + g.craFlag() + ", form " + m.form(), m);
        }
        HanDevice target = devices.apply(g.recipient());
        if (target == null) {
            return refuse(GbcsRejection.Reason.UNKNOWN_RECIPIENT,
                    String.format("%016X is not on this CH's HAN", g.recipient()), m);
        }
        Long last = lastCounters.get(new Channel(g.originator(), g.recipient()));
        if (last != null && Long.compareUnsigned(counter, last) <= 0) {
            return refuse(GbcsRejection.Reason.REPLAYED, String.format(
                    "originator counter %d is not above the last accepted, %d", counter, last), m);
        }
        if (m.macHeader().isEmpty()) {
            return refuse(GbcsRejection.Reason.MAC_INVALID, "a command without a MAC", m);
        }
        Optional<byte[]> k = GbcsMac.key(g, sealer.acb(), id -> false, sealer.keys());
        if (k.isEmpty()) {
            return refuse(GbcsRejection.Reason.KEY_UNAVAILABLE, "no KA keys for the ACB and the recipient", m);
        }
        if (GbcsMac.verify(wire, m, k.get()) != Verdict.VALID) { // over the bytes received, not re-encoded
            return refuse(GbcsRejection.Reason.MAC_INVALID, "the MAC does not verify (gbcs.md §4.1)", m);
        }
        if (MessageCodeRegistry.lookup(code).critical()) {
            if (m.signature().kind() != Signature.Kind.PRESENT) {
                return refuse(GbcsRejection.Reason.SIGNATURE_INVALID, "a critical command without a signature", m);
            }
            Verdict v = GbcsSignature.verify(m, sealer.keys());
            if (v == Verdict.UNVERIFIABLE) {
                return refuse(GbcsRejection.Reason.KEY_UNAVAILABLE, "no DS key for the originator", m);
            }
            if (v != Verdict.VALID) {
                return refuse(GbcsRejection.Reason.SIGNATURE_INVALID, "the signature does not verify (gbcs.md §4.2)", m);
            }
        }
        return Optional.empty();
    }

    private Optional<String> refuse(GbcsRejection.Reason reason, String detail, GbcsMessage m) {
        var g = m.groupingHeader();
        reject(reason, detail, g.otherInformation().messageCode(), g.originator(), g.originatorCounter());
        return Optional.of(detail);
    }

    /** A PPMID, hansim's or an external one standing in for it (issue 17). */
    private static boolean isPpmid(HanDevice d) {
        return d != null && DeviceKinds.otaClassOf(d) == DeviceClass.PPMID;
    }

    /** Whether {@code d} is a unit of {@code kind} (device kinds are data: docs/decisions/0019). */
    private static boolean isKind(HanDevice d, DeviceKind<?, ?> kind) {
        return d != null && kind.deviceType().isInstance(d);
    }

    private void reject(GbcsRejection.Reason reason, String detail, int code, long originator, long counter) {
        rejections.add(new GbcsRejection(scheduler.now(), reason, detail, code, originator, counter));
    }

    // ---- SR 3.2 (R56.7) ----

    private boolean gcs09(GbcsMessage m, HanDevice target, UseCaseRecord body) {
        var g = m.groupingHeader();
        if (!isKind(target, DeviceKinds.GPF) || !(body instanceof UseCaseRecord.Gcs09Command c)) {
            return wrongTarget(m, target, "GCS09 goes to a GPF with a Publish Change of Tenancy");
        }
        // An event on the GPF's Change of Tenancy server role, which publishes it on the HAN (R56.1).
        ((MeterDevice) target).cotServer().setChangeOfTenancy(new ChangeOfTenancy(c.issuerEventId(), c.implementationDateTime(),
                c.proposedTenancyChangeControl()));
        respond(m, new UseCaseRecord.GbzDefaultResponse(0x0708, c.tsn(), 0x00, 0x00));
        return true;
    }

    private boolean ecs12(GbcsMessage m, HanDevice target, UseCaseRecord body, byte[] wire) {
        if (!isKind(target, DeviceKinds.ESME) || !(body instanceof UseCaseRecord.Ecs12Command)) {
            return wrongTarget(m, target, "ECS12 goes to an ESME with a set of 0-0:94.44.3.2");
        }
        // G.3: the command is pushed to the ESME through the tunnel; the ESME sets the CoT on its role
        // (which publishes it on the HAN, R56.1) and PUTs its response back, forwarded by fromTunnel.
        return queueInTunnel(m, target, wire);
    }

    // ---- SR 3.3 Clear Event Log (G.8), through the tunnel (G.3) ----

    private boolean cs11(GbcsMessage m, HanDevice target, UseCaseRecord body, byte[] wire) {
        if (!isKind(target, DeviceKinds.GSME) || !(body instanceof UseCaseRecord.Cs11Command)) {
            return wrongTarget(m, target, "CS11 clears a GSME's Zigbee device event log");
        }
        // The command is held for the GSME and handed over as a PUT when it next polls with GET; its
        // response comes back as a PUT and is forwarded to the WAN by fromTunnel.
        return queueInTunnel(m, target, wire);
    }

    /** Holds the checked command for the meter's tunnel, or rejects it when its queue is full (G.3). */
    private boolean queueInTunnel(GbcsMessage m, HanDevice target, byte[] wire) {
        if (!hub.tunnel().queue(target.eui64(), io.hansim.zigbee.zcl.Bytes.of(wire))) {
            var g = m.groupingHeader();
            reject(GbcsRejection.Reason.TUNNEL_QUEUE_FULL, String.format("%d GBCS messages already wait for %016X",
                    hub.tunnel().config().maxQueuedPerDevice(), target.eui64()), g.otherInformation().messageCode(),
                    g.originator(), g.originatorCounter());
        }
        return true;
    }

    /** A GBCS message a meter PUT to the CH: forwarded to the WAN as it is (the device sealed it). */
    private void fromTunnel(long device, io.hansim.zigbee.zcl.Bytes message) {
        byte[] bytes = message.toArray();
        GbcsMessage m;
        try {
            m = GbcsCodec.decode(bytes);
        } catch (GbcsDecodeException e) {
            reject(GbcsRejection.Reason.MALFORMED, String.format("from %016X through the tunnel: %s", device,
                    e.getMessage()), -1, device, -1);
            return;
        }
        var g = m.groupingHeader();
        record(WanMessage.Direction.FROM_HUB, g.otherInformation().messageCode(), g.craFlag(), g.originator(),
                g.recipient(), bytes);
    }

    // ---- SR 11.2 ----

    private boolean cs08(GbcsMessage m, HanDevice target) {
        DeviceClass c = DeviceKinds.otaClassOf(target);
        if (c != DeviceClass.PPMID && c != DeviceClass.HCALCS) {
            return wrongTarget(m, target, "CS08 reads a PPMID's or an HCALCS's firmware version");
        }
        UseCaseRecord r = target.isPowered()
                ? new UseCaseRecord.Cs08Response(version(target.runningFirmwareVersion()), 0)
                : new UseCaseRecord.Cs08Response(version(0), 1); // the failure vector's form (gbcs.md §8.2)
        respond(m, r);
        return true;
    }

    // ---- SR 11.3 (R7.5) ----

    private boolean cs06(GbcsMessage m, HanDevice target, UseCaseRecord body) {
        var g = m.groupingHeader();
        if (!(target instanceof FirmwareActivation device) || !(body instanceof UseCaseRecord.Cs06Command c)) {
            return wrongTarget(m, target, "CS06 activates the held image of an HCALCS (R7.5) or a meter (SR 11.3)");
        }
        HanDevice hcalcs = target; // the device the CS06 is for (HCALCS, ESME or GSME)
        if (c.originatorCounter() != g.originatorCounter()) {
            reject(GbcsRejection.Reason.PAYLOAD_INVALID, "CS06 counter " + c.originatorCounter()
                    + " differs from the header's " + g.originatorCounter(), 0x0012, g.originator(),
                    g.originatorCounter());
            return false;
        }
        Instant now = hcalcs.instantNow();
        if (c.isCancellation()) {
            PendingActivation p = pending.remove(hcalcs.eui64());
            if (p != null) {
                p.timer().cancel();
            }
            respond(m, new UseCaseRecord.Null());
            return true;
        }
        if (c.executionDateTime().isPresent()) {
            Instant at = CosemDateTime.fromGeneralizedTime(c.executionDateTime().get());
            if (at.isAfter(now)) {
                long delay = java.time.Duration.between(now, at).toNanos() / 1_000;
                PendingActivation old = pending.remove(hcalcs.eui64());
                if (old != null) {
                    old.timer().cancel();
                }
                Scheduler.Handle h = scheduler.after(delay, () -> futureActivation(hcalcs, device));
                pending.put(hcalcs.eui64(), new PendingActivation(g.originator(), g.originatorCounter(),
                        c.imageHash(), at, c.executionDateTime().get(), h));
                respond(m, new UseCaseRecord.Null());
                return true;
            }
        }
        ActivationOutcome o = hcalcs.isPowered() ? device.activate(c.imageHash().toByteArray())
                : ActivationOutcome.ACTIVATION_FAILURE;
        respond(m, new UseCaseRecord.Cs06Response(o.code(), version(hcalcs.runningFirmwareVersion())));
        return true;
    }

    private void futureActivation(HanDevice hcalcs, FirmwareActivation device) {
        PendingActivation p = pending.remove(hcalcs.eui64());
        if (p == null) {
            return;
        }
        ActivationOutcome o = hcalcs.isPowered() ? device.activate(p.hash().toByteArray())
                : ActivationOutcome.ACTIVATION_FAILURE;
        int alert = o == ActivationOutcome.SUCCESS ? ALERT_FUTURE_DATED_ACTIONED : ALERT_FUTURE_DATED_NOT_ACTIONED;
        alert(hcalcs.eui64(), p.originator(), 0x00CA, new UseCaseRecord.FutureDatedActivationAlert(alert,
                p.executionText(), p.counter(), o.code(), version(hcalcs.runningFirmwareVersion())));
    }

    // ---- SR 11.4 (R7.4, R7.6–R7.10) ----

    /**
     * SR 11.4 Update PPMID Firmware as the DCC hands it to the CH: the image into the buffer and an
     * Image Notify to each device. A device that may not receive it (an IHD, a PPMID in a SMETS1
     * system, ...) is refused with its reason and gets no HAN traffic (R7.2, R202.4).
     */
    public List<DistributionResult> updatePpmidFirmware(byte[] image, List<Long> deviceIds) {
        List<DistributionResult> results = new ArrayList<>();
        for (long id : deviceIds) {
            try {
                ImageKey key = hub.distribute(image, id);
                results.add(new DistributionResult(id, Optional.of(key), Optional.empty(), "notified"));
            } catch (DistributionRefusedException e) {
                results.add(new DistributionResult(id, Optional.empty(), Optional.of(e.reason()), e.getMessage()));
            }
        }
        return results;
    }

    private void onServerAction(ServerAction a) {
        if (a instanceof ServerAction.TransferOutcome t) {
            // The CH maps the server's Zigbee-native outcome to its CCS08 response code (R7.6–R7.10).
            io.hansim.device.gb.Ccs08Code code = io.hansim.device.gb.Ccs08Code.of(t.result());
            int alertCode = code.code() == 0 ? ALERT_TRANSFER_SUCCESS : ALERT_TRANSFER_FAILURE;
            alert(hub.eui64(), sealer.acb(), 0x0128, new UseCaseRecord.Ccs08Alert(alertCode,
                    CosemDateTime.generalizedTime(hub.instantNow()), t.client(),
                    version(t.image().fileVersion()), code.code()));
        } else if (a instanceof ServerAction.ReadBackResult r
                && isPpmid(devices.apply(r.client()))) { // 0x012B is the PPMID's alert (gbcs.md §8.2)
            // R7.10: every read-back ends in a 0x012B, so that the CCS08 code 0 sent at the end of the
            // transfer is never the last word for a device that did not take the image. Activate Image
            // is 0 only when the version read is the image's; no answer, a failed read and
            // UNSUPPORTED_ATTRIBUTE (activation unconfirmed) are 1, with version 00000000 as the CS08
            // read-failure form has it (gbcs.md §8.2).
            int activated = r.status() == ReadBackStatus.VERSION_MATCHES ? 0 : 1;
            alert(r.client(), sealer.acb(), 0x012B, new UseCaseRecord.PpmidFirmwareAlert(ALERT_READ_FIRMWARE_VERSION,
                    CosemDateTime.generalizedTime(hub.instantNow()), version(r.versionRead().orElse(0)), activated));
        }
    }

    /**
     * SR 11.1 Update Firmware as the DCC hands it to the CH, for ESMEs and GSMEs (and the other OTA
     * clients of the CH): the image into the buffer and an Image Notify to each device, which
     * downloads it over the OTA cluster, verifies it (G.6) and raises 0x8F72 or 0x8F1C (G.7); CS06
     * activates it. Refusals as {@link #updatePpmidFirmware}.
     */
    public List<DistributionResult> updateFirmware(byte[] image, List<Long> deviceIds) {
        return updatePpmidFirmware(image, deviceIds);
    }

    /**
     * A device's firmware alert (G.7) on its way to the WAN: the 0x00CE DLMS data-notification (ESME)
     * or the 0x00CF GBZ alert (GSME), signed by the device, no date-time in the header, as the RTDS
     * vectors NA_FDRA-DLMS / NA_FDRA-ZigBee have them (gbcs.md §8.2). The time is the device's own.
     */
    private void onFirmwareAlert(io.hansim.device.role.FirmwareAlert a) {
        long counter = alertCounter++;
        ByteString hash = ByteString.of(a.hash().toArray());
        UseCaseRecord body = a.messageCode() == io.hansim.device.role.FirmwareAlert.ESME_RECEIPT
                ? new UseCaseRecord.DlmsFirmwareReceiptAlert(0x2000_0000L | (counter & 0xFF_FFFFL), a.alertCode(),
                        receiptDateTime(a.utcTime()), hash)
                : new UseCaseRecord.GbzFirmwareReceiptAlert(a.alertCode(), a.utcTime(), hash);
        byte[] bytes = sealer.alertWithoutDateTime(counter, a.device(), firmwareAlertRecipient,
                OtherInformation.of(a.messageCode()), body);
        record(WanMessage.Direction.FROM_HUB, a.messageCode(), CraFlag.ALERT, a.device(), firmwareAlertRecipient, bytes);
    }

    /**
     * The 12-byte COSEM date-time of a 0x00CE alert as the NA_FDRA-DLMS vector writes it: date and time
     * in UTC with the weekday, deviation and clock status "not specified" (FF, 8000, FF).
     */
    static ByteString receiptDateTime(long zclUtc) {
        byte[] b = CosemDateTime.of(io.hansim.device.sim.SimTime.ZCL_EPOCH.plusSeconds(zclUtc)).toByteArray();
        b[4] = (byte) 0xFF;
        b[9] = (byte) 0x80;
        b[10] = 0x00;
        b[11] = (byte) 0xFF;
        return ByteString.of(b);
    }

    // ---- sending ----

    private boolean wrongTarget(GbcsMessage m, HanDevice target, String why) {
        var g = m.groupingHeader();
        reject(GbcsRejection.Reason.UNSUPPORTED, why + "; recipient is " + target, g.otherInformation().messageCode(),
                g.originator(), g.originatorCounter());
        return false;
    }

    /** The response to command {@code m}: from its recipient to its originator, with its counter. */
    private void respond(GbcsMessage m, UseCaseRecord body) {
        var g = m.groupingHeader();
        byte[] bytes = sealer.fromDevice(CraFlag.RESPONSE, g.originatorCounter(), g.recipient(), g.originator(),
                OtherInformation.of(g.otherInformation().messageCode()), body, hub.instantNow());
        record(WanMessage.Direction.FROM_HUB, g.otherInformation().messageCode(), CraFlag.RESPONSE, g.recipient(),
                g.originator(), bytes);
    }

    private void alert(long originator, long recipient, int code, UseCaseRecord body) {
        long counter = alertCounter++;
        byte[] bytes = sealer.fromDevice(CraFlag.ALERT, counter, originator, recipient, OtherInformation.of(code),
                body, hub.instantNow());
        record(WanMessage.Direction.FROM_HUB, code, CraFlag.ALERT, originator, recipient, bytes);
    }

    private void record(WanMessage.Direction d, int code, CraFlag cra, long from, long to, byte[] bytes) {
        WanMessage w = new WanMessage(scheduler.now(), d, code, cra, from, to, ByteString.of(bytes));
        wan.add(w);
        if (d == WanMessage.Direction.FROM_HUB) {
            for (Consumer<WanMessage> l : List.copyOf(listeners)) {
                l.accept(w);
            }
        }
    }

    /** A firmware version as the 4-byte OCTET STRING of CS06, CS08, CCS08 and 0x012B (G.9). */
    static ByteString version(long fileVersion) {
        return ByteString.of(new byte[] {(byte) (fileVersion >>> 24), (byte) (fileVersion >>> 16),
                (byte) (fileVersion >>> 8), (byte) fileVersion});
    }
}
