/*
 * test_fcs.c - flight-control component dynamics against hand computation
 * from JSBSim's documented formulas (FGFilter Tustin coefficients,
 * FGActuator, FGPID, FGKinemat, FGSwitch, FGSummer, FGGain, FGDeadBand,
 * FGSensor, FGFCSChannel execrate, FGFCS command copies), and the
 * behaviour JSBSim's own tests ask of FGDistributor, FGLinearActuator and
 * FGMagnetometer (JSBSim tests/TestDistributor.py, TestLinearActuator.py,
 * TestMagnetometer.py), the magnetometer's field against the vector law of
 * a centred dipole.
 */
#include <math.h>

#include "fcs_test_util.h"

#define PI 3.14159265358979323846

#define DT 0.01

static void lag_filter_step_response_follows_the_tustin_recursion(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open_with(&x,
            "<system><channel name='a'>"
            "<lag_filter name='lag'><input>in</input><c1>2.0</c1></lag_filter>"
            "</channel></system>", DT);
    fx_set(&x, "in", 1.0);
    /* first run seeds the history with JSBSim's stored input, 0 */
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/lag"), 0.0, 0.0);
    double ca = DT * 2.0 / (2.0 + DT * 2.0), cb = (2.0 - DT * 2.0) / (2.0 + DT * 2.0);
    /* frame n >= 2: y = 1 - (1 - ca) cb^(n-2) */
    fx_run(&x, 49);
    double expected = 1.0 - (1.0 - ca) * pow(cb, 48);
    assert_near(fx_get(&x, "fcs/lag"), expected, 1e-12);
    /* and close to the continuous response 1 - exp(-c1 t); the trapezoid
     * sees the step half a frame early: 48.5 frames */
    assert_near(fx_get(&x, "fcs/lag"), 1.0 - exp(-2.0 * 48.5 * DT), 1e-4);
    fx_close(&x);
}

static void washout_and_lead_lag_filters_reach_their_dc_gains(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open_with(&x,
            "<system><channel name='a'>"
            "<washout_filter name='wo'><input>in</input><c1>5</c1></washout_filter>"
            "<lead_lag_filter name='ll'><input>in</input><c1>1</c1><c2>3</c2><c3>1</c3><c4>2</c4>"
            "</lead_lag_filter>"
            "<second_order_filter name='so'><input>in</input><c1>0</c1><c2>0</c2><c3>4</c3>"
            "<c4>1</c4><c5>2</c5><c6>4</c6></second_order_filter>"
            "</channel></system>", DT);
    fx_run(&x, 1);
    fx_set(&x, "in", 1.0);
    fx_run(&x, 1);
    /* washout: ca * (1 - 0) on the step */
    assert_near(fx_get(&x, "fcs/wo"), 2.0 / (2.0 + DT * 5.0), 1e-15);
    /* lead-lag: ca * 1 with ca = (2 c1 + dt c2) / (2 c3 + dt c4) */
    assert_near(fx_get(&x, "fcs/ll"), (2.0 + DT * 3.0) / (2.0 + DT * 2.0), 1e-15);
    fx_run(&x, 3000);
    assert_near(fx_get(&x, "fcs/wo"), 0.0, 1e-9);
    assert_near(fx_get(&x, "fcs/ll"), 3.0 / 2.0, 1e-9);
    assert_near(fx_get(&x, "fcs/so"), 1.0, 1e-9);
    fx_close(&x);
}

static void gains_summer_and_deadband_compute_jsbsim_formulas(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open_with(&x,
            "<system><channel name='a'>"
            "<pure_gain name='Pitch Gain'><input>-in</input><gain>2.5</gain></pure_gain>"
            "<aerosurface_scale name='zc'><input>in</input><range><min>-0.3</min><max>0.2</max></range>"
            "</aerosurface_scale>"
            "<aerosurface_scale name='lin'><input>in</input><zero_centered>false</zero_centered>"
            "<domain><min>-1</min><max>1</max></domain><range><min>0</min><max>10</max></range>"
            "<gain>2</gain></aerosurface_scale>"
            "<summer name='sum'><input>in</input><input>-fcs/pitch-gain</input><bias>0.5</bias>"
            "<clipto><min>-1</min><max>1.2</max></clipto></summer>"
            "<deadband name='db'><input>in</input><width>0.2</width><gain>3</gain></deadband>"
            "<scheduled_gain name='sg'><input>in</input><table><independentVar>sched</independentVar>"
            "<tableData> 0 1\n 10 3 </tableData></table><gain>2</gain></scheduled_gain>"
            "</channel></system>", DT);
    fx_set(&x, "in", -0.5);
    fx_set(&x, "sched", 5.0);
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/pitch-gain"), 1.25, 1e-15);
    assert_near(fx_get(&x, "fcs/zc"), (-0.5 / -1.0) * -0.3, 1e-15);
    assert_near(fx_get(&x, "fcs/lin"), 2.0 * (0.0 + (-0.5 + 1.0) / 2.0 * 10.0), 1e-15);
    /* -0.5 - 1.25 + 0.5 = -1.25, clipped to -1 */
    assert_near(fx_get(&x, "fcs/sum"), -1.0, 1e-15);
    assert_near(fx_get(&x, "fcs/db"), (-0.5 + 0.1) * 3.0, 1e-15);
    assert_near(fx_get(&x, "fcs/sg"), 2.0 * 2.0 * -0.5, 1e-15);
    fx_set(&x, "in", 0.05);
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/db"), 0.0, 0.0);
    assert_near(fx_get(&x, "fcs/zc"), 0.05 * 0.2, 1e-15);
    fx_close(&x);
}

static void cyclic_clip_wraps_into_the_range(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open_with(&x,
            "<system><channel name='a'>"
            "<pure_gain name='hdg'><input>in</input><gain>1</gain>"
            "<clipto type='cyclic'><min>0</min><max>360</max></clipto></pure_gain>"
            "</channel></system>", DT);
    fx_set(&x, "in", -30.0);
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/hdg"), 330.0, 1e-12);
    fx_set(&x, "in", 725.0);
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/hdg"), 5.0, 1e-12);
    fx_close(&x);
}

static void switch_takes_the_first_passing_test_else_the_default(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open_with(&x,
            "<system><channel name='a'>"
            "<switch name='sw'>"
            "<test logic='AND' value='1'>a ge 2\n b == c</test>"
            "<test logic='OR' value='-v'>a lt 0<test logic='AND'>b GT 5\n c NE 0</test></test>"
            "<default value='7'/>"
            "<output>out2</output>"
            "</switch></channel></system>", DT);
    fx_set(&x, "v", 4.0);
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/sw"), 7.0, 0.0);
    assert_near(fx_get(&x, "out2"), 7.0, 0.0);
    fx_set(&x, "a", 3.0);
    fx_run(&x, 1); /* a ge 2 and b == c (0 == 0) */
    assert_near(fx_get(&x, "fcs/sw"), 1.0, 0.0);
    fx_set(&x, "c", 1.0);
    fx_run(&x, 1); /* first test fails; nested group needs b > 5 */
    assert_near(fx_get(&x, "fcs/sw"), 7.0, 0.0);
    fx_set(&x, "b", 6.0);
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/sw"), -4.0, 0.0);
    fx_close(&x);
}

static void switch_delay_holds_the_value_for_the_given_frames(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open_with(&x,
            "<system><channel name='a'>"
            "<switch name='sw'><default value='0'/><test value='1'>a == 1</test>"
            "<delay type='frames'>3</delay></switch></channel></system>", DT);
    fx_set(&x, "a", 1.0);
    double seen[5];
    for (int i = 0; i < 5; i++) {
        fx_run(&x, 1);
        seen[i] = fx_get(&x, "fcs/sw");
    }
    assert_near(seen[0], 0.0, 0.0);
    assert_near(seen[1], 0.0, 0.0);
    assert_near(seen[2], 1.0, 0.0);
    assert_near(seen[4], 1.0, 0.0);
    fx_close(&x);
}

static void actuator_rate_limit_moves_at_the_limit_rate(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open_with(&x,
            "<system><channel name='a'>"
            "<actuator name='act'><input>in</input>"
            "<rate_limit sense='incr'>2</rate_limit><rate_limit sense='decr'>rl</rate_limit>"
            "<clipto><min>-1</min><max>0.5</max></clipto></actuator>"
            "</channel></system>", DT);
    fx_set(&x, "rl", 4.0);
    fx_run(&x, 1); /* first run passes the input (0) */
    fx_set(&x, "in", 1.0);
    fx_run(&x, 10);
    assert_near(fx_get(&x, "fcs/act"), 10 * 2.0 * DT, 1e-12);
    assert_near(fx_get(&x, "fcs/act/saturated"), 0.0, 0.0);
    fx_run(&x, 30);
    assert_near(fx_get(&x, "fcs/act"), 0.5, 1e-12);
    assert_near(fx_get(&x, "fcs/act/saturated"), 1.0, 0.0);
    /* the limiter kept integrating past the clip: 40 frames x 0.02 = 0.8
     * (reached 1.0 after 50); going down it moves 0.04 per frame */
    fx_set(&x, "in", -1.0);
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/act"), 0.5, 1e-12);
    fx_run(&x, 24);
    assert_near(fx_get(&x, "fcs/act"), 0.8 - 25 * 4.0 * DT, 1e-12);
    fx_close(&x);
}

static void actuator_lag_hysteresis_bias_and_failures(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open_with(&x,
            "<system><channel name='a'>"
            "<actuator name='lag'><input>in</input><lag>10</lag></actuator>"
            "<actuator name='hyst'><input>in</input><hysteresis_width>0.4</hysteresis_width>"
            "<bias>0.1</bias><clipto><min>-2</min><max>2</max></clipto></actuator>"
            "</channel></system>", DT);
    fx_run(&x, 1);
    fx_set(&x, "in", 1.0);
    fx_run(&x, 1);
    double ca = DT * 10.0 / (2.0 + DT * 10.0);
    assert_near(fx_get(&x, "fcs/lag"), ca, 1e-15);
    /* hysteresis: output moves to input - width/2 = 0.8, plus bias */
    assert_near(fx_get(&x, "fcs/hyst"), 0.8 + 0.1, 1e-15);
    fx_set(&x, "in", 0.7);
    fx_run(&x, 1); /* inside the band: holds 0.8 */
    assert_near(fx_get(&x, "fcs/hyst"), 0.9, 1e-15);
    fx_set(&x, "fcs/hyst/malfunction/fail_hardover", 1.0);
    fx_run(&x, 1); /* input = clip max 2, through hysteresis and bias */
    assert_near(fx_get(&x, "fcs/hyst"), 2.0 - 0.2 + 0.1, 1e-15);
    fx_set(&x, "fcs/hyst/malfunction/fail_hardover", 0.0);
    fx_set(&x, "fcs/hyst/malfunction/fail_stuck", 1.0);
    fx_set(&x, "in", -1.0);
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/hyst"), 1.9, 1e-15);
    fx_close(&x);
}

static void pid_integrates_with_the_chosen_rule_and_trigger(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open_with(&x,
            "<system><channel name='a'>"
            "<pid name='p'><input>e</input><kp>2</kp><ki type='rect'>3</ki><kd>0.5</kd>"
            "<trigger>trig</trigger></pid>"
            "<pid name='ab2'><input>e</input><ki>1</ki></pid>"
            "<integrator name='i'><input>e</input><c1>1</c1></integrator>"
            "</channel></system>", DT);
    fx_set(&x, "e", 1.0);
    fx_run(&x, 1);
    /* P 2, I 3*dt*1, D 0.5 * (1 - 0)/dt */
    assert_near(fx_get(&x, "fcs/p"), 2.0 + 3.0 * DT + 0.5 / DT, 1e-12);
    assert_near(fx_get(&x, "fcs/ab2"), 1.5 * DT, 1e-15);
    assert_near(fx_get(&x, "fcs/i"), 0.5 * DT, 1e-15);
    fx_run(&x, 9);
    assert_near(fx_get(&x, "fcs/p"), 2.0 + 30.0 * DT, 1e-12);
    assert_near(fx_get(&x, "fcs/ab2"), 1.5 * DT + 9 * DT, 1e-12);
    assert_near(fx_get(&x, "fcs/i"), 0.5 * DT + 9 * DT, 1e-12);
    fx_set(&x, "trig", 1.0); /* hold */
    fx_run(&x, 5);
    assert_near(fx_get(&x, "fcs/p"), 2.0 + 30.0 * DT, 1e-12);
    fx_set(&x, "trig", -1.0); /* reset */
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/p"), 2.0, 1e-12);
    fx_set(&x, "trig", 0.0);
    fx_set(&x, "fcs/p/initial-integrator-value", 5.0);
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/p"), 2.0 + 5.0 + 3.0 * DT, 1e-12);
    fx_close(&x);
}

static void kinematic_travels_between_detents_at_the_set_times(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open_with(&x,
            "<system><channel name='a'>"
            "<kinematic name='flaps'><input>fcs/flap-cmd-norm</input><traverse>"
            "<setting><position>0</position><time>0</time></setting>"
            "<setting><position>10</position><time>2</time></setting>"
            "<setting><position>30</position><time>1</time></setting>"
            "</traverse><output>fcs/flap-pos-deg</output></kinematic>"
            "</channel></system>", DT);
    fx_set(&x, "fcs/flap-cmd-norm", 1.0);
    fx_run(&x, 100); /* 1 s at 5 deg/s */
    assert_near(fx_get(&x, "fcs/flaps"), 5.0, 1e-9);
    assert_near(fx_get(&x, "fcs/flap-pos-rad"), 5.0 * PI / 180.0, 1e-9);
    fx_run(&x, 150); /* 1 s more to 10, then 0.5 s at 20 deg/s */
    assert_near(fx_get(&x, "fcs/flaps"), 20.0, 1e-9);
    fx_run(&x, 100);
    assert_near(fx_get(&x, "fcs/flaps"), 30.0, 1e-12);
    fx_close(&x);
}

static void sensor_applies_lag_bias_gain_and_quantization(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open_with(&x,
            "<system><channel name='a'>"
            "<sensor name='s'><input>in</input><bias>0.003</bias><gain>2</gain>"
            "<quantization name='s-q'><bits>4</bits><min>0</min><max>16</max></quantization></sensor>"
            "<sensor name='n'><input>in</input><noise variation='ABSOLUTE' distribution='UNIFORM'>0.1</noise></sensor>"
            "<sensor name='l'><input>in</input><lag>5</lag></sensor>"
            "</channel></system>", DT);
    fx_set(&x, "in", 3.3);
    fx_run(&x, 1);
    /* 2*3.3 + 0.003 = 6.603 -> 16/16 = 1 per count -> 6 */
    assert_near(fx_get(&x, "fcs/s"), 6.0, 1e-15);
    assert_near(fx_get(&x, "fcs/s-q"), 6.0, 0.0);
    double ca = DT * 5.0 / (2.0 + DT * 5.0);
    assert_near(fx_get(&x, "fcs/l"), ca * 3.3, 1e-15);
    for (int i = 0; i < 50; i++) {
        fx_run(&x, 1);
        double nv = fx_get(&x, "fcs/n");
        assert_true(nv >= 3.2 && nv < 3.4);
    }
    fx_close(&x);
}

static void channel_execrate_runs_every_nth_frame_with_a_longer_step(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open_with(&x,
            "<system><channel name='slow' execrate='2'>"
            "<integrator name='i'><input>one</input><c1>1</c1><ki type='rect'/></integrator>"
            "<pid name='r'><input>one</input><ki type='rect'>1</ki></pid>"
            "</channel><channel name='off' execute='on'>"
            "<pure_gain name='g'><input>one</input><gain>1</gain></pure_gain></channel></system>", DT);
    fx_set(&x, "one", 1.0);
    fx_run(&x, 1); /* counter starts at the rate: first frame skipped */
    assert_near(fx_get(&x, "fcs/r"), 0.0, 0.0);
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/r"), 2.0 * DT, 1e-15);
    fx_run(&x, 4);
    assert_near(fx_get(&x, "fcs/r"), 3 * 2.0 * DT, 1e-15);
    assert_near(fx_get(&x, "fcs/g"), 0.0, 0.0);
    fx_set(&x, "on", 1.0);
    fx_run(&x, 2);
    assert_near(fx_get(&x, "fcs/g"), 1.0, 0.0);
    assert_near(fx_get(&x, "fcs/r"), 4 * 2.0 * DT, 1e-15);
    /* at dt = 0 (initialisation) the frame counter stands still, so a
     * channel due to run runs every frame, with its nominal step */
    x.env.dt_s = 0.0;
    fx_run(&x, 2);
    assert_near(fx_get(&x, "fcs/r"), 6 * 2.0 * DT, 1e-15);
    fx_close(&x);
}

/* A batch's copy of an FCS (fcs_clone) shares the channels and components
 * and keeps its own component states and execrate frame counts: the copy
 * and the original, run from different frames on, each count and
 * integrate for themselves. */
static void a_clone_counts_and_integrates_for_itself(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open_with(&x,
            "<system><channel name='slow' execrate='3'>"
            "<pid name='i'><input>one</input><ki type='rect'>1</ki></pid>"
            "</channel></system>", DT);
    fx_set(&x, "one", 1.0);
    fx_run(&x, 4); /* the original runs at frame 3: its count is now 1 */
    prop_tree props;
    assert_int_equal(prop_tree_share(&props, &x.j.props, NULL), SAQR_OK);
    memcpy(props.v, x.j.props.v, (size_t)props.count * sizeof *props.v);
    fcs *copy = fcs_clone(&x.j.ar, &x.j.ar, &props, x.f);
    assert_non_null(copy);
    const int i_slot = fx_slot(&x, "fcs/i");
    /* two frames of the copy alone: its count goes 1 -> 3, so it runs once */
    for (int k = 0; k < 2; k++)
        fcs_run(copy, &x.env, props.v, &x.rng);
    assert_near(props.v[i_slot], 2 * 3.0 * DT, 1e-15);
    /* the original, untouched meanwhile, still needs two frames to run */
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/i"), 3.0 * DT, 1e-15);
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/i"), 2 * 3.0 * DT, 1e-15);
    /* and the copy's integrator went on from its own state */
    for (int k = 0; k < 3; k++)
        fcs_run(copy, &x.env, props.v, &x.rng);
    assert_near(props.v[i_slot], 3 * 3.0 * DT, 1e-15);
    prop_tree_free(&props);
    fx_close(&x);
}

static void engine_commands_are_copied_and_surface_forms_kept_consistent(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open(&x);
    assert_int_equal(fcs_set_engine_count(&x.j.c, x.f, 2), SAQR_OK);
    fx_load(&x,
            "<flight_control name='t'><channel name='a'>"
            "<aerosurface_scale name='el'><input>fcs/elevator-cmd-norm</input>"
            "<range><min>-0.4</min><max>0.4</max></range><output>fcs/elevator-pos-rad</output>"
            "</aerosurface_scale></channel></flight_control>", DT);
    fx_set(&x, "fcs/throttle-cmd-norm[1]", 0.7);
    fx_set(&x, "fcs/mixture-cmd-norm", 0.9);
    fx_set(&x, "fcs/elevator-cmd-norm", -0.5);
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/throttle-pos-norm[1]"), 0.7, 0.0);
    assert_near(fx_get(&x, "fcs/mixture-pos-norm"), 0.9, 0.0);
    assert_near(fx_get(&x, "fcs/elevator-pos-rad"), -0.2, 1e-15);
    assert_near(fx_get(&x, "fcs/elevator-pos-deg"), -0.2 * 180.0 / PI, 1e-12);
    assert_near(fx_get(&x, "fcs/mag-elevator-pos-rad"), 0.2, 1e-15);
    assert_near(fx_get(&x, "gear/gear-pos-norm"), 1.0, 0.0);
    fcs_reset(x.f, x.j.props.v);
    assert_near(fx_get(&x, "fcs/throttle-cmd-norm[1]"), 0.0, 0.0);
    assert_near(fx_get(&x, "fcs/elevator-pos-deg"), 0.0, 0.0);
    fx_close(&x);
}

static void function_angle_and_waypoint_components(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open_with(&x,
            "<system><channel name='a'>"
            "<fcs_function name='f'><input>in</input><function><sum><p>a</p><v>1</v></sum></function>"
            "</fcs_function>"
            "<angle name='ang' unit='DEG'><source_angle unit='DEG'>src</source_angle>"
            "<target_angle unit='DEG'>tgt</target_angle></angle>"
            "<waypoint_heading name='wh' unit='DEG'><target_latitude unit='DEG'>tlat</target_latitude>"
            "<target_longitude unit='DEG'>tlon</target_longitude><source_latitude unit='DEG'>slat</source_latitude>"
            "<source_longitude unit='DEG'>slon</source_longitude></waypoint_heading>"
            "<waypoint_distance name='wd'><target_latitude unit='DEG'>tlat</target_latitude>"
            "<target_longitude unit='DEG'>tlon</target_longitude><source_latitude unit='DEG'>slat</source_latitude>"
            "<source_longitude unit='DEG'>slon</source_longitude></waypoint_distance>"
            "</channel></system>", DT);
    fx_set(&x, "in", 2.0);
    fx_set(&x, "a", 3.0);
    fx_set(&x, "src", 350.0);
    fx_set(&x, "tgt", 20.0);
    fx_set(&x, "tlon", 1.0);
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/f"), 8.0, 1e-15);
    assert_near(fx_get(&x, "fcs/ang"), 30.0, 1e-5);
    /* along the equator the geodesic is the equator: a * dlon, due east */
    assert_near(fx_get(&x, "fcs/wh"), 90.0, 1e-9);
    assert_near(fx_get(&x, "fcs/wd"), 20925646.32546 * 0.017453293, 1e-4);
    /* due north from the equator: heading 0 */
    fx_set(&x, "tlon", 0.0);
    fx_set(&x, "tlat", 1.0);
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/wh"), 0.0, 1e-9);
    fx_close(&x);
}

/* JSBSim's FGAngle: the shortest turn from source to target, clockwise
 * positive, whatever turn each angle is given in. */
static void angle_component_takes_the_shortest_turn(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open_with(&x,
            "<system><channel name='a'>"
            "<angle name='deg' unit='DEG'><source_angle unit='DEG'>src</source_angle>"
            "<target_angle unit='DEG'>tgt</target_angle></angle>"
            "<angle name='rad' unit='RAD'><source_angle unit='RAD'>srcr</source_angle>"
            "<target_angle unit='RAD'>tgtr</target_angle></angle>"
            "</channel></system>", DT);
    static const double cases[][3] = {
        /* source, target, answer (deg) */
        {20.0, 350.0, -30.0},  {350.0, 20.0, 30.0},  {0.0, 179.0, 179.0}, {0.0, 181.0, -179.0},
        {-170.0, 170.0, -20.0}, {90.0, 90.0, 0.0},   {720.0, 10.0, 10.0}, {10.0, -710.0, 0.0},
        {45.0, 45.1, 0.1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fx_set(&x, "src", cases[i][0]);
        fx_set(&x, "tgt", cases[i][1]);
        fx_run(&x, 1);
        /* JSBSim's degree factor (0.017453293) is not pi/180: two turns
         * in it are 3.5e-7 rad from 4 pi, which JSBSim's formula sees too */
        assert_near(fx_get(&x, "fcs/deg"), cases[i][2], 1e-4);
    }
    /* near zero the angle keeps its digits: acos of the dot product would
     * give 0 or ~1.5e-8 rad for this 1e-10 rad turn */
    fx_set(&x, "srcr", 1.0);
    fx_set(&x, "tgtr", 1.0 + 1e-10);
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/rad"), 1e-10, 1e-15);
    /* opposite directions: half a turn, either way */
    fx_set(&x, "srcr", 0.0);
    fx_set(&x, "tgtr", 3.141592653589793);
    fx_run(&x, 1);
    assert_near(fabs(fx_get(&x, "fcs/rad")), 3.141592653589793, 1e-15);
    fx_close(&x);
}

static void gyro_and_accelerometer_sense_along_their_axis(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open_with(&x,
            "<system><channel name='a'>"
            "<gyro name='gy'><axis>X</axis><orientation unit='DEG'><yaw>90</yaw></orientation></gyro>"
            "<accelerometer name='az'><axis>Z</axis><location unit='M'><x>0</x><y>0</y><z>0</z></location>"
            "</accelerometer></channel></system>", DT);
    x.env.omega_inertial_radps[1] = 0.3;
    x.env.accel_body_mps2[2] = -9.0;
    fx_run(&x, 1);
    /* yaw 90 deg turns the sensor x axis onto body y */
    assert_near(fx_get(&x, "fcs/gy"), 0.3, 1e-15);
    assert_near(fx_get(&x, "fcs/az"), -9.0 / 0.3048, 1e-12);
    fx_close(&x);
}

/* JSBSim's FGDistributor: an inclusive distributor sets every case whose
 * test passes, in order (a later case overwrites an earlier one's value);
 * an exclusive one the first passing case only; a case without a test
 * runs every frame in both.  The sequence of JSBSim's TestDistributor.py,
 * on a system of our own. */
static void distributor_sets_passing_cases_in_order_or_the_first_only(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open_with(&x,
            "<system><channel name='a'>"
            "<distributor name='all' type='inclusive'>"
            "<case><test>x lt 0.0</test><property value='-1.0'>r1</property>"
            "<property value='-x'>mag</property></case>"
            "<case><test>x le 0.0</test><property value='0.0'>r1</property></case>"
            "<case><test>x ge 0.0</test><property value='1.0'>r1</property></case>"
            "<case><property value='r1'>copy</property></case>"
            "</distributor>"
            "<distributor name='first' type='exclusive'>"
            "<case><test>x lt 0.0</test><property value='-1.0'>r2</property></case>"
            "<case><test>x le 0.0</test><property value='0.0'>r2</property></case>"
            "<case><test>x ge 0.0</test><property value='1.0'>r2</property></case>"
            "<case><property value='x'>always</property></case>"
            "</distributor>"
            "</channel></system>", DT);
    static const double steps[][6] = {
        /* x, r1, copy, r2, mag, always */
        {-1.5, 0.0, 0.0, -1.0, 1.5, -1.5},
        {0.0, 1.0, 1.0, 0.0, 1.5, 0.0}, /* mag keeps the last value set */
        {1.0, 1.0, 1.0, 1.0, 1.5, 1.0},
        {-0.808, 0.0, 0.0, -1.0, 0.808, -0.808},
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        fx_set(&x, "x", steps[i][0]);
        fx_run(&x, 1);
        assert_near(fx_get(&x, "r1"), steps[i][1], 0.0);
        assert_near(fx_get(&x, "copy"), steps[i][2], 0.0);
        assert_near(fx_get(&x, "r2"), steps[i][3], 0.0);
        assert_near(fx_get(&x, "mag"), steps[i][4], 0.0);
        assert_near(fx_get(&x, "always"), steps[i][5], 0.0);
    }
    fx_close(&x);
}

/* JSBSim's FGLinearActuator with a module of 360: an input that wraps
 * round (a heading, a knob) comes out as a continuous count of turns.
 * JSBSim's TestLinearActuator.py: two and a half turns one way, four the
 * other, and the sequence of its issue GH#485 (small steps across 0/360
 * either way). */
static void linear_actuator_counts_turns_across_its_module(void **state)
{
    (void)state;
    fcs_fixture x;
    static const char sys[] = "<system><channel name='a'>"
                              "<linear_actuator name='turns'><input>knob</input><module>360</module>"
                              "<output>wound</output></linear_actuator>"
                              "</channel></system>";
    fx_open_with(&x, sys, DT);
    fx_run(&x, 1); /* JSBSim's start runs the system once, input 0 */
    for (int v = 0; v < 900; v++) {
        fx_set(&x, "knob", (double)(v % 360));
        fx_run(&x, 1);
        assert_near(fx_get(&x, "wound"), (double)v, 1e-12);
    }
    for (int v = 900; v > -540; v--) {
        fx_set(&x, "knob", (double)(((v % 360) + 360) % 360));
        fx_run(&x, 1);
        assert_near(fx_get(&x, "wound"), (double)v, 1e-12);
    }
    fx_close(&x);

    fx_open_with(&x, sys, DT);
    fx_run(&x, 1);
    static const double in[] = {2, 1, 358, 359, 1, 2, 359}, out[] = {2, 1, -2, -1, 1, 2, -1};
    for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
        fx_set(&x, "knob", in[i]);
        fx_run(&x, 1);
        assert_near(fx_get(&x, "wound"), out[i], 1e-12);
    }
    fx_close(&x);
}

/* A linear actuator's other inputs (JSBSim's FGLinearActuator::Run): the
 * input moves the output only while <set> is on and by at least the
 * hysteresis; <reset> zeroes it; <versus> lets only turns in one
 * direction count; gain and bias scale and shift the result; and <lag>
 * filters it. */
static void linear_actuator_set_reset_versus_gain_bias_and_lag(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open_with(&x,
            "<system><channel name='a'>"
            "<linear_actuator name='la'><input>in</input><module>10</module><hysteresis>0.5</hysteresis>"
            "<rate>0.2</rate><gain>2</gain><bias>bias</bias><set>set</set><reset>reset</reset>"
            "<versus>versus</versus></linear_actuator>"
            "</channel></system>", DT);
    fx_set(&x, "set", 1.0);
    fx_set(&x, "in", 1.0);
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/la"), 2.0 * 1.0, 0.0);
    fx_set(&x, "in", 1.3); /* within the hysteresis: held */
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/la"), 2.0, 0.0);
    fx_set(&x, "bias", 0.25);
    fx_set(&x, "in", 1.6);
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/la"), 2.0 * (0.25 + 1.6), 1e-15);
    fx_set(&x, "set", 0.0); /* off: the input is not looked at */
    fx_set(&x, "in", 4.0);
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/la"), 2.0 * (0.25 + 1.6), 1e-15);
    fx_set(&x, "set", 1.0);
    fx_set(&x, "in", 9.5); /* a step of 7.9 >= module * rate: a turn back */
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/la"), 2.0 * (0.25 + 9.5 - 10.0), 1e-15);
    fx_set(&x, "reset", 1.0);
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/la"), 0.0, 0.0);
    /* versus +1: only increasing steps move it; a decreasing one is
     * absorbed (remembered as an offset of the input) */
    fx_set(&x, "reset", 0.0);
    fx_set(&x, "bias", 0.0);
    fx_set(&x, "versus", 1.0);
    fx_set(&x, "in", 1.0);
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/la"), 2.0, 0.0);
    fx_set(&x, "in", 0.0);
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/la"), 2.0, 0.0);
    fx_set(&x, "in", 1.0); /* 1 above the absorbed step: 2 units on */
    fx_run(&x, 1);
    assert_near(fx_get(&x, "fcs/la"), 2.0 * 2.0, 1e-15);
    /* the lag: JSBSim's Tustin lag of the unlagged output, as the lag
     * filter's (lag_filter_step_response_follows_the_tustin_recursion);
     * a module large enough that the steps count no turns (the default
     * module, 1, would take one off the first step of 2) */
    fcs_fixture y;
    fx_open_with(&y,
            "<system><channel name='a'>"
            "<linear_actuator name='lagged'><input>in</input><module>1000</module><lag>5</lag></linear_actuator>"
            "<lag_filter name='ref'><input>unlagged</input><c1>5</c1></lag_filter>"
            "</channel></system>", DT);
    fx_run(&y, 1);
    for (int i = 0; i < 50; i++) {
        const double in = i < 25 ? 2.0 : -1.0;
        fx_set(&y, "in", in);
        fx_set(&y, "unlagged", in);
        fx_run(&y, 1);
        assert_near(fx_get(&y, "fcs/lagged"), fx_get(&y, "fcs/ref"), 1e-15);
    }
    fx_close(&y);
    fx_close(&x);
}

/* The field a centred dipole with IGRF's first-degree coefficients (nT)
 * puts at geocentric latitude/longitude on a sphere of radius a:
 * B = (a/r)^3 (3 (g . r^) r^ - g), g = (g11, h11, g10) in Earth axes
 * (the gradient of the potential a (a/r)^2 (g10 cos theta + (g11 cos phi +
 * h11 sin phi) sin theta)), in north, east and down components. */
static void dipole_reference_ned(double lat, double lon, double ned[3])
{
    const double g[3] = {-1450.9, 4652.5, -29404.8};
    const double r_hat[3] = {cos(lat) * cos(lon), cos(lat) * sin(lon), sin(lat)};
    const double north[3] = {-sin(lat) * cos(lon), -sin(lat) * sin(lon), cos(lat)};
    const double east[3] = {-sin(lon), cos(lon), 0.0};
    const double gr = g[0] * r_hat[0] + g[1] * r_hat[1] + g[2] * r_hat[2];
    double b[3];
    for (int i = 0; i < 3; i++)
        b[i] = 3.0 * gr * r_hat[i] - g[i];
    ned[0] = b[0] * north[0] + b[1] * north[1] + b[2] * north[2];
    ned[1] = b[0] * east[0] + b[1] * east[1] + b[2] * east[2];
    ned[2] = -(b[0] * r_hat[0] + b[1] * r_hat[1] + b[2] * r_hat[2]);
}

/* JSBSim's FGMagnetometer: the Earth's field along the sensor's axis in
 * nT.  Saqr's field is the centred dipole of IGRF's first-degree terms
 * (docs); checked against the dipole's vector law at several places, with
 * the body level and pointing north (body axes = north, east, down), and
 * turned: and, as JSBSim's TestMagnetometer.py asks (its issue 332), the
 * reading of a vehicle that does not move stays the same frame after
 * frame. */
static const char MAGNETOMETERS[] =
    "<system><channel name='a'>"
    "<magnetometer name='mx'><axis>X</axis><location unit='M'><x>0</x><y>0</y><z>0</z></location></magnetometer>"
    "<magnetometer name='my'><axis>Y</axis><location unit='M'><x>0</x><y>0</y><z>0</z></location></magnetometer>"
    "<magnetometer name='mz'><axis>Z</axis><location unit='M'><x>0</x><y>0</y><z>0</z></location></magnetometer>"
    "</channel></system>";

static void magnetometer_senses_the_dipole_field_along_its_axis(void **state)
{
    (void)state;
    fcs_fixture x;
    fx_open_with(&x, MAGNETOMETERS, DT);
    static const double places_deg[][2] = {{0.0, 0.0}, {33.6, 71.9}, {-45.0, -120.0}, {80.0, 10.0}, {-89.0, 170.0}};
    for (size_t i = 0; i < sizeof places_deg / sizeof places_deg[0]; i++) {
        fcs_fixture y;
        fx_open_with(&y, MAGNETOMETERS, DT);
        const double lat = places_deg[i][0] * PI / 180.0, lon = places_deg[i][1] * PI / 180.0;
        y.env.lat_geod_rad = lat;
        y.env.lon_rad = lon;
        for (int k = 0; k < 3; k++)
            y.env.c_body_ned[k][k] = 1.0;
        fx_run(&y, 1);
        double ned[3];
        dipole_reference_ned(lat, lon, ned);
        const double scale = sqrt(ned[0] * ned[0] + ned[1] * ned[1] + ned[2] * ned[2]);
        /* between the dipole's equatorial and polar strengths */
        assert_true(scale > 29000.0 && scale < 2.0 * 30000.0);
        assert_near(fx_get(&y, "fcs/mx"), ned[0], 1e-9 * scale);
        assert_near(fx_get(&y, "fcs/my"), ned[1], 1e-9 * scale);
        assert_near(fx_get(&y, "fcs/mz"), ned[2], 1e-9 * scale);
        fx_close(&y);
    }
    /* Risalpur, 1,000 m up, heading 90 deg: body x points east, y south */
    const double lat = 34.06 * PI / 180.0, lon = 71.99 * PI / 180.0, a = 6371200.0, h = 1000.0;
    x.env.lat_geod_rad = lat;
    x.env.lon_rad = lon;
    x.env.alt_asl_m = h;
    x.env.c_body_ned[0][1] = 1.0;
    x.env.c_body_ned[1][0] = -1.0;
    x.env.c_body_ned[2][2] = 1.0;
    fx_run(&x, 1);
    double ned[3];
    dipole_reference_ned(lat, lon, ned);
    const double k3 = pow(a / (a + h), 3.0);
    assert_near(fx_get(&x, "fcs/mx"), k3 * ned[1], 1e-6);
    assert_near(fx_get(&x, "fcs/my"), -k3 * ned[0], 1e-6);
    assert_near(fx_get(&x, "fcs/mz"), k3 * ned[2], 1e-6);
    /* motionless: the same reading for 10,000 frames, past the field's
     * periodic updates */
    const double first[3] = {fx_get(&x, "fcs/mx"), fx_get(&x, "fcs/my"), fx_get(&x, "fcs/mz")};
    for (int i = 0; i < 10000; i++) {
        fx_run(&x, 1);
        assert_near(fx_get(&x, "fcs/mx"), first[0], 0.0);
        assert_near(fx_get(&x, "fcs/my"), first[1], 0.0);
        assert_near(fx_get(&x, "fcs/mz"), first[2], 0.0);
    }
    fx_close(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lag_filter_step_response_follows_the_tustin_recursion),
        cmocka_unit_test(washout_and_lead_lag_filters_reach_their_dc_gains),
        cmocka_unit_test(gains_summer_and_deadband_compute_jsbsim_formulas),
        cmocka_unit_test(cyclic_clip_wraps_into_the_range),
        cmocka_unit_test(switch_takes_the_first_passing_test_else_the_default),
        cmocka_unit_test(switch_delay_holds_the_value_for_the_given_frames),
        cmocka_unit_test(actuator_rate_limit_moves_at_the_limit_rate),
        cmocka_unit_test(actuator_lag_hysteresis_bias_and_failures),
        cmocka_unit_test(pid_integrates_with_the_chosen_rule_and_trigger),
        cmocka_unit_test(kinematic_travels_between_detents_at_the_set_times),
        cmocka_unit_test(sensor_applies_lag_bias_gain_and_quantization),
        cmocka_unit_test(channel_execrate_runs_every_nth_frame_with_a_longer_step),
        cmocka_unit_test(a_clone_counts_and_integrates_for_itself),
        cmocka_unit_test(engine_commands_are_copied_and_surface_forms_kept_consistent),
        cmocka_unit_test(function_angle_and_waypoint_components),
        cmocka_unit_test(angle_component_takes_the_shortest_turn),
        cmocka_unit_test(gyro_and_accelerometer_sense_along_their_axis),
        cmocka_unit_test(distributor_sets_passing_cases_in_order_or_the_first_only),
        cmocka_unit_test(linear_actuator_counts_turns_across_its_module),
        cmocka_unit_test(linear_actuator_set_reset_versus_gain_bias_and_lag),
        cmocka_unit_test(magnetometer_senses_the_dipole_field_along_its_axis),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
