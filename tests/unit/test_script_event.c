/*
 * test_script_event.c - the event engine of JSBSim scripts, driven without
 * an aircraft: trigger-once, persistent and continuous events, delays,
 * FG_STEP / FG_RAMP / FG_EXP moves, FG_DELTA, and the notification text,
 * checked against the rules of JSBSim's FGScript::RunScript and against
 * lines JSBSim printed for scripts/c1723.xml.
 */
#include "test_util.h"

#include <math.h>

#include "fdm/condition.h"
#include "script/script_event.h"

/* Property slots of the little world the tests run in. */
enum { T = 0, OUT = 1, GATE = 2, SRC = 3, NSLOTS = 8 };

/* "v[slot] >= threshold" */
typedef struct test_cond {
    int slot;
    double threshold;
} test_cond;

typedef struct world {
    double v[NSLOTS];
    int writes;
    char lines[16][256];
    int nlines;
    int func_calls;
    int cond_calls;
} world;

static int cond_ge(void *user, const void *k, const double *v)
{
    (void)user;
    const test_cond *c = k;
    return v[c->slot] >= c->threshold;
}

/* cond_ge, counted. */
static int cond_ge_counted(void *user, const void *k, const double *v)
{
    ((world *)user)->cond_calls++;
    return cond_ge(user, k, v);
}

/* The one "function" of these tests: twice the SRC property. */
static double func_twice_src(void *user, const void *fn, double *v)
{
    (void)fn;
    ((world *)user)->func_calls++;
    return 2.0 * v[SRC];
}

static void set_slot(void *user, int slot, double value)
{
    world *w = user;
    w->v[slot] = value;
    w->writes++;
}

static void add_line(void *user, const char *text)
{
    world *w = user;
    if (w->nlines < 16)
        snprintf(w->lines[w->nlines++], sizeof w->lines[0], "%s", text);
}

static sev_hooks hooks(world *w)
{
    sev_hooks h = {cond_ge, func_twice_src, set_slot, add_line, w, NULL};
    return h;
}

/* Runs `e` at time t (also stored in v[T]). */
static void run_at(sev_event *e, int n, world *w, double t)
{
    sev_hooks h = hooks(w);
    w->v[T] = t;
    sev_run(e, n, w->v, t, &h, NULL);
}

/* Runs `e` once per entry of `gate` (written to v[GATE]), 0.1 s apart. */
static void run_gated(sev_event *e, world *w, const double *gate, int n)
{
    for (int i = 0; i < n; i++) {
        w->v[GATE] = gate[i];
        run_at(e, 1, w, 0.1 * i);
    }
}

/* A condition is a pure read: once a trigger-once event has acted, its
 * condition can change nothing and is not evaluated again; a persistent
 * event's is, every run, since it re-arms when it turns false. */
static void a_spent_event_should_not_evaluate_its_condition_again(void **state)
{
    (void)state;
    world w = {.writes = 0};
    test_cond c = {T, 1.0};
    sev_set s = {.slot = OUT, .value = 5.0};
    sev_event ev[2] = {{.name = "once", .cond = &c, .sets = &s, .nsets = 1},
                       {.name = "again", .cond = &c, .persistent = 1}};
    sev_hooks h = hooks(&w);
    h.cond = cond_ge_counted;
    for (int i = 0; i < 4; i++) {
        w.v[T] = 1.0 + i;
        sev_run(ev, 2, w.v, w.v[T], &h, NULL);
    }
    assert_int_equal(w.cond_calls, 1 + 4);
    assert_int_equal(w.writes, 1);
    assert_true(ev[0].triggered && ev[1].triggered);
}

static void an_event_should_act_once_when_its_condition_first_holds(void **state)
{
    (void)state;
    world w = {.writes = 0};
    test_cond c = {T, 1.0};
    sev_set s = {.slot = OUT, .value = 5.0};
    sev_event e = {.name = "once", .cond = &c, .sets = &s, .nsets = 1};
    run_at(&e, 1, &w, 0.5);
    assert_int_equal(w.writes, 0);
    run_at(&e, 1, &w, 1.0);
    assert_near(w.v[OUT], 5.0, 0.0);
    assert_int_equal(w.writes, 1);
    /* Someone else moves the property: a spent event leaves it alone,
     * even when its condition goes false and true again. */
    w.v[OUT] = 0.0;
    run_at(&e, 1, &w, 2.0);
    w.v[T] = 0.0;
    run_at(&e, 1, &w, 0.2);
    run_at(&e, 1, &w, 3.0);
    assert_near(w.v[OUT], 0.0, 0.0);
    assert_int_equal(w.writes, 1);
}

static void a_persistent_event_should_act_again_each_time_its_condition_returns(void **state)
{
    (void)state;
    world w = {.writes = 0};
    test_cond c = {GATE, 1.0};
    sev_set s = {.slot = OUT, .value = 10.0, .type = SEV_DELTA};
    sev_event e = {.name = "count", .cond = &c, .persistent = 1, .sets = &s, .nsets = 1};
    static const double gate[] = {1, 1, 0, 1, 1, 0, 0, 1};
    run_gated(&e, &w, gate, 8);
    /* three rising edges, each adding 10 to the value it found */
    assert_near(w.v[OUT], 30.0, 0.0);
    assert_int_equal(w.writes, 3);
}

static void a_continuous_event_should_write_every_frame_while_true(void **state)
{
    (void)state;
    world w = {.writes = 0};
    test_cond c = {GATE, 1.0};
    sev_set s = {.slot = OUT, .func = &w}; /* any non-NULL function */
    sev_event e = {.name = "follow", .cond = &c, .continuous = 1, .sets = &s, .nsets = 1};
    w.v[GATE] = 1.0;
    for (int i = 0; i < 4; i++) {
        w.v[SRC] = i;
        run_at(&e, 1, &w, 0.1 * i);
        assert_near(w.v[OUT], 2.0 * i, 0.0);
    }
    assert_int_equal(w.writes, 4);
    /* false: no more writes */
    w.v[GATE] = 0.0;
    w.v[SRC] = 100.0;
    run_at(&e, 1, &w, 1.0);
    assert_near(w.v[OUT], 6.0, 0.0);
    assert_int_equal(w.writes, 4);
}

static void a_delay_should_hold_the_actions_back(void **state)
{
    (void)state;
    world w = {.writes = 0};
    test_cond c = {T, 1.0};
    sev_set s = {.slot = OUT, .value = 7.0};
    sev_event e = {.name = "later", .cond = &c, .delay_s = 0.5, .sets = &s, .nsets = 1, .notify = 1};
    run_at(&e, 1, &w, 1.0);
    run_at(&e, 1, &w, 1.25);
    assert_int_equal(w.writes, 0);
    assert_int_equal(w.nlines, 0);
    run_at(&e, 1, &w, 1.5);
    assert_near(w.v[OUT], 7.0, 0.0);
    assert_int_equal(w.nlines, 1);
    assert_string_equal(w.lines[0], "later (Event 0) executed at time: 1.5");
}

static void a_ramp_should_be_half_way_at_half_its_time_constant(void **state)
{
    (void)state;
    world w = {.writes = 0};
    w.v[OUT] = 2.0;
    test_cond c = {T, 1.0};
    sev_set s = {.slot = OUT, .value = 12.0, .action = SEV_RAMP, .tc_s = 2.0};
    sev_event e = {.name = "ramp", .cond = &c, .sets = &s, .nsets = 1};
    run_at(&e, 1, &w, 1.0);
    assert_near(w.v[OUT], 2.0, 0.0); /* starts from the value it found */
    run_at(&e, 1, &w, 2.0);
    assert_near(w.v[OUT], 7.0, 1e-12);
    run_at(&e, 1, &w, 3.0);
    assert_near(w.v[OUT], 12.0, 1e-12);
    int writes = w.writes;
    run_at(&e, 1, &w, 3.5); /* past tc: holds the target and stops */
    assert_near(w.v[OUT], 12.0, 0.0);
    w.v[OUT] = -1.0;
    run_at(&e, 1, &w, 4.0);
    assert_near(w.v[OUT], -1.0, 0.0);
    assert_int_equal(w.writes, writes + 1);
}

static void an_exponential_move_should_cover_one_minus_1_over_e_in_one_tc(void **state)
{
    (void)state;
    world w = {.writes = 0};
    test_cond c = {T, 0.0};
    sev_set s = {.slot = OUT, .value = 1.0, .action = SEV_EXP, .tc_s = 0.5};
    sev_event e = {.name = "exp", .cond = &c, .sets = &s, .nsets = 1};
    run_at(&e, 1, &w, 0.0);
    assert_near(w.v[OUT], 0.0, 0.0);
    run_at(&e, 1, &w, 0.5);
    assert_near(w.v[OUT], 1.0 - exp(-1.0), 1e-15);
    run_at(&e, 1, &w, 1.0);
    assert_near(w.v[OUT], 1.0 - exp(-2.0), 1e-15);
}

static void a_function_value_should_be_taken_when_the_event_triggers(void **state)
{
    (void)state;
    world w = {.writes = 0};
    test_cond c = {T, 1.0};
    sev_set s = {.slot = OUT, .func = &w, .action = SEV_RAMP, .tc_s = 1.0};
    sev_event e = {.name = "fn", .cond = &c, .sets = &s, .nsets = 1};
    w.v[SRC] = 3.0;
    run_at(&e, 1, &w, 1.0);
    w.v[SRC] = 50.0; /* later changes do not move the target */
    run_at(&e, 1, &w, 2.5);
    assert_near(w.v[OUT], 6.0, 0.0);
    assert_int_equal(w.func_calls, 1);
}

/* Lines JSBSim printed for c1723's "engine start" event (run_id 1,
 * ap/hdg-roll-err-c1 0.5) at t = 31 frames of 1/120 s. */
static void a_notification_should_read_like_jsbsims(void **state)
{
    (void)state;
    world w = {.writes = 0};
    w.v[SRC] = 1.0;
    w.v[GATE] = 0.5;
    test_cond never = {T, 1e9}, c = {T, 0.25};
    sev_notify_item items[] = {{"Sim Run ID: ", SRC, NULL}, {"ap/hdg-roll-err-c1", GATE, NULL}};
    sev_event e[2] = {
        {.name = "never", .cond = &never, .notify = 1},
        {.name = "engine start", .cond = &c, .notify = 1, .items = items, .nitems = 2},
    };
    run_at(e, 2, &w, 31.0 / 120.0);
    assert_int_equal(w.nlines, 3);
    assert_string_equal(w.lines[0], "engine start (Event 1) executed at time: 0.258333");
    assert_string_equal(w.lines[1], "    Sim Run ID:  = 1");
    assert_string_equal(w.lines[2], "    ap/hdg-roll-err-c1 = 0.5");
    /* once only */
    run_at(e, 2, &w, 1.0);
    assert_int_equal(w.nlines, 3);
}

static void a_description_should_follow_the_title_line(void **state)
{
    (void)state;
    world w = {.writes = 0};
    test_cond c = {T, 0.0};
    sev_event e = {.name = "hello", .cond = &c, .notify = 1, .description = "Says hello"};
    run_at(&e, 1, &w, 120.0);
    assert_int_equal(w.nlines, 2);
    assert_string_equal(w.lines[0], "hello (Event 0) executed at time: 120");
    assert_string_equal(w.lines[1], "    Says hello");
}

static void a_persistent_event_should_notify_on_every_triggering(void **state)
{
    (void)state;
    world w = {.writes = 0};
    test_cond c = {GATE, 1.0};
    sev_event e = {.name = "tick", .cond = &c, .persistent = 1, .notify = 1};
    static const double gate[] = {1, 1, 0, 1};
    run_gated(&e, &w, gate, 4);
    assert_int_equal(w.nlines, 2);
}

/* An event whose condition is an AND of comparisons carries the first as
 * its gate (script.c): while the gate is shut the host's condition is
 * not asked; a gate that is the whole condition opens the event alone. */
static void a_gated_event_should_ask_the_host_only_once_its_gate_opens(void **state)
{
    (void)state;
    world w = {.writes = 0};
    sev_hooks h = {cond_ge_counted, func_twice_src, set_slot, add_line, &w, NULL};
    test_cond c = {GATE, 1.0};
    sev_set s = {.slot = OUT, .value = 7.0};
    sev_event e = {.name = "gated", .cond = &c, .sets = &s, .nsets = 1, .gated = 1, .gate_slot = T,
                   .gate_op = COND_GE, .gate_value = 2.0};
    w.v[GATE] = 1.0;
    for (int k = 0; k < 4; k++) { /* t = 0, 0.5, 1, 1.5: shut */
        w.v[T] = 0.5 * k;
        sev_run(&e, 1, w.v, w.v[T], &h, NULL);
    }
    assert_int_equal(w.cond_calls, 0);
    assert_near(w.v[OUT], 0.0, 0.0);
    w.v[T] = 2.0;
    sev_run(&e, 1, w.v, w.v[T], &h, NULL);
    assert_int_equal(w.cond_calls, 1);
    assert_near(w.v[OUT], 7.0, 0.0);
    /* the gate alone: no question to the host at all */
    sev_event alone = {.name = "alone", .cond = &c, .sets = &s, .nsets = 1, .gated = 1, .gate_slot = T,
                       .gate_op = COND_GE, .gate_value = 3.0, .gate_alone = 1};
    w.v[GATE] = 0.0; /* the host would say no */
    w.v[OUT] = 0.0;
    w.v[T] = 3.0;
    sev_run(&alone, 1, w.v, w.v[T], &h, NULL);
    assert_int_equal(w.cond_calls, 1);
    assert_near(w.v[OUT], 7.0, 0.0);
}

/* Most scripts wait on the time: while every event not yet spent waits
 * untriggered on a gate that a growing property opens (>= or >), the
 * runs before the least threshold do nothing and skip the events
 * (sev_wake).  The events still fire on the first run their gates open;
 * a NaN, another property's gate or a triggered event keeps them awake. */
static void events_waiting_on_the_time_should_sleep_until_the_first_can_fire(void **state)
{
    (void)state;
    world w = {.writes = 0};
    sev_hooks h = hooks(&w);
    test_cond c = {GATE, 1.0};
    sev_set s1 = {.slot = OUT, .value = 1.0}, s2 = {.slot = SRC, .value = 2.0};
    sev_event ev[2] = {{.name = "one", .cond = &c, .sets = &s1, .nsets = 1, .gated = 1, .gate_slot = T,
                        .gate_op = COND_GE, .gate_value = 1.0, .gate_alone = 1},
                       {.name = "two", .cond = &c, .sets = &s2, .nsets = 1, .gated = 1, .gate_slot = T,
                        .gate_op = COND_GT, .gate_value = 2.0, .gate_alone = 1}};
    sev_wake wake = {SEV_WAKE_UNKNOWN, 0.0};
    double fired_one = -1.0, fired_two = -1.0;
    for (int k = 0; k <= 30; k++) {
        w.v[T] = 0.1 * k;
        sev_run(ev, 2, w.v, w.v[T], &h, &wake);
        if (k == 0) { /* asleep until one's threshold */
            assert_int_equal(wake.slot, T);
            assert_near(wake.value, 1.0, 0.0);
        }
        if (k == 5) { /* asleep, the events are not looked at: one's
                       * threshold lowered behind the engine's back is
                       * seen only at the wake */
            ev[0].gate_value = 0.5;
            w.v[T] = 0.6;
            sev_run(ev, 2, w.v, w.v[T], &h, &wake);
            assert_near(w.v[OUT], 0.0, 0.0);
            ev[0].gate_value = 1.0;
        }
        if (fired_one < 0.0 && w.v[OUT] == 1.0)
            fired_one = w.v[T];
        if (fired_two < 0.0 && w.v[SRC] == 2.0)
            fired_two = w.v[T];
        if (k == 15) { /* one spent: asleep until two's */
            assert_int_equal(wake.slot, T);
            assert_near(wake.value, 2.0, 0.0);
        }
    }
    assert_near(fired_one, 1.0, 1e-12);
    assert_near(fired_two, 2.1, 1e-12);
    assert_int_equal(wake.slot, -1); /* all spent: nothing to wait for */

    /* the time a NaN: awake (nothing opens) */
    sev_reset(ev, 2, &wake);
    w.v[T] = 0.0;
    sev_run(ev, 2, w.v, 0.0, &h, &wake);
    assert_int_equal(wake.slot, T);
    w.v[T] = NAN;
    w.v[OUT] = 0.0;
    sev_run(ev, 2, w.v, 0.5, &h, &wake);
    assert_near(w.v[OUT], 0.0, 0.0);
    /* an event waiting for the time to fall, or gated on another
     * property, keeps them all awake */
    ev[1].gate_op = COND_LT;
    ev[1].gate_value = -1.0; /* shut */
    sev_reset(ev, 2, &wake);
    w.v[T] = 0.0;
    sev_run(ev, 2, w.v, 0.0, &h, &wake);
    assert_int_equal(wake.slot, -1);
    ev[1].gate_op = COND_GT;
    ev[1].gate_value = 2.0;
    ev[1].gate_slot = GATE;
    sev_reset(ev, 2, &wake);
    sev_run(ev, 2, w.v, 0.0, &h, &wake);
    assert_int_equal(wake.slot, -1);
}

static void a_reset_should_rearm_spent_events(void **state)
{
    (void)state;
    world w = {.writes = 0};
    test_cond c = {T, 1.0};
    sev_set s = {.slot = OUT, .value = 1.0, .type = SEV_DELTA};
    sev_event e = {.name = "once", .cond = &c, .sets = &s, .nsets = 1};
    run_at(&e, 1, &w, 1.0);
    run_at(&e, 1, &w, 2.0);
    sev_reset(&e, 1, NULL);
    run_at(&e, 1, &w, 2.0);
    assert_near(w.v[OUT], 2.0, 0.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_event_should_act_once_when_its_condition_first_holds),
        cmocka_unit_test(events_waiting_on_the_time_should_sleep_until_the_first_can_fire),
        cmocka_unit_test(a_spent_event_should_not_evaluate_its_condition_again),
        cmocka_unit_test(a_persistent_event_should_act_again_each_time_its_condition_returns),
        cmocka_unit_test(a_continuous_event_should_write_every_frame_while_true),
        cmocka_unit_test(a_delay_should_hold_the_actions_back),
        cmocka_unit_test(a_ramp_should_be_half_way_at_half_its_time_constant),
        cmocka_unit_test(an_exponential_move_should_cover_one_minus_1_over_e_in_one_tc),
        cmocka_unit_test(a_function_value_should_be_taken_when_the_event_triggers),
        cmocka_unit_test(a_notification_should_read_like_jsbsims),
        cmocka_unit_test(a_description_should_follow_the_title_line),
        cmocka_unit_test(a_persistent_event_should_notify_on_every_triggering),
        cmocka_unit_test(a_gated_event_should_ask_the_host_only_once_its_gate_opens),
        cmocka_unit_test(a_reset_should_rearm_spent_events),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
