// seeds: reference/jsbsim/scripts/*.xml
/*
 * fuzz_jsbsim_script.c - libFuzzer driver for JSBSim scripts: the input is
 * read as a <runscript> (its <use> and <run>), compiled against an empty
 * handle (every property it names is created) and, when it loads, run for
 * up to 200 frames of its events.  No crash, leak or undefined behaviour;
 * a refused script always says why.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "script/script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/fuzz_jsbsim_script_%ld.xml", (long)getpid());
    FILE *fp = fopen(path, "wb");
    if (!fp)
        return 0;
    fwrite(data, 1, size, fp);
    fclose(fp);

    saqr_fdm *f = saqr_fdm_create(NULL);
    if (!f)
        return 0;
    jx_ctx c;
    fdm_jx_open(f, &c);
    script_use u;
    saqr_status st = script_read_use(&c, path, &u);
    script *s = NULL;
    if (st == SAQR_OK)
        st = script_load(&c, f, path, &s);
    if (st != SAQR_OK && saqr_fdm_error(f)[0] == '\0')
        abort();
    if (st == SAQR_OK) {
        double dt = u.dt_s > 0.0 && u.dt_s <= 1.0 ? u.dt_s : 0.01;
        for (int k = 1; k <= 200 && !script_run(s, f); k++)
            f->t_s = u.start_s + k * dt;
    }
    jx_ctx_close(&c);
    saqr_fdm_destroy(f);
    remove(path);
    return 0;
}
