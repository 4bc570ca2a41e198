package io.hansim.zigbee.ota.client;

import io.hansim.zigbee.machine.Machine;
import io.hansim.zigbee.ota.ImageBlockRequest;
import io.hansim.zigbee.ota.ImageBlockResponse;
import io.hansim.zigbee.ota.ImageNotify;
import io.hansim.zigbee.ota.ImagePageRequest;
import io.hansim.zigbee.ota.OtaCluster;
import io.hansim.zigbee.ota.OtaCodec;
import io.hansim.zigbee.ota.OtaCommand;
import io.hansim.zigbee.ota.OtaCommandType;
import io.hansim.zigbee.ota.OtaFrame;
import io.hansim.zigbee.ota.QueryNextImageRequest;
import io.hansim.zigbee.ota.QueryNextImageResponse;
import io.hansim.zigbee.ota.UpgradeEndRequest;
import io.hansim.zigbee.ota.UpgradeEndResponse;
import io.hansim.zigbee.ota.attr.OtaClientAttribute;
import io.hansim.zigbee.ota.image.OtaHeader;
import io.hansim.zigbee.zcl.AttributeRecord;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.DefaultResponse;
import io.hansim.zigbee.zcl.GeneralCommand;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.GeneralFrame;
import io.hansim.zigbee.zcl.ReadAttributes;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.WriteAttributes;
import io.hansim.zigbee.zcl.WriteAttributesResponse;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclHeader.FrameType;
import io.hansim.zigbee.zcl.ZclReader;
import io.hansim.zigbee.zcl.ZclStatus;
import io.hansim.zigbee.zcl.ZclValue;
import io.netty.buffer.Unpooled;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * The OTA Upgrade cluster client of a PPMID or HCALCS (zigbee-ota.md; requirements R7.3–R7.5,
 * R7.8, R7.9, R7.14) as a sans-I/O state machine: {@link #handle(ClientEvent)} takes one event
 * with its virtual time and returns the {@link ClientAction}s the host must carry out. No threads,
 * no clock, no I/O; the only randomness is a {@link SplittableRandom} seeded at construction
 * (query-jitter draws, start delays, and the drops of {@link ClientQuirk#DROPS_BLOCK_RESPONSES}),
 * so the same events give the same actions (DESIGN.md §2).
 *
 * <h2>Lifecycle</h2>
 *
 * <ol>
 *   <li><b>Power-on</b> ({@link ClientEvent.PowerOn}, state {@link State#IDLE}, ImageUpgradeStatus 0):
 *       the attributes take their defaults and the profile's values (zigbee-ota.md §4); the first
 *       query waits a random start delay (§5.6). A download persisted before a power cut resumes
 *       at its FileOffset instead ({@link PersistedDownload}); a whole image is verified again and
 *       its Upgrade End Request SUCCESS sent again (the server answers it for an image it
 *       delivered), or, when an out-of-band activation had been accepted before the power cut,
 *       activated at once.
 *   <li><b>Query</b> ({@link State#QUERYING}, 0): Query Next Image Request with the running
 *       identity and, per profile, the hardware version. It is sent periodically
 *       ({@link ClientProfile.Timing#queryInterval()}), when the application asks
 *       ({@link ClientEvent.StartQuery}), and after an Image Notify: a unicast notify always
 *       triggers a query; a broadcast one only if it names this device's manufacturer and image
 *       type (or the wildcards), not the running version, and the client's draw 1..100 is at most
 *       the QueryJitter (§5.5). NO_IMAGE_AVAILABLE, NOT_AUTHORIZED, the running version or an offer
 *       the device cannot take end the query until the next period; an offer for another device is
 *       answered INVALID_FIELD, one too large for it INSUFFICIENT_SPACE, and a downgrade refused by
 *       the profile gets an Upgrade End Request INVALID_IMAGE at once (as Silicon Labs does).
 *   <li><b>Download</b> ({@link State#DOWNLOADING}, 1): Image Block Requests from FileOffset with
 *       the profile's MaximumDataSize (or less at the end of the file), or Image Page Requests when
 *       the profile asks, falling back to blocks on UNSUP_CLUSTER_COMMAND or when a page brings
 *       nothing before the page timeout (§5.7). Each accepted block is stored
 *       ({@link ClientAction.StoreBlock}), counted (FileOffset) and persisted
 *       ({@link ClientAction.PersistProgress}). A block may be shorter than asked; a block for any
 *       other offset (duplicated, late, reordered) is ignored without an answer, as Silicon Labs'
 *       client does. WAIT_FOR_DATA waits RequestTime − CurrentTime seconds (both forms: CurrentTime
 *       0 makes RequestTime relative), adopting its MinimumBlockPeriod in the profile's unit (§5.3,
 *       §5.4); the next request then goes out after the larger of the client's block delay and that
 *       period. ABORT or NO_IMAGE_AVAILABLE (as the status-only response or a Default Response)
 *       ends the download and discards it. A lost response is retried from FileOffset after a
 *       back-off, never from 0 (§9 #6), up to {@link ClientProfile.Timing#blockRetries()} failures in a
 *       row; then the client sends Upgrade End Request ABORT and keeps the partial image, so a
 *       later offer of the same file resumes it.
 *   <li><b>Verification</b> ({@link State#VERIFYING}, 2): header against the offer, sizes, file
 *       format, hardware range, destination, downgrade policy, GB signature, integrity code (see
 *       {@link ImageVerifier}). Failure: Upgrade End Request INVALID_IMAGE, the image is discarded
 *       and the old one keeps running (R7.14). With {@link ClientProfile.Transfer#imageParts()} above 1,
 *       every part but the last is answered REQUIRE_MORE_IMAGE and the client queries for the next
 *       ({@link State#WAIT_FOR_MORE}, 5; R7.9).
 *   <li><b>Waiting to upgrade</b> ({@link State#WAITING_TO_UPGRADE}, 3): Upgrade End Request
 *       SUCCESS, repeated when unanswered; after {@link ClientProfile.Timing#upgradeEndRetries()} of them
 *       UpgradeTimeoutPolicy applies (0: activate; 1: keep asking every
 *       {@link ClientProfile.Timing#upgradeEndReaskInterval()}). The Upgrade End Response's identity must
 *       be the image's or the wildcards. UpgradeTime 0xFFFFFFFF means wait: the client asks again
 *       after the re-ask interval (60 min). Otherwise the delay is UpgradeTime when CurrentTime is
 *       0, else UpgradeTime − CurrentTime (both UTC), or the profile's fallback when that is
 *       negative (§5.2).
 *   <li><b>Count-down</b> ({@link State#COUNTDOWN}, 4): at the end, never sooner than
 *       {@link ClientProfile.Activation#minimumRebootDelay()} after the decision so the answers go out,
 *       {@link ClientAction.Activate}; the client is {@link State#OFF} until the host reboots it
 *       with {@link ClientEvent.PowerOn}, now running the header's File Version.
 *   <li><b>Out-of-band activation</b> ({@link State#WAITING_FOR_EXTERNAL_EVENT}, 6 or 3): with
 *       UpgradeActivationPolicy 1 the client answers an Upgrade End Response with a time by Default
 *       Response NOT_AUTHORIZED (§5.2) and waits for {@link ClientEvent.ActivateOutOfBand} (for an
 *       HCALCS, the GBCS CS06 whose hash the host checked, R7.5). It is also where it waits when
 *       its Upgrade End Requests go unanswered: an out-of-band-only device never activates on a
 *       timeout.
 * </ol>
 *
 * <h2>Frames</h2>
 *
 * The client decodes every frame itself and never throws on bytes. It answers as the ZCL requires
 * and never answers a broadcast or a Default Response:
 * <ul>
 *   <li>a frame that does not decode: Default Response MALFORMED_COMMAND (INVALID_VALUE for a status
 *       the command may not carry, UNSUP_CLUSTER_COMMAND for an unknown command id);
 *   <li>a frame for the OTA server side (direction client→server): UNSUPPORTED_CLUSTER;
 *       manufacturer-specific: UNSUP_MANUF_CLUSTER_COMMAND / UNSUP_MANUF_GENERAL_COMMAND; a general
 *       command the client does not handle: UNSUP_GENERAL_COMMAND;
 *   <li>an OTA command or Default Response from any node but the configured upgrade server
 *       (R7.3): {@link ClientAction.Refused} and, when it expects an answer, NOT_AUTHORIZED. Read
 *       and Write Attributes are answered whoever asks: reading the client's attributes is no
 *       upgrade path;
 *   <li>Read Attributes: a Read Attributes Response with the value of each supported attribute
 *       and UNSUPPORTED_ATTRIBUTE for the others; Write Attributes: READ_ONLY or
 *       UNSUPPORTED_ATTRIBUTE for each record (the client attributes are written by the client);
 *   <li>a well-formed response the state does not expect: FAILURE (Silicon Labs); a response for
 *       another image or with impossible fields: INVALID_VALUE; an Upgrade End Response with a time
 *       under policy 1: NOT_AUTHORIZED;
 *   <li>anything else unicast with the disable-default-response bit clear: SUCCESS.
 * </ul>
 * Responses are matched by content (image identity, offset), not by transaction sequence number,
 * so a late answer to a retried request is still used.
 *
 * <h2>Profile</h2>
 *
 * Block size, pacing, timeouts, retries, policies, trust anchors and the {@link ClientQuirk}s of
 * real devices come from the {@link ClientProfile}: data, not subclasses (DESIGN.md §4).
 */
public final class OtaClient implements Machine<ClientEvent, ClientAction, ClientTimer> {

    /**
     * The client's states, each with the ImageUpgradeStatus it shows (zigbee-ota.md §4, following
     * Silicon Labs' mapping) and the timers that may run in it; entering a state cancels the others.
     */
    public enum State {
        /** Not running: before the first power-on, and between Activate and the reboot's power-on. */
        OFF(ImageUpgradeStatus.NORMAL, EnumSet.noneOf(ClientTimer.class)),
        /** Running, nothing in progress; the next periodic query is armed unless the profile never queries. */
        IDLE(ImageUpgradeStatus.NORMAL, EnumSet.of(ClientTimer.QUERY)),
        /** A Query Next Image Request is out, or about to be retried. */
        QUERYING(ImageUpgradeStatus.NORMAL, EnumSet.of(ClientTimer.QUERY, ClientTimer.RESPONSE)),
        /** Image blocks are being requested. */
        DOWNLOADING(ImageUpgradeStatus.DOWNLOAD_IN_PROGRESS, EnumSet.of(ClientTimer.RESPONSE, ClientTimer.BLOCK_REQUEST)),
        /** The whole file is in and being checked. */
        VERIFYING(ImageUpgradeStatus.DOWNLOAD_COMPLETE, EnumSet.of(ClientTimer.VERIFY)),
        /** Upgrade End Request SUCCESS sent; waiting for the server, or told to wait. */
        WAITING_TO_UPGRADE(ImageUpgradeStatus.WAITING_TO_UPGRADE,
                EnumSet.of(ClientTimer.RESPONSE, ClientTimer.UPGRADE_END_REQUEST)),
        /** Counting down to activation. */
        COUNTDOWN(ImageUpgradeStatus.COUNT_DOWN, EnumSet.of(ClientTimer.COUNTDOWN)),
        /** A part of a multi-image upgrade is held; querying for the next (REQUIRE_MORE_IMAGE, R7.9). */
        WAIT_FOR_MORE(ImageUpgradeStatus.WAIT_FOR_MORE, EnumSet.of(ClientTimer.QUERY, ClientTimer.RESPONSE)),
        /** A verified image is held; only {@link ClientEvent.ActivateOutOfBand} activates it (R7.5). */
        WAITING_FOR_EXTERNAL_EVENT(ImageUpgradeStatus.WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT,
                EnumSet.noneOf(ClientTimer.class));

        private final ImageUpgradeStatus status;
        private final Set<ClientTimer> timers;

        State(ImageUpgradeStatus status, Set<ClientTimer> timers) {
            this.status = status;
            this.timers = timers;
        }

        /** The ImageUpgradeStatus shown in this state; the external-event wait shows the profile's 3 or 6. */
        public ImageUpgradeStatus status(ClientProfile profile) {
            return this == WAITING_FOR_EXTERNAL_EVENT ? profile.activation().externalWaitStatus() : status;
        }

        /** Whether {@code timer} may be armed in this state. */
        public boolean allows(ClientTimer timer) {
            return timers.contains(timer);
        }
    }

    private static final long NOT_ARMED = Long.MIN_VALUE;
    private static final long U32_NONE = 0xFFFF_FFFFL;
    private static final long EUI64_NONE = -1L;

    private final ClientProfile profile;
    private final SplittableRandom random;
    private final long[] timerAt = new long[ClientTimer.values().length];

    // ---- per handle() call
    private List<ClientAction> out;
    private long now;
    private Inbound inbound;

    // ---- lifecycle
    private State state = State.OFF;
    private long runningVersion;
    private int nextTsn;

    // ---- attributes the client changes (the others come from the profile)
    private long upgradeServerId = EUI64_NONE;
    private long fileOffsetAttribute = U32_NONE;
    private long downloadedFileVersion = U32_NONE;
    private int downloadedStackVersion = 0xFFFF;
    private int imageTypeId = 0xFFFF;
    private int minimumBlockPeriod;
    private long imageStamp;

    // ---- query
    private boolean queryOutstanding;
    private int queryErrors;

    // ---- download (a partial image may outlive the DOWNLOADING state, see giveUp)
    private ImageIdentity offered;
    private long imageSize;
    private byte[] buffer;
    private long fileOffset;
    private int downloadErrors;
    private boolean requestOutstanding;
    private int requestedSize;
    private boolean pagesDisabled;
    private boolean pageActive;
    private boolean pageBlockSeen;
    private long pageEnd;
    private long blocksUntil;
    private long legrandRestOffset = -1;
    private int legrandRestSize;
    private List<HeldImage> heldParts = List.of();

    // ---- a verified image waiting for activation
    private HeldImage verified;
    private int unansweredUpgradeEnds;
    private ActivationTrigger countdownTrigger;
    /** Restored with an out-of-band activation decided before a power cut: activate once verified again. */
    private boolean activateWhenVerified;

    /**
     * A client that is off until its first {@link ClientEvent.PowerOn}.
     *
     * @param profile the device's profile
     * @param seed    seed of the client's only source of randomness
     */
    public OtaClient(ClientProfile profile, long seed) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.random = new SplittableRandom(seed);
        this.runningVersion = profile.identity().currentFileVersion();
        this.imageStamp = profile.identity().imageStamp().orElse(0);
        Arrays.fill(timerAt, NOT_ARMED);
    }

    // =========================================================================================
    // Public view

    /** The profile. */
    public ClientProfile profile() {
        return profile;
    }

    /** The current state. */
    public State state() {
        return state;
    }

    /** ImageUpgradeStatus (attribute 0x0006) as the server would read it. */
    public ImageUpgradeStatus imageUpgradeStatus() {
        return state.status(profile);
    }

    /** The File Version of the running image: the profile's until an activation, then the new header's. */
    public long runningFileVersion() {
        return runningVersion;
    }

    /** The download offset: how many bytes of the current (or partial) image are stored; 0 without one. */
    public long fileOffset() {
        return offered == null ? 0 : fileOffset;
    }

    /** The verified image waiting for activation, e.g. for the host to check a CS06 hash (R7.5). */
    public Optional<HeldImage> heldImage() {
        return Optional.ofNullable(verified);
    }

    /** The deadline of {@code timer}, if armed. */
    public OptionalLong timerDeadline(ClientTimer timer) {
        long at = timerAt[timer.ordinal()];
        return at == NOT_ARMED ? OptionalLong.empty() : OptionalLong.of(at);
    }

    /**
     * The value of a client attribute as Read Attributes would return it, or empty when the
     * attribute is not supported (AttributeReportingStatus; ImageStamp without a profile value;
     * CurrentFileVersion with {@link ClientQuirk#NO_CURRENT_FILE_VERSION}).
     */
    public Optional<ZclValue> attribute(OtaClientAttribute attribute) {
        return Optional.ofNullable(attributeValue(attribute.id()));
    }

    // =========================================================================================
    // The one entry point

    /** {@link ClientEvent.TimerFired} for {@code timer}: what a driver hands back at a deadline. */
    @Override
    public boolean route(ClientAction a, Common<ClientTimer> out) {
        // The client's own final records, checked by exact class (see Machine#route).
        if (a instanceof ClientAction.SendFrame f) {
            out.transmit(f.destinationEui64(), f.broadcast(), f.clusterId(), f.zclFrame());
        } else if (a instanceof ClientAction.SetTimer t) {
            out.arm(t.timer(), t.at());
        } else if (a instanceof ClientAction.CancelTimer c) {
            out.disarm(c.timer());
        } else {
            return false;
        }
        return true;
    }

    @Override
    public ClientEvent timerFired(ClientTimer timer, long now) {
        return new ClientEvent.TimerFired(now, timer);
    }

    /**
     * Handles one event and returns what the host must do, in order. Never throws for any event
     * content; a null event is a programming error.
     */
    @Override
    public List<ClientAction> handle(ClientEvent event) {
        Objects.requireNonNull(event, "event");
        out = new ArrayList<>(6);
        now = event.now();
        inbound = null;
        if (event instanceof ClientEvent.FrameReceived f) {
            onFrame(f);
        } else if (event instanceof ClientEvent.TimerFired t) {
            onTimer(t.timer());
        } else if (event instanceof ClientEvent.PowerOn p) {
            onPowerOn(p.restored());
        } else if (event instanceof ClientEvent.StartQuery) {
            onStartQuery();
        } else if (event instanceof ClientEvent.ActivateOutOfBand) {
            onActivateOutOfBand();
        } else if (event instanceof ClientEvent.LocalUpgradeAttempt l) {
            onLocalUpgrade(l.image());
        }
        List<ClientAction> result = out;
        out = null;
        inbound = null;
        return result;
    }

    // =========================================================================================
    // Power-on

    private void onPowerOn(PersistedDownload restored) {
        ImageUpgradeStatus before = state.status(profile);
        // Everything volatile is gone; the host's old timers are void.
        Arrays.fill(timerAt, NOT_ARMED);
        queryOutstanding = false;
        queryErrors = 0;
        pagesDisabled = false;
        clearDownload();
        verified = null;
        heldParts = List.of();
        unansweredUpgradeEnds = 0;
        countdownTrigger = null;
        legrandRestOffset = -1;
        activateWhenVerified = false;

        // The attributes restart from their defaults (or the resumed download's values); only the
        // ones that end up different from before the power cut are reported.
        long[] attributesBefore = mutableAttributes();
        upgradeServerId = profile.identity().upgradeServerEui64();
        fileOffsetAttribute = U32_NONE;
        downloadedFileVersion = U32_NONE;
        downloadedStackVersion = 0xFFFF;
        imageTypeId = 0xFFFF;
        minimumBlockPeriod = 0;
        // The FORGETS_PROGRESS_ON_POWER_CUT mutant throws the persisted download away (R7.8 broken).
        boolean resumed = restored != null && !profile.has(ClientQuirk.FORGETS_PROGRESS_ON_POWER_CUT)
                && prepareResume(restored);
        activateWhenVerified = resumed && restored.activateOutOfBand() && fileOffset >= imageSize;
        reportAttributeChanges(attributesBefore);
        state = resumed ? State.DOWNLOADING : State.IDLE;
        if (before != state.status(profile)) {
            out.add(new ClientAction.StatusChanged(before, state.status(profile)));
        }
        if (resumed) {
            long delay = drawStartDelay();
            // A download that was complete before the cut needs no network to go on: it is verified
            // again at once (DOWNLOAD_COMPLETE), and only the Upgrade End Request that follows goes on
            // the air. The start delay of §5.6 spreads queries and block requests after a power cut.
            if (delay == 0 || fileOffset >= imageSize) {
                continueDownload();
            } else {
                arm(ClientTimer.BLOCK_REQUEST, now + delay);
            }
        } else if (!profile.has(ClientQuirk.NEVER_QUERIES)) {
            long delay = drawStartDelay();
            if (delay == 0) {
                sendQuery();
            } else {
                arm(ClientTimer.QUERY, now + delay);
            }
        }
    }

    /** Takes over a persisted download; false (after a DiscardImage) when it does not fit. */
    private boolean prepareResume(PersistedDownload d) {
        String problem = null;
        if (d.imageSize() > profile.transfer().maxImageSize()) {
            problem = "image size " + d.imageSize() + " exceeds the device's " + profile.transfer().maxImageSize();
        } else if (d.imageSize() < OtaHeader.BASE_LENGTH) {
            problem = "image size " + d.imageSize() + " is smaller than an OTA header";
        } else if (d.image().manufacturerCode() != profile.identity().manufacturerCode()
                || (d.heldParts().isEmpty() && d.image().imageType() != profile.identity().imageType())) {
            problem = "the download " + d.image() + " is not for this device";
        } else if (d.heldParts().size() >= profile.transfer().imageParts()) {
            problem = d.heldParts().size() + " held parts, the profile has " + profile.transfer().imageParts();
        }
        if (problem != null) {
            out.add(new ClientAction.DiscardImage(DiscardReason.RESTORED_DOWNLOAD_INVALID, problem));
            return false;
        }
        int size = (int) d.imageSize();
        ensureBuffer(size);
        int have = (int) d.resumeOffset();
        if (have > 0) {
            Bytes r = d.received();
            if (r.length() == have) {
                r.copyTo(buffer, 0);
            } else {
                System.arraycopy(r.toArray(), 0, buffer, 0, have);
            }
        }
        offered = d.image();
        imageSize = size;
        fileOffset = have;
        heldParts = d.heldParts();
        downloadErrors = 0;
        downloadedFileVersion = offered.fileVersion();
        imageTypeId = offered.imageType();
        fileOffsetAttribute = fileOffset;
        return true;
    }

    private long[] mutableAttributes() {
        return new long[] {upgradeServerId, fileOffsetAttribute, downloadedFileVersion, downloadedStackVersion,
            imageTypeId, minimumBlockPeriod};
    }

    private void reportAttributeChanges(long[] before) {
        long[] after = mutableAttributes();
        OtaClientAttribute[] which = {OtaClientAttribute.UPGRADE_SERVER_ID, OtaClientAttribute.FILE_OFFSET,
            OtaClientAttribute.DOWNLOADED_FILE_VERSION, OtaClientAttribute.DOWNLOADED_ZIGBEE_STACK_VERSION,
            OtaClientAttribute.IMAGE_TYPE_ID, OtaClientAttribute.MINIMUM_BLOCK_PERIOD};
        for (int i = 0; i < after.length; i++) {
            if (after[i] != before[i]) {
                out.add(new ClientAction.AttributeChanged(which[i], attributeValue(which[i].id())));
            }
        }
    }

    private long drawStartDelay() {
        long max = ClientProfile.micros(profile.timing().startDelayMax());
        return max == 0 ? 0 : random.nextLong(max + 1);
    }

    // =========================================================================================
    // Application events

    private void onStartQuery() {
        switch (state) {
            case OFF -> ignored(IgnoreReason.NOT_RUNNING, "StartQuery while off");
            case IDLE, QUERYING, WAIT_FOR_MORE -> {
                if (profile.has(ClientQuirk.NEVER_QUERIES)) {
                    ignored(IgnoreReason.DROPPED_BY_QUIRK, "NEVER_QUERIES: the client does not query on its own");
                } else if (queryOutstanding) {
                    ignored(IgnoreReason.BUSY, "a Query Next Image Request is already out");
                } else {
                    sendQuery();
                }
            }
            case DOWNLOADING, VERIFYING, WAITING_TO_UPGRADE, COUNTDOWN, WAITING_FOR_EXTERNAL_EVENT ->
                    ignored(IgnoreReason.BUSY, "StartQuery in state " + state);
        }
    }

    private void onActivateOutOfBand() {
        switch (state) {
            case OFF -> ignored(IgnoreReason.NOT_RUNNING, "ActivateOutOfBand while off");
            case WAITING_TO_UPGRADE, COUNTDOWN, WAITING_FOR_EXTERNAL_EVENT -> startCountdown(0, ActivationTrigger.OUT_OF_BAND);
            case IDLE, QUERYING, DOWNLOADING, VERIFYING, WAIT_FOR_MORE -> out.add(new ClientAction.Refused(
                    RefusalReason.NO_IMAGE_HELD, ownAddress(), "no verified image is held (state " + state + ")"));
        }
    }

    private void onLocalUpgrade(Bytes image) {
        if (state == State.OFF) {
            ignored(IgnoreReason.NOT_RUNNING, "local upgrade attempt while off");
            return;
        }
        if (!profile.trust().legacyLocalUpgrade()) {
            out.add(new ClientAction.Refused(RefusalReason.LOCAL_UPGRADE_FORBIDDEN, ownAddress(),
                    "firmware is changed only through the CH (R7.3)"));
            return;
        }
        if (image.length() > profile.transfer().maxImageSize()) {
            out.add(new ClientAction.Refused(RefusalReason.LOCAL_IMAGE_INVALID, ownAddress(),
                    "image of " + image.length() + " bytes exceeds the device's " + profile.transfer().maxImageSize()));
            return;
        }
        ImageVerifier.Verdict v = ImageVerifier.verify(profile, runningVersion, image, null, image.length());
        if (!v.ok()) {
            out.add(new ClientAction.Refused(RefusalReason.LOCAL_IMAGE_INVALID, ownAddress(),
                    v.failure() + ": " + v.detail()));
            return;
        }
        if (offered != null || verified != null || !heldParts.isEmpty()) {
            out.add(new ClientAction.DiscardImage(DiscardReason.REPLACED_BY_LOCAL_UPGRADE,
                    "a local upgrade replaces the image held or being downloaded"));
            clearDownload();
            heldParts = List.of();
        }
        ImageIdentity id = new ImageIdentity(v.header().manufacturerCode(), v.header().imageType(),
                v.header().fileVersion());
        verified = new HeldImage(id, image);
        setDownloadedFileVersion(id.fileVersion());
        setDownloadedStackVersion(v.header().zigbeeStackVersion());
        setImageTypeId(id.imageType());
        countdownTrigger = null;
        startCountdown(0, ActivationTrigger.LOCAL_UPGRADE);
    }

    // =========================================================================================
    // Timers

    private void onTimer(ClientTimer timer) {
        long at = timerAt[timer.ordinal()];
        if (state == State.OFF) {
            ignored(IgnoreReason.NOT_RUNNING, timer + " fired while off");
            return;
        }
        if (at == NOT_ARMED || now < at) {
            ignored(IgnoreReason.STALE_TIMER, timer + " is not due" + (at == NOT_ARMED ? " (not armed)" : " until " + at));
            return;
        }
        timerAt[timer.ordinal()] = NOT_ARMED;
        switch (timer) {
            case QUERY -> sendQuery();
            case RESPONSE -> onResponseTimeout();
            case BLOCK_REQUEST -> continueDownload();
            case VERIFY -> finishVerification();
            case UPGRADE_END_REQUEST -> sendUpgradeEndSuccess();
            case COUNTDOWN -> activate();
        }
    }

    private void onResponseTimeout() {
        switch (state) {
            case QUERYING, WAIT_FOR_MORE -> {
                queryOutstanding = false;
                queryErrors++;
                if (queryErrors <= profile.timing().queryRetries()) {
                    arm(ClientTimer.QUERY, now + ClientProfile.micros(profile.timing().retryBackoff()));
                } else {
                    queryErrors = 0;
                    if (state == State.QUERYING) {
                        enterIdle();
                    } else {
                        armPeriodicQuery();
                    }
                }
            }
            case DOWNLOADING -> {
                requestOutstanding = false;
                if (profile.has(ClientQuirk.RESTART_FROM_ZERO_ON_TIMEOUT)) {
                    restartFromZero();
                } else if (pageActive) {
                    onPageTimeout();
                } else {
                    downloadFailure(); // the Image Block Response is overdue
                }
            }
            case WAITING_TO_UPGRADE -> {
                unansweredUpgradeEnds++;
                if (unansweredUpgradeEnds < profile.timing().upgradeEndRetries()) {
                    sendUpgradeEndSuccess();
                } else {
                    applyTimeoutPolicy();
                }
            }
            case OFF, IDLE, VERIFYING, COUNTDOWN, WAITING_FOR_EXTERNAL_EVENT ->
                    ignored(IgnoreReason.STALE_TIMER, "RESPONSE in state " + state);
        }
    }

    // =========================================================================================
    // Query

    private void sendQuery() {
        cancel(ClientTimer.QUERY);
        QueryNextImageRequest q = QueryNextImageRequest.of(profile.identity().manufacturerCode(), profile.identity().imageType(),
                runningVersion);
        if (profile.identity().hardwareVersion().isPresent()) {
            q = q.withHardwareVersion(profile.identity().hardwareVersion().getAsInt());
        }
        if (state == State.IDLE) {
            transition(State.QUERYING);
        }
        sendRequest(q);
        queryOutstanding = true;
        arm(ClientTimer.RESPONSE, now + ClientProfile.micros(profile.timing().responseTimeout()));
    }

    /** The query ended without a download: wait for the next period. */
    private void queryEnded() {
        queryOutstanding = false;
        queryErrors = 0;
        cancel(ClientTimer.RESPONSE);
        if (state == State.WAIT_FOR_MORE) {
            armPeriodicQuery();
        } else {
            enterIdle();
        }
    }

    private void armPeriodicQuery() {
        if (!profile.has(ClientQuirk.NEVER_QUERIES)) {
            arm(ClientTimer.QUERY, now + profile.effectiveQueryInterval());
        }
    }

    /**
     * Back to waiting for an offer: {@link State#IDLE}, or {@link State#WAIT_FOR_MORE} while parts
     * of a multi-image upgrade are held; the next query is armed.
     */
    private void enterIdle() {
        queryOutstanding = false;
        requestOutstanding = false;
        pageActive = false;
        if (!heldParts.isEmpty()) {
            transition(State.WAIT_FOR_MORE);
        } else {
            transition(State.IDLE);
            setImageTypeId(0xFFFF);
        }
        armPeriodicQuery();
    }

    private void onQueryResponse(QueryNextImageResponse r) {
        if (state != State.QUERYING && state != State.WAIT_FOR_MORE) {
            unexpected("Query Next Image Response");
            return;
        }
        if (!r.hasImage()) {
            queryEnded();
            return;
        }
        boolean nextPart = state == State.WAIT_FOR_MORE;
        ImageIdentity id = new ImageIdentity(r.manufacturerCode(), r.imageType(), r.fileVersion());
        if (id.manufacturerCode() != profile.identity().manufacturerCode() || (!nextPart && id.imageType() != profile.identity().imageType())) {
            invalidResponse(ZclStatus.INVALID_FIELD, "offer " + id + " is not for this device");
            queryEnded();
            return;
        }
        if (r.imageSize() > profile.transfer().maxImageSize()) {
            invalidResponse(ZclStatus.INSUFFICIENT_SPACE, "offered " + r.imageSize()
                    + " bytes, the device holds " + profile.transfer().maxImageSize());
            queryEnded();
            return;
        }
        if (r.imageSize() < OtaHeader.BASE_LENGTH) {
            invalidResponse(ZclStatus.INVALID_FIELD, "offered ImageSize " + r.imageSize() + " is smaller than a header");
            queryEnded();
            return;
        }
        if (nextPart) {
            for (HeldImage h : heldParts) {
                if (h.identity().equals(id)) {
                    queryEnded(); // nothing new: the part is already held
                    return;
                }
            }
        } else {
            if (id.fileVersion() == runningVersion) {
                queryEnded(); // the running version: nothing to do (Silicon Labs)
                return;
            }
            if (profile.trust().refuseDowngrades() && id.fileVersion() < runningVersion) {
                // R7.14, §9 #25: refused without a download, as Silicon Labs' disableOtaDowngrades.
                sendRequest(new UpgradeEndRequest(ZclStatus.INVALID_IMAGE, id.manufacturerCode(), id.imageType(),
                        id.fileVersion()));
                queryEnded();
                return;
            }
        }
        startDownload(id, r.imageSize());
    }

    // =========================================================================================
    // Download

    private void startDownload(ImageIdentity id, long size) {
        queryOutstanding = false;
        queryErrors = 0;
        cancel(ClientTimer.RESPONSE);
        cancel(ClientTimer.QUERY);
        boolean resuming = offered != null && offered.equals(id) && imageSize == size;
        if (offered != null && !resuming) {
            out.add(new ClientAction.DiscardImage(DiscardReason.SUPERSEDED,
                    "partial image " + offered + " replaced by the offer of " + id));
            clearDownload();
        }
        if (!resuming) {
            ensureBuffer((int) size);
            offered = id;
            imageSize = size;
            fileOffset = 0;
            legrandRestOffset = -1;
        }
        downloadErrors = 0;
        pageActive = false;
        blocksUntil = 0;
        setDownloadedFileVersion(id.fileVersion());
        setImageTypeId(id.imageType());
        setFileOffsetAttribute(fileOffset);
        setMinimumBlockPeriod(0);
        transition(State.DOWNLOADING);
        continueDownload();
    }

    private void ensureBuffer(int size) {
        if (buffer == null || buffer.length < size) {
            buffer = new byte[size];
        }
    }

    /** Sends the next request, or starts the verification when every byte is in. */
    private void continueDownload() {
        if (state != State.DOWNLOADING) {
            ignored(IgnoreReason.STALE_TIMER, "BLOCK_REQUEST in state " + state);
            return;
        }
        cancel(ClientTimer.BLOCK_REQUEST);
        if (fileOffset >= imageSize) {
            startVerification();
        } else if (profile.transfer().pageRequests() && !pagesDisabled && fileOffset >= blocksUntil
                && legrandRestOffset != fileOffset) {
            sendPageRequest();
        } else {
            sendBlockRequest();
        }
    }

    private void sendBlockRequest() {
        int size = (int) Math.min(profile.has(ClientQuirk.OVERSIZED_BLOCK_REQUESTS) ? 0xFF
                : profile.transfer().maximumDataSize(), imageSize - fileOffset);
        if (legrandRestOffset == fileOffset) {
            size = (int) Math.min(legrandRestSize, imageSize - fileOffset);
        }
        requestedSize = size;
        ImageBlockRequest req = ImageBlockRequest.of(offered.manufacturerCode(), offered.imageType(),
                offered.fileVersion(), fileOffset, size);
        if (profile.transfer().sendRequestNodeAddress()) {
            req = req.withRequestNodeAddress(profile.identity().ieeeAddress().getAsLong());
        }
        boolean missingField = profile.has(ClientQuirk.MISSING_MIN_BLOCK_PERIOD_FIELD);
        if (profile.transfer().minimumBlockPeriodUnit() != MinimumBlockPeriodUnit.IGNORED && !missingField) {
            req = req.withMinimumBlockPeriod(minimumBlockPeriod);
        }
        byte[] frame = OtaCodec.encode(OtaFrame.of(nextTsn(), req));
        if (missingField) {
            // §9 #13: FieldControl bit 1 set, the field itself left out.
            frame[3] |= (byte) ImageBlockRequest.FIELD_CONTROL_MINIMUM_BLOCK_PERIOD;
        }
        out.add(new ClientAction.SendFrame(profile.identity().upgradeServerEui64(), Bytes.of(frame)));
        requestOutstanding = true;
        arm(ClientTimer.RESPONSE, now + ClientProfile.micros(profile.timing().responseTimeout()));
    }

    private void sendPageRequest() {
        pageActive = true;
        pageBlockSeen = false;
        pageEnd = Math.min(fileOffset + profile.transfer().pageSize(), imageSize);
        requestedSize = profile.transfer().maximumDataSize();
        ImagePageRequest req = new ImagePageRequest(offered.manufacturerCode(), offered.imageType(),
                offered.fileVersion(), fileOffset, profile.transfer().maximumDataSize(), profile.transfer().pageSize(),
                profile.transfer().responseSpacingMillis(), profile.transfer().sendRequestNodeAddress()
                        ? OptionalLong.of(profile.identity().ieeeAddress().getAsLong()) : OptionalLong.empty());
        sendRequest(req);
        requestOutstanding = true;
        arm(ClientTimer.RESPONSE, now + ClientProfile.micros(profile.timing().pageTimeout()));
    }

    /** No block of the page came in time (zigbee-ota.md §5.7). */
    private void onPageTimeout() {
        pageActive = false;
        if (!pageBlockSeen) {
            // Nothing at all: the server does not do pages (or the request was lost). Blocks from now on.
            pagesDisabled = true;
            downloadFailure();
        } else {
            // Missed blocks: fetch the rest of the page one block at a time, then pages again.
            blocksUntil = pageEnd;
            scheduleNextRequest();
        }
    }

    /** A failed attempt (timeout, error answer): back off and ask again from FileOffset, or give up. */
    private void downloadFailure() {
        requestOutstanding = false;
        pageActive = false;
        cancel(ClientTimer.RESPONSE);
        downloadErrors++;
        if (downloadErrors > profile.timing().blockRetries()) {
            giveUp();
        } else {
            arm(ClientTimer.BLOCK_REQUEST, now + Math.max(ClientProfile.micros(profile.timing().retryBackoff()), pacing()));
        }
    }

    /**
     * Too many failures: Upgrade End Request ABORT (Silicon Labs). The partial image is kept and
     * persisted, so an offer of the same file later resumes at FileOffset.
     */
    private void giveUp() {
        sendRequest(new UpgradeEndRequest(ZclStatus.ABORT, offered.manufacturerCode(), offered.imageType(),
                offered.fileVersion()));
        downloadErrors = 0;
        enterIdle();
    }

    /** §9 #6 quirk: a lost block resets everything to offset 0 and the client goes quiet. */
    private void restartFromZero() {
        out.add(new ClientAction.DiscardImage(DiscardReason.RESTARTED_AFTER_TIMEOUT,
                "RESTART_FROM_ZERO_ON_TIMEOUT: one lost block at offset " + fileOffset + " resets the download"));
        clearDownload();
        setFileOffsetAttribute(0);
        enterIdle();
    }

    private void serverAborted(String why) {
        out.add(new ClientAction.DiscardImage(DiscardReason.SERVER_ABORTED, why));
        clearDownload();
        setFileOffsetAttribute(U32_NONE);
        setDownloadedFileVersion(U32_NONE);
        enterIdle();
    }

    private long pacing() {
        if (profile.has(ClientQuirk.IGNORES_MINIMUM_BLOCK_PERIOD)) {
            return ClientProfile.micros(profile.transfer().blockRequestDelay());
        }
        return Math.max(ClientProfile.micros(profile.transfer().blockRequestDelay()),
                (long) minimumBlockPeriod * profile.transfer().minimumBlockPeriodUnit().micros());
    }

    private void scheduleNextRequest() {
        long delay = fileOffset >= imageSize ? 0 : pacing();
        if (delay == 0) {
            continueDownload();
        } else {
            arm(ClientTimer.BLOCK_REQUEST, now + delay);
        }
    }

    private void onBlockResponse(ImageBlockResponse r) {
        if (state != State.DOWNLOADING) {
            unexpected("Image Block Response");
            return;
        }
        if (r instanceof ImageBlockResponse.Success s) {
            onBlock(s);
        } else if (r instanceof ImageBlockResponse.WaitForData w) {
            onWaitForData(w);
        } else if (r.status() == ZclStatus.ABORT || r.status() == ZclStatus.NO_IMAGE_AVAILABLE) {
            serverAborted("Image Block Response " + r.status());
        } else {
            // MALFORMED_COMMAND (zigpy: offset past the end): a failed attempt, never a wedge (§9 #14).
            downloadFailure();
        }
    }

    private void onBlock(ImageBlockResponse.Success s) {
        if (profile.has(ClientQuirk.DROPS_BLOCK_RESPONSES)
                && random.nextInt(100) < profile.quirks().droppedBlockResponsePercent()) {
            ignored(IgnoreReason.DROPPED_BY_QUIRK, "DROPS_BLOCK_RESPONSES: block at offset " + s.fileOffset());
            return;
        }
        if (s.manufacturerCode() != offered.manufacturerCode() || s.imageType() != offered.imageType()
                || s.fileVersion() != offered.fileVersion()) {
            invalidResponse(ZclStatus.INVALID_VALUE, "block of " + new ImageIdentity(s.manufacturerCode(),
                    s.imageType(), s.fileVersion()) + " while downloading " + offered);
            return;
        }
        if (s.fileOffset() != fileOffset) {
            ignored(IgnoreReason.STALE_BLOCK, "block at offset " + s.fileOffset() + ", expecting " + fileOffset);
            return;
        }
        int len = s.dataSize();
        int asked = requestedSize;
        if (len == 0 || len > asked || fileOffset + len > imageSize) {
            invalidResponse(ZclStatus.INVALID_VALUE, "block of " + len + " bytes at offset " + fileOffset
                    + " (asked at most " + asked + ", image size " + imageSize + ")");
            return;
        }
        boolean shortBlock = len < asked && fileOffset + len < imageSize;
        if (shortBlock && profile.has(ClientQuirk.REJECTS_SHORT_BLOCKS)) {
            sendRequest(new UpgradeEndRequest(ZclStatus.ABORT, offered.manufacturerCode(), offered.imageType(),
                    offered.fileVersion()));
            out.add(new ClientAction.DiscardImage(DiscardReason.SHORT_BLOCK_REJECTED, "REJECTS_SHORT_BLOCKS: asked "
                    + asked + " bytes at offset " + fileOffset + ", got " + len));
            clearDownload();
            setFileOffsetAttribute(U32_NONE);
            setDownloadedFileVersion(U32_NONE);
            enterIdle();
            return;
        }
        if (profile.has(ClientQuirk.LEGRAND_OFFSET_LOOP) && !pageActive) {
            if (legrandRestOffset == fileOffset) {
                // The rest of the chunk came: the Legrand firmware now declares the image invalid and
                // keeps the offset, so the next attempt asks for the same rest again (§9 #10).
                requestOutstanding = false;
                cancel(ClientTimer.RESPONSE);
                sendRequest(new UpgradeEndRequest(ZclStatus.INVALID_IMAGE, offered.manufacturerCode(),
                        offered.imageType(), offered.fileVersion()));
                ignored(IgnoreReason.DROPPED_BY_QUIRK, "LEGRAND_OFFSET_LOOP: rest of the chunk at offset "
                        + fileOffset + " declared invalid");
                enterIdle();
                return;
            }
            if (shortBlock) {
                legrandRestOffset = fileOffset + len;
                legrandRestSize = asked - len;
            }
        }
        accept(s.fileOffset(), s.imageData());
        downloadErrors = 0;
        if (pageActive) {
            pageBlockSeen = true;
            if (fileOffset >= pageEnd) {
                pageActive = false;
                requestOutstanding = false;
                cancel(ClientTimer.RESPONSE);
                scheduleNextRequest();
            } else {
                arm(ClientTimer.RESPONSE, now + ClientProfile.micros(profile.timing().pageTimeout()));
            }
        } else {
            requestOutstanding = false;
            cancel(ClientTimer.RESPONSE);
            scheduleNextRequest();
        }
    }

    /** Stores, counts and persists one block (the buffer was sized once when the download began). */
    private void accept(long offset, Bytes data) {
        data.copyTo(buffer, (int) offset);
        fileOffset = offset + data.length();
        out.add(new ClientAction.StoreBlock(offset, data));
        setFileOffsetAttribute(fileOffset);
        out.add(new ClientAction.PersistProgress(new PersistedDownload(offered, imageSize, fileOffset, heldParts,
                Bytes.EMPTY)));
    }

    private void onWaitForData(ImageBlockResponse.WaitForData w) {
        requestOutstanding = false;
        pageActive = false; // Silicon Labs: a WAIT_FOR_DATA ends the page
        cancel(ClientTimer.RESPONSE);
        downloadErrors = 0;
        long ct = w.currentTime();
        long rt = w.requestTime();
        long delay;
        if (rt == OtaCluster.UPGRADE_TIME_WAIT_FOR_UPGRADE_COMMAND || rt < ct) {
            delay = ClientProfile.micros(profile.timing().waitForDataFallback()); // unusable time (zigbee-ota.md §5.3: Silicon Labs 5 min)
        } else {
            delay = (rt - ct) * ClientProfile.SECOND; // CurrentTime 0: RequestTime is relative
        }
        if (w.minimumBlockPeriod().isPresent() && profile.transfer().minimumBlockPeriodUnit() != MinimumBlockPeriodUnit.IGNORED) {
            setMinimumBlockPeriod(Math.min(w.minimumBlockPeriod().getAsInt(), 0xFFFE));
            if (!profile.has(ClientQuirk.IGNORES_MINIMUM_BLOCK_PERIOD)) {
                delay += (long) minimumBlockPeriod * profile.transfer().minimumBlockPeriodUnit().micros();
            }
        }
        if (delay == 0) {
            continueDownload();
        } else {
            arm(ClientTimer.BLOCK_REQUEST, now + delay);
        }
    }

    // =========================================================================================
    // Verification

    private void startVerification() {
        requestOutstanding = false;
        pageActive = false;
        transition(State.VERIFYING);
        if (profile.has(ClientQuirk.SLOW_VERIFY) && ClientProfile.micros(profile.quirks().slowVerifyDuration()) > 0) {
            arm(ClientTimer.VERIFY, now + ClientProfile.micros(profile.quirks().slowVerifyDuration()));
        } else {
            finishVerification();
        }
    }

    private void finishVerification() {
        Bytes image = Bytes.of(buffer, 0, (int) imageSize);
        ImageVerifier.Verdict v = ImageVerifier.verify(profile, runningVersion, image, offered, imageSize);
        if (!v.ok() && profile.has(ClientQuirk.ACTIVATES_UNVERIFIED)) {
            v = ImageVerifier.unchecked(profile, image, v);
        }
        ImageIdentity id = offered;
        if (!v.ok()) {
            activateWhenVerified = false;
            sendRequest(new UpgradeEndRequest(ZclStatus.INVALID_IMAGE, id.manufacturerCode(), id.imageType(),
                    id.fileVersion()));
            out.add(new ClientAction.DiscardImage(v.failure(), v.detail()));
            clearDownload();
            setFileOffsetAttribute(U32_NONE);
            setDownloadedFileVersion(U32_NONE);
            enterIdle();
            return;
        }
        setDownloadedStackVersion(v.header().zigbeeStackVersion());
        HeldImage part = new HeldImage(id, image);
        clearDownload();
        if (heldParts.size() + 1 < profile.transfer().imageParts()) {
            List<HeldImage> parts = new ArrayList<>(heldParts);
            parts.add(part);
            heldParts = List.copyOf(parts);
            sendRequest(new UpgradeEndRequest(ZclStatus.REQUIRE_MORE_IMAGE, id.manufacturerCode(), id.imageType(),
                    id.fileVersion()));
            transition(State.WAIT_FOR_MORE);
            sendQuery();
            return;
        }
        verified = part;
        unansweredUpgradeEnds = 0;
        if (activateWhenVerified) {
            // An out-of-band command (CS06, R7.5) was accepted before a power cut: it still stands.
            activateWhenVerified = false;
            startCountdown(0, ActivationTrigger.OUT_OF_BAND);
            return;
        }
        transition(State.WAITING_TO_UPGRADE);
        sendUpgradeEndSuccess();
    }

    // =========================================================================================
    // Upgrade end and activation

    private void sendUpgradeEndSuccess() {
        if (verified == null || state != State.WAITING_TO_UPGRADE) {
            ignored(IgnoreReason.STALE_TIMER, "UPGRADE_END_REQUEST in state " + state);
            return;
        }
        cancel(ClientTimer.UPGRADE_END_REQUEST);
        ImageIdentity id = verified.identity();
        sendRequest(new UpgradeEndRequest(ZclStatus.SUCCESS, id.manufacturerCode(), id.imageType(), id.fileVersion()));
        arm(ClientTimer.RESPONSE, now + ClientProfile.micros(profile.timing().responseTimeout()));
    }

    private void applyTimeoutPolicy() {
        unansweredUpgradeEnds = 0;
        if (profile.activation().policy() == UpgradeActivationPolicy.OUT_OF_BAND_ONLY) {
            transition(State.WAITING_FOR_EXTERNAL_EVENT);
        } else if (profile.activation().timeoutPolicy() == UpgradeTimeoutPolicy.APPLY_AFTER_TIMEOUT) {
            startCountdown(0, ActivationTrigger.UPGRADE_TIMEOUT);
        } else {
            arm(ClientTimer.UPGRADE_END_REQUEST, now + ClientProfile.micros(profile.timing().upgradeEndReaskInterval()));
        }
    }

    private void onUpgradeEndResponse(UpgradeEndResponse r) {
        if (state != State.WAITING_TO_UPGRADE && state != State.COUNTDOWN
                && state != State.WAITING_FOR_EXTERNAL_EVENT) {
            unexpected("Upgrade End Response");
            return;
        }
        if (state == State.COUNTDOWN && (countdownTrigger == ActivationTrigger.LOCAL_UPGRADE
                || countdownTrigger == ActivationTrigger.OUT_OF_BAND)) {
            // The activation was decided elsewhere (a local upgrade, a CS06): the server has no say in it.
            unexpected("Upgrade End Response during a " + countdownTrigger + " count-down");
            return;
        }
        ImageIdentity id = verified.identity();
        if ((r.manufacturerCode() != id.manufacturerCode() && r.manufacturerCode() != OtaCluster.MANUFACTURER_CODE_WILDCARD)
                || (r.imageType() != id.imageType() && r.imageType() != OtaCluster.IMAGE_TYPE_WILDCARD)
                || (r.fileVersion() != id.fileVersion() && r.fileVersion() != OtaCluster.FILE_VERSION_WILDCARD)) {
            invalidResponse(ZclStatus.INVALID_VALUE, "Upgrade End Response for " + new ImageIdentity(
                    r.manufacturerCode(), r.imageType(), r.fileVersion()) + ", holding " + id);
            return;
        }
        boolean outOfBand = profile.activation().policy() == UpgradeActivationPolicy.OUT_OF_BAND_ONLY;
        if (r.waitsForUpgradeCommand()) {
            unansweredUpgradeEnds = 0;
            if (outOfBand) {
                transition(State.WAITING_FOR_EXTERNAL_EVENT);
            } else {
                transition(State.WAITING_TO_UPGRADE);
                cancel(ClientTimer.RESPONSE);
                arm(ClientTimer.UPGRADE_END_REQUEST, now + ClientProfile.micros(profile.timing().upgradeEndReaskInterval()));
            }
            return;
        }
        if (outOfBand) {
            // §5.2 (Silicon Labs, 15-0324-02 §11.10.12): only out-of-band activation is allowed.
            answer(ZclStatus.NOT_AUTHORIZED);
            if (state != State.COUNTDOWN) {
                transition(State.WAITING_FOR_EXTERNAL_EVENT);
            }
            return;
        }
        long ct = r.currentTime();
        long ut = r.upgradeTime();
        long delay;
        if (ct == 0) {
            delay = ut * ClientProfile.SECOND;
        } else if (ut >= ct) {
            delay = (ut - ct) * ClientProfile.SECOND;
        } else {
            delay = ClientProfile.micros(profile.timing().upgradeTimeFallback());
        }
        countdownTrigger = null; // the server's time replaces any earlier count-down
        startCountdown(delay, ActivationTrigger.UPGRADE_END_RESPONSE);
    }

    private void startCountdown(long delay, ActivationTrigger trigger) {
        if (trigger == ActivationTrigger.OUT_OF_BAND && verified != null) {
            // No server repeats an out-of-band command: the decision goes to flash with the image, so
            // that a power cut before the activation does not undo it (R7.5).
            long size = verified.image().length();
            out.add(new ClientAction.PersistProgress(new PersistedDownload(verified.identity(), size, size, heldParts,
                    Bytes.EMPTY, true)));
        }
        long at = now + Math.max(delay, ClientProfile.micros(profile.activation().minimumRebootDelay()));
        long current = timerAt[ClientTimer.COUNTDOWN.ordinal()];
        if (state == State.COUNTDOWN && countdownTrigger != null && current != NOT_ARMED && current <= at) {
            return; // an earlier activation is already due
        }
        countdownTrigger = trigger;
        transition(State.COUNTDOWN);
        arm(ClientTimer.COUNTDOWN, at);
    }

    private void activate() {
        HeldImage image = verified;
        if (state != State.COUNTDOWN || image == null) {
            ignored(IgnoreReason.STALE_TIMER, "COUNTDOWN in state " + state);
            return;
        }
        out.add(new ClientAction.Activate(image.identity(), image.image(), heldParts, countdownTrigger));
        runningVersion = image.identity().fileVersion();
        if (!profile.has(ClientQuirk.NO_CURRENT_FILE_VERSION)) {
            out.add(new ClientAction.AttributeChanged(OtaClientAttribute.CURRENT_FILE_VERSION,
                    ZclValue.uint32(runningVersion)));
        }
        if (profile.identity().imageStamp().isPresent()) {
            CRC32 crc = new CRC32();
            crc.update(image.image().toArray());
            imageStamp = crc.getValue();
            out.add(new ClientAction.AttributeChanged(OtaClientAttribute.IMAGE_STAMP, ZclValue.uint32(imageStamp)));
        }
        verified = null;
        heldParts = List.of();
        countdownTrigger = null;
        transition(State.OFF);
    }

    // =========================================================================================
    // Frames

    /** The frame being handled, for the answer rules. */
    private static final class Inbound {
        final long source;
        final boolean broadcast;
        final boolean global;
        final boolean manufacturerSpecific;
        final int manufacturerCode;
        final int tsn;
        final int commandId;
        final boolean disableDefaultResponse;
        boolean answered;
        boolean suppressed;

        Inbound(long source, boolean broadcast, boolean global, boolean manufacturerSpecific, int manufacturerCode,
                int tsn, int commandId, boolean disableDefaultResponse) {
            this.source = source;
            this.broadcast = broadcast;
            this.global = global;
            this.manufacturerSpecific = manufacturerSpecific;
            this.manufacturerCode = manufacturerCode;
            this.tsn = tsn;
            this.commandId = commandId;
            this.disableDefaultResponse = disableDefaultResponse;
        }

        boolean isDefaultResponse() {
            return global && commandId == DefaultResponse.COMMAND_ID;
        }

        boolean mayAnswer() {
            return !broadcast && !answered && !suppressed && !isDefaultResponse();
        }
    }

    private void onFrame(ClientEvent.FrameReceived f) {
        if (state == State.OFF) {
            ignored(IgnoreReason.NOT_RUNNING, "frame while off");
            return;
        }
        byte[] bytes = f.zclFrame().toArray();
        ZclHeader header;
        try {
            header = ZclHeader.decode(new ZclReader(Unpooled.wrappedBuffer(bytes)));
        } catch (ZclDecodeException e) {
            onUnreadableHeader(f, bytes, e);
            return;
        }
        inbound = new Inbound(f.sourceEui64(), f.broadcast(), header.frameType() == FrameType.GLOBAL,
                header.manufacturerSpecific(), header.manufacturerCode(), header.transactionSequenceNumber(),
                header.commandId(), header.disableDefaultResponse());
        boolean fromServer = f.sourceEui64() == profile.identity().upgradeServerEui64();
        if (header.direction() == Direction.CLIENT_TO_SERVER) {
            ignored(IgnoreReason.UNSUPPORTED_COMMAND, "frame for the OTA server side; this device is a client");
            answer(ZclStatus.UNSUPPORTED_CLUSTER);
        } else if (header.frameType() == FrameType.GLOBAL) {
            onGeneralFrame(header, bytes, fromServer);
        } else if (header.manufacturerSpecific()) {
            ignored(IgnoreReason.UNSUPPORTED_COMMAND, String.format(
                    "manufacturer-specific command 0x%02X (manufacturer 0x%04X)", header.commandId(),
                    header.manufacturerCode()));
            answer(ZclStatus.UNSUP_MANUF_CLUSTER_COMMAND);
        } else if (!fromServer) {
            refuseStranger(f.sourceEui64(), String.format("OTA command 0x%02X", header.commandId()));
        } else {
            OtaFrame frame;
            try {
                frame = OtaCodec.decode(bytes);
            } catch (ZclDecodeException e) {
                malformed(e);
                return;
            }
            onOtaCommand(frame.command(), f.broadcast());
        }
        if (inbound.mayAnswer() && !inbound.disableDefaultResponse) {
            answer(ZclStatus.SUCCESS);
        }
    }

    private void onOtaCommand(OtaCommand command, boolean broadcast) {
        switch (command.type()) {
            case IMAGE_NOTIFY -> onNotify((ImageNotify) command, broadcast);
            case QUERY_NEXT_IMAGE_RESPONSE -> onQueryResponse((QueryNextImageResponse) command);
            case IMAGE_BLOCK_RESPONSE -> onBlockResponse((ImageBlockResponse) command);
            case UPGRADE_END_RESPONSE -> onUpgradeEndResponse((UpgradeEndResponse) command);
            // The client never sends Query Device Specific File Request.
            case QUERY_DEVICE_SPECIFIC_FILE_RESPONSE -> unexpected("Query Device Specific File Response");
            // Client→server commands do not get past the direction check; listed for completeness.
            case QUERY_NEXT_IMAGE_REQUEST, IMAGE_BLOCK_REQUEST, IMAGE_PAGE_REQUEST, UPGRADE_END_REQUEST,
                    QUERY_DEVICE_SPECIFIC_FILE_REQUEST -> {
                ignored(IgnoreReason.UNSUPPORTED_COMMAND, command.type().specName() + " is for the server side");
                answer(ZclStatus.UNSUPPORTED_CLUSTER);
            }
        }
    }

    /** A header that does not decode: MALFORMED_COMMAND when enough is there to address the answer. */
    private void onUnreadableHeader(ClientEvent.FrameReceived f, byte[] bytes, ZclDecodeException e) {
        ignored(IgnoreReason.MALFORMED_FRAME, e.getMessage());
        if (bytes.length == 0) {
            return;
        }
        int fc = bytes[0] & 0xFF;
        boolean mfr = (fc & 0x04) != 0;
        int need = mfr ? 5 : 3;
        if (bytes.length < need) {
            return; // no TSN or command id to answer with
        }
        int code = mfr ? (bytes[1] & 0xFF) | (bytes[2] & 0xFF) << 8 : 0;
        inbound = new Inbound(f.sourceEui64(), f.broadcast(), (fc & 0x03) == 0, mfr, code, bytes[need - 2] & 0xFF,
                bytes[need - 1] & 0xFF, (fc & 0x10) != 0);
        answer(ZclStatus.MALFORMED_COMMAND);
    }

    private void malformed(ZclDecodeException e) {
        ignored(IgnoreReason.MALFORMED_FRAME, e.getMessage());
        ZclStatus status = switch (e.field()) {
            case "CommandIdentifier", "Direction" -> ZclStatus.UNSUP_CLUSTER_COMMAND;
            case "Status", "StatusCode" -> ZclStatus.INVALID_VALUE;
            default -> ZclStatus.MALFORMED_COMMAND;
        };
        answer(status);
    }

    private void onGeneralFrame(ZclHeader header, byte[] bytes, boolean fromServer) {
        int id = header.commandId();
        if (header.manufacturerSpecific()) {
            ignored(IgnoreReason.UNSUPPORTED_COMMAND, String.format(
                    "manufacturer-specific general command 0x%02X (manufacturer 0x%04X)", id, header.manufacturerCode()));
            answer(ZclStatus.UNSUP_MANUF_GENERAL_COMMAND);
            return;
        }
        if (!GeneralCommandCodec.isSupported(id)) {
            ignored(IgnoreReason.UNSUPPORTED_COMMAND, String.format("general command 0x%02X", id));
            answer(ZclStatus.UNSUP_GENERAL_COMMAND);
            return;
        }
        if (id == DefaultResponse.COMMAND_ID && !fromServer) {
            refuseStranger(inbound.source, "Default Response");
            return;
        }
        GeneralCommand command;
        try {
            command = GeneralCommandCodec.decode(bytes).command();
        } catch (ZclDecodeException e) {
            malformed(e);
            return;
        }
        if (command instanceof ReadAttributes ra) {
            answerWith(readAttributes(ra));
        } else if (command instanceof WriteAttributes wa) {
            answerWith(writeAttributes(wa));
        } else if (command instanceof DefaultResponse dr) {
            onServerDefaultResponse(dr);
        }
        // Read/Write Attributes Responses and Report Attributes: nothing for a client to do; the
        // general rule (SUCCESS when the disable-default-response bit is clear) answers them.
    }

    private void refuseStranger(long source, String what) {
        out.add(new ClientAction.Refused(RefusalReason.UNTRUSTED_SOURCE, source, String.format(
                "%s from %016X; the upgrade server is %016X (R7.3)", what, source, profile.identity().upgradeServerEui64())));
        answer(ZclStatus.NOT_AUTHORIZED);
    }

    private void onServerDefaultResponse(DefaultResponse dr) {
        if (dr.status() == ZclStatus.SUCCESS) {
            return; // the server took our request; the real answer, if any, follows
        }
        int cmd = dr.receivedCommandId();
        String what = String.format("Default Response %s to command 0x%02X", dr.status(), cmd);
        if (cmd == OtaCommandType.QUERY_NEXT_IMAGE_REQUEST.id()
                && (state == State.QUERYING || state == State.WAIT_FOR_MORE) && queryOutstanding) {
            queryEnded();
        } else if ((cmd == OtaCommandType.IMAGE_BLOCK_REQUEST.id() || cmd == OtaCommandType.IMAGE_PAGE_REQUEST.id())
                && state == State.DOWNLOADING) {
            ZclStatus s = dr.status();
            if (cmd == OtaCommandType.IMAGE_PAGE_REQUEST.id() && s == ZclStatus.UNSUP_CLUSTER_COMMAND) {
                // zigbee-ota.md §5.7: the server has no page support; Silicon Labs falls back to blocks.
                pagesDisabled = true;
                if (pageActive) {
                    pageActive = false;
                    requestOutstanding = false;
                    cancel(ClientTimer.RESPONSE);
                    continueDownload();
                }
            } else if (s == ZclStatus.ABORT || s == ZclStatus.NO_IMAGE_AVAILABLE || s == ZclStatus.UNSUP_CLUSTER_COMMAND) {
                serverAborted(what);
            } else {
                downloadFailure(); // §9 #14: an error answer never wedges the download
            }
        } else if (cmd == OtaCommandType.UPGRADE_END_REQUEST.id() && state == State.WAITING_TO_UPGRADE) {
            out.add(new ClientAction.DiscardImage(DiscardReason.UPGRADE_ABORTED_BY_SERVER, what));
            verified = null;
            setDownloadedFileVersion(U32_NONE);
            setFileOffsetAttribute(U32_NONE);
            enterIdle();
        } else {
            ignored(IgnoreReason.UNEXPECTED_RESPONSE, what + " in state " + state);
        }
    }

    // ---- Image Notify (zigbee-ota.md §5.5)

    private void onNotify(ImageNotify n, boolean broadcast) {
        if (profile.has(ClientQuirk.IGNORES_NOTIFY)) {
            inbound.suppressed = true;
            ignored(IgnoreReason.DROPPED_BY_QUIRK, "IGNORES_NOTIFY");
            return;
        }
        if (broadcast) {
            if (!n.isQueryJitterValid()) {
                ignored(IgnoreReason.NOTIFY_INVALID, "broadcast Image Notify with QueryJitter " + n.queryJitter());
                return;
            }
            if (mismatch(n.manufacturerCode().orElse(OtaCluster.MANUFACTURER_CODE_WILDCARD), profile.identity().manufacturerCode(),
                    OtaCluster.MANUFACTURER_CODE_WILDCARD)
                    || mismatch(n.imageType().orElse(OtaCluster.IMAGE_TYPE_WILDCARD), profile.identity().imageType(),
                    OtaCluster.IMAGE_TYPE_WILDCARD)) {
                ignored(IgnoreReason.NOTIFY_NOT_FOR_THIS_DEVICE, "broadcast Image Notify for " + n);
                return;
            }
            if (n.newFileVersion().isPresent() && n.newFileVersion().getAsLong() == runningVersion) {
                ignored(IgnoreReason.NOTIFY_SAME_VERSION, "broadcast Image Notify names the running version");
                return;
            }
        } else if (!n.isQueryJitterValid()) {
            // A unicast notify always triggers a query (§5.5); the illegal field is still reported.
            answer(ZclStatus.INVALID_FIELD);
        }
        boolean canQuery = switch (state) {
            case IDLE -> true;
            case QUERYING, WAIT_FOR_MORE -> !queryOutstanding;
            case OFF, DOWNLOADING, VERIFYING, WAITING_TO_UPGRADE, COUNTDOWN, WAITING_FOR_EXTERNAL_EVENT -> false;
        };
        if (!canQuery) {
            ignored(IgnoreReason.BUSY, "Image Notify in state " + state
                    + (queryOutstanding ? " with a query out" : ""));
            return;
        }
        if (broadcast && n.queryJitter() < OtaCluster.QUERY_JITTER_MAX) {
            int draw = 1 + random.nextInt(100);
            if (draw > n.queryJitter()) {
                ignored(IgnoreReason.NOTIFY_JITTER, "drew " + draw + " > QueryJitter " + n.queryJitter());
                return;
            }
        }
        sendQuery();
    }

    private static boolean mismatch(int theirs, int ours, int wildcard) {
        return theirs != ours && theirs != wildcard;
    }

    // ---- attributes (zigbee-ota.md §4)

    private ReadAttributesResponse readAttributes(ReadAttributes ra) {
        List<ReadAttributesResponse.StatusRecord> records = new ArrayList<>(ra.attributeIds().size());
        for (int id : ra.attributeIds()) {
            ZclValue v = attributeValue(id);
            records.add(v != null ? ReadAttributesResponse.StatusRecord.success(id, v)
                    : ReadAttributesResponse.StatusRecord.failure(id, ZclStatus.UNSUPPORTED_ATTRIBUTE));
        }
        return new ReadAttributesResponse(records);
    }

    private WriteAttributesResponse writeAttributes(WriteAttributes wa) {
        List<WriteAttributesResponse.StatusRecord> failures = new ArrayList<>();
        for (AttributeRecord r : wa.records()) {
            failures.add(new WriteAttributesResponse.StatusRecord(attributeValue(r.attributeId()) != null
                    ? ZclStatus.READ_ONLY : ZclStatus.UNSUPPORTED_ATTRIBUTE, r.attributeId()));
        }
        return failures.isEmpty() ? WriteAttributesResponse.success() : new WriteAttributesResponse(failures);
    }

    /** The attribute's value, or null when this client does not support it. */
    private ZclValue attributeValue(int id) {
        Optional<OtaClientAttribute> a = OtaClientAttribute.fromId(id);
        if (a.isEmpty()) {
            return null;
        }
        return switch (a.get()) {
            case UPGRADE_SERVER_ID -> new ZclValue.Eui64(upgradeServerId);
            case FILE_OFFSET -> ZclValue.uint32(fileOffsetAttribute);
            case CURRENT_FILE_VERSION -> profile.has(ClientQuirk.NO_CURRENT_FILE_VERSION)
                    ? null : ZclValue.uint32(runningVersion);
            case CURRENT_ZIGBEE_STACK_VERSION -> ZclValue.uint16(profile.identity().zigbeeStackVersion());
            case DOWNLOADED_FILE_VERSION -> ZclValue.uint32(downloadedFileVersion);
            case DOWNLOADED_ZIGBEE_STACK_VERSION -> ZclValue.uint16(downloadedStackVersion);
            case IMAGE_UPGRADE_STATUS -> ZclValue.enum8(profile.has(ClientQuirk.STALE_UPGRADE_STATUS)
                    ? ImageUpgradeStatus.NORMAL.value() : imageUpgradeStatus().value());
            case MANUFACTURER_ID -> ZclValue.uint16(profile.identity().manufacturerCode());
            case IMAGE_TYPE_ID -> ZclValue.uint16(imageTypeId);
            case MINIMUM_BLOCK_PERIOD -> ZclValue.uint16(minimumBlockPeriod);
            case IMAGE_STAMP -> profile.identity().imageStamp().isPresent() ? ZclValue.uint32(imageStamp) : null;
            case UPGRADE_ACTIVATION_POLICY -> ZclValue.enum8(profile.activation().policy().value());
            case UPGRADE_TIMEOUT_POLICY -> ZclValue.enum8(profile.activation().timeoutPolicy().value());
            case CLUSTER_REVISION -> ZclValue.uint16(profile.transfer().clusterRevision());
            case ATTRIBUTE_REPORTING_STATUS -> null;
        };
    }

    private void setUpgradeServerId(long v) {
        if (upgradeServerId != v) {
            upgradeServerId = v;
            out.add(new ClientAction.AttributeChanged(OtaClientAttribute.UPGRADE_SERVER_ID, new ZclValue.Eui64(v)));
        }
    }

    private void setFileOffsetAttribute(long v) {
        if (fileOffsetAttribute != v) {
            fileOffsetAttribute = v;
            out.add(new ClientAction.AttributeChanged(OtaClientAttribute.FILE_OFFSET, ZclValue.uint32(v)));
        }
    }

    private void setDownloadedFileVersion(long v) {
        if (downloadedFileVersion != v) {
            downloadedFileVersion = v;
            out.add(new ClientAction.AttributeChanged(OtaClientAttribute.DOWNLOADED_FILE_VERSION, ZclValue.uint32(v)));
        }
    }

    private void setDownloadedStackVersion(int v) {
        if (downloadedStackVersion != v) {
            downloadedStackVersion = v;
            out.add(new ClientAction.AttributeChanged(OtaClientAttribute.DOWNLOADED_ZIGBEE_STACK_VERSION,
                    ZclValue.uint16(v)));
        }
    }

    private void setImageTypeId(int v) {
        if (imageTypeId != v) {
            imageTypeId = v;
            out.add(new ClientAction.AttributeChanged(OtaClientAttribute.IMAGE_TYPE_ID, ZclValue.uint16(v)));
        }
    }

    private void setMinimumBlockPeriod(int v) {
        if (minimumBlockPeriod != v) {
            minimumBlockPeriod = v;
            out.add(new ClientAction.AttributeChanged(OtaClientAttribute.MINIMUM_BLOCK_PERIOD, ZclValue.uint16(v)));
        }
    }

    // =========================================================================================
    // Plumbing

    /** Enters {@code next}: cancels the timers it does not allow and reports a status change. */
    private void transition(State next) {
        ImageUpgradeStatus before = state.status(profile);
        state = next;
        for (ClientTimer t : ClientTimer.values()) {
            if (!next.allows(t)) {
                cancel(t);
            }
        }
        ImageUpgradeStatus after = next.status(profile);
        if (before != after) {
            out.add(new ClientAction.StatusChanged(before, after));
        }
    }

    private void clearDownload() {
        offered = null;
        imageSize = 0;
        fileOffset = 0;
        requestOutstanding = false;
        pageActive = false;
        downloadErrors = 0;
        legrandRestOffset = -1;
    }

    private void arm(ClientTimer timer, long at) {
        timerAt[timer.ordinal()] = at;
        out.add(new ClientAction.SetTimer(timer, at));
    }

    private void cancel(ClientTimer timer) {
        if (timerAt[timer.ordinal()] != NOT_ARMED) {
            timerAt[timer.ordinal()] = NOT_ARMED;
            out.add(new ClientAction.CancelTimer(timer));
        }
    }

    private int nextTsn() {
        int t = nextTsn;
        nextTsn = (nextTsn + 1) & 0xFF;
        return t;
    }

    private void sendRequest(OtaCommand command) {
        out.add(new ClientAction.SendFrame(profile.identity().upgradeServerEui64(),
                Bytes.of(OtaCodec.encode(OtaFrame.of(nextTsn(), command)))));
    }

    /** A Default Response to the frame being handled, when the ZCL allows one. */
    private void answer(ZclStatus status) {
        answerWith(new DefaultResponse(inbound.commandId, status));
    }

    private void answerWith(GeneralCommand command) {
        Inbound in = inbound;
        if (in == null || !in.mayAnswer()) {
            return;
        }
        in.answered = true;
        GeneralFrame frame = in.manufacturerSpecific
                ? GeneralFrame.ofManufacturer(in.manufacturerCode, Direction.CLIENT_TO_SERVER, true, in.tsn, command)
                : GeneralFrame.of(Direction.CLIENT_TO_SERVER, true, in.tsn, command);
        out.add(new ClientAction.SendFrame(in.source, Bytes.of(GeneralCommandCodec.encode(frame))));
    }

    private void unexpected(String what) {
        ignored(IgnoreReason.UNEXPECTED_RESPONSE, what + " in state " + state);
        answer(ZclStatus.FAILURE);
    }

    private void invalidResponse(ZclStatus status, String detail) {
        ignored(IgnoreReason.INVALID_RESPONSE, detail + " (answered " + status + ")");
        answer(status);
    }

    private void ignored(IgnoreReason reason, String detail) {
        out.add(new ClientAction.Ignored(reason, detail));
    }

    private long ownAddress() {
        return profile.identity().ieeeAddress().orElse(EUI64_NONE);
    }
}
