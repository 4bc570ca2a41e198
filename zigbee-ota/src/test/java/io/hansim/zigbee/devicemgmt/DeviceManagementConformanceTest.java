package io.hansim.zigbee.devicemgmt;

import io.hansim.zigbee.SharedData;
import io.hansim.zigbee.devicemgmt.DeviceManagementCommand.PublishChangeOfTenancy;
import io.hansim.zigbee.zcl.DefaultResponse;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * R56.7 against frames nobody here wrote: the ZCL frames inside the GBZ components of the RTDS 4.5.0
 * GCS09 vectors ({@code vectors/gbcs/rtds-4.5.0/3.2_GCS09*}), read in place. Commands must decode as
 * Publish Change of Tenancy with the values gbcs.md §8.2 gives and re-encode to the same bytes;
 * responses are Default Responses for command 0x00. Fails, never skips, without
 * {@code -Dhansim.shared} (DESIGN.md §6).
 *
 * <p>zigbee-ota does not depend on gbcs-codec, so the GBZ component is found here by its layout
 * (gbcs.md §5): profile 0x0109, component count, Extended Header Control, cluster 0x0708 and a
 * two-byte length, all big-endian, then the ZCL frame (after a From Date Time when control bit
 * 0x10 is set).
 */
@Tag("conformance")
class DeviceManagementConformanceTest {
    private static final String VECTORS = "vectors/gbcs/rtds-4.5.0";

    @Test
    void r56_7_rtdsGcs09FramesDecode() throws IOException {
        Path root = SharedData.root().resolve(VECTORS);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("3.2_GCS09")).toList()) {
                try (Stream<Path> hexFiles = Files.list(dir)) {
                    hexFiles.filter(f -> f.toString().endsWith(".HEX")).forEach(files::add);
                }
            }
        }
        assertFalse(files.isEmpty(), "no GCS09 vectors under " + root);
        int commands = 0;
        int responses = 0;
        for (Path file : files) {
            byte[] message = HexFormat.of().parseHex(Files.readString(file).trim());
            byte[] zcl = zclOfDeviceManagementComponent(message, file);
            String name = file.getFileName().toString();
            if (name.contains("_COMMAND")) {
                DeviceManagementFrame f = DeviceManagementCodec.decode(zcl);
                PublishChangeOfTenancy p = assertInstanceOf(PublishChangeOfTenancy.class, f.command(), name);
                assertEquals(0L, p.providerId(), name);
                assertEquals(0, p.tariffType(), name);
                assertEquals(0x200L, p.proposedTenancyChangeControl(), name);
                assertTrue(p.control().has(TenancyChangeControl.Bit.CLEAR_IHD_DATA_CONSUMER), name);
                assertArrayEquals(zcl, DeviceManagementCodec.encode(f), name);
                commands++;
            } else if (name.contains("_RESPONSE")) {
                var r = GeneralCommandCodec.decode(zcl);
                assertEquals(new DefaultResponse(0x00, ZclStatus.SUCCESS), r.command(), name);
                var e = assertThrows(ZclDecodeException.class, () -> DeviceManagementCodec.decode(zcl));
                assertEquals("FrameType", e.field());
                responses++;
            } else {
                fail("unexpected vector " + file);
            }
        }
        assertTrue(commands >= 1 && responses >= 1, "commands " + commands + ", responses " + responses);
    }

    /** The ZCL frame of the only GBZ component for cluster 0x0708 in {@code message}. */
    static byte[] zclOfDeviceManagementComponent(byte[] m, Path file) {
        byte[] found = null;
        for (int i = 0; i + 8 <= m.length; i++) {
            boolean header = (m[i] & 0xFF) == 0x01 && (m[i + 1] & 0xFF) == 0x09
                    && (m[i + 4] & 0xFF) == 0x07 && (m[i + 5] & 0xFF) == 0x08;
            if (!header) {
                continue;
            }
            int control = m[i + 3] & 0xFF;
            int length = ((m[i + 6] & 0xFF) << 8) | (m[i + 7] & 0xFF);
            int start = i + 8 + ((control & 0x10) != 0 ? 4 : 0);
            if (start + length > m.length) {
                continue;
            }
            if (found != null) {
                fail("more than one Device Management component in " + file);
            }
            found = Arrays.copyOfRange(m, start, start + length);
        }
        if (found == null) {
            fail("no GBZ component for cluster 0x0708 in " + file);
        }
        return found;
    }
}
