/*
 * gb_signature_test.c: SHA-256 against the FIPS 180-4 examples, and ECDSA P-256 verification of a
 * signature made by hansim's own Java signer (zigbee-ota DeterministicEcdsa, the key the conformance
 * battery signs its images with), plus the ways it must refuse.
 */
#include "gb_signature.h"

#include <stdio.h>
#include <string.h>

static int failures, checks;
#define CHECK(c, what) do { checks++; if (!(c)) { failures++; fprintf(stderr, "FAIL: %s\n", what); } } while (0)

static void hex(const char *h, uint8_t *out, size_t n) {
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        sscanf(h + 2 * i, "%2x", &v);
        out[i] = (uint8_t)v;
    }
}

static int sha_is(const void *msg, size_t len, size_t repeat, const char *want) {
    sha256_ctx c;
    uint8_t d[32], w[32];
    sha256_init(&c);
    for (size_t i = 0; i < repeat; i++) sha256_update(&c, msg, len);
    sha256_final(&c, d);
    hex(want, w, 32);
    return memcmp(d, w, 32) == 0;
}

int main(void) {
    CHECK(sha_is("abc", 3, 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), "SHA-256 abc");
    CHECK(sha_is("", 0, 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), "SHA-256 empty");
    CHECK(sha_is("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, 1,
                 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"), "SHA-256 56 octets");
    CHECK(sha_is("a", 1, 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
          "SHA-256 a million a");

    uint8_t pub[64], sig[64], h[32];
    hex("1336e05926d74c8eefc5e5aac5cec726925449d8d5eda43dadfce34481f818c3"
        "ffab6b4cab81f4e1bf01a90f0621571077b73303ecced330c2629e61ea992bf3", pub, 64);
    hex("46750e26967af23c535d9c6b15c1971c5ed90e24b8b98a7d42a171a11b5ea4ce"
        "0efd16b58d7e267cafd4a6f64f223e7399d26c256d3424d75d727b5859257877", sig, 64);
    const char *msg = "the manufacturer image";
    sha256_ctx c;
    sha256_init(&c);
    sha256_update(&c, (const uint8_t *)msg, strlen(msg));
    sha256_final(&c, h);
    CHECK(p256_verify(pub, h, sig) == 1, "a signature by hansim's Java signer verifies");
    h[5] ^= 1;
    CHECK(p256_verify(pub, h, sig) == 0, "another message does not verify");
    h[5] ^= 1;
    sig[40] ^= 0x10;
    CHECK(p256_verify(pub, h, sig) == 0, "a changed s does not verify");
    sig[40] ^= 0x10;
    pub[63] ^= 1;
    CHECK(p256_verify(pub, h, sig) == 0, "a key off the curve is refused");
    pub[63] ^= 1;
    memset(sig, 0, 32);
    CHECK(p256_verify(pub, h, sig) == 0, "r = 0 is refused");
    printf("gb_signature_test: %d checks, %d failed\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
