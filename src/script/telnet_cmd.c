/*
 * telnet_cmd.c - one line of JSBSim's property server (see telnet_cmd.h).
 * Words are separated by blanks; the command is case-insensitive, as
 * FGInputSocket's to_lower; the replies to bad lines are JSBSim's.
 */
#include "script/telnet_cmd.h"

#include "fdm/fdm_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/words.h"

#define MAX_WORDS 3

static void bad(telnet_cmd *out, const char *why)
{
    out->op = TELNET_BAD;
    snprintf(out->why, sizeof out->why, "%s", why);
}

void telnet_cmd_parse(const char *line, size_t len, telnet_cmd *out)
{
    memset(out, 0, sizeof *out);
    if (len > TELNET_LINE_MAX) {
        bad(out, "Line too long");
        return;
    }
    if (memchr(line, '\0', len)) {
        bad(out, "Badly formed command");
        return;
    }
    /* the words, at most three (JSBSim ignores the rest) */
    char buf[TELNET_LINE_MAX + 1];
    memcpy(buf, line, len);
    buf[len] = '\0';
    char *word[MAX_WORDS] = {NULL, NULL, NULL};
    const int n = words_split(buf, word, MAX_WORDS);
    if (n == 0) {
        out->op = TELNET_EMPTY;
        return;
    }
    const char *cmd = word[0];
    if (!strcasecmp(cmd, "get") || !strcasecmp(cmd, "set")) {
        int is_set = !strcasecmp(cmd, "set");
        if (!word[1]) {
            bad(out, "No property argument supplied.");
            return;
        }
        if (strlen(word[1]) >= sizeof out->property) {
            bad(out, "Badly formed property query");
            return;
        }
        strcpy(out->property, word[1]);
        out->op = is_set ? TELNET_SET : TELNET_GET;
        if (is_set) {
            char *end;
            errno = 0;
            out->value = word[2] ? strtod(word[2], &end) : 0.0;
            if (!word[2] || end == word[2] || *end || errno == ERANGE || !isfinite(out->value))
                bad(out, "Expecting a number");
        }
        return;
    }
    if (!strcasecmp(cmd, "iterate")) {
        if (!word[1]) {
            bad(out, "No argument supplied for number of iterations.");
            return;
        }
        char *end;
        errno = 0;
        long k = strtol(word[1], &end, 10);
        if (end == word[1] || *end || errno == ERANGE || k <= 0 || k > 100000000L) {
            bad(out, "Required argument must be a positive Integer.");
            return;
        }
        out->op = TELNET_ITERATE;
        out->count = k;
        return;
    }
    static const struct {
        const char *name;
        telnet_op op;
    } plain[] = {{"hold", TELNET_HOLD}, {"resume", TELNET_RESUME}, {"info", TELNET_INFO},
                 {"help", TELNET_HELP}, {"quit", TELNET_QUIT}};
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
        if (!strcasecmp(cmd, plain[i].name)) {
            out->op = plain[i].op;
            return;
        }
    char why[sizeof out->why];
    snprintf(why, sizeof why, "Unknown command: %.80s", cmd);
    bad(out, why);
}

int telnet_port(const saqr_fdm *f)
{
    return f ? f->input_port : 0;
}
