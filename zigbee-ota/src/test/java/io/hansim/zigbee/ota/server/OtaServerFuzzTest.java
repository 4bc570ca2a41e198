package io.hansim.zigbee.ota.server;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hansim.zigbee.ota.ImageBlockRequest;
import io.hansim.zigbee.ota.ImageBlockResponse;
import io.hansim.zigbee.ota.ImagePageRequest;
import io.hansim.zigbee.ota.OtaCodec;
import io.hansim.zigbee.ota.OtaCommand;
import io.hansim.zigbee.ota.OtaFrame;
import io.hansim.zigbee.ota.QueryDeviceSpecificFileRequest;
import io.hansim.zigbee.ota.QueryNextImageRequest;
import io.hansim.zigbee.ota.UpgradeEndRequest;
import io.hansim.zigbee.ota.UpgradeEndResponse;
import io.hansim.zigbee.ota.image.OtaImageBuilder;
import io.hansim.zigbee.ota.server.ServerAction.SendFrame;
import io.hansim.zigbee.ota.server.ServerEvent.NotifyMode;
import io.hansim.zigbee.ota.server.ServerTimer.Kind;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.DefaultResponse;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.GeneralFrame;
import io.hansim.zigbee.zcl.ReadAttributes;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclStatus;
import io.hansim.zigbee.zcl.ZclValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A stateful property test of the server (DESIGN.md §6, §8 "stateful property testing"): the fuzz
 * input is read as a configuration and then a sequence of steps — valid, duplicated, mutated,
 * truncated and random client frames from several clients, timer firings (due, early, stale), time
 * advancing, CH commands and image-buffer changes — and after every step the invariants are
 * checked:
 *
 * <ul>
 *   <li>no exception, and every frame the server sends decodes strictly;
 *   <li>a unicast request with a readable header gets an answer with its transaction sequence
 *       number (a response or a Default Response), except where silence is the rule: a Default
 *       Response received, Read Attributes Response / Write Attributes Response / Report Attributes,
 *       and an Upgrade End Request with a failure status and Disable Default Response set;
 *   <li>a broadcast or a Default Response never gets a Default Response;
 *   <li>every Image Block Response SUCCESS carries bytes of a staged image, at its offset, inside the
 *       image, at most 255 and at most the server's cap; a direct answer starts at the requested
 *       offset and carries at most MaximumDataSize (and stays inside the page of a page request);
 *       a paced page block continues the page contiguously and never passes the page end;
 *   <li>an Upgrade End Response answers only an Upgrade End Request SUCCESS or an ActivateNow;
 *   <li>timers are set for now or later; a client that is not IDLE has a transfer image;
 *   <li>one distribution, one outcome: between two accepted {@link ServerEvent.Distribute}s of an
 *       image to a client, at most one {@link ServerAction.TransferOutcome} for it (R7.8), also
 *       across restarts of the server from its persisted records ({@link ServerEvent.RestoreClient}).
 * </ul>
 *
 * {@code mvn test} replays the inputs in {@code OtaServerFuzzTestInputs/conversationsKeepTheInvariants/};
 * {@code JAZZER_FUZZ=1 mvn test -Dtest='OtaServerFuzzTest#conversationsKeepTheInvariants'} fuzzes.
 */
class OtaServerFuzzTest {
    private static final int MFR = 0x121D;
    private static final int TYPE = 0x0084;
    private static final long[] CLIENTS = {0x00D0_0000_0000_0001L, 0x00D0_0000_0000_0002L, 0x00D0_0000_0000_0003L};

    /** The images a run may stage: ranged, plain, wildcard header, device-specific with a destination. */
    private static final List<OtaImage> IMAGES = List.of(
            OtaImage.fromFile(OtaImageBuilder.create().manufacturerCode(MFR).imageType(TYPE).fileVersion(0x20)
                    .hardwareVersions(0x0100, 0x01FF).element(0, OtaImageBuilder.generatedPayload(1, 300)).build()),
            OtaImage.fromFile(OtaImageBuilder.create().manufacturerCode(MFR).imageType(TYPE).fileVersion(0x30)
                    .element(0, OtaImageBuilder.generatedPayload(2, 57)).build()),
            OtaImage.fromFile(OtaImageBuilder.create().manufacturerCode(0xFFFF).imageType(0xFFFF).fileVersion(0x40)
                    .element(0, OtaImageBuilder.generatedPayload(3, 20)).build()),
            OtaImage.fromFile(OtaImageBuilder.create().manufacturerCode(MFR).imageType(0xFFC1).fileVersion(7)
                    .upgradeFileDestination(CLIENTS[0]).element(0, OtaImageBuilder.generatedPayload(4, 30)).build()));

    private static final int[] FRAME_CONTROL_FLIPS = {0x04, 0x08, 0x10, 0x03};
    private static final long[] VERSIONS = {0x10, 0x20, 0x30, 0x40, 7};
    private static final List<ZclStatus> END_STATUSES = List.of(ZclStatus.SUCCESS, ZclStatus.INVALID_IMAGE,
            ZclStatus.REQUIRE_MORE_IMAGE, ZclStatus.ABORT);

    @FuzzTest(maxDuration = "30s")
    void conversationsKeepTheInvariants(FuzzedDataProvider in) {
        new Run(in).go();
    }

    /** A page in flight as the client sees it. */
    private static final class Page {
        final int tsn;
        long next;
        final long end;
        final int max;

        Page(int tsn, long next, long end, int max) {
            this.tsn = tsn;
            this.next = next;
            this.end = end;
            this.max = max;
        }
    }

    private static final class Run {
        final FuzzedDataProvider in;
        final OtaServerConfig config;
        OtaServer server;
        final Map<ServerTimer, Long> timers = new LinkedHashMap<>();
        /** The last PersistDistribution record of each client: the CH's flash. */
        final Map<Long, DistributionRecord> flash = new LinkedHashMap<>();
        final Map<Long, ClientPolicy> profiles = new LinkedHashMap<>();
        /** The clients the host's offer policy refuses (as a CH refuses its IHDs). */
        final java.util.Set<Long> refused = new java.util.HashSet<>();
        final OfferPolicy offers = c -> refused.contains(c) ? java.util.Optional.of("refused") : java.util.Optional.empty();
        /** Outcomes per client and image since the last accepted Distribute of it. */
        final Map<String, Integer> outcomes = new HashMap<>();
        final Map<Long, DistributionRecord> lastPersisted = new HashMap<>();
        /** The actions around each outcome per client and image, for the message of a second one. */
        final Map<String, String> history = new HashMap<>();
        final Map<Long, Page> pages = new HashMap<>();
        final List<byte[]> sent = new ArrayList<>();
        long now;
        int tsn;

        Run(FuzzedDataProvider in) {
            this.in = in;
            this.config = config(in);
            this.server = new OtaServer(config, offers, UtcClock.DEFAULT);
        }

        private static OtaServerConfig config(FuzzedDataProvider in) {
            ActivationPolicy activation = switch (in.consumeInt(0, 3)) {
                case 0 -> ActivationPolicy.now();
                case 1 -> ActivationPolicy.afterSeconds(in.consumeInt(0, 600));
                case 2 -> ActivationPolicy.atUtc(UtcClock.DEFAULT_ORIGIN + in.consumeInt(-100, 600));
                default -> ActivationPolicy.waitForCommand();
            };
            return OtaServerConfig.defaults(0xC0DE)
                    .withBlockSizeCap(in.consumeInt(1, 255))
                    .withPageRequestsSupported(in.consumeBoolean())
                    .withWaitForData(in.consumeBoolean() ? OtaServerConfig.WaitForDataForm.WITH_MINIMUM_BLOCK_PERIOD
                                    : OtaServerConfig.WaitForDataForm.WITHOUT_MINIMUM_BLOCK_PERIOD,
                            in.consumeInt(0, 0xFFFF), Duration.ofSeconds(in.consumeInt(0, 100)),
                            in.consumeBoolean() ? OtaServerConfig.TimeForm.RELATIVE : OtaServerConfig.TimeForm.UTC)
                    .withActivation(activation)
                    .withDowngrade(in.consumeBoolean() ? OtaServerConfig.DowngradePolicy.NEWER_ONLY
                            : OtaServerConfig.DowngradePolicy.ALLOW_DOWNGRADE)
                    .withMissingHardwareVersion(in.consumeBoolean() ? OtaServerConfig.MissingHardwareVersionPolicy.SERVE
                            : OtaServerConfig.MissingHardwareVersionPolicy.REFUSE)
                    .withWildcardImagesMatchAll(in.consumeBoolean())
                    .withMaxConcurrentTransfers(in.consumeInt(0, 2))
                    .withTimeouts(OtaServerConfig.Timeouts.DEFAULT.withMaxFailures(in.consumeInt(1, 3)))
                    .withReadBack(OtaServerConfig.ReadBack.DEFAULT.withEnabled(in.consumeBoolean())
                            .withAttempts(in.consumeInt(1, 3))
                            .withOutcomeTiming(in.consumeBoolean() ? OtaServerConfig.OutcomeTiming.AT_TRANSFER_END
                                    : OtaServerConfig.OutcomeTiming.AFTER_READ_BACK))
                    .withCapacity(new OtaServerConfig.Capacity(in.consumeInt(1, 3), in.consumeInt(100, 1000),
                            in.consumeBoolean() ? OtaServerConfig.EvictionPolicy.REFUSE
                                    : OtaServerConfig.EvictionPolicy.EVICT_OLDEST));
        }

        void go() {
            // Usually start with something staged, so that conversations get somewhere.
            if (in.consumeBoolean()) {
                check(null, server.handle(ServerEvent.StageImage.complete(now, IMAGES.get(in.consumeInt(0, 3)))));
            }
            for (int step = 0; step < 80 && in.remainingBytes() > 0; step++) {
                step();
            }
        }

        private void step() {
            switch (in.consumeInt(0, 15)) {
                case 0, 1, 2, 3 -> frame(validRequest(), in.consumeBoolean(), false);
                case 4 -> deliver(mutate(validRequest()), in.consumeInt(0, 9) == 0);
                case 5 -> deliver(in.consumeBytes(in.consumeInt(0, 40)), in.consumeBoolean());
                case 6 -> {
                    if (!sent.isEmpty()) {
                        byte[] again = sent.get(in.consumeInt(0, sent.size() - 1));
                        deliver(in.consumeBoolean() ? again : mutate(again), false);
                    }
                }
                case 7 -> deliver(generalFrame(), in.consumeInt(0, 9) == 0);
                case 8, 9 -> fireTimer();
                case 10 -> now += in.consumeLong(0, 700 * 1_000_000L);
                case 11 -> {
                    ImageKey k = key();
                    NotifyMode mode = in.pickValue(NotifyMode.values());
                    check(null, server.handle(new ServerEvent.NotifyClient(now, client(), mode, in.consumeInt(-1, 4),
                            in.consumeBoolean() ? in.consumeInt(1, 100) : in.consumeInt(-1, 256), k)));
                }
                case 12 -> check(null, server.handle(new ServerEvent.ActivateNow(now, client())));
                case 13 -> check(null, server.handle(new ServerEvent.SetThrottle(now, in.consumeBoolean())));
                case 14 -> {
                    // One in four registrations is of a client the host refuses (the inputs' old IHD pick).
                    boolean refuse = in.consumeInt(0, 3) == 2;
                    ClientPolicy p = ClientPolicy.DEFAULT;
                    if (in.consumeBoolean()) {
                        p = p.withBlockSizeCap(in.consumeInt(1, 255));
                    }
                    if (in.consumeBoolean()) {
                        p = p.withActivation(ActivationPolicy.waitForCommand());
                    }
                    long c = client();
                    profiles.put(c, p);
                    if (refuse) {
                        refused.add(c);
                    } else {
                        refused.remove(c);
                    }
                    check(null, server.handle(new ServerEvent.RegisterClient(now, c, p)));
                }
                default -> storeChange();
            }
        }

        private void storeChange() {
            OtaImage img = IMAGES.get(in.consumeInt(0, 3));
            switch (in.consumeInt(0, 5)) {
                case 4 -> {
                    long c = client();
                    ImageKey k = in.consumeBoolean() ? img.key() : key();
                    List<ServerAction> a = server.handle(new ServerEvent.Distribute(now, c, k));
                    if (a.stream().noneMatch(ServerAction.CommandRefused.class::isInstance)) {
                        outcomes.remove(c + "/" + k);
                    }
                    check(null, a);
                }
                case 5 -> restart();
                case 0 -> check(null, server.handle(ServerEvent.StageImage.complete(now, img)));
                case 1 -> check(null, server.handle(new ServerEvent.StageImage(now, img,
                        in.consumeLong(-1, img.size() + 1))));
                case 2 -> check(null, server.handle(new ServerEvent.ImageDataArrived(now, img.key(),
                        in.consumeLong(-1, img.size() + 1))));
                default -> check(null, server.handle(new ServerEvent.WithdrawImage(now, img.key())));
            }
        }

        /**
         * The CH reboots: a new server with the same configuration, the buffer staged again, the
         * profiles registered again and the persisted records handed back. Timers of the old one are void.
         */
        private void restart() {
            OtaServer old = server;
            server = new OtaServer(config, offers, UtcClock.DEFAULT);
            timers.clear();
            pages.clear();
            for (ImageKey k : old.store().keys()) {
                OtaImage img = old.store().image(k).orElseThrow();
                check(null, server.handle(new ServerEvent.StageImage(now, img,
                        old.store().availableBytes(k).orElseThrow())));
            }
            for (Map.Entry<Long, ClientPolicy> p : profiles.entrySet()) {
                check(null, server.handle(new ServerEvent.RegisterClient(now, p.getKey(), p.getValue())));
            }
            for (DistributionRecord r : List.copyOf(flash.values())) {
                List<ServerAction> a = server.handle(new ServerEvent.RestoreClient(now, r));
                assertTrue(a.stream().noneMatch(ServerAction.CommandRefused.class::isInstance),
                        ServerHarness.describe(a));
                check(null, a);
            }
        }

        private void fireTimer() {
            ServerTimer t;
            long at;
            if (!timers.isEmpty() && in.consumeInt(0, 4) != 0) {
                List<ServerTimer> armed = new ArrayList<>(timers.keySet());
                t = armed.get(in.consumeInt(0, armed.size() - 1));
                at = timers.get(t);
                // Mostly on time; sometimes early (the server must set it again) or late.
                switch (in.consumeInt(0, 3)) {
                    case 0 -> at = Math.max(now, at - in.consumeLong(1, 10_000_000L));
                    case 1 -> at += in.consumeLong(0, 10_000_000L);
                    default -> {
                    }
                }
                timers.remove(t);
            } else {
                t = new ServerTimer(client(), in.pickValue(Kind.values()));
                at = now;
            }
            now = Math.max(now, at);
            check(null, server.handle(new ServerEvent.TimerFired(now, t)), t);
        }

        // ------------------------------------------------------------------ inputs

        private long client() {
            return CLIENTS[in.consumeInt(0, CLIENTS.length - 1)];
        }

        private ImageKey key() {
            int i = in.consumeInt(0, IMAGES.size());
            return i < IMAGES.size() ? IMAGES.get(i).key()
                    : new ImageKey(in.consumeInt(0, 0xFFFF), in.consumeInt(0, 0xFFFF), in.consumeLong(0, 0xFFFF_FFFFL));
        }

        private long offset(ImageKey k) {
            long size = IMAGES.stream().filter(i -> i.key().equals(k)).mapToLong(OtaImage::size).findFirst()
                    .orElse(100);
            return switch (in.consumeInt(0, 4)) {
                case 0 -> 0;
                case 1 -> size;
                case 2 -> in.consumeLong(0, 0xFFFF_FFFFL);
                default -> in.consumeLong(0, size + 1);
            };
        }

        private OtaCommand validRequest() {
            ImageKey k = key();
            return switch (in.consumeInt(0, 4)) {
                case 0 -> new QueryNextImageRequest(k.manufacturerCode(), k.imageType(),
                        in.consumeBoolean() ? 0x10 : in.consumeLong(0, 0xFFFF_FFFFL),
                        in.consumeBoolean() ? OptionalInt.of(in.consumeBoolean() ? 0x0150 : in.consumeInt(0, 0xFFFF))
                                : OptionalInt.empty());
                case 1 -> {
                    ImageBlockRequest r = ImageBlockRequest.of(k.manufacturerCode(), k.imageType(), k.fileVersion(),
                            offset(k), in.consumeInt(0, 255));
                    yield in.consumeBoolean() ? r.withMinimumBlockPeriod(in.consumeInt(0, 0xFFFF)) : r;
                }
                case 2 -> new ImagePageRequest(k.manufacturerCode(), k.imageType(), k.fileVersion(), offset(k),
                        in.consumeInt(0, 255), in.consumeInt(0, 700), in.consumeInt(0, 3000),
                        in.consumeBoolean() ? OptionalLong.of(in.consumeLong()) : OptionalLong.empty());
                case 3 -> new UpgradeEndRequest(in.pickValue(END_STATUSES), k.manufacturerCode(), k.imageType(),
                        k.fileVersion());
                default -> new QueryDeviceSpecificFileRequest(in.consumeBoolean() ? CLIENTS[0] : in.consumeLong(),
                        k.manufacturerCode(), in.consumeBoolean() ? k.imageType() : in.consumeInt(0xFFC0, 0xFFFF),
                        in.consumeLong(0, 0xFFFF_FFFFL), 2);
            };
        }

        /** A client frame: the command, with Disable Default Response set sometimes. */
        private byte[] encode(OtaCommand c) {
            tsn = (tsn + 1) & 0xFF;
            return OtaCodec.encode(OtaFrame.of(tsn, c, in.consumeInt(0, 3) == 0));
        }

        private void frame(OtaCommand c, boolean duplicate, boolean broadcast) {
            byte[] f = encode(c);
            deliver(f, broadcast);
            if (duplicate) {
                deliver(f, broadcast);
            }
        }

        private byte[] mutate(OtaCommand c) {
            return mutate(encode(c));
        }

        private byte[] mutate(byte[] f) {
            byte[] m = f.clone();
            switch (in.consumeInt(0, 3)) {
                case 0 -> m = java.util.Arrays.copyOf(m, in.consumeInt(0, m.length));
                case 1 -> m = java.util.Arrays.copyOf(m, m.length + in.consumeInt(1, 3));
                case 2 -> {
                    if (m.length > 0) {
                        m[in.consumeInt(0, m.length - 1)] ^= (byte) in.consumeInt(1, 255);
                    }
                }
                default -> {
                    if (m.length > 0) {
                        m[0] ^= (byte) FRAME_CONTROL_FLIPS[in.consumeInt(0, FRAME_CONTROL_FLIPS.length - 1)];
                    }
                }
            }
            return m;
        }

        private byte[] generalFrame() {
            tsn = (tsn + 1) & 0xFF;
            // The server numbers its own frames from 0: small numbers hit its read-back TSNs.
            int t = in.consumeBoolean() ? in.consumeInt(0, 8) : tsn;
            GeneralFrame g = switch (in.consumeInt(0, 4)) {
                case 0 -> GeneralFrame.of(Direction.CLIENT_TO_SERVER, in.consumeBoolean(), t,
                        ReadAttributesResponse.of(ReadAttributesResponse.StatusRecord.success(0x0002,
                                ZclValue.uint32(VERSIONS[in.consumeInt(0, VERSIONS.length - 1)]))));
                case 1 -> GeneralFrame.of(Direction.CLIENT_TO_SERVER, in.consumeBoolean(), t,
                        ReadAttributesResponse.of(ReadAttributesResponse.StatusRecord.failure(0x0002,
                                in.consumeBoolean() ? ZclStatus.UNSUPPORTED_ATTRIBUTE : ZclStatus.FAILURE)));
                case 2 -> GeneralFrame.of(Direction.CLIENT_TO_SERVER, in.consumeBoolean(), t,
                        new DefaultResponse(in.consumeInt(0, 9), in.pickValue(ZclStatus.values())));
                case 3 -> GeneralFrame.of(in.consumeBoolean() ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT,
                        in.consumeBoolean(), t, ReadAttributes.of(0xFFFD, in.consumeInt(0, 0xFFFF)));
                default -> GeneralFrame.of(Direction.CLIENT_TO_SERVER, in.consumeBoolean(), t,
                        ReadAttributesResponse.of());
            };
            return GeneralCommandCodec.encode(g);
        }

        // ------------------------------------------------------------------ the properties

        private void deliver(byte[] f, boolean broadcast) {
            sent.add(f);
            if (sent.size() > 16) {
                sent.remove(0);
            }
            long src = client();
            ServerEvent.FrameReceived e = new ServerEvent.FrameReceived(now, src, broadcast, Bytes.of(f));
            check(e, server.handle(e));
        }

        private void check(ServerEvent.FrameReceived e, List<ServerAction> actions) {
            check(e, actions, null);
        }

        private void check(ServerEvent.FrameReceived e, List<ServerAction> actions, ServerTimer fired) {
            String where = ServerHarness.describe(actions);
            ZclHeader h = e == null ? null : header(e.zclFrame().toArray());
            OtaCommand request = h == null ? null : decodeRequest(e.zclFrame().toArray());
            boolean answered = false;
            boolean upgradeEndResponse = false;
            for (ServerAction a : actions) {
                if (a instanceof ServerAction.SetTimer st) {
                    assertTrue(st.at() >= now, where);
                    timers.put(st.timer(), st.at());
                } else if (a instanceof ServerAction.CancelTimer ct) {
                    timers.remove(ct.timer());
                } else if (a instanceof SendFrame s) {
                    byte[] b = s.zclFrame().toArray();
                    assertTrue(b.length >= 3, where);
                    int frameTsn = b[(b[0] & 0x04) != 0 ? 3 : 1] & 0xFF;
                    if (e != null && h != null && s.destinationEui64() == e.sourceEui64()
                            && frameTsn == h.transactionSequenceNumber()) {
                        answered = true;
                    }
                    if ((b[0] & 0x03) == 0) {
                        GeneralFrame g = GeneralCommandCodec.decode(b);
                        if (g.command() instanceof DefaultResponse) {
                            assertTrue(e != null && !e.broadcast(), () -> "Default Response to a broadcast or to "
                                    + "no frame: " + where);
                            assertFalse(h != null && h.frameType() == ZclHeader.FrameType.GLOBAL
                                    && h.commandId() == DefaultResponse.COMMAND_ID, where);
                        }
                        continue;
                    }
                    OtaCommand c = OtaCodec.decode(b).command();
                    if (!s.broadcast() && refused.contains(s.destinationEui64())) {
                        // The offer policy's refusal holds in every state: no notify, no offer, no block.
                        assertFalse(c instanceof io.hansim.zigbee.ota.ImageNotify
                                || (c instanceof io.hansim.zigbee.ota.QueryNextImageResponse q && q.hasImage())
                                || c instanceof ImageBlockResponse.Success,
                                () -> "a client the offer policy refuses was offered: " + where);
                    }
                    if (c instanceof ImageBlockResponse.Success blk) {
                        checkBlock(s, blk, request, e, fired, where);
                    } else if (c instanceof UpgradeEndResponse) {
                        upgradeEndResponse = true;
                        assertTrue(fired == null && (e == null
                                || (request instanceof UpgradeEndRequest u && u.status() == ZclStatus.SUCCESS)),
                                () -> "Upgrade End Response not for an Upgrade End Request SUCCESS: " + where);
                    }
                } else if (a instanceof ServerAction.TransferOutcome o) {
                    assertTrue(o.bytesServed() >= 0 && o.imageSize() > 0, where);
                    String k = o.client() + "/" + o.image();
                    int n = outcomes.merge(k, 1, Integer::sum);
                    history.merge(k, "\n--- the earlier one, at " + now + " µs:" + where, String::concat);
                    assertTrue(n <= 1, () -> "a second outcome for one distribution: " + where + history.get(k));
                } else if (a instanceof ServerAction.PersistDistribution p) {
                    flash.put(p.record().client(), p.record());
                    lastPersisted.put(p.record().client(), p.record());
                }
            }
            if (e != null && h != null && !e.broadcast()) {
                boolean mustAnswer = mustAnswer(h, request, e.zclFrame().toArray());
                if (mustAnswer) {
                    assertTrue(answered, () -> "unanswered request " + e.zclFrame() + ": " + where);
                }
                if (h.frameType() == ZclHeader.FrameType.GLOBAL && h.commandId() == DefaultResponse.COMMAND_ID) {
                    assertFalse(actions.stream().anyMatch(a -> a instanceof SendFrame), where);
                }
            }
            if (request instanceof UpgradeEndRequest u && u.status() != ZclStatus.SUCCESS) {
                assertFalse(upgradeEndResponse, where);
            }
            for (long c : CLIENTS) {
                assertEquals(server.state(c) != TransferState.IDLE, server.transferImage(c).isPresent());
            }
            // What was persisted last is what the server would persist now: the flash never lags.
            for (Map.Entry<Long, DistributionRecord> p : lastPersisted.entrySet()) {
                assertEquals(p.getValue(), server.distributionRecord(p.getKey()), where);
            }
            lastPersisted.clear();
        }

        /** Whether ZCL and zigbee-ota.md require an answer to this unicast frame. */
        private boolean mustAnswer(ZclHeader h, OtaCommand request, byte[] f) {
            if (h.frameType() == ZclHeader.FrameType.GLOBAL) {
                int id = h.commandId();
                if (id == DefaultResponse.COMMAND_ID) {
                    return false;
                }
                if (id == ReadAttributesResponse.COMMAND_ID || id == 0x04 || id == 0x0A) {
                    // A response or report: a Default Response SUCCESS only if asked, and none when
                    // it ends a read-back. Malformed ones are answered, but we do not insist here.
                    return false;
                }
                return true;
            }
            if (request instanceof UpgradeEndRequest u && u.status() != ZclStatus.SUCCESS) {
                return !h.disableDefaultResponse();
            }
            return true;
        }

        private void checkBlock(SendFrame s, ImageBlockResponse.Success blk, OtaCommand request,
                ServerEvent.FrameReceived e, ServerTimer fired, String where) {
            assertFalse(s.broadcast(), where);
            ImageKey k = new ImageKey(blk.manufacturerCode(), blk.imageType(), blk.fileVersion());
            OtaImage img = server.store().image(k).orElseGet(() -> fail("block of an image not staged: " + where));
            int n = blk.dataSize();
            assertTrue(n >= 1 && n <= 255 && n <= config.transfer().blockSizeCap(), where);
            assertTrue(blk.fileOffset() + n <= img.size(), where);
            assertTrue(blk.fileOffset() + n <= server.store().availableBytes(k).orElseThrow(), where);
            assertEquals(img.slice(blk.fileOffset(), n), blk.imageData(), where);
            if (e != null && request instanceof ImageBlockRequest r) {
                assertEquals(r.fileOffset(), blk.fileOffset(), where);
                assertTrue(n <= r.maximumDataSize(), where);
            } else if (e != null && request instanceof ImagePageRequest p) {
                assertEquals(p.fileOffset(), blk.fileOffset(), where);
                assertTrue(n <= p.maximumDataSize(), where);
                assertTrue(blk.fileOffset() + n <= p.fileOffset() + p.pageSize(), where);
                int pageTsn = header(e.zclFrame().toArray()).transactionSequenceNumber();
                pages.put(s.destinationEui64(), new Page(pageTsn, blk.fileOffset() + n,
                        p.fileOffset() + p.pageSize(), p.maximumDataSize()));
            } else if (fired != null && fired.kind() == Kind.PAGE_BLOCK) {
                Page page = pages.get(s.destinationEui64());
                assertTrue(page != null, where);
                byte[] b = s.zclFrame().toArray();
                assertEquals(page.tsn, b[1] & 0xFF, where);
                assertEquals(page.next, blk.fileOffset(), where);
                assertTrue(n <= page.max && blk.fileOffset() + n <= page.end, where);
                page.next += n;
            } else {
                fail("Image Block Response SUCCESS out of nowhere: " + where);
            }
        }

        private static ZclHeader header(byte[] f) {
            try {
                return ZclHeader.decode(new io.hansim.zigbee.zcl.ZclReader(io.netty.buffer.Unpooled.wrappedBuffer(f)));
            } catch (ZclDecodeException x) {
                return null;
            }
        }

        private static OtaCommand decodeRequest(byte[] f) {
            try {
                OtaFrame frame = OtaCodec.decode(f);
                return frame.header().direction() == Direction.CLIENT_TO_SERVER ? frame.command() : null;
            } catch (ZclDecodeException x) {
                return null;
            }
        }
    }

}
