/*
 * sortie_saved.c - the instructor's snapshot and recall, and the rewind
 * ring (see sortie_control.h).  Both are copies of the whole aircraft
 * (saqr_fdm_copy) put back with saqr_fdm_restore, the clock running on;
 * the sortie flies a copy of its loaded aircraft for that (sortie_begin).
 * What the instructor has set - the weather, the load's point masses, the
 * malfunctions (which the sortie enforces every frame) - stays as it is.
 */
#include "train/sortie_control.h"

#include <math.h>
#include <stdio.h>

#include "train/sortie_ctl_util.h"

#define KEPT_FIXED 19
#define KEPT_MAX (KEPT_FIXED + SORTIE_MAX_MASSES)

/* What a restore leaves as it is now: the weather's properties (wind,
 * gusts, turbulence, temperature and pressure, ice, the wet runway's
 * friction), the fuel freeze and the load's point masses.  The number of
 * slots written. */
static int kept_slots(const sortie_ctl *c, int slot[KEPT_MAX])
{
    const int fixed[KEPT_FIXED] = {c->s_p_sl,       c->s_delta_t,   c->s_wind_n,    c->s_wind_e,  c->s_turb_type,
                                   c->s_turb_sev,   c->s_turb_w20,  c->s_gust_start, c->s_gust_up, c->s_gust_steady,
                                   c->s_gust_down,  c->s_gust_mag,  c->s_gust_frame, c->s_gust_x,  c->s_gust_y,
                                   c->s_gust_z,     c->s_ice,       c->s_surf_static, c->s_fuel_freeze};
    int n = 0;
    for (int i = 0; i < KEPT_FIXED; i++)
        if (fixed[i] >= 0)
            slot[n++] = fixed[i];
    for (int k = 0; k < c->n_masses && k < SORTIE_MAX_MASSES; k++)
        if (c->s_mass_lbs[k] >= 0)
            slot[n++] = c->s_mass_lbs[k];
    return n;
}

/* The aircraft flown takes `saved`'s state, the clock running on, with
 * the instructor's settings kept. */
static saqr_status restore(sortie *s, const saqr_fdm *saved, const char *what, saqr_err *err)
{
    int slot[KEPT_MAX];
    double now[KEPT_MAX];
    const int n = kept_slots(&s->ctl, slot);
    for (int i = 0; i < n; i++)
        now[i] = get(s, slot[i]);
    saqr_status st = saqr_fdm_restore(s->fl.f, saved, 1);
    if (st)
        return err_set(err, st, "%s: %s", what, saqr_fdm_error(s->fl.f));
    for (int i = 0; i < n; i++)
        put(s, slot[i], now[i]);
    sortie_placed(s);
    return SAQR_OK;
}

/* `*copy` made (or made again) a copy of the aircraft flown now. */
static saqr_status copy_now(sortie *s, saqr_fdm **copy)
{
    if (*copy)
        return saqr_fdm_restore(*copy, s->fl.f, 0);
    *copy = saqr_fdm_copy(s->fl.f);
    return *copy ? SAQR_OK : SAQR_ENOMEM;
}

/* ------------------------------------------------------------ snapshot */

static int slot_ok(int slot)
{
    return slot >= 1 && slot <= SORTIE_SNAPSHOTS;
}

int sortie_snapshot_take(sortie *s, int slot, saqr_err *err)
{
    if (!slot_ok(slot))
        return err_set(err, SAQR_EINVAL, "snapshot: slot %d is not within 1..%d", slot, SORTIE_SNAPSHOTS);
    sortie_ctl *c = &s->ctl;
    saqr_fdm **copy = &c->snap[slot - 1];
    saqr_status st = copy_now(s, copy);
    if (st)
        return err_set(err, st, "snapshot %d: %s", slot, *copy ? saqr_fdm_error(*copy) : saqr_fdm_error(s->fl.f));
    const double t = c->snap_t_s[slot - 1] = now_s(s);
    char text[120];
    snprintf(text, sizeof text, "%d: %.0f ft, %.0f kt, heading %03.0f", slot, get(s, c->s_alt), get(s, c->s_vc),
             angle_wrap360_deg(get(s, c->s_psi)));
    sortie_event(&s->fl, t, "snapshot", t, text);
    return SAQR_OK;
}

double sortie_snapshot_time(const sortie *s, int slot)
{
    return slot_ok(slot) && s->ctl.snap[slot - 1] ? s->ctl.snap_t_s[slot - 1] : NAN;
}

int sortie_snapshot_recall(sortie *s, int slot, saqr_err *err)
{
    if (!slot_ok(slot))
        return err_set(err, SAQR_EINVAL, "recall: slot %d is not within 1..%d", slot, SORTIE_SNAPSHOTS);
    sortie_ctl *c = &s->ctl;
    if (!c->snap[slot - 1])
        return err_set(err, SAQR_EINVAL, "recall: no snapshot %d has been taken in this sortie", slot);
    char what[32];
    snprintf(what, sizeof what, "recall %d", slot);
    saqr_status st = restore(s, c->snap[slot - 1], what, err);
    if (st)
        return st;
    char text[80];
    snprintf(text, sizeof text, "the snapshot %d of t=%.1f s", slot, c->snap_t_s[slot - 1]);
    sortie_event(&s->fl, now_s(s), "recall", c->snap_t_s[slot - 1], text);
    return SAQR_OK;
}

/* ------------------------------------------------------------ rewind */

/* The ring's k-th newest copy (k < rw_n). */
static int ring_at(const sortie_ctl *c, int k)
{
    return (c->rw_last - k + c->rw_cap) % c->rw_cap;
}

int sortie_rewind_enable(sortie *s, double period_s, saqr_err *err)
{
    if (!(period_s >= 1.0 && period_s <= 60.0))
        return err_set(err, SAQR_EINVAL, "rewind: a copy every %g s is not within 1..60 s", period_s);
    sortie_ctl *c = &s->ctl;
    /* a minute and the period's part of one: the oldest copy can be up to
     * a period older than the minute a rewind may ask for */
    const int cap = (int)ceil(SORTIE_REWIND_MAX_S / period_s) + 1;
    if (period_s != c->rw_period_s)
        c->rw_n = 0; /* the copies (kept for reuse) no longer fit the ring */
    c->rw_cap = cap < SORTIE_REWIND_MAX ? cap : SORTIE_REWIND_MAX;
    c->rw_period_s = period_s;
    c->rw_due_s = now_s(s); /* the first after the next step */
    return SAQR_OK;
}

void sortie_saved_after_step(sortie *s)
{
    sortie_ctl *c = &s->ctl;
    if (!(c->rw_period_s > 0.0))
        return;
    const double t = now_s(s);
    if (t < c->rw_due_s)
        return;
    c->rw_due_s = t + c->rw_period_s;
    const int slot = c->rw_n ? (c->rw_last + 1) % c->rw_cap : 0;
    if (copy_now(s, &c->rw_copy[slot]))
        return; /* out of memory: the ring goes on with what it has */
    c->rw_t_s[slot] = t;
    c->rw_last = slot;
    if (c->rw_n < c->rw_cap)
        c->rw_n++;
}

double sortie_rewind_available(const sortie *s)
{
    const sortie_ctl *c = &s->ctl;
    if (!(c->rw_period_s > 0.0))
        return NAN;
    return c->rw_n ? now_s(s) - c->rw_t_s[ring_at(c, c->rw_n - 1)] : 0.0;
}

int sortie_rewind(sortie *s, double seconds, double *back_s, saqr_err *err)
{
    sortie_ctl *c = &s->ctl;
    if (!(c->rw_period_s > 0.0))
        return err_set(err, SAQR_EINVAL, "rewind: not kept in this sortie");
    if (!(seconds >= 1.0 && seconds <= SORTIE_REWIND_MAX_S))
        return err_set(err, SAQR_EINVAL, "rewind: %g s is not within 1..%g s", seconds, SORTIE_REWIND_MAX_S);
    if (c->rw_n == 0)
        return err_set(err, SAQR_EINVAL, "rewind: nothing kept yet");
    const double t = now_s(s);
    int k = 0; /* the newest at least `seconds` back, else the oldest */
    while (k < c->rw_n - 1 && c->rw_t_s[ring_at(c, k)] > t - seconds)
        k++;
    const int at = ring_at(c, k);
    const double back = t - c->rw_t_s[at];
    saqr_status st = restore(s, c->rw_copy[at], "rewind", err);
    if (st)
        return st;
    /* the copies after that moment were of a flight now undone; the kept
     * ones move on with the clock, so that their moments stay where they
     * are on the flight as flown */
    c->rw_n -= k;
    c->rw_last = at;
    for (int j = 0; j < c->rw_n; j++)
        c->rw_t_s[ring_at(c, j)] += back;
    c->rw_due_s = t + c->rw_period_s;
    char text[80];
    snprintf(text, sizeof text, "%.1f s back", back);
    sortie_event(&s->fl, t, "rewind", back, text);
    if (back_s)
        *back_s = back;
    return SAQR_OK;
}

void sortie_saved_free(sortie *s)
{
    sortie_ctl *c = &s->ctl;
    for (int i = 0; i < SORTIE_SNAPSHOTS; i++) {
        saqr_fdm_destroy(c->snap[i]);
        c->snap[i] = NULL;
    }
    for (int i = 0; i < SORTIE_REWIND_MAX; i++) {
        saqr_fdm_destroy(c->rw_copy[i]);
        c->rw_copy[i] = NULL;
    }
    c->rw_n = 0;
}
