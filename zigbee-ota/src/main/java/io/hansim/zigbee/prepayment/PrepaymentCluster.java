package io.hansim.zigbee.prepayment;

/**
 * Constants of the Prepayment cluster 0x0705 (ZigBee Smart Energy 1.4 Annex D.7) for the top-up and
 * debt logs, which some PPMIDs and IHDs show beyond SMETS (requirements R56.4: manufacturer extras
 * that a Change of Tenancy should clear).
 */
public final class PrepaymentCluster {
    /** The cluster identifier. */
    public static final int CLUSTER_ID = 0x0705;

    /** TopUpCode is an octet string of at most 25 octets (26 with the length octet; SE 1.4 D.7.2.3.5). */
    public static final int MAX_TOP_UP_CODE_LENGTH = 25;

    /** DebtType 0x00: debt 1 (SE 1.4 Table D-149). */
    public static final int DEBT_TYPE_DEBT_1 = 0x00;
    /** DebtType 0x01: debt 2. */
    public static final int DEBT_TYPE_DEBT_2 = 0x01;
    /** DebtType 0x02: debt 3. */
    public static final int DEBT_TYPE_DEBT_3 = 0x02;
    /** DebtType 0xFF: all debts (Get Debt Repayment Log only). */
    public static final int DEBT_TYPE_ALL_DEBTS = 0xFF;

    /** Get Top Up Log NumberOfRecords 0: all available records. */
    public static final int ALL_RECORDS = 0;

    private PrepaymentCluster() {
    }
}
