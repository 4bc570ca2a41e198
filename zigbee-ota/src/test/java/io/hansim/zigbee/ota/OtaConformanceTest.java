package io.hansim.zigbee.ota;

import io.hansim.zigbee.SharedData;
import io.hansim.zigbee.zcl.ZclDecodeException;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.hansim.zigbee.ota.OtaAssertions.assertDecodeError;
import static io.hansim.zigbee.ota.OtaAssertions.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Conformance against frames and decodings nobody here wrote (oracles/README.md): the tshark
 * reference and edge frames, read in place from the shared folder, checked field by field against
 * zigbee-herdsman's decoding ({@code oracles/herdsman/reference/*.jsonl}) and Wireshark's
 * ({@code oracles/tshark/reference/fields_lt195.tsv}). Fails, never skips, without
 * {@code -Dhansim.shared} (DESIGN.md §6).
 */
@Tag("conformance")
class OtaConformanceTest {
    private static final String FRAMES = "oracles/tshark/reference/frames.tsv";
    private static final String EDGE_FRAMES = "oracles/tshark/reference/edge_frames.tsv";
    private static final String TSHARK_FIELDS = "oracles/tshark/reference/fields_lt195.tsv";
    private static final String HERDSMAN_FRAMES = "oracles/herdsman/reference/decoded-frames.jsonl";
    private static final String HERDSMAN_EDGE = "oracles/herdsman/reference/decoded-edge-frames.jsonl";

    /** Frame 15 of frames.tsv is a Read Attributes Response: a global command. */
    private static final int READ_ATTRIBUTES_RESPONSE = 15;

    /** What our strict decoder must say about each edge frame: field and offset. */
    private static final Map<Integer, Object[]> EDGE_ERRORS = Map.of(
            1, new Object[] {"MaximumDataSize", 16},        // truncated before MaximumDataSize
            2, new Object[] {"Image Block Request", 17},    // 3 trailing bytes
            3, new Object[] {"ManufacturerSpecific", 0},    // zigbee-ota.md §1
            4, new Object[] {"CommandIdentifier", 2},       // 0x0A is not defined
            5, new Object[] {"HardwareVersion", 12},        // FieldControl bit 0, field missing
            6, new Object[] {"NewFileVersion", 9},          // PayloadType 3 cut after ImageType
            7, new Object[] {"FrameType", 0});              // Default Response: global

    record Row(int index, String name, String direction, String zclHex) {
    }

    private static List<Row> rows(String file) throws IOException {
        List<Row> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(SharedData.file(file));
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] c = line.split("\t", -1);
            out.add(new Row(Integer.parseInt(c[0]), c[1], c[2], c[3]));
        }
        return out;
    }

    private static Map<String, Map<String, Object>> herdsmanByInput(String file) throws IOException {
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (String line : Files.readAllLines(SharedData.file(file))) {
            if (!line.isBlank()) {
                Map<String, Object> o = MiniJson.object(line);
                out.put((String) o.get("input"), o);
            }
        }
        return out;
    }

    @Test
    void sharedDataIsThere() throws IOException {
        assertEquals(15, rows(FRAMES).size());
        assertEquals(7, rows(EDGE_FRAMES).size());
    }

    @TestFactory
    List<DynamicTest> referenceFramesDecodeLikeHerdsmanAndReencode() throws IOException {
        Map<String, Map<String, Object>> herdsman = herdsmanByInput(HERDSMAN_FRAMES);
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : rows(FRAMES)) {
            tests.add(dynamicTest(row.index() + " " + row.name(), () -> {
                byte[] bytes = hex(row.zclHex());
                Map<String, Object> h = herdsman.get(row.zclHex());
                assertNotNull(h, "herdsman has no decoding of " + row.zclHex());
                @SuppressWarnings("unchecked")
                Map<String, Object> hh = (Map<String, Object>) h.get("header");
                if (row.index() == READ_ATTRIBUTES_RESPONSE) {
                    assertEquals(0L, hh.get("frameType"), "herdsman sees a global frame");
                    assertDecodeError(bytes, OtaCodec.Options.STRICT, "FrameType", 0);
                    return;
                }
                OtaFrame f = OtaCodec.decode(bytes);
                ZclHeader header = f.header();
                assertEquals(1L, hh.get("frameType"));
                assertEquals(hh.get("manufacturerSpecific"), header.manufacturerSpecific());
                assertEquals(hh.get("direction"), header.direction() == Direction.SERVER_TO_CLIENT ? 1L : 0L);
                assertEquals(row.direction(), header.direction() == Direction.SERVER_TO_CLIENT ? "s2c" : "c2s");
                assertEquals(hh.get("disableDefaultResponse"), header.disableDefaultResponse());
                assertEquals(hh.get("tsn"), (long) header.transactionSequenceNumber());
                assertEquals(hh.get("commandId"), (long) header.commandId());
                assertEquals(h.get("command"), herdsmanName(f.command().type()));
                assertEquals(h.get("payload"), herdsmanView(f.command()));
                assertEquals(row.zclHex(), hex(OtaCodec.encode(f)), "re-encoded");
                assertEquals(h.get("reencoded"), hex(OtaCodec.encode(f)), "herdsman re-encodes the same");
            }));
        }
        return tests;
    }

    @Test
    void referenceFramesDecodeLikeWireshark() throws IOException {
        List<Row> frames = rows(FRAMES);
        List<String> lines = Files.readAllLines(SharedData.file(TSHARK_FIELDS));
        String[] columns = lines.get(0).split("\t", -1);
        assertEquals(frames.size() + 1, lines.size());
        for (int i = 1; i < lines.size(); i++) {
            String[] values = lines.get(i).split("\t", -1);
            Row row = frames.get(i - 1);
            assertEquals(String.valueOf(row.index()), values[0]);
            if (row.index() == READ_ATTRIBUTES_RESPONSE) {
                continue;
            }
            OtaCommand c = OtaCodec.decode(hex(row.zclHex())).command();
            Map<String, String> ours = tsharkView(c);
            Map<String, String> theirs = new LinkedHashMap<>();
            for (int k = 0; k < columns.length; k++) {
                String col = columns[k];
                if (col.startsWith("zbee_zcl_general.ota.") && !col.contains(".cmd.") && !values[k].isEmpty()) {
                    theirs.put(col.substring("zbee_zcl_general.ota.".length()), values[k]);
                }
            }
            if (c instanceof ImageBlockResponse.WaitForData) {
                // tshark 4.0.17 never decodes WAIT_FOR_DATA's MinimumBlockPeriod (zigbee-ota.md §10).
                ours.remove("min_block_period");
            }
            assertEquals(theirs, ours, "frame " + row.index() + " " + row.name());
            assertEquals("", values[values.length - 1], "tshark calls frame " + row.index() + " malformed");
        }
    }

    @TestFactory
    List<DynamicTest> edgeFramesAreTypedErrors() throws IOException {
        Map<String, Map<String, Object>> herdsman = herdsmanByInput(HERDSMAN_EDGE);
        Pattern herdsmanField = Pattern.compile("genOta:\\w+:(\\w+)");
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : rows(EDGE_FRAMES)) {
            tests.add(dynamicTest(row.index() + " " + row.name(), () -> {
                Object[] expected = EDGE_ERRORS.get(row.index());
                assertNotNull(expected, "no expectation for edge frame " + row.index());
                byte[] bytes = hex(row.zclHex());
                ZclDecodeException e = assertDecodeError(bytes, OtaCodec.Options.STRICT, (String) expected[0],
                        (Integer) expected[1]);
                // Lenient mode only forgives the missing MinimumBlockPeriod; these stay errors.
                assertThrows(ZclDecodeException.class, () -> OtaCodec.decode(bytes, OtaCodec.Options.LENIENT));
                // Where herdsman fails too and names a field, it is the same field.
                Map<String, Object> h = herdsman.get(row.zclHex());
                assertNotNull(h, "herdsman has no decoding of " + row.zclHex());
                if (Boolean.FALSE.equals(h.get("ok"))) {
                    Matcher m = herdsmanField.matcher((String) h.get("error"));
                    if (m.find()) {
                        assertTrue(e.field().toLowerCase().endsWith(m.group(1).toLowerCase()),
                                e.field() + " vs herdsman " + m.group(1));
                    }
                }
            }));
        }
        return tests;
    }

    @Test
    void edgeFrameExpectationsCoverTheFile() throws IOException {
        Set<Integer> indices = new TreeSet<>();
        for (Row r : rows(EDGE_FRAMES)) {
            indices.add(r.index());
        }
        assertEquals(new TreeSet<>(EDGE_ERRORS.keySet()), indices);
    }

    // ------------------------------------------------------------------ oracle views of our values

    /** herdsman's command name: the enum name in lower camel case. */
    private static String herdsmanName(OtaCommandType t) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char ch : t.name().toLowerCase().toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return sb.toString();
    }

    /** Our value in herdsman's payload names (oracles/herdsman/README.md); numbers as Long. */
    private static Map<String, Object> herdsmanView(OtaCommand c) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (c instanceof ImageNotify n) {
            m.put("payloadType", (long) n.payloadType());
            m.put("queryJitter", (long) n.queryJitter());
            n.manufacturerCode().ifPresent(v -> m.put("manufacturerCode", (long) v));
            n.imageType().ifPresent(v -> m.put("imageType", (long) v));
            n.newFileVersion().ifPresent(v -> m.put("fileVersion", v));
        } else if (c instanceof QueryNextImageRequest r) {
            m.put("fieldControl", (long) r.fieldControl());
            imageId(m, r.manufacturerCode(), r.imageType(), r.currentFileVersion());
            r.hardwareVersion().ifPresent(v -> m.put("hardwareVersion", (long) v));
        } else if (c instanceof QueryNextImageResponse r) {
            m.put("status", (long) r.status().code());
            if (r.hasImage()) {
                imageId(m, r.manufacturerCode(), r.imageType(), r.fileVersion());
                m.put("imageSize", r.imageSize());
            }
        } else if (c instanceof ImageBlockRequest r) {
            m.put("fieldControl", (long) r.fieldControl());
            imageId(m, r.manufacturerCode(), r.imageType(), r.fileVersion());
            m.put("fileOffset", r.fileOffset());
            m.put("maximumDataSize", (long) r.maximumDataSize());
            r.requestNodeAddress().ifPresent(v -> m.put("requestNodeIeeeAddress", String.format("0x%016x", v)));
            r.minimumBlockPeriod().ifPresent(v -> m.put("minimumBlockPeriod", (long) v));
        } else if (c instanceof ImagePageRequest r) {
            m.put("fieldControl", (long) r.fieldControl());
            imageId(m, r.manufacturerCode(), r.imageType(), r.fileVersion());
            m.put("fileOffset", r.fileOffset());
            m.put("maximumDataSize", (long) r.maximumDataSize());
            m.put("pageSize", (long) r.pageSize());
            m.put("responseSpacing", (long) r.responseSpacing());
            r.requestNodeAddress().ifPresent(v -> m.put("requestNodeIeeeAddress", String.format("0x%016x", v)));
        } else if (c instanceof ImageBlockResponse r) {
            m.put("status", (long) r.status().code());
            if (r instanceof ImageBlockResponse.Success s) {
                imageId(m, s.manufacturerCode(), s.imageType(), s.fileVersion());
                m.put("fileOffset", s.fileOffset());
                m.put("dataSize", (long) s.dataSize());
                m.put("data", Map.of("hex", s.imageData().hex()));
            } else if (r instanceof ImageBlockResponse.WaitForData w) {
                m.put("currentTime", w.currentTime());
                m.put("requestTime", w.requestTime());
                w.minimumBlockPeriod().ifPresent(v -> m.put("minimumBlockPeriod", (long) v));
            }
        } else if (c instanceof UpgradeEndRequest r) {
            m.put("status", (long) r.status().code());
            imageId(m, r.manufacturerCode(), r.imageType(), r.fileVersion());
        } else if (c instanceof UpgradeEndResponse r) {
            imageId(m, r.manufacturerCode(), r.imageType(), r.fileVersion());
            m.put("currentTime", r.currentTime());
            m.put("upgradeTime", r.upgradeTime());
        } else if (c instanceof QueryDeviceSpecificFileRequest r) {
            m.put("eui64", String.format("0x%016x", r.requestNodeAddress()));
            imageId(m, r.manufacturerCode(), r.imageType(), r.fileVersion());
            m.put("zigbeeStackVersion", (long) r.zigbeeStackVersion());
        } else if (c instanceof QueryDeviceSpecificFileResponse r) {
            m.put("status", (long) r.status().code());
            if (r.hasImage()) {
                imageId(m, r.manufacturerCode(), r.imageType(), r.fileVersion());
                m.put("imageSize", r.imageSize());
            }
        }
        return m;
    }

    private static void imageId(Map<String, Object> m, int manufacturerCode, int imageType, long fileVersion) {
        m.put("manufacturerCode", (long) manufacturerCode);
        m.put("imageType", (long) imageType);
        m.put("fileVersion", fileVersion);
    }

    /** Our value as tshark 4.0.17 prints the {@code zbee_zcl_general.ota.*} fields. */
    private static Map<String, String> tsharkView(OtaCommand c) {
        Map<String, String> m = new LinkedHashMap<>();
        if (c instanceof ImageNotify n) {
            m.put("payload.type", String.format("0x%02x", n.payloadType()));
            m.put("query_jitter", String.valueOf(n.queryJitter()));
            n.manufacturerCode().ifPresent(v -> m.put("manufacturer_code", String.format("0x%04x", v)));
            n.imageType().ifPresent(v -> m.put("image.type", String.format("0x%04x", v)));
            n.newFileVersion().ifPresent(v -> m.put("file.version", String.format("0x%08x", v)));
        } else if (c instanceof QueryNextImageRequest r) {
            tImageId(m, r.manufacturerCode(), r.imageType(), r.currentFileVersion());
            r.hardwareVersion().ifPresent(v -> m.put("hw_ver", String.format("0x%04x", v)));
        } else if (c instanceof QueryNextImageResponse r) {
            m.put("status", String.format("0x%02x", r.status().code()));
            if (r.hasImage()) {
                tImageId(m, r.manufacturerCode(), r.imageType(), r.fileVersion());
                m.put("image.size", String.valueOf(r.imageSize()));
            }
        } else if (c instanceof ImageBlockRequest r) {
            tImageId(m, r.manufacturerCode(), r.imageType(), r.fileVersion());
            m.put("file.offset", String.valueOf(r.fileOffset()));
            m.put("max_data_size", String.valueOf(r.maximumDataSize()));
            r.requestNodeAddress().ifPresent(v -> m.put("ieee_addr", String.format("0x%016x", v)));
            r.minimumBlockPeriod().ifPresent(v -> m.put("min_block_period", String.valueOf(v)));
        } else if (c instanceof ImagePageRequest r) {
            tImageId(m, r.manufacturerCode(), r.imageType(), r.fileVersion());
            m.put("file.offset", String.valueOf(r.fileOffset()));
            m.put("max_data_size", String.valueOf(r.maximumDataSize()));
            m.put("page.size", String.valueOf(r.pageSize()));
            m.put("rsp_spacing", String.format("0x%04x", r.responseSpacing()));
            r.requestNodeAddress().ifPresent(v -> m.put("ieee_addr", String.format("0x%016x", v)));
        } else if (c instanceof ImageBlockResponse r) {
            m.put("status", String.format("0x%02x", r.status().code()));
            if (r instanceof ImageBlockResponse.Success s) {
                tImageId(m, s.manufacturerCode(), s.imageType(), s.fileVersion());
                m.put("file.offset", String.valueOf(s.fileOffset()));
                m.put("data_size", String.valueOf(s.dataSize()));
                m.put("image.data", s.imageData().hex().replaceAll("(..)(?!$)", "$1:"));
            } else if (r instanceof ImageBlockResponse.WaitForData w) {
                m.put("current_time", String.valueOf(w.currentTime()));
                m.put("request_time", String.valueOf(w.requestTime()));
                w.minimumBlockPeriod().ifPresent(v -> m.put("min_block_period", String.valueOf(v)));
            }
        } else if (c instanceof UpgradeEndRequest r) {
            m.put("status", String.format("0x%02x", r.status().code()));
            tImageId(m, r.manufacturerCode(), r.imageType(), r.fileVersion());
        } else if (c instanceof UpgradeEndResponse r) {
            tImageId(m, r.manufacturerCode(), r.imageType(), r.fileVersion());
            m.put("current_time", String.valueOf(r.currentTime()));
            m.put("upgrade_time", String.valueOf(r.upgradeTime()));
        } else if (c instanceof QueryDeviceSpecificFileRequest r) {
            m.put("ieee_addr", String.format("0x%016x", r.requestNodeAddress()));
            tImageId(m, r.manufacturerCode(), r.imageType(), r.fileVersion());
            m.put("zb_stack.ver", String.format("0x%04x", r.zigbeeStackVersion()));
        } else if (c instanceof QueryDeviceSpecificFileResponse r) {
            m.put("status", String.format("0x%02x", r.status().code()));
            if (r.hasImage()) {
                tImageId(m, r.manufacturerCode(), r.imageType(), r.fileVersion());
                m.put("image.size", String.valueOf(r.imageSize()));
            }
        }
        return m;
    }

    private static void tImageId(Map<String, String> m, int manufacturerCode, int imageType, long fileVersion) {
        m.put("manufacturer_code", String.format("0x%04x", manufacturerCode));
        m.put("image.type", String.format("0x%04x", imageType));
        m.put("file.version", String.format("0x%08x", fileVersion));
    }
}
