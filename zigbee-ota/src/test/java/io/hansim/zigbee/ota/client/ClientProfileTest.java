package io.hansim.zigbee.ota.client;

import io.hansim.zigbee.ota.image.DeterministicEcdsa;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertEquals(64, p.maximumDataSize());
        assertEquals(3, p.clusterRevision());
        assertEquals(MinimumBlockPeriodUnit.MILLISECONDS, p.minimumBlockPeriodUnit());
        assertEquals(5 * ClientProfile.MINUTE, p.startDelayMax());
        assertEquals(60 * ClientProfile.MINUTE, p.queryInterval());
        assertEquals(10, p.upgradeEndRetries());
        assertEquals(3 * ClientProfile.SECOND, p.minimumRebootDelay());
        assertEquals(UpgradeActivationPolicy.OTA_SERVER_ACTIVATION_ALLOWED, p.activationPolicy());
        assertEquals(UpgradeTimeoutPolicy.APPLY_AFTER_TIMEOUT, p.timeoutPolicy());
        assertEquals(ImageUpgradeStatus.WAITING_TO_UPGRADE_VIA_EXTERNAL_EVENT, p.externalWaitStatus());
        assertTrue(p.quirks().isEmpty());
    }

    @Test
    void clusterRevision2MeansSecondsUnlessAUnitIsChosen() {
        assertEquals(MinimumBlockPeriodUnit.SECONDS, minimal().clusterRevision(2).build().minimumBlockPeriodUnit());
        assertEquals(MinimumBlockPeriodUnit.MILLISECONDS, minimal().clusterRevision(1).build().minimumBlockPeriodUnit());
        assertEquals(MinimumBlockPeriodUnit.IGNORED, minimal().clusterRevision(2)
                .minimumBlockPeriodUnit(MinimumBlockPeriodUnit.IGNORED).build().minimumBlockPeriodUnit());
        // toBuilder keeps a chosen unit but lets a new revision decide a derived one
        assertEquals(MinimumBlockPeriodUnit.SECONDS,
                minimal().build().toBuilder().clusterRevision(2).build().minimumBlockPeriodUnit());
        assertEquals(MinimumBlockPeriodUnit.IGNORED, minimal().minimumBlockPeriodUnit(MinimumBlockPeriodUnit.IGNORED)
                .build().toBuilder().clusterRevision(2).build().minimumBlockPeriodUnit());
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
