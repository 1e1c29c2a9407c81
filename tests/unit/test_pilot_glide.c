/*
 * test_pilot_glide.c - the reference pilot's judgement of a power-off
 * glide (src/train/pilot_glide.c): the height to spare if the gliding
 * turn to final began now, against the geometry of a 180-degree turn at
 * a bank and a straight final worked out here (R = V^2 / (g tan phi),
 * T = pi V / (g tan phi); the final's height its length times the glide
 * angle times the airspeed over the ground speed), and what the wind,
 * the height and the sink read do to it; and the descent of a powered
 * turn to final that rolls out on the glide path, against the same
 * half circle.
 */
#include "test_util.h"

#include <math.h>

#include "math/units.h"
#include "train/lesson.h"
#include "train/pilot.h"
#include "train/pilot_laws.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

enum { C_T, C_ALT, C_AGL, C_IAS, C_TAS, C_MACH, C_VS, C_PITCH, C_ROLL, C_HDG, C_ALPHA, C_BETA, C_P, C_Q, C_R, C_WOW,
       C_X, C_Y, C_GS, C_ELEV, C_THR, C_NZ, C_GUST, C_WIND_FROM, C_WIND_KT, C_N };

static const double FPS_PER_KT = MPS_PER_KT / M_PER_FT, G_FPS2 = G0_MPS2 / M_PER_FT;

/* A pilot, its runway and the values it reads. */
typedef struct glide_case {
    pilot p;
    airport_runway rwy;
    double v[C_N + LESSON_NDERIVED];
} glide_case;

/* A pilot on a left downwind for a runway heading 360: heading 180, 85 kt
 * true (and indicated), level, 900 ft up, 1,500 ft short of the
 * threshold; the sink read 20 ft/s, no wind. */
static void downwind(glide_case *g)
{
    pilot *p = &g->p;
    airport_runway *rwy = &g->rwy;
    double *v = g->v;
    memset(rwy, 0, sizeof *rwy);
    rwy->heading_true_deg = 0.0;
    pilot_inputs in = {C_T, C_ALT, C_AGL, C_IAS, C_TAS, C_MACH, C_VS, C_PITCH, C_ROLL, C_HDG, C_ALPHA, C_BETA, C_P,
                       C_Q, C_R, C_WOW, C_X, C_Y, C_GS, C_ELEV, C_THR, C_NZ, C_GUST, C_WIND_FROM, C_WIND_KT, -1, -1,
                       -1, -1, -1, -1, -1, -1, -1, -1};
    assert_int_equal(pilot_init(p, 0, 0, &in, rwy, C_N + LESSON_NDERIVED), 0);
    for (int i = 0; i < C_N + LESSON_NDERIVED; i++)
        v[i] = 0.0;
    v[C_AGL] = 900.0;
    v[C_IAS] = v[C_TAS] = v[C_GS] = 85.0;
    v[C_HDG] = 180.0;
    v[C_X] = -1500.0;
    v[C_Y] = -2200.0;
    p->sink_fps = 20.0;
    p->wind_x_fps = 0.0;
}

/* The gliding turn of the power-off 180: left at 30 deg, the point 1,240
 * ft in, a 70 kt final gliding at 7.4 deg in still air. */
static lesson_segment turn_segment(void)
{
    lesson_segment s;
    memset(&s, 0, sizeof s);
    s.mode = LMODE_FLY;
    s.course_runway = 1;
    s.bank_deg.v = -30.0;
    s.aim_ft = 1240.0;
    s.final_ias_kt = 70.0;
    s.final_glide_deg = 7.4;
    return s;
}

/* The margin worked out by hand for the downwind above, with a wind w
 * (ft/s, + towards the runway's far end) and the float's 2 s. */
static double margin_by_hand(const double *v, double sink_fps, double w_fps)
{
    double V = 85.0 * FPS_PER_KT, tan30 = tan(30.0 * RAD_PER_DEG);
    double T = M_PI * V / (G_FPS2 * tan30);
    double x_roll = v[C_X] + w_fps * T; /* a half circle ends level with its start */
    double h_roll = v[C_AGL] - sink_fps * T;
    double v_final = V * 70.0 / 85.0;
    double final_ft = 1240.0 - w_fps * 2.0 - x_roll;
    return h_roll - tan(7.4 * RAD_PER_DEG) * v_final / (v_final + w_fps) * final_ft;
}

static void the_margin_is_the_turn_and_the_final_worked_by_hand(void **state)
{
    (void)state;
    glide_case g;
    downwind(&g);
    pilot *p = &g.p;
    double *v = g.v;
    lesson_segment s = turn_segment();
    double calm = pilot_glide_margin_ft(p, v, &s, -30.0, 85.0);
    assert_near(calm, margin_by_hand(v, 20.0, 0.0), 0.5);
    /* a 10 kt wind down the runway (a headwind on final) leaves less to
     * spare: the turn drifts away from the runway and the final is slower
     * over the ground, so the pilot turns earlier; one from behind, more */
    p->wind_x_fps = -10.0 * FPS_PER_KT;
    double head = pilot_glide_margin_ft(p, v, &s, -30.0, 85.0);
    assert_near(head, margin_by_hand(v, 20.0, -10.0 * FPS_PER_KT), 0.5);
    p->wind_x_fps = 10.0 * FPS_PER_KT;
    double tail = pilot_glide_margin_ft(p, v, &s, -30.0, 85.0);
    printf("margin: calm %.1f ft, 10 kt headwind %.1f, 10 kt tailwind %.1f\n", calm, head, tail);
    assert_true(head < calm - 50.0 && tail > calm + 50.0);
    /* 100 ft higher, 100 ft more to spare; a sink read 10% higher, less */
    p->wind_x_fps = 0.0;
    v[C_AGL] += 100.0;
    assert_near(pilot_glide_margin_ft(p, v, &s, -30.0, 85.0), calm + 100.0, 1e-6);
    v[C_AGL] -= 100.0;
    p->sink_fps = 22.0;
    assert_near(pilot_glide_margin_ft(p, v, &s, -30.0, 85.0), margin_by_hand(v, 22.0, 0.0), 0.5);
    pilot_free(p);
}

static void nothing_to_judge_waits_and_no_turn_to_fly_begins(void **state)
{
    (void)state;
    glide_case g;
    downwind(&g);
    pilot *p = &g.p;
    double *v = g.v;
    lesson_segment s = turn_segment();
    p->sink_fps = NAN; /* no sink read yet: wait */
    assert_true(pilot_glide_margin_ft(p, v, &s, -30.0, 85.0) == HUGE_VAL);
    p->sink_fps = 20.0;
    p->wind_x_fps = NAN; /* no wind read yet: wait */
    assert_true(pilot_glide_margin_ft(p, v, &s, -30.0, 85.0) == HUGE_VAL);
    p->wind_x_fps = 0.0;
    /* lined up already (the turn law asks no bank): begin at once, never
     * wait on a turn that will not come */
    assert_true(pilot_glide_margin_ft(p, v, &s, 0.0, 85.0) == -HUGE_VAL);
    /* the roll-out past the point: turn now */
    v[C_X] = 2000.0;
    assert_true(pilot_glide_margin_ft(p, v, &s, -30.0, 85.0) == -HUGE_VAL);
    pilot_free(p);
}

/* The sink read is the total energy's: a glide slowing down at constant
 * height reads the speed it gives up as sink; gusts (the airspeed moving,
 * the ground speed not) read nothing. */
static void the_sink_read_is_the_energys(void **state)
{
    (void)state;
    glide_case g;
    downwind(&g);
    pilot *p = &g.p;
    double *v = g.v;
    p->sink_fps = p->wind_x_fps = p->energy_ft = NAN;
    const double dt = 1.0 / 120.0;
    v[C_ALT] = 2000.0;
    for (int k = 0; k < 120 * 20; k++) { /* 20 s level, slowing 0.5 kt/s from 90 kt: no height lost */
        v[C_GS] = v[C_TAS] = v[C_IAS] = 90.0 - 0.5 * k * dt;
        pilot_update_glide(p, v, dt);
    }
    /* the first-order lag's value trails a ramp by its time constant (3
     * s): the speed then, 1.5 kt more than at the end */
    double V = (90.0 - 0.5 * (2399 * dt - 3.0)) * FPS_PER_KT, dVdt = 0.5 * FPS_PER_KT;
    printf("sink read slowing level: %.3f ft/s (V dV/dt / g = %.3f)\n", p->sink_fps, V * dVdt / G_FPS2);
    assert_near(p->sink_fps, V * dVdt / G_FPS2, 0.01);
    /* a steady glide at 20 ft/s with the airspeed swinging 5 kt in gusts */
    for (int k = 0; k < 120 * 20; k++) {
        v[C_GS] = 80.0;
        v[C_TAS] = v[C_IAS] = 80.0 + 5.0 * sin(2.0 * M_PI * k * dt / 4.0);
        v[C_VS] = -1200.0;
        v[C_ALT] -= 20.0 * dt;
        pilot_update_glide(p, v, dt);
    }
    assert_near(p->sink_fps, 20.0, 0.05);
    pilot_free(p);
}

/* A powered turn to final (the overhead's): the vertical speed that
 * rolls out on the glide path to the aim point, the height still to lose
 * to the path at the roll-out point over the turn's time, worked by hand
 * for the half circle of the downwind above (T = pi V / (g tan phi), the
 * roll-out level with its start plus the wind's drift along the runway). */
static double turn_vs_by_hand(const double *v, double w_fps, double aim_ft, double glide_deg)
{
    double V = 85.0 * FPS_PER_KT, T = M_PI * V / (G_FPS2 * tan(30.0 * RAD_PER_DEG));
    double x_roll = v[C_X] + w_fps * T;
    double h_path = (aim_ft - x_roll) * tan(glide_deg * RAD_PER_DEG);
    return -(v[C_ALT] - h_path) / T * 60.0;
}

static void a_powered_turn_descends_to_roll_out_on_the_path(void **state)
{
    (void)state;
    glide_case g;
    downwind(&g);
    pilot *p = &g.p;
    double *v = g.v;
    v[C_ALT] = 900.0; /* the runway at sea level */
    lesson_segment s;
    memset(&s, 0, sizeof s);
    s.mode = LMODE_FLY;
    s.course_runway = 1;
    s.aim_ft = 1000.0;
    s.glide_deg = 3.0;
    s.throttle = NAN;
    double calm = pilot_turn_to_path_vs(p, v, &s, -30.0);
    assert_near(calm, turn_vs_by_hand(v, 0.0, 1000.0, 3.0), 1.0);
    /* the roll-out 2,500 ft out is on a path 131 ft up: 770 ft to lose in
     * the turn's 24 s */
    assert_true(calm < -1850.0 && calm > -1950.0);
    /* 100 ft higher: 100 ft more over the same time */
    v[C_ALT] += 100.0;
    double T = M_PI * 85.0 * FPS_PER_KT / (G_FPS2 * tan(30.0 * RAD_PER_DEG));
    assert_near(pilot_turn_to_path_vs(p, v, &s, -30.0), calm - 100.0 / T * 60.0, 1.0);
    v[C_ALT] -= 100.0;
    /* a 10 kt headwind on final carries the roll-out further out, where
     * the path is higher: less to lose */
    p->wind_x_fps = -10.0 * FPS_PER_KT;
    double head = pilot_turn_to_path_vs(p, v, &s, -30.0);
    assert_near(head, turn_vs_by_hand(v, -10.0 * FPS_PER_KT, 1000.0, 3.0), 1.0);
    printf("powered turn: %.0f fpm calm, %.0f fpm in a 10 kt headwind\n", calm, head);
    assert_true(head > calm + 10.0);
    /* a wind not read yet counts as none; no bank, no turn: nothing */
    p->wind_x_fps = NAN;
    assert_near(pilot_turn_to_path_vs(p, v, &s, -30.0), calm, 1e-9);
    assert_true(isnan(pilot_turn_to_path_vs(p, v, &s, 0.0)));
    pilot_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_margin_is_the_turn_and_the_final_worked_by_hand),
        cmocka_unit_test(nothing_to_judge_waits_and_no_turn_to_fly_begins),
        cmocka_unit_test(the_sink_read_is_the_energys),
        cmocka_unit_test(a_powered_turn_descends_to_roll_out_on_the_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
