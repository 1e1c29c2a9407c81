/*
 * sortie_ctl_util.h - small helpers shared by sortie_control.c and
 * sortie_reposition.c: the sortie's aircraft properties by name or slot
 * (a missing slot reads NAN and ignores writes), its time, angles.
 * Private to src/train.
 */
#ifndef SAQR_TRAIN_SORTIE_CTL_UTIL_H
#define SAQR_TRAIN_SORTIE_CTL_UTIL_H

#include <math.h>

#include "math/angle.h"
#include "train/sortie_internal.h"

static inline int prop(const sortie *s, const char *name)
{
    return saqr_fdm_property(s->fl.f, name);
}

static inline double get(const sortie *s, int slot)
{
    return slot >= 0 ? saqr_fdm_get(s->fl.f, slot) : NAN;
}

static inline void put(sortie *s, int slot, double x)
{
    if (slot >= 0 && isfinite(x))
        (void)saqr_fdm_set(s->fl.f, slot, x);
}

static inline double now_s(const sortie *s)
{
    return saqr_fdm_time(s->fl.f);
}


#endif
