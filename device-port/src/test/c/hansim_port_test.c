/*
 * hansim_port_test.c: tests of the C shim's framing and session loop (docs/device-port.md).
 *
 * Each case writes what hansim would send into a pipe, runs hp_run() on it with callbacks that
 * act, and checks the octets the shim wrote back against the byte layouts of the contract, written
 * out here by hand (not with the shim's own encoder). Bad input must end as a typed error naming
 * the offset, never a crash or a hang (the input pipe is closed, so a shim that waited would see
 * the end of the stream and say so).
 *
 * Build and run: cc -std=c99 -Wall -Wextra -Werror -O2 -I device-port/src/main/c \
 *   device-port/src/main/c/hansim_port.c device-port/src/test/c/hansim_port_test.c -o target/c/hansim_port_test
 *   && target/c/hansim_port_test
 */
#define _POSIX_C_SOURCE 200809L
#include "hansim_port.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int failures, checks;

#define CHECK(cond, ...)                                                                            \
    do {                                                                                            \
        checks++;                                                                                   \
        if (!(cond)) {                                                                              \
            failures++;                                                                             \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                                    \
            fprintf(stderr, __VA_ARGS__);                                                           \
            fputc('\n', stderr);                                                                    \
        }                                                                                           \
    } while (0)

/* ---- A byte builder for hansim's side ---------------------------------------------------------- */

typedef struct {
    uint8_t b[8192];
    size_t n;
    size_t start;
} buf;

static void b8(buf *x, unsigned v) { x->b[x->n++] = (uint8_t)v; }
static void b16(buf *x, unsigned v) { b8(x, v & 0xFF); b8(x, (v >> 8) & 0xFF); }
static void b32(buf *x, uint32_t v) { for (int i = 0; i < 4; i++) b8(x, (v >> (8 * i)) & 0xFF); }
static void b64(buf *x, uint64_t v) { for (int i = 0; i < 8; i++) b8(x, (unsigned)((v >> (8 * i)) & 0xFF)); }
static void braw(buf *x, const void *d, size_t n) { memcpy(x->b + x->n, d, n); x->n += n; }
static void bstr(buf *x, const char *s) { b8(x, (unsigned)strlen(s)); braw(x, s, strlen(s)); }
static void btext(buf *x, const char *s) { b16(x, (unsigned)strlen(s)); braw(x, s, strlen(s)); }
static void msg(buf *x, unsigned type) { x->start = x->n; b32(x, 0); b8(x, type); }
static void end(buf *x) {
    uint32_t len = (uint32_t)(x->n - x->start - 4);
    for (int i = 0; i < 4; i++) x->b[x->start + i] = (uint8_t)(len >> (8 * i));
}

static void welcome(buf *x, unsigned version) {
    msg(x, HP_MSG_WELCOME);
    b16(x, version);
    b8(x, HP_CLOCK_LOCKSTEP);
    b64(x, 0);                     /* now */
    b32(x, 0x2EE3F100u);           /* utcAtZero */
    b64(x, 0x0123456789ABCDEFull); /* seed */
    b16(x, 0x1A2B);                /* our short address */
    b8(x, 1);                      /* one peer: the CH */
    b64(x, 0x00DB1234567890A2ull);
    b16(x, 0x0000);
    b8(x, 0x7B);
    bstr(x, "ch");
    b8(x, 2);                      /* two parameters */
    bstr(x, "ch.smets");
    btext(x, "SMETS2+");
    bstr(x, "device.name");
    btext(x, "ppmid \xC3\xA9"); /* UTF-8 é */
    end(x);
}

/* ---- Running a session on prepared input ------------------------------------------------------- */

typedef struct {
    uint8_t out[65536];
    size_t out_n;
    int rc;
    char err[320];
} result;

static const uint16_t servers[] = {0x0000};
static const uint16_t clients[] = {0x0019, 0x000A};
static const hp_hello HELLO = {"ppmid", 0x00DB1234567890A4ull, 1, HP_PROFILE_SMART_ENERGY, servers, 1,
                               clients, 2, "test"};

static void run(const buf *in, const hp_callbacks *cb, void *ctx, uint32_t max_message, result *r) {
    int to_dev[2], from_dev[2];
    if (pipe(to_dev) != 0 || pipe(from_dev) != 0) {
        perror("pipe");
        exit(2);
    }
    if (write(to_dev[1], in->b, in->n) != (ssize_t)in->n) {
        perror("write");
        exit(2);
    }
    close(to_dev[1]); /* a shim that waits for more sees the end of the stream */
    hp_session *s = hp_open_fds(to_dev[0], from_dev[1]);
    if (max_message) hp_set_max_message(s, max_message);
    r->rc = hp_run(s, &HELLO, cb, ctx);
    snprintf(r->err, sizeof r->err, "%s", hp_error(s));
    hp_close(s);
    close(to_dev[0]);
    close(from_dev[1]);
    r->out_n = 0;
    ssize_t n;
    while ((n = read(from_dev[0], r->out + r->out_n, sizeof r->out - r->out_n)) > 0) r->out_n += (size_t)n;
    close(from_dev[0]);
}

/* The HELLO above, byte by byte from the contract's table. */
static const uint8_t HELLO_BYTES[] = {
    0x21, 0x00, 0x00, 0x00,                         /* length 33 */
    0x01,                                           /* HELLO */
    0x01, 0x00,                                     /* version 1 */
    0x05, 'p', 'p', 'm', 'i', 'd',                  /* kind */
    0xA4, 0x90, 0x78, 0x56, 0x34, 0x12, 0xDB, 0x00, /* eui64 */
    0x01,                                           /* endpoint */
    0x09, 0x01,                                     /* profile 0x0109 */
    0x01, 0x00, 0x00,                               /* 1 server: Basic */
    0x02, 0x19, 0x00, 0x0A, 0x00,                   /* 2 clients: OTA, Time */
    0x04, 't', 'e', 's', 't'};                      /* model */

/* ---- The happy path ---------------------------------------------------------------------------- */

typedef struct {
    int welcomed, powered, frames, timers, byes;
    char smets[32], name[32];
    uint64_t ch;
    int read_status;
    uint32_t read_got;
    uint8_t read_buf[16];
} device;

static void on_welcome(hp_session *s, const hp_welcome *w, void *ctx) {
    device *d = ctx;
    d->welcomed++;
    const hp_peer *ch = hp_peer_by_role(w, "ch");
    d->ch = ch ? ch->eui64 : 0;
    snprintf(d->smets, sizeof d->smets, "%s", hp_param_value(w, "ch.smets") ? hp_param_value(w, "ch.smets") : "");
    snprintf(d->name, sizeof d->name, "%s", hp_param_value(w, "device.name"));
    /* No event yet: an action here is refused. */
    CHECK(hp_status(s, "k", "v") == HP_E_STATE, "an action before the first event must be refused");
}

static void on_power(hp_session *s, uint64_t now, int state, void *ctx) {
    device *d = ctx;
    d->powered++;
    if (state == HP_POWER_ON) {
        d->read_status = hp_read(s, "fw", 0, HP_READ_TO_END, d->read_buf, sizeof d->read_buf, &d->read_got);
        const uint8_t v[4] = {0x00, 0x01, 0x00, 0x00};
        hp_write(s, "fw", 0, v, 4);
        hp_status(s, "firmware.version", "00000100");
        hp_log(s, HP_LOG_INFO, "boot at %llu \xFF", (unsigned long long)now);
        hp_set_deadline(s, now + 5000000);
    } else if (state == HP_POWER_CUT) {
        /* hansim drops these; so must the shim. */
        hp_write(s, "fw", 0, "x", 1);
        hp_status(s, "lost", "yes");
    }
}

static void on_frame(hp_session *s, const hp_frame *f, void *ctx) {
    device *d = ctx;
    d->frames++;
    CHECK(f->now == 7000000, "FRAME_IN now %llu", (unsigned long long)f->now);
    CHECK(f->src_eui64 == 0x00DB1234567890A2ull && f->src_short == 0 && f->src_endpoint == 0x7B &&
              f->dst_endpoint == 1 && f->profile == 0x0109 && f->cluster == 0x0019 && f->broadcast == 1,
          "FRAME_IN fields");
    CHECK(f->zcl_len == 3 && f->zcl[0] == 0x19 && f->zcl[2] == 0x00, "FRAME_IN zcl");
    const uint8_t reply[] = {0x01, 0x05, 0x01};
    hp_send_frame(s, f->src_eui64, f->src_endpoint, 1, 0x0109, 0x0019, reply, 3);
    hp_erase(s, "scratch");
}

static void on_timer(hp_session *s, uint64_t now, void *ctx) {
    device *d = ctx;
    d->timers++;
    CHECK(hp_deadline(s) == HP_NO_DEADLINE, "a TIMER clears the deadline");
    CHECK(now == 5000000, "TIMER now %llu", (unsigned long long)now);
}

static void on_bye(hp_session *s, const char *reason, void *ctx) {
    (void)s;
    device *d = ctx;
    d->byes++;
    CHECK(strcmp(reason, "over") == 0, "BYE reason '%s'", reason);
}

static const hp_callbacks CB = {on_welcome, on_power, on_frame, on_timer, on_bye};

/* Expected output after HELLO, as a builder on the device's side. */
static void happy_path(void) {
    buf in = {{0}, 0, 0};
    welcome(&in, 1);
    msg(&in, HP_MSG_POWER); b64(&in, 0); b8(&in, HP_POWER_ON); end(&in);
    msg(&in, HP_MSG_READ_RESULT); b8(&in, HP_READ_NO_REGION); b32(&in, 0); end(&in);
    msg(&in, HP_MSG_TIMER); b64(&in, 5000000); end(&in);
    msg(&in, HP_MSG_FRAME_IN); b64(&in, 7000000); b64(&in, 0x00DB1234567890A2ull); b16(&in, 0); b8(&in, 0x7B);
    b8(&in, 1); b16(&in, 0x0109); b16(&in, 0x0019); b8(&in, 1); b32(&in, 3); b8(&in, 0x19); b8(&in, 0x00);
    b8(&in, 0x00); end(&in);
    msg(&in, HP_MSG_POWER); b64(&in, 8000000); b8(&in, HP_POWER_CUT); end(&in);
    msg(&in, HP_MSG_HANSIM_BYE); btext(&in, "over"); end(&in);

    device d;
    memset(&d, 0, sizeof d);
    result r;
    run(&in, &CB, &d, 0, &r);
    CHECK(r.rc == HP_OK, "happy path rc %d: %s", r.rc, r.err);
    CHECK(d.welcomed == 1 && d.powered == 2 && d.frames == 1 && d.timers == 1 && d.byes == 1,
          "callbacks %d %d %d %d %d", d.welcomed, d.powered, d.frames, d.timers, d.byes);
    CHECK(d.ch == 0x00DB1234567890A2ull, "CH peer");
    CHECK(strcmp(d.smets, "SMETS2+") == 0, "ch.smets '%s'", d.smets);
    CHECK(strcmp(d.name, "ppmid \xC3\xA9") == 0, "device.name '%s'", d.name);
    CHECK(d.read_status == HP_READ_NO_REGION && d.read_got == 0, "READ status %d got %u", d.read_status,
          (unsigned)d.read_got);

    buf want = {{0}, 0, 0};
    braw(&want, HELLO_BYTES, sizeof HELLO_BYTES);
    msg(&want, HP_MSG_READ); bstr(&want, "fw"); b32(&want, 0); b32(&want, 0xFFFFFFFFu); end(&want);
    msg(&want, HP_MSG_WRITE); bstr(&want, "fw"); b32(&want, 0); b32(&want, 4); b32(&want, 0x00000100u); end(&want);
    msg(&want, HP_MSG_STATUS); b8(&want, 1); bstr(&want, "firmware.version"); btext(&want, "00000100"); end(&want);
    msg(&want, HP_MSG_LOG); b8(&want, 1); btext(&want, "boot at 0 ?"); end(&want); /* 0xFF is not UTF-8 */
    msg(&want, HP_MSG_DONE); b64(&want, 5000000); end(&want);
    msg(&want, HP_MSG_DONE); b64(&want, HP_NO_DEADLINE); end(&want); /* after the TIMER */
    msg(&want, HP_MSG_FRAME_OUT); b64(&want, 0x00DB1234567890A2ull); b8(&want, 0x7B); b8(&want, 1);
    b16(&want, 0x0109); b16(&want, 0x0019); b32(&want, 3); b8(&want, 0x01); b8(&want, 0x05); b8(&want, 0x01);
    end(&want);
    msg(&want, HP_MSG_ERASE); bstr(&want, "scratch"); end(&want);
    msg(&want, HP_MSG_DONE); b64(&want, HP_NO_DEADLINE); end(&want);
    msg(&want, HP_MSG_DONE); b64(&want, HP_NO_DEADLINE); end(&want); /* the cut: no actions */
    msg(&want, HP_MSG_BYE); btext(&want, "bye"); end(&want);

    CHECK(r.out_n == want.n, "output is %zu octets, expected %zu", r.out_n, want.n);
    size_t n = r.out_n < want.n ? r.out_n : want.n;
    for (size_t i = 0; i < n; i++) {
        if (r.out[i] != want.b[i]) {
            CHECK(0, "output differs at octet %zu: 0x%02X, expected 0x%02X", i, r.out[i], want.b[i]);
            break;
        }
    }
}

/* ---- Bad input from hansim: a typed error naming the offset --------------------------------- */

static void expect_error(const char *name, const buf *in, int want_rc, const char *want_text) {
    device d;
    memset(&d, 0, sizeof d);
    result r;
    run(in, &CB, &d, 0, &r);
    CHECK(r.rc == want_rc, "%s: rc %d, expected %d (%s)", name, r.rc, want_rc, r.err);
    CHECK(strstr(r.err, want_text) != NULL, "%s: error '%s' does not say '%s'", name, r.err, want_text);
}

static void bad_inputs(void) {
    buf in;

    in.n = 0;
    b32(&in, 0); /* length 0 */
    expect_error("length 0", &in, HP_E_PROTOCOL, "message length 0 at offset 0");

    in.n = 0;
    b32(&in, HP_MAX_MESSAGE_DEFAULT + 1); /* above max-message */
    expect_error("oversized", &in, HP_E_PROTOCOL, "message length 65537 at offset 0");

    in.n = 0;
    welcome(&in, 1);
    size_t at = in.n;
    msg(&in, 0x99); b8(&in, 0); end(&in);
    char text[64];
    snprintf(text, sizeof text, "unknown message type 0x99 at offset %zu", at);
    expect_error("unknown type", &in, HP_E_PROTOCOL, text);

    in.n = 0;
    welcome(&in, 1);
    at = in.n;
    msg(&in, HP_MSG_POWER); b64(&in, 0); end(&in); /* state missing */
    snprintf(text, sizeof text, "POWER at offset %zu: field state", at);
    expect_error("short body", &in, HP_E_PROTOCOL, text);

    in.n = 0;
    welcome(&in, 1);
    msg(&in, HP_MSG_TIMER); b64(&in, 1); b8(&in, 0); end(&in); /* one octet too many */
    expect_error("left over", &in, HP_E_PROTOCOL, "1 octets left over");

    in.n = 0;
    welcome(&in, 1);
    msg(&in, HP_MSG_POWER); b64(&in, 0); b8(&in, 7); end(&in);
    expect_error("bad power state", &in, HP_E_PROTOCOL, "state 7");

    in.n = 0;
    welcome(&in, 2);
    expect_error("version", &in, HP_E_PROTOCOL, "version: hansim speaks protocol 2, this shim 1");

    in.n = 0;
    msg(&in, HP_MSG_WELCOME); b16(&in, 1); b8(&in, 0); b64(&in, 0); b32(&in, 0); b64(&in, 0); b16(&in, 0);
    b8(&in, 0); b8(&in, 1); bstr(&in, "k"); b16(&in, 2); b8(&in, 0xC3); b8(&in, 0x28); end(&in);
    expect_error("invalid UTF-8", &in, HP_E_PROTOCOL, "field param value");

    in.n = 0;
    welcome(&in, 1);
    msg(&in, HP_MSG_TIMER); b64(&in, 1); end(&in);
    in.n -= 3; /* the stream ends in the middle of a message */
    expect_error("cut stream", &in, HP_E_CLOSED, "in the middle of a message");

    in.n = 0;
    welcome(&in, 1);
    expect_error("end of stream", &in, HP_E_CLOSED, "closed the stream");

    in.n = 0;
    welcome(&in, 1);
    msg(&in, HP_MSG_POWER); b64(&in, 0); b8(&in, HP_POWER_ON); end(&in);
    at = in.n;
    msg(&in, HP_MSG_TIMER); b64(&in, 0); end(&in); /* not the READ_RESULT the device waits for */
    snprintf(text, sizeof text, "type 0x84 at offset %zu while a READ waited", at);
    expect_error("READ answered by an event", &in, HP_E_PROTOCOL, text);
}

/* ---- Little-endian helpers and UTF-8 ------------------------------------------------------------ */

static void helpers(void) {
    uint8_t b[8];
    hp_put_u16(b, 0x1234);
    CHECK(b[0] == 0x34 && b[1] == 0x12 && hp_get_u16(b) == 0x1234, "u16");
    hp_put_u32(b, 0xA1B2C3D4u);
    CHECK(b[0] == 0xD4 && b[3] == 0xA1 && hp_get_u32(b) == 0xA1B2C3D4u, "u32");
    hp_put_u64(b, 0x0102030405060708ull);
    CHECK(b[0] == 0x08 && b[7] == 0x01 && hp_get_u64(b) == 0x0102030405060708ull, "u64");
    CHECK(hp_utf8_valid((const uint8_t *)"plain", 5), "ASCII");
    CHECK(hp_utf8_valid((const uint8_t *)"\xE2\x82\xAC", 3), "euro sign");
    CHECK(hp_utf8_valid((const uint8_t *)"\xF0\x9F\x98\x80", 4), "4-octet character");
    CHECK(!hp_utf8_valid((const uint8_t *)"\xC0\xAF", 2), "overlong");
    CHECK(!hp_utf8_valid((const uint8_t *)"\xED\xA0\x80", 3), "surrogate");
    CHECK(!hp_utf8_valid((const uint8_t *)"\xE2\x82", 2), "cut character");
    CHECK(!hp_utf8_valid((const uint8_t *)"\x80", 1), "lone continuation");
}

/* ---- Actions the device may not send ------------------------------------------------------------ */

static void on_power_big(hp_session *s, uint64_t now, int state, void *ctx) {
    (void)now;
    (void)state;
    int *rc = ctx;
    static uint8_t big[200];
    rc[0] = hp_send_frame(s, 1, 1, 1, 0x0109, 0x0019, big, sizeof big); /* above a 128-octet max-message */
    char key[300];
    memset(key, 'k', sizeof key - 1);
    key[sizeof key - 1] = '\0';
    rc[1] = hp_status(s, key, "v"); /* a str is at most 255 octets */
    rc[2] = hp_write(s, "\xC3", 0, "x", 1); /* not UTF-8 */
}

static void refused_actions(void) {
    buf in;
    in.n = 0;
    welcome(&in, 1);
    msg(&in, HP_MSG_POWER); b64(&in, 0); b8(&in, HP_POWER_ON); end(&in);
    msg(&in, HP_MSG_HANSIM_BYE); btext(&in, ""); end(&in);
    hp_callbacks cb = {NULL, on_power_big, NULL, NULL, NULL};
    int rc[3] = {0, 0, 0};
    result r;
    run(&in, &cb, rc, 128, &r);
    CHECK(rc[0] == HP_E_TOO_BIG, "oversized FRAME_OUT: %d", rc[0]);
    CHECK(rc[1] == HP_E_TOO_BIG, "long key: %d", rc[1]);
    CHECK(rc[2] == HP_E_ARG, "region not UTF-8: %d", rc[2]);
    CHECK(r.rc == HP_OK, "the session goes on: %d %s", r.rc, r.err);
    /* Only HELLO, DONE and BYE went out. */
    CHECK(r.out_n == sizeof HELLO_BYTES + 13 + 10, "output %zu octets", r.out_n);
}

/* ---- Garbage after a good WELCOME: every stream ends in an error or BYE, never a crash ---------- */

static void any_power(hp_session *s, uint64_t now, int state, void *ctx) {
    (void)ctx;
    uint8_t b[8];
    uint32_t got;
    if (state == HP_POWER_ON) hp_read(s, "fw", 0, 8, b, sizeof b, &got); /* a READ waits among garbage */
    hp_set_deadline(s, now + 1);
}
static void any_frame(hp_session *s, const hp_frame *f, void *ctx) {
    (void)ctx;
    hp_send_frame(s, f->src_eui64, f->src_endpoint, 1, f->profile, f->cluster, f->zcl, f->zcl_len);
}
static void any_timer(hp_session *s, uint64_t now, void *ctx) {
    (void)ctx;
    hp_log(s, HP_LOG_DEBUG, "timer %llu", (unsigned long long)now);
}

static void garbage(void) {
    static const hp_callbacks any = {NULL, any_power, any_frame, any_timer, NULL};
    uint64_t seed = 0x243F6A8885A308D3ull;
    int ended = 0;
    for (int k = 0; k < 2000; k++) {
        buf in = {{0}, 0, 0};
        welcome(&in, 1);
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        size_t n = (size_t)(seed >> 33) % 600;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            uint8_t b = (uint8_t)(seed >> 56);
            /* Mostly small lengths and known types, so that bodies get decoded too. */
            if (i % 9 == 0) b = (uint8_t)(b % 40);
            else if (i % 9 == 4) b = (uint8_t)(0x80 + b % 6);
            else if (i % 9 < 4 && i % 9 > 0) b = 0;
            b8(&in, b);
        }
        static result r;
        run(&in, &any, NULL, 0, &r);
        if (r.rc == HP_E_PROTOCOL || r.rc == HP_E_CLOSED || r.rc == HP_OK) ended++;
        else CHECK(0, "garbage run %d: rc %d (%s)", k, r.rc, r.err);
    }
    CHECK(ended == 2000, "every garbage stream ended cleanly (%d)", ended);
}

int main(void) {
    helpers();
    garbage();
    happy_path();
    bad_inputs();
    refused_actions();
    printf("hansim_port_test: %d checks, %d failed\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
