/*
 * lead_mp.c - a formation's lead to FlightGear's multiplayer input
 * (lead_mp.h).
 */
#include "station/lead_mp.h"

#include <math.h>

#include "earth/wgs84.h"
#include "math/angle.h"
#include "math/units.h"

static double lerp(double a, double b, double t)
{
    return a + (b - a) * t;
}

void lead_mp_flying(const sortie_lead_values *l, fgmp_position *out)
{
    out->lat_deg = l->lat_deg, out->lon_deg = l->lon_deg, out->alt_ft = l->alt_ft;
    out->heading_deg = l->heading_deg, out->pitch_deg = l->pitch_deg, out->roll_deg = l->roll_deg;
    out->v_north_fps = l->v_north_fps, out->v_east_fps = l->v_east_fps, out->v_down_fps = l->v_down_fps;
}

void lead_mp_replayed(const sortie_lead_values *a, const sortie_lead_values *b, double frac, double sample_dt_s,
                      fgmp_position *out)
{
    const double t = fmax(0.0, fmin(1.0, frac));
    const double dt = sample_dt_s > 0.0 ? sample_dt_s : 1.0;
    const double dlon = angle_turn_deg(a->lon_deg, b->lon_deg);
    out->lat_deg = lerp(a->lat_deg, b->lat_deg, t);
    out->lon_deg = angle_wrap180_deg(a->lon_deg + dlon * t);
    out->alt_ft = lerp(a->alt_ft, b->alt_ft, t);
    out->heading_deg = angle_wrap360_deg(a->heading_deg + angle_turn_deg(a->heading_deg, b->heading_deg) * t);
    out->pitch_deg = lerp(a->pitch_deg, b->pitch_deg, t);
    out->roll_deg = angle_wrap180_deg(a->roll_deg + angle_turn_deg(a->roll_deg, b->roll_deg) * t);
    /* the velocity: the change between the samples on the ellipsoid's
     * local radii (a tenth of a second apart: the flat frame is exact to
     * far below a foot) */
    double meridian_m, normal_m;
    const double lat_rad = out->lat_deg * RAD_PER_DEG;
    wgs84_radii_m(sin(lat_rad), &meridian_m, &normal_m);
    const double h_m = out->alt_ft * M_PER_FT;
    out->v_north_fps = (b->lat_deg - a->lat_deg) * RAD_PER_DEG * (meridian_m + h_m) / M_PER_FT / dt;
    out->v_east_fps = dlon * RAD_PER_DEG * (normal_m + h_m) * cos(lat_rad) / M_PER_FT / dt;
    out->v_down_fps = -(b->alt_ft - a->alt_ft) / dt;
}

void lead_mp_send(fg_sender *mp, const char *model, double time_s, fgmp_position *p)
{
    p->callsign = LEAD_MP_CALLSIGN;
    p->model = model;
    p->time_s = time_s;
    p->lag_s = LEAD_MP_LAG_S;
    uint8_t msg[FGMP_PACKET_BYTES];
    fgmp_pack(p, msg);
    (void)fg_sender_send_bytes(mp, msg, sizeof msg, NULL);
}
