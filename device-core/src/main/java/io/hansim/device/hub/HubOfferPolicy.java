package io.hansim.device.hub;

import io.hansim.device.gb.DeviceClass;
import io.hansim.zigbee.ota.server.OfferPolicy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CH's answer to its OTA server's "may this client be offered images?" ({@link OfferPolicy}):
 * never an IHD (R7.2), never a PPMID to which MP202 gives no OTA by this route (R202.4, decided
 * when the CH registers the device: at join and again at every boot). Any other client may be. The
 * server asks before every notify, query and block; the answer here is one map lookup.
 */
final class HubOfferPolicy implements OfferPolicy {
    /** What the CH registered of a device: its class, and whether R202.4 excludes it. */
    private record Registered(DeviceClass deviceClass, boolean mp202Excluded) {
    }

    private final Map<Long, Registered> registered = new HashMap<>();

    /** The CH (re)registers a joined device: at join, and at each boot (R202.4 is decided then). */
    void register(long client, DeviceClass deviceClass, boolean mp202Excluded) {
        registered.put(client, new Registered(deviceClass, mp202Excluded));
    }

    /** R7.2: the classes the CH never offers an image. */
    static boolean excludedClass(DeviceClass c) {
        return c == DeviceClass.IHD;
    }

    @Override
    public Optional<String> refusal(long client) {
        Registered r = registered.get(client);
        DeviceClass c = r == null ? DeviceClass.OTHER : r.deviceClass();
        if (excludedClass(c) || (r != null && r.mp202Excluded())) {
            // The wording of the server's refusal before the policy moved to the CH (kept byte for byte).
            return Optional.of(String.format("client %016X is an %s; %s devices are excluded from OTA (R7.2)",
                    client, c, c));
        }
        return Optional.empty();
    }
}
