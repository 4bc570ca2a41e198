package io.hansim.zigbee.ota.client;

import io.hansim.zigbee.ota.image.ImageFormat;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Everything that makes one OTA client device differ from another, as data (DESIGN.md §4): its
 * identity, block size and pacing, timeouts and retries, activation and timeout policies, trust
 * anchors and the {@link ClientQuirk}s of real devices. Build one with {@link #builder()}; change
 * one with {@link #toBuilder()}.
 *
 * <p>All durations are virtual microseconds ({@link #SECOND} etc.). Defaults follow the
 * implementations in zigbee-ota.md §5.6 where they agree, and Silicon Labs' client where only it is
 * documented; the ones no source confirms are marked (unconfirmed) and are only defaults.
 *
 * @param name                        a label for reports, e.g. {@code "ppmid-compliant"}
 * @param upgradeServerEui64          the one OTA server this client trusts and talks to: the CH's
 *                                    EUI64, the UpgradeServerID attribute (requirements R7.3)
 * @param ieeeAddress                 the client's own EUI64, for RequestNodeAddress and the upgrade
 *                                    file destination check; empty if the profile does not say
 * @param manufacturerCode            ManufacturerCode sent in queries and expected in offers
 * @param imageType                   ImageType of the running firmware
 * @param currentFileVersion          FileVersion of the firmware running at first power-on
 * @param hardwareVersion             (version &lt;&lt; 8) | revision; sent in Query Next Image Request
 *                                    and checked against the header's range, when present
 * @param zigbeeStackVersion          CurrentZigBeeStackVersion (default 2, Zigbee PRO)
 * @param imageStamp                  ImageStamp of the running image; the attribute is supported
 *                                    only when given (after an activation hansim uses the CRC-32
 *                                    of the new OTA file, unconfirmed what devices use)
 * @param clusterRevision             OTA ClusterRevision (0xFFFD), default 3
 * @param maximumDataSize             MaximumDataSize of block requests, 1..255 (default 64: ZBOSS,
 *                                    Nordic, Espressif; zigbee-ota.md §6)
 * @param minimumBlockPeriodUnit      unit of the MinimumBlockPeriod; by default the one
 *                                    {@link MinimumBlockPeriodUnit#forClusterRevision} gives
 * @param sendRequestNodeAddress      put RequestNodeAddress in block and page requests (needs
 *                                    {@code ieeeAddress})
 * @param blockRequestDelay           the client's own pause between blocks (Silicon Labs' "block
 *                                    delay", default 0); the larger of it and MinimumBlockPeriod applies
 * @param pageRequests                use Image Page Requests (zigbee-ota.md §5.7), falling back to
 *                                    block requests on UNSUP_CLUSTER_COMMAND or a page timeout
 * @param pageSize                    PageSize of page requests (default 1024, Silicon Labs)
 * @param responseSpacing             ResponseSpacing of page requests in milliseconds (default 20,
 *                                    unconfirmed)
 * @param pageTimeout                 how long the client waits for the next block of a page
 *                                    (default 5 s, Silicon Labs)
 * @param queryInterval               between periodic Query Next Image Requests (default 60 min,
 *                                    Nordic; Silicon Labs 5 min, ZBOSS 24 h)
 * @param startDelayMax               the first query after power-on waits a random 0..this (default
 *                                    5 min, Silicon Labs)
 * @param responseTimeout             how long a request waits for its answer (default 5 s, Espressif)
 * @param retryBackoff                pause before asking again after a timeout (default 2 s, Silicon Labs)
 * @param queryRetries                lost Query Next Image Responses retried before waiting for the
 *                                    next periodic query (default 3, Espressif, unconfirmed for queries)
 * @param blockRetries                failed attempts at one block (timeouts, error answers) before
 *                                    the client aborts the download (default 10, Silicon Labs)
 * @param upgradeEndRetries           unanswered Upgrade End Requests before UpgradeTimeoutPolicy
 *                                    applies (default 10, Silicon Labs)
 * @param upgradeEndReaskInterval     when told to wait (UpgradeTime 0xFFFFFFFF), ask again after
 *                                    this (default 60 min, Silicon Labs)
 * @param waitForDataFallback         wait used when a WAIT_FOR_DATA carries an unusable time
 *                                    (default 5 min, Silicon Labs)
 * @param upgradeTimeFallback         delay used when UpgradeTime is before CurrentTime (default
 *                                    60 min, Silicon Labs)
 * @param minimumRebootDelay          the least time between the decision to activate and the
 *                                    activation, so the APS ACK and ZCL answers go out (default 3 s,
 *                                    Silicon Labs; zigbee-ota.md §5.2)
 * @param activationPolicy            UpgradeActivationPolicy (0x000B)
 * @param timeoutPolicy               UpgradeTimeoutPolicy (0x000C)
 * @param externalWaitStatus          ImageUpgradeStatus while waiting for out-of-band activation:
 *                                    6 (default) or 3 (requirements R7.5; the value is unconfirmed)
 * @param refuseDowngrades            refuse an image older than the running one with INVALID_IMAGE
 *                                    (requirements R7.14; Silicon Labs {@code disableOtaDowngrades};
 *                                    zigbee-ota.md §9 #25)
 * @param trustedKey                  P-256 public key every image must be GB-signed with
 *                                    (zigbee-ota.md §8); empty: no signature check
 * @param imageFormat                 how the client reads the file's body: {@link ImageFormat#GB}
 *                                    for GB devices whose images may have no signature tail (the
 *                                    PPMID sample), else {@link ImageFormat#AUTO}
 * @param maxImageSize                the largest image the device can store; a larger offer is
 *                                    answered INSUFFICIENT_SPACE (default 4 MiB; R7.9 asks for 2 MiB)
 * @param imageParts                  files that make one upgrade (R7.9): parts before the last are
 *                                    answered REQUIRE_MORE_IMAGE (default 1)
 * @param legacyLocalUpgrade          the {@code legacy-local-upgrade} profile of requirements R7.3:
 *                                    {@link ClientEvent.LocalUpgradeAttempt} is accepted
 * @param quirks                      failures of real devices to reproduce
 * @param slowVerifyDuration          verification time with {@link ClientQuirk#SLOW_VERIFY} (default 31 s)
 * @param droppedBlockResponsePercent share of block responses {@link ClientQuirk#DROPS_BLOCK_RESPONSES}
 *                                    drops, 0..100 (default 5)
 * @param gbSignaturePolicy           with a trusted key, whether an image in the SR 11.4 form (no
 *                                    signature tail) is taken: {@link GbSignaturePolicy#REQUIRED}
 *                                    (default) or {@link GbSignaturePolicy#IF_SIGNED}, the PPMID
 *                                    setting (G.6, decision 0014)
 */
public record ClientProfile(String name, long upgradeServerEui64, OptionalLong ieeeAddress, int manufacturerCode,
        int imageType, long currentFileVersion, OptionalInt hardwareVersion, int zigbeeStackVersion,
        OptionalLong imageStamp, int clusterRevision, int maximumDataSize,
        MinimumBlockPeriodUnit minimumBlockPeriodUnit, boolean sendRequestNodeAddress, long blockRequestDelay,
        boolean pageRequests, int pageSize, int responseSpacing, long pageTimeout, long queryInterval,
        long startDelayMax, long responseTimeout, long retryBackoff, int queryRetries, int blockRetries,
        int upgradeEndRetries, long upgradeEndReaskInterval, long waitForDataFallback, long upgradeTimeFallback,
        long minimumRebootDelay, UpgradeActivationPolicy activationPolicy, UpgradeTimeoutPolicy timeoutPolicy,
        ImageUpgradeStatus externalWaitStatus, boolean refuseDowngrades, Optional<PublicKey> trustedKey,
        ImageFormat imageFormat, long maxImageSize, int imageParts, boolean legacyLocalUpgrade,
        Set<ClientQuirk> quirks, long slowVerifyDuration, int droppedBlockResponsePercent,
        GbSignaturePolicy gbSignaturePolicy) {

    /** One millisecond in virtual microseconds. */
    public static final long MILLISECOND = 1_000L;
    /** One second in virtual microseconds. */
    public static final long SECOND = 1_000_000L;
    /** One minute in virtual microseconds. */
    public static final long MINUTE = 60 * SECOND;
    /** One hour in virtual microseconds. */
    public static final long HOUR = 60 * MINUTE;

    /** The largest image a client can hold: one Java array. */
    public static final long MAX_IMAGE_SIZE_LIMIT = Integer.MAX_VALUE - 8;

    public ClientProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ieeeAddress, "ieeeAddress");
        u16("manufacturerCode", manufacturerCode);
        u16("imageType", imageType);
        u32("currentFileVersion", currentFileVersion);
        Objects.requireNonNull(hardwareVersion, "hardwareVersion");
        if (hardwareVersion.isPresent()) {
            u16("hardwareVersion", hardwareVersion.getAsInt());
        }
        u16("zigbeeStackVersion", zigbeeStackVersion);
        Objects.requireNonNull(imageStamp, "imageStamp");
        if (imageStamp.isPresent()) {
            u32("imageStamp", imageStamp.getAsLong());
        }
        u16("clusterRevision", clusterRevision);
        if (maximumDataSize < 1 || maximumDataSize > 255) {
            throw new IllegalArgumentException("maximumDataSize must be 1..255: " + maximumDataSize);
        }
        Objects.requireNonNull(minimumBlockPeriodUnit, "minimumBlockPeriodUnit");
        if (sendRequestNodeAddress && ieeeAddress.isEmpty()) {
            throw new IllegalArgumentException("sendRequestNodeAddress needs the client's ieeeAddress");
        }
        if (pageSize < 1 || pageSize > 0xFFFF) {
            throw new IllegalArgumentException("pageSize must be 1..65535: " + pageSize);
        }
        u16("responseSpacing", responseSpacing);
        nonNegative("blockRequestDelay", blockRequestDelay);
        positive("pageTimeout", pageTimeout);
        positive("queryInterval", queryInterval);
        nonNegative("startDelayMax", startDelayMax);
        positive("responseTimeout", responseTimeout);
        nonNegative("retryBackoff", retryBackoff);
        nonNegative("queryRetries", queryRetries);
        nonNegative("blockRetries", blockRetries);
        if (upgradeEndRetries < 1) {
            throw new IllegalArgumentException("upgradeEndRetries must be at least 1: " + upgradeEndRetries);
        }
        positive("upgradeEndReaskInterval", upgradeEndReaskInterval);
        nonNegative("waitForDataFallback", waitForDataFallback);
        nonNegative("upgradeTimeFallback", upgradeTimeFallback);
        nonNegative("minimumRebootDelay", minimumRebootDelay);
        Objects.requireNonNull(activationPolicy, "activationPolicy");
        Objects.requireNonNull(timeoutPolicy, "timeoutPolicy");
        if (externalWaitStatus != ImageUpgradeStatus.WAITING_TO_UPGRADE
                && externalWaitStatus != ImageUpgradeStatus.WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT) {
            throw new IllegalArgumentException("externalWaitStatus must be 3 or 6: " + externalWaitStatus);
        }
        Objects.requireNonNull(trustedKey, "trustedKey");
        if (trustedKey.isPresent() && !(trustedKey.get() instanceof ECPublicKey ec
                && ec.getParams().getCurve().getField().getFieldSize() == 256)) {
            throw new IllegalArgumentException("trustedKey must be a P-256 public key (GB images, zigbee-ota.md §8)");
        }
        Objects.requireNonNull(imageFormat, "imageFormat");
        if (maxImageSize < 1 || maxImageSize > MAX_IMAGE_SIZE_LIMIT) {
            throw new IllegalArgumentException("maxImageSize must be 1.." + MAX_IMAGE_SIZE_LIMIT + ": " + maxImageSize);
        }
        if (imageParts < 1) {
            throw new IllegalArgumentException("imageParts must be at least 1: " + imageParts);
        }
        quirks = Collections.unmodifiableSet(quirks.isEmpty() ? EnumSet.noneOf(ClientQuirk.class) : EnumSet.copyOf(quirks));
        nonNegative("slowVerifyDuration", slowVerifyDuration);
        if (droppedBlockResponsePercent < 0 || droppedBlockResponsePercent > 100) {
            throw new IllegalArgumentException("droppedBlockResponsePercent must be 0..100: " + droppedBlockResponsePercent);
        }
        Objects.requireNonNull(gbSignaturePolicy, "gbSignaturePolicy");
    }

    /** A builder with the defaults; set at least the upgrade server, manufacturer and image type. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this profile's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether {@code quirk} is switched on. */
    public boolean has(ClientQuirk quirk) {
        return quirks.contains(quirk);
    }

    /** The periodic query interval in force: {@link ClientQuirk#AGGRESSIVE_QUERY} makes it 5 minutes. */
    public long effectiveQueryInterval() {
        return has(ClientQuirk.AGGRESSIVE_QUERY) ? ClientQuirk.AGGRESSIVE_QUERY_INTERVAL : queryInterval;
    }

    private static void u16(String field, int value) {
        if ((value & ~0xFFFF) != 0) {
            throw new IllegalArgumentException(field + " must be a u16: " + value);
        }
    }

    private static void u32(String field, long value) {
        if ((value & ~0xFFFF_FFFFL) != 0) {
            throw new IllegalArgumentException(field + " must be a u32: " + value);
        }
    }

    private static void nonNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative: " + value);
        }
    }

    private static void positive(String field, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive: " + value);
        }
    }

    /** Collects the values of a {@link ClientProfile}; every setter returns the builder. */
    public static final class Builder {
        private String name = "ota-client";
        private Long upgradeServerEui64;
        private OptionalLong ieeeAddress = OptionalLong.empty();
        private int manufacturerCode;
        private int imageType;
        private long currentFileVersion;
        private OptionalInt hardwareVersion = OptionalInt.empty();
        private int zigbeeStackVersion = 2;
        private OptionalLong imageStamp = OptionalLong.empty();
        private int clusterRevision = 3;
        private int maximumDataSize = 64;
        private MinimumBlockPeriodUnit minimumBlockPeriodUnit;
        private boolean sendRequestNodeAddress;
        private long blockRequestDelay;
        private boolean pageRequests;
        private int pageSize = 1024;
        private int responseSpacing = 20;
        private long pageTimeout = 5 * SECOND;
        private long queryInterval = 60 * MINUTE;
        private long startDelayMax = 5 * MINUTE;
        private long responseTimeout = 5 * SECOND;
        private long retryBackoff = 2 * SECOND;
        private int queryRetries = 3;
        private int blockRetries = 10;
        private int upgradeEndRetries = 10;
        private long upgradeEndReaskInterval = 60 * MINUTE;
        private long waitForDataFallback = 5 * MINUTE;
        private long upgradeTimeFallback = 60 * MINUTE;
        private long minimumRebootDelay = 3 * SECOND;
        private UpgradeActivationPolicy activationPolicy = UpgradeActivationPolicy.OTA_SERVER_ACTIVATION_ALLOWED;
        private UpgradeTimeoutPolicy timeoutPolicy = UpgradeTimeoutPolicy.APPLY_AFTER_TIMEOUT;
        private ImageUpgradeStatus externalWaitStatus = ImageUpgradeStatus.WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT;
        private boolean refuseDowngrades;
        private Optional<PublicKey> trustedKey = Optional.empty();
        private ImageFormat imageFormat = ImageFormat.AUTO;
        private long maxImageSize = 4L * 1024 * 1024;
        private int imageParts = 1;
        private boolean legacyLocalUpgrade;
        private final EnumSet<ClientQuirk> quirks = EnumSet.noneOf(ClientQuirk.class);
        private long slowVerifyDuration = 31 * SECOND;
        private int droppedBlockResponsePercent = 5;
        private GbSignaturePolicy gbSignaturePolicy = GbSignaturePolicy.REQUIRED;

        private Builder() {
        }

        private Builder(ClientProfile p) {
            name = p.name;
            upgradeServerEui64 = p.upgradeServerEui64;
            ieeeAddress = p.ieeeAddress;
            manufacturerCode = p.manufacturerCode;
            imageType = p.imageType;
            currentFileVersion = p.currentFileVersion;
            hardwareVersion = p.hardwareVersion;
            zigbeeStackVersion = p.zigbeeStackVersion;
            imageStamp = p.imageStamp;
            clusterRevision = p.clusterRevision;
            maximumDataSize = p.maximumDataSize;
            // Kept as explicit only when it differs from what the revision gives, so that a changed
            // ClusterRevision still decides the unit of a profile that never chose one.
            minimumBlockPeriodUnit = p.minimumBlockPeriodUnit == MinimumBlockPeriodUnit.forClusterRevision(p.clusterRevision)
                    ? null : p.minimumBlockPeriodUnit;
            sendRequestNodeAddress = p.sendRequestNodeAddress;
            blockRequestDelay = p.blockRequestDelay;
            pageRequests = p.pageRequests;
            pageSize = p.pageSize;
            responseSpacing = p.responseSpacing;
            pageTimeout = p.pageTimeout;
            queryInterval = p.queryInterval;
            startDelayMax = p.startDelayMax;
            responseTimeout = p.responseTimeout;
            retryBackoff = p.retryBackoff;
            queryRetries = p.queryRetries;
            blockRetries = p.blockRetries;
            upgradeEndRetries = p.upgradeEndRetries;
            upgradeEndReaskInterval = p.upgradeEndReaskInterval;
            waitForDataFallback = p.waitForDataFallback;
            upgradeTimeFallback = p.upgradeTimeFallback;
            minimumRebootDelay = p.minimumRebootDelay;
            activationPolicy = p.activationPolicy;
            timeoutPolicy = p.timeoutPolicy;
            externalWaitStatus = p.externalWaitStatus;
            refuseDowngrades = p.refuseDowngrades;
            trustedKey = p.trustedKey;
            imageFormat = p.imageFormat;
            maxImageSize = p.maxImageSize;
            imageParts = p.imageParts;
            legacyLocalUpgrade = p.legacyLocalUpgrade;
            quirks.addAll(p.quirks);
            slowVerifyDuration = p.slowVerifyDuration;
            droppedBlockResponsePercent = p.droppedBlockResponsePercent;
            gbSignaturePolicy = p.gbSignaturePolicy;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder upgradeServer(long eui64) {
            upgradeServerEui64 = eui64;
            return this;
        }

        public Builder ieeeAddress(long eui64) {
            ieeeAddress = OptionalLong.of(eui64);
            return this;
        }

        public Builder manufacturerCode(int value) {
            manufacturerCode = value;
            return this;
        }

        public Builder imageType(int value) {
            imageType = value;
            return this;
        }

        public Builder currentFileVersion(long value) {
            currentFileVersion = value;
            return this;
        }

        public Builder hardwareVersion(int value) {
            hardwareVersion = OptionalInt.of(value);
            return this;
        }

        public Builder noHardwareVersion() {
            hardwareVersion = OptionalInt.empty();
            return this;
        }

        public Builder zigbeeStackVersion(int value) {
            zigbeeStackVersion = value;
            return this;
        }

        public Builder imageStamp(long value) {
            imageStamp = OptionalLong.of(value);
            return this;
        }

        /** Sets the ClusterRevision; unless a unit is set explicitly, it also decides the MinimumBlockPeriod unit. */
        public Builder clusterRevision(int value) {
            clusterRevision = value;
            return this;
        }

        public Builder maximumDataSize(int value) {
            maximumDataSize = value;
            return this;
        }

        public Builder minimumBlockPeriodUnit(MinimumBlockPeriodUnit value) {
            minimumBlockPeriodUnit = value;
            return this;
        }

        public Builder sendRequestNodeAddress(boolean value) {
            sendRequestNodeAddress = value;
            return this;
        }

        public Builder blockRequestDelay(long micros) {
            blockRequestDelay = micros;
            return this;
        }

        public Builder pageRequests(boolean value) {
            pageRequests = value;
            return this;
        }

        public Builder pageSize(int value) {
            pageSize = value;
            return this;
        }

        public Builder responseSpacing(int milliseconds) {
            responseSpacing = milliseconds;
            return this;
        }

        public Builder pageTimeout(long micros) {
            pageTimeout = micros;
            return this;
        }

        public Builder queryInterval(long micros) {
            queryInterval = micros;
            return this;
        }

        public Builder startDelayMax(long micros) {
            startDelayMax = micros;
            return this;
        }

        public Builder responseTimeout(long micros) {
            responseTimeout = micros;
            return this;
        }

        public Builder retryBackoff(long micros) {
            retryBackoff = micros;
            return this;
        }

        public Builder queryRetries(int value) {
            queryRetries = value;
            return this;
        }

        public Builder blockRetries(int value) {
            blockRetries = value;
            return this;
        }

        public Builder upgradeEndRetries(int value) {
            upgradeEndRetries = value;
            return this;
        }

        public Builder upgradeEndReaskInterval(long micros) {
            upgradeEndReaskInterval = micros;
            return this;
        }

        public Builder waitForDataFallback(long micros) {
            waitForDataFallback = micros;
            return this;
        }

        public Builder upgradeTimeFallback(long micros) {
            upgradeTimeFallback = micros;
            return this;
        }

        public Builder minimumRebootDelay(long micros) {
            minimumRebootDelay = micros;
            return this;
        }

        public Builder activationPolicy(UpgradeActivationPolicy value) {
            activationPolicy = value;
            return this;
        }

        public Builder timeoutPolicy(UpgradeTimeoutPolicy value) {
            timeoutPolicy = value;
            return this;
        }

        public Builder externalWaitStatus(ImageUpgradeStatus value) {
            externalWaitStatus = value;
            return this;
        }

        public Builder refuseDowngrades(boolean value) {
            refuseDowngrades = value;
            return this;
        }

        public Builder trustedKey(PublicKey key) {
            trustedKey = Optional.of(key);
            return this;
        }

        public Builder noTrustedKey() {
            trustedKey = Optional.empty();
            return this;
        }

        public Builder imageFormat(ImageFormat value) {
            imageFormat = value;
            return this;
        }

        public Builder maxImageSize(long value) {
            maxImageSize = value;
            return this;
        }

        public Builder imageParts(int value) {
            imageParts = value;
            return this;
        }

        public Builder legacyLocalUpgrade(boolean value) {
            legacyLocalUpgrade = value;
            return this;
        }

        public Builder quirk(ClientQuirk quirk) {
            quirks.add(quirk);
            return this;
        }

        public Builder noQuirks() {
            quirks.clear();
            return this;
        }

        public Builder slowVerifyDuration(long micros) {
            slowVerifyDuration = micros;
            return this;
        }

        public Builder droppedBlockResponsePercent(int value) {
            droppedBlockResponsePercent = value;
            return this;
        }

        /** With a trusted key, whether an image in the SR 11.4 form (no signature tail) is taken (G.6). */
        public Builder gbSignaturePolicy(GbSignaturePolicy value) {
            gbSignaturePolicy = value;
            return this;
        }

        /**
         * The profile.
         *
         * @throws IllegalStateException    if no upgrade server was given
         * @throws IllegalArgumentException if a value is out of range
         */
        public ClientProfile build() {
            if (upgradeServerEui64 == null) {
                throw new IllegalStateException("the upgrade server (the CH's EUI64, R7.3) is required");
            }
            MinimumBlockPeriodUnit unit = minimumBlockPeriodUnit != null ? minimumBlockPeriodUnit
                    : MinimumBlockPeriodUnit.forClusterRevision(clusterRevision);
            return new ClientProfile(name, upgradeServerEui64, ieeeAddress, manufacturerCode, imageType,
                    currentFileVersion, hardwareVersion, zigbeeStackVersion, imageStamp, clusterRevision,
                    maximumDataSize, unit, sendRequestNodeAddress, blockRequestDelay, pageRequests, pageSize,
                    responseSpacing, pageTimeout, queryInterval, startDelayMax, responseTimeout, retryBackoff,
                    queryRetries, blockRetries, upgradeEndRetries, upgradeEndReaskInterval, waitForDataFallback,
                    upgradeTimeFallback, minimumRebootDelay, activationPolicy, timeoutPolicy, externalWaitStatus,
                    refuseDowngrades, trustedKey, imageFormat, maxImageSize, imageParts, legacyLocalUpgrade,
                    quirks, slowVerifyDuration, droppedBlockResponsePercent, gbSignaturePolicy);
        }
    }
}
