package io.hansim.device.trace;

/**
 * CRC-16/KERMIT, the IEEE 802.15.4 frame check sequence (IEEE 802.15.4-2006 §7.2.1.9: the ITU-T
 * polynomial x^16 + x^12 + x^5 + 1, processed least significant bit first, so the reflected
 * polynomial 0x8408, initial value 0, no final XOR). Wireshark calls it "ITU-T CRC-16", its default
 * {@code wpan.fcs_format} (shared/oracles/tshark/README.md). Check value: "123456789" gives 0x2189.
 */
final class Crc16Kermit {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private Crc16Kermit() {
    }

    /** The CRC of {@code length} bytes of {@code data} from {@code offset}, 0..0xFFFF. */
    static int compute(byte[] data, int offset, int length) {
        int crc = 0;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ data[i]) & 0xFF];
        }
        return crc;
    }
}
