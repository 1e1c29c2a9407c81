/*
 * record_moment.c - the events that mark a moment (see record_moment.h).
 */
#include "train/record_moment.h"

#include <string.h>

static const struct {
    const char *kind, *label;
} moments[] = {
    {"touchdown", "Touch-down"},
    {"malfunction", "Malfunction"},
    {"off-runway", "Off the runway"},
    {"crash", "Crash"},
    {"takeover", "Control"},
    {"recall", "Recall"},
    {"rewind", "Rewind"},
    {"note", "Note"},
    {"scenario", "Scenario"},
    {"rejoin", "Rejoin"},
};

const char *rec_moment_label(const char *kind)
{
    for (size_t i = 0; i < sizeof moments / sizeof moments[0]; i++)
        if (strncmp(kind, moments[i].kind, REC_NAME_MAX) == 0)
            return moments[i].label;
    return NULL;
}
