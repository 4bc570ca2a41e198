/*
 * hansim_port.c: the C shim of the hansim device port, protocol version 1. See hansim_port.h and
 * docs/device-port.md (the contract: every byte layout below is from its tables).
 */
#define _POSIX_C_SOURCE 200809L

#include "hansim_port.h"

#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

/* Messages of hansim's that arrive while a READ waits for its READ_RESULT: possible only in real
 * time, where hansim does not wait for DONE. They are handled, in order, after the answer. */
#define QUEUE_MAX 16

struct queued {
    uint8_t *msg; /* type + body */
    uint32_t len;
    uint64_t offset;
};

struct hp_session {
    int in_fd, out_fd;
    int own_in, own_out;
    uint32_t max_message;
    uint8_t *in;          /* the message being handled: type + body */
    uint32_t in_len;
    uint64_t in_at;       /* its offset in the stream */
    uint64_t offset;      /* octets read so far */
    uint8_t *out;         /* buffered outgoing messages */
    size_t out_len, out_cap;
    char *arena;          /* NUL-terminated copies of the strings of the message being handled */
    size_t arena_len, arena_cap;
    hp_welcome welcome;
    int clock;
    int welcomed;
    uint64_t now;
    uint64_t deadline;
    int in_event;
    int muted;            /* POWER cut: actions are dropped */
    int dead;
    int dead_rc;          /* the error that ended it */
    int left;             /* the device said BYE on its own (hp_leave) */
    struct queued queue[QUEUE_MAX];
    unsigned q_head, q_len;
    uint64_t rt_virtual;  /* real time: the virtual time of the last event ... */
    struct timespec rt_wall; /* ... and when it came */
    char err[320];
};

/* ---- Little-endian integers -------------------------------------------------------------------- */

void hp_put_u16(uint8_t *p, uint16_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}
void hp_put_u32(uint8_t *p, uint32_t v) {
    for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i));
}
void hp_put_u64(uint8_t *p, uint64_t v) {
    for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i));
}
uint16_t hp_get_u16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
uint32_t hp_get_u32(const uint8_t *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
uint64_t hp_get_u64(const uint8_t *p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}

/* The length of the UTF-8 character at p (len octets available), 0 if it is not one. */
static size_t utf8_char(const uint8_t *p, size_t len) {
    uint8_t c = p[0];
    size_t n;
    uint32_t cp;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1Fu; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0Fu; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07u; }
    else return 0; /* a continuation octet, an overlong lead (C0, C1) or F5..FF */
    if (len - 1 < n) return 0;
    for (size_t k = 1; k <= n; k++) {
        if ((p[k] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (p[k] & 0x3Fu);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF))) return 0; /* overlong, too big */
    if (cp >= 0xD800 && cp <= 0xDFFF) return 0; /* surrogates are not UTF-8 */
    return n + 1;
}

int hp_utf8_valid(const uint8_t *p, size_t len) {
    for (size_t i = 0; i < len;) {
        size_t n = utf8_char(p + i, len - i);
        if (n == 0) return 0;
        i += n;
    }
    return 1;
}

/* ---- Errors ------------------------------------------------------------------------------------ */

static int fail(hp_session *s, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static int fail(hp_session *s, int code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->err, sizeof s->err, fmt, ap);
    va_end(ap);
    if (code == HP_E_IO || code == HP_E_CLOSED || code == HP_E_PROTOCOL) {
        s->dead = 1;
        if (s->dead_rc == HP_OK) s->dead_rc = code;
    }
    return code;
}

const char *hp_error(const hp_session *s) { return s ? s->err : "no session"; }
uint64_t hp_stream_offset(const hp_session *s) { return s->offset; }

/* ---- Opening and closing ----------------------------------------------------------------------- */

static int alloc_buffers(hp_session *s, uint32_t max_message) {
    uint8_t *in = malloc(max_message);
    uint8_t *out = malloc((size_t)max_message + 4);
    char *arena = malloc((size_t)max_message + 1);
    if (!in || !out || !arena) {
        free(in);
        free(out);
        free(arena);
        return HP_E_NOMEM;
    }
    free(s->in);
    free(s->out);
    free(s->arena);
    s->in = in;
    s->out = out;
    s->arena = arena;
    s->out_cap = (size_t)max_message + 4;
    s->arena_cap = (size_t)max_message + 1;
    s->max_message = max_message;
    return HP_OK;
}

hp_session *hp_open_fds(int in_fd, int out_fd) {
    hp_session *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    if (alloc_buffers(s, HP_MAX_MESSAGE_DEFAULT) != HP_OK) {
        free(s);
        return NULL;
    }
    s->in_fd = in_fd;
    s->out_fd = out_fd;
    s->deadline = HP_NO_DEADLINE;
    /* A closed stream must come back as an error from write(), not kill the device. */
    signal(SIGPIPE, SIG_IGN);
    return s;
}

hp_session *hp_open_stdio(void) { return hp_open_fds(STDIN_FILENO, STDOUT_FILENO); }

int hp_set_max_message(hp_session *s, uint32_t max_message) {
    if (!s || max_message < 64) return HP_E_ARG;
    if (s->out_len > 0) return HP_E_STATE;
    return alloc_buffers(s, max_message);
}

void hp_close(hp_session *s) {
    if (!s) return;
    if (s->own_in) close(s->in_fd);
    if (s->own_out && s->out_fd != s->in_fd) close(s->out_fd);
    for (unsigned i = 0; i < s->q_len; i++) free(s->queue[(s->q_head + i) % QUEUE_MAX].msg);
    free(s->in);
    free(s->out);
    free(s->arena);
    free(s);
}

/* "tcp:127.0.0.1:PORT", "tcp:localhost:PORT", "tcp:[::1]:PORT", "tcp:::1:PORT" or "unix:PATH". */
hp_session *hp_listen(const char *address, char *err, size_t errlen) {
    int fd = -1, conn = -1;
    char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
    path[0] = '\0';
    if (!address) address = "";
    if (strncmp(address, "unix:", 5) == 0) {
        struct sockaddr_un a;
        const char *p = address + 5;
        if (*p == '\0' || strlen(p) >= sizeof a.sun_path) {
            snprintf(err, errlen, "unix socket path empty or longer than %zu octets: %s", sizeof a.sun_path - 1, p);
            return NULL;
        }
        memset(&a, 0, sizeof a);
        a.sun_family = AF_UNIX;
        strcpy(a.sun_path, p);
        strcpy(path, p);
        struct stat st;
        if (lstat(p, &st) == 0) {
            if (!S_ISSOCK(st.st_mode)) {
                snprintf(err, errlen, "%s exists and is not a socket", p);
                return NULL;
            }
            unlink(p); /* a socket left by an earlier run */
        }
        fd = socket(AF_UNIX, SOCK_STREAM, 0);
        if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, 1) != 0) {
            snprintf(err, errlen, "cannot listen on %s: %s", address, strerror(errno));
            goto failed;
        }
        fprintf(stderr, "hansim_port: listening on %s\n", address);
    } else if (strncmp(address, "tcp:", 4) == 0) {
        const char *hostport = address + 4;
        const char *colon = strrchr(hostport, ':');
        if (!colon) {
            snprintf(err, errlen, "expected tcp:HOST:PORT, was %s", address);
            return NULL;
        }
        size_t hl = (size_t)(colon - hostport);
        char host[64];
        if (hl >= sizeof host) hl = sizeof host - 1;
        memcpy(host, hostport, hl);
        host[hl] = '\0';
        char *end;
        long port = strtol(colon + 1, &end, 10);
        if (*(colon + 1) == '\0' || *end != '\0' || port < 0 || port > 65535) {
            snprintf(err, errlen, "bad port in %s", address);
            return NULL;
        }
        struct sockaddr_storage ss;
        socklen_t sl;
        memset(&ss, 0, sizeof ss);
        if (strcmp(host, "127.0.0.1") == 0 || strcmp(host, "localhost") == 0) {
            struct sockaddr_in *a = (struct sockaddr_in *)&ss;
            a->sin_family = AF_INET;
            a->sin_port = htons((uint16_t)port);
            a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            sl = sizeof *a;
        } else if (strcmp(host, "::1") == 0 || strcmp(host, "[::1]") == 0) {
            struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
            a->sin6_family = AF_INET6;
            a->sin6_port = htons((uint16_t)port);
            a->sin6_addr = in6addr_loopback;
            sl = sizeof *a;
        } else {
            snprintf(err, errlen, "the device port listens on loopback only (127.0.0.1, ::1, localhost), not %s",
                     host);
            return NULL;
        }
        fd = socket(ss.ss_family, SOCK_STREAM, 0);
        int one = 1;
        if (fd >= 0) setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (fd < 0 || bind(fd, (struct sockaddr *)&ss, sl) != 0 || listen(fd, 1) != 0) {
            snprintf(err, errlen, "cannot listen on %s: %s", address, strerror(errno));
            goto failed;
        }
        struct sockaddr_storage bound;
        socklen_t bl = sizeof bound;
        unsigned actual = (unsigned)port;
        if (getsockname(fd, (struct sockaddr *)&bound, &bl) == 0) {
            actual = ss.ss_family == AF_INET ? ntohs(((struct sockaddr_in *)&bound)->sin_port)
                                             : ntohs(((struct sockaddr_in6 *)&bound)->sin6_port);
        }
        fprintf(stderr, "hansim_port: listening on tcp:%s:%u\n", host, actual);
    } else {
        snprintf(err, errlen, "expected tcp:127.0.0.1:PORT or unix:PATH, was '%s'", address);
        return NULL;
    }
    conn = accept(fd, NULL, NULL);
    if (conn < 0) {
        snprintf(err, errlen, "accept on %s: %s", address, strerror(errno));
        goto failed;
    }
    close(fd);
    if (path[0]) unlink(path);
    hp_session *s = hp_open_fds(conn, conn);
    if (!s) {
        close(conn);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->own_in = s->own_out = 1;
    return s;
failed:
    if (fd >= 0) close(fd);
    if (path[0]) unlink(path);
    return NULL;
}

/* ---- Writing ----------------------------------------------------------------------------------- */

static int flush_out(hp_session *s) {
    size_t done = 0;
    while (done < s->out_len) {
        ssize_t n = write(s->out_fd, s->out + done, s->out_len - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            s->out_len = 0;
            return fail(s, HP_E_IO, "write to hansim: %s", n < 0 ? strerror(errno) : "nothing written");
        }
        done += (size_t)n;
    }
    s->out_len = 0;
    return HP_OK;
}

/* Starts a message of body_len octets in the output buffer; returns where the body goes. */
static uint8_t *begin(hp_session *s, uint8_t type, size_t body_len, int *rc) {
    if (s->dead) {
        *rc = HP_E_STATE;
        return NULL;
    }
    if (body_len + 1 > s->max_message) {
        *rc = fail(s, HP_E_TOO_BIG, "message type 0x%02X of %zu octets is above max-message %u", type,
                   body_len + 1, (unsigned)s->max_message);
        return NULL;
    }
    if (s->out_len + 5 + body_len > s->out_cap && (*rc = flush_out(s)) != HP_OK) return NULL;
    uint8_t *p = s->out + s->out_len;
    hp_put_u32(p, (uint32_t)(body_len + 1));
    p[4] = type;
    s->out_len += 5 + body_len;
    *rc = HP_OK;
    return p + 5;
}

static uint8_t *w8(uint8_t *p, uint8_t v) { *p = v; return p + 1; }
static uint8_t *w16(uint8_t *p, uint16_t v) { hp_put_u16(p, v); return p + 2; }
static uint8_t *w32(uint8_t *p, uint32_t v) { hp_put_u32(p, v); return p + 4; }
static uint8_t *w64(uint8_t *p, uint64_t v) { hp_put_u64(p, v); return p + 8; }
static uint8_t *wraw(uint8_t *p, const void *d, size_t n) {
    if (n) memcpy(p, d, n);
    return p + n;
}

/* A str (u8 length) argument: at most 255 octets of UTF-8. */
static int check_str(hp_session *s, const char *what, const char *v, size_t max) {
    if (!v) return fail(s, HP_E_ARG, "%s is NULL", what);
    size_t n = strlen(v);
    if (n > max) return fail(s, HP_E_TOO_BIG, "%s is %zu octets, at most %zu", what, n, max);
    if (!hp_utf8_valid((const uint8_t *)v, n)) return fail(s, HP_E_ARG, "%s is not UTF-8", what);
    return HP_OK;
}

/* Whether an action may go out now: inside an event, or at any time in real time. */
static int may_act(hp_session *s, const char *what) {
    if (s->dead) return HP_E_STATE;
    if (!s->in_event && !(s->welcomed && s->clock == HP_CLOCK_REALTIME))
        return fail(s, HP_E_STATE, "%s outside an event: actions answer an event (before its DONE)", what);
    return HP_OK;
}

static int send_hello(hp_session *s, const hp_hello *h) {
    int rc;
    if ((rc = check_str(s, "HELLO kind", h->kind, 255)) != HP_OK) return rc;
    if ((rc = check_str(s, "HELLO model", h->model ? h->model : "", 255)) != HP_OK) return rc;
    if (h->endpoint < 1 || h->endpoint > 240) return fail(s, HP_E_ARG, "HELLO endpoint %u not in 1..240", h->endpoint);
    size_t kl = strlen(h->kind), ml = h->model ? strlen(h->model) : 0;
    size_t body = 2 + 1 + kl + 8 + 1 + 2 + 1 + 2u * h->n_server + 1 + 2u * h->n_client + 1 + ml;
    uint8_t *p = begin(s, HP_MSG_HELLO, body, &rc);
    if (!p) return rc;
    p = w16(p, HP_PROTOCOL_VERSION);
    p = w8(p, (uint8_t)kl);
    p = wraw(p, h->kind, kl);
    p = w64(p, h->eui64);
    p = w8(p, h->endpoint);
    p = w16(p, h->profile);
    p = w8(p, h->n_server);
    for (unsigned i = 0; i < h->n_server; i++) p = w16(p, h->server_clusters[i]);
    p = w8(p, h->n_client);
    for (unsigned i = 0; i < h->n_client; i++) p = w16(p, h->client_clusters[i]);
    p = w8(p, (uint8_t)ml);
    wraw(p, h->model, ml);
    return flush_out(s);
}

static int send_done(hp_session *s) {
    int rc;
    uint8_t *p = begin(s, HP_MSG_DONE, 8, &rc);
    if (!p) return rc;
    w64(p, s->deadline);
    return flush_out(s);
}

static int send_bye(hp_session *s, const char *reason) {
    int rc;
    size_t n = strlen(reason);
    if (n > 1024) n = 1024;
    uint8_t *p = begin(s, HP_MSG_BYE, 2 + n, &rc);
    if (!p) return rc;
    p = w16(p, (uint16_t)n);
    wraw(p, reason, n);
    return flush_out(s);
}

uint64_t hp_now(const hp_session *s) {
    if (s->welcomed && s->clock == HP_CLOCK_REALTIME && !s->in_event) {
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        int64_t us = (int64_t)(t.tv_sec - s->rt_wall.tv_sec) * 1000000 + (t.tv_nsec - s->rt_wall.tv_nsec) / 1000;
        return s->rt_virtual + (uint64_t)(us > 0 ? us : 0);
    }
    return s->now;
}

void hp_set_deadline(hp_session *s, uint64_t at) { s->deadline = at; }
uint64_t hp_deadline(const hp_session *s) { return s->deadline; }

int hp_send_frame(hp_session *s, uint64_t dst_eui64, uint8_t dst_endpoint, uint8_t src_endpoint,
                  uint16_t profile, uint16_t cluster, const uint8_t *zcl, uint32_t zcl_len) {
    int rc = may_act(s, "FRAME_OUT");
    if (rc != HP_OK) return rc;
    if (s->muted) return HP_OK;
    if (!zcl && zcl_len) return fail(s, HP_E_ARG, "FRAME_OUT with NULL zcl");
    uint8_t *p = begin(s, HP_MSG_FRAME_OUT, 8 + 1 + 1 + 2 + 2 + 4 + (size_t)zcl_len, &rc);
    if (!p) return rc;
    p = w64(p, dst_eui64);
    p = w8(p, dst_endpoint);
    p = w8(p, src_endpoint);
    p = w16(p, profile);
    p = w16(p, cluster);
    p = w32(p, zcl_len);
    wraw(p, zcl, zcl_len);
    return HP_OK;
}

int hp_write(hp_session *s, const char *region, uint32_t offset, const void *data, uint32_t len) {
    int rc = may_act(s, "WRITE");
    if (rc != HP_OK) return rc;
    if ((rc = check_str(s, "region name", region, 255)) != HP_OK) return rc;
    if (s->muted) return HP_OK;
    size_t rl = strlen(region);
    uint8_t *p = begin(s, HP_MSG_WRITE, 1 + rl + 4 + 4 + (size_t)len, &rc);
    if (!p) return rc;
    p = w8(p, (uint8_t)rl);
    p = wraw(p, region, rl);
    p = w32(p, offset);
    p = w32(p, len);
    wraw(p, data, len);
    return HP_OK;
}

int hp_erase(hp_session *s, const char *region) {
    int rc = may_act(s, "ERASE");
    if (rc != HP_OK) return rc;
    if ((rc = check_str(s, "region name", region, 255)) != HP_OK) return rc;
    if (s->muted) return HP_OK;
    size_t rl = strlen(region);
    uint8_t *p = begin(s, HP_MSG_ERASE, 1 + rl, &rc);
    if (!p) return rc;
    p = w8(p, (uint8_t)rl);
    wraw(p, region, rl);
    return HP_OK;
}

int hp_status(hp_session *s, const char *key, const char *value) {
    int rc = may_act(s, "STATUS");
    if (rc != HP_OK) return rc;
    if ((rc = check_str(s, "status key", key, 255)) != HP_OK) return rc;
    if ((rc = check_str(s, "status value", value, 65535)) != HP_OK) return rc;
    if (s->muted) return HP_OK;
    size_t kl = strlen(key), vl = strlen(value);
    uint8_t *p = begin(s, HP_MSG_STATUS, 1 + 1 + kl + 2 + vl, &rc);
    if (!p) return rc;
    p = w8(p, 1);
    p = w8(p, (uint8_t)kl);
    p = wraw(p, key, kl);
    p = w16(p, (uint16_t)vl);
    wraw(p, value, vl);
    return HP_OK;
}

int hp_log(hp_session *s, int level, const char *fmt, ...) {
    int rc = may_act(s, "LOG");
    if (rc != HP_OK) return rc;
    if (level < HP_LOG_DEBUG || level > HP_LOG_ERROR) return fail(s, HP_E_ARG, "log level %d not 0..3", level);
    if (s->muted) return HP_OK;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0) return fail(s, HP_E_ARG, "log format failed");
    size_t len = strlen(line);
    /* A line is text: an octet that is not part of a UTF-8 character becomes '?'. */
    for (size_t i = 0; i < len;) {
        size_t k = utf8_char((const uint8_t *)line + i, len - i);
        if (k == 0) {
            line[i] = '?';
            k = 1;
        }
        i += k;
    }
    uint8_t *p = begin(s, HP_MSG_LOG, 1 + 2 + len, &rc);
    if (!p) return rc;
    p = w8(p, (uint8_t)level);
    p = w16(p, (uint16_t)len);
    wraw(p, line, len);
    return HP_OK;
}

/* ---- Reading ----------------------------------------------------------------------------------- */

static int read_exact(hp_session *s, uint8_t *buf, size_t n) {
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(s->in_fd, buf + got, n - got);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) return fail(s, HP_E_IO, "read from hansim at offset %llu: %s",
                               (unsigned long long)(s->offset + got), strerror(errno));
        if (r == 0)
            return fail(s, HP_E_CLOSED, "hansim closed the stream at offset %llu%s",
                        (unsigned long long)(s->offset + got), got ? " in the middle of a message" : "");
        got += (size_t)r;
    }
    s->offset += n;
    return HP_OK;
}

/* Reads the next message from the stream into s->in. */
static int read_message(hp_session *s) {
    uint8_t len4[4];
    s->in_at = s->offset;
    int rc = read_exact(s, len4, 4);
    if (rc != HP_OK) return rc;
    uint32_t len = hp_get_u32(len4);
    if (len == 0 || len > s->max_message)
        return fail(s, HP_E_PROTOCOL, "protocol: message length %u at offset %llu (must be 1..%u)", (unsigned)len,
                    (unsigned long long)s->in_at, (unsigned)s->max_message);
    if ((rc = read_exact(s, s->in, len)) != HP_OK) return rc;
    s->in_len = len;
    return HP_OK;
}

/* A bounded reader of one message body; the strings it reads are copied, NUL-terminated, into the
 * session's arena (which is as large as a message, and a string's copy is never longer than its
 * encoding, so it cannot overflow). */
typedef struct {
    hp_session *s;
    const uint8_t *p;
    uint32_t n, pos;
    const char *bad; /* the first field that did not fit or was not UTF-8 */
} rd;

static int need(rd *r, uint32_t k, const char *field) {
    if (r->bad) return 0;
    if (r->n - r->pos < k) {
        r->bad = field;
        return 0;
    }
    return 1;
}
static uint8_t r8(rd *r, const char *f) { return need(r, 1, f) ? r->p[r->pos++] : 0; }
static uint16_t r16(rd *r, const char *f) {
    if (!need(r, 2, f)) return 0;
    r->pos += 2;
    return hp_get_u16(r->p + r->pos - 2);
}
static uint32_t r32(rd *r, const char *f) {
    if (!need(r, 4, f)) return 0;
    r->pos += 4;
    return hp_get_u32(r->p + r->pos - 4);
}
static uint64_t r64(rd *r, const char *f) {
    if (!need(r, 8, f)) return 0;
    r->pos += 8;
    return hp_get_u64(r->p + r->pos - 8);
}
static const char *rstring(rd *r, uint32_t len, const char *f) {
    if (!need(r, len, f)) return "";
    const uint8_t *src = r->p + r->pos;
    r->pos += len;
    if (!hp_utf8_valid(src, len)) {
        r->bad = f;
        return "";
    }
    char *dst = r->s->arena + r->s->arena_len;
    memcpy(dst, src, len);
    dst[len] = '\0';
    r->s->arena_len += (size_t)len + 1;
    return dst;
}
static const char *rstr(rd *r, const char *f) { return rstring(r, r8(r, f), f); }
static const char *rtext(rd *r, const char *f) { return rstring(r, r16(r, f), f); }

static rd body_reader(hp_session *s) {
    rd r;
    r.s = s;
    r.p = s->in + 1;
    r.n = s->in_len - 1;
    r.pos = 0;
    r.bad = NULL;
    s->arena_len = 0;
    return r;
}

static const char *type_name(uint8_t t) {
    switch (t) {
    case HP_MSG_WELCOME: return "WELCOME";
    case HP_MSG_POWER: return "POWER";
    case HP_MSG_FRAME_IN: return "FRAME_IN";
    case HP_MSG_TIMER: return "TIMER";
    case HP_MSG_READ_RESULT: return "READ_RESULT";
    case HP_MSG_HANSIM_BYE: return "BYE";
    default: return "?";
    }
}

/* Ends a decode: every field present and nothing left over. */
static int finish(rd *r) {
    hp_session *s = r->s;
    const char *name = type_name(s->in[0]);
    if (r->bad)
        return fail(s, HP_E_PROTOCOL, "protocol: %s at offset %llu: field %s is cut short or not UTF-8", name,
                    (unsigned long long)s->in_at, r->bad);
    if (r->pos != r->n)
        return fail(s, HP_E_PROTOCOL, "protocol: %s at offset %llu: %u octets left over after the body", name,
                    (unsigned long long)s->in_at, (unsigned)(r->n - r->pos));
    return HP_OK;
}

static int decode_welcome(hp_session *s, hp_welcome *w) {
    rd r = body_reader(s);
    w->version = r16(&r, "version");
    w->clock = r8(&r, "clock");
    w->now = r64(&r, "now");
    w->utc_at_zero = r32(&r, "utcAtZero");
    w->seed = r64(&r, "seed");
    w->short_address = r16(&r, "shortAddress");
    w->n_peers = r8(&r, "nPeers");
    for (unsigned i = 0; i < w->n_peers; i++) {
        w->peers[i].eui64 = r64(&r, "peer eui64");
        w->peers[i].short_address = r16(&r, "peer shortAddress");
        w->peers[i].endpoint = r8(&r, "peer endpoint");
        w->peers[i].role = rstr(&r, "peer role");
    }
    w->n_params = r8(&r, "nParams");
    for (unsigned i = 0; i < w->n_params; i++) {
        w->params[i].key = rstr(&r, "param key");
        w->params[i].value = rtext(&r, "param value");
    }
    int rc = finish(&r);
    if (rc != HP_OK) return rc;
    if (w->version != HP_PROTOCOL_VERSION)
        return fail(s, HP_E_PROTOCOL, "version: hansim speaks protocol %u, this shim %u", w->version,
                    HP_PROTOCOL_VERSION);
    if (w->clock > HP_CLOCK_REALTIME)
        return fail(s, HP_E_PROTOCOL, "protocol: WELCOME at offset %llu: clock %u is neither 0 nor 1",
                    (unsigned long long)s->in_at, w->clock);
    return HP_OK;
}

const hp_peer *hp_peer_by_role(const hp_welcome *w, const char *role) {
    for (unsigned i = 0; i < w->n_peers; i++)
        if (strcmp(w->peers[i].role, role) == 0) return &w->peers[i];
    return NULL;
}

const char *hp_param_value(const hp_welcome *w, const char *key) {
    for (unsigned i = 0; i < w->n_params; i++)
        if (strcmp(w->params[i].key, key) == 0) return w->params[i].value;
    return NULL;
}

/* ---- Real time: hansim's messages that came while a READ waited -------------------------------- */

static int enqueue_current(hp_session *s) {
    if (s->q_len == QUEUE_MAX)
        return fail(s, HP_E_PROTOCOL, "protocol: more than %d events arrived while a READ waited", QUEUE_MAX);
    uint8_t *copy = malloc(s->in_len);
    if (!copy) return fail(s, HP_E_NOMEM, "out of memory");
    memcpy(copy, s->in, s->in_len);
    struct queued *q = &s->queue[(s->q_head + s->q_len) % QUEUE_MAX];
    q->msg = copy;
    q->len = s->in_len;
    q->offset = s->in_at;
    s->q_len++;
    return HP_OK;
}

static void dequeue(hp_session *s) {
    struct queued *q = &s->queue[s->q_head];
    memcpy(s->in, q->msg, q->len);
    s->in_len = q->len;
    s->in_at = q->offset;
    free(q->msg);
    s->q_head = (s->q_head + 1) % QUEUE_MAX;
    s->q_len--;
}

int hp_read(hp_session *s, const char *region, uint32_t offset, uint32_t length, uint8_t *buf, uint32_t cap,
            uint32_t *got) {
    int rc = may_act(s, "READ");
    if (rc != HP_OK) return rc;
    if (s->muted) return fail(s, HP_E_STATE, "READ during a power cut: there is no power to read the flash");
    if ((rc = check_str(s, "region name", region, 255)) != HP_OK) return rc;
    if (got) *got = 0;
    size_t rl = strlen(region);
    uint8_t *p = begin(s, HP_MSG_READ, 1 + rl + 4 + 4, &rc);
    if (!p) return rc;
    p = w8(p, (uint8_t)rl);
    p = wraw(p, region, rl);
    p = w32(p, offset);
    w32(p, length);
    if ((rc = flush_out(s)) != HP_OK) return rc;
    for (;;) {
        if ((rc = read_message(s)) != HP_OK) return rc;
        if (s->in[0] == HP_MSG_READ_RESULT) break;
        if (s->clock == HP_CLOCK_REALTIME && s->in[0] != HP_MSG_WELCOME) {
            if ((rc = enqueue_current(s)) != HP_OK) return rc;
            continue;
        }
        return fail(s, HP_E_PROTOCOL, "protocol: message type 0x%02X at offset %llu while a READ waited for "
                    "READ_RESULT", s->in[0], (unsigned long long)s->in_at);
    }
    rd r = body_reader(s);
    uint8_t status = r8(&r, "status");
    uint32_t n = r32(&r, "data length");
    const uint8_t *data = need(&r, n, "data") ? r.p + r.pos : NULL;
    if (data) r.pos += n;
    if ((rc = finish(&r)) != HP_OK) return rc;
    if (status > HP_READ_BEYOND_END)
        return fail(s, HP_E_PROTOCOL, "protocol: READ_RESULT at offset %llu: status %u is not 0, 1 or 2",
                    (unsigned long long)s->in_at, status);
    if (got) *got = n;
    if (n > cap) {
        if (buf && cap) memcpy(buf, data, cap);
        return fail(s, HP_E_TOO_BIG, "READ of %s returned %u octets, the buffer holds %u", region, (unsigned)n,
                    (unsigned)cap);
    }
    if (n) memcpy(buf, data, n);
    return status;
}

/* ---- The session loop -------------------------------------------------------------------------- */

static void mark_event(hp_session *s, uint64_t now) {
    s->now = now;
    s->rt_virtual = now;
    clock_gettime(CLOCK_MONOTONIC, &s->rt_wall);
}

/*
 * Waits for hansim's next message. In real time the device keeps its own timer: if the deadline
 * comes first, *timer_due is set instead.
 */
static int next_message(hp_session *s, int *timer_due) {
    *timer_due = 0;
    if (s->q_len) {
        dequeue(s);
        return HP_OK;
    }
    while (s->clock == HP_CLOCK_REALTIME && s->deadline != HP_NO_DEADLINE) {
        uint64_t now = hp_now(s);
        if (s->deadline <= now) {
            *timer_due = 1;
            return HP_OK;
        }
        uint64_t wait_ms = (s->deadline - now + 999) / 1000;
        struct pollfd pfd;
        pfd.fd = s->in_fd;
        pfd.events = POLLIN;
        pfd.revents = 0;
        int n = poll(&pfd, 1, wait_ms > 60000 ? 60000 : (int)wait_ms);
        if (n < 0 && errno != EINTR) return fail(s, HP_E_IO, "poll: %s", strerror(errno));
        if (n > 0) break;
    }
    return read_message(s);
}

static int handle_event(hp_session *s, const hp_callbacks *cb, void *ctx) {
    rd r = body_reader(s);
    uint8_t type = s->in[0];
    int rc;
    switch (type) {
    case HP_MSG_POWER: {
        uint64_t now = r64(&r, "now");
        uint8_t state = r8(&r, "state");
        if ((rc = finish(&r)) != HP_OK) return rc;
        if (state > HP_POWER_CUT)
            return fail(s, HP_E_PROTOCOL, "protocol: POWER at offset %llu: state %u is not 0, 1 or 2",
                        (unsigned long long)s->in_at, state);
        mark_event(s, now);
        s->deadline = HP_NO_DEADLINE; /* RAM, and the timers in it, start again */
        s->muted = state == HP_POWER_CUT;
        s->in_event = 1;
        if (cb->power) cb->power(s, now, state, ctx);
        s->in_event = 0;
        if (state != HP_POWER_ON) s->deadline = HP_NO_DEADLINE; /* no timer runs without power */
        s->muted = 0;
        break;
    }
    case HP_MSG_FRAME_IN: {
        hp_frame f;
        f.now = r64(&r, "now");
        f.src_eui64 = r64(&r, "srcEui64");
        f.src_short = r16(&r, "srcShort");
        f.src_endpoint = r8(&r, "srcEndpoint");
        f.dst_endpoint = r8(&r, "dstEndpoint");
        f.profile = r16(&r, "profile");
        f.cluster = r16(&r, "cluster");
        uint8_t flags = r8(&r, "flags");
        f.broadcast = flags & 1u;
        f.zcl_len = r32(&r, "zcl length");
        f.zcl = need(&r, f.zcl_len, "zcl") ? r.p + r.pos : NULL;
        if (f.zcl) r.pos += f.zcl_len;
        if ((rc = finish(&r)) != HP_OK) return rc;
        mark_event(s, f.now);
        s->in_event = 1;
        if (cb->frame) cb->frame(s, &f, ctx);
        s->in_event = 0;
        break;
    }
    case HP_MSG_TIMER: {
        uint64_t now = r64(&r, "now");
        if ((rc = finish(&r)) != HP_OK) return rc;
        mark_event(s, now);
        s->deadline = HP_NO_DEADLINE; /* this timer has fired */
        s->in_event = 1;
        if (cb->timer) cb->timer(s, now, ctx);
        s->in_event = 0;
        break;
    }
    default:
        if (type == HP_MSG_WELCOME || type == HP_MSG_READ_RESULT)
            return fail(s, HP_E_PROTOCOL, "protocol: %s at offset %llu is not an event", type_name(type),
                        (unsigned long long)s->in_at);
        return fail(s, HP_E_PROTOCOL, "protocol: unknown message type 0x%02X at offset %llu", type,
                    (unsigned long long)s->in_at);
    }
    if (s->left) return HP_OK;
    if (s->dead) return s->dead_rc != HP_OK ? s->dead_rc : HP_E_IO;
    return send_done(s);
}

int hp_run(hp_session *s, const hp_hello *hello, const hp_callbacks *cb, void *ctx) {
    static const hp_callbacks none = {NULL, NULL, NULL, NULL, NULL};
    int rc;
    if (!s || !hello) return HP_E_ARG;
    if (!cb) cb = &none;
    if (s->welcomed) return fail(s, HP_E_STATE, "hp_run twice on one session");
    if ((rc = send_hello(s, hello)) != HP_OK) return rc;
    if ((rc = read_message(s)) != HP_OK) return rc;
    if (s->in[0] == HP_MSG_HANSIM_BYE) {
        rd r = body_reader(s);
        const char *reason = rtext(&r, "reason");
        if ((rc = finish(&r)) != HP_OK) return rc;
        send_bye(s, "bye");
        return fail(s, HP_E_STATE, "hansim said BYE before WELCOME: %s", reason);
    }
    if (s->in[0] != HP_MSG_WELCOME)
        return fail(s, HP_E_PROTOCOL, "protocol: expected WELCOME at offset %llu, got type 0x%02X",
                    (unsigned long long)s->in_at, s->in[0]);
    if ((rc = decode_welcome(s, &s->welcome)) != HP_OK) {
        if (strncmp(s->err, "version", 7) == 0) send_bye(s, s->err);
        return rc;
    }
    /* The welcome's strings live in the arena, which the next message reuses: keep them apart. */
    char *saved = malloc(s->arena_len + 1);
    if (!saved) return fail(s, HP_E_NOMEM, "out of memory");
    memcpy(saved, s->arena, s->arena_len);
    for (unsigned i = 0; i < s->welcome.n_peers; i++) s->welcome.peers[i].role = saved + (s->welcome.peers[i].role - s->arena);
    for (unsigned i = 0; i < s->welcome.n_params; i++) {
        s->welcome.params[i].key = saved + (s->welcome.params[i].key - s->arena);
        s->welcome.params[i].value = saved + (s->welcome.params[i].value - s->arena);
    }
    s->clock = s->welcome.clock;
    s->welcomed = 1;
    mark_event(s, s->welcome.now);
    if (cb->welcome) cb->welcome(s, &s->welcome, ctx);
    for (;;) {
        int timer_due;
        if ((rc = next_message(s, &timer_due)) != HP_OK) break;
        if (timer_due) {
            /* Real time: the device's own timer. Its actions go out as they are; no DONE. */
            uint64_t now = hp_now(s);
            mark_event(s, now);
            s->deadline = HP_NO_DEADLINE;
            s->in_event = 1;
            if (cb->timer) cb->timer(s, now, ctx);
            s->in_event = 0;
            if (s->left || (rc = flush_out(s)) != HP_OK) break;
            continue;
        }
        if (s->in[0] == HP_MSG_HANSIM_BYE) {
            rd r = body_reader(s);
            const char *reason = rtext(&r, "reason");
            if ((rc = finish(&r)) != HP_OK) break;
            if (cb->bye) cb->bye(s, reason, ctx);
            s->out_len = 0; /* nothing after hansim's BYE but ours */
            rc = send_bye(s, "bye");
            break;
        }
        if ((rc = handle_event(s, cb, ctx)) != HP_OK || s->left) break;
    }
    free(saved);
    s->welcomed = 2; /* over: actions fail from now on */
    s->dead = 1;
    return rc;
}

int hp_leave(hp_session *s, const char *reason) {
    if (!s || s->dead) return HP_E_STATE;
    int rc = send_bye(s, reason ? reason : "left");
    s->dead = 1;
    s->left = 1;
    return rc;
}
