package io.hansim.gbcs.crypto;

import io.hansim.gbcs.GroupingHeader;
import io.hansim.gbcs.OtherInformation;

/**
 * The inputs that bind an encrypted payload part to its message (gbcs.md §4.3): the originator system
 * title (KDF OtherInfo and IV), the counter and the recipient that go into OtherInfo after the CRA
 * byte {@code 04}.
 *
 * @param originator the originator system title (EUI-64)
 * @param counter the Supplementary Originator Counter if the message has one, else the Originator Counter
 * @param recipient the Supplementary Remote Party ID if the message has one, else the recipient
 */
public record CipherContext(long originator, long counter, long recipient) {

    /** The CRA byte used only inside key derivation for encrypted parts (gbcs.md §2.2, §4.3). */
    public static final int CRA_ENCRYPTION = 0x04;

    /**
     * The context of a GBZ encrypted component, taken from the grouping header with the supplementary
     * fields preferred (gbcs.md §4.3 first bullet).
     */
    public static CipherContext of(GroupingHeader g) {
        OtherInformation oi = g.otherInformation();
        return new CipherContext(g.originator(),
                oi.supplementaryOriginatorCounter().orElse(g.originatorCounter()),
                oi.supplementaryRemotePartyId().orElse(g.recipient()));
    }

    /** OtherInfo for the KDF: AlgorithmID ‖ originator ‖ {@code 09 04} ‖ counter ‖ recipient (gbcs.md §4.1, §4.3). */
    public byte[] otherInfo() {
        return GbcsKdf.otherInfo(originator, CRA_ENCRYPTION, counter, recipient);
    }
}
