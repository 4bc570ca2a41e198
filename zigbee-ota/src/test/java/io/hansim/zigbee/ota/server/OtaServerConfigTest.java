package io.hansim.zigbee.ota.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link OtaServerConfig} as records by concern with one builder; {@link UtcClock}. */
class OtaServerConfigTest {
    private static final long CH = 0x00D0_0000_0000_0001L;

    @Test
    void defaultsAreTheDocumentedValues() {
        OtaServerConfig c = OtaServerConfig.defaults(CH);
        assertEquals(new OtaServerConfig.Identity(CH, 3), c.identity());
        assertEquals(new OtaServerConfig.Transfer(40, true, 0), c.transfer());
        assertEquals(new OtaServerConfig.WaitForData(OtaServerConfig.WaitForDataForm.WITH_MINIMUM_BLOCK_PERIOD, 0,
                Duration.ofSeconds(10), OtaServerConfig.TimeForm.RELATIVE), c.waitForData());
        assertEquals(new OtaServerConfig.Offers(OtaServerConfig.DowngradePolicy.NEWER_ONLY,
                OtaServerConfig.MissingHardwareVersionPolicy.SERVE, false), c.offers());
        assertEquals(ActivationPolicy.now(), c.activation());
        assertEquals(OtaServerConfig.Timeouts.DEFAULT, c.timeouts());
        assertEquals(OtaServerConfig.ReadBack.DEFAULT, c.readBack());
        assertEquals(OtaServerConfig.Capacity.DEFAULT, c.capacity());
        assertEquals(c, OtaServerConfig.builder(CH).build());
        assertEquals(c, c.toBuilder().build());
    }

    @Test
    void theBuilderChangesOneValueAndKeepsTheRest() {
        OtaServerConfig c = OtaServerConfig.defaults(CH).toBuilder().blockSizeCap(64).maxConcurrentTransfers(2)
                .downgrade(OtaServerConfig.DowngradePolicy.ALLOW_DOWNGRADE).clusterRevision(4).build();
        assertEquals(new OtaServerConfig.Transfer(64, true, 2), c.transfer());
        assertEquals(OtaServerConfig.DowngradePolicy.ALLOW_DOWNGRADE, c.offers().downgrade());
        assertEquals(new OtaServerConfig.Identity(CH, 4), c.identity());
        assertEquals(OtaServerConfig.defaults(CH).waitForData(), c.waitForData());
        // The with... shorthands are the same builder calls.
        assertEquals(OtaServerConfig.defaults(CH).withBlockSizeCap(64).transfer().blockSizeCap(), 64);
        OtaServerConfig moved = c.withServerEui64(0x1234L);
        assertEquals(0x1234L, moved.serverEui64());
        assertEquals(c.transfer(), moved.transfer());
        assertNotEquals(c, moved);
    }

    @Test
    void outOfRangeValuesAreRefusedWithTheirName() {
        var b = OtaServerConfig.builder(CH);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.blockSizeCap(0).build()).getMessage()
                .contains("blockSizeCap"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> OtaServerConfig.builder(CH).maxConcurrentTransfers(-1).build()).getMessage()
                .contains("maxConcurrentTransfers"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> OtaServerConfig.builder(CH).clusterRevision(0x10000).build()).getMessage()
                .contains("clusterRevision"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new OtaServerConfig.WaitForData(
                OtaServerConfig.WaitForDataForm.WITH_MINIMUM_BLOCK_PERIOD, 0, Duration.ofMillis(1500),
                OtaServerConfig.TimeForm.UTC)).getMessage().contains("waitForDataDelay"));
        assertThrows(NullPointerException.class, () -> OtaServerConfig.builder(CH).activation(null).build());
    }

    @Test
    void theUtcClockCountsWholeSecondsFromItsOrigin() {
        UtcClock c = UtcClock.fromOrigin(1000);
        assertEquals(1000, c.utcTimeAt(0));
        assertEquals(1000, c.utcTimeAt(999_999));
        assertEquals(1001, c.utcTimeAt(1_000_000));
        assertEquals(UtcClock.DEFAULT_ORIGIN + 3600, UtcClock.DEFAULT.utcTimeAt(3600_000_000L));
        assertThrows(IllegalArgumentException.class, () -> UtcClock.fromOrigin(-1));
        assertThrows(IllegalArgumentException.class, () -> UtcClock.fromOrigin(0xFFFF_FFFFL));
    }
}
