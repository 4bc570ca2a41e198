package io.hansim.device.node;

/**
 * How a device chooses the destination endpoint of a unicast it originates (requirements G.5).
 */
public enum EndpointPolicy {
    /**
     * The endpoint the addressee attached with, as the installer's binding would give it (hansim's
     * behaviour before issue 16, and still its default: it adds no frame to a run; decision 0025).
     */
    BOUND,
    /**
     * Ask first: the first unicast on a cluster to a device whose endpoint for it is not yet known
     * sends a ZDO Match Descriptor Request and waits for the answer; the frames wait with it and go
     * to the endpoint found (none found: they are not sent, and {@link Node#discoveryFailures()}
     * counts them). Endpoints learnt stay known across power cuts (the binding table is in flash).
     */
    DISCOVER,
    /**
     * The real-world fault (HenryGiraldo/gbcs {@code c/ch.c}, where the CH is on 0x7B): every unicast
     * goes to endpoint 1, discovery never asked. With the CH elsewhere the bus drops them.
     */
    ASSUME_ENDPOINT_1
}
