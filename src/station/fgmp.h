/*
 * fgmp.h - a formation lesson's lead shown in FlightGear's view as another
 * aircraft: a position message of FlightGear's multiplayer protocol sent
 * by UDP to the port FlightGear listens on for it (`fgfs
 * --multiplay=in,10,,5000`; docs/flightgear.md, "The lead").  FlightGear
 * draws the model the message names where it says, between the messages
 * it has (it plays them a little late, by their `lag`, and interpolates).
 *
 * The message, every field big-endian (XDR), 232 bytes:
 *   header    magic "FGFS" (0x46474653), version 0x00010001, message id 7
 *             (a position), its length, reply address and port (0), the
 *             callsign (8 bytes, NUL-padded)
 *   position  the model's path (96 bytes, NUL-padded), the sender's time
 *             and lag (s, doubles), the position in the Earth-centred
 *             frame (m, doubles), the orientation against that frame as
 *             an angle-axis vector (the angle in its length, floats), the
 *             velocity and the angular velocity in the body frame (m/s,
 *             rad/s, floats), the accelerations (0 here), 4 bytes of pad.
 * The orientation is the rotation from the Earth-centred frame to the
 * local north-east-down frame at the longitude and latitude, then to the
 * body by heading, pitch and roll.
 *
 * References: FlightGear, src/MultiPlayer/mpmessages.hxx (T_MsgHdr,
 * T_PositionMsg) and multiplaymgr.cxx (the position sent and read, the
 * body-frame velocities FGAIMultiplayer extrapolates with); SimGear,
 * simgear/math/SGQuat.hxx (fromLonLatRad, fromYawPitchRoll, the product,
 * getAngleAxis); WGS-84 (NIMA TR8350.2) for the Earth-centred position.
 */
#ifndef SAQR_STATION_FGMP_H
#define SAQR_STATION_FGMP_H

#include <stdint.h>

#define FGMP_PACKET_BYTES 232
#define FGMP_HEADER_BYTES 32
#define FGMP_MAGIC 0x46474653u
#define FGMP_VERSION 0x00010001u
#define FGMP_POSITION_ID 7u
#define FGMP_CALLSIGN_MAX 8  /* bytes, the NUL included                 */
#define FGMP_MODEL_MAX 96    /* bytes, the NUL included                 */
#define FGMP_DEFAULT_MODEL "Aircraft/c172p/Models/c172p.xml"

typedef struct fgmp_position {
    const char *callsign;    /* at most 7 characters are sent            */
    const char *model;       /* at most 95                                */
    double time_s, lag_s;
    double lat_deg, lon_deg, alt_ft; /* geodetic, height above sea level  */
    double heading_deg, pitch_deg, roll_deg;
    double v_north_fps, v_east_fps, v_down_fps; /* over the ground        */
} fgmp_position;

/* The message for p into out.  A value that is not a number is sent as 0
 * (FlightGear drops a message with a NaN in it). */
void fgmp_pack(const fgmp_position *p, uint8_t out[FGMP_PACKET_BYTES]);

/* 1 when `model` can name a model in the message: 1..FGMP_MODEL_MAX-1
 * printable characters without spaces (FlightGear finds it under its
 * root, Aircraft/NAME/Models/NAME.xml); 0 otherwise. */
int fgmp_model_ok(const char *model);

/* The orientation of p as fgmp_pack sends it (the angle-axis vector), and
 * the body-frame velocity (m/s): for tests. */
void fgmp_orientation(const fgmp_position *p, double angle_axis[3], double v_body_mps[3]);

#endif
