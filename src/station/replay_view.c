/*
 * replay_view.c - the replayed flight as FlightGear's native-FDM packet
 * (replay_view.h).  Units as fgnet_fdm.c sends them (FlightGear's
 * src/Network/native_fdm.cxx): radians and metres for the position,
 * radians for the attitude and its rates, knots for the calibrated
 * airspeed, ft/s and ft/s^2 for the rest.
 */
#include "station/replay_view.h"

#include <math.h>

#include "math/angle.h"
#include "math/units.h"

static double lerp(double a, double b, double t)
{
    return a + (b - a) * t;
}

void replay_view_packet(const sortie_instruments *a, const sortie_instruments *b, double frac, double sample_dt_s,
                        fgnet_packet *pkt)
{
    const double t = fmax(0.0, fmin(1.0, frac));
    const double dt = sample_dt_s > 0.0 ? sample_dt_s : 1.0;
    pkt->latitude_rad = lerp(a->lat_deg, b->lat_deg, t) * RAD_PER_DEG;
    pkt->longitude_rad = angle_wrap180_deg(a->lon_deg + angle_turn_deg(a->lon_deg, b->lon_deg) * t) * RAD_PER_DEG;
    pkt->altitude_m = lerp(a->msl_ft, b->msl_ft, t) * M_PER_FT;
    pkt->agl_m = fgnet_f32(lerp(a->agl_ft, b->agl_ft, t) * M_PER_FT);
    double droll = angle_turn_deg(a->true_roll_deg, b->true_roll_deg), dpitch = b->true_pitch_deg - a->true_pitch_deg;
    double dhdg = angle_turn_deg(a->heading_deg, b->heading_deg);
    pkt->phi_rad = fgnet_f32(angle_wrap180_deg(a->true_roll_deg + droll * t) * RAD_PER_DEG);
    pkt->theta_rad = fgnet_f32((a->true_pitch_deg + dpitch * t) * RAD_PER_DEG);
    pkt->psi_rad = fgnet_f32(angle_wrap360_deg(a->heading_deg + dhdg * t) * RAD_PER_DEG);
    pkt->phidot_radps = fgnet_f32(droll / dt * RAD_PER_DEG);
    pkt->thetadot_radps = fgnet_f32(dpitch / dt * RAD_PER_DEG);
    pkt->psidot_radps = fgnet_f32(dhdg / dt * RAD_PER_DEG);
    pkt->alpha_rad = fgnet_f32(lerp(a->alpha_deg, b->alpha_deg, t) * RAD_PER_DEG);
    pkt->vcas_kt = fgnet_f32(lerp(a->true_ias_kt, b->true_ias_kt, t)); /* the aircraft's, not a failed pitot's */
    const double climb_fps = lerp(a->vs_fpm, b->vs_fpm, t) / 60.0;
    pkt->climb_rate_fps = fgnet_f32(climb_fps);
    const double gs_fps = lerp(a->gs_kt, b->gs_kt, t) * MPS_PER_KT / M_PER_FT;
    const double track = isnan(a->track_deg) || isnan(b->track_deg)
                             ? a->heading_deg
                             : a->track_deg + angle_turn_deg(a->track_deg, b->track_deg) * t;
    pkt->v_north_fps = fgnet_f32(gs_fps * cos(track * RAD_PER_DEG));
    pkt->v_east_fps = fgnet_f32(gs_fps * sin(track * RAD_PER_DEG));
    pkt->v_down_fps = fgnet_f32(-climb_fps);
    pkt->a_z_pilot_fps2 = fgnet_f32(-lerp(a->nz_g, b->nz_g, t) * G0_MPS2 / M_PER_FT);
    pkt->stall_warning = (t < 0.5 ? a : b)->stall_warning ? 1.0f : 0.0f;
    /* controls as the cockpit commanded them: the surfaces FlightGear moves */
    pkt->elevator_norm = fgnet_f32(lerp(a->elevator, b->elevator, t));
    pkt->left_aileron_norm = fgnet_f32(lerp(a->aileron, b->aileron, t));
    pkt->right_aileron_norm = fgnet_f32(-lerp(a->aileron, b->aileron, t));
    pkt->rudder_norm = fgnet_f32(lerp(a->rudder, b->rudder, t));
    pkt->left_flap_norm = pkt->right_flap_norm = fgnet_f32(lerp(a->flaps, b->flaps, t));
    if (!isnan(a->speedbrake) && !isnan(b->speedbrake))
        pkt->speedbrake_norm = fgnet_f32(lerp(a->speedbrake, b->speedbrake, t));
    if (pkt->num_engines > 0 && !isnan(a->rpm) && !isnan(b->rpm))
        pkt->rpm[0] = fgnet_f32(lerp(a->rpm, b->rpm, t));
    const sortie_instruments *near = t < 0.5 ? a : b;
    for (uint32_t w = 0; w < pkt->num_wheels && w < FGNET_MAX_WHEELS; w++) {
        pkt->wow[w] = near->on_ground ? 1u : 0u;
        if (!isnan(a->gear_pos) && !isnan(b->gear_pos))
            pkt->gear_pos_norm[w] = fgnet_f32(lerp(a->gear_pos, b->gear_pos, t));
    }
}
