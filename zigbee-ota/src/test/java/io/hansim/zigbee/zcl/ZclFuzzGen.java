package io.hansim.zigbee.zcl;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import io.hansim.zigbee.zcl.ZclHeader.FrameType;
import io.hansim.zigbee.zcl.ZclValue.Bitmap;
import io.hansim.zigbee.zcl.ZclValue.Bool;
import io.hansim.zigbee.zcl.ZclValue.CharString;
import io.hansim.zigbee.zcl.ZclValue.Date;
import io.hansim.zigbee.zcl.ZclValue.Enumeration;
import io.hansim.zigbee.zcl.ZclValue.Eui64;
import io.hansim.zigbee.zcl.ZclValue.FloatingPoint;
import io.hansim.zigbee.zcl.ZclValue.GeneralData;
import io.hansim.zigbee.zcl.ZclValue.Identifier;
import io.hansim.zigbee.zcl.ZclValue.NoData;
import io.hansim.zigbee.zcl.ZclValue.OctetString;
import io.hansim.zigbee.zcl.ZclValue.SecurityKey;
import io.hansim.zigbee.zcl.ZclValue.Sequence;
import io.hansim.zigbee.zcl.ZclValue.SignedInt;
import io.hansim.zigbee.zcl.ZclValue.Structure;
import io.hansim.zigbee.zcl.ZclValue.TimeOfDay;
import io.hansim.zigbee.zcl.ZclValue.UnsignedInt;
import io.hansim.zigbee.zcl.ZclValue.UtcTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds ZCL values, general commands and frames from fuzz input, for the round-trip properties
 * (DESIGN.md §6). Every choice is read from the input, so the fuzzer steers which type, width,
 * sentinel and nesting it tries; sizes are kept small so one input explores structure, not volume.
 */
final class ZclFuzzGen {
    private static final ZclDataType[] TYPES = ZclDataType.values();
    private static final ZclDataType[] SCALAR_TYPES = Arrays.stream(TYPES)
            .filter(t -> t.family() != ZclDataType.Family.SEQUENCE && t.family() != ZclDataType.Family.STRUCTURE)
            .toArray(ZclDataType[]::new);
    private static final ZclStatus[] STATUSES = ZclStatus.values();
    private static final ZclStatus[] FAILURES = Arrays.stream(STATUSES)
            .filter(s -> s != ZclStatus.SUCCESS).toArray(ZclStatus[]::new);

    private ZclFuzzGen() {
    }

    /** Any type, any value of it. */
    static ZclValue value(FuzzedDataProvider in) {
        return value(in, in.pickValue(TYPES), 0);
    }

    /** A value of {@code type}; {@code enclosing} composites are around it. */
    static ZclValue value(FuzzedDataProvider in, ZclDataType type, int enclosing) {
        int width = type.length();
        return switch (type.family()) {
            case NO_DATA -> new NoData(type);
            case GENERAL_DATA -> new GeneralData(type, bits(in, width));
            case BOOLEAN -> in.pickValue(new Bool[] {Bool.FALSE, Bool.TRUE, Bool.INVALID});
            case BITMAP -> new Bitmap(type, bits(in, width));
            case UNSIGNED -> new UnsignedInt(type, bits(in, width));
            case SIGNED -> {
                int shift = 64 - 8 * width;
                yield new SignedInt(type, bits(in, width) << shift >> shift);
            }
            case ENUMERATION -> new Enumeration(type, (int) bits(in, width));
            case FLOAT -> new FloatingPoint(type, bits(in, width));
            case OCTET_STRING -> in.consumeInt(0, 15) == 0 ? OctetString.invalid(type)
                    : new OctetString(type, Bytes.of(in.consumeBytes(in.consumeInt(0, maxBody(type)))), false);
            case CHARACTER_STRING -> in.consumeInt(0, 15) == 0 ? CharString.invalid(type)
                    : new CharString(type, Bytes.of(in.consumeBytes(in.consumeInt(0, maxBody(type)))), false);
            case SEQUENCE -> {
                boolean inner = enclosing + 1 < ZclValues.MAX_NESTING;
                ZclDataType elementType = in.pickValue(inner ? TYPES : SCALAR_TYPES);
                if (in.consumeInt(0, 15) == 0) {
                    yield new Sequence(type, elementType, List.of(), true);
                }
                int count = elementType.minEncodedLength() == 0 ? 0 : in.consumeInt(0, enclosing < 3 ? 4 : 1);
                List<ZclValue> elements = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    elements.add(value(in, elementType, enclosing + 1));
                }
                yield new Sequence(type, elementType, elements, false);
            }
            case STRUCTURE -> {
                if (in.consumeInt(0, 15) == 0) {
                    yield new Structure(List.of(), true);
                }
                boolean inner = enclosing + 1 < ZclValues.MAX_NESTING;
                int count = in.consumeInt(0, enclosing < 3 ? 4 : 1);
                List<ZclValue> elements = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    elements.add(value(in, in.pickValue(inner ? TYPES : SCALAR_TYPES), enclosing + 1));
                }
                yield new Structure(elements, false);
            }
            case TIME_OF_DAY -> new TimeOfDay(octet(in), octet(in), octet(in), octet(in));
            case DATE -> new Date(octet(in), octet(in), octet(in), octet(in));
            case UTC_TIME -> new UtcTime(bits(in, 4));
            case IDENTIFIER -> new Identifier(type, bits(in, width));
            case EUI64 -> new Eui64(in.consumeLong());
            case SECURITY_KEY -> new SecurityKey(Bytes.of(Arrays.copyOf(in.consumeBytes(16), 16)));
        };
    }

    /** Any general command this codebase models. */
    static GeneralCommand command(FuzzedDataProvider in) {
        int n = in.consumeInt(0, 6);
        return switch (in.consumeInt(0, 5)) {
            case 0 -> {
                List<Integer> ids = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    ids.add(in.consumeInt(0, 0xFFFF));
                }
                yield new ReadAttributes(ids);
            }
            case 1 -> {
                List<ReadAttributesResponse.StatusRecord> records = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int id = in.consumeInt(0, 0xFFFF);
                    ZclStatus status = in.consumeBoolean() ? ZclStatus.SUCCESS : in.pickValue(STATUSES);
                    records.add(status == ZclStatus.SUCCESS
                            ? ReadAttributesResponse.StatusRecord.success(id, value(in))
                            : ReadAttributesResponse.StatusRecord.failure(id, status));
                }
                yield new ReadAttributesResponse(records);
            }
            case 2 -> new WriteAttributes(attributeRecords(in, n));
            case 3 -> {
                if (n == 0) {
                    yield WriteAttributesResponse.success();
                }
                List<WriteAttributesResponse.StatusRecord> failures = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    failures.add(new WriteAttributesResponse.StatusRecord(in.pickValue(FAILURES),
                            in.consumeInt(0, 0xFFFF)));
                }
                yield new WriteAttributesResponse(failures);
            }
            case 4 -> new ReportAttributes(attributeRecords(in, n));
            default -> new DefaultResponse(octet(in), in.pickValue(STATUSES));
        };
    }

    /** A general command in a frame with any header flags. */
    static GeneralFrame frame(FuzzedDataProvider in) {
        boolean mfr = in.consumeBoolean();
        Direction direction = in.consumeBoolean() ? Direction.SERVER_TO_CLIENT : Direction.CLIENT_TO_SERVER;
        boolean ddr = in.consumeBoolean();
        int code = mfr ? in.consumeInt(0, 0xFFFF) : 0;
        int tsn = octet(in);
        GeneralCommand c = command(in);
        return new GeneralFrame(new ZclHeader(FrameType.GLOBAL, mfr, direction, ddr, code, tsn, c.commandId()), c);
    }

    private static List<AttributeRecord> attributeRecords(FuzzedDataProvider in, int n) {
        List<AttributeRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(new AttributeRecord(in.consumeInt(0, 0xFFFF), value(in)));
        }
        return records;
    }

    private static int maxBody(ZclDataType type) {
        // long strings: past 255 so the two-octet length is exercised, small enough to stay fast
        return type.minEncodedLength() == 1 ? 254 : 300;
    }

    private static int octet(FuzzedDataProvider in) {
        return in.consumeInt(0, 0xFF);
    }

    private static long bits(FuzzedDataProvider in, int width) {
        long v = in.consumeLong();
        return width >= 8 ? v : v & ((1L << (8 * width)) - 1);
    }
}
