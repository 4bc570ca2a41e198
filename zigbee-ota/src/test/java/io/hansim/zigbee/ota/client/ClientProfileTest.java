package io.hansim.zigbee.ota.client;

import io.hansim.zigbee.ota.image.DeterministicEcdsa;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The profile: defaults from zigbee-ota.md §5, range checks, the MinimumBlockPeriod unit rule (§5.4). */
class ClientProfileTest {

    private static ClientProfile.Builder minimal() {
        return ClientProfile.builder().upgradeServer(1).manufacturerCode(0x121D).imageType(0x0084);
    }

    @Test
    void defaultsFollowTheDocumentedImplementations() {
        ClientProfile p = minimal().build();
        assertEquals(64, p.transfer().maximumDataSize());
        assertEquals(3, p.transfer().clusterRevision());
        assertEquals(MinimumBlockPeriodUnit.MILLISECONDS, p.transfer().minimumBlockPeriodUnit());
        assertEquals(Duration.ofMillis(20), p.transfer().responseSpacing());
        assertEquals(Duration.ofMinutes(5), p.timing().startDelayMax());
        assertEquals(Duration.ofMinutes(60), p.timing().queryInterval());
        assertEquals(10, p.timing().upgradeEndRetries());
        assertEquals(Duration.ofSeconds(3), p.activation().minimumRebootDelay());
        assertEquals(UpgradeActivationPolicy.OTA_SERVER_ACTIVATION_ALLOWED, p.activation().policy());
        assertEquals(UpgradeTimeoutPolicy.APPLY_AFTER_TIMEOUT, p.activation().timeoutPolicy());
        assertEquals(ImageUpgradeStatus.WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT, p.activation().externalWaitStatus());
        assertTrue(p.quirks().enabled().isEmpty());
        assertEquals(Duration.ofSeconds(31), p.quirks().slowVerifyDuration());
    }

    @Test
    void clusterRevision2MeansSecondsUnlessAUnitIsChosen() {
        assertEquals(MinimumBlockPeriodUnit.SECONDS, unit(minimal().clusterRevision(2)));
        assertEquals(MinimumBlockPeriodUnit.MILLISECONDS, unit(minimal().clusterRevision(1)));
        assertEquals(MinimumBlockPeriodUnit.IGNORED, unit(minimal().clusterRevision(2)
                .minimumBlockPeriodUnit(MinimumBlockPeriodUnit.IGNORED)));
        // toBuilder keeps a chosen unit but lets a new revision decide a derived one
        assertEquals(MinimumBlockPeriodUnit.SECONDS, unit(minimal().build().toBuilder().clusterRevision(2)));
        assertEquals(MinimumBlockPeriodUnit.IGNORED, unit(minimal().minimumBlockPeriodUnit(MinimumBlockPeriodUnit.IGNORED)
                .build().toBuilder().clusterRevision(2)));
    }

    private static MinimumBlockPeriodUnit unit(ClientProfile.Builder b) {
        return b.build().transfer().minimumBlockPeriodUnit();
    }

    @Test
    void theFlatMicrosecondSettersAndTheDurationPartsBuildTheSameProfile() {
        ClientProfile flat = minimal().queryInterval(90 * ClientProfile.SECOND).startDelayMax(0).responseTimeout(1_500)
                .pageTimeout(7 * ClientProfile.SECOND).retryBackoff(ClientProfile.MILLISECOND)
                .upgradeEndReaskInterval(ClientProfile.HOUR).waitForDataFallback(1).upgradeTimeFallback(2)
                .blockRequestDelay(250 * ClientProfile.MILLISECOND).responseSpacing(7).minimumRebootDelay(0)
                .slowVerifyDuration(ClientProfile.MINUTE).build();
        ClientProfile nested = minimal()
                .timing(t -> t.queryInterval(Duration.ofSeconds(90)).startDelayMax(Duration.ZERO)
                        .responseTimeout(Duration.ofNanos(1_500_000)).pageTimeout(Duration.ofSeconds(7))
                        .retryBackoff(Duration.ofMillis(1)).upgradeEndReaskInterval(Duration.ofHours(1))
                        .waitForDataFallback(Duration.ofNanos(1_000)).upgradeTimeFallback(Duration.ofNanos(2_000)))
                .transfer(t -> t.blockRequestDelay(Duration.ofMillis(250)).responseSpacing(Duration.ofMillis(7)))
                .activation(a -> a.minimumRebootDelay(Duration.ZERO))
                .quirks(q -> q.slowVerifyDuration(Duration.ofMinutes(1)))
                .build();
        assertEquals(flat, nested);
        assertEquals(90 * ClientProfile.SECOND, flat.effectiveQueryInterval());
        assertEquals(7, flat.transfer().responseSpacingMillis());
    }

    @Test
    void toBuilderSharesThePartsThatDidNotChange() {
        ClientProfile p = ClientHarness.profile().build();
        ClientProfile q = p.toBuilder().ieeeAddress(0x1234).build();
        assertEquals(java.util.OptionalLong.of(0x1234), q.identity().ieeeAddress());
        assertSame(p.transfer(), q.transfer());
        assertSame(p.timing(), q.timing());
        assertSame(p.activation(), q.activation());
        assertSame(p.trust(), q.trust());
        assertSame(p.quirks(), q.quirks());
        assertEquals(p.identity().manufacturerCode(), q.identity().manufacturerCode());
    }

    @Test
    void aWholePartReplacesTheFlatChangesMadeToItBefore() {
        ClientProfile.Timing t = ClientProfile.Timing.builder().queryRetries(7).build();
        ClientProfile p = minimal().queryRetries(1).timing(t).build();
        assertSame(t, p.timing());
        assertEquals(7, p.timing().queryRetries());
        assertEquals(2, minimal().timing(t).queryRetries(2).build().timing().queryRetries(), "flat after whole: changes it");
    }

    @Test
    void durationsMustBeWholeMicrosecondsThatVirtualTimeCanCount() {
        assertThrows(IllegalArgumentException.class,
                () -> minimal().timing(t -> t.responseTimeout(Duration.ofNanos(1_500))).build());
        assertThrows(IllegalArgumentException.class,
                () -> minimal().timing(t -> t.queryInterval(Duration.ofSeconds(Long.MAX_VALUE))).build());
        assertThrows(IllegalArgumentException.class,
                () -> minimal().timing(t -> t.retryBackoff(Duration.ofSeconds(-1))).build());
        assertThrows(NullPointerException.class, () -> minimal().timing(t -> t.pageTimeout(null)).build());
        assertThrows(IllegalArgumentException.class,
                () -> minimal().transfer(t -> t.responseSpacing(Duration.ofNanos(1_500_000))).build());
        assertThrows(IllegalArgumentException.class,
                () -> minimal().transfer(t -> t.responseSpacing(Duration.ofMillis(0x10000))).build());
        // every long number of microseconds the flat setters took before is still taken
        assertEquals(Long.MAX_VALUE, minimal().queryInterval(Long.MAX_VALUE).build().effectiveQueryInterval());
        assertEquals(0xFFFF, minimal().responseSpacing(0xFFFF).build().transfer().responseSpacingMillis());
    }

    @Test
    void toBuilderRoundTrips() {
        ClientProfile p = ClientHarness.profile().quirk(ClientQuirk.SLOW_VERIFY).imageParts(2).pageRequests(true).build();
        assertEquals(p, p.toBuilder().build());
    }

    @Test
    void aggressiveQueryForcesFiveMinutes() {
        assertEquals(5 * ClientProfile.MINUTE, minimal().queryInterval(ClientProfile.HOUR)
                .quirk(ClientQuirk.AGGRESSIVE_QUERY).build().effectiveQueryInterval());
    }

    @Test
    void theUpgradeServerIsRequired() {
        assertThrows(IllegalStateException.class, () -> ClientProfile.builder().build());
    }

    @Test
    void valuesOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> minimal().maximumDataSize(0).build());
        assertThrows(IllegalArgumentException.class, () -> minimal().maximumDataSize(256).build());
        assertThrows(IllegalArgumentException.class, () -> minimal().manufacturerCode(0x10000).build());
        assertThrows(IllegalArgumentException.class, () -> minimal().currentFileVersion(-1).build());
        assertThrows(IllegalArgumentException.class, () -> minimal().externalWaitStatus(ImageUpgradeStatus.COUNT_DOWN).build());
        assertThrows(IllegalArgumentException.class, () -> minimal().sendRequestNodeAddress(true).build());
        assertThrows(IllegalArgumentException.class, () -> minimal().responseTimeout(0).build());
        assertThrows(IllegalArgumentException.class, () -> minimal().imageParts(0).build());
        assertThrows(IllegalArgumentException.class, () -> minimal().droppedBlockResponsePercent(101).build());
        assertThrows(IllegalArgumentException.class, () -> minimal().maxImageSize(ClientProfile.MAX_IMAGE_SIZE_LIMIT + 1).build());
    }

    @Test
    void theTrustedKeyMustBeP256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        var p384 = g.generateKeyPair().getPublic();
        assertThrows(IllegalArgumentException.class, () -> minimal().trustedKey(p384).build());
        minimal().trustedKey(DeterministicEcdsa.keyPairFromSeed("k", 1).getPublic()).build();
    }

    @Test
    void persistedDownloadChecksItsOffsets() {
        ImageIdentity id = new ImageIdentity(1, 2, 3);
        assertThrows(IllegalArgumentException.class,
                () -> new PersistedDownload(id, 100, 101, java.util.List.of(), io.hansim.zigbee.zcl.Bytes.EMPTY));
        assertEquals(0, new PersistedDownload(id, 100, 50, java.util.List.of(), io.hansim.zigbee.zcl.Bytes.EMPTY)
                .resumeOffset());
        assertThrows(IllegalArgumentException.class, () -> new ImageIdentity(0x10000, 0, 0));
    }
}
