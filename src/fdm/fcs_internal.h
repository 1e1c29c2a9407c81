/*
 * fcs_internal.h - the inside of the flight control system (fcs.h): the
 * component record shared by the fcs*.c files, one loader and one run
 * function per component family.
 *
 * A component reads its inputs from property slots, computes Output and
 * writes it to every output slot: fcs/<name> (or <name> when the name holds
 * a '/'), plus each <output>.  Members named like JSBSim's (Input, Output,
 * PreviousInput1 ...) keep JSBSim's meaning so the algorithms can be
 * checked side by side with JSBSim src/models/flight_control/.
 *
 * A component is two records: fcs_comp, what was loaded (inputs, outputs,
 * parameters, tables, conditions), read-only once loaded and shared by
 * every aircraft of a batch; and fcs_cstate, its run state (Input,
 * Output, filter and integrator history, coefficients for the current
 * step, the delay line), one per aircraft.  A state is 16 bytes for most
 * types and at most ~150 where the loaded record is hundreds, so an
 * aircraft's FCS state stays small and dense in memory (docs/batch.md).
 *
 * Invariants: n_out >= 1 (the component's own property) except for the
 * distributor, which has none; a delay line's buf has `frames` entries
 * when frames > 0; a component's step (fcs_frame.dt) is its channel's:
 * the nominal step x execrate.
 */
#ifndef SAQR_FDM_FCS_INTERNAL_H
#define SAQR_FDM_FCS_INTERNAL_H

#include "earth/geodesic.h"
#include "expr/func.h"
#include "expr/table.h"
#include "fdm/condition.h"
#include "fdm/fcs.h"

/* A number or a property (times -1 for "-name"), read each frame.  JSBSim's
 * FGParameterValue / FGPropertyValue. */
typedef struct fcs_param {
    int slot;               /* property slot, or -1 for a constant         */
    double sign;            /* +1 or -1                                    */
    double value;           /* the constant when slot < 0                  */
} fcs_param;

static inline double fcs_param_get(const fcs_param *p, const double *v)
{
    return p->slot < 0 ? p->value : p->sign * v[p->slot];
}

typedef enum fcs_type {
    FCS_PURE_GAIN, FCS_SCHEDULED_GAIN, FCS_AEROSURFACE_SCALE, FCS_SUMMER, FCS_DEADBAND,
    FCS_SWITCH, FCS_KINEMATIC, FCS_LAG, FCS_LEAD_LAG, FCS_WASHOUT, FCS_SECOND_ORDER, FCS_PID,
    FCS_ACTUATOR, FCS_LINEAR_ACTUATOR, FCS_SENSOR, FCS_ACCELEROMETER, FCS_GYRO,
    FCS_MAGNETOMETER, FCS_FUNCTION, FCS_DISTRIBUTOR, FCS_ANGLE, FCS_WAYPOINT_HEADING,
    FCS_WAYPOINT_DISTANCE
} fcs_type;

/* Per-family data. */
typedef struct fcs_gain {
    fcs_param gain;         /* <gain>, default 1                           */
    jtable *table;          /* scheduled_gain                              */
    double in_min, in_max;  /* aerosurface_scale <domain>, default -1..1   */
    double out_min, out_max;/* aerosurface_scale <range>                   */
    int zero_centered;      /* aerosurface_scale, default 1                */
} fcs_gain;

typedef struct fcs_deadband {
    fcs_param width;
    double gain;
} fcs_deadband;

typedef struct fcs_switch_test {
    const cond *test;       /* NULL for <default>                          */
    fcs_param value;
} fcs_switch_test;

typedef struct fcs_switch {
    int ntests;
    fcs_switch_test *tests; /* in file order, <default> first when present */
    int has_default;        /* tests[0] is the <default>                   */
} fcs_switch;

typedef struct fcs_kinematic {
    int n;                  /* settings, >= 2                              */
    double *detent;         /* positions, increasing                       */
    double *time_s;         /* time to reach detent i from i-1             */
    int scale;              /* input is normalised (no <noscale>)          */
} fcs_kinematic;

typedef struct fcs_filter {
    fcs_param c[7];         /* c1..c6 (index 0 unused); slot -1, value 0 when absent */
    int dynamic;            /* a coefficient is a property                 */
} fcs_filter;

enum { PID_INT_NONE, PID_INT_RECT, PID_INT_TRAP, PID_INT_AB2, PID_INT_AB3 };

typedef struct fcs_pid {
    fcs_param kp, ki, kd;
    int int_type;           /* PID_INT_*                                   */
    int standard;           /* type="standard": Kp * (e + I + Kd de)       */
    int pvdot_slot;         /* <pvdot> property, or -1                     */
    int trigger_slot;       /* <trigger> property, or -1                   */
    double trigger_sign;
    int init_slot;          /* <name>/initial-integrator-value             */
} fcs_pid;

typedef struct fcs_actuator {
    fcs_param rate_incr, rate_decr; /* valid when has_incr / has_decr       */
    int has_incr, has_decr;
    fcs_param lag;          /* valid when has_lag                          */
    int has_lag;
    double bias, hysteresis_width, deadband_width;
    int fail_zero_slot, fail_hardover_slot, fail_stuck_slot, saturated_slot;
} fcs_actuator;

typedef struct fcs_linact {
    fcs_param set, reset, versus, bias;  /* slot -1 & value when constant  */
    int has_set, has_reset, has_versus, has_bias;
    double module, hysteresis, rate, gain, lag;
} fcs_linact;

enum { NOISE_PERCENT, NOISE_ABSOLUTE };
enum { DIST_UNIFORM, DIST_GAUSSIAN };

typedef struct fcs_sensor {
    int bits, divisions;
    double qmin, qmax, span, granularity;
    int quant_slot;         /* fcs/<quantization name>, or -1              */
    double bias, gain, drift_rate, lag;
    double noise_variance;
    int noise_type, distribution;
    int fail_low_slot, fail_high_slot, fail_stuck_slot;
    int seed_slot;          /* <name>/randomseed (noise only), or -1       */
    /* accelerometer, gyro, magnetometer */
    int axis;               /* 0, 1, 2                                     */
    double mT[3][3];        /* body -> sensor axes                         */
    double location_m[3];   /* structural frame                            */
} fcs_sensor;

typedef struct fcs_distributor_pair {
    int slot;               /* property set                                */
    fcs_param value;
} fcs_distributor_pair;

typedef struct fcs_distributor_case {
    const cond *test;       /* NULL: always                                */
    int npairs;
    fcs_distributor_pair *pairs;
} fcs_distributor_case;

typedef struct fcs_distributor {
    int exclusive;
    int ncases;
    fcs_distributor_case *cases;
} fcs_distributor;

typedef struct fcs_angle {
    int source_slot, target_slot;
    double source_unit, target_unit, output_unit;
} fcs_angle;

/* The last geodesic solved, keyed on the exact bits of its inputs: the
 * heading and the distance to the same waypoint share one, and inputs that
 * did not move (trim iterations) are not solved again. */
typedef struct fcs_geodesic {
    double in[4];           /* slat, slon, tlat, tlon (rad)                */
    double dist_ft, azi_rad;
    geodesic_cache solver;  /* warm start and the target's reduced latitude */
    int valid;
} fcs_geodesic;

typedef struct fcs_waypoint {
    fcs_param tlat, tlon, slat, slon;
    double tlat_unit, tlon_unit, slat_unit, slon_unit;
    int meters;             /* distance in metres (else feet)              */
    int degrees;            /* heading in degrees (else radians)           */
} fcs_waypoint;

typedef struct fcs_comp {
    fcs_type type;
    const char *name;       /* name= as written                            */
    const char *where;      /* file:line                                   */
    int n_in;
    fcs_param *in;          /* <input>s (properties, '-' allowed)          */
    int n_out;
    int *out;               /* fcs/<name> first, then <output>s            */
    int clip, clip_cyclic;
    fcs_param clip_min, clip_max;
    double delay_time;      /* <delay> as written: seconds or frames       */
    int delay_in_frames;    /* <delay type="frames">                       */
    size_t state_off;       /* its state record in the channel's states    */
    union {
        fcs_gain gain;
        double summer_bias;
        fcs_deadband deadband;
        fcs_switch sw;
        fcs_kinematic kin;
        fcs_filter filt;
        fcs_pid pid;
        fcs_actuator act;
        fcs_linact lin;
        fcs_sensor sens;
        jfunc *func;
        fcs_distributor dist;
        fcs_angle angle;
        fcs_waypoint wp;
    } u;
} fcs_comp;

/* --- run state, one record per component and aircraft ---
 *
 * Every component has Input and Output (fcs_cstate); the types that keep
 * more have it right after them, in the record fcs_state_bytes sizes for
 * the type and the fcs_X_st accessors below reach.  Most components
 * (gains, summers, functions, switches without delay) need nothing more,
 * so an aircraft's FCS state is a packed run of small records. */

typedef struct fcs_cstate {
    double input, output;   /* JSBSim's Input and Output                   */
} fcs_cstate;

/* A transport delay: switch, actuator and sensors. */
typedef struct fcs_delay_line {
    int frames;             /* delay in frames, 0 for none                 */
    int idx;                /* next slot of buf                            */
    double *buf;            /* `frames` values when frames > 0             */
} fcs_delay_line;

typedef struct fcs_filter_state {
    double ca, cb, cc, cd, ce;    /* coefficients for the step (and the C's) */
    double in1, in2, out1, out2;  /* PreviousInput1/2, PreviousOutput1/2     */
    int initialize;               /* next run seeds the history              */
} fcs_filter_state;

typedef struct fcs_pid_state {
    double init_seen;       /* initial-integrator-value when last looked at */
    double i_total;         /* I_out_total                                 */
    double in_prev, in_prev2;
} fcs_pid_state;

typedef struct fcs_actuator_state {
    fcs_delay_line delay;
    double lag_val, ca, cb; /* coefficients for the lag value lag_val      */
    double prev_output, prev_hyst, prev_rate, prev_lag_in, prev_lag_out;
    int initialized;
} fcs_actuator_state;

typedef struct fcs_linact_state {
    int set_on, reset_on, direction, count_spin, versus_i;
    double bias_v, input_last, input_mem;
    double ca, cb, prev_lag_in, prev_lag_out;
} fcs_linact_state;

typedef struct fcs_sensor_state {
    fcs_delay_line delay;
    double ca, cb;          /* lag coefficients for the step               */
    double drift, prev_in, prev_out;
    int quantized;
    int mag_counter;        /* magnetometer: frames since the field update */
    double mag_field_nt[3]; /* magnetometer: north, east, down             */
    double seed;            /* the seed `rng` was set from; 0: none yet    */
    saqr_rng rng;           /* the noise's own stream (a non-zero seed)    */
} fcs_sensor_state;

typedef struct fcs_switch_state {
    fcs_delay_line delay;
} fcs_switch_state;

typedef struct fcs_waypoint_state {
    fcs_geodesic *geo;      /* this aircraft's memo, possibly shared by    */
                            /* two components (see fcs_geodesic)           */
} fcs_waypoint_state;

/* Bytes of a component's state record (a multiple of 8). */
size_t fcs_state_bytes(fcs_type type);

/* The type's own part of a state record. */
static inline void *fcs_state_tail(fcs_cstate *s)
{
    return s + 1;
}
#define FCS_STATE_ACCESSOR(name, type)                                          \
    static inline type *name(fcs_cstate *s) { return fcs_state_tail(s); }
FCS_STATE_ACCESSOR(fcs_filter_st, fcs_filter_state)
FCS_STATE_ACCESSOR(fcs_pid_st, fcs_pid_state)
FCS_STATE_ACCESSOR(fcs_actuator_st, fcs_actuator_state)
FCS_STATE_ACCESSOR(fcs_linact_st, fcs_linact_state)
FCS_STATE_ACCESSOR(fcs_sensor_st, fcs_sensor_state)
FCS_STATE_ACCESSOR(fcs_switch_st, fcs_switch_state)
FCS_STATE_ACCESSOR(fcs_waypoint_st, fcs_waypoint_state)
#undef FCS_STATE_ACCESSOR

/* The delay line of a switch, actuator or sensor; NULL for other types. */
fcs_delay_line *fcs_delay_line_of(const fcs_comp *k, fcs_cstate *s);

/* What a component's run needs besides its own record. */
typedef struct fcs_frame {
    const fdm_env *env;
    double *v;
    saqr_rng *rng;
    int trimming;           /* JSBSim's GetTrimStatus()                    */
    double dt;              /* the channel's step: nominal x execrate, s   */
} fcs_frame;

/* --- fcs_component.c: parts every component shares --- */

/* Reads an element's text as a parameter (number or signed property). */
saqr_status fcs_param_load(jx_ctx *c, const xmlNode *el, const char *text, fcs_param *p);
/* Element text as a plain number (unit= ignored, as JSBSim's
 * FindElementValueAsNumber). */
saqr_status fcs_number(jx_ctx *c, const xmlNode *el, double *out);
/* Optional child number: leaves *out when the child is absent. */
saqr_status fcs_child_number(jx_ctx *c, const xmlNode *parent, const char *name, double *out);
/* The component's own property name "fcs/<name>" (lower case, spaces to
 * '-') or the name itself when it holds a '/'; written into buf. */
void fcs_component_property(const char *name, char *buf, size_t size);
/* Common part: name, inputs (min..max of them), outputs, clipto, delay.
 * The fcs/<name> output comes last (every type but the distributor). */
saqr_status fcs_comp_load_common(jx_ctx *c, const xmlNode *el, fcs_comp *k, int min_in, int max_in);
/* Interns "<own property>/<suffix>" with flags; -1 with an error. */
int fcs_comp_subproperty(jx_ctx *c, const xmlNode *el, const fcs_comp *k, const char *suffix,
                         unsigned flags);
/* <clipto> of a component that has one (fcs_clip checks). */
void fcs_clip_apply(const fcs_comp *k, fcs_cstate *s, const double *v);
/* Passes s->output through the delay line d. */
void fcs_delay(fcs_delay_line *d, fcs_cstate *s, int trimming);

/* Inline: every component runs these every frame, most with no clip and
 * one output. */
static inline void fcs_clip(const fcs_comp *k, fcs_cstate *s, const double *v)
{
    if (k->clip)
        fcs_clip_apply(k, s, v);
}

static inline void fcs_set_output(const fcs_comp *k, const fcs_cstate *s, double *v)
{
    const double out = s->output;
    const int *o = k->out;
    /* n_out >= 1 for every component that calls this (the distributor,
     * with none, does not) */
    v[o[0]] = out;
    for (int i = 1, n = k->n_out; i < n; i++)
        v[o[i]] = out;
}

/* The Tustin coefficients of a first-order lag c/(s + c) for step dt:
 * y = ca (x + x1) + cb y1 (JSBSim's FGFilter, FGActuator, FGSensor). */
static inline void fcs_lag_coefficients(double c, double dt, double *ca, double *cb)
{
    double den = 2.0 + dt * c;
    *ca = dt * c / den;
    *cb = (2.0 - dt * c) / den;
}

/* --- per family: load (after the common part), set the step, reset, run --- */
saqr_status fcs_gain_load(jx_ctx *c, const xmlNode *el, fcs_comp *k);
saqr_status fcs_filter_load(jx_ctx *c, const xmlNode *el, fcs_comp *k, fcs_cstate *s);
saqr_status fcs_pid_load(jx_ctx *c, const xmlNode *el, fcs_comp *k);
saqr_status fcs_kinematic_load(jx_ctx *c, const xmlNode *el, fcs_comp *k);
saqr_status fcs_switch_load(jx_ctx *c, const xmlNode *el, fcs_comp *k);
saqr_status fcs_distributor_load(jx_ctx *c, const xmlNode *el, fcs_comp *k);
saqr_status fcs_misc_load(jx_ctx *c, const xmlNode *el, fcs_comp *k, fcs_cstate *s);
saqr_status fcs_actuator_load(jx_ctx *c, const xmlNode *el, fcs_comp *k);
saqr_status fcs_linact_load(jx_ctx *c, const xmlNode *el, fcs_comp *k, fcs_cstate *s);
saqr_status fcs_sensor_load(jx_ctx *c, const xmlNode *el, fcs_comp *k);

/* Coefficients for the channel step dt (s). */
void fcs_filter_set_dt(const fcs_comp *k, fcs_cstate *s, const double *v, double dt);
void fcs_actuator_set_dt(const fcs_comp *k, fcs_cstate *s, const double *v, double dt);
void fcs_linact_set_dt(const fcs_comp *k, fcs_cstate *s, double dt);
void fcs_sensor_set_dt(const fcs_comp *k, fcs_cstate *s, double dt);

/* Non-zero when two waypoint components read the same coordinates, so
 * they can share one fcs_geodesic. */
int fcs_waypoint_same_inputs(const fcs_comp *a, const fcs_comp *b);

void fcs_comp_reset(const fcs_comp *k, fcs_cstate *s);

void fcs_scheduled_gain_run(const fcs_comp *k, fcs_cstate *s, const fcs_frame *fr);
void fcs_aerosurface_scale_run(const fcs_comp *k, fcs_cstate *s, const fcs_frame *fr);
void fcs_deadband_run(const fcs_comp *k, fcs_cstate *s, const fcs_frame *fr);
void fcs_filter_run(const fcs_comp *k, fcs_cstate *s, const fcs_frame *fr);
void fcs_pid_run(const fcs_comp *k, fcs_cstate *s, const fcs_frame *fr);
void fcs_kinematic_run(const fcs_comp *k, fcs_cstate *s, const fcs_frame *fr);
void fcs_distributor_run(const fcs_comp *k, const fcs_frame *fr);
void fcs_misc_run(const fcs_comp *k, fcs_cstate *s, const fcs_frame *fr);
void fcs_actuator_run(const fcs_comp *k, fcs_cstate *s, const fcs_frame *fr);
void fcs_linact_run(const fcs_comp *k, fcs_cstate *s, const fcs_frame *fr);
void fcs_sensor_run(const fcs_comp *k, fcs_cstate *s, const fcs_frame *fr);

/* The two commonest components, inline in the run loop below. */
static inline void fcs_summer_run(const fcs_comp *k, fcs_cstate *s, double *v)
{
    double out = 0.0;
    const fcs_param *in = k->in, *end = in + k->n_in;
    for (; in < end; in++)
        out += fcs_param_get(in, v);
    s->output = out + k->u.summer_bias;
    fcs_clip(k, s, v);
    fcs_set_output(k, s, v);
}

static inline void fcs_pure_gain_run(const fcs_comp *k, fcs_cstate *s, double *v)
{
    s->input = fcs_param_get(&k->in[0], v);
    s->output = fcs_param_get(&k->u.gain.gain, v) * s->input;
    fcs_clip(k, s, v);
    fcs_set_output(k, s, v);
}

/* The first test that passes gives the value, else the <default>, else
 * 0 (inline: a switch is the commonest component after these two). */
static inline void fcs_switch_run(const fcs_comp *k, fcs_cstate *s, const fcs_frame *fr)
{
    const fcs_switch *sw = &k->u.sw;
    double *v = fr->v;
    const fcs_switch_test *t = sw->tests + sw->has_default, *end = sw->tests + sw->ntests;
    for (; t < end; t++)
        if (cond_eval(t->test, v))
            break;
    if (t < end)
        s->output = fcs_param_get(&t->value, v);
    else
        s->output = sw->has_default ? fcs_param_get(&sw->tests[0].value, v) : 0.0;
    fcs_delay_line *d = &fcs_switch_st(s)->delay;
    if (d->frames > 0)
        fcs_delay(d, s, fr->trimming);
    fcs_clip(k, s, v);
    fcs_set_output(k, s, v);
}

/* Runs one component with its state (the channel loop of fcs.c inlines
 * this). */
static inline void fcs_comp_run(const fcs_comp *k, fcs_cstate *s, const fcs_frame *fr)
{
    switch (k->type) {
    case FCS_SUMMER: fcs_summer_run(k, s, fr->v); break;
    case FCS_PURE_GAIN: fcs_pure_gain_run(k, s, fr->v); break;
    case FCS_SCHEDULED_GAIN: fcs_scheduled_gain_run(k, s, fr); break;
    case FCS_AEROSURFACE_SCALE: fcs_aerosurface_scale_run(k, s, fr); break;
    case FCS_DEADBAND: fcs_deadband_run(k, s, fr); break;
    case FCS_LAG:
    case FCS_LEAD_LAG:
    case FCS_WASHOUT:
    case FCS_SECOND_ORDER: fcs_filter_run(k, s, fr); break;
    case FCS_PID: fcs_pid_run(k, s, fr); break;
    case FCS_KINEMATIC: fcs_kinematic_run(k, s, fr); break;
    case FCS_SWITCH: fcs_switch_run(k, s, fr); break;
    case FCS_DISTRIBUTOR: fcs_distributor_run(k, fr); break;
    case FCS_FUNCTION:
    case FCS_ANGLE:
    case FCS_WAYPOINT_HEADING:
    case FCS_WAYPOINT_DISTANCE: fcs_misc_run(k, s, fr); break;
    case FCS_ACTUATOR: fcs_actuator_run(k, s, fr); break;
    case FCS_LINEAR_ACTUATOR: fcs_linact_run(k, s, fr); break;
    case FCS_SENSOR:
    case FCS_ACCELEROMETER:
    case FCS_GYRO:
    case FCS_MAGNETOMETER: fcs_sensor_run(k, s, fr); break;
    }
}

#endif
