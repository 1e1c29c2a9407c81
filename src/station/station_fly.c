/*
 * station_fly.c - a lesson flown in real time (see station_fly.h).
 */
#include "station/station_fly.h"

#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "station/controls.h"
#include "station/fgnet.h"
#include "station/fgscene.h"
#include "station/lead_mp.h"
#include "station/rt_priority.h"
#include "station/trainee_hands.h"
#include "train/sortie_control.h"

/* What the loop's frame callback works on. */
typedef struct flight_ctx {
    sortie *s;
    saqr_err *err;
    int result;               /* sortie_frame's last non-zero return        */
    fg_sender *fg;            /* NULL without FlightGear                    */
    fg_props *fgp;            /* the sky's link; NULL without it            */
    fg_sender *mp;            /* the lead's link; NULL without it           */
    const char *mp_model;
    int mp_every;             /* frames per lead message                    */
    const char *airport;      /* the lesson's airfield (the sky's METAR)    */
    fgnet_binding bind;
    fgnet_packet pkt;
    int fg_every;             /* frames per FlightGear packet               */
    unsigned long frame;
    station_fly_report *report;
    /* the trainee's controls (pilot "trainee" with a mapping) */
    controls_config *cfg;
    controls_state cs;
    controls_sdl *sdl;
    int slot[CONTROLS_COUNT]; /* the aircraft's property of each control   */
    trainee_hands hands;      /* across the instructor's exercises          */
    double dt_s;
} flight_ctx;

/* The trainee's controls: SDL's devices through the mapping, the state
 * seeded with the aircraft's current commands. */
static saqr_status open_controls(flight_ctx *c, const char *path, saqr_err *err)
{
    c->cfg = calloc(1, sizeof *c->cfg);
    if (!c->cfg)
        return err_set(err, SAQR_ENOMEM, "out of memory");
    saqr_status st = controls_config_load(path, c->cfg, err);
    if (st)
        return st;
    controls_state_init(&c->cs, c->cfg);
    /* a gated throttle axis (reheat-detent=) takes the aircraft's detent */
    (void)controls_state_set_throttle_mil(&c->cs, c->cfg, sortie_throttle_mil(c->s), NULL);
    saqr_fdm *f = sortie_fdm(c->s);
    trainee_hands_bind(f, c->slot);
    for (int i = 0; i < CONTROLS_COUNT; i++)
        if (c->slot[i] >= 0)
            (void)controls_state_set(&c->cs, (controls_id)i, saqr_fdm_get(f, c->slot[i]), NULL);
    if ((st = controls_sdl_open(c->cfg, NULL, &c->cs, &c->sdl, err)))
        return st;
    c->report->devices = controls_sdl_device_count(c->sdl);
    return SAQR_OK;
}

/* The commands the trainee moved since the last frame, to the aircraft. */
static void apply_controls(flight_ctx *c)
{
    if (controls_sdl_poll(c->sdl, &c->cs, c->dt_s, NULL) != SAQR_OK)
        return;
    trainee_hands_input(&c->hands, c->s, c->slot, controls_take_changed(&c->cs), c->cs.value, 1);
}

static void close_controls(flight_ctx *c)
{
    controls_sdl_close(c->sdl);
    free(c->cfg);
}

static int on_frame(void *user, double sim_dt_s)
{
    (void)sim_dt_s; /* the sortie steps the aircraft's own frame */
    flight_ctx *c = user;
    if (c->sdl)
        apply_controls(c);
    int r = sortie_frame(c->s, c->err);
    if (r != 0) {
        c->result = r;
        return 1;
    }
    if (c->sdl)
        trainee_hands_after_frame(&c->hands, c->s, c->slot);
    if (c->fg && c->frame % (unsigned long)c->fg_every == 0) {
        fgnet_from_fdm(&c->bind, sortie_fdm(c->s), &c->pkt);
        saqr_err e;
        if (fg_sender_send(c->fg, &c->pkt, &e) != SAQR_OK && !c->report->fg_error[0])
            snprintf(c->report->fg_error, sizeof c->report->fg_error, "%s", e.msg);
        if (c->fgp) {
            sortie_weather w;
            sortie_get_weather(c->s, &w);
            fgscene_marker m;
            fgscene_marker_of(c->s, &m);
            fg_props_update(c->fgp, &w, c->airport, &m, (double)c->frame * c->dt_s);
        }
    }
    sortie_lead_values l;
    if (c->mp && c->frame % (unsigned long)c->mp_every == 0 && sortie_lead(c->s, &l)) {
        fgmp_position p;
        lead_mp_flying(&l, &p);
        lead_mp_send(c->mp, c->mp_model, (double)c->frame * c->dt_s, &p);
    }
    c->frame++;
    return 0;
}

/* Gives up a flight that could not start: its links closed, the sortie
 * ended ungraded; st passed on. */
static int abandon(flight_ctx *c, grade_sheet *sheet, int st)
{
    fg_props_close(c->fgp);
    fg_sender_close(c->fg);
    fg_sender_close(c->mp);
    close_controls(c);
    double unused;
    sortie_end(c->s, sheet, &unused, NULL);
    sheet_free(sheet);
    return st;
}

int station_fly(lesson *l, const sortie_opts *o, const station_fly_opts *so, grade_sheet *sheet, double *flown_s,
                station_fly_report *report, saqr_err *err)
{
    memset(sheet, 0, sizeof *sheet);
    memset(report, 0, sizeof *report);
    *flown_s = 0.0;
    flight_ctx c;
    memset(&c, 0, sizeof c);
    c.err = err;
    c.report = report;
    c.airport = l->setup.airport;
    saqr_status st = sortie_begin(l, o, &c.s, err);
    if (st)
        return st;
    double dt = saqr_fdm_dt(sortie_fdm(c.s));
    c.dt_s = dt;
    if (so->controls && o->pilot && strcmp(o->pilot, "trainee") == 0 && (st = open_controls(&c, so->controls, err)))
        return abandon(&c, sheet, st);
    if (so->fg_props_port && !so->fg_host)
        return abandon(&c, sheet, err_set(err, SAQR_EINVAL, "FlightGear's property server needs FlightGear's host"));
    if (so->fg_mp_port && !so->fg_host)
        return abandon(&c, sheet, err_set(err, SAQR_EINVAL, "FlightGear's multiplayer input needs FlightGear's host"));
    if (so->fg_mp_model && !fgmp_model_ok(so->fg_mp_model))
        return abandon(&c, sheet,
                       err_set(err, SAQR_EINVAL,
                               "the lead's model for FlightGear: 1..%d printable characters without "
                               "spaces",
                               FGMP_MODEL_MAX - 1));
    if (so->fg_host) {
        double fg_rate = so->fg_rate_hz > 0.0 ? so->fg_rate_hz : 60.0;
        c.fg_every = (int)fmax(1.0, floor(1.0 / (fg_rate * dt) + 0.5));
        if ((st = fg_sender_open(so->fg_host, so->fg_port, &c.fg, err)) ||
            (st = fgnet_bind(&c.bind, sortie_fdm(c.s), err)) ||
            (so->fg_props_port && (st = fg_props_open(so->fg_host, so->fg_props_port, &c.fgp, err))) ||
            (so->fg_mp_port && (st = fg_sender_open(so->fg_host, so->fg_mp_port, &c.mp, err))))
            return abandon(&c, sheet, st);
        c.mp_every = (int)fmax(1.0, floor(1.0 / (LEAD_MP_HZ * dt) + 0.5));
        c.mp_model = so->fg_mp_model ? so->fg_mp_model : FGMP_DEFAULT_MODEL;
        fgnet_packet_init(&c.pkt);
    }
    rt_loop loop;
    if ((st = rt_loop_init(&loop, 1.0 / dt, so->clock, on_frame, &c, err)) ||
        (st = rt_loop_set_scale(&loop, so->scale > 0.0 ? so->scale : 1.0, err)))
        return abandon(&c, sheet, st);
    /* the flight's thread ahead of ordinary work while it flies, then as
     * it was (grading and printing are not real time) */
    int policy;
    struct sched_param before;
    int restore = so->rt_priority > 0 && pthread_getschedparam(pthread_self(), &policy, &before) == 0;
    saqr_err pe;
    if (restore && rt_priority_set(pthread_self(), so->rt_priority, &pe) != SAQR_OK) {
        snprintf(report->rt_refused, sizeof report->rt_refused, "%s", pe.msg);
        restore = 0;
    }
    report->rt_priority = rt_priority_of(pthread_self());
    rt_end end = rt_loop_run(&loop, INFINITY, so->stop);
    if (restore)
        pthread_setschedparam(pthread_self(), policy, &before);
    report->stopped = end == RT_END_FLAG;
    rt_loop_stats(&loop, &report->loop);
    if (c.fg) {
        report->fg_sent = (unsigned long)fg_sender_sent(c.fg);
        report->fg_failed = (unsigned long)fg_sender_failed(c.fg);
    }
    report->fg_skies = (unsigned long)fg_props_skies_sent(c.fgp);
    report->lead_sent = c.mp ? (unsigned long)fg_sender_sent(c.mp) : 0;
    fg_props_close(c.fgp);
    fg_sender_close(c.fg);
    fg_sender_close(c.mp);
    close_controls(&c);
    return sortie_end(c.s, sheet, flown_s, err);
}
