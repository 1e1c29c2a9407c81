// repo-seeds: tests/fuzz/corpus/fuzz_protocol/*
/*
 * fuzz_protocol.c - libFuzzer driver for the station's browser messages
 * (src/station/protocol.c): any bytes, from either role, give a command
 * whose values are within the documented ranges, or an error message;
 * the cockpit never gets a command through; never a crash, a leak or
 * undefined behaviour.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "station/protocol.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_controls(const proto_msg *m)
{
    for (int i = 0; i < CONTROLS_COUNT; i++) {
        if (!(m->ctl_mask >> i & 1u))
            continue;
        double lo, hi;
        controls_limits((controls_id)i, &lo, &hi);
        if (!(m->ctl[i] >= lo && m->ctl[i] <= hi))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (int role = 0; role < 2; role++) {
        proto_msg m;
        saqr_err err = {""};
        int st = proto_parse((const char *)data, size, (proto_role)role, &m, &err);
        if (st != SAQR_OK) {
            if (st != SAQR_EINVAL || !err.msg[0])
                abort(); /* every refusal says why */
            continue;
        }
        if (m.kind == PROTO_CONTROLS) {
            check_controls(&m);
            continue;
        }
        if (role == PROTO_COCKPIT)
            abort(); /* the cockpit cannot command */
        const station_cmd *c = &m.cmd;
        if (c->kind == SCMD_START && (!c->lesson[0] || strlen(c->lesson) > 63))
            abort();
        if (c->kind == SCMD_REPOSITION && c->repo.kind == REPO_FINAL && !(c->repo.nm >= 1.0 && c->repo.nm <= 20.0))
            abort();
        if (c->kind == SCMD_WEATHER && !isnan(c->weather.wind_kt) && !(c->weather.wind_kt >= 0 && c->weather.wind_kt <= 100))
            abort();
        if (c->kind == SCMD_MALFUNCTION && !sortie_malfunction_name(c->malfunction))
            abort();
    }
    return 0;
}
