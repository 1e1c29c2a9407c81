/*
 * script_api.c - the public script entry points of a saqr_fdm: loading a
 * script loads everything it names, in JSBSim's order (FGScript::
 * LoadScript): the <use> element, the aircraft, the time step, the
 * initialisation file, then the script's own outputs, properties and
 * events.  The script path is taken relative to the root folder unless
 * absolute, as FGFDMExec::GetFullPath does for --script.
 * Reference: JSBSim src/input_output/FGScript.cpp, src/FGFDMExec.cpp.
 */
#include <stdio.h>
#include <string.h>

#include "script/script.h"

#define PATH_MAX_LEN 4096

saqr_status script_load_all(saqr_fdm *f, const char *root_dir, const char *script_path,
                            const char *initfile_override)
{
    if (!f || !script_path || !script_path[0])
        return f ? err_set(&f->err, SAQR_EINVAL, "no script file given") : SAQR_EINVAL;
    if (f->is_clone)
        return err_set(&f->err, SAQR_ESTATE, "load_script: an aircraft of a batch cannot load");
    const char *root = root_dir && root_dir[0] ? root_dir : ".";
    char path[PATH_MAX_LEN];
    int k = script_path[0] == '/' ? snprintf(path, sizeof path, "%s", script_path)
                                  : snprintf(path, sizeof path, "%s/%s", root, script_path);
    if (k < 0 || (size_t)k >= sizeof path)
        return err_set(&f->err, SAQR_EINVAL, "script path too long");

    /* <use> and <run> first, with scratch memory: loading the aircraft
     * starts the handle's own memory afresh. */
    char aircraft[256], initfile[PATH_MAX_LEN];
    double dt_s = 0.0; /* set with the names; read only when they fit */
    {
        arena scratch = {&f->alloc, NULL, 0};
        jx_ctx c;
        memset(&c, 0, sizeof c);
        c.ar = &scratch;
        c.props = &f->props;
        c.err = &f->err;
        c.log = f->log;
        c.log_user = f->log_user;
        c.root_dir = root;
        err_clear(&f->err);
        script_use u;
        saqr_status st = script_read_use(&c, path, &u);
        int fits = st == SAQR_OK && strlen(u.aircraft) < sizeof aircraft &&
                   (!u.initfile || strlen(u.initfile) < sizeof initfile);
        if (fits) {
            strcpy(aircraft, u.aircraft);
            strcpy(initfile, u.initfile ? u.initfile : "");
            dt_s = u.dt_s;
        }
        jx_ctx_close(&c);
        arena_free(&scratch);
        if (st != SAQR_OK)
            return st;
        if (!fits)
            return err_set(&f->err, SAQR_EINVAL, "%s: aircraft or initialisation file name too long", path);
    }

    saqr_status st = saqr_fdm_load_aircraft(f, root, aircraft);
    if (st == SAQR_EIO) {   /* say which script asked for the missing aircraft */
        char why[SAQR_ERR_MAX];
        snprintf(why, sizeof why, "%s", f->err.msg);
        err_set(&f->err, st, "%s: the aircraft \"%s\" of <use> cannot be loaded: %s", path, aircraft, why);
    }
    if (st != SAQR_OK)
        return st;
    if ((st = saqr_fdm_set_dt(f, dt_s)) != SAQR_OK)
        return st;
    const char *init = initfile_override && initfile_override[0] ? initfile_override : initfile;
    if (!init[0])
        return err_set(&f->err, SAQR_EPARSE, "%s: the script's <use> names no initialize= file", path);
    if ((st = saqr_fdm_load_initfile(f, init)) != SAQR_OK)
        return st;

    jx_ctx c;
    fdm_jx_open(f, &c);
    script *s = NULL;
    st = script_load(&c, f, path, &s);
    jx_ctx_close(&c);
    if (st != SAQR_OK)
        return st;
    f->scr = s;
    return SAQR_OK;
}

saqr_status saqr_fdm_load_script(saqr_fdm *f, const char *root_dir, const char *script_path)
{
    return script_load_all(f, root_dir, script_path, NULL);
}
