// repo-seeds: campaigns/*.xml
/*
 * fuzz_campaign.c - arbitrary bytes as a campaign file: an error (with
 * file:line) or a campaign, never a crash; a campaign that reads has its
 * first runs' parameters drawn (every distribution that passed the
 * reader must sample, in bounds where it has bounds) and its table laid
 * out.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "campaign/campaign.h"
#include "campaign/campaign_run.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static campaign c;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    saqr_err err;
    if (campaign_parse_memory((const char *)data, size, "fuzz.xml", &c, &err) != SAQR_OK)
        return 0;
    for (long run = 0; run < 4 && run < c.runs; run++) {
        double x[CAMP_MAX_PARAMS];
        uint64_t gust_seed;
        camp_draw(&c, run, x, &gust_seed);
        for (int i = 0; i < c.nparams; i++) {
            const dist *d = &c.params[i].d;
            if (!isfinite(x[i]))
                abort();
            if ((d->kind == DIST_UNIFORM || d->kind == DIST_TRUNC_NORMAL) && (x[i] < d->min || x[i] > d->max))
                abort();
        }
    }
    camp_layout lay;
    if (camp_layout_make(&c, NULL, &lay, &err) == SAQR_OK)
        camp_layout_free(&lay);
    return 0;
}
