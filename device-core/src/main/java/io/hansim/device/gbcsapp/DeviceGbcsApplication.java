package io.hansim.device.gbcsapp;

import io.hansim.gbcs.CraFlag;
import io.hansim.gbcs.GbcsCodec;
import io.hansim.gbcs.GbcsDecodeException;
import io.hansim.gbcs.GbcsMessage;
import io.hansim.gbcs.OtherInformation;
import io.hansim.gbcs.usecase.UseCaseCodec;
import io.hansim.gbcs.usecase.UseCaseRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A meter's own GBCS application (requirements G.3): the GBCS commands the CH hands it through the
 * tunnel are decoded here, acted on by the handler registered for their message code (CS11 on the
 * GSME clears its event log), and answered with a response from the device entity to the command's
 * originator, with the command's Originator Counter. The CH has checked MAC, signature and counter
 * before queueing the command (as {@code HubGbcsService} explains); the response is sealed with the
 * simulation PKI's keys by the {@link Sealer} that {@code HubGbcsService.serve} binds. Its own package,
 * so that the meters (which hold one) do not depend on the CH's GBCS side, which knows the meters.
 */
public final class DeviceGbcsApplication {

    /** What a device does with one use case: the response body, or empty for none. */
    @FunctionalInterface
    public interface Handler {
        Optional<UseCaseRecord> handle(UseCaseRecord command);
    }

    /**
     * Seals a response or alert from a device entity (the CH's GBCS side provides it, with the
     * simulation PKI: {@code HubGbcsService.serve}).
     */
    @FunctionalInterface
    public interface Sealer {
        byte[] fromDevice(CraFlag cra, long counter, long originator, long recipient, OtherInformation other,
                UseCaseRecord body, Instant now);
    }

    /** One command the device received, and what it did with it. */
    public record Handled(int messageCode, long originatorCounter, String outcome) {
    }

    private final long entityId;
    private final Supplier<Instant> clock;
    private final Map<Integer, Handler> handlers = new HashMap<>();
    private final List<Handled> handled = new ArrayList<>();
    private Sealer sealer;
    private java.util.function.Consumer<byte[]> out = b -> { };
    private long alertCounter = FIRST_ALERT_COUNTER;

    /** The Originator Counter of a device's first alert (each next one is higher); (derived). */
    public static final long FIRST_ALERT_COUNTER = 0x1000;

    /**
     * @param entityId the device's GBCS entity id (its EUI-64)
     * @param clock    the device's view of UTC, for the date-time of signed responses
     */
    public DeviceGbcsApplication(long entityId, Supplier<Instant> clock) {
        this.entityId = entityId;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Registers what the device does with {@code messageCode}. */
    public DeviceGbcsApplication on(int messageCode, Handler h) {
        handlers.put(messageCode, Objects.requireNonNull(h, "handler"));
        return this;
    }

    /** Binds the sealer its responses go out with; until then it acts but sends nothing back. */
    public void bind(Sealer s) {
        sealer = Objects.requireNonNull(s, "sealer");
    }

    /** Where the device's own messages (alerts) go: its tunnel to the CH (G.3). */
    public void sendThrough(java.util.function.Consumer<byte[]> sink) {
        out = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Raises an alert from the device to {@code recipient} (e.g. a firmware alert, G.7): sealed as the
     * device entity's with its next alert counter and sent through the tunnel. Nothing is sent before a
     * sealer is bound; returns the bytes sent.
     */
    public Optional<byte[]> alert(int messageCode, long recipient, UseCaseRecord body) {
        Objects.requireNonNull(body, "body");
        if (sealer == null) {
            return Optional.empty();
        }
        byte[] b = sealer.fromDevice(CraFlag.ALERT, alertCounter++, entityId, recipient, OtherInformation.of(messageCode),
                body, clock.get());
        out.accept(b);
        return Optional.of(b);
    }

    /** Every command received, in order. */
    public List<Handled> handled() {
        return Collections.unmodifiableList(handled);
    }

    /** A GBCS message from the tunnel; returns the response to send back, if any. */
    public Optional<byte[]> receive(byte[] wire) {
        GbcsMessage m;
        UseCaseRecord body;
        try {
            m = GbcsCodec.decode(wire);
            body = UseCaseCodec.decode(m).orElse(null);
        } catch (GbcsDecodeException e) {
            handled.add(new Handled(-1, -1, "malformed: " + e.getMessage()));
            return Optional.empty();
        }
        var g = m.groupingHeader();
        int code = g.otherInformation().messageCode();
        if (g.recipient() != entityId || g.craFlag() != CraFlag.COMMAND) {
            handled.add(new Handled(code, g.originatorCounter(), "not a command for this device"));
            return Optional.empty();
        }
        Handler h = handlers.get(code);
        if (h == null || body == null) {
            handled.add(new Handled(code, g.originatorCounter(), "message code not supported"));
            return Optional.empty();
        }
        Optional<UseCaseRecord> response = h.handle(body);
        handled.add(new Handled(code, g.originatorCounter(), response.map(r -> "answered " + r).orElse("acted")));
        if (response.isEmpty() || sealer == null) {
            return Optional.empty();
        }
        return Optional.of(sealer.fromDevice(CraFlag.RESPONSE, g.originatorCounter(), entityId, g.originator(),
                OtherInformation.of(code), response.get(), clock.get()));
    }
}
