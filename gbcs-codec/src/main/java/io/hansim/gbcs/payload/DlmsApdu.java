package io.hansim.gbcs.payload;

import io.hansim.gbcs.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An xDLMS APDU at the structural level (gbcs.md §5): access-request {@code D9}, access-response
 * {@code DA} and data-notification {@code 0F}. Each starts with the long-invoke-id (4 bytes; GBCS puts
 * {@code 20} ‖ low 24 bits of the Originator Counter) and a date-time octet-string (length byte, then
 * the bytes; {@code 00} when absent). Data values are generic {@link AxdrData} trees.
 */
public sealed interface DlmsApdu extends Payload
        permits DlmsApdu.AccessRequest, DlmsApdu.AccessResponse, DlmsApdu.DataNotification {

    int ACCESS_REQUEST = 0xD9;
    int ACCESS_RESPONSE = 0xDA;
    int DATA_NOTIFICATION = 0x0F;

    /** The 32-bit long-invoke-id-and-priority. */
    long invokeId();

    /** The date-time octet-string content (empty when {@code 00}). */
    ByteString dateTime();

    @Override
    default PayloadForm form() {
        return PayloadForm.DLMS;
    }

    /**
     * One access-request specification: kind (1 get, 2 set, 3 action, 4 get-with-selection,
     * 5 set-with-selection), class id, OBIS code (6), attribute or method id; the with-selection kinds
     * add an access selector and its parameters.
     */
    record RequestSpec(int kind, int classId, ByteString obis, int attribute, int selector,
            Optional<AxdrData> selection) {
        public RequestSpec {
            Objects.requireNonNull(obis, "obis");
            Objects.requireNonNull(selection, "selection");
            if (kind < 1 || kind > 5 || classId < 0 || classId > 0xFFFF || obis.length() != 6
                    || attribute < 0 || attribute > 0xFF || selector < 0 || selector > 0xFF) {
                throw new IllegalArgumentException("bad request spec");
            }
            if (withSelection(kind) != selection.isPresent() || (!withSelection(kind) && selector != 0)) {
                throw new IllegalArgumentException("selection present exactly for kinds 4 and 5");
            }
        }

        public static RequestSpec of(int kind, int classId, ByteString obis, int attribute) {
            return new RequestSpec(kind, classId, obis, attribute, 0, Optional.empty());
        }

        static boolean withSelection(int kind) {
            return kind == 4 || kind == 5;
        }
    }

    /** One access-response specification: kind and data-access-result (0 success). */
    record ResponseSpec(int kind, int result) {
        public ResponseSpec {
            if (kind < 0 || kind > 0xFF || result < 0 || result > 0xFF) {
                throw new IllegalArgumentException("bad response spec");
            }
        }
    }

    /** {@code D9} ‖ invoke id ‖ date-time ‖ list of request specs ‖ list of data. */
    record AccessRequest(long invokeId, ByteString dateTime, List<RequestSpec> specs, List<AxdrData> data)
            implements DlmsApdu {
        public AccessRequest {
            checkHeader(invokeId, dateTime);
            specs = List.copyOf(specs);
            data = List.copyOf(data);
        }

        @Override
        public byte[] encode() {
            Out out = header(ACCESS_REQUEST, invokeId, dateTime).berLength(specs.size());
            for (RequestSpec s : specs) {
                out.u8(s.kind()).u16(s.classId()).bytes(s.obis()).u8(s.attribute());
                if (s.selection().isPresent()) {
                    out.u8(s.selector());
                    s.selection().get().encodeTo(out);
                }
            }
            return list(out, data).toByteArray();
        }
    }

    /**
     * {@code DA} ‖ invoke id ‖ date-time ‖ access-request-specification (only the absent form
     * {@code 00} is modelled) ‖ list of data ‖ list of response specs.
     */
    record AccessResponse(long invokeId, ByteString dateTime, List<AxdrData> data, List<ResponseSpec> results)
            implements DlmsApdu {
        public AccessResponse {
            checkHeader(invokeId, dateTime);
            data = List.copyOf(data);
            results = List.copyOf(results);
        }

        @Override
        public byte[] encode() {
            Out out = list(header(ACCESS_RESPONSE, invokeId, dateTime).u8(0), data).berLength(results.size());
            for (ResponseSpec r : results) {
                out.u8(r.kind()).u8(r.result());
            }
            return out.toByteArray();
        }
    }

    /** {@code 0F} ‖ invoke id ‖ date-time ‖ notification body (one Data). */
    record DataNotification(long invokeId, ByteString dateTime, AxdrData body) implements DlmsApdu {
        public DataNotification {
            checkHeader(invokeId, dateTime);
            Objects.requireNonNull(body, "body");
        }

        @Override
        public byte[] encode() {
            Out out = header(DATA_NOTIFICATION, invokeId, dateTime);
            body.encodeTo(out);
            return out.toByteArray();
        }
    }

    private static void checkHeader(long invokeId, ByteString dateTime) {
        Objects.requireNonNull(dateTime, "dateTime");
        if (invokeId < 0 || invokeId > 0xFFFFFFFFL || dateTime.length() > 0x7F) {
            throw new IllegalArgumentException("bad APDU header");
        }
    }

    private static Out header(int tag, long invokeId, ByteString dateTime) {
        return new Out().u8(tag).u32(invokeId).u8(dateTime.length()).bytes(dateTime);
    }

    private static Out list(Out out, List<AxdrData> data) {
        out.berLength(data.size());
        for (AxdrData d : data) {
            d.encodeTo(out);
        }
        return out;
    }

    /** Decodes a whole payload; offsets in errors are {@code base} + the position in {@code payload}. */
    static DlmsApdu decode(byte[] payload, int base) {
        In in = new In(payload, 0, payload.length, base);
        int tag = in.u8("DLMS APDU tag");
        if (tag != ACCESS_REQUEST && tag != ACCESS_RESPONSE && tag != DATA_NOTIFICATION) {
            in.pos = 0;
            throw in.error("DLMS APDU tag", String.format("0x%02X is not D9, DA or 0F", tag));
        }
        long invokeId = in.u32("DLMS long-invoke-id");
        int dtAt = in.pos;
        int dtLen = in.u8("DLMS date-time length");
        if (dtLen > 0x7F) {
            in.pos = dtAt;
            throw in.error("DLMS date-time length", "too long: " + dtLen);
        }
        ByteString dateTime = in.bytes(dtLen, "DLMS date-time");
        DlmsApdu apdu;
        switch (tag) {
            case ACCESS_REQUEST -> {
                int n = in.berLength("DLMS request spec count");
                List<RequestSpec> specs = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String f = "DLMS request spec " + i;
                    int kindAt = in.pos;
                    int kind = in.u8(f + " kind");
                    if (kind < 1 || kind > 5) {
                        in.pos = kindAt;
                        throw in.error(f + " kind", "unknown request kind " + kind);
                    }
                    int classId = in.u16(f + " class id");
                    ByteString obis = in.bytes(6, f + " OBIS code");
                    int attribute = in.u8(f + " attribute");
                    if (RequestSpec.withSelection(kind)) {
                        int selector = in.u8(f + " access selector");
                        AxdrData sel = AxdrData.read(in, f + " selection", 0);
                        specs.add(new RequestSpec(kind, classId, obis, attribute, selector, Optional.of(sel)));
                    } else {
                        specs.add(RequestSpec.of(kind, classId, obis, attribute));
                    }
                }
                apdu = new AccessRequest(invokeId, dateTime, specs, readList(in, "DLMS request data"));
            }
            case ACCESS_RESPONSE -> {
                int specAt = in.pos;
                int spec = in.u8("DLMS access-request-specification");
                if (spec != 0) {
                    in.pos = specAt;
                    throw in.error("DLMS access-request-specification", "only the absent form 00 is supported");
                }
                List<AxdrData> data = readList(in, "DLMS response data");
                int n = in.berLength("DLMS response spec count");
                List<ResponseSpec> results = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    results.add(new ResponseSpec(in.u8("DLMS response spec " + i + " kind"),
                            in.u8("DLMS response spec " + i + " result")));
                }
                apdu = new AccessResponse(invokeId, dateTime, data, results);
            }
            default -> apdu = new DataNotification(invokeId, dateTime, AxdrData.read(in, "DLMS notification body", 0));
        }
        in.expectEnd("DLMS APDU");
        return apdu;
    }

    private static List<AxdrData> readList(In in, String field) {
        int countAt = in.pos;
        int n = in.berLength(field + " count");
        if (n > in.end - in.pos) {
            in.pos = countAt;
            throw in.error(field + " count", n + " values cannot fit in the bytes left");
        }
        List<AxdrData> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(AxdrData.read(in, field + "[" + i + "]", 0));
        }
        return out;
    }
}
