/*
 * pilot_glide.c - the reference pilot's judgement of a turn to final:
 * for a glide with no power to a point on the runway (the power-off 180,
 * the forced landing's pattern), when to begin the gliding turn so that
 * the glide reaches the aim point whatever the wind, and the sink and the
 * wind it judges that from (docs/lessons.md, "The glide's judgement");
 * for a powered turn, the descent that rolls out on the glide path.
 *
 * A pilot abeam the point watches the point move back along the wing and
 * begins the turn when, from the height left and the glide seen so far,
 * the turn and the final will just reach it; in a stronger wind on final
 * the turn comes earlier (FAA-H-8083-3C, Airplane Flying Handbook, ch. 9,
 * "Power-off accuracy approaches"; ch. 18, "Emergency approaches and
 * landings").  The pilot here predicts the same thing each frame, in the
 * runway's axes (x along the landing direction from the threshold, ft):
 *   - the turn from the heading flown to the runway's, angle a at the bank
 *     phi the turn law would fly from here: R = V^2 / (g tan phi),
 *     T = a V / (g tan phi); in the air it moves the aircraft R sin a
 *     along the heading and d R (1 - cos a) to the turn's side, and the
 *     wind along the runway w moves it w T;
 *   - the sink through it: the total energy's sink seen so far, scaled by
 *     the turn's induced drag relative to the lesson's bank (a share of
 *     the drag growing as the load factor squared, FAA-H-8083-3C ch. 3);
 *   - the final from the roll-out to the aim point at its own airspeed
 *     and still-air glide angle (the lesson's final-ias-kt and
 *     final-glide-deg), over the ground at that airspeed plus w, the aim
 *     moved by w over the round-out's float.
 * The turn begins when the height at the roll-out no longer exceeds what
 * that final needs.  The aim point stands for the touch-down less the
 * round-out's float and less what the model leaves out; a lesson's aim-ft
 * is tuned to its aircraft and its pattern.
 *
 * A powered turn to final (the overhead's: the throttle not closed) uses
 * the same turn to set its descent instead of its start: the height to
 * lose to the glide path at the roll-out point over the turn's time left
 * (pilot_turn_to_path_vs), the path's angle the segment's glide-deg.
 */
#include <math.h>

#include "math/trig.h"
#include "math/units.h"
#include "train/pilot.h"
#include "train/pilot_laws.h"

/* The time constants of what the pilot reads off the instruments and
 * the ground: the sink rate (the vertical speed needle, steadier than
 * the gusts) and the wind (from the drift and the ground speed). */
#define GLIDE_SINK_TAU_S 3.0
#define GLIDE_WIND_TAU_S 4.0
/* The part of the round-out's float over which a headwind shortens the
 * ground covered as on the glide, s: without it the power-off 180 landed
 * 11 ft shorter a knot of headwind, with the float's whole 6 s (the Super
 * Mushak from 40 ft at 70 kt to touch-down at 55) 8 ft longer; 2 s left
 * its campaign's touch-down moving 3.6 ft a knot (docs/campaigns.md). */
#define GLIDE_FLOAT_S 2.0
/* The share of a glide's drag that is induced, at the Super Mushak's 85 kt
 * glide (above its minimum-drag speed: a 30-degree turn sinks about 7%
 * more than the wings-level glide); the turn's sink against the lesson's
 * bank is (1 - k + k n^2) / (1 - k + k n_lesson^2), n the load factor.
 * With 0.3 the touch-down moved -11 ft a knot of crosswind, with none
 * (every bank alike) +16 in the forced-landing pattern, whose spacing the
 * wind moves; 0.15 leaves 3-6. */
#define GLIDE_INDUCED_SHARE 0.15

void pilot_update_glide(pilot *p, const double *v, double dt)
{
    const double fps_per_kt = MPS_PER_KT / M_PER_FT, g = G0_MPS2 / M_PER_FT;
    /* the sink of the total energy, height plus speed (ft): what the glide
     * costs, whether the height goes or the speed (a glide entered fast
     * sinks slowly while it slows down: its vertical speed alone read
     * 20-30% low at the turn).  The speed over the ground, not through
     * the air: a gust moves the airspeed at once and the ground speed
     * hardly, and with the airspeed a few knots of gusts moved the sink
     * read by 20% */
    double tas = v[p->in.tas] * fps_per_kt, gs_fps = v[p->in.gs] * fps_per_kt, vs_fps = v[p->in.vs] / 60.0;
    double energy_ft = v[p->in.alt] + (gs_fps * gs_fps + vs_fps * vs_fps) / (2.0 * g);
    if (!isnan(p->energy_ft) && dt > 0.0) {
        double sink_fps = (p->energy_ft - energy_ft) / dt;
        if (isnan(p->sink_fps))
            p->sink_fps = -v[p->in.vs] / 60.0;
        p->sink_fps += (sink_fps - p->sink_fps) * fmin(1.0, dt / GLIDE_SINK_TAU_S);
    }
    p->energy_ft = energy_ft;
    /* the wind along the runway: the ground velocity (the heading and
     * the drift seen, at the ground speed) less the air's */
    if (!(v[p->in.gs] > 30.0) || v[p->in.wow] > 0.5)
        return;
    double tas_h = sqrt(fmax(tas * tas - vs_fps * vs_fps, 0.0)), gs = gs_fps;
    double psi = (v[p->in.heading] - p->rwy->heading_true_deg) * RAD_PER_DEG;
    double trk = psi + p->drift_deg * RAD_PER_DEG;
    double wx = gs * trig_cos(trk) - tas_h * trig_cos(psi);
    if (isnan(p->wind_x_fps))
        p->wind_x_fps = wx;
    else
        p->wind_x_fps += (wx - p->wind_x_fps) * fmin(1.0, dt / GLIDE_WIND_TAU_S);
}

/* The rest of a turn to final at bank_deg from here, in the air moved by
 * the wind along the runway wind_x_fps: its time (s) and where it rolls
 * out along the runway's line (x, ft); 0 when there is a turn to fly.
 * Its angle to go is taken in the turn's own direction (0..2 pi); in the
 * air it moves the aircraft R sin a along the heading flown and
 * d R (1 - cos a) to the turn's side. */
static int turn_to_final(const pilot *p, const double *v, double bank_deg, double wind_x_fps, double *T_s,
                         double *x_roll_ft)
{
    const double fps_per_kt = MPS_PER_KT / M_PER_FT, g = G0_MPS2 / M_PER_FT;
    double tas = v[p->in.tas] * fps_per_kt, vs = v[p->in.vs] / 60.0;
    double V = sqrt(fmax(tas * tas - vs * vs, 0.0));
    double phi = fabs(bank_deg) * RAD_PER_DEG, d = bank_deg > 0.0 ? 1.0 : -1.0;
    if (!(phi > 0.0) || !(V > 1.0))
        return -1;
    double psi_deg = v[p->in.heading] - p->rwy->heading_true_deg;
    double a = fmod(d * -psi_deg + 720.0, 360.0) * RAD_PER_DEG, psi = psi_deg * RAD_PER_DEG;
    double tan_phi = trig_sin(phi) / trig_cos(phi), R = V * V / (g * tan_phi);
    *T_s = a * V / (g * tan_phi);
    double along = R * trig_sin(a), side = d * R * (1.0 - trig_cos(a));
    *x_roll_ft = v[p->in.rwy_x] + along * trig_cos(psi) - side * trig_sin(psi) + wind_x_fps * *T_s;
    return 0;
}

double pilot_glide_margin_ft(const pilot *p, const double *v, const lesson_segment *s, double bank_deg, double ias_kt)
{
    const double fps_per_kt = MPS_PER_KT / M_PER_FT;
    double tas = v[p->in.tas] * fps_per_kt;
    double phi = fabs(bank_deg) * RAD_PER_DEG;
    if (!(phi > 0.0))
        return -HUGE_VAL; /* no turn left to fly (lined up already): begin */
    double T, x_roll;
    if (isnan(p->wind_x_fps) || !(p->sink_fps > 0.0) || !(v[p->in.ias] > 0.0) ||
        turn_to_final(p, v, bank_deg, p->wind_x_fps, &T, &x_roll))
        return HUGE_VAL; /* nothing to judge from yet */
    /* the height it rolls out at: the glide's sink, scaled for a bank
     * other than the lesson's (the lesson's own is in its aim point); the
     * speed above the glide's is not counted as height (in gusts it is
     * mostly the gust's, and a pilot counting it turned late) */
    const double k = GLIDE_INDUCED_SHARE;
    double n2 = 1.0 / (trig_cos(phi) * trig_cos(phi)), bank_nom = fabs(s->bank_deg.v) * RAD_PER_DEG;
    double n2_nom = 1.0 / (trig_cos(bank_nom) * trig_cos(bank_nom));
    double h_roll = v[p->in.agl] - p->sink_fps * (1.0 - k + k * n2) / (1.0 - k + k * n2_nom) * T;
    /* the final at its own airspeed and glide: over the ground, a headwind
     * costs a slower final more (flown at 85 kt, the prediction left the
     * power-off 180 86 ft short in a 10 kt headwind), and the round-out's
     * float is shortened by it too */
    double v_glide = isnan(ias_kt) ? tas : tas * ias_kt / v[p->in.ias];
    double v_final = isnan(s->final_ias_kt) ? v_glide : tas * s->final_ias_kt / v[p->in.ias];
    double glide_air = p->sink_fps / v_glide;
    if (!isnan(s->final_glide_deg))
        glide_air = trig_sin(s->final_glide_deg * RAD_PER_DEG) / trig_cos(s->final_glide_deg * RAD_PER_DEG);
    double gs_final = v_final + p->wind_x_fps;
    double final_ft = s->aim_ft - p->wind_x_fps * GLIDE_FLOAT_S - x_roll;
    if (!(gs_final > 1.0) || final_ft <= 0.0)
        return -HUGE_VAL; /* the roll-out would be past the point */
    return h_roll - glide_air * v_final / gs_final * final_ft;
}

/* The shortest time the powered turn's descent is spread over, s: near
 * the roll-out the height still to lose over the time left would ask for
 * any vertical speed. */
#define PATH_TURN_MIN_S 8.0

double pilot_turn_to_path_vs(const pilot *p, const double *v, const lesson_segment *s, double bank_deg)
{
    double T, x_roll;
    double wind_x = isnan(p->wind_x_fps) ? 0.0 : p->wind_x_fps;
    if (turn_to_final(p, v, bank_deg, wind_x, &T, &x_roll))
        return NAN;
    double tan_g = trig_sin(s->glide_deg * RAD_PER_DEG) / trig_cos(s->glide_deg * RAD_PER_DEG);
    double h_path = p->rwy->elevation_ft + (s->aim_ft - x_roll) * tan_g;
    return -(v[p->in.alt] - h_path) / fmax(T, PATH_TURN_MIN_S) * 60.0;
}
