package io.hansim.gbcs.payload;

/** A decoded GBCS payload in one of the gbcs.md §5 families; {@link #encode} gives its exact bytes. */
public sealed interface Payload permits GbzPayload, DlmsApdu, DerPayload {
    PayloadForm form();

    byte[] encode();
}
