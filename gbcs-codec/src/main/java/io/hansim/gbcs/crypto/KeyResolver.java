package io.hansim.gbcs.crypto;

import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Optional;

/** Looks up P-256 keys by entity (EUI-64) and usage. Empty means "not available", never an error. */
public interface KeyResolver {
    Optional<ECPublicKey> publicKey(long entity, KeyUsage usage);

    Optional<ECPrivateKey> privateKey(long entity, KeyUsage usage);
}
