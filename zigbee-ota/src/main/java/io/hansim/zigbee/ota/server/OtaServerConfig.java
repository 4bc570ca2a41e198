package io.hansim.zigbee.ota.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything that makes one OTA server behave differently from another, as data (DESIGN.md §4), in
 * small records by concern: who the server is, how it serves blocks, how it asks a client to wait,
 * what it offers, when clients activate, its timeouts, its read-back and its image buffer. Values
 * the domain notes mark (unconfirmed) are here with a default chosen and explained on the
 * component; {@link #defaults(long)} gives them all. Change values with {@link #toBuilder()} (or
 * the {@code with...} shorthands, which use it).
 *
 * <p>What is not here: which clients may be offered images (the host's {@link OfferPolicy}) and
 * what virtual time is in UTC (the host's {@link UtcClock}, the simulation's one time origin); both
 * are given to {@link OtaServer} at construction.
 *
 * @param identity    who the server is on the HAN
 * @param transfer    how blocks are served
 * @param waitForData how a WAIT_FOR_DATA asks a client to come back
 * @param offers      which staged images a query is offered
 * @param activation  when clients apply an image (§5.2); a client profile may override it. Default
 *                    {@link ActivationPolicy.Now} (R7.4)
 * @param timeouts    notify, stall and end-request timeouts, failure limit
 * @param readBack    the CurrentFileVersion read-back after activation (R7.10)
 * @param capacity    the CH's shared image buffer (R7.7, R7.9)
 */
public record OtaServerConfig(Identity identity, Transfer transfer, WaitForData waitForData, Offers offers,
        ActivationPolicy activation, Timeouts timeouts, ReadBack readBack, Capacity capacity) {

    /**
     * Who the server is.
     *
     * @param serverEui64     the CH's EUI-64: the source of every frame the server sends (the host
     *                        puts it on the air; clients hold it as UpgradeServerID)
     * @param clusterRevision the server's ClusterRevision (0xFFFD), answered to Read Attributes.
     *                        Default 3 (unconfirmed which revision a GB CH declares)
     */
    public record Identity(long serverEui64, int clusterRevision) {
        public Identity {
            if ((clusterRevision & ~0xFFFF) != 0) {
                throw new IllegalArgumentException("clusterRevision must be a u16: " + clusterRevision);
            }
        }
    }

    /**
     * How image blocks are served.
     *
     * @param blockSizeCap           most image bytes in one Image Block Response, 1..255; each answer
     *                               carries min(MaximumDataSize, this cap, a client's own cap, bytes
     *                               left) (zigbee-ota.md §6, §9 #2, #3). Default 40: fits one APS
     *                               frame with NWK and APS security (Exegin's safe maximum, §6); no
     *                               GB value is confirmed
     * @param pageRequestsSupported  answer Image Page Requests (true), or Default Response
     *                               UNSUP_CLUSTER_COMMAND as servers without page support do (false,
     *                               the injectable profile of §9 #4)
     * @param maxConcurrentTransfers how many clients may be downloading at once; a further client's
     *                               block requests get WAIT_FOR_DATA until one finishes (R7.8). 0: no
     *                               limit
     */
    public record Transfer(int blockSizeCap, boolean pageRequestsSupported, int maxConcurrentTransfers) {
        public static final Transfer DEFAULT = new Transfer(40, true, 0);

        public Transfer {
            if (blockSizeCap < 1 || blockSizeCap > 255) {
                throw new IllegalArgumentException("blockSizeCap must be 1..255: " + blockSizeCap);
            }
            if (maxConcurrentTransfers < 0) {
                throw new IllegalArgumentException("maxConcurrentTransfers must not be negative: "
                        + maxConcurrentTransfers);
            }
        }
    }

    /**
     * How a WAIT_FOR_DATA Image Block Response asks a client to come back (zigbee-ota.md §2, §5.3).
     *
     * @param form               the 11-byte form with MinimumBlockPeriod, or the 9-byte form of older
     *                           servers
     * @param minimumBlockPeriod MinimumBlockPeriod advertised, u16; its unit is the client's (§5.4).
     *                           Default 0
     * @param delay              RequestTime − CurrentTime, whole seconds up to 0xFFFFFFFE. Default 10 s
     *                           (unconfirmed)
     * @param timeForm           RELATIVE: CurrentTime 0 and RequestTime = the delay (Silicon Labs,
     *                           §5.3); UTC: both UTCTime, from the server's {@link UtcClock}
     */
    public record WaitForData(WaitForDataForm form, int minimumBlockPeriod, Duration delay, TimeForm timeForm) {
        public static final WaitForData DEFAULT = new WaitForData(WaitForDataForm.WITH_MINIMUM_BLOCK_PERIOD, 0,
                Duration.ofSeconds(10), TimeForm.RELATIVE);

        public WaitForData {
            Objects.requireNonNull(form, "waitForDataForm");
            if ((minimumBlockPeriod & ~0xFFFF) != 0) {
                throw new IllegalArgumentException("minimumBlockPeriod must be a u16: " + minimumBlockPeriod);
            }
            nonNegative("waitForDataDelay", delay);
            if (delay.getSeconds() > 0xFFFF_FFFEL || delay.getNano() != 0) {
                throw new IllegalArgumentException("waitForDataDelay must be whole seconds up to 0xFFFFFFFE: "
                        + delay);
            }
            Objects.requireNonNull(timeForm, "waitForDataTimeForm");
        }
    }

    /**
     * Which staged image a query is offered.
     *
     * @param downgrade              whether an older image is offered (R7.14)
     * @param missingHardwareVersion what a Query Next Image without HardwareVersion gets when the
     *                               image has a hardware range (R7.6, §9 #16). Default SERVE
     * @param wildcardImagesMatchAll whether an image whose header says ManufacturerCode or ImageType
     *                               0xFFFF is offered to every manufacturer or type (corpora.md: a
     *                               real file, TICMeter, has 0xFFFF). Default false: 0xFFFF matches
     *                               only 0xFFFF
     * @param notAuthorizedWhenNoneStaged requirements G.11 (optional, one CH implementation,
     *                               HenryGiraldo/gbcs {@code c/ch.c}): a Query Next Image for which no
     *                               staged image applies is answered NOT_AUTHORIZED instead of
     *                               NO_IMAGE_AVAILABLE. Default false
     */
    public record Offers(DowngradePolicy downgrade, MissingHardwareVersionPolicy missingHardwareVersion,
            boolean wildcardImagesMatchAll, boolean notAuthorizedWhenNoneStaged) {

        /** Without the G.11 behaviour. */
        public Offers(DowngradePolicy downgrade, MissingHardwareVersionPolicy missingHardwareVersion,
                boolean wildcardImagesMatchAll) {
            this(downgrade, missingHardwareVersion, wildcardImagesMatchAll, false);
        }

        public static final Offers DEFAULT = new Offers(DowngradePolicy.NEWER_ONLY,
                MissingHardwareVersionPolicy.SERVE, false);

        public Offers {
            Objects.requireNonNull(downgrade, "downgrade");
            Objects.requireNonNull(missingHardwareVersion, "missingHardwareVersion");
        }
    }

    /** The WAIT_FOR_DATA layout (zigbee-ota.md §2, Image Block Response forms). */
    public enum WaitForDataForm {
        /** Status, CurrentTime, RequestTime, MinimumBlockPeriod: 11 bytes. */
        WITH_MINIMUM_BLOCK_PERIOD,
        /** Status, CurrentTime, RequestTime: 9 bytes, as servers following 09-5264 send. */
        WITHOUT_MINIMUM_BLOCK_PERIOD
    }

    /** How a WAIT_FOR_DATA says when to come back (zigbee-ota.md §5.3). */
    public enum TimeForm {
        /** CurrentTime 0, RequestTime = seconds to wait. */
        RELATIVE,
        /** CurrentTime = the server's UTCTime, RequestTime = UTCTime to come back. */
        UTC
    }

    /** Which file versions are offered against the client's CurrentFileVersion (R7.14). */
    public enum DowngradePolicy {
        /** Only a newer file version (unsigned comparison). */
        NEWER_ONLY,
        /** Any file version other than the running one; the newest wins when several fit. */
        ALLOW_DOWNGRADE
    }

    /** What a query without HardwareVersion gets when the image has a hardware range (R7.6, §9 #16). */
    public enum MissingHardwareVersionPolicy {
        /** Offer the image (Silicon Labs, zsmartsystems: check only when both sides have a version). */
        SERVE,
        /** NO_IMAGE_AVAILABLE and outcome {@link TransferResult#HARDWARE_MISMATCH} (zigpy's behaviour). */
        REFUSE
    }

    /**
     * When the {@link ServerAction.TransferOutcome} of a successful transfer is reported
     * (requirements R7.10: a CH raises its CCS08 from it).
     */
    public enum OutcomeTiming {
        /**
         * On the Upgrade End Request SUCCESS, as R7.10 says ("raises CCS08 when the transfer ends"):
         * {@link TransferResult#UPGRADED}; the read-back is reported separately by
         * {@link ServerAction.ReadBackResult} (0x012B).
         */
        AT_TRANSFER_END,
        /**
         * After the read-back, from its result: version equal → {@link TransferResult#UPGRADED}; old
         * version → {@link TransferResult#VERSION_UNCHANGED}; no answer or a failed read →
         * {@link TransferResult#READ_BACK_FAILED}; UNSUPPORTED_ATTRIBUTE →
         * {@link TransferResult#UPGRADED_UNCONFIRMED} (the transfer completed and nothing says
         * otherwise).
         */
        AFTER_READ_BACK
    }

    /** What happens when a staged image does not fit the buffer (R7.7). */
    public enum EvictionPolicy {
        /** Refuse the new image with {@link Refusal.BufferFull}. */
        REFUSE,
        /** Evict images in staging order, oldest first, until the new one fits. */
        EVICT_OLDEST
    }

    /**
     * Timeouts of a transfer (R7.8, zigbee-ota.md §9 #1, #9).
     *
     * @param notifyTimeout     after a unicast Image Notify, how long to wait for Query Next Image
     *                          before reporting FILE_TRANSFER_FAILURE (R7.12). Default 10 min
     *                          (unconfirmed; a sleepy client may poll every few minutes)
     * @param stallTimeout      how long a download may go without a request. Default 5 min
     *                          (unconfirmed; tolerates the 20–30 s stalls of §9 and Silicon Labs'
     *                          5-minute WAIT_FOR_DATA fallback)
     * @param endRequestTimeout once the last byte was served, how long to wait for the Upgrade End
     *                          Request while the client verifies (§9 #9). Default 10 min
     * @param maxFailures       Upgrade End Requests ABORT / INVALID_IMAGE accepted before the server
     *                          gives up and reports (R7.8), at least 1. Default 3
     */
    public record Timeouts(Duration notifyTimeout, Duration stallTimeout, Duration endRequestTimeout,
            int maxFailures) {

        public static final Timeouts DEFAULT = new Timeouts(Duration.ofMinutes(10), Duration.ofMinutes(5),
                Duration.ofMinutes(10), 3);

        public Timeouts {
            positive("notifyTimeout", notifyTimeout);
            positive("stallTimeout", stallTimeout);
            positive("endRequestTimeout", endRequestTimeout);
            if (maxFailures < 1) {
                throw new IllegalArgumentException("maxFailures must be at least 1: " + maxFailures);
            }
        }

        public Timeouts withNotifyTimeout(Duration d) {
            return new Timeouts(d, stallTimeout, endRequestTimeout, maxFailures);
        }

        public Timeouts withStallTimeout(Duration d) {
            return new Timeouts(notifyTimeout, d, endRequestTimeout, maxFailures);
        }

        public Timeouts withEndRequestTimeout(Duration d) {
            return new Timeouts(notifyTimeout, stallTimeout, d, maxFailures);
        }

        public Timeouts withMaxFailures(int n) {
            return new Timeouts(notifyTimeout, stallTimeout, endRequestTimeout, n);
        }
    }

    /**
     * The read-back of CurrentFileVersion (0x0002) after activation (R7.10, zigbee-ota.md §9 #12).
     *
     * @param enabled         read back at all; without it a transfer ends at the Upgrade End Response
     * @param delay           after the activation time, how long before the first Read Attributes.
     *                        Default 60 s (R7.10: the value is unconfirmed)
     * @param responseTimeout how long each Read Attributes waits for its answer. Default 30 s
     * @param attempts        Read Attributes sent before "no answer", at least 1. Default 3
     * @param outcomeTiming   when a successful transfer's outcome is reported
     */
    public record ReadBack(boolean enabled, Duration delay, Duration responseTimeout, int attempts,
            OutcomeTiming outcomeTiming) {

        public static final ReadBack DEFAULT = new ReadBack(true, Duration.ofSeconds(60), Duration.ofSeconds(30), 3,
                OutcomeTiming.AT_TRANSFER_END);

        public ReadBack {
            nonNegative("delay", delay);
            positive("responseTimeout", responseTimeout);
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
            }
            Objects.requireNonNull(outcomeTiming, "outcomeTiming");
        }

        public ReadBack withEnabled(boolean on) {
            return new ReadBack(on, delay, responseTimeout, attempts, outcomeTiming);
        }

        public ReadBack withDelay(Duration d) {
            return new ReadBack(enabled, d, responseTimeout, attempts, outcomeTiming);
        }

        public ReadBack withResponseTimeout(Duration d) {
            return new ReadBack(enabled, delay, d, attempts, outcomeTiming);
        }

        public ReadBack withAttempts(int n) {
            return new ReadBack(enabled, delay, responseTimeout, n, outcomeTiming);
        }

        public ReadBack withOutcomeTiming(OutcomeTiming t) {
            return new ReadBack(enabled, delay, responseTimeout, attempts, t);
        }
    }

    /**
     * The CH's shared image buffer (R7.7, R7.9). Both limits are (unconfirmed) for a real CH.
     *
     * @param maxImages how many images it holds, at least 1. Default 4
     * @param maxBytes  how many bytes of images it holds in total. Default 4 MiB, so that an image
     *                  of 2 MiB (R7.9) fits beside others
     * @param eviction  what happens to a new image that does not fit
     */
    public record Capacity(int maxImages, long maxBytes, EvictionPolicy eviction) {

        public static final Capacity DEFAULT = new Capacity(4, 4L << 20, EvictionPolicy.REFUSE);

        public Capacity {
            if (maxImages < 1) {
                throw new IllegalArgumentException("maxImages must be at least 1: " + maxImages);
            }
            if (maxBytes < 1) {
                throw new IllegalArgumentException("maxBytes must be at least 1: " + maxBytes);
            }
            Objects.requireNonNull(eviction, "eviction");
        }
    }

    public OtaServerConfig {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(transfer, "transfer");
        Objects.requireNonNull(waitForData, "waitForData");
        Objects.requireNonNull(offers, "offers");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(readBack, "readBack");
        Objects.requireNonNull(capacity, "capacity");
    }

    /** Every default described on the components, for a CH with this EUI-64. */
    public static OtaServerConfig defaults(long serverEui64) {
        return new OtaServerConfig(new Identity(serverEui64, 3), Transfer.DEFAULT, WaitForData.DEFAULT,
                Offers.DEFAULT, ActivationPolicy.now(), Timeouts.DEFAULT, ReadBack.DEFAULT, Capacity.DEFAULT);
    }

    /** A builder with every default, for a CH with this EUI-64. */
    public static Builder builder(long serverEui64) {
        return defaults(serverEui64).toBuilder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The CH's EUI-64 ({@link Identity#serverEui64()}). */
    public long serverEui64() {
        return identity.serverEui64();
    }

    // The with... shorthands: one builder call each.

    public OtaServerConfig withServerEui64(long eui64) {
        return toBuilder().serverEui64(eui64).build();
    }

    public OtaServerConfig withBlockSizeCap(int cap) {
        return toBuilder().blockSizeCap(cap).build();
    }

    public OtaServerConfig withPageRequestsSupported(boolean on) {
        return toBuilder().pageRequestsSupported(on).build();
    }

    /** The WAIT_FOR_DATA form, MinimumBlockPeriod, delay and time form together. */
    public OtaServerConfig withWaitForData(WaitForDataForm form, int period, Duration delay, TimeForm timeForm) {
        return toBuilder().waitForData(new WaitForData(form, period, delay, timeForm)).build();
    }

    public OtaServerConfig withActivation(ActivationPolicy policy) {
        return toBuilder().activation(policy).build();
    }

    public OtaServerConfig withDowngrade(DowngradePolicy policy) {
        return toBuilder().downgrade(policy).build();
    }

    public OtaServerConfig withMissingHardwareVersion(MissingHardwareVersionPolicy policy) {
        return toBuilder().missingHardwareVersion(policy).build();
    }

    public OtaServerConfig withWildcardImagesMatchAll(boolean on) {
        return toBuilder().wildcardImagesMatchAll(on).build();
    }

    public OtaServerConfig withMaxConcurrentTransfers(int n) {
        return toBuilder().maxConcurrentTransfers(n).build();
    }

    public OtaServerConfig withTimeouts(Timeouts t) {
        return toBuilder().timeouts(t).build();
    }

    public OtaServerConfig withReadBack(ReadBack r) {
        return toBuilder().readBack(r).build();
    }

    public OtaServerConfig withCapacity(Capacity c) {
        return toBuilder().capacity(c).build();
    }

    /**
     * Collects the values of an {@link OtaServerConfig}; every setter returns the builder. The
     * groups are set whole, or one value of a group at a time; {@link #build()} checks them.
     */
    public static final class Builder {
        private long serverEui64;
        private int clusterRevision;
        private int blockSizeCap;
        private boolean pageRequestsSupported;
        private int maxConcurrentTransfers;
        private WaitForData waitForData;
        private DowngradePolicy downgrade;
        private MissingHardwareVersionPolicy missingHardwareVersion;
        private boolean wildcardImagesMatchAll;
        private boolean notAuthorizedWhenNoneStaged;
        private ActivationPolicy activation;
        private Timeouts timeouts;
        private ReadBack readBack;
        private Capacity capacity;

        private Builder(OtaServerConfig c) {
            identity(c.identity);
            transfer(c.transfer);
            offers(c.offers);
            waitForData = c.waitForData;
            activation = c.activation;
            timeouts = c.timeouts;
            readBack = c.readBack;
            capacity = c.capacity;
        }

        public Builder identity(Identity value) {
            serverEui64 = value.serverEui64();
            clusterRevision = value.clusterRevision();
            return this;
        }

        public Builder serverEui64(long value) {
            serverEui64 = value;
            return this;
        }

        public Builder clusterRevision(int value) {
            clusterRevision = value;
            return this;
        }

        public Builder transfer(Transfer value) {
            blockSizeCap = value.blockSizeCap();
            pageRequestsSupported = value.pageRequestsSupported();
            maxConcurrentTransfers = value.maxConcurrentTransfers();
            return this;
        }

        public Builder blockSizeCap(int value) {
            blockSizeCap = value;
            return this;
        }

        public Builder pageRequestsSupported(boolean value) {
            pageRequestsSupported = value;
            return this;
        }

        public Builder maxConcurrentTransfers(int value) {
            maxConcurrentTransfers = value;
            return this;
        }

        public Builder waitForData(WaitForData value) {
            waitForData = Objects.requireNonNull(value, "waitForData");
            return this;
        }

        public Builder offers(Offers value) {
            downgrade = value.downgrade();
            missingHardwareVersion = value.missingHardwareVersion();
            wildcardImagesMatchAll = value.wildcardImagesMatchAll();
            notAuthorizedWhenNoneStaged = value.notAuthorizedWhenNoneStaged();
            return this;
        }

        /** G.11: NOT_AUTHORIZED to a Query Next Image for which no staged image applies. */
        public Builder notAuthorizedWhenNoneStaged(boolean value) {
            notAuthorizedWhenNoneStaged = value;
            return this;
        }

        public Builder downgrade(DowngradePolicy value) {
            downgrade = value;
            return this;
        }

        public Builder missingHardwareVersion(MissingHardwareVersionPolicy value) {
            missingHardwareVersion = value;
            return this;
        }

        public Builder wildcardImagesMatchAll(boolean value) {
            wildcardImagesMatchAll = value;
            return this;
        }

        public Builder activation(ActivationPolicy value) {
            activation = value;
            return this;
        }

        public Builder timeouts(Timeouts value) {
            timeouts = value;
            return this;
        }

        public Builder readBack(ReadBack value) {
            readBack = value;
            return this;
        }

        public Builder capacity(Capacity value) {
            capacity = value;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws IllegalArgumentException if a value is out of its range (named in the message)
         */
        public OtaServerConfig build() {
            return new OtaServerConfig(new Identity(serverEui64, clusterRevision),
                    new Transfer(blockSizeCap, pageRequestsSupported, maxConcurrentTransfers), waitForData,
                    new Offers(downgrade, missingHardwareVersion, wildcardImagesMatchAll,
                            notAuthorizedWhenNoneStaged), activation, timeouts,
                    readBack, capacity);
        }
    }

    static void positive(String name, Duration d) {
        nonNegative(name, d);
        if (d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    static void nonNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
        // Virtual time is in microseconds in a long: about 292 000 years, so anything a Duration
        // holds up to that converts; refuse the rest here rather than overflow later.
        if (d.getSeconds() > Long.MAX_VALUE / 4_000_000L) {
            throw new IllegalArgumentException(name + " is too long: " + d);
        }
    }

    /** A duration in virtual-time microseconds. */
    static long micros(Duration d) {
        return d.getSeconds() * 1_000_000L + d.getNano() / 1_000;
    }
}
