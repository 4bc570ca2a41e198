package io.hansim.device.gbcs;

import io.hansim.gbcs.ByteString;
import io.hansim.gbcs.CosemDateTime;
import io.hansim.gbcs.OtherInformation;
import io.hansim.gbcs.crypto.KeyResolver;
import io.hansim.gbcs.usecase.UseCaseRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A simulated DCC user (a supplier) and its Access Control Broker, building the GBCS commands of the
 * service requests hansim models, MAC'd with the ACB's KA key and, when critical, signed with the
 * supplier's DS key (gbcs.md §4.1, §4.2, G.2). Its Originator Counter rises with every command, as
 * GBCS requires of a remote party; {@link #counter()} tells the next one (tests of replay use it).
 */
public final class RemoteParty {
    private final long entityId;
    private final GbcsSealer sealer;
    private long counter;
    private int tsn;

    /**
     * @param entityId     the supplier's entity id (EUI-64)
     * @param acb          the ACB's entity id
     * @param keys         the simulation PKI (must hold the ACB's KA and the supplier's DS private keys)
     * @param firstCounter the first Originator Counter
     */
    public RemoteParty(long entityId, long acb, KeyResolver keys, long firstCounter) {
        this.entityId = entityId;
        this.sealer = new GbcsSealer(acb, Objects.requireNonNull(keys, "keys"));
        this.counter = firstCounter;
    }

    public long entityId() {
        return entityId;
    }

    public long acb() {
        return sealer.acb();
    }

    /** The Originator Counter the next command will carry. */
    public long counter() {
        return counter;
    }

    /** SR 3.2 for the GPF: GCS09, a Publish Change of Tenancy with control 0x200 (gbcs.md §8.2, R56.7). */
    public byte[] gcs09(long gpf, long implementationUtc, long issuerEventId) {
        return gcs09(gpf, implementationUtc, issuerEventId, io.hansim.device.cot.ChangeOfTenancy.CLEAR_IHD_DATA_CONSUMER);
    }

    public byte[] gcs09(long gpf, long implementationUtc, long issuerEventId, long control) {
        return command(gpf, OtherInformation.of(0x0072), new UseCaseRecord.Gcs09Command(nextTsn(), 0,
                issuerEventId, 0, implementationUtc, control));
    }

    /** SR 3.2 for the ESME: ECS12, the DLMS set of the restrict-data date-time (gbcs.md §8.2, R56.7). */
    public byte[] ecs12(long esme, Instant restrictFrom) {
        long c = counter;
        return command(esme, OtherInformation.of(0x0022),
                new UseCaseRecord.Ecs12Command(0x2000_0000L | (c & 0xFF_FFFFL), CosemDateTime.of(restrictFrom)));
    }

    /**
     * SR 11.2 for a PPMID or an HCALCS: CS08, sent by the ACB on the supplier's behalf with the
     * supplier as Supplementary Remote Party (gbcs.md §8.2).
     */
    public byte[] cs08(long device) {
        long c = counter++;
        return sealer.command(c, sealer.acb(), device, OtherInformation.of(0x0129, entityId, c),
                new UseCaseRecord.Null());
    }

    /** SR 3.3 for a GSME: CS11 Clear ZigBee Device Event Log of log {@code logId} (gbcs.md §8.2, G.8). */
    public byte[] cs11(long gsme, int logId) {
        return command(gsme, OtherInformation.of(0x0015), new UseCaseRecord.Cs11Command(nextTsn(), logId));
    }

    /** SR 11.3: CS06 Activate Firmware with the Manufacturer Image Hash, now or at {@code at}. */
    public byte[] cs06(long device, byte[] manufacturerImageHash, Optional<Instant> at) {
        long c = counter;
        return command(device, OtherInformation.of(0x0012), new UseCaseRecord.Cs06Command(
                ByteString.of(manufacturerImageHash), c, at.map(CosemDateTime::generalizedTime)));
    }

    /** SR 11.3 cancellation: execution time 99991231235959Z (gbcs.md §8.2). */
    public byte[] cs06Cancel(long device, byte[] manufacturerImageHash) {
        long c = counter;
        return command(device, OtherInformation.of(0x0012), new UseCaseRecord.Cs06Command(
                ByteString.of(manufacturerImageHash), c, Optional.of(UseCaseRecord.Cs06Command.CANCELLATION)));
    }

    private byte[] command(long recipient, OtherInformation other, UseCaseRecord body) {
        return sealer.command(counter++, entityId, recipient, other, body);
    }

    private int nextTsn() {
        tsn = (tsn + 1) & 0xFF;
        return tsn;
    }
}
