/*
 * fg_args.c - FlightGear's options of `saqr serve` and `saqr fly`
 * (fg_args.h).
 */
#include "fg_args.h"

#include <stdio.h>
#include <stdlib.h>

#include "station/fgmp.h"

int fg_port_option(const char *text, const char *opt, int *port, const char *cmd)
{
    char *end = NULL;
    long p = strtol(text, &end, 10);
    if (end == text || *end || p < 1 || p > 65535) {
        fprintf(stderr, "saqr %s: %s wants a port, 1..65535, not \"%s\"\n", cmd, opt, text);
        return 2;
    }
    *port = (int)p;
    return 0;
}

int fg_mp_model_option(const char *model, const char *cmd)
{
    if (fgmp_model_ok(model))
        return 0;
    fprintf(stderr,
            "saqr %s: --fg-mp-model wants a path under FlightGear's root, 1..%d printable characters without spaces "
            "(Aircraft/NAME/Models/NAME.xml), not \"%s\"\n",
            cmd, FGMP_MODEL_MAX - 1, model);
    return 2;
}
