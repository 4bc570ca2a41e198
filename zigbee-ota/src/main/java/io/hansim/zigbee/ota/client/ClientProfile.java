package io.hansim.zigbee.ota.client;

import io.hansim.zigbee.ota.image.ImageFormat;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Everything that makes one OTA client device differ from another, as data (DESIGN.md §4), in six
 * small parts: its {@link Identity}, how it {@link Transfer}s an image, its {@link Timing} (timeouts,
 * intervals, retries), its {@link Activation} policies, what it {@link Trust}s, and the
 * {@link ClientQuirk}s of real devices it reproduces ({@link Quirks}). Times are {@link Duration}s.
 *
 * <p>One builder style at both levels: {@link #builder()} / {@link #toBuilder()} here, and
 * {@code Part.builder()} / {@code part.toBuilder()} for each part. The profile builder takes a part
 * whole ({@code .timing(t)}), changes some of it ({@code .timing(t -> t.queryInterval(...))}), or
 * takes the flat setters of earlier releases ({@code .queryInterval(micros)}) — kept as the migration
 * path; each changes only its part, and parts nobody touched are shared with the profile the
 * builder came from (a fleet of devices alike holds one copy of them). Decision 0021.
 *
 * <p>Defaults follow the implementations in zigbee-ota.md §5.6 where they agree, and Silicon Labs'
 * client where only it is documented; the ones no source confirms are marked (unconfirmed) and are
 * only defaults.
 *
 * @param name       a label for reports, e.g. {@code "ppmid-compliant"}
 * @param identity   who the client is and whom it trusts as server
 * @param transfer   block and page requests, sizes
 * @param timing     timeouts, intervals, retries
 * @param activation when a downloaded image runs
 * @param trust      signatures, image format, downgrade and local-upgrade policy
 * @param quirks     failures of real devices to reproduce
 */
public record ClientProfile(String name, Identity identity, Transfer transfer, Timing timing, Activation activation,
        Trust trust, Quirks quirks) {

    /** One millisecond in virtual microseconds (for the flat µs setters). */
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
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(transfer, "transfer");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(quirks, "quirks");
        if (transfer.sendRequestNodeAddress() && identity.ieeeAddress().isEmpty()) {
            throw new IllegalArgumentException("sendRequestNodeAddress needs the client's ieeeAddress");
        }
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
        return quirks.enabled().contains(quirk);
    }

    /**
     * The periodic query interval in force, virtual µs: {@link ClientQuirk#AGGRESSIVE_QUERY} makes it
     * 5 minutes.
     */
    public long effectiveQueryInterval() {
        return has(ClientQuirk.AGGRESSIVE_QUERY) ? ClientQuirk.AGGRESSIVE_QUERY_INTERVAL : micros(timing.queryInterval());
    }

    /** {@code d} in virtual microseconds; every profile duration is whole microseconds that fit a long. */
    static long micros(Duration d) {
        return d.getSeconds() * SECOND + d.getNano() / 1_000;
    }

    // =========================================================================================
    // The parts

    /**
     * Who the client is.
     *
     * @param upgradeServerEui64 the one OTA server this client trusts and talks to: the CH's EUI64,
     *                           the UpgradeServerID attribute (requirements R7.3)
     * @param ieeeAddress        the client's own EUI64, for RequestNodeAddress and the upgrade file
     *                           destination check; empty if the profile does not say
     * @param manufacturerCode   ManufacturerCode sent in queries and expected in offers
     * @param imageType          ImageType of the running firmware
     * @param currentFileVersion FileVersion of the firmware running at first power-on
     * @param hardwareVersion    (version &lt;&lt; 8) | revision; sent in Query Next Image Request and
     *                           checked against the header's range, when present
     * @param zigbeeStackVersion CurrentZigBeeStackVersion (default 2, Zigbee PRO)
     * @param imageStamp         ImageStamp of the running image; the attribute is supported only when
     *                           given (after an activation hansim uses the CRC-32 of the new OTA
     *                           file, unconfirmed what devices use)
     */
    public record Identity(long upgradeServerEui64, OptionalLong ieeeAddress, int manufacturerCode, int imageType,
            long currentFileVersion, OptionalInt hardwareVersion, int zigbeeStackVersion, OptionalLong imageStamp) {

        public Identity {
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
        }

        /** A builder with the defaults; the upgrade server has none and must be set. */
        public static Builder builder() {
            return new Builder();
        }

        public Builder toBuilder() {
            return new Builder(this);
        }

        /** Collects the values of an {@link Identity}. */
        public static final class Builder {
            private Long upgradeServerEui64;
            private OptionalLong ieeeAddress = OptionalLong.empty();
            private int manufacturerCode;
            private int imageType;
            private long currentFileVersion;
            private OptionalInt hardwareVersion = OptionalInt.empty();
            private int zigbeeStackVersion = 2;
            private OptionalLong imageStamp = OptionalLong.empty();

            private Builder() {
            }

            private Builder(Identity p) {
                upgradeServerEui64 = p.upgradeServerEui64;
                ieeeAddress = p.ieeeAddress;
                manufacturerCode = p.manufacturerCode;
                imageType = p.imageType;
                currentFileVersion = p.currentFileVersion;
                hardwareVersion = p.hardwareVersion;
                zigbeeStackVersion = p.zigbeeStackVersion;
                imageStamp = p.imageStamp;
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

            /**
             * The identity.
             *
             * @throws IllegalStateException    if no upgrade server was given
             * @throws IllegalArgumentException if a value is out of range
             */
            public Identity build() {
                if (upgradeServerEui64 == null) {
                    throw new IllegalStateException("the upgrade server (the CH's EUI64, R7.3) is required");
                }
                return new Identity(upgradeServerEui64, ieeeAddress, manufacturerCode, imageType, currentFileVersion,
                        hardwareVersion, zigbeeStackVersion, imageStamp);
            }
        }
    }

    /**
     * How the client fetches an image.
     *
     * @param clusterRevision        OTA ClusterRevision (0xFFFD), default 3; decides the
     *                               MinimumBlockPeriod unit unless one is chosen
     * @param maximumDataSize        MaximumDataSize of block requests, 1..255 (default 64: ZBOSS,
     *                               Nordic, Espressif; zigbee-ota.md §6)
     * @param minimumBlockPeriodUnit unit of the MinimumBlockPeriod; by default the one
     *                               {@link MinimumBlockPeriodUnit#forClusterRevision} gives
     * @param sendRequestNodeAddress put RequestNodeAddress in block and page requests (needs the
     *                               identity's {@code ieeeAddress})
     * @param blockRequestDelay      the client's own pause between blocks (Silicon Labs' "block
     *                               delay", default 0); the larger of it and MinimumBlockPeriod applies
     * @param pageRequests           use Image Page Requests (zigbee-ota.md §5.7), falling back to
     *                               block requests on UNSUP_CLUSTER_COMMAND or a page timeout
     * @param pageSize               PageSize of page requests (default 1024, Silicon Labs)
     * @param responseSpacing        ResponseSpacing of page requests, whole milliseconds up to 65 535
     *                               (default 20 ms, unconfirmed)
     * @param maxImageSize           the largest image the device can store; a larger offer is
     *                               answered INSUFFICIENT_SPACE (default 4 MiB; R7.9 asks for 2 MiB)
     * @param imageParts             files that make one upgrade (R7.9): parts before the last are
     *                               answered REQUIRE_MORE_IMAGE (default 1)
     */
    public record Transfer(int clusterRevision, int maximumDataSize, MinimumBlockPeriodUnit minimumBlockPeriodUnit,
            boolean sendRequestNodeAddress, Duration blockRequestDelay, boolean pageRequests, int pageSize,
            Duration responseSpacing, long maxImageSize, int imageParts) {

        public Transfer {
            u16("clusterRevision", clusterRevision);
            if (maximumDataSize < 1 || maximumDataSize > 255) {
                throw new IllegalArgumentException("maximumDataSize must be 1..255: " + maximumDataSize);
            }
            Objects.requireNonNull(minimumBlockPeriodUnit, "minimumBlockPeriodUnit");
            nonNegative("blockRequestDelay", blockRequestDelay);
            if (pageSize < 1 || pageSize > 0xFFFF) {
                throw new IllegalArgumentException("pageSize must be 1..65535: " + pageSize);
            }
            Objects.requireNonNull(responseSpacing, "responseSpacing");
            if (responseSpacing.isNegative() || responseSpacing.compareTo(Duration.ofMillis(0xFFFF)) > 0
                    || responseSpacing.getNano() % 1_000_000 != 0) {
                throw new IllegalArgumentException(
                        "responseSpacing must be whole milliseconds 0..65535 (a u16 on the air): " + responseSpacing);
            }
            if (maxImageSize < 1 || maxImageSize > MAX_IMAGE_SIZE_LIMIT) {
                throw new IllegalArgumentException("maxImageSize must be 1.." + MAX_IMAGE_SIZE_LIMIT + ": " + maxImageSize);
            }
            if (imageParts < 1) {
                throw new IllegalArgumentException("imageParts must be at least 1: " + imageParts);
            }
        }

        /** ResponseSpacing as it goes on the air, in milliseconds. */
        public int responseSpacingMillis() {
            return (int) responseSpacing.toMillis();
        }

        public static Builder builder() {
            return new Builder();
        }

        public Builder toBuilder() {
            return new Builder(this);
        }

        /** Collects the values of a {@link Transfer}. */
        public static final class Builder {
            private int clusterRevision = 3;
            private int maximumDataSize = 64;
            private MinimumBlockPeriodUnit minimumBlockPeriodUnit;
            private boolean sendRequestNodeAddress;
            private Duration blockRequestDelay = Duration.ZERO;
            private boolean pageRequests;
            private int pageSize = 1024;
            private Duration responseSpacing = Duration.ofMillis(20);
            private long maxImageSize = 4L * 1024 * 1024;
            private int imageParts = 1;

            private Builder() {
            }

            private Builder(Transfer p) {
                clusterRevision = p.clusterRevision;
                maximumDataSize = p.maximumDataSize;
                // Kept as explicit only when it differs from what the revision gives, so that a changed
                // ClusterRevision still decides the unit of a profile that never chose one.
                minimumBlockPeriodUnit = p.minimumBlockPeriodUnit == MinimumBlockPeriodUnit.forClusterRevision(
                        p.clusterRevision) ? null : p.minimumBlockPeriodUnit;
                sendRequestNodeAddress = p.sendRequestNodeAddress;
                blockRequestDelay = p.blockRequestDelay;
                pageRequests = p.pageRequests;
                pageSize = p.pageSize;
                responseSpacing = p.responseSpacing;
                maxImageSize = p.maxImageSize;
                imageParts = p.imageParts;
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

            public Builder blockRequestDelay(Duration value) {
                blockRequestDelay = value;
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

            public Builder responseSpacing(Duration value) {
                responseSpacing = value;
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

            /** @throws IllegalArgumentException if a value is out of range */
            public Transfer build() {
                MinimumBlockPeriodUnit unit = minimumBlockPeriodUnit != null ? minimumBlockPeriodUnit
                        : MinimumBlockPeriodUnit.forClusterRevision(clusterRevision);
                return new Transfer(clusterRevision, maximumDataSize, unit, sendRequestNodeAddress, blockRequestDelay,
                        pageRequests, pageSize, responseSpacing, maxImageSize, imageParts);
            }
        }
    }

    /**
     * Timeouts, intervals and retries.
     *
     * @param queryInterval           between periodic Query Next Image Requests (default 60 min,
     *                                Nordic; Silicon Labs 5 min, ZBOSS 24 h)
     * @param startDelayMax           the first query after power-on waits a random 0..this (default
     *                                5 min, Silicon Labs)
     * @param responseTimeout         how long a request waits for its answer (default 5 s, Espressif)
     * @param pageTimeout             how long the client waits for the next block of a page
     *                                (default 5 s, Silicon Labs)
     * @param retryBackoff            pause before asking again after a timeout (default 2 s, Silicon Labs)
     * @param queryRetries            lost Query Next Image Responses retried before waiting for the
     *                                next periodic query (default 3, Espressif, unconfirmed for queries)
     * @param blockRetries            failed attempts at one block (timeouts, error answers) before the
     *                                client aborts the download (default 10, Silicon Labs)
     * @param upgradeEndRetries       unanswered Upgrade End Requests before UpgradeTimeoutPolicy
     *                                applies (default 10, Silicon Labs)
     * @param upgradeEndReaskInterval when told to wait (UpgradeTime 0xFFFFFFFF), ask again after this
     *                                (default 60 min, Silicon Labs)
     * @param waitForDataFallback     wait used when a WAIT_FOR_DATA carries an unusable time (default
     *                                5 min, Silicon Labs)
     * @param upgradeTimeFallback     delay used when UpgradeTime is before CurrentTime (default 60 min,
     *                                Silicon Labs)
     */
    public record Timing(Duration queryInterval, Duration startDelayMax, Duration responseTimeout,
            Duration pageTimeout, Duration retryBackoff, int queryRetries, int blockRetries, int upgradeEndRetries,
            Duration upgradeEndReaskInterval, Duration waitForDataFallback, Duration upgradeTimeFallback) {

        public Timing {
            positive("queryInterval", queryInterval);
            nonNegative("startDelayMax", startDelayMax);
            positive("responseTimeout", responseTimeout);
            positive("pageTimeout", pageTimeout);
            nonNegative("retryBackoff", retryBackoff);
            nonNegative("queryRetries", queryRetries);
            nonNegative("blockRetries", blockRetries);
            if (upgradeEndRetries < 1) {
                throw new IllegalArgumentException("upgradeEndRetries must be at least 1: " + upgradeEndRetries);
            }
            positive("upgradeEndReaskInterval", upgradeEndReaskInterval);
            nonNegative("waitForDataFallback", waitForDataFallback);
            nonNegative("upgradeTimeFallback", upgradeTimeFallback);
        }

        public static Builder builder() {
            return new Builder();
        }

        public Builder toBuilder() {
            return new Builder(this);
        }

        /** Collects the values of a {@link Timing}. */
        public static final class Builder {
            private Duration queryInterval = Duration.ofMinutes(60);
            private Duration startDelayMax = Duration.ofMinutes(5);
            private Duration responseTimeout = Duration.ofSeconds(5);
            private Duration pageTimeout = Duration.ofSeconds(5);
            private Duration retryBackoff = Duration.ofSeconds(2);
            private int queryRetries = 3;
            private int blockRetries = 10;
            private int upgradeEndRetries = 10;
            private Duration upgradeEndReaskInterval = Duration.ofMinutes(60);
            private Duration waitForDataFallback = Duration.ofMinutes(5);
            private Duration upgradeTimeFallback = Duration.ofMinutes(60);

            private Builder() {
            }

            private Builder(Timing p) {
                queryInterval = p.queryInterval;
                startDelayMax = p.startDelayMax;
                responseTimeout = p.responseTimeout;
                pageTimeout = p.pageTimeout;
                retryBackoff = p.retryBackoff;
                queryRetries = p.queryRetries;
                blockRetries = p.blockRetries;
                upgradeEndRetries = p.upgradeEndRetries;
                upgradeEndReaskInterval = p.upgradeEndReaskInterval;
                waitForDataFallback = p.waitForDataFallback;
                upgradeTimeFallback = p.upgradeTimeFallback;
            }

            public Builder queryInterval(Duration value) {
                queryInterval = value;
                return this;
            }

            public Builder startDelayMax(Duration value) {
                startDelayMax = value;
                return this;
            }

            public Builder responseTimeout(Duration value) {
                responseTimeout = value;
                return this;
            }

            public Builder pageTimeout(Duration value) {
                pageTimeout = value;
                return this;
            }

            public Builder retryBackoff(Duration value) {
                retryBackoff = value;
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

            public Builder upgradeEndReaskInterval(Duration value) {
                upgradeEndReaskInterval = value;
                return this;
            }

            public Builder waitForDataFallback(Duration value) {
                waitForDataFallback = value;
                return this;
            }

            public Builder upgradeTimeFallback(Duration value) {
                upgradeTimeFallback = value;
                return this;
            }

            /** @throws IllegalArgumentException if a value is out of range */
            public Timing build() {
                return new Timing(queryInterval, startDelayMax, responseTimeout, pageTimeout, retryBackoff, queryRetries,
                        blockRetries, upgradeEndRetries, upgradeEndReaskInterval, waitForDataFallback,
                        upgradeTimeFallback);
            }
        }
    }

    /**
     * When a downloaded image runs.
     *
     * @param policy             UpgradeActivationPolicy (0x000B)
     * @param timeoutPolicy      UpgradeTimeoutPolicy (0x000C)
     * @param externalWaitStatus ImageUpgradeStatus while waiting for out-of-band activation: 6
     *                           (default) or 3 (requirements R7.5; the value is unconfirmed)
     * @param minimumRebootDelay the least time between the decision to activate and the activation,
     *                           so the APS ACK and ZCL answers go out (default 3 s, Silicon Labs;
     *                           zigbee-ota.md §5.2)
     */
    public record Activation(UpgradeActivationPolicy policy, UpgradeTimeoutPolicy timeoutPolicy,
            ImageUpgradeStatus externalWaitStatus, Duration minimumRebootDelay) {

        public Activation {
            Objects.requireNonNull(policy, "activationPolicy");
            Objects.requireNonNull(timeoutPolicy, "timeoutPolicy");
            if (externalWaitStatus != ImageUpgradeStatus.WAITING_TO_UPGRADE
                    && externalWaitStatus != ImageUpgradeStatus.WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT) {
                throw new IllegalArgumentException("externalWaitStatus must be 3 or 6: " + externalWaitStatus);
            }
            nonNegative("minimumRebootDelay", minimumRebootDelay);
        }

        public static Builder builder() {
            return new Builder();
        }

        public Builder toBuilder() {
            return new Builder(this);
        }

        /** Collects the values of an {@link Activation}. */
        public static final class Builder {
            private UpgradeActivationPolicy policy = UpgradeActivationPolicy.OTA_SERVER_ACTIVATION_ALLOWED;
            private UpgradeTimeoutPolicy timeoutPolicy = UpgradeTimeoutPolicy.APPLY_AFTER_TIMEOUT;
            private ImageUpgradeStatus externalWaitStatus = ImageUpgradeStatus.WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT;
            private Duration minimumRebootDelay = Duration.ofSeconds(3);

            private Builder() {
            }

            private Builder(Activation p) {
                policy = p.policy;
                timeoutPolicy = p.timeoutPolicy;
                externalWaitStatus = p.externalWaitStatus;
                minimumRebootDelay = p.minimumRebootDelay;
            }

            public Builder policy(UpgradeActivationPolicy value) {
                policy = value;
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

            public Builder minimumRebootDelay(Duration value) {
                minimumRebootDelay = value;
                return this;
            }

            /** @throws IllegalArgumentException if a value is out of range */
            public Activation build() {
                return new Activation(policy, timeoutPolicy, externalWaitStatus, minimumRebootDelay);
            }
        }
    }

    /**
     * What the client accepts.
     *
     * @param trustedKey         P-256 public key every image must be GB-signed with (zigbee-ota.md
     *                           §8); empty: no signature check
     * @param imageFormat        how the client reads the file's body: {@link ImageFormat#GB} for GB
     *                           devices whose images may have no signature tail (the PPMID sample),
     *                           else {@link ImageFormat#AUTO}
     * @param gbSignaturePolicy  with a trusted key, whether an image in the SR 11.4 form (no signature
     *                           tail) is taken: {@link GbSignaturePolicy#REQUIRED} (default) or
     *                           {@link GbSignaturePolicy#IF_SIGNED}, the PPMID setting (G.6, decision 0014)
     * @param refuseDowngrades   refuse an image older than the running one with INVALID_IMAGE
     *                           (requirements R7.14; Silicon Labs {@code disableOtaDowngrades};
     *                           zigbee-ota.md §9 #25)
     * @param legacyLocalUpgrade the {@code legacy-local-upgrade} profile of requirements R7.3:
     *                           {@link ClientEvent.LocalUpgradeAttempt} is accepted
     */
    public record Trust(Optional<PublicKey> trustedKey, ImageFormat imageFormat, GbSignaturePolicy gbSignaturePolicy,
            boolean refuseDowngrades, boolean legacyLocalUpgrade) {

        public Trust {
            Objects.requireNonNull(trustedKey, "trustedKey");
            if (trustedKey.isPresent() && !(trustedKey.get() instanceof ECPublicKey ec
                    && ec.getParams().getCurve().getField().getFieldSize() == 256)) {
                throw new IllegalArgumentException("trustedKey must be a P-256 public key (GB images, zigbee-ota.md §8)");
            }
            Objects.requireNonNull(imageFormat, "imageFormat");
            Objects.requireNonNull(gbSignaturePolicy, "gbSignaturePolicy");
        }

        public static Builder builder() {
            return new Builder();
        }

        public Builder toBuilder() {
            return new Builder(this);
        }

        /** Collects the values of a {@link Trust}. */
        public static final class Builder {
            private Optional<PublicKey> trustedKey = Optional.empty();
            private ImageFormat imageFormat = ImageFormat.AUTO;
            private GbSignaturePolicy gbSignaturePolicy = GbSignaturePolicy.REQUIRED;
            private boolean refuseDowngrades;
            private boolean legacyLocalUpgrade;

            private Builder() {
            }

            private Builder(Trust p) {
                trustedKey = p.trustedKey;
                imageFormat = p.imageFormat;
                gbSignaturePolicy = p.gbSignaturePolicy;
                refuseDowngrades = p.refuseDowngrades;
                legacyLocalUpgrade = p.legacyLocalUpgrade;
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

            /** With a trusted key, whether an image in the SR 11.4 form (no signature tail) is taken (G.6). */
            public Builder gbSignaturePolicy(GbSignaturePolicy value) {
                gbSignaturePolicy = value;
                return this;
            }

            public Builder refuseDowngrades(boolean value) {
                refuseDowngrades = value;
                return this;
            }

            public Builder legacyLocalUpgrade(boolean value) {
                legacyLocalUpgrade = value;
                return this;
            }

            /** @throws IllegalArgumentException if the key is not P-256 */
            public Trust build() {
                return new Trust(trustedKey, imageFormat, gbSignaturePolicy, refuseDowngrades, legacyLocalUpgrade);
            }
        }
    }

    /**
     * Failures of real devices to reproduce (zigbee-ota.md §9), and their settings.
     *
     * @param enabled                     the quirks switched on
     * @param slowVerifyDuration          verification time with {@link ClientQuirk#SLOW_VERIFY}
     *                                    (default 31 s)
     * @param droppedBlockResponsePercent share of block responses {@link ClientQuirk#DROPS_BLOCK_RESPONSES}
     *                                    drops, 0..100 (default 5)
     */
    public record Quirks(Set<ClientQuirk> enabled, Duration slowVerifyDuration, int droppedBlockResponsePercent) {

        public Quirks {
            enabled = Collections.unmodifiableSet(
                    enabled.isEmpty() ? EnumSet.noneOf(ClientQuirk.class) : EnumSet.copyOf(enabled));
            nonNegative("slowVerifyDuration", slowVerifyDuration);
            if (droppedBlockResponsePercent < 0 || droppedBlockResponsePercent > 100) {
                throw new IllegalArgumentException(
                        "droppedBlockResponsePercent must be 0..100: " + droppedBlockResponsePercent);
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        public Builder toBuilder() {
            return new Builder(this);
        }

        /** Collects the values of a {@link Quirks}. */
        public static final class Builder {
            private final EnumSet<ClientQuirk> enabled = EnumSet.noneOf(ClientQuirk.class);
            private Duration slowVerifyDuration = Duration.ofSeconds(31);
            private int droppedBlockResponsePercent = 5;

            private Builder() {
            }

            private Builder(Quirks p) {
                enabled.addAll(p.enabled);
                slowVerifyDuration = p.slowVerifyDuration;
                droppedBlockResponsePercent = p.droppedBlockResponsePercent;
            }

            public Builder quirk(ClientQuirk quirk) {
                enabled.add(Objects.requireNonNull(quirk, "quirk"));
                return this;
            }

            public Builder noQuirks() {
                enabled.clear();
                return this;
            }

            public Builder slowVerifyDuration(Duration value) {
                slowVerifyDuration = value;
                return this;
            }

            public Builder droppedBlockResponsePercent(int value) {
                droppedBlockResponsePercent = value;
                return this;
            }

            /** @throws IllegalArgumentException if a value is out of range */
            public Quirks build() {
                return new Quirks(enabled, slowVerifyDuration, droppedBlockResponsePercent);
            }
        }
    }

    // =========================================================================================
    // Checks

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

    /** Not negative, whole microseconds, and at most Long.MAX_VALUE µs (virtual time is a long). */
    private static void nonNegative(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative: " + value);
        }
        if (value.getNano() % 1_000 != 0) {
            throw new IllegalArgumentException(field + " must be whole microseconds: " + value);
        }
        try {
            Math.addExact(Math.multiplyExact(value.getSeconds(), SECOND), value.getNano() / 1_000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + " is longer than virtual time can count: " + value);
        }
    }

    private static void positive(String field, Duration value) {
        nonNegative(field, value);
        if (value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive: " + value);
        }
    }

    private static Duration ofMicros(long micros) {
        return Duration.of(micros, ChronoUnit.MICROS);
    }

    // =========================================================================================
    // The builder

    /**
     * Collects a {@link ClientProfile}. Each part can be set whole, changed through its own builder,
     * or set field by field with the flat setters (times in virtual µs; the migration path from the
     * flat profile of earlier releases). Parts that were not changed are shared, not copied.
     */
    public static final class Builder {
        private String name = "ota-client";
        private Identity identity;
        private Transfer transfer;
        private Timing timing;
        private Activation activation;
        private Trust trust;
        private Quirks quirks;
        // A part's builder exists once something in the part changed; build() then builds it anew.
        private Identity.Builder identityB;
        private Transfer.Builder transferB;
        private Timing.Builder timingB;
        private Activation.Builder activationB;
        private Trust.Builder trustB;
        private Quirks.Builder quirksB;

        private Builder() {
            identityB = Identity.builder(); // no default identity: the upgrade server is required
            transfer = Transfer.builder().build();
            timing = Timing.builder().build();
            activation = Activation.builder().build();
            trust = Trust.builder().build();
            quirks = Quirks.builder().build();
        }

        private Builder(ClientProfile p) {
            name = p.name;
            identity = p.identity;
            transfer = p.transfer;
            timing = p.timing;
            activation = p.activation;
            trust = p.trust;
            quirks = p.quirks;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        // ---- whole parts, or a change to one

        public Builder identity(Identity value) {
            identity = Objects.requireNonNull(value, "identity");
            identityB = null;
            return this;
        }

        /** Changes some of the identity: {@code .identity(i -> i.currentFileVersion(v))}. */
        public Builder identity(Consumer<Identity.Builder> change) {
            change.accept(identityB());
            return this;
        }

        public Builder transfer(Transfer value) {
            transfer = Objects.requireNonNull(value, "transfer");
            transferB = null;
            return this;
        }

        public Builder transfer(Consumer<Transfer.Builder> change) {
            change.accept(transferB());
            return this;
        }

        public Builder timing(Timing value) {
            timing = Objects.requireNonNull(value, "timing");
            timingB = null;
            return this;
        }

        public Builder timing(Consumer<Timing.Builder> change) {
            change.accept(timingB());
            return this;
        }

        public Builder activation(Activation value) {
            activation = Objects.requireNonNull(value, "activation");
            activationB = null;
            return this;
        }

        public Builder activation(Consumer<Activation.Builder> change) {
            change.accept(activationB());
            return this;
        }

        public Builder trust(Trust value) {
            trust = Objects.requireNonNull(value, "trust");
            trustB = null;
            return this;
        }

        public Builder trust(Consumer<Trust.Builder> change) {
            change.accept(trustB());
            return this;
        }

        public Builder quirks(Quirks value) {
            quirks = Objects.requireNonNull(value, "quirks");
            quirksB = null;
            return this;
        }

        public Builder quirks(Consumer<Quirks.Builder> change) {
            change.accept(quirksB());
            return this;
        }

        private Identity.Builder identityB() {
            if (identityB == null) {
                identityB = identity.toBuilder();
            }
            return identityB;
        }

        private Transfer.Builder transferB() {
            if (transferB == null) {
                transferB = transfer.toBuilder();
            }
            return transferB;
        }

        private Timing.Builder timingB() {
            if (timingB == null) {
                timingB = timing.toBuilder();
            }
            return timingB;
        }

        private Activation.Builder activationB() {
            if (activationB == null) {
                activationB = activation.toBuilder();
            }
            return activationB;
        }

        private Trust.Builder trustB() {
            if (trustB == null) {
                trustB = trust.toBuilder();
            }
            return trustB;
        }

        private Quirks.Builder quirksB() {
            if (quirksB == null) {
                quirksB = quirks.toBuilder();
            }
            return quirksB;
        }

        // ---- flat setters: identity

        public Builder upgradeServer(long eui64) {
            identityB().upgradeServer(eui64);
            return this;
        }

        public Builder ieeeAddress(long eui64) {
            identityB().ieeeAddress(eui64);
            return this;
        }

        public Builder manufacturerCode(int value) {
            identityB().manufacturerCode(value);
            return this;
        }

        public Builder imageType(int value) {
            identityB().imageType(value);
            return this;
        }

        public Builder currentFileVersion(long value) {
            identityB().currentFileVersion(value);
            return this;
        }

        public Builder hardwareVersion(int value) {
            identityB().hardwareVersion(value);
            return this;
        }

        public Builder noHardwareVersion() {
            identityB().noHardwareVersion();
            return this;
        }

        public Builder zigbeeStackVersion(int value) {
            identityB().zigbeeStackVersion(value);
            return this;
        }

        public Builder imageStamp(long value) {
            identityB().imageStamp(value);
            return this;
        }

        // ---- flat setters: transfer

        /** Sets the ClusterRevision; unless a unit is set explicitly, it also decides the MinimumBlockPeriod unit. */
        public Builder clusterRevision(int value) {
            transferB().clusterRevision(value);
            return this;
        }

        public Builder maximumDataSize(int value) {
            transferB().maximumDataSize(value);
            return this;
        }

        public Builder minimumBlockPeriodUnit(MinimumBlockPeriodUnit value) {
            transferB().minimumBlockPeriodUnit(value);
            return this;
        }

        public Builder sendRequestNodeAddress(boolean value) {
            transferB().sendRequestNodeAddress(value);
            return this;
        }

        public Builder blockRequestDelay(long micros) {
            transferB().blockRequestDelay(ofMicros(micros));
            return this;
        }

        public Builder pageRequests(boolean value) {
            transferB().pageRequests(value);
            return this;
        }

        public Builder pageSize(int value) {
            transferB().pageSize(value);
            return this;
        }

        public Builder responseSpacing(int milliseconds) {
            transferB().responseSpacing(Duration.ofMillis(milliseconds));
            return this;
        }

        public Builder maxImageSize(long value) {
            transferB().maxImageSize(value);
            return this;
        }

        public Builder imageParts(int value) {
            transferB().imageParts(value);
            return this;
        }

        // ---- flat setters: timing (virtual µs)

        public Builder queryInterval(long micros) {
            timingB().queryInterval(ofMicros(micros));
            return this;
        }

        public Builder startDelayMax(long micros) {
            timingB().startDelayMax(ofMicros(micros));
            return this;
        }

        public Builder responseTimeout(long micros) {
            timingB().responseTimeout(ofMicros(micros));
            return this;
        }

        public Builder pageTimeout(long micros) {
            timingB().pageTimeout(ofMicros(micros));
            return this;
        }

        public Builder retryBackoff(long micros) {
            timingB().retryBackoff(ofMicros(micros));
            return this;
        }

        public Builder queryRetries(int value) {
            timingB().queryRetries(value);
            return this;
        }

        public Builder blockRetries(int value) {
            timingB().blockRetries(value);
            return this;
        }

        public Builder upgradeEndRetries(int value) {
            timingB().upgradeEndRetries(value);
            return this;
        }

        public Builder upgradeEndReaskInterval(long micros) {
            timingB().upgradeEndReaskInterval(ofMicros(micros));
            return this;
        }

        public Builder waitForDataFallback(long micros) {
            timingB().waitForDataFallback(ofMicros(micros));
            return this;
        }

        public Builder upgradeTimeFallback(long micros) {
            timingB().upgradeTimeFallback(ofMicros(micros));
            return this;
        }

        // ---- flat setters: activation

        public Builder minimumRebootDelay(long micros) {
            activationB().minimumRebootDelay(ofMicros(micros));
            return this;
        }

        public Builder activationPolicy(UpgradeActivationPolicy value) {
            activationB().policy(value);
            return this;
        }

        public Builder timeoutPolicy(UpgradeTimeoutPolicy value) {
            activationB().timeoutPolicy(value);
            return this;
        }

        public Builder externalWaitStatus(ImageUpgradeStatus value) {
            activationB().externalWaitStatus(value);
            return this;
        }

        // ---- flat setters: trust

        public Builder refuseDowngrades(boolean value) {
            trustB().refuseDowngrades(value);
            return this;
        }

        public Builder trustedKey(PublicKey key) {
            trustB().trustedKey(key);
            return this;
        }

        public Builder noTrustedKey() {
            trustB().noTrustedKey();
            return this;
        }

        public Builder imageFormat(ImageFormat value) {
            trustB().imageFormat(value);
            return this;
        }

        public Builder legacyLocalUpgrade(boolean value) {
            trustB().legacyLocalUpgrade(value);
            return this;
        }

        /** With a trusted key, whether an image in the SR 11.4 form (no signature tail) is taken (G.6). */
        public Builder gbSignaturePolicy(GbSignaturePolicy value) {
            trustB().gbSignaturePolicy(value);
            return this;
        }

        // ---- flat setters: quirks

        public Builder quirk(ClientQuirk quirk) {
            quirksB().quirk(quirk);
            return this;
        }

        public Builder noQuirks() {
            quirksB().noQuirks();
            return this;
        }

        public Builder slowVerifyDuration(long micros) {
            quirksB().slowVerifyDuration(ofMicros(micros));
            return this;
        }

        public Builder droppedBlockResponsePercent(int value) {
            quirksB().droppedBlockResponsePercent(value);
            return this;
        }

        /**
         * The profile.
         *
         * @throws IllegalStateException    if no upgrade server was given
         * @throws IllegalArgumentException if a value is out of range
         */
        public ClientProfile build() {
            return new ClientProfile(name, identityB == null ? identity : identityB.build(),
                    transferB == null ? transfer : transferB.build(), timingB == null ? timing : timingB.build(),
                    activationB == null ? activation : activationB.build(), trustB == null ? trust : trustB.build(),
                    quirksB == null ? quirks : quirksB.build());
        }
    }
}
