/*
 * sortie_divert.c - the instructor's diversion (see sortie_control.h):
 * asked between frames, recorded and handed to the grader before the next
 * frame's sample, as a change of hands is, so that a recording graded
 * again sees it where the live grader did.
 *
 * Reference: FAA-S-ACS-6B (private pilot ACS), area VI, task C,
 * "Diversion".
 */
#include "train/sortie_control.h"

#include <stdio.h>
#include <string.h>

#include "train/grade.h"
#include "train/lesson_route.h"
#include "train/sortie_internal.h"

int sortie_divert_open(const sortie *s)
{
    int d = lesson_diversion_exercise(s->l);
    grader_phase ph;
    int ex = grader_exercise(s->fl.gr, &ph);
    return d >= 0 && !s->done && ex >= 0 && (ex < d || (ex == d && ph == GPHASE_WAITING));
}

int sortie_divert(sortie *s, const char *to_id, saqr_err *err)
{
    const lesson *l = s->l;
    if (lesson_diversion_exercise(l) < 0)
        return err_set(err, SAQR_EINVAL, "divert: the lesson %s has no diversion exercise (divert-to=)", l->id);
    if (!sortie_divert_open(s))
        return err_set(err, SAQR_EINVAL, "divert: the diversion has already begun, or the sortie is over");
    for (int i = 0; to_id && i < l->route.n; i++)
        if (strcmp(l->route.cp[i].id, to_id) == 0) {
            s->divert_wanted = i + 1;
            return SAQR_OK;
        }
    return err_set(err, SAQR_EINVAL, "divert: \"%.48s\" is no checkpoint of the lesson's route", to_id ? to_id : "");
}

void sortie_divert_now(sortie *s)
{
    int k = s->divert_wanted - 1;
    s->divert_wanted = 0;
    if (k < 0 || k >= s->l->route.n)
        return;
    char text[128];
    snprintf(text, sizeof text, "the instructor called a diversion to %s", s->l->route.cp[k].name);
    sortie_event(&s->fl, s->fl.v[C_T], "divert", (double)k, text);
    /* the reference pilot begins the diversion afresh, to this
     * destination, even when it was already waiting to fly the lesson's */
    s->ex_pilot = -1;
}
