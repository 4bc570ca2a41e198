/*
 * ota_ppmid.c: a minimal OTA-client PPMID on hansim's simulated HAN, through the device port.
 *
 * This is the worked example of the C shim (device-port/src/main/c/hansim_port.h): a prepayment
 * meter interface device that serves the Basic cluster with its G.9 identity and runs the Zigbee
 * OTA Upgrade client (cluster 0x0019) against its Communications Hub, as requirements R7.3 and R7.4
 * ask of a PPMID: it takes firmware only from its CH, downloads it block by block, checks it, and
 * activates it as soon as the CH's Upgrade End Response says so, with no activation command.
 * Every rule cited below is in the project's domain/zigbee-ota.md (§n) or domain/requirements.md.
 *
 * Read it top to bottom; it is meant to be adapted. Where your stack would call you, the shim calls
 * a callback here instead:
 *
 *   hansim (port)           this file           your Zigbee stack (typical names)
 *   ---------------------   -----------------   -------------------------------------------------
 *   WELCOME                 on_welcome()        network joined / "stack status: network up"
 *   POWER on                on_power(ON)        main() after reset: init, read NVM, start timers
 *   POWER cut / off         on_power(CUT/OFF)   (nothing runs: the RAM is gone)
 *   FRAME_IN                on_frame()          the ZCL "pre-command received" / APS indication
 *   TIMER                   on_timer()          your event/timer queue firing
 *   hp_send_frame()         send_zcl()          the APS data request (unicast / broadcast send)
 *   hp_read/write/erase()   flash_*()           the NVM / external-flash driver (EEPROM, OTA slot)
 *   hp_set_deadline()       update_deadline()   arming your one hardware timer for the next event
 *   hp_status()/hp_log()    report()/LOG()      your debug UART
 *
 * Everything the device knows after a power cut is what it wrote to its flash regions; hansim keeps
 * them (and looks into them) for the device:
 *   "fw.running"    u32 File Version of the firmware running (absent: the factory version)
 *   "ota.progress"  u16 manufacturer, u16 image type, u32 file version, u32 image size, u32 FileOffset
 *   "ota.image"     the candidate image as received so far
 *
 * What the image check (verify_image) does: the OTA header is at offset 0 and well formed (§7.1);
 * its manufacturer, image type and File Version are what the CH offered; TotalImageSize is the
 * offered ImageSize and every octet of it was received; the hardware version is inside the header's
 * range when the header has one (R7.6); an upgrade file destination, if present, is this device.
 * With a trusted key (the default, --trust-key): the body must be the signed GB form (§8, G.6:
 * Manufacturer Image ‖ 00 ‖ 40 ‖ r ‖ s) and the ECDSA P-256 signature over the SHA-256 of the
 * Manufacturer Image must verify with that key (gb_signature.c stands in for your crypto engine).
 * Without one (--trust-key none, for the unsigned SR 11.4 form): a sub-element chain (§7.2), if the
 * body is one, must be consistent. Either way a Manufacturer Image that says its own File Version
 * (hansim's simulated firmware starts "hsfw" and the version) must say the header's. Not checked:
 * the AES-MMO image integrity code of Zigbee-form images (tag 0x0003, §7.4), a Zigbee SE signature
 * (sect163k1/sect283k1), and whatever your own bootloader checks.
 *
 * The default trusted key is the one hansim's conformance battery signs its images with (a test
 * key, published: README "Conformance battery"); a real device compiles in its supplier's.
 *
 * Build: cc -std=c99 -Wall -Wextra -Werror -O2 -I device-port/src/main/c -I examples/device-port/c \
 *          device-port/src/main/c/hansim_port.c examples/device-port/c/gb_signature.c \
 *          examples/device-port/c/ota_ppmid.c -o target/c/ota_ppmid
 * Run:   as a scenario device `external: { stands: ppmid, command: [target/c/ota_ppmid] }`, or
 *        target/c/ota_ppmid --listen tcp:127.0.0.1:4711 and `connect: tcp:127.0.0.1:4711`.
 */
#define _POSIX_C_SOURCE 200809L
#include "gb_signature.h"
#include "hansim_port.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ============================================================================================
 * 1. Who the device is. G.9: ManufacturerName is the 4 hex digits of the Zigbee manufacturer code,
 *    ModelIdentifier hex(ImageType) ‖ hex(HardwareVersion), the firmware version the OTA File
 *    Version. The defaults are those of examples/ppmid-ota.yaml; the command line changes them.
 * ============================================================================================ */
static struct {
    uint64_t eui64;
    uint16_t manufacturer;
    uint16_t image_type;
    uint16_t hardware_version;
    uint32_t factory_version;
    uint8_t max_block;        /* MaximumDataSize we ask for; the CH may cap it lower */
    uint32_t max_image;       /* the candidate slot's size */
    int signed_images;        /* images must carry a GB signature by trusted_key */
    uint8_t trusted_key[64];  /* P-256 public key X ‖ Y */
} cfg = {0x00DB1234567890A4ull, 0x1234, 0x0101, 0x0002, 0x00000100, 64, 4u * 1024 * 1024, 1, {0}};

/* The conformance battery's published test key (X ‖ Y), trusted unless --trust-key says otherwise. */
static const char BATTERY_KEY[] = "1336e05926d74c8eefc5e5aac5cec726925449d8d5eda43dadfce34481f818c3"
                                  "ffab6b4cab81f4e1bf01a90f0621571077b73303ecced330c2629e61ea992bf3";

#define ENDPOINT 1
#define CLUSTER_BASIC 0x0000
#define CLUSTER_OTA 0x0019

/* Timing (zigbee-ota.md §5.6; the same defaults as hansim's own PPMID model), virtual µs. */
#define SECOND 1000000ull
#define QUERY_INTERVAL (60 * 60 * SECOND)  /* query the CH hourly */
#define START_DELAY_MAX (5 * 60 * SECOND)  /* first query at a random time up to 5 min after boot */
#define RESPONSE_TIMEOUT (5 * SECOND)
#define RETRY_BACKOFF (2 * SECOND)
#define QUERY_RETRIES 3
#define BLOCK_RETRIES 10
#define UPGRADE_END_RETRIES 10
#define REASK_INTERVAL (60 * 60 * SECOND)   /* told to wait (UpgradeTime 0xFFFFFFFF), §5.2 */
#define WAIT_FOR_DATA_FALLBACK (5 * 60 * SECOND)
#define UPGRADE_TIME_FALLBACK (60 * 60 * SECOND)
#define MIN_REBOOT_DELAY (3 * SECOND)       /* let the APS ACK and the answers go out first, §5.2 */
#define REBOOT_TIME (1 * SECOND)            /* how long the restart onto the new image takes */

/* ZCL (zigbee-ota.md §1–§4). */
enum { ZCL_READ_ATTRIBUTES = 0x00, ZCL_READ_ATTRIBUTES_RESPONSE = 0x01, ZCL_WRITE_ATTRIBUTES = 0x02,
       ZCL_DEFAULT_RESPONSE = 0x0B };
enum { OTA_IMAGE_NOTIFY = 0x00, OTA_QUERY_NEXT_IMAGE_REQUEST = 0x01, OTA_QUERY_NEXT_IMAGE_RESPONSE = 0x02,
       OTA_IMAGE_BLOCK_REQUEST = 0x03, OTA_IMAGE_BLOCK_RESPONSE = 0x05, OTA_UPGRADE_END_REQUEST = 0x06,
       OTA_UPGRADE_END_RESPONSE = 0x07 };
enum { ST_SUCCESS = 0x00, ST_NOT_AUTHORIZED = 0x7E, ST_MALFORMED_COMMAND = 0x80, ST_UNSUP_CLUSTER_COMMAND = 0x81,
       ST_UNSUP_GENERAL_COMMAND = 0x82, ST_UNSUP_MANUF_CLUSTER_COMMAND = 0x83, ST_UNSUPPORTED_ATTRIBUTE = 0x86,
       ST_INVALID_VALUE = 0x87, ST_READ_ONLY = 0x88, ST_INSUFFICIENT_SPACE = 0x89, ST_INVALID_FIELD = 0x85,
       ST_ABORT = 0x95, ST_INVALID_IMAGE = 0x96, ST_WAIT_FOR_DATA = 0x97, ST_NO_IMAGE_AVAILABLE = 0x98,
       ST_UNSUPPORTED_CLUSTER = 0xC3 };
enum { T_UINT8 = 0x20, T_UINT16 = 0x21, T_UINT32 = 0x23, T_ENUM8 = 0x30, T_STRING = 0x42, T_EUI64 = 0xF0 };

/* ============================================================================================
 * 2. The device's RAM. A power cut loses all of it: on_power(ON) starts from the flash again.
 * ============================================================================================ */

/* The client's states, each with the ImageUpgradeStatus it shows (§4). */
enum state { OFF, IDLE, QUERYING, DOWNLOADING, WAITING_TO_UPGRADE, COUNTDOWN, REBOOTING };
static const uint8_t UPGRADE_STATUS[] = {0, 0, 0, 1, 3, 4, 0};
static const char *const STATE_NAME[] = {"off", "idle", "querying", "downloading", "waiting to upgrade",
                                         "count-down", "rebooting"};

/* One hardware timer in the port (hp_set_deadline), several software timers here. */
enum timer { T_QUERY, T_RESPONSE, T_BLOCK, T_UPGRADE_END, T_COUNTDOWN, T_BOOT, T_COUNT };
#define NOT_ARMED UINT64_MAX

static struct {
    hp_session *s;
    uint64_t now;
    uint64_t ch_eui64;         /* UpgradeServerID: the only OTA server we accept (R7.3) */
    uint8_t ch_endpoint;       /* the CH's endpoint as the network discovered it (G.5) */
    uint64_t random;           /* splitmix64 state, from WELCOME's seed */
    char smets[16];            /* the CH's SMETS version: a PPMID runs in its CH's (R202.3) */
    enum state state;
    uint8_t tsn;
    uint64_t timer[T_COUNT];
    uint32_t running;          /* CurrentFileVersion */
    /* the image being downloaded (or held, verified, waiting to be activated) */
    uint16_t manufacturer, image_type;
    uint32_t version, size, offset;
    uint8_t block;             /* MaximumDataSize for the next request: learnt from the CH (§6) */
    uint8_t asked;             /* what the outstanding request asked for */
    uint16_t minimum_block_period; /* ms: our ClusterRevision is 3 (§5.4) */
    int errors;                /* failed attempts in a row */
    int answered;              /* the frame being handled got a response already */
} d;

static uint64_t next_random(void) { /* splitmix64: deterministic from the WELCOME seed */
    uint64_t z = (d.random += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void arm(enum timer t, uint64_t at) { d.timer[t] = at; }
static void cancel(enum timer t) { d.timer[t] = NOT_ARMED; }
static void cancel_all(void) {
    for (int t = 0; t < T_COUNT; t++) d.timer[t] = NOT_ARMED;
}

/* The port carries one deadline: the earliest of ours. Called at the end of every callback. */
static void update_deadline(void) {
    uint64_t next = HP_NO_DEADLINE;
    for (int t = 0; t < T_COUNT; t++)
        if (d.timer[t] < next) next = d.timer[t];
    hp_set_deadline(d.s, next);
}

static void report(void) {
    char v[64];
    snprintf(v, sizeof v, "%08X", (unsigned)d.running);
    hp_status(d.s, "firmware.version", v);
    if (d.state == DOWNLOADING)
        snprintf(v, sizeof v, "downloading %u/%u", (unsigned)d.offset, (unsigned)d.size);
    else
        snprintf(v, sizeof v, "%s", STATE_NAME[d.state]);
    hp_status(d.s, "ota.state", v);
}

static void enter(enum state st) {
    if (d.state != st) {
        d.state = st;
        report();
    }
}

/* ============================================================================================
 * 3. Flash. Your NVM driver goes here; hansim keeps these regions across power cuts.
 * ============================================================================================ */

static uint32_t get32(const uint8_t *p) { return hp_get_u32(p); }
static uint16_t get16(const uint8_t *p) { return hp_get_u16(p); }

static void save_progress(void) {
    uint8_t p[16];
    hp_put_u16(p, d.manufacturer);
    hp_put_u16(p + 2, d.image_type);
    hp_put_u32(p + 4, d.version);
    hp_put_u32(p + 8, d.size);
    hp_put_u32(p + 12, d.offset);
    hp_write(d.s, "ota.progress", 0, p, sizeof p);
}

static void forget_image(void) {
    hp_erase(d.s, "ota.image");
    hp_erase(d.s, "ota.progress");
    d.size = d.offset = d.version = 0;
}

/* ============================================================================================
 * 4. Sending ZCL frames (your stack's APS data request).
 * ============================================================================================ */

static uint8_t zcl[128];

static void send_zcl(uint64_t to, uint8_t endpoint, uint16_t cluster, const uint8_t *frame, uint32_t len) {
    hp_send_frame(d.s, to, endpoint, ENDPOINT, HP_PROFILE_SMART_ENERGY, cluster, frame, len);
}

/* A client→server OTA command to the CH: frame control 0x01, Default Responses enabled (§1). */
static void send_ota_request(uint8_t command, const uint8_t *payload, uint32_t len) {
    zcl[0] = 0x01;
    zcl[1] = d.tsn++;
    zcl[2] = command;
    memcpy(zcl + 3, payload, len);
    send_zcl(d.ch_eui64, d.ch_endpoint, CLUSTER_OTA, zcl, 3 + len);
}

/* A Default Response to the frame f (never to a broadcast or to a Default Response, §1). */
static void default_response(const hp_frame *f, uint8_t tsn, uint8_t command, uint8_t status, int to_server) {
    if (f->broadcast || d.answered) return;
    uint8_t r[5] = {(uint8_t)(to_server ? 0x10 : 0x18), tsn, ZCL_DEFAULT_RESPONSE, command, status};
    send_zcl(f->src_eui64, f->src_endpoint, f->cluster, r, sizeof r);
    d.answered = 1;
}

static void send_query(void) {
    uint8_t p[11];
    p[0] = 0x01; /* FieldControl: HardwareVersion present (R7.6) */
    hp_put_u16(p + 1, cfg.manufacturer);
    hp_put_u16(p + 3, cfg.image_type);
    hp_put_u32(p + 5, d.running);
    hp_put_u16(p + 9, cfg.hardware_version);
    send_ota_request(OTA_QUERY_NEXT_IMAGE_REQUEST, p, sizeof p);
    cancel(T_QUERY);
    arm(T_RESPONSE, d.now + RESPONSE_TIMEOUT);
    enter(QUERYING);
}

static void send_block_request(void) {
    uint32_t left = d.size - d.offset;
    d.asked = left < d.block ? (uint8_t)left : d.block;
    uint8_t p[16];
    p[0] = 0x02; /* FieldControl: MinimumBlockPeriod present */
    hp_put_u16(p + 1, d.manufacturer);
    hp_put_u16(p + 3, d.image_type);
    hp_put_u32(p + 5, d.version);
    hp_put_u32(p + 9, d.offset);
    p[13] = d.asked;
    hp_put_u16(p + 14, d.minimum_block_period);
    send_ota_request(OTA_IMAGE_BLOCK_REQUEST, p, sizeof p);
    arm(T_RESPONSE, d.now + RESPONSE_TIMEOUT);
}

static void send_upgrade_end(uint8_t status) {
    uint8_t p[9];
    p[0] = status;
    hp_put_u16(p + 1, d.manufacturer);
    hp_put_u16(p + 3, d.image_type);
    hp_put_u32(p + 5, d.version);
    send_ota_request(OTA_UPGRADE_END_REQUEST, p, sizeof p);
}

/* ============================================================================================
 * 5. The OTA client: query, download, verify, upgrade end, activation.
 * ============================================================================================ */

static void go_idle(void) {
    cancel(T_RESPONSE);
    cancel(T_BLOCK);
    enter(IDLE);
    arm(T_QUERY, d.now + QUERY_INTERVAL);
}

/* The next block request, after MinimumBlockPeriod (§5.3, §5.4) or at once. */
static void schedule_block(uint64_t extra_delay) {
    cancel(T_RESPONSE);
    arm(T_BLOCK, d.now + extra_delay + (uint64_t)d.minimum_block_period * 1000u);
}

static void start_download(uint16_t mfr, uint16_t type, uint32_t version, uint32_t size) {
    int resume = d.size == size && d.version == version && d.manufacturer == mfr && d.image_type == type;
    if (!resume) { /* another image: the partial one goes */
        hp_erase(d.s, "ota.image");
        d.manufacturer = mfr;
        d.image_type = type;
        d.version = version;
        d.size = size;
        d.offset = 0;
        save_progress();
    }
    d.errors = 0;
    d.minimum_block_period = 0;
    hp_log(d.s, HP_LOG_INFO, "%s image %04X/%04X version %08X, %u octets, at offset %u",
           resume ? "resuming" : "downloading", mfr, type, (unsigned)version, (unsigned)size, (unsigned)d.offset);
    enter(DOWNLOADING);
    cancel(T_QUERY);
    cancel(T_RESPONSE);
    send_block_request();
}

/* A failed attempt: ask again from FileOffset after a back-off, never from 0 (§9 #6). */
static void download_failure(void) {
    cancel(T_RESPONSE);
    if (++d.errors > BLOCK_RETRIES) {
        /* Give up: Upgrade End Request ABORT; the partial image stays for a later offer of it. */
        hp_log(d.s, HP_LOG_WARN, "download abandoned at offset %u after %d failures", (unsigned)d.offset,
               BLOCK_RETRIES);
        send_upgrade_end(ST_ABORT);
        go_idle();
        return;
    }
    schedule_block(RETRY_BACKOFF);
}

static int read_image(uint32_t offset, uint8_t *buf, uint32_t len) {
    uint32_t got = 0;
    int st = hp_read(d.s, "ota.image", offset, len, buf, len, &got);
    return st == HP_READ_OK && got == len;
}

/* The checks before asking to run the image (see the comment at the top). 0 = good. */
/* Says why the image is refused (in why) and returns 1; 0 when it is good. */
#define REFUSE(...) do { snprintf(why, n, __VA_ARGS__); return 1; } while (0)

static int verify_image(char *why, size_t n) {
    uint8_t h[69];
    uint32_t hl = d.size < sizeof h ? d.size : (uint32_t)sizeof h;
    if (d.offset != d.size) REFUSE("received %u of %u octets", (unsigned)d.offset, (unsigned)d.size);
    if (d.size < 56 || !read_image(0, h, hl)) REFUSE("no readable OTA header");
    if (get32(h) != 0x0BEEF11Eu) REFUSE("no upgrade file identifier at offset 0");
    uint16_t header_length = get16(h + 6), field_control = get16(h + 8);
    uint32_t need = 56 + ((field_control & 1) ? 1 : 0) + ((field_control & 2) ? 8 : 0) + ((field_control & 4) ? 4 : 0);
    if (header_length < need || header_length > d.size)
        REFUSE("header length %u (fields need %u, image %u)", header_length, (unsigned)need,
                        (unsigned)d.size);
    if (get16(h + 10) != d.manufacturer || get16(h + 12) != d.image_type || get32(h + 14) != d.version)
        REFUSE("header is %04X/%04X/%08X, the CH offered %04X/%04X/%08X", get16(h + 10),
                        get16(h + 12), (unsigned)get32(h + 14), d.manufacturer, d.image_type, (unsigned)d.version);
    if (get32(h + 52) != d.size)
        REFUSE("TotalImageSize %u, offered ImageSize %u", (unsigned)get32(h + 52), (unsigned)d.size);
    uint32_t at = 56 + ((field_control & 1) ? 1 : 0);
    if (field_control & 2) { /* upgrade file destination */
        if (hp_get_u64(h + at) != cfg.eui64) REFUSE("the image is for another device");
        at += 8;
    }
    if (field_control & 4) { /* hardware versions (R7.6) */
        uint16_t lo = get16(h + at), hi = get16(h + at + 2);
        if (cfg.hardware_version < lo || cfg.hardware_version > hi)
            REFUSE("hardware version %04X is outside %04X..%04X", cfg.hardware_version, lo, hi);
    }
    uint32_t mi = header_length, mi_len = d.size - header_length; /* the Manufacturer Image, if GB */
    if (cfg.signed_images) {
        /* G.6, §8: Manufacturer Image ‖ 00 ‖ 40 ‖ r ‖ s, the signature over SHA-256(Manufacturer Image). */
        uint8_t tail[66], digest[32], chunk[4096];
        if (mi_len < 66 || !read_image(d.size - 66, tail, 66) || tail[0] != 0x00 || tail[1] != 0x40)
            REFUSE("no GB signature (Manufacturer Image ‖ 00 ‖ 40 ‖ r‖s) and this device requires one");
        mi_len -= 66;
        sha256_ctx c;
        sha256_init(&c);
        for (uint32_t done = 0; done < mi_len;) {
            uint32_t k = mi_len - done < sizeof chunk ? mi_len - done : (uint32_t)sizeof chunk;
            if (!read_image(mi + done, chunk, k)) REFUSE("the image could not be read back at %u", (unsigned)(mi + done));
            sha256_update(&c, chunk, k);
            done += k;
        }
        sha256_final(&c, digest);
        if (!p256_verify(cfg.trusted_key, digest, tail + 2)) REFUSE("the GB signature does not verify");
    } else {
        /* §7.2: if the body is a tag/length chain it must end exactly at TotalImageSize. */
        uint32_t pos = header_length;
        int elements = 0, chain = 1;
        while (pos < d.size && chain) {
            uint8_t e[6];
            if (d.size - pos < 6 || !read_image(pos, e, 6)) { chain = 0; break; }
            uint16_t tag = get16(e);
            uint32_t len = get32(e + 2);
            if ((tag > 0x0006 && tag < 0xF000) || len > d.size - pos - 6 || ++elements > 64) { chain = 0; break; }
            pos += 6 + len; /* HERE a device checks tag 0x0003, the AES-MMO integrity code (§7.4) */
        }
        if (chain && pos == d.size) mi_len = 0; /* the Zigbee form: no Manufacturer Image */
    }
    /* hansim's simulated firmware says its own version: it must be the header's (an edited header). */
    uint8_t fw[8];
    if (mi_len >= 8 && read_image(mi, fw, 8) && memcmp(fw, "hsfw", 4) == 0 && get32(fw + 4) != d.version)
        REFUSE("the firmware in the image is %08X, the header says %08X", (unsigned)get32(fw + 4), (unsigned)d.version);
    return 0;
}

static void download_complete(void) {
    char why[160];
    cancel(T_RESPONSE);
    cancel(T_BLOCK);
    if (verify_image(why, sizeof why) != 0) {
        /* Upgrade End Request INVALID_IMAGE; the old image keeps running (R7.14). */
        hp_log(d.s, HP_LOG_WARN, "image %08X refused: %s", (unsigned)d.version, why);
        send_upgrade_end(ST_INVALID_IMAGE);
        forget_image();
        go_idle();
        return;
    }
    hp_log(d.s, HP_LOG_INFO, "image %08X verified", (unsigned)d.version);
    d.errors = 0;
    enter(WAITING_TO_UPGRADE);
    send_upgrade_end(ST_SUCCESS);
    arm(T_RESPONSE, d.now + RESPONSE_TIMEOUT);
}

/* R7.4: activation on download. The new version goes to flash, then the device restarts on it. */
static void activate(void) {
    uint8_t v[4];
    hp_put_u32(v, d.version);
    hp_write(d.s, "fw.running", 0, v, 4);
    hp_log(d.s, HP_LOG_INFO, "activating %08X (was %08X)", (unsigned)d.version, (unsigned)d.running);
    forget_image(); /* the bootloader copied the slot: nothing is pending any more */
    d.running = get32(v);
    cancel_all();
    enter(REBOOTING);
    arm(T_BOOT, d.now + REBOOT_TIME);
}

static void start_countdown(uint64_t delay) {
    cancel(T_RESPONSE);
    cancel(T_UPGRADE_END);
    enter(COUNTDOWN);
    arm(T_COUNTDOWN, d.now + (delay > MIN_REBOOT_DELAY ? delay : MIN_REBOOT_DELAY));
}

/* ---- The CH's commands (cluster-specific, server→client) ---------------------------------------- */

static void on_image_notify(const uint8_t *p, uint32_t n, int broadcast) {
    if (n < 2 || p[0] > 3 || n < (uint32_t[]){2, 4, 6, 10}[p[0]]) return; /* invalid: no answer to a broadcast */
    if (d.state != IDLE && d.state != QUERYING) return; /* busy: a download or upgrade is under way */
    if (broadcast) {
        /* §5.5: a broadcast asks only the devices it names, with QueryJitter. */
        uint8_t jitter = p[1];
        if (p[0] >= 1 && get16(p + 2) != cfg.manufacturer && get16(p + 2) != 0xFFFF) return;
        if (p[0] >= 2 && get16(p + 4) != cfg.image_type && get16(p + 4) != 0xFFFF) return;
        if (p[0] >= 3 && get32(p + 6) == d.running) return;
        if ((uint8_t)(1 + next_random() % 100) > jitter) return;
    }
    send_query(); /* a unicast notify always gets a query */
}

static void on_query_response(const hp_frame *f, const uint8_t *p, uint32_t n) {
    uint8_t tsn = f->zcl[1];
    if (d.state != QUERYING) return;
    cancel(T_RESPONSE);
    if (n < 1 || (p[0] == ST_SUCCESS && n < 13)) {
        default_response(f, tsn, OTA_QUERY_NEXT_IMAGE_RESPONSE, ST_MALFORMED_COMMAND, 1);
        go_idle();
        return;
    }
    if (p[0] != ST_SUCCESS) { /* NO_IMAGE_AVAILABLE, NOT_AUTHORIZED: ask again next period */
        go_idle();
        return;
    }
    uint16_t mfr = get16(p + 1), type = get16(p + 3);
    uint32_t version = get32(p + 5), size = get32(p + 9);
    if (mfr != cfg.manufacturer || type != cfg.image_type) {
        default_response(f, tsn, OTA_QUERY_NEXT_IMAGE_RESPONSE, ST_INVALID_FIELD, 1);
        go_idle();
    } else if (size > cfg.max_image) {
        default_response(f, tsn, OTA_QUERY_NEXT_IMAGE_RESPONSE, ST_INSUFFICIENT_SPACE, 1);
        go_idle();
    } else if (size < 56) {
        default_response(f, tsn, OTA_QUERY_NEXT_IMAGE_RESPONSE, ST_INVALID_FIELD, 1);
        go_idle();
    } else if (version == d.running) {
        go_idle(); /* what runs already */
    } else {
        start_download(mfr, type, version, size);
    }
}

static void on_block_response(const hp_frame *f, const uint8_t *p, uint32_t n) {
    uint8_t tsn = f->zcl[1];
    if (d.state != DOWNLOADING || n < 1) return;
    if (p[0] == ST_WAIT_FOR_DATA) {
        /* §5.3: come back RequestTime − CurrentTime later (CurrentTime 0: relative), and adopt the
         * MinimumBlockPeriod when the CH sends one. */
        if (n != 9 && n != 11) { default_response(f, tsn, OTA_IMAGE_BLOCK_RESPONSE, ST_MALFORMED_COMMAND, 1); return; }
        uint32_t ct = get32(p + 1), rt = get32(p + 5);
        uint64_t delay = (rt == 0xFFFFFFFFu || rt < ct) ? WAIT_FOR_DATA_FALLBACK : (uint64_t)(rt - ct) * SECOND;
        if (n == 11) d.minimum_block_period = get16(p + 9) > 0xFFFE ? 0xFFFE : get16(p + 9);
        d.errors = 0;
        schedule_block(delay);
        return;
    }
    if (p[0] == ST_ABORT || p[0] == ST_NO_IMAGE_AVAILABLE) { /* the CH ends it: discard */
        hp_log(d.s, HP_LOG_WARN, "the CH aborted the download (status 0x%02X)", p[0]);
        forget_image();
        go_idle();
        return;
    }
    if (p[0] != ST_SUCCESS) { download_failure(); return; }
    if (n < 14 || n != 14u + p[13]) { default_response(f, tsn, OTA_IMAGE_BLOCK_RESPONSE, ST_MALFORMED_COMMAND, 1); return; }
    uint32_t offset = get32(p + 9);
    uint8_t len = p[13];
    if (get16(p + 1) != d.manufacturer || get16(p + 3) != d.image_type || get32(p + 5) != d.version) {
        default_response(f, tsn, OTA_IMAGE_BLOCK_RESPONSE, ST_INVALID_VALUE, 1);
        return;
    }
    if (offset != d.offset) return; /* duplicated, late or reordered: ignored (as Silicon Labs' client) */
    if (len == 0 || len > d.asked || len > d.size - d.offset) {
        /* more than we asked for, or past the end: not taken (§6: the server must not send more) */
        default_response(f, tsn, OTA_IMAGE_BLOCK_RESPONSE, ST_INVALID_VALUE, 1);
        return;
    }
    /* Store, count, persist: one event, so a power cut keeps both or neither (R7.8). */
    hp_write(d.s, "ota.image", offset, p + 14, len);
    d.offset += len;
    save_progress();
    if (len < d.asked && d.offset < d.size) d.block = len; /* the CH's block size is smaller: ask for that */
    d.errors = 0;
    report();
    if (d.offset == d.size) download_complete();
    else schedule_block(0);
}

static void on_upgrade_end_response(const hp_frame *f, const uint8_t *p, uint32_t n) {
    uint8_t tsn = f->zcl[1];
    if (d.state != WAITING_TO_UPGRADE && d.state != COUNTDOWN) return;
    if (n != 16) { default_response(f, tsn, OTA_UPGRADE_END_RESPONSE, ST_MALFORMED_COMMAND, 1); return; }
    if ((get16(p) != d.manufacturer && get16(p) != 0xFFFF) || (get16(p + 2) != d.image_type && get16(p + 2) != 0xFFFF) ||
        (get32(p + 4) != d.version && get32(p + 4) != 0xFFFFFFFFu)) {
        default_response(f, tsn, OTA_UPGRADE_END_RESPONSE, ST_INVALID_VALUE, 1);
        return;
    }
    uint32_t ct = get32(p + 8), ut = get32(p + 12);
    if (ut == 0xFFFFFFFFu) { /* wait for a further command; ask again in an hour (§5.2) */
        cancel(T_RESPONSE);
        enter(WAITING_TO_UPGRADE);
        arm(T_UPGRADE_END, d.now + REASK_INTERVAL);
        return;
    }
    uint64_t delay = ct == 0 ? (uint64_t)ut * SECOND : ut >= ct ? (uint64_t)(ut - ct) * SECOND : UPGRADE_TIME_FALLBACK;
    hp_log(d.s, HP_LOG_INFO, "the CH says: activate in %llu s", (unsigned long long)(delay / SECOND));
    start_countdown(delay);
}

/* A Default Response from the CH to one of our requests. */
static void on_server_default_response(const uint8_t *p, uint32_t n) {
    if (n < 2 || p[1] == ST_SUCCESS) return;
    if (d.state == DOWNLOADING && p[0] == OTA_IMAGE_BLOCK_REQUEST) {
        if (p[1] == ST_ABORT || p[1] == ST_NO_IMAGE_AVAILABLE) { forget_image(); go_idle(); }
        else download_failure();
    } else if (d.state == QUERYING && p[0] == OTA_QUERY_NEXT_IMAGE_REQUEST) {
        go_idle();
    } else if ((d.state == WAITING_TO_UPGRADE || d.state == COUNTDOWN) && p[0] == OTA_UPGRADE_END_REQUEST) {
        hp_log(d.s, HP_LOG_WARN, "the CH refused the upgrade (status 0x%02X): image discarded", p[1]);
        forget_image();
        cancel(T_COUNTDOWN);
        go_idle();
    }
}

/* ============================================================================================
 * 6. Attributes: Basic server (G.9) and OTA client (§4; the CH reads them back, R7.10).
 * ============================================================================================ */

static uint8_t *put_string(uint8_t *r, const char *s) {
    size_t n = strlen(s);
    *r++ = T_STRING;
    *r++ = (uint8_t)n;
    memcpy(r, s, n);
    return r + n;
}

/* Writes one Read Attributes status record for attribute id of cluster; returns its end. */
static uint8_t *attribute(uint8_t *r, uint16_t cluster, uint16_t id) {
    char text[16];
    int downloading = d.state == DOWNLOADING || d.state == WAITING_TO_UPGRADE || d.state == COUNTDOWN;
    hp_put_u16(r, id);
    r += 2;
    *r++ = ST_SUCCESS;
    if (cluster == CLUSTER_BASIC) {
        switch (id) {
        case 0x0000: *r++ = T_UINT8; *r++ = 3; return r;                         /* ZCLVersion */
        case 0x0001: *r++ = T_UINT8; *r++ = (uint8_t)d.running; return r;        /* ApplicationVersion */
        case 0x0004: snprintf(text, sizeof text, "%04X", cfg.manufacturer); return put_string(r, text);
        case 0x0005: snprintf(text, sizeof text, "%04X%04X", cfg.image_type, cfg.hardware_version);
                     return put_string(r, text);                                  /* ModelIdentifier */
        case 0x0007: *r++ = T_ENUM8; *r++ = 0x01; return r;                      /* PowerSource: mains */
        case 0x4000: snprintf(text, sizeof text, "%08X", (unsigned)d.running); return put_string(r, text);
        }
    } else {
        switch (id) {
        case 0x0000: *r++ = T_EUI64; hp_put_u64(r, d.ch_eui64); return r + 8;     /* UpgradeServerID */
        case 0x0001: *r++ = T_UINT32; hp_put_u32(r, downloading ? d.offset : 0xFFFFFFFFu); return r + 4;
        case 0x0002: *r++ = T_UINT32; hp_put_u32(r, d.running); return r + 4;      /* CurrentFileVersion */
        case 0x0003: *r++ = T_UINT16; hp_put_u16(r, 0x0002); return r + 2;        /* Zigbee PRO */
        case 0x0004: *r++ = T_UINT32; hp_put_u32(r, downloading ? d.version : 0xFFFFFFFFu); return r + 4;
        case 0x0006: *r++ = T_ENUM8; *r++ = UPGRADE_STATUS[d.state]; return r;   /* ImageUpgradeStatus */
        case 0x0007: *r++ = T_UINT16; hp_put_u16(r, cfg.manufacturer); return r + 2;
        case 0x0008: *r++ = T_UINT16; hp_put_u16(r, downloading ? d.image_type : 0xFFFF); return r + 2;
        case 0x0009: *r++ = T_UINT16; hp_put_u16(r, d.minimum_block_period); return r + 2;
        case 0x000B: *r++ = T_ENUM8; *r++ = 0; return r; /* UpgradeActivationPolicy: OTA server allowed */
        case 0x000C: *r++ = T_ENUM8; *r++ = 0; return r; /* UpgradeTimeoutPolicy: apply after timeout */
        case 0xFFFD: *r++ = T_UINT16; hp_put_u16(r, 3); return r + 2;             /* ClusterRevision */
        }
    }
    r[-1] = ST_UNSUPPORTED_ATTRIBUTE;
    return r;
}

static void on_general(const hp_frame *f, uint8_t fc, uint8_t tsn, uint8_t command, const uint8_t *p, uint32_t n,
                       int from_ch) {
    int to_server = (fc & 0x08) != 0; /* our answer goes the other way */
    if (command == ZCL_READ_ATTRIBUTES) {
        if (n % 2 != 0 || n > 2 * 16) { default_response(f, tsn, command, ST_MALFORMED_COMMAND, to_server); return; }
        uint8_t r[3 + 16 * 16];
        uint8_t *w = r + 3;
        r[0] = (uint8_t)(to_server ? 0x10 : 0x18);
        r[1] = tsn;
        r[2] = ZCL_READ_ATTRIBUTES_RESPONSE;
        for (uint32_t i = 0; i < n; i += 2) w = attribute(w, f->cluster, get16(p + i));
        if (!f->broadcast) send_zcl(f->src_eui64, f->src_endpoint, f->cluster, r, (uint32_t)(w - r));
        d.answered = 1;
    } else if (command == ZCL_WRITE_ATTRIBUTES) {
        default_response(f, tsn, command, ST_READ_ONLY, to_server); /* nothing here is writable */
    } else if (command == ZCL_DEFAULT_RESPONSE) {
        if (f->cluster == CLUSTER_OTA && from_ch) on_server_default_response(p, n);
        d.answered = 1; /* never answer a Default Response */
    } else if (command != ZCL_READ_ATTRIBUTES_RESPONSE) {
        default_response(f, tsn, command, ST_UNSUP_GENERAL_COMMAND, to_server);
    }
}

/* ============================================================================================
 * 7. The callbacks the shim calls (your stack's entry points).
 * ============================================================================================ */

static void on_welcome(hp_session *s, const hp_welcome *w, void *ctx) {
    (void)s;
    (void)ctx;
    const hp_peer *ch = hp_peer_by_role(w, "ch");
    d.ch_eui64 = ch ? ch->eui64 : 0xFFFFFFFFFFFFFFFFull; /* R7.3: the only upgrade server */
    d.ch_endpoint = ch ? ch->endpoint : 1;
    d.random = w->seed ^ cfg.eui64;
    const char *smets = hp_param_value(w, "ch.smets");
    snprintf(d.smets, sizeof d.smets, "%s", smets ? smets : "SMETS2+");
    const char *block = hp_param_value(w, "ota.blockSize"); /* a hint: the CH's answers decide (§6) */
    if (block && atoi(block) > 0 && atoi(block) < cfg.max_block) cfg.max_block = (uint8_t)atoi(block);
}

/* A cold boot: everything from the flash. */
static void boot(void) {
    uint8_t b[16];
    uint32_t got = 0;
    cancel_all();
    d.state = IDLE;
    d.block = cfg.max_block;
    d.minimum_block_period = 0;
    d.size = d.offset = d.version = 0;
    d.running = cfg.factory_version;
    if (hp_read(d.s, "fw.running", 0, 4, b, sizeof b, &got) == HP_READ_OK && got == 4) d.running = get32(b);
    hp_status(d.s, "smets", d.smets);
    report();
    uint64_t delay = next_random() % (START_DELAY_MAX + 1);
    if (hp_read(d.s, "ota.progress", 0, 16, b, sizeof b, &got) == HP_READ_OK && got == 16 &&
        get16(b) == cfg.manufacturer && get16(b + 2) == cfg.image_type && get32(b + 8) <= cfg.max_image &&
        get32(b + 12) <= get32(b + 8)) {
        /* R7.8: a download cut by a power failure goes on from the FileOffset in flash. */
        d.manufacturer = get16(b);
        d.image_type = get16(b + 2);
        d.version = get32(b + 4);
        d.size = get32(b + 8);
        d.offset = get32(b + 12);
        hp_log(d.s, HP_LOG_INFO, "boot: resuming %08X at %u/%u", (unsigned)d.version, (unsigned)d.offset,
               (unsigned)d.size);
        enter(DOWNLOADING);
        if (d.offset == d.size) download_complete();
        else arm(T_BLOCK, d.now + delay);
        return;
    }
    arm(T_QUERY, d.now + delay);
}

static void on_power(hp_session *s, uint64_t now, int state, void *ctx) {
    (void)ctx;
    d.s = s;
    d.now = now;
    cancel_all();
    d.state = OFF;
    if (state == HP_POWER_ON) boot();
    update_deadline();
}

static void on_frame(hp_session *s, const hp_frame *f, void *ctx) {
    (void)ctx;
    d.s = s;
    d.now = f->now;
    d.answered = 0;
    if (d.state == OFF || d.state == REBOOTING || (f->dst_endpoint != ENDPOINT && !f->broadcast)) return;
    if (f->zcl_len < 3) return; /* no header to answer to */
    uint8_t fc = f->zcl[0];
    int mfr = (fc & 0x04) != 0;
    uint32_t h = mfr ? 5 : 3;
    if (f->zcl_len < h) return;
    uint8_t tsn = f->zcl[h - 2], command = f->zcl[h - 1];
    const uint8_t *p = f->zcl + h;
    uint32_t n = f->zcl_len - h;
    int general = (fc & 0x03) == 0, server_to_client = (fc & 0x08) != 0;
    int from_ch = f->src_eui64 == d.ch_eui64;

    if (f->cluster != CLUSTER_BASIC && f->cluster != CLUSTER_OTA) {
        default_response(f, tsn, command, ST_UNSUPPORTED_CLUSTER, server_to_client);
    } else if (general) {
        on_general(f, fc, tsn, command, p, n, from_ch);
    } else if (mfr) {
        default_response(f, tsn, command, ST_UNSUP_MANUF_CLUSTER_COMMAND, server_to_client);
    } else if (f->cluster == CLUSTER_BASIC || !server_to_client) {
        /* Basic has no commands here; OTA commands to the server side are not ours (we are a client). */
        default_response(f, tsn, command, f->cluster == CLUSTER_OTA ? ST_UNSUPPORTED_CLUSTER : ST_UNSUP_CLUSTER_COMMAND,
                         server_to_client);
    } else if (!from_ch) {
        /* R7.3: OTA only from the CH; a local tool or a stranger is refused. */
        hp_log(s, HP_LOG_WARN, "OTA command 0x%02X from %016llX refused: not our CH", command,
               (unsigned long long)f->src_eui64);
        default_response(f, tsn, command, ST_NOT_AUTHORIZED, 1);
    } else {
        switch (command) {
        case OTA_IMAGE_NOTIFY: on_image_notify(p, n, f->broadcast); break;
        case OTA_QUERY_NEXT_IMAGE_RESPONSE: on_query_response(f, p, n); break;
        case OTA_IMAGE_BLOCK_RESPONSE: on_block_response(f, p, n); break;
        case OTA_UPGRADE_END_RESPONSE: on_upgrade_end_response(f, p, n); break;
        default: default_response(f, tsn, command, ST_UNSUP_CLUSTER_COMMAND, 1); break;
        }
    }
    /* ZCL: a unicast command handled with no other answer and Default Responses enabled: SUCCESS. */
    if (!(fc & 0x10)) default_response(f, tsn, command, ST_SUCCESS, server_to_client);
    update_deadline();
}

static void on_timer(hp_session *s, uint64_t now, void *ctx) {
    (void)ctx;
    d.s = s;
    d.now = now;
    for (int t = 0; t < T_COUNT; t++) {
        if (d.timer[t] > now) continue;
        d.timer[t] = NOT_ARMED;
        switch ((enum timer)t) {
        case T_QUERY:
            if (d.state == IDLE || d.state == QUERYING) send_query();
            break;
        case T_RESPONSE: /* the answer did not come */
            if (d.state == QUERYING) {
                if (++d.errors <= QUERY_RETRIES) arm(T_QUERY, now + RETRY_BACKOFF);
                else { d.errors = 0; go_idle(); }
            } else if (d.state == DOWNLOADING) {
                download_failure();
            } else if (d.state == WAITING_TO_UPGRADE) {
                if (++d.errors < UPGRADE_END_RETRIES) { send_upgrade_end(ST_SUCCESS); arm(T_RESPONSE, now + RESPONSE_TIMEOUT); }
                else start_countdown(0); /* UpgradeTimeoutPolicy 0: apply after the timeout (§5.2) */
            }
            break;
        case T_BLOCK:
            if (d.state == DOWNLOADING) {
                if (d.offset >= d.size) download_complete();
                else send_block_request();
            }
            break;
        case T_UPGRADE_END:
            if (d.state == WAITING_TO_UPGRADE) { send_upgrade_end(ST_SUCCESS); arm(T_RESPONSE, now + RESPONSE_TIMEOUT); }
            break;
        case T_COUNTDOWN:
            if (d.state == COUNTDOWN) activate();
            break;
        case T_BOOT:
            boot();
            break;
        case T_COUNT:
            break;
        }
    }
    update_deadline();
}

/* ============================================================================================
 * 8. main: options, HELLO, and the session.
 * ============================================================================================ */

static unsigned long long number(const char *opt, const char *v, unsigned long long max) {
    char *end;
    unsigned long long x = strtoull(v ? v : "", &end, 0);
    if (!v || *v == '\0' || *end != '\0' || x > max) {
        fprintf(stderr, "ota_ppmid: %s needs a number up to %llu, was '%s'\n", opt, max, v ? v : "");
        exit(2);
    }
    return x;
}

/* A P-256 public key as hex: X ‖ Y, or 04 ‖ X ‖ Y (SEC 1 uncompressed). */
static int parse_key(const char *h) {
    size_t n = strlen(h);
    if (n == 130 && h[0] == '0' && h[1] == '4') h += 2, n -= 2;
    if (n != 128) return 0;
    for (size_t i = 0; i < 64; i++) {
        unsigned v;
        char two[3] = {h[2 * i], h[2 * i + 1], 0};
        if (strspn(two, "0123456789abcdefABCDEF") != 2 || sscanf(two, "%2x", &v) != 1) return 0;
        cfg.trusted_key[i] = (uint8_t)v;
    }
    return 1;
}

int main(int argc, char **argv) {
    const char *listen = NULL;
    parse_key(BATTERY_KEY);
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(o, "--listen") == 0 && v) listen = v;
        else if (strcmp(o, "--eui64") == 0) cfg.eui64 = (uint64_t)strtoull(v ? v : "", NULL, 16);
        else if (strcmp(o, "--manufacturer") == 0) cfg.manufacturer = (uint16_t)number(o, v, 0xFFFF);
        else if (strcmp(o, "--image-type") == 0) cfg.image_type = (uint16_t)number(o, v, 0xFFFF);
        else if (strcmp(o, "--hardware") == 0) cfg.hardware_version = (uint16_t)number(o, v, 0xFFFF);
        else if (strcmp(o, "--firmware") == 0) cfg.factory_version = (uint32_t)number(o, v, 0xFFFFFFFFull);
        else if (strcmp(o, "--block-size") == 0) cfg.max_block = (uint8_t)number(o, v, 255);
        else if (strcmp(o, "--trust-key") == 0 && v && strcmp(v, "none") == 0) cfg.signed_images = 0;
        else if (strcmp(o, "--trust-key") == 0 && v) {
            if (!parse_key(v)) {
                fprintf(stderr, "ota_ppmid: --trust-key needs 128 hex digits (X ‖ Y), or 130 with a 04 first, "
                                "or 'none'\n");
                return 2;
            }
        } else {
            fprintf(stderr, "usage: ota_ppmid [--listen tcp:127.0.0.1:PORT|unix:PATH] [--eui64 HEX] "
                            "[--manufacturer N] [--image-type N] [--hardware N] [--firmware N] [--block-size N] "
                            "[--trust-key HEX|none]\n");
            return 2;
        }
        i++;
    }
    if (cfg.max_block == 0) cfg.max_block = 1;
    char err[256];
    hp_session *s = listen ? hp_listen(listen, err, sizeof err) : hp_open_stdio();
    if (!s) {
        fprintf(stderr, "ota_ppmid: %s\n", listen ? err : "out of memory");
        return 1;
    }
    static const uint16_t servers[] = {CLUSTER_BASIC};
    static const uint16_t clients[] = {CLUSTER_OTA};
    hp_hello hello = {"ppmid", cfg.eui64, ENDPOINT, HP_PROFILE_SMART_ENERGY, servers, 1, clients, 1,
                      "hansim C example OTA PPMID"};
    hp_callbacks cb = {on_welcome, on_power, on_frame, on_timer, NULL};
    int rc = hp_run(s, &hello, &cb, NULL);
    if (rc != HP_OK) fprintf(stderr, "ota_ppmid: %s\n", hp_error(s));
    hp_close(s);
    return rc == HP_OK ? 0 : 1;
}
