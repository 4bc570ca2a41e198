package io.hansim.device.cot;

import java.util.Objects;

/**
 * The inputs of {@link TenancyMonitor#handle(TenancyEvent)}. Each carries the time as ZCL UTCTime
 * seconds; the monitor reads no clock (DESIGN.md §2).
 */
public sealed interface TenancyEvent {

    /** Now, UTCTime seconds. */
    long nowUtc();

    /** The device booted or joined the HAN: ask the sources at once (R56.2 "after joining"). */
    record Started(long nowUtc) implements TenancyEvent {
    }

    /** The {@link TenancyTimer#POLL} timer fired. */
    record PollDue(long nowUtc) implements TenancyEvent {
    }

    /**
     * CoT information from a source: a Publish Change of Tenancy (Device Management 0x0708,
     * server→client 0x00), or the attributes 0x0200 Change of Tenancy Update Date/Time and 0x0201
     * Proposed Tenancy Change Control read from it (R56.1, gbcs.md §8.2).
     *
     * @param sourceEui         the sender's EUI-64
     * @param issuerEventId     IssuerEventID (u32; 0 when read from attributes)
     * @param implementationUtc ImplementationDateTime, UTCTime (0xFFFFFFFF: none set)
     * @param controlBits       ProposedTenancyChangeControl (bitmap32)
     * @param nowUtc            now
     */
    record CotInformation(long sourceEui, long issuerEventId, long implementationUtc, long controlBits, long nowUtc)
            implements TenancyEvent {
        public CotInformation {
            Utc.requireU32("issuerEventId", issuerEventId);
            Utc.requireU32("implementationUtc", implementationUtc);
            Utc.requireU32("controlBits", controlBits);
        }
    }

    /** The {@link TenancyTimer#IMPLEMENTATION} timer fired. */
    record ImplementationDue(long nowUtc) implements TenancyEvent {
    }

    /** The host carried out a {@link TenancyAction.ClearNext} (the store persisted that step). */
    record ClearStepDone(long nowUtc) implements TenancyEvent {
    }

    /**
     * The firmware now implements {@code newSpecVersion} (after an OTA upgrade, R56.8, R7.4). The
     * host also rebuilds its profile with it for later boots.
     */
    record Upgraded(SpecVersion newSpecVersion, long nowUtc) implements TenancyEvent {
        public Upgraded {
            Objects.requireNonNull(newSpecVersion, "newSpecVersion");
        }
    }
}
