/*
 * sortie_note.c - the instructor's notes during a sortie (see
 * sortie_control.h): each a "note" event of the recording, so that the
 * debrief lists it with the flight's other events and marks it on the
 * track where it was written.
 */
#include "train/sortie_control.h"

#include <ctype.h>
#include <string.h>

#include "train/record.h"
#include "train/sortie_ctl_util.h"
#include "util/utf8.h"

_Static_assert(SORTIE_NOTE_MAX < REC_TEXT_MAX, "a note fits an event's text");

int sortie_note(sortie *s, const char *text, saqr_err *err)
{
    if (!text)
        return err_set(err, SAQR_EINVAL, "note: no text");
    const size_t n = strlen(text);
    if (n > SORTIE_NOTE_MAX)
        return err_set(err, SAQR_EINVAL, "note: %zu bytes, at most %d", n, SORTIE_NOTE_MAX);
    int blank = 1;
    for (size_t i = 0; i < n; i++) {
        const unsigned char c = (unsigned char)text[i];
        if (c < 0x20 || c == 0x7f)
            return err_set(err, SAQR_EINVAL, "note: a control character at byte %zu", i + 1);
        if (!isspace(c))
            blank = 0;
    }
    if (blank)
        return err_set(err, SAQR_EINVAL, "note: nothing written");
    if (!utf8_valid(text))
        return err_set(err, SAQR_EINVAL, "note: not UTF-8 text");
    sortie_event(&s->fl, now_s(s), "note", 0.0, text);
    return SAQR_OK;
}
