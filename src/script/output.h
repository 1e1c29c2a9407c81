/*
 * output.h - JSBSim's data output directives: <output name= type="CSV" |
 * "TABULAR" rate=> elements in an aircraft file, a script or a
 * --logdirectivefile, each writing one text file of a "Time" column, the
 * groups switched ON (<rates>, <velocities>, <position>, ...), the listed
 * <property>s and named <function>s, every N frames (N = round(1 / (rate
 * dt)), JSBSim's FGModel rate) starting with a row right after the initial
 * conditions.  Numbers are printed as JSBSim's streams print them: time to
 * 10 significant digits, properties to 18, group values to 10 (12, 14 or
 * 18 where JSBSim switches precision).
 *
 * The output set is loaded with the model (memory from the handle's arena)
 * and does its I/O outside the step: the caller opens the files before
 * saqr_fdm_init (as JSBSim's RunIC does, so that the first row holds the
 * initial conditions as they were before the engines were started and any
 * initialisation-file trim flown; opened after it, the first row is the
 * state after them), calls output_write_due after the init and after every
 * step, and closes at the end.  Each directive i owns the properties
 * simulation/output[i]/log_rate_hz and simulation/output[i]/enabled; a
 * script writing them changes the rate or pauses the file from the next
 * row on.
 *
 * Files are written relative to the current directory (JSBSim writes them
 * relative to its root folder, the reference data here, which Saqr never
 * writes into).  After a reset to initial conditions the next file is
 * NAME_0.csv, then NAME_1.csv, ... as FGOutputFile::SetStartNewOutput.
 * Reference: JSBSim src/input_output/FGOutputType.cpp, FGOutputFile.cpp,
 * FGOutputTextFile.cpp, src/models/FGOutput.cpp, src/models/FGModel.cpp.
 */
#ifndef SAQR_SCRIPT_OUTPUT_H
#define SAQR_SCRIPT_OUTPUT_H

#include <libxml/tree.h>

#include "fdm/fdm_internal.h"

/* ---- on a saqr_fdm (what the loaders, the executive and `saqr run` use) */

/* A FLIGHTGEAR output directive: where and how often to send FlightGear's
 * native FDM packet (src/station/fgnet.h sends it; the library opens no
 * sockets). */
#define OUTPUT_FG_MAX 4
typedef struct output_fg {
    char host[256];
    int port;
    double rate_hz;          /* clamped to 1000, as JSBSim's SetRateHz    */
    const char *where;       /* file:line of the element                  */
} output_fg;

/* Adds the directive `el` (an <output> element, file= already resolved)
 * to f->outs.  Unknown types other than CSV/TABULAR (SOCKET, FLIGHTGEAR,
 * TERMINAL, NONE) are skipped with a warning; a bad rate= is an error. */
saqr_status output_load(jx_ctx *c, saqr_fdm *f, const xmlNode *el);
/* The same with the folders a file= is searched in (NULL-ended). */
saqr_status output_load_in(jx_ctx *c, saqr_fdm *f, const xmlNode *el, const char *const *dirs);
/* Loads a directives file (root element <output>), JSBSim's
 * --logdirectivefile.  Error text in f->err. */
saqr_status output_load_file(saqr_fdm *f, const char *path);
/* Number of directives loaded. */
int output_count(const saqr_fdm *f);
/* The file name of directive `index` as given ("" when there is none). */
const char *output_name(const saqr_fdm *f, int index);
/* The handle's FLIGHTGEAR output directives. */
int output_flightgear_count(const saqr_fdm *f);
const output_fg *output_flightgear(const saqr_fdm *f, int index);
/* Replaces the file name of directive `index` (JSBSim's --outputlogfile);
 * SAQR_EINVAL when there is no such directive. */
saqr_status output_rename(saqr_fdm *f, int index, const char *name);
/* Resolves the columns against the property tree, opens every file and
 * writes the headers.  Missing properties are left out with a warning to
 * the handle's log.  SAQR_EIO with the file name when a file cannot be
 * created (files opened so far are closed again). */
saqr_status output_open(saqr_fdm *f);
/* Writes a row to every directive whose turn it is (JSBSim counts frames
 * from the row at time 0).  Call after saqr_fdm_init and after each step.
 * SAQR_EIO when a write fails. */
saqr_status output_write_due(saqr_fdm *f);
/* Called by the executive inside an initialisation (saqr_fdm_init, or a
 * reset during a step), once the initial conditions are set and before
 * the engines start: remembers the row JSBSim writes at that point (no
 * I/O, no allocation). */
void output_capture_ic(saqr_fdm *f);
/* Called by the executive, inside the step, right after a reset to
 * initial conditions: the next output_write_due starts the next numbered
 * file with the captured initial-condition row. */
void output_on_reset(saqr_fdm *f);
/* Flushes and closes every file; safe to call twice or without open. */
void output_close(saqr_fdm *f);

/* ---- the same on an output set alone (used by the functions above and
 * by the tests, which need no aircraft) ----------------------------------- */

/* A column a model supplies: a property slot, or (slot < 0) a getter
 * called with (src, index, field) when a row is written - it must not
 * allocate.  Printed with printf's "%*.*g" (width, prec). */
typedef double (*output_getter)(const void *src, int index, int field, const double *v);
typedef struct output_column {
    const char *title;
    int slot;
    output_getter get;
    const void *src;
    int index, field;
    double scale;
    int width, prec;
} output_column;

/* The model-defined groups, in JSBSim's column order. */
enum { OUTPUT_COEFFICIENTS, OUTPUT_FCS, OUTPUT_GROUND, OUTPUT_PROPULSION, OUTPUT_MODEL_GROUPS };

/* What the aircraft adds to the property tree for the output groups
 * (built by output_model.c from a saqr_fdm; NULL for no aircraft). */
typedef struct output_source {
    const output_column *group[OUTPUT_MODEL_GROUPS]; /* columns of each model group */
    int ngroup[OUTPUT_MODEL_GROUPS];
    /* Supplies a standard group column no property publishes (by its
     * JSBSim title); returns 0 when it cannot. */
    int (*fixed)(const void *user, const char *title, output_column *col);
    const void *user;
} output_source;

/* Builds the source of a loaded handle in its arena (output_model.c). */
saqr_status output_model_source(saqr_fdm *f, output_source *src);

/* Adds a directive to *set, creating the set in c->ar on first use. */
saqr_status output_set_add(jx_ctx *c, output_set **set, const xmlNode *el, const xmlNode *file);
int output_set_count(const output_set *o);
/* Marks every property an opened directive writes as read (PROP_READ), so
 * the model keeps the ones it otherwise works out only when asked. */
void output_set_mark_read(const output_set *o, prop_tree *t);
saqr_status output_set_rename(output_set *o, int index, const char *name);
/* `log` receives warnings about columns left out (may be NULL); `src`
 * the aircraft's columns (NULL: the model groups are empty). */
saqr_status output_set_open(output_set *o, const prop_tree *t, const output_source *src, double dt_s,
                            jx_log_fn log, void *log_user, saqr_err *err);
saqr_status output_set_write_due(output_set *o, double *v, double t_s, saqr_err *err);
/* Holds every opened directive's initial-condition row. */
void output_set_capture_ic(output_set *o, double *v, double t_s);
/* Whether any directive is open. */
int output_set_opened(const output_set *o);
/* Starts the next numbered files at the next write, with the captured row
 * (or, when none was captured, the state now). */
void output_set_on_reset(output_set *o, double *v, double t_s);
void output_set_close(output_set *o);
/* Name of the file directive `index` writes now (after open), or NULL. */
const char *output_set_file(const output_set *o, int index);
/* The file name directive `index` was given (or renamed to); NULL when
 * there is no such directive. */
const char *output_set_name(const output_set *o, int index);

int output_set_flightgear_count(const output_set *o);
const output_fg *output_set_flightgear(const output_set *o, int index);

#endif
