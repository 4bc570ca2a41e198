package io.hansim.zigbee.ota;

import io.hansim.zigbee.zcl.ZclStatus;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Hand-made valid frames, one for every command, form and optional-field combination, with the
 * value each must decode to and its field layout. The hex is written from the layouts in
 * zigbee-ota.md §1–§2 (little-endian), not produced by the codec under test.
 *
 * <p>The layout lists every field as {@code Name:size}; a trailing {@code ?} marks a field that
 * may be left off the end (WAIT_FOR_DATA's MinimumBlockPeriod). Truncation tests derive the
 * expected error of every cut from it.
 */
final class OtaSamples {
    static final int MFR = 0x1234;
    static final int TYPE = 0x5678;
    static final long VERSION = 0x01020304L;
    static final long CURRENT_VERSION = 0x01020300L;
    static final long IEEE = 0x0011223344556677L;

    static final String HEADER = "FrameControl:1 TransactionSequenceNumber:1 CommandIdentifier:1 ";
    static final String IMAGE_ID = "ManufacturerCode:2 ImageType:2 FileVersion:4 ";

    /** One sample frame. */
    record Sample(String name, String hex, OtaFrame frame, String layout) {
        byte[] bytes() {
            return HexFormat.of().parseHex(hex);
        }

        /** Field names and sizes, header included. */
        List<Field> fields() {
            List<Field> out = new ArrayList<>();
            int at = 0;
            for (String f : (HEADER + layout).trim().split("\\s+")) {
                String[] p = f.split(":");
                boolean optional = p[0].endsWith("?");
                String name = optional ? p[0].substring(0, p[0].length() - 1) : p[0];
                int size = Integer.parseInt(p[1]);
                out.add(new Field(name, at, size, optional));
                at += size;
            }
            return out;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    record Field(String name, int offset, int size, boolean optional) {
    }

    private static Sample s(String name, String hex, OtaFrame frame, String layout) {
        return new Sample(name, hex.replace(" ", ""), frame, layout);
    }

    private static OtaFrame f(int tsn, OtaCommand c) {
        return OtaFrame.of(tsn, c);
    }

    static List<Sample> all() {
        List<Sample> l = new ArrayList<>();
        // 0x00 Image Notify: PayloadType 0..3 (zigbee-ota.md §2 row 0x00). Server→client, 0x19.
        l.add(s("ImageNotify PT0", "19 01 00 00 64", f(1, ImageNotify.of(100)),
                "PayloadType:1 QueryJitter:1"));
        l.add(s("ImageNotify PT1", "19 01 00 01 32 3412", f(1, ImageNotify.of(50, MFR)),
                "PayloadType:1 QueryJitter:1 ManufacturerCode:2"));
        l.add(s("ImageNotify PT2", "19 01 00 02 01 3412 7856", f(1, ImageNotify.of(1, MFR, TYPE)),
                "PayloadType:1 QueryJitter:1 ManufacturerCode:2 ImageType:2"));
        l.add(s("ImageNotify PT3", "19 01 00 03 64 3412 7856 04030201", f(1, ImageNotify.of(100, MFR, TYPE, VERSION)),
                "PayloadType:1 QueryJitter:1 ManufacturerCode:2 ImageType:2 NewFileVersion:4"));
        l.add(s("ImageNotify unicast wanting a Default Response", "09 02 00 00 64",
                OtaFrame.of(2, ImageNotify.of(100), false), "PayloadType:1 QueryJitter:1"));
        l.add(s("ImageNotify wildcards", "19 03 00 03 64 ffff ffff ffffffff",
                f(3, ImageNotify.of(100, 0xFFFF, 0xFFFF, 0xFFFFFFFFL)),
                "PayloadType:1 QueryJitter:1 ManufacturerCode:2 ImageType:2 NewFileVersion:4"));

        // 0x01 Query Next Image Request: FieldControl bit 0 = HardwareVersion.
        l.add(s("QueryNextImageRequest fc0", "01 04 01 00 3412 7856 00030201",
                f(4, QueryNextImageRequest.of(MFR, TYPE, CURRENT_VERSION)),
                "FieldControl:1 ManufacturerCode:2 ImageType:2 CurrentFileVersion:4"));
        l.add(s("QueryNextImageRequest fc1", "01 05 01 01 3412 7856 00030201 0201",
                f(5, QueryNextImageRequest.of(MFR, TYPE, CURRENT_VERSION).withHardwareVersion(0x0102)),
                "FieldControl:1 ManufacturerCode:2 ImageType:2 CurrentFileVersion:4 HardwareVersion:2"));

        // 0x02 Query Next Image Response: 13 bytes on SUCCESS, else the status alone.
        l.add(s("QueryNextImageResponse SUCCESS", "19 06 02 00 3412 7856 04030201 40e20100",
                f(6, QueryNextImageResponse.success(MFR, TYPE, VERSION, 123456)),
                "Status:1 " + IMAGE_ID + "ImageSize:4"));
        l.add(s("QueryNextImageResponse NO_IMAGE_AVAILABLE", "19 07 02 98",
                f(7, QueryNextImageResponse.NO_IMAGE_AVAILABLE), "Status:1"));
        l.add(s("QueryNextImageResponse NOT_AUTHORIZED", "19 07 02 7e",
                f(7, QueryNextImageResponse.failure(ZclStatus.NOT_AUTHORIZED)), "Status:1"));

        // 0x03 Image Block Request: all four FieldControl combinations.
        ImageBlockRequest block = ImageBlockRequest.of(MFR, TYPE, VERSION, 256, 64);
        String blockLayout = "FieldControl:1 " + IMAGE_ID + "FileOffset:4 MaximumDataSize:1";
        l.add(s("ImageBlockRequest fc0", "01 08 03 00 3412 7856 04030201 00010000 40", f(8, block), blockLayout));
        l.add(s("ImageBlockRequest fc1", "01 08 03 01 3412 7856 04030201 00010000 40 7766554433221100",
                f(8, block.withRequestNodeAddress(IEEE)), blockLayout + " RequestNodeAddress:8"));
        l.add(s("ImageBlockRequest fc2", "01 08 03 02 3412 7856 04030201 00010000 40 6400",
                f(8, block.withMinimumBlockPeriod(100)), blockLayout + " MinimumBlockPeriod:2"));
        l.add(s("ImageBlockRequest fc3", "01 08 03 03 3412 7856 04030201 00010000 40 7766554433221100 6400",
                f(8, block.withRequestNodeAddress(IEEE).withMinimumBlockPeriod(100)),
                blockLayout + " RequestNodeAddress:8 MinimumBlockPeriod:2"));
        l.add(s("ImageBlockRequest max values", "01 ff 03 03 ffff ffff ffffffff ffffffff ff ffffffffffffffff ffff",
                f(0xFF, ImageBlockRequest.of(0xFFFF, 0xFFFF, 0xFFFFFFFFL, 0xFFFFFFFFL, 255)
                        .withRequestNodeAddress(-1L).withMinimumBlockPeriod(0xFFFF)),
                blockLayout + " RequestNodeAddress:8 MinimumBlockPeriod:2"));

        // 0x04 Image Page Request: FieldControl bit 0 = RequestNodeAddress, after the spacing.
        ImagePageRequest page = ImagePageRequest.of(MFR, TYPE, VERSION, 512, 64, 1024, 50);
        String pageLayout = "FieldControl:1 " + IMAGE_ID + "FileOffset:4 MaximumDataSize:1 PageSize:2 ResponseSpacing:2";
        l.add(s("ImagePageRequest fc0", "01 09 04 00 3412 7856 04030201 00020000 40 0004 3200", f(9, page),
                pageLayout));
        l.add(s("ImagePageRequest fc1", "01 09 04 01 3412 7856 04030201 00020000 40 0004 3200 7766554433221100",
                f(9, page.withRequestNodeAddress(IEEE)), pageLayout + " RequestNodeAddress:8"));

        // 0x05 Image Block Response: SUCCESS, WAIT_FOR_DATA (11 and 9 bytes), status only.
        String successLayout = "Status:1 " + IMAGE_ID + "FileOffset:4 DataSize:1";
        l.add(s("ImageBlockResponse SUCCESS 8 bytes", "19 0a 05 00 3412 7856 04030201 00010000 08 1ef1ee0b00013800",
                f(10, new ImageBlockResponse.Success(MFR, TYPE, VERSION, 256,
                        HexFormat.of().parseHex("1ef1ee0b00013800"))),
                successLayout + " ImageData:8"));
        l.add(s("ImageBlockResponse SUCCESS 0 bytes", "19 0a 05 00 3412 7856 04030201 00010000 00",
                f(10, new ImageBlockResponse.Success(MFR, TYPE, VERSION, 256, new byte[0])), successLayout));
        l.add(s("ImageBlockResponse WAIT_FOR_DATA 11", "19 0b 05 97 c0a5c82b 38a6c82b e803",
                f(11, ImageBlockResponse.WaitForData.of(734569920L, 734570040L, 1000)),
                "Status:1 CurrentTime:4 RequestTime:4 MinimumBlockPeriod?:2"));
        l.add(s("ImageBlockResponse WAIT_FOR_DATA 9", "19 0b 05 97 00000000 3c000000",
                f(11, ImageBlockResponse.WaitForData.withoutMinimumBlockPeriod(0, 60)),
                "Status:1 CurrentTime:4 RequestTime:4"));
        l.add(s("ImageBlockResponse ABORT", "19 0c 05 95", f(12, ImageBlockResponse.StatusOnly.ABORT), "Status:1"));
        l.add(s("ImageBlockResponse NO_IMAGE_AVAILABLE", "19 0c 05 98",
                f(12, new ImageBlockResponse.StatusOnly(ZclStatus.NO_IMAGE_AVAILABLE)), "Status:1"));
        l.add(s("ImageBlockResponse MALFORMED_COMMAND", "19 0c 05 80",
                f(12, new ImageBlockResponse.StatusOnly(ZclStatus.MALFORMED_COMMAND)), "Status:1"));

        // 0x06 Upgrade End Request: each allowed status.
        String endLayout = "Status:1 " + IMAGE_ID;
        l.add(s("UpgradeEndRequest SUCCESS", "01 0d 06 00 3412 7856 04030201",
                f(13, new UpgradeEndRequest(ZclStatus.SUCCESS, MFR, TYPE, VERSION)), endLayout));
        l.add(s("UpgradeEndRequest INVALID_IMAGE", "01 0d 06 96 3412 7856 04030201",
                f(13, new UpgradeEndRequest(ZclStatus.INVALID_IMAGE, MFR, TYPE, VERSION)), endLayout));
        l.add(s("UpgradeEndRequest REQUIRE_MORE_IMAGE", "01 0d 06 99 3412 7856 04030201",
                f(13, new UpgradeEndRequest(ZclStatus.REQUIRE_MORE_IMAGE, MFR, TYPE, VERSION)), endLayout));
        l.add(s("UpgradeEndRequest ABORT", "01 0d 06 95 3412 7856 04030201",
                f(13, new UpgradeEndRequest(ZclStatus.ABORT, MFR, TYPE, VERSION)), endLayout));

        // 0x07 Upgrade End Response: relative, UTC, and the wildcard "wait for a command" form.
        String endRspLayout = IMAGE_ID + "CurrentTime:4 UpgradeTime:4";
        l.add(s("UpgradeEndResponse now", "19 0e 07 3412 7856 04030201 00000000 00000000",
                f(14, new UpgradeEndResponse(MFR, TYPE, VERSION, 0, 0)), endRspLayout));
        l.add(s("UpgradeEndResponse UTC", "19 0e 07 3412 7856 04030201 c0a5c82b 38a6c82b",
                f(14, new UpgradeEndResponse(MFR, TYPE, VERSION, 734569920L, 734570040L)), endRspLayout));
        l.add(s("UpgradeEndResponse wildcard wait", "19 0e 07 ffff ffff ffffffff 00000000 ffffffff",
                f(14, new UpgradeEndResponse(OtaCluster.MANUFACTURER_CODE_WILDCARD, OtaCluster.IMAGE_TYPE_WILDCARD,
                        OtaCluster.FILE_VERSION_WILDCARD, 0, OtaCluster.UPGRADE_TIME_WAIT_FOR_UPGRADE_COMMAND)),
                endRspLayout));

        // 0x08 Query Device Specific File Request.
        String qdsfLayout = "RequestNodeAddress:8 " + IMAGE_ID + "ZigbeeStackVersion:2";
        l.add(s("QueryDeviceSpecificFileRequest", "01 0f 08 7766554433221100 3412 c0ff 01000000 0200",
                f(15, new QueryDeviceSpecificFileRequest(IEEE, MFR, 0xFFC0, 1, 2)), qdsfLayout));

        // 0x09 Query Device Specific File Response.
        l.add(s("QueryDeviceSpecificFileResponse SUCCESS", "19 0f 09 00 3412 c1ff 01000000 00100000",
                f(15, QueryDeviceSpecificFileResponse.success(MFR, 0xFFC1, 1, 4096)),
                "Status:1 " + IMAGE_ID + "ImageSize:4"));
        l.add(s("QueryDeviceSpecificFileResponse NO_IMAGE_AVAILABLE", "19 10 09 98",
                f(16, QueryDeviceSpecificFileResponse.NO_IMAGE_AVAILABLE), "Status:1"));
        l.add(s("QueryDeviceSpecificFileResponse NOT_AUTHORIZED", "19 10 09 7e",
                f(16, QueryDeviceSpecificFileResponse.failure(ZclStatus.NOT_AUTHORIZED)), "Status:1"));
        return l;
    }

    private OtaSamples() {
    }
}
