/*
 * test_controls.c - the trainee's controls (src/station/controls_*.c):
 * the axis shaping against values worked out by hand from the formulas of
 * docs/controls.md, button edges (gear toggles on the press, flaps step
 * through detents), held brakes, rate-limited trim over time, the reading
 * of data/controls.xml and of bad files (errors with file:line), and the
 * SDL link with no device and with SDL's virtual joystick and gamepad
 * plugged in and out while running.
 */
#include "test_util.h"

#include <SDL.h>
#include <math.h>
#include <unistd.h>

#include "station/controls.h"
#include "virtual_joystick.h"

#define BIT(c) (1u << (c))

/* ============================================================ helpers */

/* A mapping from a full-travel axis onto `control`. */
static controls_map axis_map(controls_id control, double dead_zone, double exponent, int invert)
{
    controls_map m;
    memset(&m, 0, sizeof m);
    m.behaviour = CONTROLS_FOLLOW;
    m.targets = BIT(control);
    m.source = CONTROLS_SRC_AXIS;
    m.centred = controls_is_centred(control);
    m.invert = invert;
    m.dead_zone = dead_zone;
    m.exponent = exponent;
    controls_limits(control, &m.out_lo, &m.out_hi);
    return m;
}

static saqr_status load_text(const char *text, controls_config *cfg, saqr_err *err)
{
    err_clear(err);
    return controls_config_load_memory(text, strlen(text), "c.xml", cfg, err);
}

/* A configuration read from text that must be valid. */
static void must_load(const char *text, controls_config *cfg)
{
    saqr_err err;
    if (load_text(text, cfg, &err) != SAQR_OK)
        fail_msg("%s", err.msg);
}

/* A fresh state with one device attached to section `group`. */
static int attach(controls_state *s, const controls_config *cfg, int group)
{
    int slot = -1;
    saqr_err err;
    assert_int_equal(controls_attach(s, cfg, group, &slot, &err), SAQR_OK);
    return slot;
}

/* ===================================================== axis shaping */

static void the_centred_dead_zone_has_no_step_at_its_edges(void **state)
{
    (void)state;
    const double d = 0.1;
    /* inside the zone nothing moves */
    assert_near(controls_shape_centred(0.0, d, 1.0), 0.0, 0.0);
    assert_near(controls_shape_centred(0.0999, d, 1.0), 0.0, 0.0);
    assert_near(controls_shape_centred(-0.1, d, 1.0), 0.0, 0.0);
    /* just outside, the output starts from 0: (|x| - d) / (1 - d) */
    assert_near(controls_shape_centred(0.1 + 1e-9, d, 1.0), 1e-9 / 0.9, 1e-15);
    assert_near(controls_shape_centred(-0.1 - 1e-9, d, 1.0), -1e-9 / 0.9, 1e-15);
    /* hand values: 0.55 -> 0.45 / 0.9 = 0.5; the ends reach +-1 */
    assert_near(controls_shape_centred(0.55, d, 1.0), 0.5, 1e-12);
    assert_near(controls_shape_centred(-0.55, d, 1.0), -0.5, 1e-12);
    assert_near(controls_shape_centred(1.0, d, 1.0), 1.0, 1e-15);
    assert_near(controls_shape_centred(-1.0, d, 1.0), -1.0, 1e-15);
    /* over every raw reading, neighbouring readings never jump: the
     * steepest slope is e / (1 - d) = 2 / 0.9 per 1/32767 */
    controls_map m = axis_map(CONTROLS_AILERON, d, 2.0, 0);
    double prev = controls_map_axis(&m, -32768), max_step = 0.0;
    for (int raw = -32767; raw <= 32767; raw++) {
        double v = controls_map_axis(&m, raw);
        assert_true(v >= prev); /* monotonic */
        max_step = fmax(max_step, v - prev);
        prev = v;
    }
    assert_true(max_step < 2.0 / 0.9 / 32767.0 * 1.0001);
}

static void the_curve_is_an_exponent_applied_symmetrically(void **state)
{
    (void)state;
    assert_near(controls_shape_centred(0.5, 0.0, 2.0), 0.25, 1e-15);
    assert_near(controls_shape_centred(-0.5, 0.0, 2.0), -0.25, 1e-15);
    assert_near(controls_shape_centred(-0.5, 0.0, 3.0), -0.125, 1e-15);
    assert_near(controls_shape_centred(0.5, 0.0, 1.0), 0.5, 1e-15);
    /* dead zone first, then the curve: ((0.55 - 0.1) / 0.9)^2 = 0.25 */
    assert_near(controls_shape_centred(0.55, 0.1, 2.0), 0.25, 1e-12);
    /* a sqrt(2) exponent at 0.5: 2^-sqrt(2) */
    assert_near(controls_shape_centred(0.5, 0.0, sqrt(2.0)), 0.375214227246, 1e-12);
    /* a curve keeps the ends */
    assert_near(controls_shape_centred(1.0, 0.0, 3.0), 1.0, 0.0);
    assert_near(controls_shape_one_sided(1.0, 0.2, 3.0), 1.0, 0.0);
}

static void inversion_reverses_the_axis_before_shaping(void **state)
{
    (void)state;
    /* a stick's y axis reads -32768 pushed forward; elevator > 0 is a push */
    controls_map m = axis_map(CONTROLS_ELEVATOR, 0.0, 1.0, 1);
    assert_near(controls_map_axis(&m, -32768), 1.0, 0.0);
    assert_near(controls_map_axis(&m, 32767), -1.0, 0.0);
    assert_near(controls_map_axis(&m, 0), 0.0, 0.0);
    assert_near(controls_map_axis(&m, 16384), -16384.0 / 32767.0, 1e-15);
    m.invert = 0;
    assert_near(controls_map_axis(&m, 16384), 16384.0 / 32767.0, 1e-15);
    assert_near(controls_map_axis(&m, -32768), -1.0, 0.0); /* clamped */
}

static void a_throttle_dead_zone_sits_at_the_idle_end(void **state)
{
    (void)state;
    /* a throttle lever reads -32768 fully forward: inverted, t = (1 - raw/32767) / 2 */
    controls_map m = axis_map(CONTROLS_THROTTLE, 0.1, 1.0, 1);
    assert_near(controls_map_axis(&m, 32767), 0.0, 0.0);   /* lever back: idle */
    assert_near(controls_map_axis(&m, -32768), 1.0, 0.0);  /* forward: full   */
    /* t = 0.1 is the edge of the zone: raw = 32767 * (1 - 2 * 0.1) */
    assert_near(controls_map_axis(&m, 26214), 0.0, 0.0);
    /* just past it the throttle starts at 0: no jump */
    assert_near(controls_map_axis(&m, 26212), (0.5 * (1.0 - 26212.0 / 32767.0) - 0.1) / 0.9, 1e-15);
    assert_true(controls_map_axis(&m, 26212) < 1e-4);
    /* the middle of the live travel: t = 0.55 -> 0.5 */
    assert_near(controls_map_axis(&m, -3277), 0.5, 1e-4);
    /* the dead zone is only at idle: full throttle is reached at the stop */
    assert_near(controls_map_axis(&m, -32767), 1.0, 1e-12);
}

static void the_output_range_maps_the_ends_of_the_travel(void **state)
{
    (void)state;
    /* a centred axis onto -0.5..0.5: centre at the middle */
    controls_map m = axis_map(CONTROLS_ELEVATOR, 0.0, 1.0, 0);
    m.out_lo = -0.5;
    m.out_hi = 0.5;
    assert_near(controls_map_axis(&m, 32767), 0.5, 1e-15);
    assert_near(controls_map_axis(&m, -32768), -0.5, 1e-15);
    assert_near(controls_map_axis(&m, 0), 0.0, 1e-15);
    /* a gamepad trigger (0..32767) onto the right pedal: range 0 .. -1 */
    controls_map t = axis_map(CONTROLS_RUDDER, 0.0, 1.0, 0);
    t.half = 1;
    t.centred = 0;
    t.out_lo = 0.0;
    t.out_hi = -1.0;
    assert_near(controls_map_axis(&t, 0), 0.0, 0.0);
    assert_near(controls_map_axis(&t, -5), 0.0, 0.0); /* below rest is rest */
    assert_near(controls_map_axis(&t, 32767), -1.0, 0.0);
    assert_near(controls_map_axis(&t, 16384), -16384.0 / 32767.0, 1e-15);
    /* whatever the reading, the command stays in the range */
    t.exponent = 2.5;
    t.dead_zone = 0.3;
    for (int raw = -32768; raw <= 32767; raw += 7) {
        double v = controls_map_axis(&t, raw);
        assert_true(v <= 0.0 && v >= -1.0);
    }
}

/* ============================================================ buttons */

static const char buttons_cfg[] =
    "<controls>\n"
    "  <flaps detents=\"0 0.395 1\"/>\n"
    "  <joystick name=\"*\">\n"
    "    <button index=\"0\" control=\"gear\"/>\n"
    "    <button index=\"1\" control=\"flaps-up\"/>\n"
    "    <button index=\"2\" control=\"flaps-down\"/>\n"
    "    <button index=\"3\" control=\"brakes\"/>\n"
    "    <button index=\"4\" control=\"speedbrake\"/>\n"
    "    <button index=\"5\" control=\"trim-up\"/>\n"
    "    <button index=\"6\" control=\"trim-down\" rate=\"0.25\"/>\n"
    "    <hat index=\"0\" direction=\"up\" control=\"trim-down\"/>\n"
    "    <hat index=\"0\" direction=\"down\" control=\"trim-up\"/>\n"
    "    <axis index=\"1\" control=\"elevator\" invert=\"yes\"/>\n"
    "    <button index=\"7\" control=\"throttle-up\"/>\n"
    "  </joystick>\n"
    "  <joystick name=\"other\">\n"
    "    <axis index=\"0\" control=\"elevator\"/>\n"
    "    <button index=\"0\" control=\"trim-up\" rate=\"0.4\"/>\n"
    "  </joystick>\n"
    "</controls>\n";

static void the_gear_toggles_on_the_press_not_while_held(void **state)
{
    (void)state;
    static controls_config cfg;
    static controls_state s;
    must_load(buttons_cfg, &cfg);
    controls_state_init(&s, &cfg);
    int d = attach(&s, &cfg, 0);
    assert_near(s.value[CONTROLS_GEAR], 1.0, 0.0); /* starts down */
    controls_button(&s, &cfg, d, 0, 1);
    assert_near(s.value[CONTROLS_GEAR], 0.0, 0.0);
    assert_int_equal(controls_take_changed(&s), BIT(CONTROLS_GEAR));
    /* the button stays down, reported again: nothing more */
    controls_button(&s, &cfg, d, 0, 1);
    controls_advance(&s, &cfg, 0.5, NULL);
    controls_button(&s, &cfg, d, 0, 1);
    assert_near(s.value[CONTROLS_GEAR], 0.0, 0.0);
    assert_int_equal(controls_take_changed(&s), 0);
    /* release changes nothing; the next press puts it down again */
    controls_button(&s, &cfg, d, 0, 0);
    assert_near(s.value[CONTROLS_GEAR], 0.0, 0.0);
    controls_button(&s, &cfg, d, 0, 1);
    assert_near(s.value[CONTROLS_GEAR], 1.0, 0.0);
    /* the toggle starts from the aircraft's value the caller copied in */
    controls_button(&s, &cfg, d, 0, 0);
    assert_int_equal(controls_state_set(&s, CONTROLS_GEAR, 0.0, NULL), SAQR_OK);
    controls_button(&s, &cfg, d, 0, 1);
    assert_near(s.value[CONTROLS_GEAR], 1.0, 0.0);
    /* the speed brake toggles the same way */
    controls_button(&s, &cfg, d, 4, 1);
    assert_near(s.value[CONTROLS_SPEEDBRAKE], 1.0, 0.0);
    controls_button(&s, &cfg, d, 4, 0);
    controls_button(&s, &cfg, d, 4, 1);
    assert_near(s.value[CONTROLS_SPEEDBRAKE], 0.0, 0.0);
}

/* Presses and releases button b of slot d. */
static void click(controls_state *s, const controls_config *cfg, int d, int b)
{
    controls_button(s, cfg, d, b, 1);
    controls_button(s, cfg, d, b, 0);
}

static void flaps_step_through_the_detents_one_per_press(void **state)
{
    (void)state;
    static controls_config cfg;
    static controls_state s;
    must_load(buttons_cfg, &cfg);
    controls_state_init(&s, &cfg);
    int d = attach(&s, &cfg, 0);
    assert_near(s.value[CONTROLS_FLAPS], 0.0, 0.0);
    /* held down and reported again: one step only */
    controls_button(&s, &cfg, d, 2, 1);
    controls_button(&s, &cfg, d, 2, 1);
    controls_advance(&s, &cfg, 1.0, NULL);
    assert_near(s.value[CONTROLS_FLAPS], 0.395, 0.0);
    controls_button(&s, &cfg, d, 2, 0);
    assert_near(s.value[CONTROLS_FLAPS], 0.395, 0.0);
    click(&s, &cfg, d, 2);
    assert_near(s.value[CONTROLS_FLAPS], 1.0, 0.0);
    click(&s, &cfg, d, 2); /* at the last detent: stays */
    assert_near(s.value[CONTROLS_FLAPS], 1.0, 0.0);
    click(&s, &cfg, d, 1);
    assert_near(s.value[CONTROLS_FLAPS], 0.395, 0.0);
    click(&s, &cfg, d, 1);
    click(&s, &cfg, d, 1);
    assert_near(s.value[CONTROLS_FLAPS], 0.0, 0.0);
    /* from between two detents (the instructor set 0.2): to the neighbours */
    assert_int_equal(controls_state_set(&s, CONTROLS_FLAPS, 0.2, NULL), SAQR_OK);
    click(&s, &cfg, d, 2);
    assert_near(s.value[CONTROLS_FLAPS], 0.395, 0.0);
    assert_int_equal(controls_state_set(&s, CONTROLS_FLAPS, 0.2, NULL), SAQR_OK);
    click(&s, &cfg, d, 1);
    assert_near(s.value[CONTROLS_FLAPS], 0.0, 0.0);
    /* the aircraft's own detents replace the file's */
    const double jf17[] = {0.0, 1.0};
    assert_int_equal(controls_state_set_detents(&s, jf17, 2, NULL), SAQR_OK);
    click(&s, &cfg, d, 2);
    assert_near(s.value[CONTROLS_FLAPS], 1.0, 0.0);
    const double bad[] = {0.5, 0.2};
    assert_int_equal(controls_state_set_detents(&s, bad, 2, NULL), SAQR_EINVAL);
    assert_int_equal(controls_state_set_detents(&s, jf17, 0, NULL), SAQR_EINVAL);
    assert_near(controls_detent_step(jf17, 2, 1.0, 1), 1.0, 0.0);
}

static void brakes_are_held_by_a_button_and_released_when_unplugged(void **state)
{
    (void)state;
    static controls_config cfg;
    static controls_state s;
    must_load(buttons_cfg, &cfg);
    controls_state_init(&s, &cfg);
    int d = attach(&s, &cfg, 0);
    controls_button(&s, &cfg, d, 3, 1);
    assert_near(s.value[CONTROLS_BRAKE_LEFT], 1.0, 0.0);
    assert_near(s.value[CONTROLS_BRAKE_RIGHT], 1.0, 0.0);
    assert_int_equal(controls_take_changed(&s), BIT(CONTROLS_BRAKE_LEFT) | BIT(CONTROLS_BRAKE_RIGHT));
    controls_button(&s, &cfg, d, 3, 0);
    assert_near(s.value[CONTROLS_BRAKE_LEFT], 0.0, 0.0);
    /* a device pulled out with the brakes held lets them go; its stick
     * command stays where it was */
    controls_button(&s, &cfg, d, 3, 1);
    controls_axis(&s, &cfg, d, 1, -32768);
    assert_near(s.value[CONTROLS_ELEVATOR], 1.0, 0.0);
    controls_detach(&s, &cfg, d);
    assert_near(s.value[CONTROLS_BRAKE_LEFT], 0.0, 0.0);
    assert_near(s.value[CONTROLS_BRAKE_RIGHT], 0.0, 0.0);
    assert_near(s.value[CONTROLS_ELEVATOR], 1.0, 0.0);
    assert_int_equal(s.dev[d].group, -1);
    /* its slot is free for the next device; readings to a free slot do nothing */
    controls_take_changed(&s);
    controls_axis(&s, &cfg, d, 1, 0);
    controls_button(&s, &cfg, 99, 3, 1);
    assert_int_equal(controls_take_changed(&s), 0);
    assert_int_equal(attach(&s, &cfg, 1), d);
}

static void trim_moves_at_its_rate_while_held(void **state)
{
    (void)state;
    static controls_config cfg;
    static controls_state s;
    must_load(buttons_cfg, &cfg);
    controls_state_init(&s, &cfg);
    int d = attach(&s, &cfg, 0);
    /* trim-down (rate 0.25/s) held for 2 s in 50 frames of 0.04 s */
    controls_button(&s, &cfg, d, 6, 1);
    for (int i = 0; i < 50; i++)
        assert_int_equal(controls_advance(&s, &cfg, 0.04, NULL), SAQR_OK);
    assert_near(s.value[CONTROLS_PITCH_TRIM], 0.5, 1e-12);
    controls_button(&s, &cfg, d, 6, 0);
    controls_advance(&s, &cfg, 0.04, NULL);
    assert_near(s.value[CONTROLS_PITCH_TRIM], 0.5, 1e-12); /* released: stops */
    /* trim-up at the default 0.1/s for 1 s: nose up, the command falls */
    controls_button(&s, &cfg, d, 5, 1);
    for (int i = 0; i < 100; i++)
        controls_advance(&s, &cfg, 0.01, NULL);
    assert_near(s.value[CONTROLS_PITCH_TRIM], 0.4, 1e-12);
    /* both held: they cancel */
    controls_button(&s, &cfg, d, 6, 1);
    controls_advance(&s, &cfg, 1.0, NULL);
    assert_near(s.value[CONTROLS_PITCH_TRIM], 0.4 + 0.25 - 0.1, 1e-12);
    controls_button(&s, &cfg, d, 6, 0);
    /* a tap between two frames still moves one frame's worth */
    controls_button(&s, &cfg, d, 5, 0);
    click(&s, &cfg, d, 5);
    controls_advance(&s, &cfg, 0.02, NULL);
    assert_near(s.value[CONTROLS_PITCH_TRIM], 0.55 - 0.002, 1e-12);
    controls_advance(&s, &cfg, 0.02, NULL);
    assert_near(s.value[CONTROLS_PITCH_TRIM], 0.548, 1e-12);
    /* the hat trims too, a diagonal counts for its direction */
    controls_hat(&s, &cfg, d, 0, CONTROLS_HAT_UP | CONTROLS_HAT_RIGHT);
    controls_advance(&s, &cfg, 1.0, NULL);
    assert_near(s.value[CONTROLS_PITCH_TRIM], 0.648, 1e-12);
    /* the hat button and trim-down held together: no faster than 0.25/s */
    controls_button(&s, &cfg, d, 6, 1);
    controls_advance(&s, &cfg, 1.0, NULL);
    assert_near(s.value[CONTROLS_PITCH_TRIM], 0.898, 1e-12);
    /* and the command stops at its limit */
    controls_advance(&s, &cfg, 10.0, NULL);
    assert_near(s.value[CONTROLS_PITCH_TRIM], 1.0, 0.0);
    controls_hat(&s, &cfg, d, 0, 0);
    controls_button(&s, &cfg, d, 6, 0);
    /* a second device's trim-up at 0.4/s is the fastest rate held */
    int d2 = attach(&s, &cfg, 1);
    controls_button(&s, &cfg, d2, 0, 1);
    controls_button(&s, &cfg, d, 5, 1);
    controls_advance(&s, &cfg, 1.0, NULL);
    assert_near(s.value[CONTROLS_PITCH_TRIM], 0.6, 1e-12);
    /* a bad time step is refused and moves nothing */
    assert_int_equal(controls_advance(&s, &cfg, -0.1, NULL), SAQR_EINVAL);
    assert_int_equal(controls_advance(&s, &cfg, NAN, NULL), SAQR_EINVAL);
    assert_near(s.value[CONTROLS_PITCH_TRIM], 0.6, 1e-12);
}

static void without_input_the_callers_commands_are_left_alone(void **state)
{
    (void)state;
    static controls_config cfg;
    static controls_state s;
    must_load(buttons_cfg, &cfg);
    controls_state_init(&s, &cfg);
    assert_int_equal(controls_state_set(&s, CONTROLS_THROTTLE, 0.7, NULL), SAQR_OK);
    int d = attach(&s, &cfg, 0);
    controls_advance(&s, &cfg, 1.0, NULL);
    controls_button(&s, &cfg, d, 50, 1); /* unmapped */
    controls_axis(&s, &cfg, d, 7, 1000); /* unmapped */
    assert_int_equal(controls_take_changed(&s), 0);
    assert_near(s.value[CONTROLS_THROTTLE], 0.7, 0.0);
    /* throttle-up moves on from the aircraft's throttle */
    controls_button(&s, &cfg, d, 7, 1);
    controls_advance(&s, &cfg, 0.2, NULL);
    assert_near(s.value[CONTROLS_THROTTLE], 0.8, 1e-12);
    assert_int_equal(controls_take_changed(&s), BIT(CONTROLS_THROTTLE));
    /* bad values are refused */
    assert_int_equal(controls_state_set(&s, CONTROLS_THROTTLE, -0.1, NULL), SAQR_EINVAL);
    assert_int_equal(controls_state_set(&s, CONTROLS_ELEVATOR, NAN, NULL), SAQR_EINVAL);
    assert_int_equal(controls_state_set(&s, CONTROLS_COUNT, 0.0, NULL), SAQR_EINVAL);
    assert_near(s.value[CONTROLS_THROTTLE], 0.8, 1e-12);
}

static void the_last_device_moved_drives_a_shared_control(void **state)
{
    (void)state;
    static controls_config cfg;
    static controls_state s;
    must_load(buttons_cfg, &cfg);
    controls_state_init(&s, &cfg);
    int a = attach(&s, &cfg, 0), b = attach(&s, &cfg, 1);
    controls_axis(&s, &cfg, a, 1, -32768);
    assert_near(s.value[CONTROLS_ELEVATOR], 1.0, 0.0);
    controls_axis(&s, &cfg, b, 0, -16384);
    assert_near(s.value[CONTROLS_ELEVATOR], -16384.0 / 32767.0, 1e-15);
    controls_axis(&s, &cfg, a, 1, 0);
    assert_near(s.value[CONTROLS_ELEVATOR], 0.0, 0.0);
}

static void two_triggers_share_the_rudder(void **state)
{
    (void)state;
    static controls_config cfg;
    static controls_state s;
    must_load("<controls><gamepad name=\"*\">\n"
              "<axis name=\"lefttrigger\" control=\"rudder\" range=\"0 1\"/>\n"
              "<axis name=\"righttrigger\" control=\"rudder\" range=\"0 -1\"/>\n"
              "</gamepad></controls>",
              &cfg);
    controls_state_init(&s, &cfg);
    int d = attach(&s, &cfg, 0);
    controls_axis(&s, &cfg, d, 4, 32767); /* left trigger fully in */
    assert_near(s.value[CONTROLS_RUDDER], 1.0, 0.0);
    controls_axis(&s, &cfg, d, 5, 16384); /* right trigger half in */
    assert_near(s.value[CONTROLS_RUDDER], 1.0 - 16384.0 / 32767.0, 1e-15);
    controls_axis(&s, &cfg, d, 4, 0);
    assert_near(s.value[CONTROLS_RUDDER], -16384.0 / 32767.0, 1e-15);
}

/* A throttle quadrant whose afterburner gate is at 85% of its travel. */
static const char throttle_cfg[] = "<controls>\n<joystick name=\"*\">\n"
                                   "<axis index=\"2\" control=\"throttle\" reheat-detent=\"0.85\"/>\n"
                                   "</joystick>\n</controls>\n";

/* A throttle axis with its afterburner gate (reheat-detent=0.85) on the
 * JF-17 (military detent 0.8): the gate is military power, the stop full
 * reheat, each side linear; on an aircraft without an afterburner (1) the
 * axis is as without the attribute; a new aircraft re-applies the axis at
 * once, without a new reading. */
static void a_throttle_quadrants_gate_is_the_aircrafts_military_detent(void **state)
{
    (void)state;
    static controls_config cfg;
    static controls_state s;
    must_load(throttle_cfg, &cfg);
    assert_near(cfg.map[0].reheat_at, 0.85, 0.0);
    controls_state_init(&s, &cfg);
    int d = attach(&s, &cfg, 0);
    /* axis raw r reads (r / 32767 + 1) / 2 of the travel: 0.85 at 0.7 * 32767 */
    const int gate = (int)lround(0.7 * 32767.0);
    controls_axis(&s, &cfg, d, 2, gate);
    double v_gate = (gate / 32767.0 + 1.0) / 2.0;
    assert_near(s.value[CONTROLS_THROTTLE], v_gate, 1e-12); /* no afterburner: unchanged */
    saqr_err err;
    assert_int_equal(controls_state_set_throttle_mil(&s, &cfg, 0.8, &err), SAQR_OK);
    /* re-applied at once: the gate is military power, to the axis's resolution */
    assert_near(s.value[CONTROLS_THROTTLE], 0.8, 2.0 / 32767.0);
    assert_true(controls_take_changed(&s) & (1u << CONTROLS_THROTTLE));
    controls_axis(&s, &cfg, d, 2, 32767);
    assert_near(s.value[CONTROLS_THROTTLE], 1.0, 1e-12);
    controls_axis(&s, &cfg, d, 2, -32768);
    assert_near(s.value[CONTROLS_THROTTLE], 0.0, 1e-12);
    assert_near(controls_reheat_remap(0.85, 0.85, 0.8), 0.8, 1e-15);
    assert_near(controls_reheat_remap(0.425, 0.85, 0.8), 0.4, 1e-15);
    assert_near(controls_reheat_remap(0.925, 0.85, 0.8), 0.9, 1e-15);
    assert_near(controls_reheat_remap(0.5, 0.0, 0.8), 0.5, 0.0); /* no gate */
    assert_near(controls_reheat_remap(0.5, 0.85, 1.0), 0.5, 0.0); /* no afterburner */
    for (double bad = -1.0; bad < 3.0; bad += 1.5) /* -1, 0.5 is fine, 2 */
        if (!(bad > 0.0 && bad <= 1.0))
            assert_int_equal(controls_state_set_throttle_mil(&s, &cfg, bad, &err), SAQR_EINVAL);
    assert_int_equal(controls_state_set_throttle_mil(&s, &cfg, NAN, &err), SAQR_EINVAL);
    assert_near(s.throttle_mil, 0.8, 0.0); /* nothing changed */
}

/* ====================================================== configuration */

static void the_default_file_maps_stick_throttle_pedals_and_a_gamepad(void **state)
{
    (void)state;
    static controls_config cfg;
    saqr_err err;
    err_clear(&err);
    if (controls_config_load(SAQR_DATA_DIR "/controls.xml", &cfg, &err) != SAQR_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(cfg.ngroups, 5);
    assert_int_equal(cfg.ndetents, 3);
    assert_near(cfg.detent[1], 0.5, 0.0);
    /* devices go to the first section that claims them */
    assert_int_equal(controls_config_match(&cfg, "Saitek Pro Flight Rudder Pedals", "", 0), 0);
    assert_int_equal(controls_config_match(&cfg, "CH PRO PEDALS USB", "", 0), 0);
    assert_int_equal(controls_config_match(&cfg, "Thrustmaster T-Rudder", "", 0), 1);
    assert_int_equal(controls_config_match(&cfg, "Thrustmaster TWCS Throttle", "", 0), 2);
    assert_int_equal(controls_config_match(&cfg, "Xbox 360 Controller", "", 1), 3);
    assert_int_equal(controls_config_match(&cfg, "Logitech Extreme 3D", "", 0), 4);
    const controls_group *pad = &cfg.group[3];
    assert_int_equal(pad->gamepad, 1);
    /* lefty inverted onto the elevator, SDL_CONTROLLER_AXIS_LEFTY = 1 */
    const controls_map *m = &cfg.map[pad->first + 1];
    assert_int_equal(m->index, 1);
    assert_int_equal(m->targets, BIT(CONTROLS_ELEVATOR));
    assert_int_equal(m->invert, 1);
    assert_int_equal(m->centred, 1);
    assert_near(m->dead_zone, 0.08, 0.0);
    assert_near(m->exponent, 1.8, 0.0);
    /* the right trigger: half travel, onto the right pedal */
    m = &cfg.map[pad->first + 3];
    assert_int_equal(m->index, 5);
    assert_int_equal(m->half, 1);
    assert_int_equal(m->centred, 0);
    assert_near(m->out_lo, 0.0, 0.0);
    assert_near(m->out_hi, -1.0, 0.0);
    /* the stick's hat trims: forward is nose down (pitch trim rises) */
    const controls_group *stick = &cfg.group[4];
    m = &cfg.map[stick->first + stick->count - 2];
    assert_int_equal(m->source, CONTROLS_SRC_HAT);
    assert_int_equal(m->hat_bits, CONTROLS_HAT_UP);
    assert_int_equal(m->behaviour, CONTROLS_RATE_UP);
    assert_int_equal(m->targets, BIT(CONTROLS_PITCH_TRIM));
    /* on the generic stick, full back on y is full up elevator */
    static controls_state s;
    controls_state_init(&s, &cfg);
    int d = attach(&s, &cfg, 4);
    controls_axis(&s, &cfg, d, 1, 32767);
    assert_near(s.value[CONTROLS_ELEVATOR], -1.0, 0.0);
    assert_string_equal(controls_property(CONTROLS_ELEVATOR), "fcs/elevator-cmd-norm");
    assert_string_equal(controls_property(CONTROLS_PROPELLER), "fcs/advance-cmd-norm");
    assert_string_equal(controls_property(CONTROLS_GEAR), "gear/gear-cmd-norm");
}

static void devices_match_by_name_or_guid(void **state)
{
    (void)state;
    static controls_config cfg;
    must_load("<controls>\n"
              "<joystick guid=\"030000006D04000015C2000010010000\"><axis index=\"0\" control=\"aileron\"/></joystick>\n"
              "<joystick name=\"T.16000M\" guid=\"0300000000000000000000000000abcd\"/>\n"
              "<gamepad name=\"*\"/>\n"
              "<joystick name=\"Stick\"/>\n"
              "</controls>",
              &cfg);
    assert_string_equal(cfg.group[0].guid, "030000006d04000015c2000010010000");
    assert_int_equal(controls_config_match(&cfg, "anything", "030000006d04000015c2000010010000", 0), 0);
    assert_int_equal(controls_config_match(&cfg, "Thrustmaster T.16000M", "0300000000000000000000000000ABCD", 0), 1);
    /* name and GUID must both match */
    assert_int_equal(controls_config_match(&cfg, "Thrustmaster T.16000M", "03000000000000000000000000000000", 0), -1);
    assert_int_equal(controls_config_match(&cfg, "Joystick", "", 1), 2);
    assert_int_equal(controls_config_match(&cfg, "my stick", "", 0), 3);
    assert_int_equal(controls_config_match(&cfg, "my yoke", "", 0), -1);
    assert_int_equal(controls_config_match(&cfg, NULL, NULL, 0), -1);
}

/* Replaces the first `from` in `base` with `to` and expects an error
 * containing `msg`. */
static void expect_error(const char *base, const char *from, const char *to, const char *msg)
{
    char text[4096];
    const char *at = strstr(base, from);
    assert_non_null(at);
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - base), base, to, at + strlen(from));
    static controls_config cfg;
    saqr_err err;
    assert_int_equal(load_text(text, &cfg, &err), SAQR_EPARSE);
    if (!strstr(err.msg, msg))
        fail_msg("error \"%s\" does not say \"%s\"", err.msg, msg);
    assert_int_equal(cfg.ngroups, 0); /* a failed read leaves nothing */
}

static const char pad_cfg[] = "<controls>\n<gamepad name=\"*\">\n<axis name=\"leftx\" control=\"aileron\"/>\n"
                              "<button name=\"a\" control=\"gear\"/>\n</gamepad>\n</controls>\n";

/* A valid file, a change to it (the first `from` becomes `to`) and the
 * error it must give. */
static const struct {
    const char *base, *from, *to, *msg;
} bad_files[] = {
    {buttons_cfg, "control=\"gear\"", "control=\"landing-gear\"", "c.xml:4: unknown control \"landing-gear\""},
    {buttons_cfg, "<axis index=\"1\"", "<axis index=\"32\"", "c.xml:13: axis index 32 is out of range (0..31)"},
    {buttons_cfg, "<button index=\"0\"", "<button index=\"128\"", "c.xml:4: button index 128 is out of range"},
    {buttons_cfg, "<button index=\"0\"", "<button index=\"1.5\"", "c.xml:4: button index 1.5 is out of range"},
    {buttons_cfg, "<hat index=\"0\"", "<hat index=\"8\"", "c.xml:11: hat index 8 is out of range (0..7)"},
    {buttons_cfg, "invert=\"yes\"", "invert=\"yes\" dead-zone=\"1\"",
      "c.xml:13: dead-zone=1 must be at least 0 and below 1"},
    {buttons_cfg, "invert=\"yes\"", "dead-zone=\"-0.1\"", "c.xml:13: dead-zone=-0.1 must be"},
    {buttons_cfg, "invert=\"yes\"", "curve=\"0.5\"", "c.xml:13: curve=0.5 (an exponent) must be between 1 and 10"},
    {buttons_cfg, "invert=\"yes\"", "invert=\"true\"", "c.xml:13: invert= is \"no\" or \"yes\", not true"},
    {buttons_cfg, "invert=\"yes\"", "range=\"-1 2\"", "c.xml:13: range= 2 is outside the control's -1..1"},
    {buttons_cfg, "invert=\"yes\"", "range=\"1 1\"", "c.xml:13: range= needs two different numbers"},
    {buttons_cfg, "invert=\"yes\"", "range=\"-1 x\"", "c.xml:13: range=\"-1 x\" is not a list of numbers"},
    {buttons_cfg, "<button index=\"2\"", "<button index=\"1\"",
      "c.xml:6: duplicate mapping: button 1 is mapped already at line 5"},
    {buttons_cfg, "direction=\"down\"", "direction=\"up\"",
      "c.xml:12: duplicate mapping: hat 0 up is mapped already at line 11"},
    {buttons_cfg, "name=\"other\"", "name=\"*\"", "c.xml:16: duplicate device section: line 3 has the same one"},
    {buttons_cfg, "control=\"gear\"", "control=\"elevator\"", "c.xml:4: control \"elevator\" is for an axis"},
    {buttons_cfg, "control=\"elevator\" invert", "control=\"gear\" invert",
      "c.xml:13: control \"gear\" is for a button"},
    {buttons_cfg, "control=\"gear\"", "", "c.xml:4: <button> needs control="},
    {buttons_cfg, "control=\"gear\"", "control=\"gear\" rate=\"1\"", "c.xml:4: rate= is only for"},
    {buttons_cfg, "rate=\"0.25\"", "rate=\"0\"", "c.xml:10: rate=0 must be above 0"},
    {buttons_cfg, "<button index=\"3\"", "<knob index=\"3\"", "c.xml:7: unknown element knob"},
    {buttons_cfg, "<button index=\"3\" control=\"brakes\"", "<button index=\"3\" control=\"brakes\" color=\"red\"",
      "c.xml:7: <button> has no attribute \"color\""},
    {buttons_cfg, "detents=\"0 0.395 1\"", "detents=\"0 1 0.5\"", "c.xml:2: flap detents must ascend within 0..1"},
    {buttons_cfg, "<flaps detents", "<flaps detents=\"0 1\"/><flaps detents", "c.xml:2: a second <flaps>"},
    {buttons_cfg, "<joystick name=\"*\"", "<joystick", "c.xml:3: <joystick> needs name="},
    {buttons_cfg, "name=\"other\"", "guid=\"12\"", "c.xml:16: guid= is SDL's GUID, 32 hexadecimal digits"},
    {buttons_cfg, "<controls>", "<control>", "c.xml:20: Opening and ending tag mismatch"},
    {"<ctl/>", "<ctl/>", "<ctl/>", "c.xml:1: the root element must be <controls>"},
    {buttons_cfg, "</joystick>\n  <joystick name=\"other\">", "</joystik>\n  <joystick name=\"other\">",
      "c.xml:15: Opening and ending tag mismatch"},
    {pad_cfg, "name=\"leftx\"", "name=\"lx\"", "c.xml:3: \"lx\" is not a gamepad axis"},
    {pad_cfg, "name=\"a\"", "index=\"0\"", "c.xml:4: a gamepad <button> is named"},
    {pad_cfg, "name=\"a\"", "name=\"leftx\"", "c.xml:4: \"leftx\" is not a gamepad button"},
    {pad_cfg, "<button name=\"a\" control=\"gear\"/>",
     "<button name=\"a\" control=\"flaps-up\"/><button name=\"a\" control=\"flaps-down\"/>",
      "c.xml:4: duplicate mapping: button \"a\""},
    {pad_cfg, "<gamepad name=\"*\">", "<gamepad name=\"*\"><hat index=\"0\" direction=\"up\" control=\"gear\"/>",
      "c.xml:2: a gamepad has no <hat>"},
    {buttons_cfg, "<axis index=\"1\"", "<axis name=\"lefty\"", "c.xml:13: a joystick <axis> is numbered"},
    {"<controls>\n<flaps detents=\"0 1\"/>\n</controls>", "<flaps", "<flaps",
      "c.xml:1: no <joystick> or <gamepad> section"},
    {buttons_cfg, "invert=\"yes\"", "reheat-detent=\"0.8\"", "c.xml:13: reheat-detent= is only for a throttle axis"},
    {throttle_cfg, "reheat-detent=\"0.85\"", "reheat-detent=\"1\"", "c.xml:3: reheat-detent=1 must be above 0 and below 1"},
    {throttle_cfg, "reheat-detent=\"0.85\"", "reheat-detent=\"0\"", "c.xml:3: reheat-detent=0 must be above 0"},
    {throttle_cfg, "reheat-detent=\"0.85\"", "reheat-detent=\"x\"", "c.xml:3: reheat-detent"},
};

static void bad_files_are_errors_with_file_and_line(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_files / sizeof bad_files[0]; i++)
        expect_error(bad_files[i].base, bad_files[i].from, bad_files[i].to, bad_files[i].msg);
}

static void a_missing_or_bad_file_is_named_in_the_error(void **state)
{
    (void)state;
    static controls_config cfg;
    saqr_err err;
    err_clear(&err);
    assert_int_equal(controls_config_load("/nonexistent/controls.xml", &cfg, &err), SAQR_EIO);
    assert_non_null(strstr(err.msg, "/nonexistent/controls.xml"));
    char dir[] = "/tmp/saqr-controls-XXXXXX", path[128];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/mine.xml", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("<controls>\n  <joystick name=\"*\">\n    <axis index=\"0\" control=\"aileron\" curve=\"0.9\"/>\n"
          "  </joystick>\n</controls>\n",
          f);
    fclose(f);
    assert_int_equal(controls_config_load(path, &cfg, &err), SAQR_EPARSE);
    char want[192];
    snprintf(want, sizeof want, "%s:3: curve=0.9", path);
    if (!strstr(err.msg, want))
        fail_msg("error \"%s\" does not say \"%s\"", err.msg, want);
    unlink(path);
    rmdir(dir);
}

static void the_gamepad_names_are_sdls_own(void **state)
{
    (void)state;
    /* SDL's string for each enum value is the independent fact */
    for (int i = 0; i < CONTROLS_PAD_AXES; i++)
        assert_string_equal(controls_pad_axis_name(i), SDL_GameControllerGetStringForAxis((SDL_GameControllerAxis)i));
    for (int i = 0; i < CONTROLS_PAD_BUTTONS; i++)
        assert_string_equal(controls_pad_button_name(i),
                            SDL_GameControllerGetStringForButton((SDL_GameControllerButton)i));
    assert_int_equal(CONTROLS_PAD_AXES, SDL_CONTROLLER_AXIS_MAX);
    assert_int_equal(CONTROLS_PAD_BUTTONS, SDL_CONTROLLER_BUTTON_MAX);
    assert_int_equal(CONTROLS_HAT_UP, SDL_HAT_UP);
    assert_int_equal(CONTROLS_HAT_LEFT, SDL_HAT_LEFT);
    assert_null(controls_pad_axis_name(CONTROLS_PAD_AXES));
    assert_null(controls_pad_button_name(-1));
}

/* ================================================================ SDL */

static const char sdl_cfg[] = "<controls>\n"
                              "<joystick name=\"saqr test stick\">\n"
                              "  <axis index=\"1\" control=\"elevator\" invert=\"yes\"/>\n"
                              "  <button index=\"0\" control=\"gear\"/>\n"
                              "  <hat index=\"0\" direction=\"up\" control=\"trim-down\" rate=\"0.5\"/>\n"
                              "</joystick>\n"
                              "<gamepad name=\"saqr test pad\">\n"
                              "  <axis name=\"leftx\" control=\"aileron\"/>\n"
                              "  <axis name=\"lefttrigger\" control=\"rudder\" range=\"0 1\"/>\n"
                              "  <button name=\"y\" control=\"flaps-down\"/>\n"
                              "</gamepad>\n"
                              "</controls>\n";

/* SDL opened with sdl_cfg, no display. */
static controls_sdl *open_sdl(controls_config *cfg, controls_state *s)
{
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    must_load(sdl_cfg, cfg);
    controls_state_init(s, cfg);
    controls_sdl *sdl = NULL;
    saqr_err err;
    err_clear(&err);
    if (controls_sdl_open(cfg, NULL, s, &sdl, &err) != SAQR_OK)
        fail_msg("%s", err.msg);
    assert_non_null(sdl);
    return sdl;
}

static void sdl_opens_polls_and_closes_with_no_device(void **state)
{
    (void)state;
    static controls_config cfg;
    static controls_state s;
    saqr_err err;
    controls_sdl *sdl = open_sdl(&cfg, &s);
    /* what SDL sees is listed: on a test machine, no device */
    assert_int_equal(controls_sdl_device_count(sdl), SDL_NumJoysticks());
    assert_int_equal(SDL_WasInit(SDL_INIT_VIDEO | SDL_INIT_AUDIO), 0);
    if (SDL_NumJoysticks() == 0) {
        for (int i = 0; i < 10; i++)
            assert_int_equal(controls_sdl_poll(sdl, &s, 0.02, &err), SAQR_OK);
        assert_int_equal(controls_take_changed(&s), 0);
        assert_near(s.value[CONTROLS_GEAR], 1.0, 0.0);
        controls_device_info info;
        assert_int_equal(controls_sdl_device(sdl, 0, &info, &err), SAQR_EINVAL);
    }
    assert_int_equal(controls_sdl_poll(sdl, &s, -1.0, &err), SAQR_EINVAL);
    controls_sdl_close(sdl);
    /* SDL is down again: nothing of it stays started */
    assert_int_equal(SDL_WasInit(SDL_INIT_EVERYTHING), 0);
    controls_sdl_close(NULL);
    assert_int_equal(controls_sdl_open(NULL, NULL, &s, &sdl, &err), SAQR_EINVAL);
    assert_null(sdl);
}

/* The listed device called `name`, or -1. */
static int listed(const controls_sdl *sdl, const char *name, controls_device_info *info)
{
    for (int i = 0; i < controls_sdl_device_count(sdl); i++)
        if (controls_sdl_device(sdl, i, info, NULL) == SAQR_OK && strcmp(info->name, name) == 0)
            return i;
    return -1;
}

/* The SDL handle of the open virtual device with SDL device index `index`. */
static SDL_Joystick *opened(int index)
{
    SDL_Joystick *j = SDL_JoystickFromInstanceID(SDL_JoystickGetDeviceInstanceID(index));
    assert_non_null(j);
    return j;
}

static void sdl_devices_plugged_in_and_out_while_running_drive_the_controls(void **state)
{
    (void)state;
    static controls_config cfg;
    static controls_state s;
    saqr_err err;
    controls_sdl *sdl = open_sdl(&cfg, &s);
    int before = controls_sdl_device_count(sdl);
    int stick = virtual_joystick_plug(SDL_JOYSTICK_TYPE_FLIGHT_STICK, "Saqr Test Stick", 4, 4, 1);
    if (stick < 0) {
        controls_sdl_close(sdl);
        skip(); /* this SDL has no virtual joystick driver */
    }
    assert_int_equal(controls_sdl_poll(sdl, &s, 0.02, &err), SAQR_OK);
    controls_device_info info;
    assert_int_equal(controls_sdl_device_count(sdl), before + 1);
    assert_true(listed(sdl, "Saqr Test Stick", &info) >= 0);
    assert_int_equal(info.group, 0);
    assert_int_equal(info.gamepad, 0);
    assert_true(info.slot >= 0);
    assert_int_equal((int)strlen(info.guid), CONTROLS_GUID_LEN);
    controls_take_changed(&s);
    /* stick pushed fully forward: elevator +1 (nose down) */
    SDL_Joystick *j = opened(stick);
    assert_int_equal(SDL_JoystickSetVirtualAxis(j, 1, -32768), 0);
    assert_int_equal(SDL_JoystickSetVirtualButton(j, 0, SDL_PRESSED), 0);
    assert_int_equal(SDL_JoystickSetVirtualHat(j, 0, SDL_HAT_UP), 0);
    assert_int_equal(controls_sdl_poll(sdl, &s, 0.1, &err), SAQR_OK);
    assert_near(s.value[CONTROLS_ELEVATOR], 1.0, 0.0);
    assert_near(s.value[CONTROLS_GEAR], 0.0, 0.0);         /* toggled up */
    assert_near(s.value[CONTROLS_PITCH_TRIM], 0.05, 1e-12); /* 0.5/s for 0.1 s */
    assert_int_equal(controls_take_changed(&s),
                     BIT(CONTROLS_ELEVATOR) | BIT(CONTROLS_GEAR) | BIT(CONTROLS_PITCH_TRIM));
    /* held: the gear does not toggle again, the trim runs on */
    assert_int_equal(controls_sdl_poll(sdl, &s, 0.1, &err), SAQR_OK);
    assert_near(s.value[CONTROLS_GEAR], 0.0, 0.0);
    assert_near(s.value[CONTROLS_PITCH_TRIM], 0.1, 1e-12);
    /* a gamepad arrives too */
    int pad = virtual_joystick_plug(SDL_JOYSTICK_TYPE_GAMECONTROLLER, "Saqr Test Pad", SDL_CONTROLLER_AXIS_MAX,
                   SDL_CONTROLLER_BUTTON_MAX, 0);
    assert_true(pad >= 0);
    assert_int_equal(controls_sdl_poll(sdl, &s, 0.02, &err), SAQR_OK);
    assert_true(listed(sdl, "Saqr Test Pad", &info) >= 0);
    assert_int_equal(info.gamepad, 1);
    assert_int_equal(info.group, 1);
    assert_true(info.slot >= 0);
    SDL_Joystick *p = opened(pad);
    /* a virtual trigger is a full-range joystick axis: SDL's controller
     * layer makes it 0..32767 */
    assert_int_equal(SDL_JoystickSetVirtualAxis(p, SDL_CONTROLLER_AXIS_LEFTX, 32767), 0);
    assert_int_equal(SDL_JoystickSetVirtualAxis(p, SDL_CONTROLLER_AXIS_TRIGGERLEFT, 32767), 0);
    assert_int_equal(SDL_JoystickSetVirtualButton(p, SDL_CONTROLLER_BUTTON_Y, SDL_PRESSED), 0);
    assert_int_equal(controls_sdl_poll(sdl, &s, 0.02, &err), SAQR_OK);
    assert_near(s.value[CONTROLS_AILERON], 1.0, 0.0);
    assert_near(s.value[CONTROLS_RUDDER], 1.0, 0.0);
    assert_near(s.value[CONTROLS_FLAPS], 0.5, 0.0);
    /* the stick is pulled out: its slot frees, its commands stay */
    int stick_slot = -1;
    assert_true(listed(sdl, "Saqr Test Stick", &info) >= 0);
    stick_slot = info.slot;
    assert_int_equal(SDL_JoystickDetachVirtual(stick), 0);
    assert_int_equal(controls_sdl_poll(sdl, &s, 0.02, &err), SAQR_OK);
    assert_int_equal(listed(sdl, "Saqr Test Stick", &info), -1);
    assert_int_equal(s.dev[stick_slot].group, -1);
    assert_near(s.value[CONTROLS_ELEVATOR], 1.0, 0.0);
    double trim = s.value[CONTROLS_PITCH_TRIM];
    assert_int_equal(controls_sdl_poll(sdl, &s, 0.5, &err), SAQR_OK);
    assert_near(s.value[CONTROLS_PITCH_TRIM], trim, 0.0); /* the hat went with it */
    /* the pad too (its index moved down when the stick left) */
    int pad_index = -1;
    for (int i = 0; i < SDL_NumJoysticks(); i++)
        if (SDL_JoystickIsVirtual(i) && strcmp(SDL_JoystickNameForIndex(i), "Saqr Test Pad") == 0)
            pad_index = i;
    assert_true(pad_index >= 0);
    assert_int_equal(SDL_JoystickDetachVirtual(pad_index), 0);
    assert_int_equal(controls_sdl_poll(sdl, &s, 0.02, &err), SAQR_OK);
    assert_int_equal(controls_sdl_device_count(sdl), before);
    controls_sdl_close(sdl);
    assert_int_equal(SDL_WasInit(SDL_INIT_EVERYTHING), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_centred_dead_zone_has_no_step_at_its_edges),
        cmocka_unit_test(the_curve_is_an_exponent_applied_symmetrically),
        cmocka_unit_test(inversion_reverses_the_axis_before_shaping),
        cmocka_unit_test(a_throttle_dead_zone_sits_at_the_idle_end),
        cmocka_unit_test(the_output_range_maps_the_ends_of_the_travel),
        cmocka_unit_test(the_gear_toggles_on_the_press_not_while_held),
        cmocka_unit_test(flaps_step_through_the_detents_one_per_press),
        cmocka_unit_test(brakes_are_held_by_a_button_and_released_when_unplugged),
        cmocka_unit_test(trim_moves_at_its_rate_while_held),
        cmocka_unit_test(without_input_the_callers_commands_are_left_alone),
        cmocka_unit_test(the_last_device_moved_drives_a_shared_control),
        cmocka_unit_test(two_triggers_share_the_rudder),
        cmocka_unit_test(a_throttle_quadrants_gate_is_the_aircrafts_military_detent),
        cmocka_unit_test(the_default_file_maps_stick_throttle_pedals_and_a_gamepad),
        cmocka_unit_test(devices_match_by_name_or_guid),
        cmocka_unit_test(bad_files_are_errors_with_file_and_line),
        cmocka_unit_test(a_missing_or_bad_file_is_named_in_the_error),
        cmocka_unit_test(the_gamepad_names_are_sdls_own),
        cmocka_unit_test(sdl_opens_polls_and_closes_with_no_device),
        cmocka_unit_test(sdl_devices_plugged_in_and_out_while_running_drive_the_controls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
