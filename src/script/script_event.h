/*
 * script_event.h - the event engine of JSBSim scripts, apart from any XML
 * or aircraft: a list of compiled events run against a property value
 * array at a given time, with conditions, values, property writes and
 * notifications reached through callbacks.  script.c builds the events from
 * a <runscript>; the tests drive the engine directly.
 *
 * Semantics (JSBSim's FGScript::RunScript, frame by frame, events in file
 * order):
 *  - when the condition holds and the event is not yet triggered, each
 *    <set> takes its start value (the property now), its target (value=,
 *    or the <function> evaluated now; plus the start value for FG_DELTA)
 *    and starts transiting; the event's start time is now + delay;
 *  - an event stays triggered while its condition holds; when the
 *    condition is false a persistent or continuous event re-arms (and may
 *    notify again), any other event stays spent;
 *  - at or after its start time a triggered event moves each transiting
 *    property: FG_STEP jumps to the target once (a continuous event keeps
 *    writing, re-evaluating its function each frame); FG_RAMP goes
 *    linearly from the start value to the target over tc seconds, then
 *    holds the target and stops (continuous events keep writing it);
 *    FG_EXP approaches the target as 1 - exp(-dt/tc) and keeps writing;
 *  - a notification is sent once per triggering, when the actions first
 *    apply.
 * Reference: JSBSim src/input_output/FGScript.cpp (RunScript).
 */
#ifndef SAQR_SCRIPT_SCRIPT_EVENT_H
#define SAQR_SCRIPT_SCRIPT_EVENT_H

enum sev_type { SEV_VALUE, SEV_DELTA, SEV_BOOL };
enum sev_action { SEV_STEP, SEV_RAMP, SEV_EXP };

/* One <set>: constant fields are filled at load time, the rest at run. */
typedef struct sev_set {
    int slot;                 /* property written                        */
    enum sev_type type;
    enum sev_action action;
    double tc_s;              /* ramp duration / exponential time const. */
    double value;             /* value= (or the last function value)     */
    const void *func;         /* a compiled <function>, or NULL          */
    /* run state */
    double start_value;       /* property value when the event triggered */
    double target;            /* value reached at the end of the move    */
    int transiting;
} sev_set;

/* One <property> of a <notify>. */
typedef struct sev_notify_item {
    const char *caption;      /* caption= or the property name as written */
    int slot;
    const struct jfunc *applied; /* apply=: the template on it, or NULL   */
} sev_notify_item;

typedef struct sev_event {
    const char *name;
    const void *cond;         /* compiled <condition>                    */
    int persistent, continuous;
    double delay_s;
    sev_set *sets;
    int nsets;
    int notify;               /* has a <notify>                          */
    const char *description;  /* <notify><description>, or NULL         */
    sev_notify_item *items;
    int nitems;
    /* gated: a comparison the condition cannot hold without,
     * `v[gate_slot] gate_op gate_value` (a cond_op), the first of an AND
     * of comparisons; gate_alone: it is the whole condition.  Checked in
     * place before the host's condition is called. */
    int gated, gate_slot, gate_op, gate_alone;
    double gate_value;
    /* run state */
    int triggered, notified;
    int moving;               /* how many sets are transiting            */
    double start_s;           /* when the actions apply                  */
    int spent;                /* triggered for good, its sets arrived and
                                 notified: nothing left to do until a
                                 reset                                    */
} sev_event;

/* What the engine needs from its host.  `user` is passed back. */
typedef struct sev_hooks {
    int (*cond)(void *user, const void *cond, const double *v);
    double (*func)(void *user, const void *func, double *v);
    void (*set)(void *user, int slot, double value);
    /* one line of a notification, without newline */
    void (*line)(void *user, const char *text);
    void *user;
    /* a notified property's value (NULL: v[slot]); the host's may be
     * worked out when read rather than stored every frame */
    double (*value)(void *user, int slot, const double *v);
} sev_hooks;

/* The events asleep between runs: while v[slot] < value (slot >= 0)
 * nothing can happen, since sev_run's last pass left every event not
 * yet spent untriggered and waiting on a gate v[slot] >= T or > T (most
 * JSBSim scripts wait on simulation/sim-time-sec), value the least such
 * T.  slot -1: awake; SEV_WAKE_UNKNOWN: not worked out yet, as the host
 * starts it and sev_reset leaves it. */
#define SEV_WAKE_UNKNOWN (-2)
typedef struct sev_wake {
    int slot;
    double value;
} sev_wake;

/* Runs every event once at time t_s (none when asleep by *wake, which
 * the pass updates; wake may be NULL).  No allocation; notification lines
 * are formatted into a stack buffer. */
void sev_run(sev_event *ev, int n, double *v, double t_s, const sev_hooks *h, sev_wake *wake);
/* Puts every event back to its untriggered state (JSBSim ResetEvents),
 * and *wake (when not NULL) to SEV_WAKE_UNKNOWN. */
void sev_reset(sev_event *ev, int n, sev_wake *wake);

#endif
