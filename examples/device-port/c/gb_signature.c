/*
 * gb_signature.c: SHA-256 (FIPS 180-4) and ECDSA P-256 verification (FIPS 186-4, SEC 1), for the
 * example PPMID's GB image check. See gb_signature.h: a stand-in for a device's crypto engine.
 */
#include "gb_signature.h"

#include <string.h>

/* ---- SHA-256 ------------------------------------------------------------------------------------ */

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha256_block(sha256_ctx *c, const uint8_t *p) {
    uint32_t w[64], v[8];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    memcpy(v, c->h, sizeof v);
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = v[7] + (ROR(v[4], 6) ^ ROR(v[4], 11) ^ ROR(v[4], 25)) + ((v[4] & v[5]) ^ (~v[4] & v[6])) + K[i] + w[i];
        uint32_t t2 = (ROR(v[0], 2) ^ ROR(v[0], 13) ^ ROR(v[0], 22)) + ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
        memmove(v + 1, v, 7 * sizeof v[0]);
        v[4] += t1;
        v[0] = t1 + t2;
    }
    for (int i = 0; i < 8; i++) c->h[i] += v[i];
}

void sha256_init(sha256_ctx *c) {
    static const uint32_t H0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(c->h, H0, sizeof H0);
    c->bytes = 0;
    c->fill = 0;
}

void sha256_update(sha256_ctx *c, const uint8_t *data, size_t len) {
    c->bytes += len;
    while (len > 0) {
        size_t take = 64 - c->fill < len ? 64 - c->fill : len;
        memcpy(c->block + c->fill, data, take);
        c->fill += take;
        data += take;
        len -= take;
        if (c->fill == 64) {
            sha256_block(c, c->block);
            c->fill = 0;
        }
    }
}

void sha256_final(sha256_ctx *c, uint8_t digest[32]) {
    uint64_t bits = c->bytes * 8;
    uint8_t pad[72] = {0x80};
    size_t n = (c->fill < 56 ? 56 : 120) - c->fill;
    for (int i = 0; i < 8; i++) pad[n + i] = (uint8_t)(bits >> (56 - 8 * i));
    sha256_update(c, pad, n + 8);
    for (int i = 0; i < 8; i++)
        for (int k = 0; k < 4; k++) digest[4 * i + k] = (uint8_t)(c->h[i] >> (24 - 8 * k));
}

/* ---- 256-bit numbers: eight 32-bit limbs, least significant first ------------------------------- */

typedef uint32_t bn[8];

static const bn P = {0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000, 0x00000000, 0x00000000, 0x00000001, 0xFFFFFFFF};
static const bn N = {0xFC632551, 0xF3B9CAC2, 0xA7179E84, 0xBCE6FAAD, 0xFFFFFFFF, 0xFFFFFFFF, 0x00000000, 0xFFFFFFFF};
static const bn B = {0x27D2604B, 0x3BCE3C3E, 0xCC53B0F6, 0x651D06B0, 0x769886BC, 0xB3EBBD55, 0xAA3A93E7, 0x5AC635D8};
static const bn GX = {0xD898C296, 0xF4A13945, 0x2DEB33A0, 0x77037D81, 0x63A440F2, 0xF8BCE6E5, 0xE12C4247, 0x6B17D1F2};
static const bn GY = {0x37BF51F5, 0xCBB64068, 0x6B315ECE, 0x2BCE3357, 0x7C0F9E16, 0x8EE7EB4A, 0xFE1A7F9B, 0x4FE342E2};

static void bn_from_be(bn r, const uint8_t *p) {
    for (int i = 0; i < 8; i++)
        r[i] = (uint32_t)p[28 - 4 * i] << 24 | (uint32_t)p[29 - 4 * i] << 16 | (uint32_t)p[30 - 4 * i] << 8 | p[31 - 4 * i];
}
static int bn_cmp(const bn a, const bn b) {
    for (int i = 7; i >= 0; i--)
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
}
static int bn_zero(const bn a) {
    uint32_t x = 0;
    for (int i = 0; i < 8; i++) x |= a[i];
    return x == 0;
}
static uint32_t bn_add(bn r, const bn a, const bn b) {
    uint64_t c = 0;
    for (int i = 0; i < 8; i++) {
        c += (uint64_t)a[i] + b[i];
        r[i] = (uint32_t)c;
        c >>= 32;
    }
    return (uint32_t)c;
}
static uint32_t bn_sub(bn r, const bn a, const bn b) {
    int64_t c = 0;
    for (int i = 0; i < 8; i++) {
        c += (int64_t)a[i] - b[i];
        r[i] = (uint32_t)c;
        c = c < 0 ? -1 : 0;
    }
    return c != 0;
}
static int bn_bit(const bn a, int i) { return (a[i / 32] >> (i % 32)) & 1; }

/* Arithmetic mod m, for inputs already below m. */
static void mod_add(bn r, const bn a, const bn b, const bn m) {
    if (bn_add(r, a, b) || bn_cmp(r, m) >= 0) bn_sub(r, r, m);
}
static void mod_sub(bn r, const bn a, const bn b, const bn m) {
    if (bn_sub(r, a, b)) bn_add(r, r, m);
}
static void mod_mul(bn r, const bn a, const bn b, const bn m) { /* double and add, from the top bit */
    bn acc = {0};
    for (int i = 255; i >= 0; i--) {
        mod_add(acc, acc, acc, m);
        if (bn_bit(a, i)) mod_add(acc, acc, b, m);
    }
    memcpy(r, acc, sizeof acc);
}
static void mod_inv(bn r, const bn a, const bn m) { /* a^(m−2): m is prime */
    bn e, two = {2}, acc = {1};
    bn_sub(e, m, two);
    for (int i = 255; i >= 0; i--) {
        mod_mul(acc, acc, acc, m);
        if (bn_bit(e, i)) mod_mul(acc, acc, a, m);
    }
    memcpy(r, acc, sizeof acc);
}

/* ---- Points in Jacobian coordinates (x = X/Z², y = Y/Z³); Z = 0 is the point at infinity --------- */

typedef struct {
    bn x, y, z;
} point;

static void pt_double(point *r, const point *p) { /* a = −3 */
    if (bn_zero(p->z) || bn_zero(p->y)) {
        memset(r, 0, sizeof *r);
        return;
    }
    bn delta, gamma, beta, alpha, t1, t2, x3, y3, z3;
    mod_mul(delta, p->z, p->z, P);
    mod_mul(gamma, p->y, p->y, P);
    mod_mul(beta, p->x, gamma, P);
    mod_sub(t1, p->x, delta, P);
    mod_add(t2, p->x, delta, P);
    mod_mul(alpha, t1, t2, P);
    mod_add(t1, alpha, alpha, P);
    mod_add(alpha, t1, alpha, P);                 /* alpha = 3(X − delta)(X + delta) */
    mod_mul(x3, alpha, alpha, P);
    mod_add(t1, beta, beta, P);                   /* 2 beta */
    mod_add(t1, t1, t1, P);                       /* 4 beta */
    mod_add(t2, t1, t1, P);                       /* 8 beta */
    mod_sub(x3, x3, t2, P);                       /* X3 = alpha² − 8 beta */
    mod_add(t2, p->y, p->z, P);
    mod_mul(z3, t2, t2, P);
    mod_sub(z3, z3, gamma, P);
    mod_sub(z3, z3, delta, P);                    /* Z3 = (Y + Z)² − gamma − delta */
    mod_sub(t1, t1, x3, P);
    mod_mul(y3, alpha, t1, P);
    mod_mul(t2, gamma, gamma, P);
    mod_add(t2, t2, t2, P);
    mod_add(t2, t2, t2, P);
    mod_add(t2, t2, t2, P);                       /* 8 gamma² */
    mod_sub(y3, y3, t2, P);                       /* Y3 = alpha(4 beta − X3) − 8 gamma² */
    memcpy(r->x, x3, sizeof x3);
    memcpy(r->y, y3, sizeof y3);
    memcpy(r->z, z3, sizeof z3);
}

static void pt_add(point *r, const point *p, const point *q) {
    if (bn_zero(p->z)) { *r = *q; return; }
    if (bn_zero(q->z)) { *r = *p; return; }
    bn z1z1, z2z2, u1, u2, s1, s2, h, i, j, rr, v, t, x3, y3, z3;
    mod_mul(z1z1, p->z, p->z, P);
    mod_mul(z2z2, q->z, q->z, P);
    mod_mul(u1, p->x, z2z2, P);
    mod_mul(u2, q->x, z1z1, P);
    mod_mul(t, q->z, z2z2, P);
    mod_mul(s1, p->y, t, P);
    mod_mul(t, p->z, z1z1, P);
    mod_mul(s2, q->y, t, P);
    if (bn_cmp(u1, u2) == 0) {
        if (bn_cmp(s1, s2) == 0) pt_double(r, p);
        else memset(r, 0, sizeof *r);
        return;
    }
    mod_sub(h, u2, u1, P);
    mod_add(t, h, h, P);
    mod_mul(i, t, t, P);                          /* I = (2H)² */
    mod_mul(j, h, i, P);
    mod_sub(rr, s2, s1, P);
    mod_add(rr, rr, rr, P);                       /* r = 2(S2 − S1) */
    mod_mul(v, u1, i, P);
    mod_mul(x3, rr, rr, P);
    mod_sub(x3, x3, j, P);
    mod_sub(x3, x3, v, P);
    mod_sub(x3, x3, v, P);                        /* X3 = r² − J − 2V */
    mod_sub(t, v, x3, P);
    mod_mul(y3, rr, t, P);
    mod_mul(t, s1, j, P);
    mod_add(t, t, t, P);
    mod_sub(y3, y3, t, P);                        /* Y3 = r(V − X3) − 2 S1 J */
    mod_add(t, p->z, q->z, P);
    mod_mul(z3, t, t, P);
    mod_sub(z3, z3, z1z1, P);
    mod_sub(z3, z3, z2z2, P);
    mod_mul(z3, z3, h, P);                        /* Z3 = ((Z1 + Z2)² − Z1Z1 − Z2Z2) H */
    memcpy(r->x, x3, sizeof x3);
    memcpy(r->y, y3, sizeof y3);
    memcpy(r->z, z3, sizeof z3);
}

static int on_curve(const bn x, const bn y) { /* y² = x³ − 3x + b */
    bn l, r, t;
    if (bn_cmp(x, P) >= 0 || bn_cmp(y, P) >= 0) return 0;
    mod_mul(l, y, y, P);
    mod_mul(t, x, x, P);
    mod_mul(r, t, x, P);
    mod_add(t, x, x, P);
    mod_add(t, t, x, P);
    mod_sub(r, r, t, P);
    mod_add(r, r, B, P);
    return bn_cmp(l, r) == 0;
}

int p256_verify(const uint8_t pub[64], const uint8_t hash[32], const uint8_t sig[64]) {
    bn r, s, e, w, u1, u2, one = {1};
    point q, g, acc;
    bn_from_be(q.x, pub);
    bn_from_be(q.y, pub + 32);
    memcpy(q.z, one, sizeof one);
    if (!on_curve(q.x, q.y)) return 0;
    bn_from_be(r, sig);
    bn_from_be(s, sig + 32);
    if (bn_zero(r) || bn_zero(s) || bn_cmp(r, N) >= 0 || bn_cmp(s, N) >= 0) return 0;
    bn_from_be(e, hash);
    if (bn_cmp(e, N) >= 0) bn_sub(e, e, N);
    mod_inv(w, s, N);
    mod_mul(u1, e, w, N);
    mod_mul(u2, r, w, N);
    memcpy(g.x, GX, sizeof GX);
    memcpy(g.y, GY, sizeof GY);
    memcpy(g.z, one, sizeof one);
    memset(&acc, 0, sizeof acc);
    for (int i = 255; i >= 0; i--) { /* u1·G + u2·Q, both at once */
        pt_double(&acc, &acc);
        if (bn_bit(u1, i)) pt_add(&acc, &acc, &g);
        if (bn_bit(u2, i)) pt_add(&acc, &acc, &q);
    }
    if (bn_zero(acc.z)) return 0;
    bn zi, x;
    mod_inv(zi, acc.z, P);
    mod_mul(zi, zi, zi, P);
    mod_mul(x, acc.x, zi, P);
    if (bn_cmp(x, N) >= 0) bn_sub(x, x, N);
    return bn_cmp(x, r) == 0;
}
