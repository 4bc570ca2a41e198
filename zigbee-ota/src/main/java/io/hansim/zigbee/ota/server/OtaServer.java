package io.hansim.zigbee.ota.server;

import io.hansim.zigbee.ota.ImageBlockRequest;
import io.hansim.zigbee.ota.ImageBlockResponse;
import io.hansim.zigbee.ota.ImageNotify;
import io.hansim.zigbee.ota.ImagePageRequest;
import io.hansim.zigbee.ota.OtaCluster;
import io.hansim.zigbee.ota.OtaCodec;
import io.hansim.zigbee.ota.OtaCommand;
import io.hansim.zigbee.ota.OtaCommandType;
import io.hansim.zigbee.ota.OtaFrame;
import io.hansim.zigbee.ota.QueryDeviceSpecificFileRequest;
import io.hansim.zigbee.ota.QueryDeviceSpecificFileResponse;
import io.hansim.zigbee.ota.QueryNextImageRequest;
import io.hansim.zigbee.ota.QueryNextImageResponse;
import io.hansim.zigbee.ota.UpgradeEndRequest;
import io.hansim.zigbee.ota.UpgradeEndResponse;
import io.hansim.zigbee.ota.server.OtaServerConfig.OutcomeTiming;
import io.hansim.zigbee.ota.server.ServerAction.CancelTimer;
import io.hansim.zigbee.ota.server.ServerAction.CommandRefused;
import io.hansim.zigbee.ota.server.ServerAction.DefaultResponseReceived;
import io.hansim.zigbee.ota.server.ServerAction.FrameRejected;
import io.hansim.zigbee.ota.server.ServerAction.ImageRemoved;
import io.hansim.zigbee.ota.server.ServerAction.ImageStaged;
import io.hansim.zigbee.ota.server.ServerAction.Milestone;
import io.hansim.zigbee.ota.server.ServerAction.ReadBackResult;
import io.hansim.zigbee.ota.server.ServerAction.Removal;
import io.hansim.zigbee.ota.server.ServerAction.SendFrame;
import io.hansim.zigbee.ota.server.ServerAction.SetTimer;
import io.hansim.zigbee.ota.server.ServerAction.TransferOutcome;
import io.hansim.zigbee.ota.server.ServerAction.TransferProgress;
import io.hansim.zigbee.ota.server.ServerEvent.ActivateNow;
import io.hansim.zigbee.ota.server.ServerEvent.FrameReceived;
import io.hansim.zigbee.ota.server.ServerEvent.ImageDataArrived;
import io.hansim.zigbee.ota.server.ServerEvent.NotifyClient;
import io.hansim.zigbee.ota.server.ServerEvent.NotifyMode;
import io.hansim.zigbee.ota.server.ServerEvent.RegisterClient;
import io.hansim.zigbee.ota.server.ServerEvent.SetThrottle;
import io.hansim.zigbee.ota.server.ServerEvent.StageImage;
import io.hansim.zigbee.ota.server.ServerEvent.TimerFired;
import io.hansim.zigbee.ota.server.ServerEvent.WithdrawImage;
import io.hansim.zigbee.ota.server.ServerTimer.Kind;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.DefaultResponse;
import io.hansim.zigbee.zcl.GeneralCommand;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.GeneralFrame;
import io.hansim.zigbee.zcl.ReadAttributes;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.WriteAttributes;
import io.hansim.zigbee.zcl.WriteAttributesResponse;
import io.hansim.zigbee.zcl.ZclDataType;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclHeader.FrameType;
import io.hansim.zigbee.zcl.ZclReader;
import io.hansim.zigbee.zcl.ZclStatus;
import io.hansim.zigbee.zcl.ZclUtcTime;
import io.hansim.zigbee.zcl.ZclValue;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The OTA Upgrade cluster server of the Communications Hub (requirements R7.1): a sans-I/O state
 * machine (DESIGN.md §2, §4). {@link #handle(ServerEvent)} takes one event, carrying the virtual
 * time, and returns the actions for the host: frames to send, timers to set or cancel, outcomes to
 * report. There are no threads, no clock, no I/O and no randomness: the same events give the same
 * actions, byte for byte.
 *
 * <h2>Lifecycle of one client</h2>
 *
 * States are {@link TransferState}; timers are {@link ServerTimer.Kind}; names of commands and
 * statuses are the specification's (zigbee-ota.md §2, §3).
 *
 * <ol>
 *   <li><b>IDLE → NOTIFIED.</b> The CH application stages an image ({@link StageImage}), opens a
 *       distribution of it to the client ({@link ServerEvent.Distribute}, see "Distributions" below)
 *       and asks for an Image Notify ({@link NotifyClient}): unicast (frame control 0x19, or 0x09 asking for a
 *       Default Response) or broadcast (0x19), PayloadType 0..3, QueryJitter 1..100 (§5.5). A
 *       unicast notify arms NOTIFY_TIMEOUT; if no Query Next Image comes, the transfer ends with
 *       outcome TIMED_OUT (R7.12, §9 #1). A client the {@link OfferPolicy} refuses is never notified.
 *   <li><b>Query Next Image → IMAGE_OFFERED.</b> An image is offered when its ManufacturerCode and
 *       ImageType equal the query's (a 0xFFFF in the image header is not a wildcard unless
 *       {@link OtaServerConfig.Offers#wildcardImagesMatchAll()}), its upgrade file destination, if any, is
 *       the client, its FileVersion is newer than the client's (or just different, with
 *       {@link OtaServerConfig.DowngradePolicy#ALLOW_DOWNGRADE}), and the client's HardwareVersion is
 *       inside the header's range; a query without HardwareVersion follows
 *       {@link OtaServerConfig.Offers#missingHardwareVersion()} (R7.6, §9 #16). Preferred is the image the
 *       client is already downloading (a repeated query resumes it, §9 #11), then the notified one,
 *       then the newest. An image whose distribution to this client ended is never offered (R7.8).
 *       When the only candidates fail the hardware check the answer is NO_IMAGE_AVAILABLE and the outcome
 *       HARDWARE_MISMATCH is reported, which ends that image's distribution to the client
 *       (its own transfer included, if it had one). A client the offer policy refuses always gets
 *       NO_IMAGE_AVAILABLE. Query Device Specific File works the same
 *       for image types 0xFFC0..0xFFFE, matched against its RequestNodeAddress, without a hardware
 *       check.
 *   <li><b>Image Block Request → DOWNLOADING.</b> Every answer is computed from the request alone:
 *       the data starts at the request's FileOffset, never at a cursor the server keeps (§9 #7),
 *       and is min(MaximumDataSize, {@link OtaServerConfig.Transfer#blockSizeCap()}, the client's own cap,
 *       the bytes left, the bytes arrived) long (§9 #2, #3). WAIT_FOR_DATA (§5.3; 11- or 9-byte form)
 *       goes out while the server is throttled ({@link SetThrottle}), while
 *       {@link OtaServerConfig.Transfer#maxConcurrentTransfers()} other clients are downloading, and for an
 *       offset the WAN has not delivered yet (R7.7). A FileOffset at or past the end of the image is
 *       answered with the status-only ABORT (§9 #20; see below). Block requests never wait for a
 *       page in flight: they are answered at once (§9 #5).
 *   <li><b>Image Page Request → SENDING_PAGE.</b> The first Image Block Response goes out at once,
 *       each further one on a PAGE_BLOCK timer ResponseSpacing ms later, all with the request's
 *       transaction sequence number, until exactly PageSize bytes (or the end of the image, or of
 *       the bytes arrived) are covered, never one block more (§5.7, §9 #22). A new page request
 *       replaces the page in flight. Without page support (the injectable profile of §9 #4) the
 *       answer is Default Response UNSUP_CLUSTER_COMMAND.
 *   <li><b>Upgrade End Request.</b> SUCCESS → Upgrade End Response with the activation policy's
 *       times (§5.2, {@link ActivationPolicy}) → WAITING_TO_UPGRADE, or
 *       WAITING_FOR_UPGRADE_COMMAND for UpgradeTime 0xFFFFFFFF, left by {@link ActivateNow} with
 *       an unsolicited Upgrade End Response 0/0. Any other status gets a Default Response SUCCESS
 *       and never an Upgrade End Response (§5.2, §9 #19, #21): ABORT and INVALID_IMAGE count as
 *       failures (AWAITING_RESTART; at {@link OtaServerConfig.Timeouts#maxFailures()} the transfer
 *       ends), REQUIRE_MORE_IMAGE waits for the next query (WAITING_FOR_MORE, R7.9).
 *   <li><b>Read-back → READING_BACK → IDLE.</b> The read-back delay after the activation time
 *       (READ_BACK timer), the server sends Read Attributes CurrentFileVersion (0x0002), retrying
 *       on READ_BACK_RESPONSE up to the configured attempts (R7.10), and reports
 *       {@link ReadBackResult}: version equal, different, UNSUPPORTED_ATTRIBUTE (§9 #12), another
 *       failure, or no answer.
 * </ol>
 *
 * <h2>Distributions</h2>
 *
 * A distribution is one attempt of the CH application to put an image on one client: it opens with
 * {@link ServerEvent.Distribute} (or, for a client that asks of its own accord, with the first offer)
 * and ends with exactly one {@link TransferOutcome} (R7.8, R7.10: one SR 11.4, one CCS08). Within it
 * the client may retry, resume and restart as the rules above allow; once it ends (success, stall,
 * failure limit, eviction, hardware mismatch, or the client asking again for an image it downloaded
 * but no longer holds) the image is barred for that client: not offered, and a unicast Image Notify
 * about it refused ({@link Refusal.DistributionEnded}), until the next {@code Distribute}. A client
 * whose hourly query crosses a hopeless link, or that discards an untrusted image, therefore costs one
 * CCS08, not one per hour.
 *
 * <p>An image delivered in a distribution that has ended (every byte served, or its Upgrade End
 * Request SUCCESS answered) stays known: a client that lost power between the download and the
 * activation holds the verified image in its flash and asks again after boot, and its Upgrade End
 * Request SUCCESS is answered with an Upgrade End Response for that image, with the activation time
 * given before (or now, once it has passed), as zigbee-ota.md §5.2 allows, never ABORT (R7.4, R7.5).
 * The transfer is then after its download again, so that the read-back reports what the client runs;
 * no second CCS08 follows.
 *
 * <p>The server is the CH's RAM, but what it must remember of each client is small and persisted:
 * {@link ServerAction.PersistDistribution} hands the host a {@link DistributionRecord} whenever it
 * changes (at most a handful of times per distribution, never per block), and after a restart the
 * host gives it back with {@link ServerEvent.RestoreClient}. An open download then goes on from the
 * client's resumed block requests (as IMAGE_OFFERED, with the stall timer; failures counted so far
 * start again from 0), a read-back that was due still comes, and delivered and barred images are
 * known again.
 *
 * <p>The server reports outcomes in the OTA cluster's own terms ({@link TransferResult}) and holds
 * no rule about which devices may be upgraded: it asks the host's {@link OfferPolicy}. What an
 * outcome means for the smart-metering system (the CCS08 response code) and which devices are
 * excluded (an IHD, R7.2; a PPMID of R202.4) are the Communications Hub's policy, outside this
 * module (DESIGN.md §2).
 *
 * <p>TRANSFER_STALL guards every open download (IMAGE_OFFERED, DOWNLOADING, SENDING_PAGE,
 * AWAITING_RESTART, WAITING_FOR_MORE): without a request for the stall timeout, or for the
 * end-request timeout once the last byte has been served (§9 #9), the transfer ends with
 * FILE_TRANSFER_FAILURE (R7.8). The timer is lazy: a request only records its time, and a timer
 * that fires early is set again for the real deadline, so the block path sets no timer.
 *
 * <h2>Every state, every request</h2>
 *
 * The requests are about the image of the client's transfer ("its image"); a Query Next Image that
 * finds no image gets NO_IMAGE_AVAILABLE in every state and changes nothing but a NOTIFIED client
 * (then IDLE, outcome 2 or 3). A block or page request for an image not in the buffer gets
 * NO_IMAGE_AVAILABLE, an Upgrade End Request SUCCESS for another image Default Response ABORT, in
 * every state. DR is a Default Response; "outcome n" is a {@link TransferOutcome} whose result a GB
 * CH reports as CCS08 code n (see "Outcomes" below).
 *
 * <table>
 *   <caption>(state, event) → answer, next state</caption>
 *   <tr><th>state</th><th>Query Next Image offering its image</th><th>Block / Page Request</th>
 *       <th>Upgrade End Request SUCCESS</th><th>UER ABORT, INVALID_IMAGE / REQUIRE_MORE_IMAGE</th>
 *       <th>its timer</th><th>image leaves the buffer</th></tr>
 *   <tr><td>IDLE</td><td>offer; IMAGE_OFFERED</td><td>ABORT</td><td>DR ABORT, or for an image it was
 *       delivered: Upgrade End Response; WAITING_TO_UPGRADE (no new outcome)</td><td>DR SUCCESS</td>
 *       <td>—</td><td>—</td></tr>
 *   <tr><td>NOTIFIED</td><td>offer; IMAGE_OFFERED (another image: outcome 3 first)</td><td>ABORT</td>
 *       <td>DR ABORT, or for the notified image, delivered before: Upgrade End Response, outcome 0</td>
 *       <td>DR SUCCESS</td><td>NOTIFY_TIMEOUT: outcome 3; IDLE</td>
 *       <td>outcome 1; IDLE</td></tr>
 *   <tr><td>IMAGE_OFFERED, DOWNLOADING</td><td>offer again; unchanged</td>
 *       <td>block; DOWNLOADING / page; SENDING_PAGE</td>
 *       <td>Upgrade End Response; WAITING_TO_UPGRADE or WAITING_FOR_UPGRADE_COMMAND</td>
 *       <td>DR SUCCESS; AWAITING_RESTART (at the failure limit outcome 1/3, IDLE) / WAITING_FOR_MORE</td>
 *       <td>TRANSFER_STALL: outcome 3; IDLE</td><td>outcome 1; IDLE</td></tr>
 *   <tr><td>SENDING_PAGE</td><td>offer again, page dropped; DOWNLOADING</td>
 *       <td>block at once, page goes on / new page replaces it</td><td>as DOWNLOADING</td>
 *       <td>as DOWNLOADING</td><td>PAGE_BLOCK: next block; TRANSFER_STALL: set again</td>
 *       <td>outcome 1; IDLE</td></tr>
 *   <tr><td>AWAITING_RESTART</td><td>offer again; IMAGE_OFFERED</td><td>as DOWNLOADING</td>
 *       <td>as DOWNLOADING</td><td>as DOWNLOADING</td>
 *       <td>TRANSFER_STALL: outcome 1 after INVALID_IMAGE, else 3</td><td>outcome 1; IDLE</td></tr>
 *   <tr><td>WAITING_FOR_MORE</td><td>new transfer, the part needs no outcome</td><td>ABORT</td>
 *       <td>as DOWNLOADING</td><td>as DOWNLOADING</td><td>TRANSFER_STALL: outcome 3; IDLE</td>
 *       <td>—</td></tr>
 *   <tr><td>WAITING_TO_UPGRADE</td><td>another image: new transfer (outcome 1, or 0 if the query
 *       shows the new version, unless already reported); its own image again: the client no longer
 *       holds it, read-back result from the query, outcome 1 unless reported, image barred,
 *       NO_IMAGE_AVAILABLE; IDLE</td><td>ABORT</td><td>Upgrade End Response, the time still
 *       to go</td><td>DR SUCCESS; unchanged</td><td>READ_BACK: Read Attributes; READING_BACK</td>
 *       <td>—</td></tr>
 *   <tr><td>WAITING_FOR_UPGRADE_COMMAND</td><td>as WAITING_TO_UPGRADE</td><td>ABORT</td>
 *       <td>Upgrade End Response 0 / 0xFFFFFFFF</td><td>DR SUCCESS; unchanged</td>
 *       <td>({@link ActivateNow}: Upgrade End Response 0 / 0; WAITING_TO_UPGRADE)</td><td>—</td></tr>
 *   <tr><td>READING_BACK</td><td>as WAITING_TO_UPGRADE</td><td>ABORT</td>
 *       <td>Upgrade End Response 0 / 0</td><td>DR SUCCESS; unchanged</td>
 *       <td>READ_BACK_RESPONSE: retry, or {@link ReadBackResult} NO_ANSWER; IDLE</td><td>—</td></tr>
 * </table>
 *
 * <h2>Outcomes ({@link TransferOutcome}, once per distribution)</h2>
 * <ul>
 *   <li>UPGRADED: Upgrade End Request SUCCESS (or, with {@link OutcomeTiming#AFTER_READ_BACK}, the
 *       read-back's verdict, see there; UPGRADED_UNCONFIRMED when the attribute is unsupported).
 *       CCS08 code 0 at a GB CH.
 *   <li>IMAGE_REMOVED: the image left the buffer while the client was notified about it or
 *       downloading it (eviction or withdrawal, R7.7, or missing after a restart); INVALID_IMAGE:
 *       the client's last failure was INVALID_IMAGE (it discarded the image); VERSION_UNCHANGED:
 *       after the download, the client asked for the same image again while running another
 *       version, or the read-back found the old version. CCS08 code 1.
 *   <li>HARDWARE_MISMATCH: R7.6, see step 2. CCS08 code 2.
 *   <li>TIMED_OUT (notify unanswered, stall), ABORTED (the client's last failure was ABORT),
 *       NO_MATCHING_IMAGE (nothing to offer a notified client), SUPERSEDED (the transfer or notify
 *       was replaced by another), READ_BACK_FAILED. CCS08 code 3.
 * </ul>
 *
 * <h2>Answers to what does not fit (every state, every frame)</h2>
 * <ul>
 *   <li>Frames are decoded here. A header that cannot be read is dropped (nothing to answer to)
 *       and reported as {@link FrameRejected}. A cluster-specific frame that is manufacturer-specific
 *       gets UNSUP_MANUF_CLUSTER_COMMAND (it is not an OTA command, §1); one travelling server→client
 *       or with a command the server does not receive gets UNSUP_CLUSTER_COMMAND; a payload whose
 *       length does not fit its field control gets MALFORMED_COMMAND; a payload of the right length
 *       with a bad value (reserved field-control bits, a status the command may not carry, a
 *       device-specific ImageType outside 0xFFC0..0xFFFE, MaximumDataSize 0, PageSize 0) gets
 *       INVALID_FIELD. Each is a {@link FrameRejected} too.
 *   <li>Default Responses follow the ZCL: error statuses are sent whatever the Disable Default
 *       Response bit says (with the bit set, "the Default Response command will only be returned if
 *       there is an error"), SUCCESS only when it is clear, never to a broadcast, never to a Default
 *       Response. Silence for a unicast request therefore means exactly: a Default Response
 *       received, or a command with no specific response handled successfully with the bit set
 *       (e.g. Upgrade End Request ABORT with DDR set), or an unreadable header.
 *   <li>Image Block / Page Request for an image not in the buffer: status-only NO_IMAGE_AVAILABLE
 *       (what Silicon Labs' client treats as an abort, §3). For an image in the buffer that this
 *       client was not offered, or whose download already ended: status-only ABORT. FileOffset at
 *       or past the end: status-only ABORT, chosen over Default Response MALFORMED_COMMAND because
 *       the command is well-formed, ABORT is the status the spec gives the Image Block Response for
 *       a block it cannot serve, and an error Default Response is what wedged one stack (§9 #14, #20).
 *   <li>Upgrade End Request SUCCESS for an image the client was not downloading: Default Response
 *       ABORT (do not apply it), unless the image was delivered to it in a distribution that has
 *       ended (see "Distributions"); with another status: Default Response SUCCESS. A repeated Upgrade
 *       End Request SUCCESS after the download (a lost response, or a client re-asking while told
 *       to wait) gets the Upgrade End Response again, with the time still to go.
 *   <li>General commands: Read Attributes gets ClusterRevision (0xFFFD) or UNSUPPORTED_ATTRIBUTE
 *       per attribute; Write Attributes gets READ_ONLY / UNSUPPORTED_ATTRIBUTE records; Read
 *       Attributes Response feeds the read-back; others get a Default Response.
 *   <li>A timer firing that does not match an armed timer is ignored; one firing before its
 *       deadline is set again ({@link SetTimer}).
 * </ul>
 *
 * <p>Clients are identified by the frame's source EUI-64; the RequestNodeAddress of block and page
 * requests is not used. Frames received by broadcast are answered like unicast ones, except that no
 * Default Response is sent. Not thread-safe: one simulation, one thread (DESIGN.md §2).
 */
public final class OtaServer implements io.hansim.zigbee.machine.Machine<ServerEvent, ServerAction, ServerTimer> {

    /** Destination of a broadcast {@link SendFrame}: all ones. */
    public static final long BROADCAST = -1L;

    /** CurrentFileVersion, the client attribute read back after an upgrade (zigbee-ota.md §4). */
    public static final int CURRENT_FILE_VERSION = 0x0002;

    /** ClusterRevision, the global attribute the server answers (ZCL 6 and later). */
    public static final int CLUSTER_REVISION = 0xFFFD;

    private static final Kind[] KINDS = Kind.values();
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final OtaServerConfig config;
    private final OtaImageStore store;
    private final Map<Long, Client> clients = new LinkedHashMap<>();
    private final long notifyTimeout;
    private final long stallTimeout;
    private final long endRequestTimeout;
    private final long readBackDelay;
    private final long readBackResponseTimeout;
    private final OfferPolicy offers;
    private final UtcClock utcClock;
    private boolean throttled;
    private long now;
    private int nextTsn;
    private List<ServerAction> out;

    /** One client: its profile and its transfer, if any. */
    private static final class Client {
        final long eui;
        /**
         * Each kind's timer, made when the kind is first armed: a client that never transfers keeps
         * none (issue 8's memory budget per idle device). Made once, so a timer stays the same object.
         */
        private ServerTimer[] timers;
        final long[] deadlines = new long[KINDS.length];
        ClientPolicy profile = ClientPolicy.DEFAULT;
        /**
         * Images whose distribution to this client ended (oldest first): not offered to it again
         * until {@link ServerEvent.Distribute} (R7.8). Made at the first end.
         */
        Set<ImageKey> ended;
        /**
         * The last distribution that ended after its image was delivered: an Upgrade End Request
         * SUCCESS for that image is answered with an Upgrade End Response (R7.4, R7.5).
         */
        DistributionRecord.Distribution delivered;
        TransferState state = TransferState.IDLE;
        /**
         * The image notified, offered or downloaded; null in IDLE, and after the download when the
         * transfer was restored without the image in the buffer ({@link #key} still names it).
         */
        OtaImage image;
        /** The identity and size of the transfer's image; null / 0 only in IDLE. */
        ImageKey key;
        long size;
        long lastActivity;
        int failures;
        ZclStatus lastFailure;
        long bytesServed;
        long highestEnd;
        boolean started;
        boolean outcomeReported;
        int pageTsn;
        long pageNext;
        long pageEnd;
        int pageMaxData;
        long pageSpacing;
        ActivationPolicy activation;
        long activationAt;
        long activationUtc;
        int readBackAttempts;
        /** The read-back TSNs sent (a 256-bit set); made at the first read-back (idle fleet memory). */
        long[] readBackTsns;

        Client(long eui) {
            this.eui = eui;
            Arrays.fill(deadlines, -1);
        }

        ServerTimer timer(int kind) {
            if (timers == null) {
                timers = new ServerTimer[KINDS.length];
            }
            ServerTimer t = timers[kind];
            if (t == null) {
                t = new ServerTimer(eui, KINDS[kind]);
                timers[kind] = t;
            }
            return t;
        }

        void reset() {
            state = TransferState.IDLE;
            image = null;
            key = null;
            size = 0;
            failures = 0;
            lastFailure = null;
            bytesServed = 0;
            highestEnd = 0;
            started = false;
            outcomeReported = false;
            pageTsn = 0;
            pageNext = 0;
            pageEnd = 0;
            pageMaxData = 0;
            pageSpacing = 0;
            activation = null;
            activationAt = 0;
            activationUtc = 0;
            readBackAttempts = 0;
            if (readBackTsns != null) {
                Arrays.fill(readBackTsns, 0);
            }
        }
    }

    /** A server that offers images to every client, with virtual time zero at {@link UtcClock#DEFAULT}. */
    public OtaServer(OtaServerConfig config) {
        this(config, OfferPolicy.OFFER_ALL, UtcClock.DEFAULT);
    }

    /**
     * @param config   the server's settings
     * @param offers   which clients may be offered images at all (the host's policy)
     * @param utcClock what virtual time is in UTCTime: the simulation's one time origin
     */
    public OtaServer(OtaServerConfig config, OfferPolicy offers, UtcClock utcClock) {
        this.config = Objects.requireNonNull(config, "config");
        this.offers = Objects.requireNonNull(offers, "offers");
        this.utcClock = Objects.requireNonNull(utcClock, "utcClock");
        this.store = new OtaImageStore(config.capacity());
        this.notifyTimeout = OtaServerConfig.micros(config.timeouts().notifyTimeout());
        this.stallTimeout = OtaServerConfig.micros(config.timeouts().stallTimeout());
        this.endRequestTimeout = OtaServerConfig.micros(config.timeouts().endRequestTimeout());
        this.readBackDelay = OtaServerConfig.micros(config.readBack().delay());
        this.readBackResponseTimeout = OtaServerConfig.micros(config.readBack().responseTimeout());
    }

    /** The configuration. */
    public OtaServerConfig config() {
        return config;
    }

    /** The image buffer (read-only: it changes through events). */
    public OtaImageStore store() {
        return store;
    }

    /** Whether {@link SetThrottle} has throttling on. */
    public boolean isThrottled() {
        return throttled;
    }

    /** The latest virtual time seen. */
    public long now() {
        return now;
    }

    /** Where the server stands with a client; IDLE for one it never heard of. */
    public TransferState state(long client) {
        Client c = clients.get(client);
        return c == null ? TransferState.IDLE : c.state;
    }

    /** Whether the injected {@link OfferPolicy} refuses the client: it is never offered an image. */
    public boolean isExcluded(long client) {
        return offers.refusal(client).isPresent();
    }

    /**
     * What the server would persist about a client now ({@link ServerAction.PersistDistribution}):
     * for assertions, and for a host that wants a snapshot.
     */
    public DistributionRecord distributionRecord(long client) {
        Client c = clients.get(client);
        return c == null ? DistributionRecord.empty(client) : record(c);
    }

    /** The image of the client's transfer (notified, offered or downloaded), if it has one. */
    public Optional<ImageKey> transferImage(long client) {
        Client c = clients.get(client);
        return c == null || c.key == null ? Optional.empty() : Optional.of(c.key);
    }

    /**
     * Handles one event and returns what to do, in order. The list is new and the caller's. Never
     * throws for any frame bytes; a null event is a programming error.
     */
    /** The server's own final records, checked by exact class (see {@link io.hansim.zigbee.machine.Machine#route}). */
    @Override
    public boolean route(ServerAction a, Common<ServerTimer> out) {
        if (a instanceof ServerAction.SendFrame f) {
            out.transmit(f.destinationEui64(), f.broadcast(), f.clusterId(), f.zclFrame());
        } else if (a instanceof ServerAction.SetTimer t) {
            out.arm(t.timer(), t.at());
        } else if (a instanceof ServerAction.CancelTimer c) {
            out.disarm(c.timer());
        } else {
            return false;
        }
        return true;
    }

    /** The event the one driver hands back when a timer set by {@link ServerAction.SetTimer} is due. */
    @Override
    public ServerEvent timerFired(ServerTimer timer, long now) {
        return new ServerEvent.TimerFired(now, timer);
    }

    @Override
    public List<ServerAction> handle(ServerEvent event) {
        Objects.requireNonNull(event, "event");
        if (event.now() > now) {
            now = event.now();
        }
        List<ServerAction> actions = new ArrayList<>(2);
        out = actions;
        try {
            if (event instanceof FrameReceived e) {
                onFrame(e);
            } else if (event instanceof TimerFired e) {
                onTimer(e);
            } else if (event instanceof NotifyClient e) {
                onNotifyClient(e);
            } else if (event instanceof ActivateNow e) {
                onActivateNow(e);
            } else if (event instanceof SetThrottle e) {
                throttled = e.on();
            } else if (event instanceof RegisterClient e) {
                client(e.client()).profile = e.profile();
            } else if (event instanceof StageImage e) {
                onStageImage(e);
            } else if (event instanceof ImageDataArrived e) {
                Refusal r = store.arrived(e.image(), e.availableBytes());
                if (r != null) {
                    out.add(new CommandRefused(e, r));
                }
            } else if (event instanceof WithdrawImage e) {
                onWithdrawImage(e);
            } else if (event instanceof ServerEvent.Distribute e) {
                onDistribute(e);
            } else if (event instanceof ServerEvent.RestoreClient e) {
                onRestore(e);
            } else {
                throw new AssertionError("unhandled event " + event);
            }
        } finally {
            out = null;
        }
        return actions;
    }

    // =========================================================================== frames

    private void onFrame(FrameReceived e) {
        ByteBuf buf = Unpooled.wrappedBuffer(e.zclFrame().toArray());
        ZclHeader h;
        try {
            h = ZclHeader.decode(new ZclReader(buf));
        } catch (ZclDecodeException x) {
            out.add(new FrameRejected(e.sourceEui64(), -1, Optional.empty(),
                    "ZCL header unreadable, dropped: " + x.getMessage()));
            return;
        }
        Client c = client(e.sourceEui64());
        if (h.frameType() == FrameType.GLOBAL) {
            onGeneralFrame(e, h, buf, c);
        } else {
            onClusterFrame(e, h, buf, c);
        }
    }

    private void onClusterFrame(FrameReceived e, ZclHeader h, ByteBuf payload, Client c) {
        if (h.manufacturerSpecific()) {
            reject(e, h, ZclStatus.UNSUP_MANUF_CLUSTER_COMMAND, String.format(
                    "manufacturer-specific command 0x%02X (manufacturer 0x%04X) is not an OTA Upgrade command",
                    h.commandId(), h.manufacturerCode()));
            return;
        }
        if (h.direction() == Direction.SERVER_TO_CLIENT) {
            reject(e, h, ZclStatus.UNSUP_CLUSTER_COMMAND, String.format(
                    "command 0x%02X travels server→client; the OTA server does not receive it", h.commandId()));
            return;
        }
        OtaCommandType type = OtaCommandType.fromId(h.commandId());
        if (type == null || type.direction() != Direction.CLIENT_TO_SERVER) {
            reject(e, h, ZclStatus.UNSUP_CLUSTER_COMMAND, String.format(
                    "command 0x%02X is not an OTA Upgrade command a server receives", h.commandId()));
            return;
        }
        if (type == OtaCommandType.IMAGE_PAGE_REQUEST && !config.transfer().pageRequestsSupported()) {
            reject(e, h, ZclStatus.UNSUP_CLUSTER_COMMAND,
                    "Image Page Request: this server profile has no page support (zigbee-ota.md §9 #4)");
            return;
        }
        int length = payload.readableBytes();
        int expected = expectedLength(type, payload);
        if (length != expected) {
            reject(e, h, ZclStatus.MALFORMED_COMMAND, type.specName() + ": payload is " + length
                    + " bytes, its field control needs " + expected);
            return;
        }
        OtaCommand command;
        try {
            command = OtaCodec.decodePayload(h.commandId(), h.direction(), payload, h.encodedLength(),
                    OtaCodec.Options.STRICT);
        } catch (ZclDecodeException x) {
            reject(e, h, ZclStatus.INVALID_FIELD, type.specName() + ": " + x.getMessage());
            return;
        }
        switch (type) {
            case QUERY_NEXT_IMAGE_REQUEST -> onQueryNextImage(h, (QueryNextImageRequest) command, c);
            case IMAGE_BLOCK_REQUEST -> onImageBlockRequest(e, h, (ImageBlockRequest) command, c);
            case IMAGE_PAGE_REQUEST -> onImagePageRequest(e, h, (ImagePageRequest) command, c);
            case UPGRADE_END_REQUEST -> onUpgradeEndRequest(e, h, (UpgradeEndRequest) command, c);
            case QUERY_DEVICE_SPECIFIC_FILE_REQUEST ->
                    onQueryDeviceSpecificFile(e, h, (QueryDeviceSpecificFileRequest) command, c);
            default -> throw new AssertionError(type);
        }
    }

    /**
     * The payload length a client→server command must have for the field-control byte it starts
     * with (zigbee-ota.md §2). A different length is MALFORMED_COMMAND; reserved bits are left to
     * the decoder (INVALID_FIELD).
     */
    private static int expectedLength(OtaCommandType type, ByteBuf payload) {
        int fc = payload.isReadable() ? payload.getUnsignedByte(payload.readerIndex()) : 0;
        return switch (type) {
            case QUERY_NEXT_IMAGE_REQUEST -> (fc & QueryNextImageRequest.FIELD_CONTROL_HARDWARE_VERSION) != 0 ? 11 : 9;
            case IMAGE_BLOCK_REQUEST -> 14
                    + ((fc & ImageBlockRequest.FIELD_CONTROL_REQUEST_NODE_ADDRESS) != 0 ? 8 : 0)
                    + ((fc & ImageBlockRequest.FIELD_CONTROL_MINIMUM_BLOCK_PERIOD) != 0 ? 2 : 0);
            case IMAGE_PAGE_REQUEST -> 18 + ((fc & ImagePageRequest.FIELD_CONTROL_REQUEST_NODE_ADDRESS) != 0 ? 8 : 0);
            case UPGRADE_END_REQUEST -> 9;
            case QUERY_DEVICE_SPECIFIC_FILE_REQUEST -> 18;
            default -> throw new AssertionError(type);
        };
    }

    // ---------------------------------------------------------------- Query Next Image

    /** What the offer rules found for a query. */
    private record Choice(OtaImage offer, OtaImage hardwareMismatch, String mismatchReason) {
    }

    private void onQueryNextImage(ZclHeader h, QueryNextImageRequest q, Client c) {
        if (excluded(c)) {
            send(c, h.transactionSequenceNumber(), QueryNextImageResponse.NO_IMAGE_AVAILABLE);
            return;
        }
        Choice choice = choose(c, q.manufacturerCode(), q.imageType(), q.currentFileVersion(), q.hardwareVersion(),
                c.eui, true);
        if (askedAgainAfterDownload(c, choice, q.currentFileVersion())) {
            choice = choose(c, q.manufacturerCode(), q.imageType(), q.currentFileVersion(), q.hardwareVersion(),
                    c.eui, true);
        }
        if (choice.offer() != null) {
            OtaImage img = choice.offer();
            ImageKey k = img.key();
            offer(c, img, q.currentFileVersion(), QueryNextImageResponse.success(k.manufacturerCode(), k.imageType(),
                    k.fileVersion(), img.size()), h.transactionSequenceNumber());
            return;
        }
        boolean noneStaged = choice.hardwareMismatch() == null;
        send(c, h.transactionSequenceNumber(), noneStaged && config.offers().notAuthorizedWhenNoneStaged()
                ? QueryNextImageResponse.failure(ZclStatus.NOT_AUTHORIZED) // G.11 (optional)
                : QueryNextImageResponse.NO_IMAGE_AVAILABLE);
        noOffer(c, choice, String.format("Query Next Image (ManufacturerCode 0x%04X, ImageType 0x%04X, "
                + "CurrentFileVersion 0x%08X)", q.manufacturerCode(), q.imageType(), q.currentFileVersion()));
    }

    private void onQueryDeviceSpecificFile(FrameReceived e, ZclHeader h, QueryDeviceSpecificFileRequest q, Client c) {
        if (!q.isImageTypeValid()) {
            reject(e, h, ZclStatus.INVALID_FIELD, String.format(
                    "Query Device Specific File Request: ImageType 0x%04X is not a device-specific type "
                            + "(0xFFC0..0xFFFE)", q.imageType()));
            return;
        }
        if (excluded(c)) {
            send(c, h.transactionSequenceNumber(), QueryDeviceSpecificFileResponse.NO_IMAGE_AVAILABLE);
            return;
        }
        Choice choice = choose(c, q.manufacturerCode(), q.imageType(), q.fileVersion(), OptionalInt.empty(),
                q.requestNodeAddress(), false);
        if (askedAgainAfterDownload(c, choice, q.fileVersion())) {
            choice = choose(c, q.manufacturerCode(), q.imageType(), q.fileVersion(), OptionalInt.empty(),
                    q.requestNodeAddress(), false);
        }
        if (choice.offer() != null) {
            OtaImage img = choice.offer();
            ImageKey k = img.key();
            offer(c, img, q.fileVersion(), QueryDeviceSpecificFileResponse.success(k.manufacturerCode(),
                    k.imageType(), k.fileVersion(), img.size()), h.transactionSequenceNumber());
            return;
        }
        send(c, h.transactionSequenceNumber(), QueryDeviceSpecificFileResponse.NO_IMAGE_AVAILABLE);
        noOffer(c, choice, String.format("Query Device Specific File (ManufacturerCode 0x%04X, ImageType 0x%04X, "
                + "FileVersion 0x%08X)", q.manufacturerCode(), q.imageType(), q.fileVersion()));
    }

    /**
     * A client that ended the download of its image with Upgrade End Request SUCCESS asks for the
     * same image again while running another version: it no longer holds it (the image did not
     * boot, or it discarded it). Its CurrentFileVersion is the read-back's answer (R7.10, learned
     * without a Read Attributes), and the distribution ends here: offering the image again would
     * start a second transfer and a second CCS08 for one distribution (R7.8, R7.14). Returns
     * whether the distribution ended, so that the query is looked at again without that image.
     */
    private boolean askedAgainAfterDownload(Client c, Choice choice, long clientVersion) {
        if (choice.offer() == null || !c.state.isAfterDownload() || !choice.offer().key().equals(c.key)) {
            return false;
        }
        ImageKey k = c.key;
        if (c.state == TransferState.WAITING_TO_UPGRADE || c.state == TransferState.READING_BACK) {
            out.add(new ReadBackResult(c.eui, k, ReadBackStatus.VERSION_DIFFERS, OptionalLong.of(clientVersion),
                    Optional.empty(), 0));
        }
        finish(c, TransferResult.VERSION_UNCHANGED, String.format("after Upgrade End Request SUCCESS the client still runs "
                + "0x%08X and asked for %s again: it does not hold the image", clientVersion, k));
        return true;
    }

    /** The offer rules of the class comment, step 2. */
    private Choice choose(Client c, int manufacturerCode, int imageType, long currentVersion, OptionalInt hardware,
            long destination, boolean checkHardware) {
        OtaImage preferred = null;
        OtaImage newest = null;
        OtaImage mismatch = null;
        for (OtaImageStore.Entry en : store.entries()) {
            OtaImage img = en.image;
            ImageKey k = img.key();
            if (!identityMatches(k.manufacturerCode(), manufacturerCode) || !identityMatches(k.imageType(), imageType)
                    || !versionOffered(k.fileVersion(), currentVersion)) {
                continue;
            }
            if (c.ended != null && c.ended.contains(k)) {
                continue; // its distribution to this client ended: only a new one offers it again (R7.8)
            }
            OptionalLong dest = img.destination();
            if (dest.isPresent() && dest.getAsLong() != destination) {
                continue;
            }
            if (checkHardware && !hardwareAccepted(img, hardware)) {
                if (mismatch == null || k.fileVersion() > mismatch.key().fileVersion()) {
                    mismatch = img;
                }
                continue;
            }
            if (c.image == img && (c.state.isDownload() || c.state == TransferState.NOTIFIED)) {
                preferred = img;
            }
            if (newest == null || k.fileVersion() > newest.key().fileVersion()) {
                newest = img;
            }
        }
        OtaImage offer = preferred != null ? preferred : newest;
        if (offer != null || mismatch == null) {
            return new Choice(offer, null, null);
        }
        String reason = hardware.isPresent()
                ? String.format("HardwareVersion 0x%04X is outside the image's range 0x%04X..0x%04X (R7.6)",
                        hardware.getAsInt(), mismatch.minimumHardwareVersion().getAsInt(),
                        mismatch.maximumHardwareVersion().getAsInt())
                : String.format("the query carries no HardwareVersion, the image requires 0x%04X..0x%04X and the "
                        + "policy is REFUSE (R7.6)", mismatch.minimumHardwareVersion().getAsInt(),
                        mismatch.maximumHardwareVersion().getAsInt());
        return new Choice(null, mismatch, reason);
    }

    private boolean identityMatches(int inImage, int asked) {
        return inImage == asked || (inImage == 0xFFFF && config.offers().wildcardImagesMatchAll());
    }

    private boolean versionOffered(long imageVersion, long clientVersion) {
        return switch (config.offers().downgrade()) {
            case NEWER_ONLY -> imageVersion > clientVersion;
            case ALLOW_DOWNGRADE -> imageVersion != clientVersion;
        };
    }

    private boolean hardwareAccepted(OtaImage img, OptionalInt hardware) {
        if (img.minimumHardwareVersion().isEmpty()) {
            return true;
        }
        if (hardware.isPresent()) {
            return img.acceptsHardwareVersion(hardware.getAsInt());
        }
        return config.offers().missingHardwareVersion() == OtaServerConfig.MissingHardwareVersionPolicy.SERVE;
    }

    /**
     * Sends an offer: resumes the client's download of the same image (§9 #11), takes a notified
     * client on to the download, or ends whatever else the client had and opens a new transfer in
     * IMAGE_OFFERED.
     */
    private void offer(Client c, OtaImage img, long clientVersion, OtaCommand response, int tsn) {
        boolean opens = true;
        switch (c.state) {
            case IDLE -> {
            }
            case NOTIFIED -> {
                if (c.image == img) {
                    disarm(c, Kind.NOTIFY_TIMEOUT);
                    opens = false; // the notified distribution goes on
                } else {
                    supersede(c, img, clientVersion);
                }
            }
            case IMAGE_OFFERED, DOWNLOADING, SENDING_PAGE, AWAITING_RESTART -> {
                if (c.image == img) {
                    // A repeated query in the middle of a download (§9 #11): answer it again and let
                    // the client resume or restart; a page in flight is dropped, the client has moved on.
                    disarm(c, Kind.PAGE_BLOCK);
                    c.state = c.started && c.state != TransferState.AWAITING_RESTART ? TransferState.DOWNLOADING
                            : TransferState.IMAGE_OFFERED;
                    c.lastActivity = now;
                    send(c, tsn, response);
                    return;
                }
                supersede(c, img, clientVersion);
            }
            case WAITING_FOR_MORE, WAITING_TO_UPGRADE, WAITING_FOR_UPGRADE_COMMAND, READING_BACK ->
                    supersede(c, img, clientVersion);
        }
        c.state = TransferState.IMAGE_OFFERED;
        c.image = img;
        c.key = img.key();
        c.size = img.size();
        c.lastActivity = now;
        send(c, tsn, response);
        arm(c, Kind.TRANSFER_STALL, now + stallLimit(c));
        progress(c, Milestone.IMAGE_OFFERED);
        if (opens) {
            persist(c);
        }
    }

    /** Ends what the client had before a new transfer starts (the class comment's outcome list). */
    private void supersede(Client c, OtaImage next, long clientVersion) {
        TransferState s = c.state;
        ImageKey old = c.key;
        if (s == TransferState.WAITING_FOR_MORE) {
            // One part of a multi-part image is done; the next part's transfer carries the outcome.
            c.outcomeReported = true;
            finish(c, TransferResult.UPGRADED, "");
        } else if (s.isAfterDownload()) {
            // The query carries the version the client runs: that is the read-back's answer (R7.10),
            // learned without a Read Attributes (attempts 0). Without this, a client that re-queries
            // straight after a failed boot would start a new transfer and the CH would never report
            // that the activation did not take.
            if (c.state == TransferState.WAITING_TO_UPGRADE || c.state == TransferState.READING_BACK) {
                out.add(new ReadBackResult(c.eui, old, clientVersion == old.fileVersion()
                        ? ReadBackStatus.VERSION_MATCHES : ReadBackStatus.VERSION_DIFFERS,
                        OptionalLong.of(clientVersion), Optional.empty(), 0));
            }
            if (clientVersion == old.fileVersion()) {
                finish(c, TransferResult.UPGRADED, String.format("the client reports CurrentFileVersion 0x%08X in a new "
                        + "query, before the read-back", clientVersion));
            } else {
                finish(c, TransferResult.VERSION_UNCHANGED, String.format("after Upgrade End Request SUCCESS the client "
                        + "still runs 0x%08X and queried again; offered %s", clientVersion, next.key()));
            }
        } else {
            finish(c, TransferResult.SUPERSEDED, "replaced by a transfer of " + next.key() + " from " + s);
        }
    }

    private void noOffer(Client c, Choice choice, String query) {
        OtaImage mismatch = choice.hardwareMismatch();
        if (mismatch != null) {
            // Reported once per distribution: the image is then barred for this client (choose skips it).
            String reason = choice.mismatchReason() + "; NO_IMAGE_AVAILABLE sent, " + mismatch.size()
                    + " bytes not sent";
            if (c.state != TransferState.IDLE && mismatch.key().equals(c.key)) {
                // The client's own transfer: its hardware does not fit after all, and the
                // distribution ends here with that one outcome (reported unless it already was).
                finish(c, TransferResult.HARDWARE_MISMATCH, reason);
            } else {
                out.add(new TransferOutcome(c.eui, TransferResult.HARDWARE_MISMATCH, mismatch.key(), mismatch.size(),
                        0, reason));
                bar(c, mismatch.key());
                persist(c);
            }
        }
        if (c.state == TransferState.NOTIFIED) {
            finish(c, TransferResult.NO_MATCHING_IMAGE, "notified, but the client's " + query
                    + " fits no staged image");
        }
    }

    // ---------------------------------------------------------------- Image Block / Page Request

    private void onImageBlockRequest(FrameReceived e, ZclHeader h, ImageBlockRequest r, Client c) {
        int tsn = h.transactionSequenceNumber();
        OtaImageStore.Entry en = store.entry(new ImageKey(r.manufacturerCode(), r.imageType(), r.fileVersion()));
        if (en == null) {
            send(c, tsn, new ImageBlockResponse.StatusOnly(ZclStatus.NO_IMAGE_AVAILABLE));
            return;
        }
        if (!serves(c, en.image)) {
            send(c, tsn, ImageBlockResponse.StatusOnly.ABORT);
            return;
        }
        c.lastActivity = now;
        if (r.maximumDataSize() == 0) {
            reject(e, h, ZclStatus.INVALID_FIELD, "Image Block Request: MaximumDataSize 0");
            return;
        }
        long offset = r.fileOffset();
        if (offset >= en.image.size()) {
            send(c, tsn, ImageBlockResponse.StatusOnly.ABORT);
            return;
        }
        if (throttled || busy(c) || offset >= en.available) {
            waitForData(c, tsn);
            return;
        }
        int n = (int) Math.min(Math.min(r.maximumDataSize(), blockCap(c)), en.available - offset);
        if (c.state != TransferState.SENDING_PAGE) {
            c.state = TransferState.DOWNLOADING;
        }
        sendBlock(c, tsn, en.image, offset, n);
    }

    private void onImagePageRequest(FrameReceived e, ZclHeader h, ImagePageRequest r, Client c) {
        int tsn = h.transactionSequenceNumber();
        OtaImageStore.Entry en = store.entry(new ImageKey(r.manufacturerCode(), r.imageType(), r.fileVersion()));
        if (en == null) {
            send(c, tsn, new ImageBlockResponse.StatusOnly(ZclStatus.NO_IMAGE_AVAILABLE));
            return;
        }
        if (!serves(c, en.image)) {
            send(c, tsn, ImageBlockResponse.StatusOnly.ABORT);
            return;
        }
        c.lastActivity = now;
        if (r.maximumDataSize() == 0 || r.pageSize() == 0) {
            reject(e, h, ZclStatus.INVALID_FIELD, "Image Page Request: "
                    + (r.maximumDataSize() == 0 ? "MaximumDataSize 0" : "PageSize 0"));
            return;
        }
        long offset = r.fileOffset();
        if (offset >= en.image.size()) {
            send(c, tsn, ImageBlockResponse.StatusOnly.ABORT);
            return;
        }
        if (throttled || busy(c) || offset >= en.available) {
            waitForData(c, tsn);
            return;
        }
        // Replaces a page in flight: the client has moved on to this one.
        c.state = TransferState.SENDING_PAGE;
        c.pageTsn = tsn;
        c.pageNext = offset;
        c.pageEnd = Math.min(offset + r.pageSize(), en.image.size());
        c.pageMaxData = Math.min(r.maximumDataSize(), blockCap(c));
        c.pageSpacing = r.responseSpacing() * 1000L;
        sendPageBlock(c, en);
    }

    /** One block of the page in flight, then the next PAGE_BLOCK timer or the end of the page. */
    private void sendPageBlock(Client c, OtaImageStore.Entry en) {
        long limit = Math.min(c.pageEnd, en.available);
        int n = (int) Math.min(c.pageMaxData, limit - c.pageNext);
        sendBlock(c, c.pageTsn, en.image, c.pageNext, n);
        c.pageNext += n;
        if (c.pageNext < limit) {
            arm(c, Kind.PAGE_BLOCK, now + c.pageSpacing);
        } else {
            // Exactly PageSize bytes (or up to the end of the image or of the bytes arrived): §9 #22.
            c.state = TransferState.DOWNLOADING;
            disarm(c, Kind.PAGE_BLOCK);
        }
    }

    private void sendBlock(Client c, int tsn, OtaImage img, long offset, int n) {
        ImageKey k = img.key();
        send(c, tsn, new ImageBlockResponse.Success(k.manufacturerCode(), k.imageType(), k.fileVersion(), offset,
                img.slice(offset, n)));
        c.bytesServed += n;
        boolean wasServedInFull = c.highestEnd >= c.size;
        c.highestEnd = Math.max(c.highestEnd, offset + n);
        if (!c.started) {
            c.started = true;
            progress(c, Milestone.DOWNLOAD_STARTED);
        }
        if (!wasServedInFull && c.highestEnd >= c.size) {
            persist(c); // the client may now hold the whole image (R7.4, R7.5): once per transfer
        }
    }

    /** Whether the client may download {@code img} now: offered to it and its download still open. */
    private boolean serves(Client c, OtaImage img) {
        return switch (c.state) {
            case IMAGE_OFFERED, DOWNLOADING, SENDING_PAGE, AWAITING_RESTART -> c.image == img && !excluded(c);
            // Never offered, or the download already ended: the client must query first.
            case IDLE, NOTIFIED, WAITING_FOR_MORE, WAITING_TO_UPGRADE, WAITING_FOR_UPGRADE_COMMAND, READING_BACK ->
                    false;
        };
    }

    private int blockCap(Client c) {
        OptionalInt own = c.profile.blockSizeCap();
        return own.isPresent() ? Math.min(own.getAsInt(), config.transfer().blockSizeCap()) : config.transfer().blockSizeCap();
    }

    /** Whether {@link OtaServerConfig.Transfer#maxConcurrentTransfers()} other clients are downloading. */
    private boolean busy(Client c) {
        int max = config.transfer().maxConcurrentTransfers();
        if (max == 0 || c.state == TransferState.DOWNLOADING || c.state == TransferState.SENDING_PAGE) {
            return false;
        }
        int active = 0;
        for (Client o : clients.values()) {
            if (o.state == TransferState.DOWNLOADING || o.state == TransferState.SENDING_PAGE) {
                active++;
            }
        }
        return active >= max;
    }

    private void waitForData(Client c, int tsn) {
        long delay = config.waitForData().delay().getSeconds();
        long current = 0;
        long request = delay;
        if (config.waitForData().timeForm() == OtaServerConfig.TimeForm.UTC) {
            current = utcNow();
            request = Math.min(current + delay, ZclUtcTime.MAX_VALID);
        }
        send(c, tsn, config.waitForData().form() == OtaServerConfig.WaitForDataForm.WITH_MINIMUM_BLOCK_PERIOD
                ? ImageBlockResponse.WaitForData.of(current, request, config.waitForData().minimumBlockPeriod())
                : ImageBlockResponse.WaitForData.withoutMinimumBlockPeriod(current, request));
    }

    // ---------------------------------------------------------------- Upgrade End Request

    private void onUpgradeEndRequest(FrameReceived e, ZclHeader h, UpgradeEndRequest u, Client c) {
        ImageKey key = new ImageKey(u.manufacturerCode(), u.imageType(), u.fileVersion());
        boolean same = key.equals(c.key);
        switch (c.state) {
            case IMAGE_OFFERED, DOWNLOADING, SENDING_PAGE, AWAITING_RESTART, WAITING_FOR_MORE -> {
                if (same) {
                    downloadEnded(e, h, u, c);
                } else {
                    endWithoutDownload(e, h, u, c);
                }
            }
            case WAITING_TO_UPGRADE, WAITING_FOR_UPGRADE_COMMAND, READING_BACK -> {
                if (same) {
                    endRepeated(e, h, u, c);
                } else {
                    endWithoutDownload(e, h, u, c);
                }
            }
            case IDLE, NOTIFIED -> {
                if (u.status() == ZclStatus.SUCCESS && holdsDelivered(c, key)) {
                    endAfterDelivery(h, c);
                } else {
                    endWithoutDownload(e, h, u, c);
                }
            }
        }
    }

    /**
     * Whether an Upgrade End Request SUCCESS for {@code key} comes from a client to which this image
     * was delivered in a distribution that has ended (every byte served, or its Upgrade End Request
     * SUCCESS already answered), and which has no other transfer open. Such a client holds the
     * verified image in its flash and lost the answer, usually to a power cut between the download
     * and the activation (R7.4, R7.5, R7.8); a new distribution of the same image, just notified,
     * counts too.
     */
    private static boolean holdsDelivered(Client c, ImageKey key) {
        DistributionRecord.Distribution d = c.delivered;
        return d != null && d.image().equals(key)
                && (c.state == TransferState.IDLE || (c.state == TransferState.NOTIFIED && key.equals(c.key)));
    }

    /**
     * The answer to an Upgrade End Request SUCCESS for an image already delivered (zigbee-ota.md
     * §5.2: an Upgrade End Response for the matching image, with the upgrade time). The activation
     * time is the one given before, or now if it has passed; a client that was never answered gets
     * the activation policy's times. The transfer is open again after the download, so that the
     * read-back reports what the client then runs (R7.10); its CCS08 was reported when the
     * distribution ended, so no second one follows. A new distribution of the image (the client
     * notified again) reports its own CCS08 SUCCESS here, as a download would.
     */
    private void endAfterDelivery(ZclHeader h, Client c) {
        DistributionRecord.Distribution d = c.delivered;
        boolean newDistribution = c.state == TransferState.NOTIFIED;
        int tsn = h.transactionSequenceNumber();
        if (newDistribution) {
            disarm(c, Kind.NOTIFY_TIMEOUT);
        } else {
            OtaImageStore.Entry en = store.entry(d.image());
            c.image = en == null ? null : en.image;
            c.key = d.image();
            c.size = d.imageSize();
            c.outcomeReported = true;
            c.highestEnd = d.servedInFull() ? d.imageSize() : 0;
        }
        c.lastActivity = now;
        ActivationPolicy policy;
        if (!newDistribution && d.downloaded()) {
            policy = d.activation().orElseThrow();
            c.activationUtc = d.activationUtc();
            if (policy instanceof ActivationPolicy.WaitForCommand && d.activationAt() < 0) {
                c.activationAt = -1;
                sendUpgradeEndResponse(c, tsn, 0, OtaCluster.UPGRADE_TIME_WAIT_FOR_UPGRADE_COMMAND);
            } else if (policy instanceof ActivationPolicy.AtUtcTime) {
                long current = utcNow();
                long upgrade = Math.max(d.activationUtc(), current);
                c.activationAt = now + (upgrade - current) * MICROS_PER_SECOND;
                sendUpgradeEndResponse(c, tsn, current, upgrade);
            } else {
                c.activationAt = Math.max(d.activationAt(), now);
                long left = c.activationAt - now;
                sendUpgradeEndResponse(c, tsn, 0, (left + MICROS_PER_SECOND - 1) / MICROS_PER_SECOND);
            }
        } else {
            policy = c.profile.activation().orElse(config.activation());
            scheduleUpgrade(c, policy, tsn);
        }
        c.activation = policy;
        progress(c, Milestone.UPGRADE_SCHEDULED);
        if (config.readBack().outcomeTiming() == OutcomeTiming.AT_TRANSFER_END || !config.readBack().enabled()) {
            outcome(c, TransferResult.UPGRADED, "Upgrade End Request SUCCESS for an image the client already held "
                    + "from an earlier distribution");
        }
        if (policy instanceof ActivationPolicy.WaitForCommand && c.activationAt < 0) {
            c.state = TransferState.WAITING_FOR_UPGRADE_COMMAND;
        } else {
            activationScheduled(c);
        }
        if (c.state != TransferState.IDLE) {
            persist(c);
        }
    }

    /** Upgrade End Request for the download in progress. */
    private void downloadEnded(FrameReceived e, ZclHeader h, UpgradeEndRequest u, Client c) {
        c.lastActivity = now;
        disarm(c, Kind.PAGE_BLOCK);
        switch (u.status()) {
            case SUCCESS -> {
                disarm(c, Kind.TRANSFER_STALL);
                ActivationPolicy policy = c.profile.activation().orElse(config.activation());
                c.activation = policy;
                scheduleUpgrade(c, policy, h.transactionSequenceNumber());
                progress(c, Milestone.UPGRADE_SCHEDULED);
                if (config.readBack().outcomeTiming() == OutcomeTiming.AT_TRANSFER_END || !config.readBack().enabled()) {
                    outcome(c, TransferResult.UPGRADED, "Upgrade End Request SUCCESS after " + c.bytesServed + " of "
                            + c.size + " bytes served");
                }
                if (policy instanceof ActivationPolicy.WaitForCommand) {
                    c.state = TransferState.WAITING_FOR_UPGRADE_COMMAND;
                } else {
                    activationScheduled(c);
                }
                if (c.state != TransferState.IDLE) {
                    persist(c); // downloaded: after a restart the read-back still comes (R7.10)
                }
            }
            case ABORT, INVALID_IMAGE -> {
                defaultResponse(e, h, ZclStatus.SUCCESS);
                c.failures++;
                c.lastFailure = u.status();
                progress(c, u.status() == ZclStatus.ABORT ? Milestone.CLIENT_ABORTED
                        : Milestone.CLIENT_REPORTED_INVALID_IMAGE);
                if (c.failures >= config.timeouts().maxFailures()) {
                    finish(c, failureResult(c, TransferResult.ABORTED), "Upgrade End Request " + u.status().name() + ", failure " + c.failures
                            + " of " + config.timeouts().maxFailures() + " allowed");
                } else {
                    c.state = TransferState.AWAITING_RESTART;
                    ensureArmed(c, Kind.TRANSFER_STALL, now + stallLimit(c));
                }
            }
            case REQUIRE_MORE_IMAGE -> {
                defaultResponse(e, h, ZclStatus.SUCCESS);
                progress(c, Milestone.PART_COMPLETE);
                c.state = TransferState.WAITING_FOR_MORE;
                ensureArmed(c, Kind.TRANSFER_STALL, now + stallLimit(c));
            }
            default -> throw new AssertionError(u.status());
        }
    }

    /** After the Upgrade End Response with a time: read back later, or end here without read-back. */
    private void activationScheduled(Client c) {
        if (config.readBack().enabled()) {
            c.state = TransferState.WAITING_TO_UPGRADE;
            arm(c, Kind.READ_BACK, c.activationAt + readBackDelay);
        } else {
            finish(c, TransferResult.UPGRADED, "");
        }
    }

    /** The Upgrade End Response of the activation policy (zigbee-ota.md §5.2); sets the activation time. */
    private void scheduleUpgrade(Client c, ActivationPolicy policy, int tsn) {
        long current = 0;
        long upgrade;
        if (policy instanceof ActivationPolicy.Now) {
            upgrade = 0;
            c.activationAt = now;
        } else if (policy instanceof ActivationPolicy.AfterDelay d) {
            upgrade = d.seconds();
            c.activationAt = now + d.seconds() * MICROS_PER_SECOND;
        } else if (policy instanceof ActivationPolicy.AtUtcTime t) {
            current = utcNow();
            upgrade = Math.max(t.utcTime(), current);
            c.activationUtc = upgrade;
            c.activationAt = now + (upgrade - current) * MICROS_PER_SECOND;
        } else {
            upgrade = OtaCluster.UPGRADE_TIME_WAIT_FOR_UPGRADE_COMMAND;
            c.activationAt = -1;
        }
        sendUpgradeEndResponse(c, tsn, current, upgrade);
    }

    private void sendUpgradeEndResponse(Client c, int tsn, long currentTime, long upgradeTime) {
        ImageKey k = c.key;
        send(c, tsn, new UpgradeEndResponse(k.manufacturerCode(), k.imageType(), k.fileVersion(), currentTime,
                upgradeTime));
    }

    /** Upgrade End Request for a download that already ended with SUCCESS. */
    private void endRepeated(FrameReceived e, ZclHeader h, UpgradeEndRequest u, Client c) {
        if (u.status() != ZclStatus.SUCCESS) {
            // The client changed its mind (it could not apply the image): no Upgrade End Response
            // (§9 #21); the read-back, if any, will show what it runs.
            defaultResponse(e, h, ZclStatus.SUCCESS);
            progress(c, u.status() == ZclStatus.ABORT ? Milestone.CLIENT_ABORTED
                    : u.status() == ZclStatus.INVALID_IMAGE ? Milestone.CLIENT_REPORTED_INVALID_IMAGE
                    : Milestone.PART_COMPLETE);
            return;
        }
        int tsn = h.transactionSequenceNumber();
        switch (c.state) {
            case WAITING_FOR_UPGRADE_COMMAND ->
                    sendUpgradeEndResponse(c, tsn, 0, OtaCluster.UPGRADE_TIME_WAIT_FOR_UPGRADE_COMMAND);
            case WAITING_TO_UPGRADE -> {
                if (c.activation instanceof ActivationPolicy.AtUtcTime) {
                    long current = utcNow();
                    sendUpgradeEndResponse(c, tsn, current, Math.max(c.activationUtc, current));
                } else {
                    long left = Math.max(0, c.activationAt - now);
                    sendUpgradeEndResponse(c, tsn, 0, (left + MICROS_PER_SECOND - 1) / MICROS_PER_SECOND);
                }
            }
            default -> sendUpgradeEndResponse(c, tsn, 0, 0);
        }
    }

    /** Upgrade End Request about an image the client was not downloading. */
    private void endWithoutDownload(FrameReceived e, ZclHeader h, UpgradeEndRequest u, Client c) {
        if (u.status() == ZclStatus.SUCCESS) {
            String reason = String.format("Upgrade End Request SUCCESS for %s, which client %016X was not "
                    + "downloading (%s): do not apply it", new ImageKey(u.manufacturerCode(), u.imageType(),
                    u.fileVersion()), c.eui, c.state);
            reject(e, h, ZclStatus.ABORT, reason);
        } else {
            defaultResponse(e, h, ZclStatus.SUCCESS);
        }
    }

    /** INVALID_IMAGE when the client's last Upgrade End Request said so, else {@code otherwise}. */
    private static TransferResult failureResult(Client c, TransferResult otherwise) {
        return c.lastFailure == ZclStatus.INVALID_IMAGE ? TransferResult.INVALID_IMAGE : otherwise;
    }

    // ---------------------------------------------------------------- general commands, read-back

    private void onGeneralFrame(FrameReceived e, ZclHeader h, ByteBuf payload, Client c) {
        int id = h.commandId();
        if (id == DefaultResponse.COMMAND_ID) {
            // Never answered (ZCL): report it, and let it end a read-back it refuses.
            GeneralCommand d;
            try {
                d = GeneralCommandCodec.decodePayload(id, payload, h.encodedLength());
            } catch (ZclDecodeException x) {
                out.add(new FrameRejected(c.eui, id, Optional.empty(), "malformed Default Response, dropped: "
                        + x.getMessage()));
                return;
            }
            DefaultResponse dr = (DefaultResponse) d;
            out.add(new DefaultResponseReceived(c.eui, dr.receivedCommandId(), dr.status()));
            if (c.state == TransferState.READING_BACK && !h.manufacturerSpecific()
                    && dr.receivedCommandId() == ReadAttributes.COMMAND_ID && dr.status() != ZclStatus.SUCCESS
                    && readBackTsn(c, h.transactionSequenceNumber())) {
                readBackDone(c, ReadBackStatus.READ_FAILED, OptionalLong.empty(), Optional.of(dr.status()));
            }
            return;
        }
        if (!GeneralCommandCodec.isSupported(id)) {
            reject(e, h, h.manufacturerSpecific() ? ZclStatus.UNSUP_MANUF_GENERAL_COMMAND
                    : ZclStatus.UNSUP_GENERAL_COMMAND, String.format("general command 0x%02X is not supported", id));
            return;
        }
        GeneralCommand command;
        try {
            command = GeneralCommandCodec.decodePayload(id, payload, h.encodedLength());
        } catch (ZclDecodeException x) {
            reject(e, h, ZclStatus.MALFORMED_COMMAND, x.getMessage());
            return;
        }
        boolean ours = !h.manufacturerSpecific() && h.direction() == Direction.CLIENT_TO_SERVER;
        if (command instanceof ReadAttributes ra) {
            List<ReadAttributesResponse.StatusRecord> records = new ArrayList<>(ra.attributeIds().size());
            for (int attribute : ra.attributeIds()) {
                records.add(ours && attribute == CLUSTER_REVISION
                        ? ReadAttributesResponse.StatusRecord.success(attribute, ZclValue.uint16(config.identity().clusterRevision()))
                        : ReadAttributesResponse.StatusRecord.failure(attribute, ZclStatus.UNSUPPORTED_ATTRIBUTE));
            }
            sendGeneral(c, answerHeader(h, ReadAttributesResponse.COMMAND_ID), new ReadAttributesResponse(records));
        } else if (command instanceof WriteAttributes wa) {
            List<WriteAttributesResponse.StatusRecord> failures = new ArrayList<>(wa.records().size());
            for (var r : wa.records()) {
                failures.add(new WriteAttributesResponse.StatusRecord(ours && r.attributeId() == CLUSTER_REVISION
                        ? ZclStatus.READ_ONLY : ZclStatus.UNSUPPORTED_ATTRIBUTE, r.attributeId()));
            }
            sendGeneral(c, answerHeader(h, WriteAttributesResponse.COMMAND_ID), failures.isEmpty()
                    ? WriteAttributesResponse.success() : new WriteAttributesResponse(failures));
        } else if (command instanceof ReadAttributesResponse rar && c.state == TransferState.READING_BACK
                && !h.manufacturerSpecific() && readBackTsn(c, h.transactionSequenceNumber())) {
            onReadBackAnswer(c, rar);
        } else {
            // Read Attributes Response not awaited, Write Attributes Response, Report Attributes:
            // nothing to do, so a Default Response SUCCESS if the sender wants one.
            defaultResponse(e, h, ZclStatus.SUCCESS);
        }
    }

    private void onReadBackAnswer(Client c, ReadAttributesResponse r) {
        ReadAttributesResponse.StatusRecord record = null;
        for (ReadAttributesResponse.StatusRecord s : r.records()) {
            if (s.attributeId() == CURRENT_FILE_VERSION) {
                record = s;
                break;
            }
        }
        if (record == null) {
            readBackDone(c, ReadBackStatus.READ_FAILED, OptionalLong.empty(), Optional.empty());
        } else if (record.isSuccess()) {
            if (record.value() instanceof ZclValue.UnsignedInt u && u.type() == ZclDataType.UINT32) {
                readBackDone(c, u.value() == c.key.fileVersion() ? ReadBackStatus.VERSION_MATCHES
                        : ReadBackStatus.VERSION_DIFFERS, OptionalLong.of(u.value()), Optional.empty());
            } else {
                readBackDone(c, ReadBackStatus.READ_FAILED, OptionalLong.empty(), Optional.empty());
            }
        } else if (record.status() == ZclStatus.UNSUPPORTED_ATTRIBUTE) {
            readBackDone(c, ReadBackStatus.UNSUPPORTED_ATTRIBUTE, OptionalLong.empty(), Optional.of(record.status()));
        } else {
            readBackDone(c, ReadBackStatus.READ_FAILED, OptionalLong.empty(), Optional.of(record.status()));
        }
    }

    private void sendReadBack(Client c) {
        int tsn = nextTsn();
        if (c.readBackTsns == null) {
            c.readBackTsns = new long[4];
        }
        c.readBackTsns[tsn >>> 6] |= 1L << (tsn & 63);
        c.readBackAttempts++;
        c.state = TransferState.READING_BACK;
        sendGeneral(c, ZclHeader.of(FrameType.GLOBAL, Direction.SERVER_TO_CLIENT, false, tsn, ReadAttributes.COMMAND_ID),
                ReadAttributes.of(CURRENT_FILE_VERSION));
        arm(c, Kind.READ_BACK_RESPONSE, now + readBackResponseTimeout);
    }

    private static boolean readBackTsn(Client c, int tsn) {
        return c.readBackTsns != null && (c.readBackTsns[tsn >>> 6] & (1L << (tsn & 63))) != 0;
    }

    private void readBackDone(Client c, ReadBackStatus status, OptionalLong version, Optional<ZclStatus> readStatus) {
        ImageKey k = c.key;
        out.add(new ReadBackResult(c.eui, k, status, version, readStatus, c.readBackAttempts));
        String v = version.isPresent() ? String.format("0x%08X", version.getAsLong()) : "none";
        switch (status) {
            case VERSION_MATCHES -> finish(c, TransferResult.UPGRADED, "read back CurrentFileVersion " + v);
            case VERSION_DIFFERS -> finish(c, TransferResult.VERSION_UNCHANGED, String.format(
                    "read back CurrentFileVersion %s, not the image's 0x%08X", v, k.fileVersion()));
            case UNSUPPORTED_ATTRIBUTE -> finish(c, TransferResult.UPGRADED_UNCONFIRMED,
                    "download completed; CurrentFileVersion is UNSUPPORTED_ATTRIBUTE, activation unconfirmed");
            case READ_FAILED -> finish(c, TransferResult.READ_BACK_FAILED, "read-back of CurrentFileVersion failed"
                    + readStatus.map(s -> " with " + s).orElse(""));
            case NO_ANSWER -> finish(c, TransferResult.READ_BACK_FAILED, "no answer to " + c.readBackAttempts
                    + " Read Attributes of CurrentFileVersion");
        }
    }

    // =========================================================================== timers

    private void onTimer(TimerFired e) {
        ServerTimer t = e.timer();
        Client c = clients.get(t.client());
        if (c == null) {
            return;
        }
        int k = t.kind().ordinal();
        long deadline = c.deadlines[k];
        if (deadline < 0) {
            return;
        }
        if (now < deadline) {
            out.add(new SetTimer(c.timer(k), deadline));
            return;
        }
        c.deadlines[k] = -1;
        switch (t.kind()) {
            case NOTIFY_TIMEOUT -> {
                if (c.state == TransferState.NOTIFIED) {
                    finish(c, TransferResult.TIMED_OUT, "no Query Next Image within "
                            + seconds(notifyTimeout) + " s of the Image Notify");
                }
            }
            case TRANSFER_STALL -> onStallTimer(c);
            case PAGE_BLOCK -> {
                if (c.state == TransferState.SENDING_PAGE) {
                    OtaImageStore.Entry en = store.entry(c.key);
                    if (en != null && en.image == c.image) {
                        sendPageBlock(c, en);
                    } else {
                        c.state = TransferState.DOWNLOADING;
                    }
                }
            }
            case READ_BACK -> {
                if (c.state == TransferState.WAITING_TO_UPGRADE) {
                    sendReadBack(c);
                }
            }
            case READ_BACK_RESPONSE -> {
                if (c.state == TransferState.READING_BACK) {
                    if (c.readBackAttempts < config.readBack().attempts()) {
                        sendReadBack(c);
                    } else {
                        readBackDone(c, ReadBackStatus.NO_ANSWER, OptionalLong.empty(), Optional.empty());
                    }
                }
            }
        }
    }

    private void onStallTimer(Client c) {
        long limit = stallLimit(c);
        String what;
        switch (c.state) {
            case IMAGE_OFFERED, DOWNLOADING -> what = c.highestEnd >= c.size
                    ? "no Upgrade End Request after the last byte was served" : "no request from the client";
            case SENDING_PAGE -> {
                // The server is still sending: the client is not silent, it is listening.
                arm(c, Kind.TRANSFER_STALL, now + limit);
                return;
            }
            case AWAITING_RESTART -> what = "after Upgrade End Request " + c.lastFailure.name()
                    + " the client did not start again";
            case WAITING_FOR_MORE -> what = "after REQUIRE_MORE_IMAGE the client did not query again";
            case IDLE, NOTIFIED, WAITING_TO_UPGRADE, WAITING_FOR_UPGRADE_COMMAND, READING_BACK -> {
                return;
            }
            default -> throw new AssertionError(c.state);
        }
        long due = c.lastActivity + limit;
        if (now < due) {
            arm(c, Kind.TRANSFER_STALL, due);
            return;
        }
        finish(c, failureResult(c, TransferResult.TIMED_OUT), what + " within " + seconds(limit) + " s; " + c.bytesServed + " of "
                + c.size + " bytes served");
    }

    /** The stall limit now: the end-request timeout once the last byte was served (§9 #9). */
    private long stallLimit(Client c) {
        boolean verifying = c.key != null && c.highestEnd >= c.size && c.state.isDownload();
        if (verifying) {
            return c.profile.endRequestTimeout().map(OtaServerConfig::micros).orElse(endRequestTimeout);
        }
        return c.profile.stallTimeout().map(OtaServerConfig::micros).orElse(stallTimeout);
    }

    // =========================================================================== CH application

    private void onNotifyClient(NotifyClient e) {
        if (e.payloadType() < ImageNotify.PAYLOAD_TYPE_JITTER
                || e.payloadType() > ImageNotify.PAYLOAD_TYPE_JITTER_MANUFACTURER_IMAGE_TYPE_VERSION) {
            out.add(new CommandRefused(e, new Refusal.InvalidPayloadType(e.payloadType())));
            return;
        }
        if (e.queryJitter() < OtaCluster.QUERY_JITTER_MIN || e.queryJitter() > OtaCluster.QUERY_JITTER_MAX) {
            out.add(new CommandRefused(e, new Refusal.InvalidQueryJitter(e.queryJitter())));
            return;
        }
        OtaImageStore.Entry en = store.entry(e.image());
        if (en == null) {
            out.add(new CommandRefused(e, new Refusal.UnknownImage(e.image())));
            return;
        }
        ImageKey k = e.image();
        ImageNotify notify = switch (e.payloadType()) {
            case ImageNotify.PAYLOAD_TYPE_JITTER -> ImageNotify.of(e.queryJitter());
            case ImageNotify.PAYLOAD_TYPE_JITTER_MANUFACTURER -> ImageNotify.of(e.queryJitter(), k.manufacturerCode());
            case ImageNotify.PAYLOAD_TYPE_JITTER_MANUFACTURER_IMAGE_TYPE ->
                    ImageNotify.of(e.queryJitter(), k.manufacturerCode(), k.imageType());
            default -> ImageNotify.of(e.queryJitter(), k.manufacturerCode(), k.imageType(), k.fileVersion());
        };
        if (e.mode() == NotifyMode.BROADCAST) {
            out.add(new SendFrame(BROADCAST, true, Bytes.of(OtaCodec.encode(OtaFrame.of(nextTsn(), notify)))));
            return;
        }
        Client c = client(e.client());
        if (excluded(c)) {
            out.add(new CommandRefused(e, new Refusal.ClientExcluded(c.eui, offers.refusal(c.eui).orElseThrow())));
            return;
        }
        if (c.ended != null && c.ended.contains(k)) {
            out.add(new CommandRefused(e, new Refusal.DistributionEnded(c.eui, k)));
            return;
        }
        boolean disableDefaultResponse = e.mode() != NotifyMode.UNICAST_WITH_DEFAULT_RESPONSE;
        out.add(new SendFrame(c.eui, false,
                Bytes.of(OtaCodec.encode(OtaFrame.of(nextTsn(), notify, disableDefaultResponse)))));
        if (c.state == TransferState.NOTIFIED && c.image != en.image) {
            // The notified distribution is replaced before the client answered: it ends with its outcome.
            finish(c, TransferResult.SUPERSEDED, "notified, then replaced by a notify of " + k
                    + " before the client queried");
        }
        if (c.state == TransferState.IDLE) {
            c.state = TransferState.NOTIFIED;
            c.image = en.image;
            c.key = k;
            c.size = en.image.size();
            arm(c, Kind.NOTIFY_TIMEOUT, now + notifyTimeout);
            persist(c);
        } else if (c.state == TransferState.NOTIFIED) {
            arm(c, Kind.NOTIFY_TIMEOUT, now + notifyTimeout);
        }
    }

    private void onDistribute(ServerEvent.Distribute e) {
        if (store.entry(e.image()) == null) {
            out.add(new CommandRefused(e, new Refusal.UnknownImage(e.image())));
            return;
        }
        Client c = client(e.client());
        if (excluded(c)) {
            out.add(new CommandRefused(e, new Refusal.ClientExcluded(c.eui, offers.refusal(c.eui).orElseThrow())));
            return;
        }
        if (c.ended != null && c.ended.remove(e.image())) {
            persist(c);
        }
    }

    /** Takes over what a server before a restart persisted about a client ({@link DistributionRecord}). */
    private void onRestore(ServerEvent.RestoreClient e) {
        DistributionRecord r = e.record();
        Client c = client(r.client());
        if (c.state != TransferState.IDLE) {
            out.add(new CommandRefused(e, new Refusal.ClientNotIdle(c.eui, c.state)));
            return;
        }
        c.ended = r.ended().isEmpty() ? null : new LinkedHashSet<>(r.ended());
        c.delivered = r.delivered().orElse(null);
        if (r.open().isEmpty()) {
            return;
        }
        DistributionRecord.Distribution d = r.open().get();
        OtaImageStore.Entry en = store.entry(d.image());
        c.image = en == null || en.image.size() != d.imageSize() ? null : en.image;
        c.key = d.image();
        c.size = d.imageSize();
        c.outcomeReported = d.outcomeReported();
        c.highestEnd = d.servedInFull() ? d.imageSize() : 0;
        c.lastActivity = now;
        if (d.downloaded()) {
            // After the download: the read-back (R7.10) is still to come, or the command to activate.
            c.started = true;
            c.activation = d.activation().orElseThrow();
            c.activationAt = d.activationAt();
            c.activationUtc = d.activationUtc();
            if (c.activation instanceof ActivationPolicy.WaitForCommand && c.activationAt < 0) {
                c.state = TransferState.WAITING_FOR_UPGRADE_COMMAND;
            } else if (config.readBack().enabled()) {
                c.state = TransferState.WAITING_TO_UPGRADE;
                arm(c, Kind.READ_BACK, Math.max(now, c.activationAt + readBackDelay));
            } else {
                c.state = TransferState.WAITING_TO_UPGRADE;
                finish(c, TransferResult.UPGRADED, "");
            }
        } else if (c.image == null) {
            c.state = TransferState.IMAGE_OFFERED;
            finish(c, TransferResult.IMAGE_REMOVED, "the image was no longer in the CH buffer after the restart");
        } else {
            // Open: the client's resumed block requests are served from their FileOffset (R7.8).
            c.state = TransferState.IMAGE_OFFERED;
            arm(c, Kind.TRANSFER_STALL, now + stallLimit(c));
        }
    }

    private void onActivateNow(ActivateNow e) {
        Client c = clients.get(e.client());
        if (c == null || c.state != TransferState.WAITING_FOR_UPGRADE_COMMAND) {
            out.add(new CommandRefused(e, new Refusal.NoUpgradePending(e.client(),
                    c == null ? TransferState.IDLE : c.state)));
            return;
        }
        sendUpgradeEndResponse(c, nextTsn(), 0, 0);
        c.activationAt = now;
        progress(c, Milestone.ACTIVATION_COMMANDED);
        activationScheduled(c);
        if (c.state != TransferState.IDLE) {
            persist(c);
        }
    }

    private void onStageImage(StageImage e) {
        OtaImage img = e.image();
        if (e.availableBytes() < 0 || e.availableBytes() > img.size()) {
            out.add(new CommandRefused(e, new Refusal.InvalidArrival(img.key(), e.availableBytes(), 0, img.size())));
            return;
        }
        OtaImageStore.StageResult r = store.stage(img, e.availableBytes());
        if (r.refusal() != null) {
            out.add(new CommandRefused(e, r.refusal()));
            return;
        }
        List<ImageKey> evicted = new ArrayList<>(r.evicted().size());
        for (OtaImage gone : r.evicted()) {
            evicted.add(gone.key());
            out.add(new ImageRemoved(gone.key(), Removal.EVICTED));
            discardTransfers(gone, "image evicted from the CH buffer to stage " + img.key() + " (R7.7)");
        }
        out.add(new ImageStaged(img.key(), img.size(), e.availableBytes(), evicted));
    }

    private void onWithdrawImage(WithdrawImage e) {
        OtaImage gone = store.remove(e.image());
        if (gone == null) {
            out.add(new CommandRefused(e, new Refusal.UnknownImage(e.image())));
            return;
        }
        out.add(new ImageRemoved(gone.key(), Removal.WITHDRAWN));
        discardTransfers(gone, "image withdrawn from the CH buffer");
    }

    /** Ends, with IMAGE_DISCARDED, the transfers that still need an image that left the buffer. */
    private void discardTransfers(OtaImage gone, String reason) {
        for (Client c : clients.values()) {
            if (c.image == gone && (c.state == TransferState.NOTIFIED || c.state.isDownload())) {
                finish(c, TransferResult.IMAGE_REMOVED, reason + " while the client was " + c.state + "; "
                        + c.bytesServed + " of " + gone.size() + " bytes served");
            }
        }
    }

    // =========================================================================== helpers

    private Client client(long eui) {
        return clients.computeIfAbsent(eui, Client::new);
    }

    /** Whether the host's offer policy refuses the client (asked each time, never cached). */
    private boolean excluded(Client c) {
        return offers.refusal(c.eui).isPresent();
    }

    /** Reports the CCS08 outcome now, once. */
    private void outcome(Client c, TransferResult result, String reason) {
        if (!c.outcomeReported) {
            c.outcomeReported = true;
            out.add(new TransferOutcome(c.eui, result, c.key, c.size, c.bytesServed, reason));
        }
    }

    /**
     * Ends the transfer: the outcome if not yet reported, every timer cancelled, the image barred
     * for this client until a new distribution (R7.8), remembered if it was delivered (R7.4, R7.5),
     * back to IDLE, and the record persisted.
     */
    private void finish(Client c, TransferResult result, String reason) {
        outcome(c, result, reason);
        for (Kind k : KINDS) {
            disarm(c, k);
        }
        DistributionRecord.Distribution d = current(c);
        if (d.delivered()) {
            c.delivered = d;
        }
        bar(c, c.key);
        c.reset();
        persist(c);
    }

    /** Bars {@code k} for this client until {@link ServerEvent.Distribute}; the newest last. */
    private static void bar(Client c, ImageKey k) {
        if (c.ended == null) {
            c.ended = new LinkedHashSet<>();
        }
        c.ended.remove(k);
        c.ended.add(k);
    }

    /** The client's transfer as a {@link DistributionRecord.Distribution}; not in IDLE. */
    private static DistributionRecord.Distribution current(Client c) {
        return new DistributionRecord.Distribution(c.key, c.size, c.highestEnd >= c.size, c.outcomeReported,
                Optional.ofNullable(c.activation), c.activationAt, c.activationUtc);
    }

    /** The client's record as the host must keep it. */
    private static DistributionRecord record(Client c) {
        return new DistributionRecord(c.eui, c.state == TransferState.IDLE ? Optional.empty() : Optional.of(current(c)),
                Optional.ofNullable(c.delivered), c.ended == null ? List.of() : List.copyOf(c.ended));
    }

    private void persist(Client c) {
        out.add(new ServerAction.PersistDistribution(record(c)));
    }

    private void progress(Client c, Milestone m) {
        out.add(new TransferProgress(c.eui, c.key, m, c.bytesServed));
    }

    private void arm(Client c, Kind k, long at) {
        c.deadlines[k.ordinal()] = at;
        out.add(new SetTimer(c.timer(k.ordinal()), at));
    }

    private void ensureArmed(Client c, Kind k, long at) {
        if (c.deadlines[k.ordinal()] < 0) {
            arm(c, k, at);
        }
    }

    private void disarm(Client c, Kind k) {
        if (c.deadlines[k.ordinal()] >= 0) {
            c.deadlines[k.ordinal()] = -1;
            out.add(new CancelTimer(c.timer(k.ordinal())));
        }
    }

    private int nextTsn() {
        int t = nextTsn;
        nextTsn = (nextTsn + 1) & 0xFF;
        return t;
    }

    private long utcNow() {
        return Math.min(utcClock.utcTimeAt(now), ZclUtcTime.MAX_VALID);
    }

    private static long seconds(long micros) {
        return micros / MICROS_PER_SECOND;
    }

    /** An OTA command to one client with the default server→client frame control 0x19. */
    private void send(Client c, int tsn, OtaCommand command) {
        out.add(new SendFrame(c.eui, false, Bytes.of(OtaCodec.encode(OtaFrame.of(tsn, command)))));
    }

    private void sendGeneral(Client c, ZclHeader header, GeneralCommand command) {
        out.add(new SendFrame(c.eui, false, Bytes.of(GeneralCommandCodec.encode(new GeneralFrame(header, command)))));
    }

    /**
     * The header of an answer to {@code h}: global, the opposite direction, the same transaction
     * sequence number and manufacturer code, Disable Default Response set.
     */
    private static ZclHeader answerHeader(ZclHeader h, int commandId) {
        return io.hansim.zigbee.zcl.ZclAnswers.answerHeader(h, commandId); // the one set of answer rules
    }

    /**
     * Sends a Default Response by the ZCL rules of the class comment; returns whether one was sent.
     */
    private boolean defaultResponse(FrameReceived e, ZclHeader h, ZclStatus status) {
        if (!io.hansim.zigbee.zcl.ZclAnswers.mayDefaultRespond(h, e.broadcast(), status)) {
            return false;
        }
        Client c = client(e.sourceEui64());
        sendGeneral(c, answerHeader(h, DefaultResponse.COMMAND_ID), new DefaultResponse(h.commandId(), status));
        return true;
    }

    /** An error Default Response (if the rules allow one) and the {@link FrameRejected} report. */
    private void reject(FrameReceived e, ZclHeader h, ZclStatus status, String reason) {
        boolean sent = defaultResponse(e, h, status);
        out.add(new FrameRejected(e.sourceEui64(), h.commandId(), sent ? Optional.of(status) : Optional.empty(),
                reason));
    }
}
