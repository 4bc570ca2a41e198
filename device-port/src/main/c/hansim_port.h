/*
 * hansim_port.h: the C shim of the hansim device port, protocol version 1 (docs/device-port.md).
 *
 * A device (a manufacturer's firmware logic built for a PC) links hansim_port.c, fills in an
 * hp_hello and an hp_callbacks, and calls hp_run(). The shim speaks the port for it: it sends
 * HELLO, takes WELCOME, then hands each event hansim sends (POWER, FRAME_IN, TIMER) to a callback
 * and answers it with the actions the callback made and one DONE. hansim owns the radio, the
 * network, the clock and the flash; the device owns what is at the ZCL layer and above.
 *
 * C99, libc and POSIX only (read/write/poll; sockets for the optional listening transports).
 * One session per hp_session; not thread-safe; no global state except that SIGPIPE is ignored
 * (a closed stream is an error return, never a signal).
 *
 * Every function that can fail returns a negative HP_E_* code and keeps a text of what went wrong,
 * hp_error(). After a transport or protocol error the session is dead: hp_run() returns and the
 * device should exit (hansim records its own typed failure on its side).
 */
#ifndef HANSIM_PORT_H
#define HANSIM_PORT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Protocol constants (docs/device-port.md) ---------------------------------------------- */

#define HP_PROTOCOL_VERSION 1u
/** The default max-message: octets after the length field (type + body). */
#define HP_MAX_MESSAGE_DEFAULT 65536u
/** nextDeadline of DONE for "no timer". */
#define HP_NO_DEADLINE UINT64_MAX
/** dstEui64 of a broadcast FRAME_OUT (with dstEndpoint 0xFF). */
#define HP_BROADCAST_EUI64 UINT64_MAX
#define HP_BROADCAST_ENDPOINT 0xFFu
/** A READ length meaning "to the end of the region". */
#define HP_READ_TO_END UINT32_MAX
#define HP_PROFILE_SMART_ENERGY 0x0109u

/* Message types: device -> hansim. */
enum {
    HP_MSG_HELLO = 0x01,
    HP_MSG_FRAME_OUT = 0x02,
    HP_MSG_READ = 0x03,
    HP_MSG_WRITE = 0x04,
    HP_MSG_ERASE = 0x05,
    HP_MSG_STATUS = 0x06,
    HP_MSG_LOG = 0x07,
    HP_MSG_DONE = 0x08,
    HP_MSG_BYE = 0x09
};
/* Message types: hansim -> device. */
enum {
    HP_MSG_WELCOME = 0x81,
    HP_MSG_POWER = 0x82,
    HP_MSG_FRAME_IN = 0x83,
    HP_MSG_TIMER = 0x84,
    HP_MSG_READ_RESULT = 0x85,
    HP_MSG_HANSIM_BYE = 0x8F
};

/** POWER state. */
enum hp_power { HP_POWER_OFF = 0, HP_POWER_ON = 1, HP_POWER_CUT = 2 };
/** WELCOME clock. */
enum hp_clock { HP_CLOCK_LOCKSTEP = 0, HP_CLOCK_REALTIME = 1 };
/** READ_RESULT status (non-negative results of hp_read). */
enum hp_read_status { HP_READ_OK = 0, HP_READ_NO_REGION = 1, HP_READ_BEYOND_END = 2 };
/** LOG level. */
enum hp_log_level { HP_LOG_DEBUG = 0, HP_LOG_INFO = 1, HP_LOG_WARN = 2, HP_LOG_ERROR = 3 };

/** Error returns (negative). */
enum hp_error {
    HP_OK = 0,
    HP_E_IO = -1,        /* read/write/socket call failed */
    HP_E_CLOSED = -2,    /* the stream ended */
    HP_E_PROTOCOL = -3,  /* hansim sent something this shim cannot read */
    HP_E_TOO_BIG = -4,   /* a message above max-message, or a value too long for its field */
    HP_E_STATE = -5,     /* an action at a time the protocol does not allow it */
    HP_E_ARG = -6,       /* a bad argument */
    HP_E_NOMEM = -7      /* malloc failed */
};

/* ---- What the device says about itself: HELLO ---------------------------------------------- */

typedef struct hp_hello {
    const char *kind;              /* "ppmid", "ihd" or "hcalcs": the kind it stands in for */
    uint64_t eui64;                /* its EUI-64 */
    uint8_t endpoint;              /* 1..240 */
    uint16_t profile;              /* HP_PROFILE_SMART_ENERGY */
    const uint16_t *server_clusters;
    uint8_t n_server;
    const uint16_t *client_clusters;
    uint8_t n_client;
    const char *model;             /* free text for reports */
} hp_hello;

/* ---- What hansim says: WELCOME and the events ---------------------------------------------- */

typedef struct hp_peer {
    uint64_t eui64;
    uint16_t short_address;
    uint8_t endpoint;
    const char *role; /* "ch", "esme", "gpf", or another device's kind */
} hp_peer;

typedef struct hp_param {
    const char *key;
    const char *value;
} hp_param;

typedef struct hp_welcome {
    uint16_t version;
    uint8_t clock;           /* enum hp_clock */
    uint64_t now;            /* virtual µs */
    uint32_t utc_at_zero;    /* ZCL UTCTime at virtual time 0 */
    uint64_t seed;           /* the only randomness a deterministic device should use */
    uint16_t short_address;
    unsigned n_peers;
    hp_peer peers[255];
    unsigned n_params;
    hp_param params[255];
} hp_welcome;

/** A received frame (FRAME_IN). zcl points into the shim's buffer: valid during the callback. */
typedef struct hp_frame {
    uint64_t now;
    uint64_t src_eui64;
    uint16_t src_short;
    uint8_t src_endpoint;
    uint8_t dst_endpoint;
    uint16_t profile;
    uint16_t cluster;
    uint8_t broadcast;       /* flags bit 0 */
    const uint8_t *zcl;
    uint32_t zcl_len;
} hp_frame;

/** The first peer with this role ("ch" for the Communications Hub), or NULL. */
const hp_peer *hp_peer_by_role(const hp_welcome *w, const char *role);
/** The value of a WELCOME parameter ("ch.smets", "ota.blockSize", ...), or NULL. */
const char *hp_param_value(const hp_welcome *w, const char *key);

/* ---- The session ----------------------------------------------------------------------------- */

typedef struct hp_session hp_session;

/**
 * The device's callbacks. Each runs inside one event; the actions it makes (hp_send_frame,
 * hp_write, ...) go out before the event's DONE. Any may be NULL.
 *
 * power: HP_POWER_ON is a cold boot (forget RAM; read the regions). HP_POWER_CUT: hansim drops
 * every action of the answer, so the shim discards them too; only reset RAM state here.
 */
typedef struct hp_callbacks {
    void (*welcome)(hp_session *s, const hp_welcome *w, void *ctx);
    void (*power)(hp_session *s, uint64_t now, int state, void *ctx);
    void (*frame)(hp_session *s, const hp_frame *f, void *ctx);
    void (*timer)(hp_session *s, uint64_t now, void *ctx);
    void (*bye)(hp_session *s, const char *reason, void *ctx);
} hp_callbacks;

/** A session on two file descriptors (hansim's messages come on in_fd, the device's go to out_fd). */
hp_session *hp_open_fds(int in_fd, int out_fd);
/** A session on standard input/output: the transport when hansim starts the device. */
hp_session *hp_open_stdio(void);
/**
 * Listens on "tcp:127.0.0.1:PORT", "tcp:[::1]:PORT" or "unix:PATH" and accepts one connection from
 * hansim (`connect:` in the scenario). Loopback addresses only. NULL on failure, with a reason in
 * err (errlen octets at most).
 */
hp_session *hp_listen(const char *address, char *err, size_t errlen);
/** Changes max-message (default HP_MAX_MESSAGE_DEFAULT; must match the scenario's maxMessage). */
int hp_set_max_message(hp_session *s, uint32_t max_message);
/** Frees the session and closes its descriptors (not stdin/stdout). */
void hp_close(hp_session *s);

/**
 * Runs the session: HELLO, WELCOME, then one event at a time until hansim's BYE (answered with
 * BYE; returns HP_OK) or an error (returns it; hp_error() says what).
 */
int hp_run(hp_session *s, const hp_hello *hello, const hp_callbacks *cb, void *ctx);
/** Leaves the network now (BYE with a reason) instead of waiting for hansim's BYE. */
int hp_leave(hp_session *s, const char *reason);
/** What went wrong last, "" if nothing. */
const char *hp_error(const hp_session *s);
/** The stream offset (octets of hansim's messages read so far). */
uint64_t hp_stream_offset(const hp_session *s);

/* ---- Actions (inside a callback) -------------------------------------------------------------- */

/** The virtual time of the event being answered, µs. */
uint64_t hp_now(const hp_session *s);
/**
 * Sends a ZCL frame now: FRAME_OUT. hansim adds the network and APS headers and the APS counter.
 * dst_eui64 HP_BROADCAST_EUI64 with dst_endpoint HP_BROADCAST_ENDPOINT is a broadcast.
 */
int hp_send_frame(hp_session *s, uint64_t dst_eui64, uint8_t dst_endpoint, uint8_t src_endpoint,
                  uint16_t profile, uint16_t cluster, const uint8_t *zcl, uint32_t zcl_len);
/**
 * Reads a flash region (READ, answered at once by READ_RESULT). Copies at most cap octets into buf
 * and sets *got to the number of octets hansim returned (more than cap: HP_E_TOO_BIG, nothing
 * lost but the excess). Returns the READ_RESULT status (enum hp_read_status) or an error.
 */
int hp_read(hp_session *s, const char *region, uint32_t offset, uint32_t length, uint8_t *buf,
            uint32_t cap, uint32_t *got);
/** Writes into a region, creating or growing it (a gap reads 0xFF). */
int hp_write(hp_session *s, const char *region, uint32_t offset, const void *data, uint32_t len);
/** Removes a region (no error if it does not exist). */
int hp_erase(hp_session *s, const char *region);
/** Sets one exported status value; "" removes the key. */
int hp_status(hp_session *s, const char *key, const char *value);
/** A log line (printf format), kept by hansim with its virtual time. */
int hp_log(hp_session *s, int level, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/**
 * The device's next timer, virtual µs (HP_NO_DEADLINE: none). It goes out in this event's DONE and
 * stays until changed. A TIMER event or a POWER event clears it first: set it again when needed.
 */
void hp_set_deadline(hp_session *s, uint64_t at);
uint64_t hp_deadline(const hp_session *s);

/* ---- Framing, for tests and other transports --------------------------------------------------- */

/** Little-endian put/get, as every integer of the port is. */
void hp_put_u16(uint8_t *p, uint16_t v);
void hp_put_u32(uint8_t *p, uint32_t v);
void hp_put_u64(uint8_t *p, uint64_t v);
uint16_t hp_get_u16(const uint8_t *p);
uint32_t hp_get_u32(const uint8_t *p);
uint64_t hp_get_u64(const uint8_t *p);
/** Whether len octets at p are well-formed UTF-8. */
int hp_utf8_valid(const uint8_t *p, size_t len);

#ifdef __cplusplus
}
#endif
#endif /* HANSIM_PORT_H */
