package io.hansim.gbcs.usecase;

import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsDecodeException;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.payload.AxdrData;
import io.hansim.gbcs.payload.DerNode;
import io.hansim.gbcs.payload.DlmsApdu;
import io.hansim.gbcs.payload.GbzComponent;
import io.hansim.gbcs.payload.GbzPayload;
import io.hansim.gbcs.payload.Payload;
import io.hansim.gbcs.payload.PayloadCodec;
import io.hansim.gbcs.usecase.UseCaseRecord.Ccs08Alert;
import io.hansim.gbcs.usecase.UseCaseRecord.Cs06Command;
import io.hansim.gbcs.usecase.UseCaseRecord.Cs06Response;
import io.hansim.gbcs.usecase.UseCaseRecord.Cs08Response;
import io.hansim.gbcs.usecase.UseCaseRecord.Cs11Command;
import io.hansim.gbcs.usecase.UseCaseRecord.Cs11Response;
import io.hansim.gbcs.usecase.UseCaseRecord.DlmsFirmwareReceiptAlert;
import io.hansim.gbcs.usecase.UseCaseRecord.Ecs12Command;
import io.hansim.gbcs.usecase.UseCaseRecord.Ecs12Response;
import io.hansim.gbcs.usecase.UseCaseRecord.FutureDatedActivationAlert;
import io.hansim.gbcs.usecase.UseCaseRecord.Gcs09Command;
import io.hansim.gbcs.usecase.UseCaseRecord.GbzDefaultResponse;
import io.hansim.gbcs.usecase.UseCaseRecord.GbzFirmwareReceiptAlert;
import io.hansim.gbcs.usecase.UseCaseRecord.Null;
import io.hansim.gbcs.usecase.UseCaseRecord.PpmidFirmwareAlert;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the gbcs.md §8.2 use-case payloads into {@link UseCaseRecord}s. A payload that does not have
 * its use case's exact layout (including canonical re-encoding) fails with a
 * {@link GbcsDecodeException} at the payload's offset.
 */
public final class UseCaseCodec {
    private UseCaseCodec() {
    }

    /** The typed record of {@code m}'s payload, or empty when its message code is not modelled. */
    public static Optional<UseCaseRecord> decode(GbcsMessage m) {
        int code = m.groupingHeader().otherInformation().messageCode();
        CraFlag cra = m.groupingHeader().craFlag();
        Payload p = PayloadCodec.decode(m);
        int at = PayloadCodec.payloadOffset(m);
        UseCaseRecord r;
        try {
            r = read(code, cra, p);
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException
                | IndexOutOfBoundsException e) {
            throw new GbcsDecodeException(String.format("use case payload 0x%04X", code), at, String.valueOf(e.getMessage()));
        }
        if (r == null) {
            return Optional.empty();
        }
        if (!Arrays.equals(r.toPayload().encode(), m.payload().toByteArray())) {
            throw new GbcsDecodeException(String.format("use case payload 0x%04X", code), at,
                    "not in the canonical gbcs.md §8.2 layout");
        }
        return Optional.of(r);
    }

    private static UseCaseRecord read(int code, CraFlag cra, Payload p) {
        return switch (code) {
            case 0x0012 -> cra == CraFlag.COMMAND ? cs06Command(p) : cs06Response(p);
            case 0x00CA -> {
                List<DerNode> s = Der.sequenceOf(UseCaseRecord.single(p), 4, 4);
                List<DerNode> o = Der.sequenceOf(s.get(3), 2, 2);
                yield new FutureDatedActivationAlert((int) Der.integerOf(s.get(0)), Der.timeOf(s.get(1)),
                        Der.integerOf(s.get(2)), (int) Der.integerOf(o.get(0)), Der.octetsOf(o.get(1), 4));
            }
            case 0x0129 -> {
                if (cra == CraFlag.COMMAND) {
                    yield nul(p);
                }
                List<DerNode> s = Der.sequenceOf(UseCaseRecord.single(p), 2, 2);
                yield new Cs08Response(Der.octetsOf(s.get(0), 4), (int) Der.integerOf(s.get(1)));
            }
            case 0x0128 -> {
                List<DerNode> s = Der.sequenceOf(UseCaseRecord.single(p), 5, 5);
                yield new Ccs08Alert((int) Der.integerOf(s.get(0)), Der.timeOf(s.get(1)),
                        Long.parseUnsignedLong(Der.octetsOf(s.get(2), 8).toHex(), 16), Der.octetsOf(s.get(3), 4),
                        (int) Der.integerOf(s.get(4)));
            }
            case 0x012B -> {
                List<DerNode> s = Der.sequenceOf(UseCaseRecord.single(p), 4, 4);
                yield new PpmidFirmwareAlert((int) Der.integerOf(s.get(0)), Der.timeOf(s.get(1)),
                        Der.octetsOf(s.get(2), 4), (int) Der.integerOf(s.get(3)));
            }
            case 0x00CE -> {
                DlmsApdu.DataNotification n = (DlmsApdu.DataNotification) p;
                List<AxdrData> e = n.body().elements();
                yield new DlmsFirmwareReceiptAlert(n.invokeId(), (int) e.get(0).unsigned(), e.get(1).value(),
                        e.get(2).value());
            }
            case 0x00CF -> {
                GbzPayload.Alert a = (GbzPayload.Alert) p;
                yield new GbzFirmwareReceiptAlert(a.alertCode(), a.time(),
                        ByteString.copyOf(a.data().toByteArray(), 2, a.data().length() - 2));
            }
            case 0x0022 -> {
                if (cra == CraFlag.COMMAND) {
                    DlmsApdu.AccessRequest q = (DlmsApdu.AccessRequest) p;
                    yield new Ecs12Command(q.invokeId(), q.data().get(0).value());
                }
                DlmsApdu.AccessResponse q = (DlmsApdu.AccessResponse) p;
                yield new Ecs12Response(q.invokeId(), q.results().get(0).result());
            }
            case 0x0072 -> {
                GbzComponent c = ((GbzPayload.Components) p).components().get(0);
                byte[] z = c.zcl().toByteArray();
                if (cra == CraFlag.COMMAND) {
                    yield new Gcs09Command(z[1] & 0xFF, le(z, 3), le(z, 7), z[11] & 0xFF, le(z, 12), le(z, 16));
                }
                yield new GbzDefaultResponse(c.cluster(), z[1] & 0xFF, z[3] & 0xFF, z[4] & 0xFF);
            }
            case 0x0015 -> {
                GbzComponent c = ((GbzPayload.Components) p).components().get(0);
                byte[] z = c.zcl().toByteArray();
                yield cra == CraFlag.COMMAND ? new Cs11Command(z[1] & 0xFF, z[3] & 0xFF)
                        : new Cs11Response(z[1] & 0xFF, z[3] & 0xFF);
            }
            default -> null;
        };
    }

    private static UseCaseRecord cs06Command(Payload p) {
        List<DerNode> s = Der.sequenceOf(UseCaseRecord.single(p), 2, 3);
        return new Cs06Command(Der.octetsOf(s.get(0), 32), Der.integerOf(s.get(1)),
                s.size() == 3 ? Optional.of(Der.timeOf(s.get(2))) : Optional.empty());
    }

    private static UseCaseRecord cs06Response(Payload p) {
        DerNode n = UseCaseRecord.single(p);
        if (n.tag() == 0x05) {
            return nul(p);
        }
        List<DerNode> s = Der.sequenceOf(n, 2, 2);
        return new Cs06Response((int) Der.integerOf(s.get(0)), Der.octetsOf(s.get(1), 4));
    }

    private static UseCaseRecord nul(Payload p) {
        DerNode n = UseCaseRecord.single(p);
        if (n.tag() != 0x05 || n.content().length() != 0) {
            throw new IllegalArgumentException("NULL expected");
        }
        return new Null();
    }

    private static long le(byte[] z, int at) {
        long v = 0;
        for (int i = 3; i >= 0; i--) {
            v = (v << 8) | (z[at + i] & 0xFF);
        }
        return v;
    }
}
