package io.hansim.zigbee.ota.client;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hansim.zigbee.ota.ImageBlockRequest;
import io.hansim.zigbee.ota.ImageBlockResponse;
import io.hansim.zigbee.ota.ImageNotify;
import io.hansim.zigbee.ota.ImagePageRequest;
import io.hansim.zigbee.ota.OtaCodec;
import io.hansim.zigbee.ota.OtaCommand;
import io.hansim.zigbee.ota.OtaFrame;
import io.hansim.zigbee.ota.QueryNextImageRequest;
import io.hansim.zigbee.ota.QueryNextImageResponse;
import io.hansim.zigbee.ota.UpgradeEndRequest;
import io.hansim.zigbee.ota.UpgradeEndResponse;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.DefaultResponse;
import io.hansim.zigbee.zcl.GeneralCommand;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.GeneralFrame;
import io.hansim.zigbee.zcl.ReadAttributes;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclHeader.FrameType;
import io.hansim.zigbee.zcl.ZclStatus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static io.hansim.zigbee.ota.client.ClientHarness.SERVER;
import static io.hansim.zigbee.ota.client.ClientHarness.STRANGER;
import static io.hansim.zigbee.ota.client.ClientProfile.MILLISECOND;
import static io.hansim.zigbee.ota.client.ClientProfile.SECOND;
import static io.hansim.zigbee.ota.client.TestImages.IMAGE_TYPE;
import static io.hansim.zigbee.ota.client.TestImages.MANUFACTURER;
import static io.hansim.zigbee.ota.client.TestImages.NEW_VERSION;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stateful property of the OTA client (DESIGN.md §6, §8 "stateful property testing"): the fuzz
 * input is read as a profile and then a sequence of steps against a scripted server that serves a
 * small signed GB image: correct answers, answers out of order, lost requests, duplicated and
 * mutated frames, random bytes, frames from a stranger, wrong data, WAIT_FOR_DATA, ABORT, error
 * Default Responses, timer firings (due, early, stale), power cuts, notifies, attribute reads,
 * out-of-band and local activations. After every step:
 *
 * <ul>
 *   <li>{@code handle} returned normally (an exception fails the run);
 *   <li>FileOffset never goes backwards except on a declared restart (DiscardImage, Activate, a
 *       completed download, or a power cut) and every stored block starts at the FileOffset;
 *   <li>Activate only from a count-down, for an image that was fully received and stored, whose
 *       signed content (the Manufacturer Image) and checked identity are the genuine image's;
 *   <li>ImageUpgradeStatus, as reported by StatusChanged and read back, matches the state;
 *   <li>every frame the client receives gets the prescribed answer: never one to a broadcast or a
 *       Default Response, at most one otherwise, NOT_AUTHORIZED to a stranger's OTA command, a Read
 *       Attributes Response to Read Attributes, no Default Response SUCCESS when the sender
 *       disabled it, exactly one answer when it did not; and the client's own frames decode.
 * </ul>
 *
 * An input of zeros is the happy path: every request answered in order, every timer fired when due.
 */
class OtaClientFuzzTest {

    private static final Bytes PART_ONE = TestImages.gbSigned(NEW_VERSION, 90);
    private static final int PART_TWO_TYPE = 0x0085;
    private static final long PART_TWO_VERSION = NEW_VERSION + 7;
    private static final Bytes PART_TWO = TestImages.gbSigned(new io.hansim.zigbee.ota.image.OtaImageBuilder()
            .manufacturerCode(MANUFACTURER).imageType(PART_TWO_TYPE).fileVersion(PART_TWO_VERSION)
            .hardwareVersions(TestImages.HARDWARE_MIN, TestImages.HARDWARE_MAX), 40, TestImages.KEY);
    private static final int MAX_STEPS = 3000;

    @FuzzTest(maxDuration = "30s")
    void clientSurvivesAnyConversation(FuzzedDataProvider in) {
        new Run(in).go();
    }

    /** Expected ImageUpgradeStatus per state, written out here independently of the client. */
    static ImageUpgradeStatus expectedStatus(OtaClient.State s, ClientProfile p) {
        return switch (s) {
            case OFF, IDLE, QUERYING -> ImageUpgradeStatus.NORMAL;
            case DOWNLOADING -> ImageUpgradeStatus.DOWNLOAD_IN_PROGRESS;
            case VERIFYING -> ImageUpgradeStatus.DOWNLOAD_COMPLETE;
            case WAITING_TO_UPGRADE -> ImageUpgradeStatus.WAITING_TO_UPGRADE;
            case COUNTDOWN -> ImageUpgradeStatus.COUNT_DOWN;
            case WAIT_FOR_MORE -> ImageUpgradeStatus.WAIT_FOR_MORE;
            case WAITING_FOR_EXTERNAL_EVENT -> p.activation().externalWaitStatus();
        };
    }

    private static final class Run {
        final FuzzedDataProvider in;
        final ClientProfile profile;
        final ClientHarness h;
        final int cap;
        /** Requests the client sent and the server has not answered yet. */
        final Deque<OtaCommand> pending = new ArrayDeque<>();
        /** Frames the server sent, for duplicates and mutations. */
        final List<byte[]> history = new ArrayList<>();

        Run(FuzzedDataProvider in) {
            this.in = in;
            ClientProfile.Builder b = ClientHarness.profile()
                    .maximumDataSize(64 - in.consumeInt(0, 63))
                    .blockRetries(in.consumeInt(0, 4))
                    .queryRetries(in.consumeInt(0, 3))
                    .upgradeEndRetries(1 + in.consumeInt(0, 3))
                    .startDelayMax(in.consumeInt(0, 3) * SECOND)
                    .blockRequestDelay(in.consumeInt(0, 3) * 100 * MILLISECOND)
                    .clusterRevision(3 - in.consumeInt(0, 2));
            if (in.consumeBoolean()) {
                b.pageRequests(true).pageSize(32 + in.consumeInt(0, 200));
            }
            if (in.consumeBoolean()) {
                b.activationPolicy(UpgradeActivationPolicy.OUT_OF_BAND_ONLY);
            }
            if (in.consumeBoolean()) {
                b.timeoutPolicy(UpgradeTimeoutPolicy.DO_NOT_APPLY);
            }
            if (in.consumeBoolean()) {
                b.imageParts(2);
            }
            if (in.consumeBoolean()) {
                b.legacyLocalUpgrade(true);
            }
            if (in.consumeBoolean()) {
                b.refuseDowngrades(true);
            }
            if (in.consumeBoolean()) {
                b.minimumBlockPeriodUnit(MinimumBlockPeriodUnit.IGNORED);
            }
            int quirks = in.consumeInt(0, 1023);
            for (ClientQuirk q : ClientQuirk.values()) {
                if ((quirks & (1 << q.ordinal())) != 0) {
                    b.quirk(q);
                }
            }
            profile = b.build();
            cap = 64 - in.consumeInt(0, 63);
            h = new ClientHarness(profile, in.consumeLong());
        }

        void go() {
            step(new ClientEvent.PowerOn(h.now, null));
            for (int i = 0; i < MAX_STEPS && in.remainingBytes() > 0; i++) {
                one(in.consumeInt(0, 20));
            }
        }

        private void one(int action) {
            switch (action) {
                case 0 -> answerOrFire(true);
                case 1 -> answerOrFire(false);
                case 2 -> {
                    if (!pending.isEmpty()) {
                        pending.pollFirst(); // lost
                    }
                }
                case 3 -> duplicate();
                case 4 -> frame(SERVER, in.consumeBoolean(), in.consumeBytes(in.consumeInt(0, 40)));
                case 5 -> mutate();
                case 6 -> stranger();
                case 7 -> fireEarliest();
                case 8 -> fireAnyTimer();
                case 9 -> powerCut();
                case 10 -> notifyClient();
                case 11 -> waitForData();
                case 12 -> statusOnly();
                case 13 -> errorDefaultResponse();
                case 14 -> corruptBlock();
                case 15 -> step(new ClientEvent.StartQuery(h.now));
                case 16 -> step(new ClientEvent.ActivateOutOfBand(h.now));
                case 17 -> step(new ClientEvent.LocalUpgradeAttempt(h.now, in.consumeBoolean() ? PART_ONE
                        : Bytes.of(in.consumeBytes(in.consumeInt(0, 80)))));
                case 18 -> readAttributes();
                case 19 -> h.now += in.consumeInt(0, 10_000) * MILLISECOND;
                default -> upgradeEndResponse(null);
            }
        }

        // ---- the scripted server

        private Bytes servedImage() {
            return h.client.state() == OtaClient.State.WAIT_FOR_MORE ? PART_TWO : PART_ONE;
        }

        private void answerOrFire(boolean oldest) {
            if (pending.isEmpty()) {
                fireEarliest();
                return;
            }
            OtaCommand req = oldest ? pending.pollFirst() : pending.pollLast();
            if (req instanceof QueryNextImageRequest) {
                if (in.consumeInt(0, 3) == 3) {
                    send(QueryNextImageResponse.NO_IMAGE_AVAILABLE);
                } else if (h.client.state() == OtaClient.State.WAIT_FOR_MORE) {
                    send(QueryNextImageResponse.success(MANUFACTURER, PART_TWO_TYPE, PART_TWO_VERSION, PART_TWO.length()));
                } else {
                    send(QueryNextImageResponse.success(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, PART_ONE.length()));
                }
            } else if (req instanceof ImageBlockRequest r) {
                send(block(r.manufacturerCode(), r.imageType(), r.fileVersion(), r.fileOffset(),
                        Math.min(cap, r.maximumDataSize())));
            } else if (req instanceof ImagePageRequest r) {
                long end = r.fileOffset() + r.pageSize();
                int skip = in.consumeInt(0, 8);
                int i = 0;
                for (long off = r.fileOffset(); off < end; off += Math.min(cap, r.maximumDataSize()), i++) {
                    ImageBlockResponse.Success b = block(r.manufacturerCode(), r.imageType(), r.fileVersion(), off,
                            Math.min(cap, r.maximumDataSize()));
                    if (b == null) {
                        break;
                    }
                    if (i != skip) {
                        send(b);
                    }
                }
            } else if (req instanceof UpgradeEndRequest r) {
                if (r.status() == ZclStatus.SUCCESS) {
                    upgradeEndResponse(r);
                } else {
                    send(new DefaultResponse(0x06, ZclStatus.SUCCESS));
                }
            }
        }

        /** The block of whichever test image has this identity, or null past its end. */
        private ImageBlockResponse.Success block(int mfr, int type, long version, long offset, int size) {
            Bytes file = type == PART_TWO_TYPE && version == PART_TWO_VERSION ? PART_TWO : PART_ONE;
            if (offset >= file.length() || size <= 0) {
                return null;
            }
            int n = (int) Math.min(size, file.length() - offset);
            return new ImageBlockResponse.Success(mfr, type, version, offset, Bytes.of(file.toArray(), (int) offset, n));
        }

        private void upgradeEndResponse(UpgradeEndRequest r) {
            int mfr = r == null ? MANUFACTURER : r.manufacturerCode();
            int type = r == null ? IMAGE_TYPE : r.imageType();
            long version = r == null ? NEW_VERSION : r.fileVersion();
            long utc = 0x1C374A80L;
            switch (in.consumeInt(0, 5)) {
                case 0 -> send(new UpgradeEndResponse(mfr, type, version, 0, 0));
                case 1 -> send(new UpgradeEndResponse(mfr, type, version, 0, in.consumeInt(0, 100)));
                case 2 -> send(new UpgradeEndResponse(mfr, type, version, utc, utc + in.consumeInt(0, 100)));
                case 3 -> send(new UpgradeEndResponse(mfr, type, version, 0, 0xFFFF_FFFFL));
                case 4 -> deliver(SERVER, true, OtaCodec.encode(OtaFrame.of(h.nextServerTsn(),
                        new UpgradeEndResponse(0xFFFF, 0xFFFF, 0xFFFF_FFFFL, 0, in.consumeInt(0, 5)))));
                default -> send(new UpgradeEndResponse(mfr, type, version + 1, 0, 0));
            }
        }

        private void waitForData() {
            long utc = 0x1C374A80L;
            switch (in.consumeInt(0, 3)) {
                case 0 -> send(ImageBlockResponse.WaitForData.of(0, in.consumeInt(0, 60), in.consumeInt(0, 0xFFFF)));
                case 1 -> send(ImageBlockResponse.WaitForData.withoutMinimumBlockPeriod(0, in.consumeInt(0, 60)));
                case 2 -> send(ImageBlockResponse.WaitForData.of(utc, utc + in.consumeInt(-5, 60), in.consumeInt(0, 500)));
                default -> send(ImageBlockResponse.WaitForData.of(0, 0xFFFF_FFFFL, 0));
            }
        }

        private void statusOnly() {
            send(new ImageBlockResponse.StatusOnly(in.pickValue(new ZclStatus[] {
                ZclStatus.ABORT, ZclStatus.NO_IMAGE_AVAILABLE, ZclStatus.MALFORMED_COMMAND})));
        }

        private void errorDefaultResponse() {
            int cmd = in.pickValue(new int[] {0x01, 0x03, 0x04, 0x06, 0x00});
            ZclStatus s = in.pickValue(ZclStatus.values());
            deliver(SERVER, false, GeneralCommandCodec.encode(GeneralFrame.of(Direction.SERVER_TO_CLIENT,
                    in.consumeBoolean(), h.nextServerTsn(), new DefaultResponse(cmd, s))));
        }

        private void corruptBlock() {
            long off = h.client.fileOffset();
            byte[] data = in.consumeBytes(Math.min(cap, profile.transfer().maximumDataSize()));
            if (data.length > 0) {
                send(new ImageBlockResponse.Success(MANUFACTURER, IMAGE_TYPE, NEW_VERSION, off, data));
            }
        }

        private void notifyClient() {
            int jitter = in.consumeInt(0, 255);
            ImageNotify n = switch (in.consumeInt(0, 3)) {
                case 0 -> ImageNotify.of(jitter);
                case 1 -> ImageNotify.of(jitter, in.consumeBoolean() ? MANUFACTURER : in.consumeInt(0, 0xFFFF));
                case 2 -> ImageNotify.of(jitter, MANUFACTURER, in.consumeBoolean() ? IMAGE_TYPE : 0xFFFF);
                default -> ImageNotify.of(jitter, MANUFACTURER, IMAGE_TYPE, in.consumeBoolean() ? NEW_VERSION
                        : h.client.runningFileVersion());
            };
            deliver(SERVER, in.consumeBoolean(), OtaCodec.encode(OtaFrame.of(h.nextServerTsn(), n, in.consumeBoolean())));
        }

        private void readAttributes() {
            int[] ids = new int[in.consumeInt(0, 5)];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = in.consumeBoolean() ? in.consumeInt(0, 0x000D) : in.consumeInt(0, 0xFFFF);
            }
            deliver(in.consumeBoolean() ? SERVER : STRANGER, false, GeneralCommandCodec.encode(GeneralFrame.of(
                    Direction.SERVER_TO_CLIENT, in.consumeBoolean(), h.nextServerTsn(), ReadAttributes.of(ids))));
        }

        private void stranger() {
            byte[] f = history.isEmpty() ? OtaCodec.encode(OtaFrame.of(1, ImageNotify.of(100), false))
                    : history.get(in.consumeInt(0, history.size() - 1));
            deliver(STRANGER, in.consumeBoolean(), f);
        }

        private void duplicate() {
            if (!history.isEmpty()) {
                deliver(SERVER, false, history.get(in.consumeInt(0, history.size() - 1)));
            }
        }

        private void mutate() {
            if (history.isEmpty()) {
                return;
            }
            byte[] f = history.get(in.consumeInt(0, history.size() - 1)).clone();
            if (f.length > 0) {
                f[in.consumeInt(0, f.length - 1)] = in.consumeByte();
            }
            if (in.consumeBoolean()) {
                f = Arrays.copyOf(f, in.consumeInt(0, f.length + 2));
            }
            deliver(SERVER, in.consumeBoolean(), f);
        }

        private void send(OtaCommand command) {
            deliver(SERVER, false, OtaCodec.encode(OtaFrame.of(h.nextServerTsn(), command)));
        }

        private void send(GeneralCommand command) {
            deliver(SERVER, false, GeneralCommandCodec.encode(GeneralFrame.of(Direction.SERVER_TO_CLIENT, true,
                    h.nextServerTsn(), command)));
        }

        private void deliver(long source, boolean broadcast, byte[] bytes) {
            if (source == SERVER) {
                history.add(bytes);
                if (history.size() > 64) {
                    history.remove(0);
                }
            }
            frame(source, broadcast, bytes);
        }

        // ---- timers and power

        private void fireEarliest() {
            ClientTimer first = null;
            long at = Long.MAX_VALUE;
            for (Map.Entry<ClientTimer, Long> e : h.timers.entrySet()) {
                if (e.getValue() < at) {
                    first = e.getKey();
                    at = e.getValue();
                }
            }
            if (first != null) {
                h.timers.remove(first);
                h.now = Math.max(h.now, at);
                step(new ClientEvent.TimerFired(h.now, first));
            }
        }

        private void fireAnyTimer() {
            ClientTimer t = in.pickValue(ClientTimer.values());
            h.now += in.consumeInt(0, 1000) * MILLISECOND;
            Long at = h.timers.get(t);
            if (at != null && at <= h.now) {
                h.timers.remove(t); // due: the host fires and forgets it
            }
            step(new ClientEvent.TimerFired(h.now, t));
        }

        private void powerCut() {
            pending.clear();
            h.timers.clear();
            PersistedDownload restored = switch (in.consumeInt(0, 2)) {
                case 0 -> h.restoreAfterPowerCut();
                case 1 -> null;
                default -> h.persisted == null ? null
                        : h.persisted.withReceived(Bytes.of(h.flash, 0, in.consumeInt(0, h.flash.length)));
            };
            h.now += in.consumeInt(0, 60) * SECOND;
            step(new ClientEvent.PowerOn(h.now, restored));
        }

        // ---- stepping and the checks

        private void frame(long source, boolean broadcast, byte[] bytes) {
            step(new ClientEvent.FrameReceived(h.now, source, broadcast, Bytes.of(bytes)));
        }

        private void step(ClientEvent e) {
            OtaClient.State stateBefore = h.client.state();
            long offsetBefore = h.client.fileOffset();
            byte[] flashBefore = h.flash.clone();
            List<ClientAction> actions = h.handle(e); // the harness checks StatusChanged against the status
            assertEquals(expectedStatus(h.client.state(), profile), h.client.imageUpgradeStatus());

            boolean declaredRestart = e instanceof ClientEvent.PowerOn || stateBefore == OtaClient.State.VERIFYING;
            for (ClientAction a : actions) {
                if (a instanceof ClientAction.DiscardImage || a instanceof ClientAction.Activate
                        || (a instanceof ClientAction.StatusChanged s && s.to() == ImageUpgradeStatus.DOWNLOAD_COMPLETE)) {
                    declaredRestart = true;
                }
                if (a instanceof ClientAction.StoreBlock b) {
                    assertEquals(offsetBefore, b.fileOffset(), "a stored block starts at FileOffset");
                    assertTrue(b.data().length() > 0);
                }
                if (a instanceof ClientAction.SetTimer t) {
                    assertTrue(t.at() >= h.now, "no timer in the past");
                }
                if (a instanceof ClientAction.Activate act) {
                    checkActivation(act, stateBefore, flashBefore);
                }
                if (a instanceof ClientAction.SendFrame s) {
                    checkSentFrame(s, e);
                    if (s.destinationEui64() == SERVER) {
                        Object c = Actions.decode(s.zclFrame().toArray());
                        if (c instanceof OtaCommand oc) {
                            pending.addLast(oc);
                            if (pending.size() > 16) {
                                pending.pollFirst();
                            }
                        }
                    }
                }
            }
            if (!declaredRestart) {
                assertTrue(h.client.fileOffset() >= offsetBefore, "FileOffset went back from " + offsetBefore
                        + " to " + h.client.fileOffset() + " without a declared restart: " + actions);
            }
            if (e instanceof ClientEvent.FrameReceived f) {
                checkAnswers(f, stateBefore, actions);
            }
        }

        private void checkActivation(ClientAction.Activate act, OtaClient.State stateBefore, byte[] flashBefore) {
            assertEquals(OtaClient.State.COUNTDOWN, stateBefore);
            Bytes genuine = act.identity().imageType() == PART_TWO_TYPE ? PART_TWO : PART_ONE;
            assertGenuine(genuine, act.image());
            for (HeldImage part : act.otherParts()) {
                assertGenuine(PART_ONE, part.image());
            }
            if (act.trigger() != ActivationTrigger.LOCAL_UPGRADE) {
                assertTrue(flashBefore.length >= genuine.length(), "fully received and stored");
                assertArrayEquals(act.image().toArray(), Arrays.copyOf(flashBefore, genuine.length()),
                        "the stored bytes are the image activated");
            }
        }

        /**
         * What a GB signature vouches for: the Manufacturer Image, byte for byte, and the identity
         * and size the client checked. The other header bytes (header string, stack version, the
         * flag byte before the signature) are not signed in the GB scheme (zigbee-ota.md §8), so a
         * corrupted header string verifies; the first fuzzing run found exactly that.
         */
        private static void assertGenuine(Bytes genuine, Bytes activated) {
            var options = io.hansim.zigbee.ota.image.ParseOptions.defaults()
                    .withFormat(io.hansim.zigbee.ota.image.ImageFormat.GB);
            var want = io.hansim.zigbee.ota.image.OtaImageParser.parse(genuine.toArray(), options);
            var got = io.hansim.zigbee.ota.image.OtaImageParser.parse(activated.toArray(), options);
            assertEquals(genuine.length(), activated.length());
            assertEquals(want.gbBody().manufacturerImage(), got.gbBody().manufacturerImage(),
                    "only the genuine, signed Manufacturer Image runs");
            assertEquals(want.gbBody().signature(), got.gbBody().signature());
            assertEquals(want.header().manufacturerCode(), got.header().manufacturerCode());
            assertEquals(want.header().imageType(), got.header().imageType());
            assertEquals(want.header().fileVersion(), got.header().fileVersion());
            assertEquals(want.header().totalImageSize(), got.header().totalImageSize());
        }

        private void checkSentFrame(ClientAction.SendFrame s, ClientEvent e) {
            byte[] f = s.zclFrame().toArray();
            ZclHeader header = ClientHarness.header(f);
            assertEquals(Direction.CLIENT_TO_SERVER, header.direction());
            if (header.frameType() == FrameType.CLUSTER_SPECIFIC) {
                assertEquals(SERVER, s.destinationEui64(), "requests go to the upgrade server only");
                try {
                    OtaCodec.decode(f, profile.has(ClientQuirk.MISSING_MIN_BLOCK_PERIOD_FIELD)
                            ? OtaCodec.Options.LENIENT : OtaCodec.Options.STRICT);
                } catch (ZclDecodeException ex) {
                    throw new AssertionError("the client sent a frame that does not decode: " + s, ex);
                }
            } else {
                assertTrue(e instanceof ClientEvent.FrameReceived fr && fr.sourceEui64() == s.destinationEui64(),
                        "answers go to the sender of the frame they answer");
                GeneralCommandCodec.decode(f);
            }
        }

        private void checkAnswers(ClientEvent.FrameReceived f, OtaClient.State stateBefore, List<ClientAction> actions) {
            byte[] bytes = f.zclFrame().toArray();
            List<GeneralCommand> answers = new ArrayList<>();
            List<Integer> answerTsns = new ArrayList<>();
            for (ClientAction a : actions) {
                if (a instanceof ClientAction.SendFrame s) {
                    byte[] out = s.zclFrame().toArray();
                    if (ClientHarness.header(out).frameType() == FrameType.GLOBAL) {
                        answers.add(GeneralCommandCodec.decode(out).command());
                        answerTsns.add(ClientHarness.header(out).transactionSequenceNumber());
                    }
                }
            }
            ZclHeader header;
            try {
                header = ClientHarness.header(bytes);
            } catch (ZclDecodeException ex) {
                assertTrue(answers.size() <= 1);
                assertTrue(answers.isEmpty() || !f.broadcast());
                return;
            }
            boolean isDefaultResponse = header.frameType() == FrameType.GLOBAL
                    && header.commandId() == DefaultResponse.COMMAND_ID;
            if (f.broadcast() || isDefaultResponse || stateBefore == OtaClient.State.OFF) {
                assertEquals(List.of(), answers, "never answered: broadcast, Default Response, or off");
                return;
            }
            assertTrue(answers.size() <= 1, "at most one answer: " + answers);
            for (int tsn : answerTsns) {
                assertEquals(header.transactionSequenceNumber(), tsn, "an answer carries the frame's TSN");
            }
            GeneralCommand answer = answers.isEmpty() ? null : answers.get(0);
            if (answer instanceof DefaultResponse dr) {
                assertEquals(header.commandId(), dr.receivedCommandId());
                if (header.disableDefaultResponse()) {
                    assertFalse(dr.status() == ZclStatus.SUCCESS, "no Default Response SUCCESS when disabled");
                }
            }
            boolean notifyDropped = profile.has(ClientQuirk.IGNORES_NOTIFY) && f.sourceEui64() == SERVER
                    && header.frameType() == FrameType.CLUSTER_SPECIFIC && header.commandId() == 0x00
                    && header.direction() == Direction.SERVER_TO_CLIENT && !header.manufacturerSpecific();
            if (!header.disableDefaultResponse() && !notifyDropped) {
                assertEquals(1, answers.size(), "the sender asked for an answer: " + Arrays.toString(bytes));
            }
            if (f.sourceEui64() == STRANGER && header.frameType() == FrameType.CLUSTER_SPECIFIC
                    && header.direction() == Direction.SERVER_TO_CLIENT && !header.manufacturerSpecific()) {
                assertEquals(new DefaultResponse(header.commandId(), ZclStatus.NOT_AUTHORIZED), answer, "R7.3");
            }
            if (header.frameType() == FrameType.GLOBAL && header.commandId() == ReadAttributes.COMMAND_ID
                    && header.direction() == Direction.SERVER_TO_CLIENT && !header.manufacturerSpecific()) {
                ReadAttributes ra;
                try {
                    ra = (ReadAttributes) GeneralCommandCodec.decode(bytes).command();
                } catch (ZclDecodeException ex) {
                    return;
                }
                ReadAttributesResponse rar = (ReadAttributesResponse) answer;
                assertEquals(ra.attributeIds(), rar.records().stream().map(ReadAttributesResponse.StatusRecord::attributeId)
                        .toList());
            }
        }
    }
}
