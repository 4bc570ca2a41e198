package io.hansim.zigbee.ota.client;

import io.hansim.zigbee.ota.ImageBlockRequest;
import io.hansim.zigbee.ota.OtaCodec;
import io.hansim.zigbee.ota.OtaCommand;
import io.hansim.zigbee.zcl.DefaultResponse;
import io.hansim.zigbee.zcl.GeneralCommand;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclHeader.FrameType;

import java.util.ArrayList;
import java.util.List;

/**
 * Reading the client's actions in tests: {@link #norm} turns them into values that compare
 * exactly (sent frames decoded into their command records, free-text details dropped).
 */
final class Actions {
    private Actions() {
    }

    /** A sent frame, decoded; the TSN is left out (see {@link #sentTsns}). */
    record Sent(long destination, Object command) {
    }

    record IgnoredAs(IgnoreReason reason) {
    }

    record RefusedAs(RefusalReason reason, long source) {
    }

    record Discarded(DiscardReason reason) {
    }

    static Object norm(ClientAction a) {
        if (a instanceof ClientAction.SendFrame s) {
            return new Sent(s.destinationEui64(), decode(s.zclFrame().toArray()));
        }
        if (a instanceof ClientAction.Ignored i) {
            return new IgnoredAs(i.reason());
        }
        if (a instanceof ClientAction.Refused r) {
            return new RefusedAs(r.reason(), r.sourceEui64());
        }
        if (a instanceof ClientAction.DiscardImage d) {
            return new Discarded(d.reason());
        }
        return a;
    }

    static List<Object> norm(List<ClientAction> actions) {
        List<Object> out = new ArrayList<>();
        for (ClientAction a : actions) {
            out.add(norm(a));
        }
        return out;
    }

    /** An OTA command or a general command. Client frames are strict except for the §9 #13 quirk. */
    static Object decode(byte[] frame) {
        ZclHeader h = ClientHarness.header(frame);
        if (h.frameType() == FrameType.GLOBAL) {
            return GeneralCommandCodec.decode(frame).command();
        }
        return OtaCodec.decode(frame, OtaCodec.Options.LENIENT).command();
    }

    static List<Object> sent(List<ClientAction> actions) {
        List<Object> out = new ArrayList<>();
        for (ClientAction a : actions) {
            if (a instanceof ClientAction.SendFrame s) {
                out.add(decode(s.zclFrame().toArray()));
            }
        }
        return out;
    }

    static List<OtaCommand> sentOta(List<ClientAction> actions) {
        List<OtaCommand> out = new ArrayList<>();
        for (Object o : sent(actions)) {
            if (o instanceof OtaCommand c) {
                out.add(c);
            }
        }
        return out;
    }

    static List<DefaultResponse> defaultResponses(List<ClientAction> actions) {
        List<DefaultResponse> out = new ArrayList<>();
        for (Object o : sent(actions)) {
            if (o instanceof DefaultResponse d) {
                out.add(d);
            }
        }
        return out;
    }

    static List<GeneralCommand> sentGeneral(List<ClientAction> actions) {
        List<GeneralCommand> out = new ArrayList<>();
        for (Object o : sent(actions)) {
            if (o instanceof GeneralCommand g) {
                out.add(g);
            }
        }
        return out;
    }

    static List<Integer> sentTsns(List<ClientAction> actions) {
        List<Integer> out = new ArrayList<>();
        for (ClientAction a : actions) {
            if (a instanceof ClientAction.SendFrame s) {
                out.add(s.zclFrame().get(1));
            }
        }
        return out;
    }

    static ImageBlockRequest lastBlockRequest(List<ClientAction> actions) {
        ImageBlockRequest last = null;
        for (OtaCommand c : sentOta(actions)) {
            if (c instanceof ImageBlockRequest r) {
                last = r;
            }
        }
        return last;
    }

    static <T> List<T> of(List<ClientAction> actions, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (ClientAction a : actions) {
            if (type.isInstance(a)) {
                out.add(type.cast(a));
            }
        }
        return out;
    }

    static <T> T one(List<ClientAction> actions, Class<T> type) {
        List<T> all = of(actions, type);
        if (all.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + " in " + actions);
        }
        return all.get(0);
    }
}
