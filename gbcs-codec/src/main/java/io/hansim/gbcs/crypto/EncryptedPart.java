package io.hansim.gbcs.crypto;

import io.hansim.gbcs.ByteString;
import java.util.Objects;

/**
 * One encrypted part of a GBCS payload (gbcs.md §4.3), located by {@link EncryptedParts#find}: the
 * ciphered block ({@code 31} ‖ IC ‖ ciphertext ‖ tag), its offset in the encoded message, and the
 * {@link CipherContext} that derives its key.
 */
public sealed interface EncryptedPart permits EncryptedPart.GbzComponentPart, EncryptedPart.DlmsProtectedData {

    /** The ciphered block. */
    ByteString block();

    /** Offset of the block's {@code 31} byte in the encoded message. */
    int offset();

    /** Whose keys and which counter protect the block. */
    CipherContext context();

    /**
     * A GBZ component with Extended Header Control bit 0x02 (gbcs.md §4.3 GBZ wrapper): Additional
     * Header Control, Additional Frame Counter and the ZCL frame control, TSN and command are clear; the
     * ZCL payload is ciphered. The context comes from the grouping header ({@link CipherContext#of}).
     *
     * @param index the component's position in the GBZ payload
     */
    record GbzComponentPart(int index, int cluster, int additionalHeaderControl, int additionalFrameCounter,
            int frameControl, int transactionSequenceNumber, int commandId, CipherContext context,
            ByteString block, int offset) implements EncryptedPart {
        public GbzComponentPart {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(block, "block");
        }

        /** The clear ZCL frame: frame control ‖ TSN ‖ command ‖ {@code plaintext} (the decrypted ZCL payload). */
        public ByteString zclFrame(ByteString plaintext) {
            byte[] out = new byte[3 + plaintext.length()];
            out[0] = (byte) frameControl;
            out[1] = (byte) transactionSequenceNumber;
            out[2] = (byte) commandId;
            plaintext.copyTo(out, 3);
            return ByteString.of(out);
        }
    }

    /**
     * A DLMS octet-string of protected data that follows its protection parameters in the same A-XDR
     * list ("get protected attributes" responses and alerts such as ECS68, gbcs.md §4.3 DLMS wrapper).
     * The context comes from the grouping header like a GBZ part's ({@link CipherContext#of}); the
     * protection parameters' transaction id (CRA {@code 04} ‖ counter), originator and recipient are kept
     * as {@code stated}: they repeat the envelope's own fields, not the supplementary ones, so they do not
     * decide the key (docs/decisions/0012).
     *
     * @param protectionType the protection-type enum of the protection parameters, kept as sent
     * @param stated what the protection parameters say (for display; not used for the key)
     */
    record DlmsProtectedData(int protectionType, CipherContext context, CipherContext stated, ByteString block,
            int offset) implements EncryptedPart {
        public DlmsProtectedData {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(stated, "stated");
            Objects.requireNonNull(block, "block");
        }
    }
}
