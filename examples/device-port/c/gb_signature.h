/*
 * gb_signature.h: what the example PPMID uses to check a GB image's signature (zigbee-ota.md §8,
 * requirements G.6): SHA-256 of the Manufacturer Image, and ECDSA on NIST P-256 over it.
 *
 * This stands in for your chip's crypto engine or your stack's crypto library: a real device calls
 * those instead. It is plain C99, small and slow (a verification takes a fraction of a second on a
 * PC, which is fine once per image), not constant-time (it only handles public data), and it is not
 * meant for anything but verifying.
 */
#ifndef GB_SIGNATURE_H
#define GB_SIGNATURE_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t h[8];
    uint64_t bytes;
    uint8_t block[64];
    size_t fill;
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const uint8_t *data, size_t len);
void sha256_final(sha256_ctx *c, uint8_t digest[32]);

/**
 * 1 if sig (r ‖ s, 32 octets each, big-endian) is a valid ECDSA P-256 signature of the SHA-256
 * digest hash under the public key pub (X ‖ Y, 32 octets each, big-endian); 0 otherwise (also for a
 * key that is not a point of the curve).
 */
int p256_verify(const uint8_t pub[64], const uint8_t hash[32], const uint8_t sig[64]);

#endif
