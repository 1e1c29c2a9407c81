/*
 * test_ground_effect.c - the ground effect of Saqr's aircraft against the
 * published methods it is built from, worked out here apart from the
 * aircraft files' tables:
 *  - the induced drag near the ground is McCormick's image-vortex factor
 *    phi = (16 h/b)^2 / (1 + (16 h/b)^2) times the free-air value (B. W.
 *    McCormick, "Aerodynamics, Aeronautics and Flight Mechanics", 1995,
 *    sect. 4.5);
 *  - the JF-17's lift at a given angle of attack grows as the lift slope
 *    of a wing of aspect ratio A / phi over its own (USAF DATCOM subsonic
 *    lift slope, half-chord sweep 30 deg);
 *  - h is the height of the aerodynamic reference point above the ground,
 *    b the span, both from the aircraft's own metrics and position.
 * The aircraft is placed at several heights at the same calibrated
 * airspeed and attitude and its coefficients compared with the same
 * aircraft two spans up, out of ground effect.
 */
#include "fdm_util.h"

#include <math.h>

#ifndef SAQR_ROOT_DIR
#define SAQR_ROOT_DIR "."
#endif

#define PI 3.14159265358979323846

static double mccormick_phi(double h_b)
{
    double x = (16.0 * h_b) * (16.0 * h_b);
    return x / (1.0 + x);
}

static double datcom_lift_slope(double aspect, double sweep_half_chord_deg)
{
    double t = tan(sweep_half_chord_deg * PI / 180.0);
    return 2.0 * PI * aspect / (2.0 + sqrt(4.0 + aspect * aspect * (1.0 + t * t)));
}

/* What one placement reads: h/b, the basic lift and ground-effect drag
 * coefficients, and the lift coefficient squared the drag term uses. */
typedef struct placed {
    double h_b, h_agl_ft, cl_basic, cd_ge, cl_squared, span_ft, area_sqft;
} placed;

/* The JF-17 on a level path at `agl_ft` (the terrain at sea level), 150
 * KCAS, 8 degrees of angle of attack, gear and flaps down, as initialised
 * (the models run on the placed state; the drag term read the lift
 * coefficient squared that is read here). */
static placed jf17_at(double agl_ft)
{
    saqr_fdm *f = fdm_aircraft_in(SAQR_ROOT_DIR, "jf17");
    if (saqr_fdm_load_initfile(f, "reset00") != SAQR_OK)
        fail_msg("%s", saqr_fdm_error(f));
    fdm_set(f, "ic/terrain-elevation-ft", 0.0);
    fdm_set(f, "ic/h-agl-ft", agl_ft);
    fdm_set(f, "ic/vc-kts", 150.0);
    fdm_set(f, "ic/gamma-deg", 0.0);
    fdm_set(f, "ic/alpha-deg", 8.0);
    fdm_set(f, "gear/gear-cmd-norm", 1.0);
    fdm_set(f, "fcs/flap-cmd-norm", 1.0);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    double qs = fdm_get(f, "aero/qbar-psf") * fdm_get(f, "metrics/Sw-sqft");
    placed p = {
        .h_b = fdm_get(f, "aero/h_b-mac-ft"),
        .h_agl_ft = fdm_get(f, "position/h-agl-ft"),
        .cl_basic = fdm_get(f, "aero/coefficient/CLbasic") / qs,
        .cd_ge = fdm_get(f, "aero/coefficient/CDge") / qs,
        .cl_squared = fdm_get(f, "aero/cl-squared"),
        .span_ft = fdm_get(f, "metrics/bw-ft"),
        .area_sqft = fdm_get(f, "metrics/Sw-sqft"),
    };
    saqr_fdm_destroy(f);
    return p;
}

/* h/b is the aerodynamic reference point's height over the span: the
 * JF-17's AERORP is on the fuselage line 0.09 m behind the empty CG, so
 * at 8 degrees of pitch it is within 0.1 ft of the CG's height. */
static void the_jf17_reads_its_height_over_its_span(void **state)
{
    (void)state;
    const double heights_ft[] = {6.0, 15.0, 30.0, 60.0};
    for (size_t i = 0; i < sizeof heights_ft / sizeof heights_ft[0]; i++) {
        placed p = jf17_at(heights_ft[i]);
        print_message("  %5.1f ft: h/b %.4f (CG %.4f)\n", p.h_agl_ft, p.h_b, p.h_agl_ft / p.span_ft);
        assert_true(fabs(p.h_agl_ft - heights_ft[i]) < 0.5);
        assert_true(fabs(p.h_b - p.h_agl_ft / p.span_ft) < 0.1 / p.span_ft);
    }
}

/* The basic lift at each height over the lift two spans up against the
 * DATCOM lift-slope ratio at aspect ratio A / phi, within 0.5% (the
 * tables' linear interpolation between breakpoints); and more lift the
 * lower, by at least 5% with the wheels about to touch. */
static void the_jf17_lift_grows_near_the_ground_as_its_wing_of_larger_aspect_ratio(void **state)
{
    (void)state;
    placed free_air = jf17_at(70.0);
    const double aspect = free_air.span_ft * free_air.span_ft / free_air.area_sqft;
    assert_true(free_air.h_b >= 2.0); /* out of ground effect: two spans are 62 ft */
    const double heights_ft[] = {5.0, 6.0, 8.0, 12.0, 20.0, 25.0};
    double last_ratio = INFINITY;
    for (size_t i = 0; i < sizeof heights_ft / sizeof heights_ft[0]; i++) {
        placed p = jf17_at(heights_ft[i]);
        double want = datcom_lift_slope(aspect / mccormick_phi(p.h_b), 30.0) / datcom_lift_slope(aspect, 30.0);
        double got = p.cl_basic / free_air.cl_basic;
        print_message("  h/b %.3f: lift x %.4f (DATCOM at A/phi: %.4f)\n", p.h_b, got, want);
        assert_true(fabs(got / want - 1.0) < 0.005);
        assert_true(got < last_ratio);
        last_ratio = got;
    }
    assert_true(jf17_at(5.0).cl_basic / free_air.cl_basic > 1.05);
}

/* The drag saved is (phi - 1) CL^2 / (pi A), McCormick's factor on the
 * vortex-induced drag: the factor the model applies, worked back from its
 * drag term, within 0.002 of McCormick's (the tables' interpolation) up to
 * 0.8 spans, and no drag saved two spans up (the tables take both factors
 * to 1 at one span, where McCormick's is 0.996). */
static void the_jf17_induced_drag_falls_near_the_ground_by_mccormicks_factor(void **state)
{
    (void)state;
    placed free_air = jf17_at(70.0);
    assert_true(fabs(free_air.cd_ge) < 1e-12);
    const double aspect = free_air.span_ft * free_air.span_ft / free_air.area_sqft;
    const double heights_ft[] = {5.0, 6.0, 8.0, 12.0, 20.0, 25.0};
    for (size_t i = 0; i < sizeof heights_ft / sizeof heights_ft[0]; i++) {
        placed p = jf17_at(heights_ft[i]);
        assert_true(p.cl_squared > 0.3);
        double phi = 1.0 + p.cd_ge * PI * aspect / p.cl_squared;
        print_message("  h/b %.3f: CL^2 %.3f, drag %+.5f: induced drag x %.4f (McCormick: %.4f)\n", p.h_b,
                      p.cl_squared, p.cd_ge, phi, mccormick_phi(p.h_b));
        assert_true(p.cd_ge < 0.0);
        assert_true(fabs(phi - mccormick_phi(p.h_b)) < 0.002);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_jf17_reads_its_height_over_its_span),
        cmocka_unit_test(the_jf17_lift_grows_near_the_ground_as_its_wing_of_larger_aspect_ratio),
        cmocka_unit_test(the_jf17_induced_drag_falls_near_the_ground_by_mccormicks_factor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
