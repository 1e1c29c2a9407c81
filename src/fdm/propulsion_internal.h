/*
 * propulsion_internal.h - the inside of the propulsion model, shared by
 * propulsion*.c, engine_*.c, thruster.c and tank.c.
 *
 * The engine and thruster models keep JSBSim's English units internally
 * (psf, Rankine, ft/s, lbf, HP, slug ft^2, inches for structural
 * positions), because their formulas and empirical constants are written
 * in those units and the goal is to reproduce JSBSim's numbers; every
 * variable carries its unit in its name.  Conversion to SI happens once,
 * when the forces are handed to the executive (propulsion.c).
 *
 * Writable JSBSim properties that are state (tank contents, engine
 * running flag, parameters such as starter-norm) live in their property
 * slot: the models read them from `v` at the start of each frame, so a
 * script's write takes effect exactly as JSBSim's tied setter would.
 *
 * Reference: JSBSim src/models/FGPropulsion.cpp, propulsion/FGEngine.cpp,
 * FGThruster.cpp, FGForce.cpp.
 */
#ifndef SAQR_FDM_PROPULSION_INTERNAL_H
#define SAQR_FDM_PROPULSION_INTERNAL_H

#include <stdint.h>

#include "expr/func.h"
#include "expr/func_codegen.h"
#include "expr/table.h"
#include "fdm/fdm_env.h"
#include "fdm/propulsion.h"
#include "load/jsbsim/jxml.h"
#include "math/trig.h"
#include "props/props.h"

/* The flags of a writable property that a propulsion part keeps a copy of
 * in its state ("mirrored"), reads back each run and (for its own state)
 * writes each run: owned, so that another producer found at load marks
 * it PROP_FOREIGN, and watched, so that an outside write tells the
 * propulsion (propulsion_outside_write).  While neither happened, the
 * copy is the property's value and the run need not read it again. */
#define PJ_MIRRORED (PROP_PRODUCED | PROP_INPUT | PROP_OWNED | PROP_WATCHED)

/* Non-zero when one of the n slots (-1: none) is PROP_FOREIGN. */
static inline int pj_any_foreign(const unsigned *flags, const int *slot, int n)
{
    for (int i = 0; i < n; i++)
        if (slot[i] >= 0 && (flags[slot[i]] & PROP_FOREIGN))
            return 1;
    return 0;
}

/* JSBSim's conversion constants (FGJSBBase.h); the engine models were
 * tuned with these values, so they are kept rather than the exact ones. */
#define PJ_HP_TO_FTLBPS 550.0
#define PJ_PSF_TO_INHG 0.014138
#define PJ_PSF_TO_PA 47.88
#define PJ_FT_TO_M 0.3048
#define PJ_INHG_TO_PA 3386.38
#define PJ_IN3_TO_M3 (1.0 / (12.0 * 12.0 * 12.0) * (0.3048 * 0.3048 * 0.3048))
#define PJ_LB_TO_SLUG (1.0 / 32.174049)
#define PJ_PI 3.14159265358979323846

/* What the propulsion model sees of the world in one frame, in JSBSim's
 * units (FGEngine::Inputs).  Built from fdm_env by propulsion.c. */
typedef struct prop_in {
    double pressure_psf, pressure_ratio;
    double temperature_r;
    double density_slugpft3, density_ratio;
    double sound_speed_fps;
    double total_pressure_psf;      /* pitot total pressure               */
    double tat_c;                   /* total air temperature              */
    double vt_fps, vc_kts, qbar_psf;
    double alpha_rad, beta_rad;
    double aero_uvw_fps[3];         /* air-relative velocity, body        */
    double aero_pqr_radps[3];       /* air-relative rates, body           */
    double pqri_radps[3];           /* inertial rates, body               */
    double cg_in[3];                /* CG, structural frame, inches       */
    double dt_s;                    /* 0 during IC runs and trim          */
    double h_agl_ft;                /* height above the terrain           */
    int trimming;                   /* GetSteadyState is running          */
    int suspended;                  /* it runs with the integration
                                       suspended (a trim or an IC run): the
                                       rockets stay as they are          */
} prop_in;

/* Per-engine controls for this frame (FCS positions, possibly overridden
 * by InitRunning's steady-state run). */
typedef struct engine_ctl {
    double throttle, mixture, advance;
    int feather;
} engine_ctl;

/* ------------------------------------------------------------------ */
/* Thrusters                                                            */

enum { THR_DIRECT, THR_NOZZLE, THR_PROPELLER, THR_ROTOR };

typedef struct rotor rotor;   /* rotor.c */

/* The loaded propeller: what a run reads and nothing changes after
 * loading, shared by the aircraft of a batch (propeller_clone). */
typedef struct propeller_def {
    double ixx_slugft2, diameter_ft, gear_ratio;
    int num_blades;
    double min_pitch_deg, max_pitch_deg, min_rpm, max_rpm, reverse_pitch_deg;
    double p_factor, sense_multiplier, ct_factor, cp_factor;
    const jtable *c_thrust, *c_power, *ct_mach, *cp_mach; /* NULL: none   */
    double d4, d5;                  /* diameter^4, ^5, ft                 */
    /* slots */
    int s_engine_rpm, s_advance_ratio, s_blade_angle, s_ct, s_prop_rpm, s_tip_mach,
        s_const_speed, s_induced, s_power, s_torque, s_sense;
} propeller_def;

/* One aircraft's propeller. */
typedef struct propeller {
    const propeller_def *d;
    double sense;                   /* a property can change it          */
    /* state */
    double rpm, pitch_deg, advance, j, thrust_coeff, helical_tip_mach;
    double power_required_ftlbps, excess_torque_ftlb, torque_ftlb;
    double induced_fps;
    trig_atan2_hint p_factor_hint;  /* the flow angle's atan2 (math/trig.h) */
    int feathered, reversed, constant_speed;
    double reverse_coef;
} propeller;

typedef struct thruster {
    int type;                       /* THR_*                              */
    const char *name;
    double loc_in[3];               /* reference location, structural     */
    double acting_in[3];            /* where the force acts (P-factor)    */
    double orient_rad[3];           /* roll, pitch, yaw to body           */
    int pointing;                   /* <pointing> given: mT fixed         */
    double mt[3][3];                /* thruster -> body                   */
    double gear_ratio;
    double reverser_rad;
    double area_ft2;                /* nozzle exit area                   */
    double thrust_lbs;
    double fn_lbs[3];               /* force, thruster axes               */
    double mn_ftlb[3];              /* moment not from the force, body    */
    double fb_lbs[3];               /* force, body axes (last frame)      */
    double m_ftlb[3];               /* total moment about the CG          */
    propeller *prop;                /* THR_PROPELLER only                 */
    rotor *rot;                     /* THR_ROTOR only                     */
    /* slots */
    int s_xref, s_yref, s_zref, s_x, s_y, s_z, s_pitch, s_yaw, s_reverser;
} thruster;

/* `thruster_el`: the aircraft's <thruster> (location, orient, sense,
 * p_factor); `def`: the thruster definition (<propeller>, <nozzle>,
 * <direct>), the root of its file or a child of thruster_el. */
saqr_status thruster_load(jx_ctx *c, xmlNode *thruster_el, xmlNode *def, int engine_index,
                          thruster *t);
void thruster_reset(thruster *t, double *v);
/* Reads the writable thruster properties it mirrors (location,
 * orientation, reverser, the propeller's); a rotor's controls are read by
 * thruster_read_controls, every run. */
void thruster_read(thruster *t, const double *v);
void thruster_read_controls(thruster *t, const double *v);
int thruster_mirrors_foreign(const thruster *t, const unsigned *flags);
/* Thrust from power (propeller, ft lbf/s) or from engine thrust (direct,
 * nozzle, lbf).  Returns the thrust in lbf. */
double thruster_calculate(thruster *t, const prop_in *in, double power_or_thrust);
/* Engine RPM seen through the gearbox (0 for non-propellers; a rotor's
 * engine side of its transmission: JSBSim's GetEngineRPM). */
double thruster_engine_rpm(const thruster *t);
/* The thruster's own RPM times its gear ratio (JSBSim's GetRPM() x
 * GetGearRatio(), what the electric engine reads). */
double thruster_geared_rpm(const thruster *t);
void thruster_set_rpm(thruster *t, double prop_rpm);
/* Body force and moment about the CG (JSBSim FGForce::GetBodyForces). */
void thruster_body_forces(thruster *t, const prop_in *in);
/* Every property of the thruster (at a reset), and what a run changes of
 * it (the reference point, angles and sense are read from their slots). */
void thruster_publish(const thruster *t, double *v);
void thruster_write(const thruster *t, double *v);
/* A structural point (inches) relative to the CG in body feet
 * (FGMassBalance::StructuralToBody), and a cross product. */
void thruster_arm_ft(const prop_in *in, const double pos_in[3], double out_ft[3]);
void pj_cross(const double a[3], const double b[3], double out[3]);

/* Rotors (rotor.c): `def` is the <rotor> element. */
saqr_status rotor_load(jx_ctx *c, xmlNode *def, xmlNode *thruster_el, int engine_index, thruster *t);
/* The engine whose rotor this one follows (<ExternalRPM>), or < 0. */
int rotor_source(const rotor *r);
/* Checks and records the leading engine's thruster (after all loaded). */
saqr_status rotor_link(jx_ctx *c, rotor *r, const thruster *source);
/* Before each Calculate of a following rotor: the leader's speed now. */
void rotor_follow(rotor *r, const rotor *source);
/* The simulation's step, which the inflow lag and the filters use even in
 * the initial-condition runs (dt = 0), as JSBSim's rotor uses the step it
 * was loaded with.  Must be called before the first reset. */
void rotor_set_dt(rotor *r, double dt_s);
void rotor_reset(rotor *r, double *v);
void rotor_read(rotor *r, const double *v);
void rotor_write(const rotor *r, double *v);
double rotor_calculate(thruster *t, const prop_in *in, double engine_power_ftlbps);
double rotor_rpm(const rotor *r);
double rotor_engine_rpm(const rotor *r);
void rotor_set_rpm(rotor *r, double rpm);
rotor *rotor_clone(arena *ar, const rotor *src);

/* ------------------------------------------------------------------ */
/* Tanks                                                                */

enum { TANK_FUEL = 0, TANK_OXIDIZER = 1 };

/* Tank contents: a liquid, or a solid grain burning from its bore or its
 * end (FGTank's grain types CYLINDRICAL, ENDBURNING). */
enum { TANK_LIQUID, TANK_GRAIN_CYLINDRICAL, TANK_GRAIN_ENDBURNING };

/* The loaded tank: what a run reads and nothing changes after loading,
 * shared by the aircraft of a batch (propulsion_clone). */
typedef struct tank_def {
    int type;
    const char *name;
    double drain_in[3];             /* drain location                     */
    double radius_in, inertia_factor, capacity_lbs, density_lbspgal;
    double initial_contents_lbs, initial_unusable_gal, initial_standpipe_lbs;
    double initial_temperature_c;   /* -9999: temperature not modelled    */
    int initial_priority;
    double area_ft2;                /* for the heat exchange              */
    /* a solid-propellant grain (<grain_config>): TANK_GRAIN_* */
    int grain;
    double grain_density_slugpin3;
    /* slots */
    int s_contents, s_unusable, s_pct, s_capacity, s_density, s_priority, s_ext_flow, s_ixx, s_iyy, s_izz,
        s_x, s_y, s_z;
} tank_def;

/* One aircraft's tank. */
typedef struct tank {
    const tank_def *d;
    double xyz_in[3];               /* location (a property can move it)  */
    /* state; the slot holds the authoritative writable values */
    double contents_lbs, unusable_gal, standpipe_lbs, temperature_c, external_flow_pps;
    int priority;
    double pct_full, ixx_slugft2, iyy_slugft2, izz_slugft2;
    /* the inertias are a function of the contents alone: the bits of the
     * contents they were last worked out for (inertia_valid when so) */
    uint64_t inertia_contents_bits;
    int inertia_valid;
    double grain_length_in;         /* an end-burning grain's, as it burns */
} tank;

saqr_status tank_load(jx_ctx *c, const xmlNode *el, int index, tank *t);
void tank_reset(tank *t, double *v);
void tank_read(tank *t, const double *v);      /* script writes -> state */
int tank_mirrors_foreign(const tank *t, const unsigned *flags);
/* Only what the mass balance reads: contents and position. */
void tank_read_mass(tank *t, const double *v);
/* contents-lbs written from outside: JSBSim's FGTank::SetContents (the
 * capacity's limit, the fill and the inertias at once, in the slots). */
void tank_contents_written(tank *t, double *v);
/* Every property of the tank (at a reset), and what a run changes of it
 * (the rest are parameters, read from their slots each run, or fixed). */
void tank_publish(const tank *t, double *v);
void tank_write(const tank *t, double *v);
double tank_unusable_lbs(const tank *t);
double tank_drain(tank *t, double used_lbs);   /* returns what remains   */
double tank_fill(tank *t, double amount_lbs);  /* returns the overage    */
void tank_calculate(tank *t, double dt_s, double tat_c);
/* Current CG of the fuel, structural inches. */
void tank_xyz_in(const tank *t, double out_in[3]);

/* ------------------------------------------------------------------ */
/* Engines                                                              */

enum { ENG_PISTON, ENG_TURBINE, ENG_TURBOPROP, ENG_ELECTRIC, ENG_ROCKET, ENG_BLDC };

typedef struct piston piston;
typedef struct turbine turbine;
typedef struct simple_engine simple_engine;
typedef struct turboprop turboprop;
typedef struct bldc bldc;

/* The loaded engine: what a run reads and nothing changes after loading
 * (and compiling: the functions' generated code), shared by the aircraft
 * of a batch (propulsion_clone). */
typedef struct engine_def {
    int type, index;
    const char *name;
    int *feed, nfeed;               /* source tank indices                */
    double max_throttle, min_throttle;
    double fuel_density_lbspgal;
    jfunc **pre, **post;            /* <function> children                */
    int npre, npost;
    jfunc_native_sum native_pre, native_post; /* their generated code, once
                                                 compiled (propulsion_native.c) */
    const void **native_pre_p, **native_post_p;
    /* slots */
    int s_set_running, s_thrust, s_ffr_pps, s_ffr_gph, s_fuel_used;
    int s_throttle_pos, s_mixture_pos, s_mixture_cmd, s_advance_pos, s_feather_pos;
} engine_def;

/* One aircraft's engine. */
typedef struct engine {
    const engine_def *d;
    double sl_fuel_flow_max_pps;    /* a rocket's changes as it burns     */
    /* state */
    int starter, starved, running, cranking, fuel_freeze;
    double pct_power, fuel_flow_gph, fuel_flow_pph, fuel_flow_rate_pps;
    double fuel_expended_lbs, fuel_used_lbs;
    engine_ctl ctl;
    thruster thr;
    piston *pis;
    turbine *tur;
    simple_engine *simple;          /* electric, rocket                   */
    turboprop *tp;
    bldc *bl;                       /* brushless DC motor                 */
} engine;

/* The definition of an engine being loaded, for its loaders to fill:
 * they are its only writers (and saqr_fdm_compile, binding the functions'
 * code); afterwards the aircraft of a batch share it, read only. */
static inline engine_def *engine_def_loading(engine *e)
{
    return (engine_def *)(uintptr_t)e->d;
}

/* Loading: the engine-type element (file root) and the <engine> element
 * of the aircraft (feed, thruster). */
/* The folders JSBSim searches for engine and thruster files: the
 * aircraft folder, its Engines/engines/Engine/engine subfolders, then
 * root/engine.  Returns ed->dirs (NULL-ended). */
typedef struct engine_dirs {
    char buf[5][1024];
    const char *dirs[8];
} engine_dirs;
const char *const *engine_dirs_make(const jx_ctx *c, engine_dirs *ed);

saqr_status engine_load_common(jx_ctx *c, xmlNode *type_el, xmlNode *engine_el, int index,
                               engine *e);
saqr_status piston_load(jx_ctx *c, xmlNode *el, engine *e);
saqr_status turbine_load(jx_ctx *c, xmlNode *el, engine *e);
saqr_status simple_engine_load(jx_ctx *c, xmlNode *el, int type, engine *e);
saqr_status turboprop_load(jx_ctx *c, xmlNode *el, engine *e);
saqr_status bldc_load(jx_ctx *c, xmlNode *el, engine *e);

void engine_reset(engine *e, const prop_in *in, double *v);
void piston_reset(engine *e, const prop_in *in, double *v);
void turbine_reset(engine *e, const prop_in *in, double *v);
void simple_engine_reset(engine *e, const prop_in *in, double *v);
void turboprop_reset(engine *e, const prop_in *in, double *v);
void bldc_reset(engine *e, double *v);

/* One Calculate() of JSBSim's engine classes. */
void engine_calculate(engine *e, const prop_in *in, double *v);
void piston_calculate(engine *e, const prop_in *in, double *v);
void turbine_calculate(engine *e, const prop_in *in, double *v);
void simple_engine_calculate(engine *e, const prop_in *in, double *v);
void turboprop_calculate(engine *e, const prop_in *in, double *v);
void bldc_calculate(engine *e, const prop_in *in, double *v);

/* Fuel this frame (FGEngine::CalcFuelNeed and overrides), lbs. */
double engine_calc_fuel_need(engine *e, const prop_in *in);
double engine_calc_oxidizer_need(engine *e, const prop_in *in);

double simple_engine_fuel_need(engine *e, const prop_in *in);
double simple_engine_oxidizer_need(engine *e, const prop_in *in);

/* InitRunning of each engine type (controls in e->ctl already set). */
void engine_init_running(engine *e, const prop_in *in, double *v);
void piston_init_running(engine *e, const prop_in *in);
void turbine_init_running(engine *e, const prop_in *in, double *v);
void turboprop_init_running(engine *e, const prop_in *in, double *v);

/* Runs the functions f[0..n) in order: by `native` (their generated code,
 * reading P) when it is set, which gives the same bits. */
void engine_run_functions(jfunc *const *f, int n, jfunc_native_sum native, const void *const *P, double *v);
static inline void engine_run_pre(const engine *e, double *v)
{
    if (e->d->npre > 0)
        engine_run_functions(e->d->pre, e->d->npre, e->d->native_pre, e->d->native_pre_p, v);
}
void engine_write(const engine *e, double *v);
/* The post functions read this run's values of the engine's properties
 * (JSBSim ties them to the members its Calculate has just set), so the
 * engine writes them first; the propulsion writes them again after the
 * fuel is burnt. */
static inline void engine_run_post(const engine *e, double *v)
{
    if (e->d->npost > 0) {
        engine_write(e, v);
        engine_run_functions(e->d->post, e->d->npost, e->d->native_post, e->d->native_post_p, v);
    }
}
void piston_write(const engine *e, double *v);
void turbine_write(const engine *e, double *v);
void simple_engine_write(const engine *e, double *v);
void turboprop_write(const engine *e, double *v);
void bldc_write(const engine *e, double *v);
/* Reads the engine's controls (the FCS's positions) and, when `mirrors`,
 * the writable engine parameters and state it mirrors (PJ_MIRRORED). */
void engine_read(engine *e, const double *v, int mirrors);
void piston_read(engine *e, const double *v);
void turbine_read(engine *e, const double *v);
void turboprop_read(engine *e, const double *v);
/* Non-zero when a mirrored property has another producer. */
int engine_mirrors_foreign(const engine *e, const unsigned *flags);
int piston_mirrors_foreign(const engine *e, const unsigned *flags);
int turbine_mirrors_foreign(const engine *e, const unsigned *flags);
int turboprop_mirrors_foreign(const engine *e, const unsigned *flags);

/* Piston/turbine specific commands. */
void piston_set_magnetos(engine *e, int magnetos);
/* Fuel/air over stoichiometric of the last run (output groups). */
double piston_equivalence_ratio(const engine *e);
void turbine_set_cutoff(engine *e, int cutoff);
int turbine_get_cutoff(const engine *e);
void turboprop_set_cutoff(engine *e, int cutoff);
int turboprop_get_cutoff(const engine *e);

/* Helpers shared by the loaders. */
/* Optional child number (unit conversion to `unit`, NULL: none); leaves
 * *out alone when absent.  Returns SAQR_OK or the error. */
saqr_status pj_opt(jx_ctx *c, const xmlNode *el, const char *name, const char *unit,
                   double *out);
/* Interns "propulsion/<prefix>[i]/<suffix>"; -1 on failure (message set). */
int pj_slot(jx_ctx *c, const xmlNode *el, const char *prefix, int index, const char *suffix,
            unsigned flags);
/* Linear interpolation in a fixed (x, y) table, clamped at the ends, as
 * JSBSim's FGTable::GetValue for one dimension. */
double pj_lerp(const double (*xy)[2], int n, double x);
/* Output slot of the engine's pre-function "propulsion/engine[i]/<name>"
 * (loaded by engine_load_common), or -1 when it has none by that name. */
int engine_function_slot(const jx_ctx *c, const engine *e, const char *name);

/* Helpers shared by the engine models' Calculate. */
/* Moves x towards target by at most accel * dt_s (up) or decel * dt_s
 * (down), without overshooting (JSBSim's turbine/turboprop Seek). */
double pj_seek(double x, double target, double accel, double decel, double dt_s);

/* Copies for another aircraft of a batch (propulsion_clone): each record
 * holds state; the tables it points to are shared.  NULL on out-of-memory. */
piston *piston_clone(arena *ar, const piston *src);
turbine *turbine_clone(arena *ar, const turbine *src);
turboprop *turboprop_clone(arena *ar, const turboprop *src);
bldc *bldc_clone(arena *ar, const bldc *src);
simple_engine *simple_engine_clone(arena *ar, const simple_engine *src);
propeller *propeller_clone(arena *ar, const propeller *src);
/* Replaces an engine copy's type record and propeller with copies of
 * their own; 0, or -1 on out-of-memory. */
int engine_clone_parts(arena *ar, engine *e);

/* The records that hold all of what an engine's Calculate reads and
 * changes besides its inputs (prop_in) and the properties nothing writes
 * while the engine alone runs, when that is so: the engine, its type's
 * record and its propeller, and the property slots its functions write
 * (engine_steady.c uses them to recognise a state that repeats itself
 * exactly).  Fills `st` and returns the number of records; 0 when part of
 * the state lies elsewhere (a rotor, engine types not listed, more
 * functions than ENGINE_STATE_SLOTS). */
#define ENGINE_STATE_REGIONS 3
#define ENGINE_STATE_SLOTS 16
typedef struct engine_state_regions_t {
    int n;
    const void *ptr[ENGINE_STATE_REGIONS];
    size_t size[ENGINE_STATE_REGIONS];
    /* Bytes [thermal_offset, +thermal_size) of record thermal_region are
     * state that the rest never reads (a piston's temperatures), advanced
     * by engine_thermal_apply; thermal_region -1: none. */
    int thermal_region;
    size_t thermal_offset, thermal_size;
    int nslots, slot[ENGINE_STATE_SLOTS];   /* property slots written */
} engine_state_regions_t;
int engine_state_regions(const engine *e, engine_state_regions_t *st);
/* What the thermal part of a piston's run reads besides the thermal state
 * itself: functions of the rest of the run's results and of the inputs
 * (piston_thermal_inputs), so a state that repeats gives the same ones. */
typedef struct piston_thermal_in {
    int burning;                       /* fuel burns: EGT from the energy balance */
    double egt_k, combustion_efficiency, egt_ambient_k;
    double t_amb_k, dt_s;
    double head_area, head_capacity;   /* cylinder head                    */
    double q_combustion, forced_per_k, rpm_per_k, max_rpm;
    double oil_pressure_psi;           /* before the temperature correction */
    double oil_relief_psi, design_oil_temp_k, oil_viscosity_index;
} piston_thermal_in;
/* The thermal part of a run in two halves: its inputs from the rest of
 * the run's results as they stand in the records (zeros for an engine
 * without a thermal state), and the step of the thermal state from them
 * (nothing for such an engine). */
void engine_thermal_inputs(const engine *e, const prop_in *in, piston_thermal_in *t);
void engine_thermal_apply(engine *e, const piston_thermal_in *t);
size_t piston_record_size(void);
size_t turbine_record_size(void);
/* Appends the slots the turbine's own functions (TSFC, ATSFC) write;
 * returns the new count, or -1 when more than `max`. */
int turbine_written_slots(const engine *e, int *slot, int n, int max);
void piston_thermal(size_t *offset, size_t *size);
void piston_thermal_inputs(const engine *e, const prop_in *in, piston_thermal_in *t);
void piston_thermal_apply(engine *e, const piston_thermal_in *t);

/* One run of engine e (a rotor following another engine's first takes
 * that engine's speed). */
void propulsion_calculate_engine(propulsion *p, engine *e, double *v);
/* Runs engine e to its steady state at the propulsion's inputs
 * (engine_steady.c); find_cycles 0 steps it all the way, as JSBSim does
 * (the same result: for tests).  Returns the full runs it made. */
int engine_settle(propulsion *p, engine *e, double *v, int find_cycles);

/* ------------------------------------------------------------------ */
/* The model                                                            */

struct propulsion {
    engine *eng;
    int neng;
    tank *tanks;
    int ntanks;
    double dump_rate_lbspmin, refuel_rate_lbspmin;
    int have_piston, have_turbo;
    /* state */
    int active_engine;              /* -1: all                            */
    double total_fuel_lbs, total_oxidizer_lbs;
    double forces_lbs[3], moments_ftlb[3];
    prop_in in;                     /* inputs of the last frame           */
    /* commands: last value seen in the slot (change detection) */
    double last_starter, last_magneto, last_cutoff, last_active;
    jfunc **pre, **post;
    int npre, npost;
    jfunc_native_sum native_pre, native_post; /* as an engine's          */
    const void **native_pre_p, **native_post_p;
    /* The mirrored properties (PJ_MIRRORED): mirrors_foreign when one has
     * another producer (settled at load), so every run reads them all;
     * mirrors_stale when the copies may differ from the properties (an
     * outside write, a reset) until the next run has read them. */
    int mirrors_foreign, mirrors_stale;
    /* steady states: 1 runs every step (tests); the engine runs made */
    int settle_in_full;
    long settle_runs;
    /* slots */
    int s_set_running, s_starter, s_magneto, s_cutoff, s_active, s_total_fuel, s_total_ox,
        s_refuel, s_dump, s_freeze;
    int s_force[3], s_moment[3];
};

#endif
