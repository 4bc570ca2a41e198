package io.hansim.device.role;

import io.hansim.device.inventory.DeviceModel;
import io.hansim.device.inventory.FirmwareVersion;
import io.hansim.device.inventory.ManufacturerId;
import io.hansim.device.inventory.OtaIdentity;
import io.hansim.device.node.ClusterRole;
import io.hansim.device.node.Inbound;
import io.hansim.device.node.Port;
import io.hansim.zigbee.basic.BasicAttribute;
import io.hansim.zigbee.zcl.Bytes;
import io.hansim.zigbee.zcl.GeneralCommandCodec;
import io.hansim.zigbee.zcl.GeneralFrame;
import io.hansim.zigbee.zcl.ReadAttributes;
import io.hansim.zigbee.zcl.ReadAttributesResponse;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclValue;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The CH's Basic cluster client (0x0000; requirements G.9): it reads ManufacturerName, ModelIdentifier
 * and SWBuildID from a joined device over the HAN and keeps what each device said as an
 * {@link OtaIdentity}, or why the answer is not one (a missing attribute, a string that is not the
 * G.9 hex form).
 */
public final class IdentityReaderRole implements ClusterRole {
    /** What one read gave: the identity, or why there is none. */
    public record Result(Optional<OtaIdentity> identity, String problem) {
        public Result {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(problem, "problem");
        }
    }

    private final Port port;
    private final Map<Integer, Long> inFlight = new HashMap<>();
    private final Map<Long, Result> results = new LinkedHashMap<>();

    public IdentityReaderRole(Port port) {
        this.port = Objects.requireNonNull(port, "port");
    }

    @Override
    public int clusterId() {
        return BasicAttribute.CLUSTER_ID;
    }

    @Override
    public Side side() {
        return Side.CLIENT;
    }

    @Override
    public void powerLost() {
        inFlight.clear();
    }

    /** Sends the Read Attributes of the three identity attributes to {@code eui64}. */
    public void read(long eui64) {
        int tsn = port.nextTsn();
        inFlight.put(tsn, eui64);
        GeneralFrame f = GeneralFrame.of(ZclHeader.Direction.CLIENT_TO_SERVER, false, tsn, ReadAttributes.of(
                BasicAttribute.MANUFACTURER_NAME.id(), BasicAttribute.MODEL_IDENTIFIER.id(),
                BasicAttribute.SW_BUILD_ID.id()));
        port.send(eui64, false, BasicAttribute.CLUSTER_ID, Bytes.of(GeneralCommandCodec.encode(f)));
    }

    /** What the last read of {@code eui64} gave, once its answer came. */
    public Optional<Result> result(long eui64) {
        return Optional.ofNullable(results.get(eui64));
    }

    @Override
    public void attributesRead(Inbound in, ReadAttributesResponse r) {
        Long eui = inFlight.get(in.tsn());
        if (eui == null || eui != in.source()) {
            return;
        }
        inFlight.remove(in.tsn());
        Map<Integer, String> text = new HashMap<>();
        for (ReadAttributesResponse.StatusRecord s : r.records()) {
            if (s.isSuccess() && s.value() instanceof ZclValue.CharString c && !c.invalid()) {
                text.put(s.attributeId(), new String(c.raw().toArray(), StandardCharsets.ISO_8859_1));
            }
        }
        results.put(eui, parse(text));
    }

    private static Result parse(Map<Integer, String> text) {
        String mfr = text.get(BasicAttribute.MANUFACTURER_NAME.id());
        String model = text.get(BasicAttribute.MODEL_IDENTIFIER.id());
        String sw = text.get(BasicAttribute.SW_BUILD_ID.id());
        if (mfr == null || model == null || sw == null) {
            return new Result(Optional.empty(), "the device did not give ManufacturerName, ModelIdentifier and"
                    + " SWBuildID (G.9)");
        }
        try {
            return new Result(Optional.of(new OtaIdentity(ManufacturerId.parse(mfr), DeviceModel.parse(model),
                    FirmwareVersion.parse(sw))), "");
        } catch (IllegalArgumentException e) {
            return new Result(Optional.empty(), "not the G.9 identity form: " + e.getMessage());
        }
    }
}
