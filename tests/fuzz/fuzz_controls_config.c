// repo-seeds: data/controls.xml
/*
 * fuzz_controls_config.c - libFuzzer driver for the controls mapping
 * reader (src/station/controls_config.c): any bytes give a mapping whose
 * every value is within its documented bounds, or an error message;
 * never a crash, a leak or undefined behaviour.  A mapping that loads is
 * then driven with readings taken from the input's bytes, and every
 * command must stay finite and within its control's limits.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "station/controls.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every mapping within the bounds docs/controls.md promises. */
static void check_config(const controls_config *cfg)
{
    if (cfg->ngroups < 1 || cfg->ngroups > CONTROLS_MAX_GROUPS || cfg->nmaps < 0 || cfg->nmaps > CONTROLS_MAX_MAPS ||
        cfg->ndetents < 1 || cfg->ndetents > CONTROLS_MAX_DETENTS)
        abort();
    for (int i = 0; i < cfg->ndetents; i++)
        if (!(cfg->detent[i] >= 0.0 && cfg->detent[i] <= 1.0) || (i > 0 && !(cfg->detent[i] > cfg->detent[i - 1])))
            abort();
    int next = 0;
    for (int g = 0; g < cfg->ngroups; g++) {
        const controls_group *grp = &cfg->group[g];
        if (grp->first != next || grp->count < 0 || grp->count > CONTROLS_MAX_GROUP_MAPS ||
            (!grp->name[0] && !grp->guid[0]))
            abort();
        next += grp->count;
    }
    if (next != cfg->nmaps)
        abort();
    for (int k = 0; k < cfg->nmaps; k++) {
        const controls_map *m = &cfg->map[k];
        if (!(m->dead_zone >= 0.0 && m->dead_zone < 1.0) || !(m->exponent >= 1.0 && m->exponent <= 10.0) ||
            m->targets == 0 || m->index < 0 || m->line < 1)
            abort();
        if (m->behaviour == CONTROLS_FOLLOW && (m->source != CONTROLS_SRC_AXIS || m->out_lo == m->out_hi))
            abort();
        if ((m->behaviour == CONTROLS_RATE_UP || m->behaviour == CONTROLS_RATE_DOWN) && !(m->rate_per_s > 0.0))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static controls_config cfg;
    static controls_state s;
    saqr_err err = {{0}};
    saqr_status st = controls_config_load_memory((const char *)data, size, "fuzz.xml", &cfg, &err);
    if (st != SAQR_OK) {
        if (err.msg[0] == '\0')
            abort(); /* every failure explains itself */
        return 0;
    }
    check_config(&cfg);
    controls_state_init(&s, &cfg);
    int slot[CONTROLS_MAX_GROUPS];
    for (int g = 0; g < cfg.ngroups; g++)
        if (controls_attach(&s, &cfg, g, &slot[g], NULL) != SAQR_OK)
            slot[g] = -1;
    /* the input's bytes, three at a time, as readings of every kind */
    for (size_t i = 0; i + 3 <= size; i += 3) {
        int d = slot[data[i] % cfg.ngroups];
        int which = data[i + 1] & 0x3f;
        int raw = (int)(int16_t)((uint16_t)(data[i + 2] << 8) | data[i + 1]);
        switch (data[i] >> 6) {
        case 0:
            controls_axis(&s, &cfg, d, which, raw);
            break;
        case 1:
            controls_button(&s, &cfg, d, which, data[i + 2] & 1);
            break;
        case 2:
            controls_hat(&s, &cfg, d, which & 7, data[i + 2] & 15u);
            break;
        default:
            controls_advance(&s, &cfg, data[i + 2] / 64.0, NULL);
            break;
        }
    }
    for (int c = 0; c < CONTROLS_COUNT; c++) {
        double lo, hi;
        controls_limits((controls_id)c, &lo, &hi);
        if (!(s.value[c] >= lo && s.value[c] <= hi))
            abort();
    }
    return 0;
}
