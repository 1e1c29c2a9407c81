/*
 * fgnet.h - the FlightGear link: Saqr's aircraft state sent to FlightGear
 * as FlightGear's "native FDM" packet over UDP, so that FlightGear, run
 * with its own flight model switched off, draws the outside view.
 * FlightGear is optional: nothing else in Saqr depends on this module.
 * docs/flightgear.md gives the fgfs command line.
 *
 * Reference: FlightGear, src/Network/net_fdm.hxx (struct FGNetFDM,
 * FG_NET_FDM_VERSION 24) and src/Network/native_fdm.cxx (FGProps2NetFDM /
 * FGNetFDM2Props: which units each field carries, and the byte swapping:
 * every field is sent in network byte order, a double as one big-endian
 * 64-bit word, a float as one big-endian 32-bit word).  The receiver only
 * accepts a datagram whose length is exactly sizeof(FGNetFDM) and whose
 * version is 24; it then reads num_engines / num_tanks / num_wheels
 * entries from fixed arrays of 4 / 4 / 3, so the counts are clamped here.
 *
 * The packet, version 24 (byte offset, type, field; all big-endian):
 *     0 u32 version (24)        4 u32 padding (0; keeps the doubles 8-aligned)
 *     8 f64 longitude (rad)    16 f64 latitude (rad, geodetic)
 *    24 f64 altitude (m above sea level)
 *    32 f32 agl (m)           36 f32 phi   40 f32 theta   44 f32 psi (rad)
 *    48 f32 alpha             52 f32 beta (rad)
 *    56 f32 phidot            60 f32 thetadot            64 f32 psidot (rad/s)
 *    68 f32 vcas (kt)         72 f32 climb_rate (ft/s)
 *    76 f32 v_north           80 f32 v_east              84 f32 v_down (ft/s)
 *    88 f32 v_wind_body_north 92 f32 v_wind_body_east    96 f32 v_wind_body_down
 *                             (body u, v, w relative to the air mass, ft/s)
 *   100 f32 A_X_pilot        104 f32 A_Y_pilot          108 f32 A_Z_pilot (ft/s^2)
 *   112 f32 stall_warning    116 f32 slip_deg
 *   120 u32 num_engines      124 u32 eng_state[4]
 *   140 f32 rpm[4]           156 f32 fuel_flow[4]       172 f32 fuel_px[4]
 *   188 f32 egt[4]           204 f32 cht[4]             220 f32 mp_osi[4]
 *   236 f32 tit[4]           252 f32 oil_temp[4]        268 f32 oil_px[4]
 *   284 u32 num_tanks        288 f32 fuel_quantity[4]
 *   304 u32 num_wheels       308 u32 wow[3]
 *   320 f32 gear_pos[3]      332 f32 gear_steer[3]      344 f32 gear_compression[3]
 *   356 u32 cur_time         360 i32 warp               364 f32 visibility (m)
 *   368 f32 elevator  372 elevator_trim_tab  376 left_flap  380 right_flap
 *   384 left_aileron  388 right_aileron  392 rudder  396 nose_wheel
 *   400 speedbrake    404 spoilers (all f32, normalised)
 *   = 408 bytes, a multiple of 8, so sizeof(FGNetFDM) has no tail padding.
 *
 * Who frees what: fg_sender_open returns a sender that fg_sender_close
 * frees.  The packet model and the property binding are plain structs
 * owned by the caller; filling and packing never allocate.
 */
#ifndef SAQR_STATION_FGNET_H
#define SAQR_STATION_FGNET_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "saqr.h"
#include "util/err.h"

#define FGNET_FDM_VERSION 24    /* FG_NET_FDM_VERSION of net_fdm.hxx        */
#define FGNET_MAX_ENGINES 4     /* FGNetFDM::FG_MAX_ENGINES                 */
#define FGNET_MAX_WHEELS 3      /* FGNetFDM::FG_MAX_WHEELS                  */
#define FGNET_MAX_TANKS 4       /* FGNetFDM::FG_MAX_TANKS                   */
#define FGNET_PACKET_BYTES 408  /* sizeof(FGNetFDM), version 24             */
#define FGNET_DEFAULT_PORT 5502 /* where Saqr sends unless told otherwise   */

/* Engine states of eng_state[] (native_fdm.cxx). */
enum { FGNET_ENGINE_OFF = 0, FGNET_ENGINE_CRANKING = 1, FGNET_ENGINE_RUNNING = 2 };

/* ---------------------------------------------------------- the packet */

/* One FGNetFDM packet in host form, field for field (the version and the
 * padding are written by fgnet_pack).  Units are FlightGear's, which mix
 * SI and English units; the names say which.  Array entries at and past
 * the count are sent as they are (zero after fgnet_packet_init). */
typedef struct fgnet_packet {
    double longitude_rad;          /* geodetic longitude, east positive     */
    double latitude_rad;           /* geodetic latitude, north positive     */
    double altitude_m;             /* geodetic altitude above sea level     */
    float agl_m;                   /* height above ground; < -9000 asks FG
                                      to work it out from its own scenery   */
    float phi_rad;                 /* roll, wrt local level                 */
    float theta_rad;               /* pitch                                 */
    float psi_rad;                 /* true heading                          */
    float alpha_rad;               /* angle of attack                       */
    float beta_rad;                /* sideslip angle                        */
    float phidot_radps;            /* Euler angle rates                     */
    float thetadot_radps;
    float psidot_radps;
    float vcas_kt;                 /* calibrated airspeed                   */
    float climb_rate_fps;          /* rate of climb                         */
    float v_north_fps;             /* velocity over the ground, NED axes    */
    float v_east_fps;
    float v_down_fps;
    float v_body_u_fps;            /* velocity relative to the air, body x  */
    float v_body_v_fps;            /*   (FG: v_wind_body_north/east/down)   */
    float v_body_w_fps;
    float a_x_pilot_fps2;          /* acceleration felt at the pilot, body  */
    float a_y_pilot_fps2;
    float a_z_pilot_fps2;
    float stall_warning;           /* 0 (none) .. 1 (full stall warning)    */
    float slip_deg;                /* slip-skid ball deflection             */

    uint32_t num_engines;          /* valid entries below (<= 4 when sent)  */
    uint32_t eng_state[FGNET_MAX_ENGINES];  /* FGNET_ENGINE_*                */
    float rpm[FGNET_MAX_ENGINES];           /* engine speed, rev/min         */
    float fuel_flow_gph[FGNET_MAX_ENGINES]; /* US gallons per hour           */
    float fuel_px_psi[FGNET_MAX_ENGINES];   /* fuel pressure                 */
    float egt_degf[FGNET_MAX_ENGINES];      /* exhaust gas temperature       */
    float cht_degf[FGNET_MAX_ENGINES];      /* cylinder head temperature     */
    float mp_osi[FGNET_MAX_ENGINES];        /* manifold pressure (FG's JSBSim
                                               link puts inHg here)          */
    float tit_degf[FGNET_MAX_ENGINES];      /* turbine inlet temperature     */
    float oil_temp_degf[FGNET_MAX_ENGINES]; /* oil temperature               */
    float oil_px_psi[FGNET_MAX_ENGINES];    /* oil pressure                  */

    uint32_t num_tanks;                     /* valid entries (<= 4 when sent)*/
    float fuel_quantity_gal[FGNET_MAX_TANKS]; /* contents, US gallons        */

    uint32_t num_wheels;                    /* valid entries (<= 3 when sent)*/
    uint32_t wow[FGNET_MAX_WHEELS];         /* 1 when the wheel bears weight */
    float gear_pos_norm[FGNET_MAX_WHEELS];  /* 0 retracted .. 1 down         */
    float gear_steer_norm[FGNET_MAX_WHEELS];/* steering, -1 .. 1             */
    float gear_compression[FGNET_MAX_WHEELS]; /* strut compression (FG's
                                               JSBSim link sends feet)       */

    uint32_t cur_time_s;           /* Unix time; FG ignores it on input     */
    int32_t warp_s;                /* offset to Unix time; ignored on input */
    float visibility_m;            /* ignored on input                      */

    float elevator_norm;           /* control surface positions, -1 .. 1    */
    float elevator_trim_tab_norm;  /*   (flaps, speedbrake, spoilers 0 .. 1)*/
    float left_flap_norm;
    float right_flap_norm;
    float left_aileron_norm;
    float right_aileron_norm;
    float rudder_norm;
    float nose_wheel_norm;
    float speedbrake_norm;
    float spoilers_norm;
} fgnet_packet;

/* Zeroes every field.  Cannot fail. */
void fgnet_packet_init(fgnet_packet *pkt);
/* A double into one of the packet's floats: out-of-range values saturate
 * (a plain conversion would be undefined); NaN stays NaN. */
float fgnet_f32(double x);

/* Writes `pkt` as FlightGear's version-24 byte layout (the table above)
 * into out[0 .. FGNET_PACKET_BYTES), big-endian, independent of the host's
 * struct layout and byte order.  The counts are clamped to the array sizes
 * (FlightGear would read past its arrays otherwise).  Cannot fail. */
void fgnet_pack(const fgnet_packet *pkt, uint8_t out[FGNET_PACKET_BYTES]);

/* ------------------------------------------------------------ UDP sender */

typedef struct fg_sender fg_sender;

/* Resolves `host` (a name or a numeric IPv4/IPv6 address; IPv4 preferred,
 * since FlightGear's UDP input listens on IPv4) and opens a non-blocking
 * UDP socket towards host:port.  Returns SAQR_EINVAL (bad host text or a
 * port outside 1..65535), SAQR_ENOTFOUND (the host does not resolve),
 * SAQR_EIO (no socket) or SAQR_ENOMEM, with the reason in `err`; *out is
 * then NULL.  Nothing needs to listen on the other side. */
saqr_status fg_sender_open(const char *host, int port, fg_sender **out, saqr_err *err);

/* Packs `pkt` and sends it as one datagram, without blocking and without
 * allocating.  A failure (SAQR_EIO: the network refused it or the socket
 * buffer is full, the packet is dropped) must not stop a simulation: the
 * caller may log the first one and carry on; later sends try again. */
saqr_status fg_sender_send(fg_sender *s, const fgnet_packet *pkt, saqr_err *err);
/* The same for a datagram already packed (len bytes): the multiplayer
 * message of a formation's lead (fgmp.h), sent to its own port. */
saqr_status fg_sender_send_bytes(fg_sender *s, const void *buf, size_t len, saqr_err *err);

/* An address to send to, resolved once (shared with the sky's link,
 * fgscene.h). */
typedef struct fgnet_address {
    struct sockaddr_storage addr;
    socklen_t len;
    int family, socktype, protocol;
} fgnet_address;

/* Resolves host:port for socktype (SOCK_DGRAM or SOCK_STREAM), preferring
 * IPv4.  SAQR_EINVAL for a host that is not a name or numeric address
 * (letters, digits, . - _ : % only, 1..253 characters) or a port outside
 * 1..65535, SAQR_ENOTFOUND when it does not resolve; messages begin with
 * `what` ("FlightGear link"). */
saqr_status fgnet_resolve(const char *what, const char *host, int port, int socktype, fgnet_address *out,
                          saqr_err *err);

/* Makes fd non-blocking (the links never hold up a frame): 0, or -1
 * with errno set. */
int fgnet_nonblocking(int fd);

/* Datagrams sent, and sends that failed, since fg_sender_open. */
uint64_t fg_sender_sent(const fg_sender *s);
uint64_t fg_sender_failed(const fg_sender *s);

/* Closes the socket and frees the sender.  NULL is ignored. */
void fg_sender_close(fg_sender *s);

/* ------------------------------------------- filling from a saqr_fdm */

/* Scalar float fields filled straight from one property each. */
#define FGNET_BIND_SCALARS 31
/* Per-engine float fields filled from propulsion/engine[i]/... */
#define FGNET_BIND_ENGINE_FIELDS 7

/* Property slots of a loaded saqr_fdm, looked up once by fgnet_bind so
 * that fgnet_from_fdm does no string work.  A slot of -1 means the
 * aircraft has no such property: its field is sent as 0 (or as the value
 * named in fgnet_fdm.c).  Valid as long as the saqr_fdm it was bound to
 * keeps its aircraft. */
typedef struct fgnet_binding {
    int lat_rad;                   /* position/lat-geod-rad                 */
    int lon_rad;                   /* position/long-gc-rad                  */
    int alt_ft;                    /* position/geod-alt-ft                  */
    int scalar[FGNET_BIND_SCALARS];/* see the table in fgnet_fdm.c         */
    int num_engines;               /* engines found (at most 4)             */
    int engine_running[FGNET_MAX_ENGINES]; /* .../set-running               */
    int engine_starter[FGNET_MAX_ENGINES]; /* .../starter-norm              */
    int engine[FGNET_MAX_ENGINES][FGNET_BIND_ENGINE_FIELDS]; /* rpm, ...     */
    int num_tanks;                 /* tanks found (at most 4)               */
    int tank_lbs[FGNET_MAX_TANKS];         /* .../contents-lbs              */
    int tank_density[FGNET_MAX_TANKS];     /* .../density-lbs_per_gal       */
    int num_wheels;                /* gear units found (at most 3)          */
    int wow[FGNET_MAX_WHEELS];             /* gear/unit[i]/WOW              */
    int compression_ft[FGNET_MAX_WHEELS];  /* gear/unit[i]/compression-ft   */
    int gear_pos;                  /* gear/gear-pos-norm                    */
} fgnet_binding;

/* Looks up every property the packet needs in `fdm` (an aircraft loaded,
 * initialised or not).  Returns SAQR_ENOTFOUND, naming the property, when
 * the position or attitude is missing (no aircraft loaded), SAQR_EINVAL
 * for a NULL argument; `b` must then not be used.  Every other property
 * is optional. */
saqr_status fgnet_bind(fgnet_binding *b, const saqr_fdm *fdm, saqr_err *err);

/* Fills `pkt` from the current state of the fdm `b` was bound to: every
 * field except cur_time_s, warp_s and visibility_m, which belong to the
 * caller (the station owns the clock).  No allocation, no I/O; cannot
 * fail. */
void fgnet_from_fdm(const fgnet_binding *b, const saqr_fdm *fdm, fgnet_packet *pkt);

#endif
