package io.hansim.zigbee.ota.server;

import io.hansim.zigbee.zcl.ZclUtcTime;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Everything that makes one OTA server behave differently from another, as data (DESIGN.md §4).
 * Values the domain notes mark (unconfirmed) are here with a default chosen and explained on the
 * component; {@link #defaults(long)} gives them all. Change one with the {@code with...} methods.
 *
 * @param serverEui64            the CH's EUI-64: the source of every frame the server sends (the
 *                               host puts it on the air; clients hold it as UpgradeServerID)
 * @param blockSizeCap           most image bytes in one Image Block Response, 1..255; each answer
 *                               carries min(MaximumDataSize, this cap, a client's own cap, bytes
 *                               left) (zigbee-ota.md §6, §9 #2, #3). Default 40: fits one APS frame
 *                               with NWK and APS security (Exegin's safe maximum, §6); no GB value
 *                               is confirmed
 * @param pageRequestsSupported  answer Image Page Requests (true), or Default Response
 *                               UNSUP_CLUSTER_COMMAND as servers without page support do (false,
 *                               the injectable profile of §9 #4)
 * @param waitForDataForm        the 11-byte WAIT_FOR_DATA with MinimumBlockPeriod, or the 9-byte form
 *                               of older servers (§2, §5.3)
 * @param minimumBlockPeriod     MinimumBlockPeriod advertised in WAIT_FOR_DATA, u16; its unit is the
 *                               client's (§5.4). Default 0
 * @param waitForDataDelay       RequestTime − CurrentTime of a WAIT_FOR_DATA, whole seconds up to
 *                               0xFFFFFFFE. Default 10 s (unconfirmed)
 * @param waitForDataTimeForm    RELATIVE: CurrentTime 0 and RequestTime = the delay (Silicon Labs,
 *                               §5.3); UTC: both UTCTime
 * @param utcAtZero              the ZCL UTCTime at virtual time 0; the server's UTC now is
 *                               {@code utcAtZero + now / 1e6}. Default 2025-01-01T00:00:00Z
 * @param activation             when clients apply an image (§5.2); a client profile may override it.
 *                               Default {@link ActivationPolicy.Now} (R7.4)
 * @param downgrade              whether an older image is offered (R7.14)
 * @param missingHardwareVersion what a Query Next Image without HardwareVersion gets when the image
 *                               has a hardware range (R7.6, §9 #16). Default SERVE
 * @param wildcardImagesMatchAll whether an image whose header says ManufacturerCode or ImageType
 *                               0xFFFF is offered to every manufacturer or type (corpora.md: a real
 *                               file, TICMeter, has 0xFFFF). Default false: 0xFFFF matches only 0xFFFF
 * @param excludedDeviceClasses  device classes never notified and always answered
 *                               NO_IMAGE_AVAILABLE (R7.2). Default {IHD}
 * @param maxConcurrentTransfers how many clients may be downloading at once; a further client's
 *                               block requests get WAIT_FOR_DATA until one finishes (R7.8). 0: no limit
 * @param timeouts               notify, stall and end-request timeouts, failure limit
 * @param readBack               the CurrentFileVersion read-back after activation (R7.10)
 * @param capacity               the CH's shared image buffer (R7.7, R7.9)
 * @param clusterRevision        the server's ClusterRevision (0xFFFD), answered to Read Attributes.
 *                               Default 3 (unconfirmed which revision a GB CH declares)
 */
public record OtaServerConfig(long serverEui64, int blockSizeCap, boolean pageRequestsSupported,
        WaitForDataForm waitForDataForm, int minimumBlockPeriod, Duration waitForDataDelay,
        TimeForm waitForDataTimeForm, long utcAtZero, ActivationPolicy activation, DowngradePolicy downgrade,
        MissingHardwareVersionPolicy missingHardwareVersion, boolean wildcardImagesMatchAll,
        Set<DeviceClass> excludedDeviceClasses, int maxConcurrentTransfers, Timeouts timeouts, ReadBack readBack,
        Capacity capacity, int clusterRevision) {

    /** UTCTime of 2025-01-01T00:00:00Z, the default {@link #utcAtZero()}. */
    public static final long DEFAULT_UTC_AT_ZERO = ZclUtcTime.fromInstant(Instant.parse("2025-01-01T00:00:00Z"));

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
        /** NO_IMAGE_AVAILABLE and CCS08 code 2 (zigpy's behaviour). */
        REFUSE
    }

    /**
     * When the CCS08 outcome of a successful transfer is reported (requirements R7.10).
     */
    public enum OutcomeTiming {
        /**
         * On the Upgrade End Request SUCCESS, as R7.10 says ("raises CCS08 when the transfer ends");
         * the read-back is reported separately by {@link ServerAction.ReadBackResult} (0x012B).
         */
        AT_TRANSFER_END,
        /**
         * After the read-back, mapped from its result: version equal → SUCCESS; old version →
         * IMAGE_DISCARDED; no answer or a failed read → FILE_TRANSFER_FAILURE; UNSUPPORTED_ATTRIBUTE →
         * SUCCESS (the transfer completed and nothing says otherwise; the reason says "unconfirmed").
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
     * @param outcomeTiming   when a successful transfer's CCS08 is reported
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
        if (blockSizeCap < 1 || blockSizeCap > 255) {
            throw new IllegalArgumentException("blockSizeCap must be 1..255: " + blockSizeCap);
        }
        Objects.requireNonNull(waitForDataForm, "waitForDataForm");
        if ((minimumBlockPeriod & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("minimumBlockPeriod must be a u16: " + minimumBlockPeriod);
        }
        nonNegative("waitForDataDelay", waitForDataDelay);
        if (waitForDataDelay.getSeconds() > 0xFFFF_FFFEL || waitForDataDelay.getNano() != 0) {
            throw new IllegalArgumentException("waitForDataDelay must be whole seconds up to 0xFFFFFFFE: "
                    + waitForDataDelay);
        }
        Objects.requireNonNull(waitForDataTimeForm, "waitForDataTimeForm");
        if (utcAtZero < 0 || utcAtZero > ZclUtcTime.MAX_VALID) {
            throw new IllegalArgumentException("utcAtZero must be a valid UTCTime: " + utcAtZero);
        }
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(downgrade, "downgrade");
        Objects.requireNonNull(missingHardwareVersion, "missingHardwareVersion");
        excludedDeviceClasses = excludedDeviceClasses.isEmpty() ? Set.of()
                : Set.copyOf(EnumSet.copyOf(excludedDeviceClasses));
        if (maxConcurrentTransfers < 0) {
            throw new IllegalArgumentException("maxConcurrentTransfers must not be negative: " + maxConcurrentTransfers);
        }
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(readBack, "readBack");
        Objects.requireNonNull(capacity, "capacity");
        if ((clusterRevision & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("clusterRevision must be a u16: " + clusterRevision);
        }
    }

    /** Every default described on the components, for a CH with this EUI-64. */
    public static OtaServerConfig defaults(long serverEui64) {
        return new OtaServerConfig(serverEui64, 40, true, WaitForDataForm.WITH_MINIMUM_BLOCK_PERIOD, 0,
                Duration.ofSeconds(10), TimeForm.RELATIVE, DEFAULT_UTC_AT_ZERO, ActivationPolicy.now(),
                DowngradePolicy.NEWER_ONLY, MissingHardwareVersionPolicy.SERVE, false, Set.of(DeviceClass.IHD), 0,
                Timeouts.DEFAULT, ReadBack.DEFAULT, Capacity.DEFAULT, 3);
    }

    public OtaServerConfig withBlockSizeCap(int cap) {
        return new OtaServerConfig(serverEui64, cap, pageRequestsSupported, waitForDataForm, minimumBlockPeriod,
                waitForDataDelay, waitForDataTimeForm, utcAtZero, activation, downgrade, missingHardwareVersion,
                wildcardImagesMatchAll, excludedDeviceClasses, maxConcurrentTransfers, timeouts, readBack, capacity,
                clusterRevision);
    }

    public OtaServerConfig withPageRequestsSupported(boolean on) {
        return new OtaServerConfig(serverEui64, blockSizeCap, on, waitForDataForm, minimumBlockPeriod,
                waitForDataDelay, waitForDataTimeForm, utcAtZero, activation, downgrade, missingHardwareVersion,
                wildcardImagesMatchAll, excludedDeviceClasses, maxConcurrentTransfers, timeouts, readBack, capacity,
                clusterRevision);
    }

    /** The WAIT_FOR_DATA form, MinimumBlockPeriod, delay and time form together. */
    public OtaServerConfig withWaitForData(WaitForDataForm form, int period, Duration delay, TimeForm timeForm) {
        return new OtaServerConfig(serverEui64, blockSizeCap, pageRequestsSupported, form, period, delay, timeForm,
                utcAtZero, activation, downgrade, missingHardwareVersion, wildcardImagesMatchAll,
                excludedDeviceClasses, maxConcurrentTransfers, timeouts, readBack, capacity, clusterRevision);
    }

    public OtaServerConfig withUtcAtZero(long utc) {
        return new OtaServerConfig(serverEui64, blockSizeCap, pageRequestsSupported, waitForDataForm,
                minimumBlockPeriod, waitForDataDelay, waitForDataTimeForm, utc, activation, downgrade,
                missingHardwareVersion, wildcardImagesMatchAll, excludedDeviceClasses, maxConcurrentTransfers,
                timeouts, readBack, capacity, clusterRevision);
    }

    public OtaServerConfig withActivation(ActivationPolicy policy) {
        return new OtaServerConfig(serverEui64, blockSizeCap, pageRequestsSupported, waitForDataForm,
                minimumBlockPeriod, waitForDataDelay, waitForDataTimeForm, utcAtZero, policy, downgrade,
                missingHardwareVersion, wildcardImagesMatchAll, excludedDeviceClasses, maxConcurrentTransfers,
                timeouts, readBack, capacity, clusterRevision);
    }

    public OtaServerConfig withDowngrade(DowngradePolicy policy) {
        return new OtaServerConfig(serverEui64, blockSizeCap, pageRequestsSupported, waitForDataForm,
                minimumBlockPeriod, waitForDataDelay, waitForDataTimeForm, utcAtZero, activation, policy,
                missingHardwareVersion, wildcardImagesMatchAll, excludedDeviceClasses, maxConcurrentTransfers,
                timeouts, readBack, capacity, clusterRevision);
    }

    public OtaServerConfig withMissingHardwareVersion(MissingHardwareVersionPolicy policy) {
        return new OtaServerConfig(serverEui64, blockSizeCap, pageRequestsSupported, waitForDataForm,
                minimumBlockPeriod, waitForDataDelay, waitForDataTimeForm, utcAtZero, activation, downgrade, policy,
                wildcardImagesMatchAll, excludedDeviceClasses, maxConcurrentTransfers, timeouts, readBack, capacity,
                clusterRevision);
    }

    public OtaServerConfig withWildcardImagesMatchAll(boolean on) {
        return new OtaServerConfig(serverEui64, blockSizeCap, pageRequestsSupported, waitForDataForm,
                minimumBlockPeriod, waitForDataDelay, waitForDataTimeForm, utcAtZero, activation, downgrade,
                missingHardwareVersion, on, excludedDeviceClasses, maxConcurrentTransfers, timeouts, readBack,
                capacity, clusterRevision);
    }

    public OtaServerConfig withExcludedDeviceClasses(Set<DeviceClass> classes) {
        return new OtaServerConfig(serverEui64, blockSizeCap, pageRequestsSupported, waitForDataForm,
                minimumBlockPeriod, waitForDataDelay, waitForDataTimeForm, utcAtZero, activation, downgrade,
                missingHardwareVersion, wildcardImagesMatchAll, classes, maxConcurrentTransfers, timeouts, readBack,
                capacity, clusterRevision);
    }

    public OtaServerConfig withMaxConcurrentTransfers(int n) {
        return new OtaServerConfig(serverEui64, blockSizeCap, pageRequestsSupported, waitForDataForm,
                minimumBlockPeriod, waitForDataDelay, waitForDataTimeForm, utcAtZero, activation, downgrade,
                missingHardwareVersion, wildcardImagesMatchAll, excludedDeviceClasses, n, timeouts, readBack,
                capacity, clusterRevision);
    }

    public OtaServerConfig withTimeouts(Timeouts t) {
        return new OtaServerConfig(serverEui64, blockSizeCap, pageRequestsSupported, waitForDataForm,
                minimumBlockPeriod, waitForDataDelay, waitForDataTimeForm, utcAtZero, activation, downgrade,
                missingHardwareVersion, wildcardImagesMatchAll, excludedDeviceClasses, maxConcurrentTransfers, t,
                readBack, capacity, clusterRevision);
    }

    public OtaServerConfig withReadBack(ReadBack r) {
        return new OtaServerConfig(serverEui64, blockSizeCap, pageRequestsSupported, waitForDataForm,
                minimumBlockPeriod, waitForDataDelay, waitForDataTimeForm, utcAtZero, activation, downgrade,
                missingHardwareVersion, wildcardImagesMatchAll, excludedDeviceClasses, maxConcurrentTransfers,
                timeouts, r, capacity, clusterRevision);
    }

    public OtaServerConfig withCapacity(Capacity c) {
        return new OtaServerConfig(serverEui64, blockSizeCap, pageRequestsSupported, waitForDataForm,
                minimumBlockPeriod, waitForDataDelay, waitForDataTimeForm, utcAtZero, activation, downgrade,
                missingHardwareVersion, wildcardImagesMatchAll, excludedDeviceClasses, maxConcurrentTransfers,
                timeouts, readBack, c, clusterRevision);
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
