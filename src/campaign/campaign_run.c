/*
 * campaign_run.c - the campaign's runs: each run's draws, the aircraft's
 * loading, lesson and script runs, and the threads that share them out
 * (see campaign_run.h; the table they fill: campaign_table.c).
 *
 * A lesson run: the worker's own copy of the lesson gets the run's wind,
 * turbulence and initial-state offsets in its set-up; the sortie is begun
 * with hooks that load the aircraft (fuel, payload, CG shift, any
 * property) before its trim, scale the reference pilot's gains and seed
 * the gusts from the run's stream; gusts are then switched on through the
 * instructor's weather control; the sortie is flown to its end and its
 * grade sheet read.  A script run: the script is loaded, the same loading
 * and initial-state offsets applied before its initialisation, and it is
 * stepped to its end as `saqr run` does.
 */
#include "campaign/campaign_run.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "math/angle.h"
#include "math/units.h"
#include "saqr.h"
#include "script/script.h"
#include "train/sortie.h"
#include "train/sortie_control.h"
#include "math/trig.h"

/* ------------------------------------------------------------ draws */

void camp_draw(const campaign *c, long run, double *values, uint64_t *gust_seed)
{
    saqr_rng r;
    rng_seed_stream(&r, c->seed, (uint64_t)run);
    for (int i = 0; i < c->nparams; i++)
        values[i] = dist_sample(&c->params[i].d, &r);
    /* after the parameters, so adding one changes no earlier draw; never 0
     * (0 asks for the fixed gust seed) */
    uint64_t g = rng_next(&r);
    *gust_seed = g ? g : 1;
}

/* ------------------------------------------------------------ loading */

/* What a run loads into the aircraft before it is initialised. */
typedef struct loading {
    const campaign *c;
    const camp_env *env;
    const double *values;
} loading;

static saqr_status set_prop(saqr_fdm *f, const char *name, double x, const char *where, saqr_err *err)
{
    int s = saqr_fdm_property(f, name);
    if (s < 0 || saqr_fdm_set(f, s, x) != SAQR_OK)
        return err_set(err, SAQR_EINVAL, "%s: no writable property %s (or %g refused)", where, name, x);
    return SAQR_OK;
}

static saqr_status add_prop(saqr_fdm *f, const char *name, double dx, const char *where, saqr_err *err)
{
    int s = saqr_fdm_property(f, name);
    if (s < 0 || saqr_fdm_set(f, s, saqr_fdm_get(f, s) + dx) != SAQR_OK)
        return err_set(err, SAQR_EINVAL, "%s: no writable property %s", where, name);
    return SAQR_OK;
}

/* Fuel, payload, CG shift and properties (every campaign); for a script
 * also the wind, turbulence and initial-state offsets (a lesson takes
 * those in its set-up). */
static int apply_loading(saqr_fdm *f, void *user, saqr_err *err)
{
    const loading *ld = user;
    const campaign *c = ld->c;
    /* the same bits either way: a run that cannot take the code flies on */
    if (ld->env->code && saqr_fdm_compile_like(f, ld->env->code) != SAQR_OK && ld->env->interpreted)
        atomic_fetch_add(ld->env->interpreted, 1);
    /* the initial state's offsets are from the file's values: read before
     * any is written (an ic/ property reads the ones written so far
     * applied, so the airspeed would read at the offset altitude) */
    static const char *const offset_props[3] = {"ic/h-sl-ft", "ic/vc-kts", "ic/psi-true-deg"};
    double nominal[3] = {0.0, 0.0, 0.0};
    for (int k = 0; k < 3 && c->is_script; k++) {
        const int s = saqr_fdm_property(f, offset_props[k]);
        nominal[k] = s >= 0 ? saqr_fdm_get(f, s) : 0.0;
    }
    saqr_status st = SAQR_OK;
    for (int i = 0; i < c->nparams && !st; i++) {
        const camp_param *p = &c->params[i];
        double x = ld->values[i];
        char name[96];
        switch (p->kind) {
        case CP_FUEL_PCT:
            if (sortie_set_fuel_pct(f, x) == 0)
                st = err_set(err, SAQR_EINVAL, "%s: the aircraft has no fuel tank", p->where);
            break;
        case CP_PAYLOAD_KG:
            snprintf(name, sizeof name, "inertia/pointmass-weight-lbs[%d]", p->pointmass);
            st = set_prop(f, name, x / KG_PER_LBM, p->where, err);
            break;
        case CP_CG_SHIFT_IN:
            snprintf(name, sizeof name, "inertia/pointmass-location-X-inches[%d]", p->pointmass);
            st = add_prop(f, name, x, p->where, err);
            break;
        case CP_PROPERTY:
            st = set_prop(f, p->property, x, p->where, err);
            break;
        default:
            break;
        }
        if (!c->is_script || st)
            continue;
        switch (p->kind) {
        case CP_TURBULENCE:
            if (x > 0.0) {
                st = set_prop(f, "atmosphere/turb-type", 3.0, p->where, err);
                if (!st)
                    st = set_prop(f, "atmosphere/turbulence/milspec/severity", x == 1.0 ? 3.0 : 4.0, p->where, err);
            }
            break;
        case CP_ALT_OFFSET_FT:
            st = set_prop(f, offset_props[0], nominal[0] + x, p->where, err);
            break;
        case CP_IAS_OFFSET_KT:
            st = set_prop(f, offset_props[1], nominal[1] + x, p->where, err);
            break;
        case CP_HEADING_OFFSET_DEG:
            st = set_prop(f, offset_props[2], nominal[2] + x, p->where, err);
            break;
        default:
            break;
        }
    }
    return st;
}

/* A script run's dispersed wind, set once the aircraft is initialised
 * and again whenever a trim or a reset of the script has put the initial
 * conditions' winds back (wind_watch).  The initialisation, a trim and a
 * reset all set the winds from the initial conditions (JSBSim's RunIC and
 * FGTrim do the same), so a wind written once before them was
 * overwritten by the file's calm and never flown.  Not given as the
 * initial conditions' wind (ic/vw-*): with it the script's trim, holding
 * the file's airspeed over the ground, fails in JSBSim as in Saqr
 * (c172_cruise_8K with 20 kt); so a trim is flown in the file's air and
 * the dispersed wind comes in the frame after it. */
static saqr_status apply_script_wind(saqr_fdm *f, const campaign *c, const double *values, saqr_err *err)
{
    double wind_kt = NAN, from_deg = 0.0;
    for (int i = 0; i < c->nparams; i++) {
        if (c->params[i].kind == CP_WIND_KT)
            wind_kt = values[i];
        else if (c->params[i].kind == CP_WIND_FROM_DEG)
            from_deg = values[i];
    }
    if (isnan(wind_kt))
        return SAQR_OK;
    /* the air mass moves towards from + 180 deg */
    double fps = wind_kt * MPS_PER_KT / M_PER_FT, to = (from_deg + 180.0) * RAD_PER_DEG;
    saqr_status st = set_prop(f, "atmosphere/wind-north-fps", fps * trig_cos(to), c->where_source, err);
    if (!st)
        st = set_prop(f, "atmosphere/wind-east-fps", fps * trig_sin(to), c->where_source, err);
    if (!st && saqr_fdm_property(f, "atmosphere/turbulence/milspec/windspeed_at_20ft_AGL-fps") >= 0)
        st = set_prop(f, "atmosphere/turbulence/milspec/windspeed_at_20ft_AGL-fps", fps, c->where_source, err);
    return st;
}

/* ------------------------------------------------------------ outputs */

typedef struct watch {
    int slot[CAMP_MAX_OUTPUTS];
    double v[CAMP_MAX_OUTPUTS];
} watch;

static saqr_status watch_init(watch *w, const campaign *c, saqr_fdm *f, saqr_err *err)
{
    for (int i = 0; i < c->noutputs; i++) {
        w->slot[i] = saqr_fdm_property(f, c->outputs[i].property);
        if (w->slot[i] < 0)
            return err_set(err, SAQR_EINVAL, "%s: the aircraft has no property %s", c->outputs[i].where,
                           c->outputs[i].property);
        w->v[i] = NAN;
    }
    return SAQR_OK;
}

static void watch_update(watch *w, const campaign *c, const saqr_fdm *f)
{
    for (int i = 0; i < c->noutputs; i++) {
        double x = saqr_fdm_get(f, w->slot[i]);
        switch (c->outputs[i].at) {
        case CAT_END:
            w->v[i] = x;
            break;
        case CAT_MAX:
            w->v[i] = isnan(w->v[i]) || x > w->v[i] ? x : w->v[i];
            break;
        case CAT_MIN:
            w->v[i] = isnan(w->v[i]) || x < w->v[i] ? x : w->v[i];
            break;
        }
    }
}

/* Output values and their pass flags into row; 0 when any output failed. */
static int watch_store(const watch *w, const campaign *c, const camp_layout *lay, double *row)
{
    int pass = 1;
    for (int i = 0; i < c->noutputs; i++) {
        const camp_output *o = &c->outputs[i];
        int col = lay->output_col[i];
        row[col] = w->v[i];
        if (camp_output_has_pass_band(o)) {
            int ok = isfinite(w->v[i]) && (isnan(o->pass_min) || w->v[i] >= o->pass_min) &&
                     (isnan(o->pass_max) || w->v[i] <= o->pass_max);
            row[col + 1] = ok;
            pass &= ok;
        }
    }
    return pass;
}

/* ------------------------------------------------------------ workers */

/* What one thread keeps between runs: its own lesson copy. */
typedef struct worker {
    lesson l;
    int have_lesson;
    lesson_setup base;            /* the set-up as the file has it          */
    const airport_runway *rwy;
} worker;

static saqr_status worker_init(worker *w, const campaign *c, const camp_env *env, saqr_err *err)
{
    memset(w, 0, sizeof *w);
    if (c->is_script)
        return SAQR_OK;
    saqr_status st = lesson_load(env->lesson_path, c->lesson_id, &w->l, err);
    if (st) {
        lesson_free(&w->l);
        return st;
    }
    w->have_lesson = 1;
    w->base = w->l.setup;
    const airport *ap = airport_find(env->airports, w->l.setup.airport);
    w->rwy = ap ? airport_runway_find(ap, w->l.setup.runway) : NULL;
    if (!w->rwy)
        return err_set(err, SAQR_ENOTFOUND, "%s: runway %s %s is not in the airports file", w->l.path,
                       w->l.setup.airport, w->l.setup.runway);
    return SAQR_OK;
}

static void worker_free(worker *w)
{
    if (w->have_lesson)
        lesson_free(&w->l);
    w->have_lesson = 0;
}

/* The lesson's set-up with the run's wind, turbulence and offsets; the
 * gust speed into *gust_kt and the gain scale into *gain. */
static void lesson_setup_for(worker *w, const campaign *c, const double *x, double *gust_kt, double *gain)
{
    lesson_setup *su = &w->l.setup;
    *su = w->base;
    *gust_kt = 0.0;
    *gain = 0.0;
    double head = 0.0, cross = 0.0;
    int components = 0;
    for (int i = 0; i < c->nparams; i++) {
        switch (c->params[i].kind) {
        case CP_WIND_KT:
            su->wind_kt = fmax(0.0, x[i]);
            if (isnan(su->wind_from_deg))
                su->wind_from_deg = w->rwy->heading_true_deg;
            break;
        case CP_WIND_FROM_DEG:
            su->wind_from_deg = angle_wrap360_deg(x[i]);
            if (isnan(su->wind_kt))
                su->wind_kt = 0.0;
            break;
        case CP_CROSSWIND_KT:
            cross = x[i];
            components = 1;
            break;
        case CP_HEADWIND_KT:
            head = x[i];
            components = 1;
            break;
        case CP_GUST_KT:
            *gust_kt = fmax(0.0, x[i]);
            break;
        case CP_TURBULENCE:
            su->turbulence = (int)x[i];
            break;
        case CP_ALT_OFFSET_FT:
            su->alt_ft += x[i];
            break;
        case CP_IAS_OFFSET_KT:
            su->ias_kt += x[i];
            break;
        case CP_HEADING_OFFSET_DEG:
            su->heading_deg = angle_wrap360_deg(su->heading_deg + x[i]);
            break;
        case CP_PILOT_GAIN:
            *gain = x[i];
            break;
        default:
            break;
        }
    }
    if (components) {
        /* from the right of the runway heading for a positive crosswind */
        su->wind_kt = hypot(head, cross);
        su->wind_from_deg = angle_wrap360_deg(w->rwy->heading_true_deg + trig_atan2(cross, head) / RAD_PER_DEG);
    }
}

static void run_failed(camp_results *res, long run, const char *msg)
{
    res->failed[run] = 1;
    snprintf(res->msg[run], sizeof res->msg[run], "%s", msg);
}

static void fly_lesson_run(worker *w, const campaign *c, const camp_env *env, const camp_layout *lay, long run,
                           const double *x, uint64_t gust_seed, camp_results *res)
{
    double *row = &res->v[(size_t)run * (size_t)res->ncols];
    double gust_kt, gain;
    lesson_setup_for(w, c, x, &gust_kt, &gain);
    loading ld = {c, env, x};
    sortie_hooks h = {gain, gust_seed, apply_loading, &ld};
    sortie_opts o = {env->aircraft_root, env->airports, NULL, "reference", 20.0, NULL, NULL};
    saqr_err err = {""};
    sortie *s;
    if (sortie_begin_hooked(&w->l, &o, &h, &s, &err)) {
        run_failed(res, run, err.msg);
        return;
    }
    watch wt;
    saqr_status st = watch_init(&wt, c, sortie_fdm(s), &err);
    if (!st && gust_kt > 0.0) {
        sortie_weather wx = sortie_weather_unchanged();
        wx.gust_kt = fmin(gust_kt, 50.0);
        st = sortie_set_weather(s, &wx, &err);
    }
    int fr = 0;
    if (!st) {
        watch_update(&wt, c, sortie_fdm(s));
        while ((fr = sortie_frame(s, &err)) == 0)
            watch_update(&wt, c, sortie_fdm(s));
    }
    grade_sheet sheet;
    double flown_s;
    saqr_err end_err = {""};
    saqr_status est = sortie_end(s, &sheet, &flown_s, &end_err);
    if (st || fr < 0 || est) {
        run_failed(res, run, st || fr < 0 ? err.msg : end_err.msg);
        sheet_free(&sheet);
        return;
    }
    int pass = watch_store(&wt, c, lay, row);
    for (int k = 0; k < lay->nelements; k++) {
        const sheet_element *e = NULL;
        for (int j = 0; j < sheet.nelements && !e; j++) {
            char id[2 * LESSON_NAME_MAX];
            snprintf(id, sizeof id, "%s.%s", sheet.elements[j].exercise, sheet.elements[j].name);
            if (strcmp(id, lay->element_ids[k]) == 0)
                e = &sheet.elements[j];
        }
        int col = lay->element_col[k];
        int observed = e && e->mark != MARK_NOT_OBSERVED;
        row[col] = observed ? e->worst : NAN;
        row[col + 1] = observed && e->mark >= MARK_FAIR;
        if (lay->element_dev_col[k] >= 0) {
            double dev = observed ? e->worst - e->target : NAN;
            if (lay->element_wrap[k] && isfinite(dev))
                dev = dev - 360.0 * floor((dev + 180.0) / 360.0); /* [-180, 180) */
            row[lay->element_dev_col[k]] = dev;
        }
    }
    row[lay->result_col] = (double)sheet.result;
    if (lay->pass_col >= 0)
        row[lay->pass_col] = sheet.result == SORTIE_PASS && pass;
    sheet_free(&sheet);
}

/* Notices the frame in which the winds became the initial conditions'
 * again (north and east both) having been otherwise: a trim or a reset
 * re-initialised them. */
typedef struct wind_watch {
    int s_n, s_e, s_icn, s_ice;
    double last_n, last_e;
} wind_watch;

static void wind_watch_init(wind_watch *w, saqr_fdm *f)
{
    w->s_n = saqr_fdm_property(f, "atmosphere/wind-north-fps");
    w->s_e = saqr_fdm_property(f, "atmosphere/wind-east-fps");
    w->s_icn = saqr_fdm_property(f, "ic/vw-north-fps");
    w->s_ice = saqr_fdm_property(f, "ic/vw-east-fps");
    w->last_n = w->s_n >= 0 ? saqr_fdm_get(f, w->s_n) : 0.0;
    w->last_e = w->s_e >= 0 ? saqr_fdm_get(f, w->s_e) : 0.0;
}

static int wind_watch_reset(wind_watch *w, saqr_fdm *f)
{
    if (w->s_n < 0 || w->s_e < 0 || w->s_icn < 0 || w->s_ice < 0)
        return 0;
    double n = saqr_fdm_get(f, w->s_n), e = saqr_fdm_get(f, w->s_e);
    double icn = saqr_fdm_get(f, w->s_icn), ice = saqr_fdm_get(f, w->s_ice);
    /* within a nanometre a second: the winds are worked out from the
     * initial conditions through the frames' rotations, not copied */
    const double tol = 1e-9;
    int at_ic = fabs(n - icn) < tol && fabs(e - ice) < tol;
    int was_at_ic = fabs(w->last_n - icn) < tol && fabs(w->last_e - ice) < tol;
    int back = at_ic && !was_at_ic;
    w->last_n = n;
    w->last_e = e;
    return back;
}

static void fly_script_run(const campaign *c, const camp_env *env, const camp_layout *lay, long run,
                           const double *x, uint64_t run_seed, camp_results *res)
{
    double *row = &res->v[(size_t)run * (size_t)res->ncols];
    saqr_fdm *f = saqr_fdm_create(NULL);
    if (!f) {
        run_failed(res, run, "out of memory");
        return;
    }
    saqr_err err = {""};
    loading ld = {c, env, x};
    watch wt;
    saqr_status st = script_load_all(f, env->script_root, c->script_path, NULL);
    if (st)
        snprintf(err.msg, sizeof err.msg, "%s", saqr_fdm_error(f));
    if (!st)
        st = (saqr_status)apply_loading(f, &ld, &err);
    /* the run's own random streams (turbulence, noise, random functions) */
    if (!st && (st = saqr_fdm_set(f, saqr_fdm_property(f, "simulation/randomseed"), sortie_random_seed(run_seed))))
        err_set(&err, st, "%s: %s", c->script_path, saqr_fdm_error(f));
    if (!st && (st = saqr_fdm_init(f)))
        err_set(&err, st, "%s: initialisation failed: %s", c->script_path, saqr_fdm_error(f));
    if (!st)
        st = apply_script_wind(f, c, x, &err);
    if (!st)
        st = watch_init(&wt, c, f, &err);
    if (!st) {
        double end_s = isnan(c->end_s) ? INFINITY : c->end_s;
        wind_watch ww;
        wind_watch_init(&ww, f);
        watch_update(&wt, c, f);
        do {
            if ((st = saqr_fdm_step(f))) {
                err_set(&err, st, "the simulation failed at t = %g s: %s", saqr_fdm_time(f), saqr_fdm_error(f));
                break;
            }
            if (wind_watch_reset(&ww, f) && (st = apply_script_wind(f, c, x, &err)))
                break;
            watch_update(&wt, c, f);
        } while (!saqr_fdm_script_done(f) && saqr_fdm_time(f) <= end_s);
    }
    saqr_fdm_destroy(f);
    if (st) {
        run_failed(res, run, err.msg);
        return;
    }
    int pass = watch_store(&wt, c, lay, row);
    if (lay->pass_col >= 0)
        row[lay->pass_col] = pass;
}

static void fly_run(worker *w, const campaign *c, const camp_env *env, const camp_layout *lay, long run,
                    camp_results *res)
{
    double x[CAMP_MAX_PARAMS];
    uint64_t gust_seed;
    camp_draw(c, run, x, &gust_seed);
    double *row = &res->v[(size_t)run * (size_t)res->ncols];
    for (int i = 0; i < res->ncols; i++)
        row[i] = NAN;
    for (int i = 0; i < c->nparams; i++)
        row[i] = x[i];
    res->failed[run] = 0;
    res->msg[run][0] = '\0';
    if (c->is_script)
        fly_script_run(c, env, lay, run, x, gust_seed, res);
    else
        fly_lesson_run(w, c, env, lay, run, x, gust_seed, res);
    if (res->failed[run] && lay->pass_col >= 0)
        row[lay->pass_col] = 0.0;
}

saqr_status camp_compile(const campaign *c, const camp_env *env, const char *aircraft, const char *cc,
                         saqr_fdm **out, saqr_err *err)
{
    saqr_fdm *f = saqr_fdm_create(NULL);
    if (!f)
        return err_set(err, SAQR_ENOMEM, "out of memory");
    saqr_status st = c->is_script ? script_load_all(f, env->script_root, c->script_path, NULL)
                                  : saqr_fdm_load_aircraft(f, env->aircraft_root, aircraft);
    if (st == SAQR_OK)
        st = saqr_fdm_compile(f, cc);
    if (st != SAQR_OK) {
        err_set(err, st, "%s", saqr_fdm_error(f));
        saqr_fdm_destroy(f);
        return st;
    }
    *out = f;
    return SAQR_OK;
}

int camp_run_one(const campaign *c, const camp_env *env, const camp_layout *lay, long run, camp_results *res,
                 saqr_err *err)
{
    worker w;
    saqr_status st = worker_init(&w, c, env, err);
    if (!st)
        fly_run(&w, c, env, lay, run, res);
    worker_free(&w);
    return st;
}

/* The runs shared out between threads: each takes the next run of this
 * rank's share until none is left. */
typedef struct pool {
    const campaign *c;
    const camp_env *env;
    const camp_layout *lay;
    camp_results *res;
    long next, step;              /* next run to take, and the rank stride  */
    pthread_mutex_t lock;
    saqr_status st;               /* the first worker set-up failure        */
    saqr_err err;
} pool;

static void *pool_thread(void *arg)
{
    pool *p = arg;
    worker w;
    saqr_err err = {""};
    saqr_status st = worker_init(&w, p->c, p->env, &err);
    if (st) {
        pthread_mutex_lock(&p->lock);
        if (!p->st) {
            p->st = st;
            p->err = err;
        }
        pthread_mutex_unlock(&p->lock);
        worker_free(&w);
        return NULL;
    }
    for (;;) {
        pthread_mutex_lock(&p->lock);
        long run = p->next;
        if (run < p->c->runs)
            p->next += p->step;
        pthread_mutex_unlock(&p->lock);
        if (run >= p->c->runs)
            break;
        fly_run(&w, p->c, p->env, p->lay, run, p->res);
    }
    worker_free(&w);
    return NULL;
}

int camp_run_all(const campaign *c, const camp_env *env, const camp_layout *lay, int threads, int rank,
                 int nranks, camp_results *res, saqr_err *err)
{
    if (threads < 1 || nranks < 1 || rank < 0 || rank >= nranks)
        return err_set(err, SAQR_EINVAL, "bad thread or rank count");
    pool p = {c, env, lay, res, rank, nranks, PTHREAD_MUTEX_INITIALIZER, SAQR_OK, {""}};
    pthread_t *tid = calloc((size_t)threads, sizeof *tid);
    if (!tid)
        return err_set(err, SAQR_ENOMEM, "out of memory");
    int started = 0;
    for (int t = 1; t < threads; t++) {
        if (pthread_create(&tid[t], NULL, pool_thread, &p) != 0)
            break;
        started = t;
    }
    pool_thread(&p); /* the calling thread works too */
    for (int t = 1; t <= started; t++)
        pthread_join(tid[t], NULL);
    free(tid);
    pthread_mutex_destroy(&p.lock);
    if (p.st)
        return err_set(err, p.st, "%s", p.err.msg);
    return SAQR_OK;
}
