package io.hansim.zigbee.ota;

import io.hansim.zigbee.zcl.ZclStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.hansim.zigbee.ota.OtaAssertions.assertDecodeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Upgrade End Request and Response, zigbee-ota.md §2 rows 0x06 and 0x07, §5.2. */
class UpgradeEndTest {

    @ParameterizedTest
    @EnumSource(ZclStatus.class)
    void requestStatusMustBeOneTheCommandCarries(ZclStatus s) {
        boolean allowed = s == ZclStatus.SUCCESS || s == ZclStatus.INVALID_IMAGE
                || s == ZclStatus.REQUIRE_MORE_IMAGE || s == ZclStatus.ABORT;
        assertEquals(allowed, UpgradeEndRequest.isAllowed(s));
        String frame = String.format("010d06%02x3412785604030201", s.code());
        if (allowed) {
            assertEquals(new UpgradeEndRequest(s, 0x1234, 0x5678, 0x01020304L),
                    OtaCodec.decode(OtaAssertions.hex(frame)).command());
        } else {
            assertDecodeError(frame, "Status", 3);
            assertThrows(IllegalArgumentException.class, () -> new UpgradeEndRequest(s, 0, 0, 0));
        }
    }

    @Test
    void requestRanges() {
        assertThrows(IllegalArgumentException.class, () -> new UpgradeEndRequest(null, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new UpgradeEndRequest(ZclStatus.SUCCESS, 0x10000, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new UpgradeEndRequest(ZclStatus.SUCCESS, 0, 0, -1));
    }

    @Test
    void responseWaitForUpgradeCommand() {
        assertTrue(new UpgradeEndResponse(0, 0, 0, 0, 0xFFFFFFFFL).waitsForUpgradeCommand());
        assertFalse(new UpgradeEndResponse(0, 0, 0, 0, 0xFFFFFFFEL).waitsForUpgradeCommand());
        assertEquals(0xFFFFFFFFL, OtaCluster.UPGRADE_TIME_WAIT_FOR_UPGRADE_COMMAND);
    }

    @Test
    void responseRanges() {
        assertThrows(IllegalArgumentException.class, () -> new UpgradeEndResponse(0, 0, 0, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new UpgradeEndResponse(0, 0, 0, 0, 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> new UpgradeEndResponse(0, -1, 0, 0, 0));
    }

    @Test
    void responseTruncatedInUpgradeTime() {
        assertDecodeError("190e07 3412 7856 04030201 00000000 000000", "UpgradeTime", 15);
    }
}
