/*
 * sortie_note.c - the instructor's notes during a sortie, and the
 * scenarios the instructor applied (see sortie_control.h): each a "note"
 * or "scenario" event of the recording, so that the debrief lists it with
 * the flight's other events and marks it on the track where it was
 * written.
 */
#include "train/sortie_control.h"

#include <ctype.h>
#include <string.h>

#include "train/record.h"
#include "train/sortie_ctl_util.h"
#include "util/utf8.h"

_Static_assert(SORTIE_NOTE_MAX < REC_TEXT_MAX && SORTIE_SCENARIO_NAME_MAX < REC_TEXT_MAX,
               "a note and a scenario's name fit an event's text");

/* The instructor's text as a `kind` event now: 1..max bytes of UTF-8,
 * not all blank, no control characters. */
static int instructor_event(sortie *s, const char *kind, const char *text, size_t max, saqr_err *err)
{
    if (!text)
        return err_set(err, SAQR_EINVAL, "%s: no text", kind);
    const size_t n = strlen(text);
    if (n > max)
        return err_set(err, SAQR_EINVAL, "%s: %zu bytes, at most %zu", kind, n, max);
    int blank = 1;
    for (size_t i = 0; i < n; i++) {
        const unsigned char c = (unsigned char)text[i];
        if (c < 0x20 || c == 0x7f)
            return err_set(err, SAQR_EINVAL, "%s: a control character at byte %zu", kind, i + 1);
        if (!isspace(c))
            blank = 0;
    }
    if (blank)
        return err_set(err, SAQR_EINVAL, "%s: nothing written", kind);
    if (!utf8_valid(text))
        return err_set(err, SAQR_EINVAL, "%s: not UTF-8 text", kind);
    sortie_event(&s->fl, now_s(s), kind, 0.0, text);
    return SAQR_OK;
}

int sortie_note(sortie *s, const char *text, saqr_err *err)
{
    return instructor_event(s, "note", text, SORTIE_NOTE_MAX, err);
}

int sortie_scenario_applied(sortie *s, const char *name, saqr_err *err)
{
    return instructor_event(s, "scenario", name, SORTIE_SCENARIO_NAME_MAX, err);
}
