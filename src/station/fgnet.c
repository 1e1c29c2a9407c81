/*
 * fgnet.c - FlightGear's native FDM packet (FGNetFDM, version 24) written
 * byte by byte in network order, and a non-blocking UDP sender for it.
 *
 * Reference: FlightGear src/Network/net_fdm.hxx (field order and types,
 * FG_NET_FDM_VERSION 24) and src/Network/native_fdm.cxx (htonl on every
 * 32-bit integer, htonf on every float as one 32-bit word, htond on every
 * double as one 64-bit word).  fgnet.h lists the offsets.
 *
 * The layout does not come from a C struct: each field is written at its
 * offset as big-endian bytes of its IEEE 754 bit pattern, so the packet is
 * the same whatever the host's byte order, alignment or padding.
 */
#include "station/fgnet.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "util/mem.h"

_Static_assert(sizeof(double) == 8 && sizeof(float) == 4, "FGNetFDM needs 8-byte doubles and 4-byte floats");

/* ================================================================ packing */

/* A write position in the packet buffer. */
typedef struct cursor {
    uint8_t *p;   /* next byte to write */
} cursor;

static void put_u32(cursor *c, uint32_t v)
{
    c->p[0] = (uint8_t)(v >> 24);
    c->p[1] = (uint8_t)(v >> 16);
    c->p[2] = (uint8_t)(v >> 8);
    c->p[3] = (uint8_t)v;
    c->p += 4;
}

static void put_i32(cursor *c, int32_t v)
{
    uint32_t u;
    memcpy(&u, &v, sizeof u); /* two's complement bit pattern */
    put_u32(c, u);
}

static void put_f32(cursor *c, float v)
{
    uint32_t u;
    memcpy(&u, &v, sizeof u);
    put_u32(c, u);
}

static void put_f64(cursor *c, double v)
{
    uint64_t u;
    memcpy(&u, &v, sizeof u);
    put_u32(c, (uint32_t)(u >> 32));
    put_u32(c, (uint32_t)u);
}

static void put_f32s(cursor *c, const float *v, int n)
{
    for (int i = 0; i < n; i++)
        put_f32(c, v[i]);
}

static void put_u32s(cursor *c, const uint32_t *v, int n)
{
    for (int i = 0; i < n; i++)
        put_u32(c, v[i]);
}

static uint32_t clamp_count(uint32_t n, uint32_t max)
{
    return n > max ? max : n;
}

float fgnet_f32(double x)
{
    if (x > FLT_MAX)
        return FLT_MAX;
    if (x < -FLT_MAX)
        return -FLT_MAX;
    return (float)x;
}

void fgnet_packet_init(fgnet_packet *pkt)
{
    memset(pkt, 0, sizeof *pkt);
}

void fgnet_pack(const fgnet_packet *k, uint8_t out[FGNET_PACKET_BYTES])
{
    cursor c = {out};
    put_u32(&c, FGNET_FDM_VERSION);
    put_u32(&c, 0); /* padding */
    put_f64(&c, k->longitude_rad);
    put_f64(&c, k->latitude_rad);
    put_f64(&c, k->altitude_m);
    assert(c.p == out + 32);
    const float pose[] = {k->agl_m,          k->phi_rad,       k->theta_rad,      k->psi_rad,
                          k->alpha_rad,      k->beta_rad,      k->phidot_radps,   k->thetadot_radps,
                          k->psidot_radps,   k->vcas_kt,       k->climb_rate_fps, k->v_north_fps,
                          k->v_east_fps,     k->v_down_fps,    k->v_body_u_fps,   k->v_body_v_fps,
                          k->v_body_w_fps,   k->a_x_pilot_fps2, k->a_y_pilot_fps2, k->a_z_pilot_fps2,
                          k->stall_warning,  k->slip_deg};
    put_f32s(&c, pose, (int)(sizeof pose / sizeof pose[0]));
    assert(c.p == out + 120);

    put_u32(&c, clamp_count(k->num_engines, FGNET_MAX_ENGINES));
    put_u32s(&c, k->eng_state, FGNET_MAX_ENGINES);
    const float *engine[] = {k->rpm,      k->fuel_flow_gph, k->fuel_px_psi,   k->egt_degf,  k->cht_degf,
                             k->mp_osi,   k->tit_degf,      k->oil_temp_degf, k->oil_px_psi};
    for (size_t i = 0; i < sizeof engine / sizeof engine[0]; i++)
        put_f32s(&c, engine[i], FGNET_MAX_ENGINES);
    assert(c.p == out + 284);

    put_u32(&c, clamp_count(k->num_tanks, FGNET_MAX_TANKS));
    put_f32s(&c, k->fuel_quantity_gal, FGNET_MAX_TANKS);
    put_u32(&c, clamp_count(k->num_wheels, FGNET_MAX_WHEELS));
    put_u32s(&c, k->wow, FGNET_MAX_WHEELS);
    put_f32s(&c, k->gear_pos_norm, FGNET_MAX_WHEELS);
    put_f32s(&c, k->gear_steer_norm, FGNET_MAX_WHEELS);
    put_f32s(&c, k->gear_compression, FGNET_MAX_WHEELS);
    assert(c.p == out + 356);

    put_u32(&c, k->cur_time_s);
    put_i32(&c, k->warp_s);
    put_f32(&c, k->visibility_m);
    const float surfaces[] = {k->elevator_norm,     k->elevator_trim_tab_norm, k->left_flap_norm,
                              k->right_flap_norm,   k->left_aileron_norm,      k->right_aileron_norm,
                              k->rudder_norm,       k->nose_wheel_norm,        k->speedbrake_norm,
                              k->spoilers_norm};
    put_f32s(&c, surfaces, (int)(sizeof surfaces / sizeof surfaces[0]));
    assert(c.p == out + FGNET_PACKET_BYTES);
}

/* ============================================================ UDP sender */

struct fg_sender {
    int fd;                          /* non-blocking UDP socket             */
    struct sockaddr_storage to;      /* FlightGear's address                */
    socklen_t to_len;                /* bytes of `to` in use                */
    char name[300];                  /* "host:port", for messages           */
    uint64_t sent;                   /* datagrams sent                      */
    uint64_t failed;                 /* sends that failed                   */
    uint8_t buf[FGNET_PACKET_BYTES]; /* the packet being sent               */
};

/* A host name or numeric address: letters, digits and . - _ : % only
 * (IPv6 literals and scope ids included), 1..253 characters. */
static int host_text_ok(const char *host)
{
    size_t n = strlen(host);
    if (n == 0 || n > 253)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = host[i];
        int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' ||
                 ch == '-' || ch == '_' || ch == ':' || ch == '%';
        if (!ok)
            return 0;
    }
    return 1;
}

saqr_status fgnet_resolve(const char *what, const char *host, int port, int socktype, fgnet_address *out,
                          saqr_err *err)
{
    if (!host || !host_text_ok(host))
        return err_set(err, SAQR_EINVAL, "%s: bad host name '%s'", what, host ? host : "(null)");
    if (port < 1 || port > 65535)
        return err_set(err, SAQR_EINVAL, "%s: port %d is outside 1..65535", what, port);
    char service[8];
    snprintf(service, sizeof service, "%d", port);
    struct addrinfo hints;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = socktype;
    hints.ai_protocol = socktype == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
    hints.ai_flags = AI_NUMERICSERV;
    struct addrinfo *list = NULL;
    int gai = getaddrinfo(host, service, &hints, &list);
    if (gai != 0 || !list) {
        if (list)
            freeaddrinfo(list);
        return err_set(err, SAQR_ENOTFOUND, "%s: cannot resolve host '%s': %s", what, host,
                       gai != 0 ? gai_strerror(gai) : "no address");
    }
    /* the first IPv4 address, else the first: FlightGear listens on IPv4 */
    const struct addrinfo *a = list;
    for (const struct addrinfo *b = list; b; b = b->ai_next)
        if (b->ai_family == AF_INET) {
            a = b;
            break;
        }
    if (a->ai_addrlen > sizeof out->addr) {
        freeaddrinfo(list);
        return err_set(err, SAQR_EIO, "%s: address of '%s' too long", what, host);
    }
    memcpy(&out->addr, a->ai_addr, a->ai_addrlen);
    out->len = a->ai_addrlen;
    out->family = a->ai_family;
    out->socktype = a->ai_socktype;
    out->protocol = a->ai_protocol;
    freeaddrinfo(list);
    return SAQR_OK;
}

int fgnet_nonblocking(int fd)
{
    int flags = fcntl(fd, F_GETFL, 0);
    return flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0 ? -1 : 0;
}

saqr_status fg_sender_open(const char *host, int port, fg_sender **out, saqr_err *err)
{
    if (!out)
        return err_set(err, SAQR_EINVAL, "fg_sender_open: no place for the sender");
    *out = NULL;
    fgnet_address to;
    saqr_status st = fgnet_resolve("FlightGear link", host, port, SOCK_DGRAM, &to, err);
    if (st)
        return st;
    fg_sender *s = mem_alloc(mem_default(), sizeof *s);
    if (!s)
        return err_set(err, SAQR_ENOMEM, "FlightGear link: out of memory");
    memcpy(&s->to, &to.addr, to.len);
    s->to_len = to.len;
    snprintf(s->name, sizeof s->name, "%s:%d", host, port);
    s->fd = socket(to.family, to.socktype, to.protocol);
    if (s->fd < 0) {
        int e = errno;
        mem_free(mem_default(), s);
        return err_set(err, SAQR_EIO, "FlightGear link: cannot open a UDP socket for %s:%d: %s", host, port,
                       strerror(e));
    }
    if (fgnet_nonblocking(s->fd) != 0) {
        int e = errno;
        close(s->fd);
        mem_free(mem_default(), s);
        return err_set(err, SAQR_EIO, "FlightGear link: cannot make the socket non-blocking: %s", strerror(e));
    }
    *out = s;
    return SAQR_OK;
}

saqr_status fg_sender_send(fg_sender *s, const fgnet_packet *pkt, saqr_err *err)
{
    if (!s || !pkt)
        return err_set(err, SAQR_EINVAL, "fg_sender_send: no sender or no packet");
    fgnet_pack(pkt, s->buf);
    return fg_sender_send_bytes(s, s->buf, sizeof s->buf, err);
}

saqr_status fg_sender_send_bytes(fg_sender *s, const void *buf, size_t len, saqr_err *err)
{
    if (!s || !buf)
        return err_set(err, SAQR_EINVAL, "fg_sender_send_bytes: no sender or no datagram");
    ssize_t n = sendto(s->fd, buf, len, 0, (const struct sockaddr *)&s->to, s->to_len);
    if (n != (ssize_t)len) {
        int e = errno;
        s->failed++;
        if (n >= 0)
            return err_set(err, SAQR_EIO, "FlightGear link %s: sent %zd of %zu bytes", s->name, n, len);
        return err_set(err, SAQR_EIO, "FlightGear link %s: packet dropped: %s", s->name, strerror(e));
    }
    s->sent++;
    return SAQR_OK;
}

uint64_t fg_sender_sent(const fg_sender *s)
{
    return s ? s->sent : 0;
}

uint64_t fg_sender_failed(const fg_sender *s)
{
    return s ? s->failed : 0;
}

void fg_sender_close(fg_sender *s)
{
    if (!s)
        return;
    close(s->fd);
    mem_free(mem_default(), s);
}
