/*
 * station_trace.c - a replay's parameter overlays (station.h,
 * station_replay_trace): beside each sample the replay keeps of the
 * instruments, the recorded channels' true values; when a replay starts,
 * the samples of its window (thinned to at most STATION_TRACE_MAX_POINTS)
 * and the bands of the elements graded in it are published for the
 * instructor's strip charts.  An instrument may lie (a blocked pitot, a
 * failed attitude indicator, the altimeter's QNH and temperature error);
 * the overlays show what the grader graded against its band.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "station/station_internal.h"

static const char *const trace_names[STATION_TRACE_NCH] = {"t-s",       "ias-kt",    "alt-ft",     "vs-fpm",
                                                           "pitch-deg", "roll-deg", "heading-deg"};

const char *station_trace_channel(int i)
{
    return i >= 0 && i < STATION_TRACE_NCH ? trace_names[i] : NULL;
}

int station_trace_init(station *s)
{
    for (int i = 0; i < STATION_TRACE_NCH; i++) {
        s->trace_ch[i] = -1;
        for (int k = 0; k < sortie_channel_count(); k++)
            if (strcmp(sortie_channel(k)->name, trace_names[i]) == 0)
                s->trace_ch[i] = k;
    }
    s->replay_vals = calloc(STATION_REPLAY_MAX, sizeof *s->replay_vals);
    s->trace = calloc(1, sizeof *s->trace);
    return s->replay_vals && s->trace ? SAQR_OK : SAQR_ENOMEM;
}

void station_trace_free(station *s)
{
    free(s->replay_vals);
    free(s->trace);
    free(s->ended_el);
}

void station_trace_keep_ended(station *s)
{
    free(s->ended_el);
    s->ended_el = NULL;
    s->ended_nel = 0;
    const int n = s->so ? sortie_running_elements(s->so, NULL, 0) : 0;
    if (n > 0 && (s->ended_el = calloc((size_t)n, sizeof *s->ended_el)) != NULL)
        s->ended_nel = sortie_running_elements(s->so, s->ended_el, n);
}

void station_trace_keep(station *s, int slot)
{
    for (int i = 0; i < STATION_TRACE_NCH; i++)
        s->replay_vals[slot][i] = sortie_channel_value(s->so, s->trace_ch[i]);
}

/* The trace column of a channel name, -1 for a channel not traced. */
static int trace_column(const char *channel)
{
    for (int i = 1; i < STATION_TRACE_NCH; i++)
        if (strcmp(channel, trace_names[i]) == 0)
            return i;
    return -1;
}

/* The bands of the graded elements on a traced channel whose window
 * overlaps [t0, t1]: the sortie's as they stand, or after its end as
 * they stood at the end. */
static void add_bands(station *s, station_replay_trace *tr, double t0, double t1)
{
    tr->nbands = 0;
    int n = s->so ? sortie_running_elements(s->so, NULL, 0) : s->ended_nel;
    sheet_element *el = n > 0 ? calloc((size_t)n, sizeof *el) : NULL;
    if (!el)
        return; /* none, or out of memory: the trace without its bands */
    if (s->so)
        sortie_running_elements(s->so, el, n);
    else
        memcpy(el, s->ended_el, (size_t)n * sizeof *el);
    for (int i = 0; i < n && tr->nbands < STATION_TRACE_MAX_BANDS; i++) {
        const sheet_element *e = &el[i];
        double from = e->t_start_s, to = isnan(e->t_end_s) ? t1 : e->t_end_s;
        if (trace_column(e->channel) < 0 || isnan(from) || to < t0 || from > t1 || (isinf(e->lo) && isinf(e->hi)))
            continue;
        station_trace_band *b = &tr->bands[tr->nbands++];
        memcpy(b->exercise, e->exercise, sizeof b->exercise);
        memcpy(b->title, e->title, sizeof b->title);
        memcpy(b->channel, e->channel, sizeof b->channel);
        memcpy(b->unit, e->unit, sizeof b->unit);
        b->lo = e->lo;
        b->hi = e->hi;
        b->t_start_s = fmax(from, t0);
        b->t_end_s = fmin(to, t1);
        b->mark = e->mark;
    }
    free(el);
}

void station_trace_publish(station *s, int first)
{
    /* the replay's window, oldest first, every stride-th sample (and the
     * newest, where the replay ends) */
    int count = s->replay_count - first;
    int stride = (count + STATION_TRACE_MAX_POINTS - 1) / STATION_TRACE_MAX_POINTS;
    if (stride < 1)
        stride = 1;
    pthread_mutex_lock(&s->lock);
    station_replay_trace *tr = s->trace;
    tr->npoints = 0;
    for (int k = first; k < s->replay_count && tr->npoints < STATION_TRACE_MAX_POINTS; k += stride) {
        int last = k + stride >= s->replay_count ? s->replay_count - 1 : k;
        int slot = ((s->replay_head - s->replay_count + last) % STATION_REPLAY_MAX + STATION_REPLAY_MAX) %
                   STATION_REPLAY_MAX;
        memcpy(tr->v[tr->npoints++], s->replay_vals[slot], sizeof tr->v[0]);
    }
    if (tr->npoints > 0)
        add_bands(s, tr, tr->v[0][0], tr->v[tr->npoints - 1][0]);
    else
        tr->nbands = 0;
    s->replay_epoch++;
    pthread_mutex_unlock(&s->lock);
}

uint64_t station_replay_trace_get(station *s, station_replay_trace *out)
{
    pthread_mutex_lock(&s->lock);
    memcpy(out, s->trace, sizeof *out);
    uint64_t epoch = s->replay_epoch;
    pthread_mutex_unlock(&s->lock);
    return epoch;
}
