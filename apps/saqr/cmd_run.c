/*
 * cmd_run.c - `saqr run`: flies a JSBSim script, or an aircraft from an
 * initialisation file, with JSBSim's command-line conventions, writing the
 * output directives' files in the current directory and the scripts'
 * notifications on standard output.
 *
 * Order, as JSBSim's standalone program (JSBSim.cpp): load the script (or
 * aircraft + initialisation file), the --logdirectivefile directives, the
 * --outputlogfile names, the --property values; initialise; write the row
 * at time 0; then run one frame, and frames while the script has not ended
 * and the time is not past --end.  --script, --logdirectivefile and a
 * relative --initfile path are taken relative to --root, as JSBSim does.
 * Also as JSBSim: --simulation-rate (a step below 1, else a rate in Hz,
 * overriding the script's), --outputpath (the folder of relative output
 * file names), --catalog[=AIRCRAFT] (the property names, then exit),
 * --version, and files named without an option (a script, output
 * directives or an initialisation file, told apart by their root
 * element, or an aircraft folder's name).
 * Exit status: 0 done, 1 the simulation failed on the way, 2 bad usage or
 * input.
 * Reference: JSBSim src/JSBSim.cpp.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <signal.h>
#include <unistd.h>

#include "commands.h"
#include "run_telnet.h"
#include "saqr.h"
#include "script/linear_sce.h"
#include "script/output.h"
#include "script/script.h"
#include "station/fgnet.h"
#include "station/realtime.h"

#define MAX_REPEAT 64

typedef struct run_opts {
    const char *root, *script, *aircraft, *initfile;
    double end_s;
    int have_end;
    const char *props[MAX_REPEAT];
    int nprops;
    const char *directives[MAX_REPEAT];
    int ndirectives;
    const char *logfiles[MAX_REPEAT];
    int nlogfiles;
    int compile;            /* --compile[=CC]                             */
    const char *cc;         /* its compiler, NULL for "cc"                */
    double dt_s;            /* --simulation-rate, as a step; 0: none      */
    const char *output_path;/* --outputpath                               */
    int catalog;            /* --catalog[=AIRCRAFT]                       */
    int realtime;           /* --realtime                                 */
    int nice;               /* --nice: 10 ms of sleep a frame (batch)     */
    int suspend;            /* --suspend: held until the server resumes   */
    char found[8][4096];    /* files named without an option, resolved    */
    int nfound;
} run_opts;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: saqr run [options]   (JSBSim's command-line conventions)\n"
            "  --root=DIR               JSBSim root folder (aircraft/, engine/, systems/, scripts/); default .\n"
            "  --script=FILE            script to run, relative to the root\n"
            "  --aircraft=NAME          aircraft to fly without a script (needs --initfile and --end)\n"
            "  --initfile=FILE          initialisation file (replaces the script's)\n"
            "  --end=TIME               stop once the time passes TIME (s)\n"
            "  --property=NAME=VALUE    set a property before the run (repeatable)\n"
            "  --logdirectivefile=FILE  output directives file, relative to the root (repeatable)\n"
            "  --outputlogfile=FILE     rename the n-th output file (repeatable)\n"
            "  --simulation-rate=R      the step: R s when R < 1, else 1/R s (R Hz); overrides a script's dt\n"
            "  --outputpath=DIR         folder for the output files whose names are relative\n"
            "  --catalog[=AIRCRAFT]     list the aircraft's property names and stop (no script)\n"
            "  --version                say what this program is\n"
            "  FILE                     a script, output directives or initialisation file (told apart\n"
            "                           by their root element), or NAME of an aircraft folder\n"
            "  --compile[=CC]           run the FCS and aerodynamics as compiled C (saqr_fdm_compile,\n"
            "                           docs/native.md; C compiler CC, default cc): same results, faster\n"
            "  --realtime               keep to the wall clock (Ctrl-C ends the run, files closed)\n"
            "  --nice                   sleep 10 ms a frame when not in real time (JSBSim's lower CPU use)\n"
            "  --suspend                start held, for the property server's resume or iterate\n"
            "  --nohighlight            accepted and ignored (the output has no colours)\n"
            "Output files are written in the current directory; notifications go to standard output,\n"
            "warnings to standard error.  <output type=\"FLIGHTGEAR\" name=HOST port=N rate=HZ> sends\n"
            "FlightGear's native FDM packets (with --realtime to watch the flight at its pace); an\n"
            "aircraft's <input port=N/> opens JSBSim's property server on 127.0.0.1:N (get, set, hold,\n"
            "resume, iterate, info, help, quit).\n");
}

static int add(const char **list, int *n, const char *value, const char *opt)
{
    if (*n == MAX_REPEAT) {
        fprintf(stderr, "saqr run: too many %s options (at most %d)\n", opt, MAX_REPEAT);
        return 0;
    }
    list[(*n)++] = value;
    return 1;
}

static int parse_number(const char *s, double *out)
{
    char *end;
    errno = 0;
    *out = strtod(s, &end);
    return end != s && *end == '\0' && errno == 0 && isfinite(*out);
}

/* The root element's name of an XML file ("" when it is not one). */
static void root_element(const char *path, char *out, size_t size)
{
    out[0] = '\0';
    xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc)
        return;
    xmlNode *root = xmlDocGetRootElement(doc);
    if (root)
        snprintf(out, size, "%s", (const char *)root->name);
    xmlFreeDoc(doc);
}

static int is_file(const char *path)
{
    return access(path, R_OK) == 0;
}

/* A file named without an option, as JSBSim's command line takes them:
 * where it is (the working folder first, then the root), and what it is
 * by its root element; else an aircraft folder of the root.  Returns 0,
 * or 2 with a message. */
static int positional(const char *arg, run_opts *o)
{
    char path[4096], kind[64];
    int k = snprintf(path, sizeof path, "%s", arg);
    if (!is_file(path) && arg[0] != '/')
        k = snprintf(path, sizeof path, "%s/%s", o->root, arg);
    if (k > 0 && (size_t)k < sizeof path && is_file(path)) {
        root_element(path, kind, sizeof kind);
        int slot = !strcmp(kind, "runscript") ? 0 : !strcmp(kind, "output") ? 1 : !strcmp(kind, "initialize") ? 2 : -1;
        if (slot >= 0) {
            if (o->nfound == (int)(sizeof o->found / sizeof o->found[0])) {
                fprintf(stderr, "saqr run: too many files named without an option\n");
                return 2;
            }
            /* absolute, so that loading does not take it under the root again */
            char *abs = o->found[o->nfound++], cwd[2048];
            if (path[0] == '/' || !getcwd(cwd, sizeof cwd))
                k = snprintf(abs, sizeof o->found[0], "%s", path);
            else
                k = snprintf(abs, sizeof o->found[0], "%s/%s", cwd, path);
            if (k < 0 || (size_t)k >= sizeof o->found[0]) {
                fprintf(stderr, "saqr run: path too long: %s\n", path);
                return 2;
            }
            if (slot == 0)
                o->script = abs;
            else if (slot == 1)
                return add(o->directives, &o->ndirectives, abs, "directives file") ? 0 : 2;
            else
                o->initfile = abs;
            return 0;
        }
    }
    k = snprintf(path, sizeof path, "%s/aircraft/%s/%s.xml", o->root, arg, arg);
    if (k > 0 && (size_t)k < sizeof path && !strchr(arg, '/') && is_file(path)) {
        o->aircraft = arg;
        return 0;
    }
    /* an initialisation file of the aircraft named before it */
    const char *xml = strlen(arg) > 4 && !strcmp(arg + strlen(arg) - 4, ".xml") ? "" : ".xml";
    k = snprintf(path, sizeof path, "%s/aircraft/%s/%s%s", o->root, o->aircraft ? o->aircraft : "", arg, xml);
    if (o->aircraft && k > 0 && (size_t)k < sizeof path && is_file(path)) {
        root_element(path, kind, sizeof kind);
        if (!strcmp(kind, "initialize")) {
            o->initfile = arg;
            return 0;
        }
    }
    fprintf(stderr, "saqr run: \"%s\" is neither an option nor a script, output directives, initialisation "
                    "file or aircraft of %s\n", arg, o->root);
    return 2;
}

/* Returns 0 to go on, else the exit status (help: 0 printed, -1). */
static int parse(int argc, char **argv, run_opts *o)
{
    memset(o, 0, sizeof *o);
    o->root = ".";
    const char *positional_args[MAX_REPEAT];
    int npositional = 0;

    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            usage(stdout);
            return -1;
        }
        const char *eq = strchr(arg, '=');
        size_t klen = eq ? (size_t)(eq - arg) : strlen(arg);
        const char *value = eq ? eq + 1 : NULL;
#define IS(name) (klen == strlen(name) && strncmp(arg, name, klen) == 0)
        if (IS("--realtime")) {
            o->realtime = 1;
            continue;
        }
        if (IS("--nice")) {
            o->nice = 1;
            continue;
        }
        if (IS("--suspend")) {
            o->suspend = 1;
            continue;
        }
        if (IS("--nohighlight")) {
            fprintf(stderr, "saqr run: warning: %.*s is ignored\n", (int)klen, arg);
            continue;
        }
        if (IS("--compile")) {
            if (value && !*value) {
                fprintf(stderr, "saqr run: --compile= needs a compiler (or no '=')\n");
                return 2;
            }
            o->compile = 1;
            o->cc = value;
            continue;
        }
        if (IS("--version")) {
            printf("saqr run %s: Saqr's runner of JSBSim aircraft and scripts (JSBSim 1.3's file formats and "
                   "command line)\n",
                   saqr_version());
            return -1;
        }
        if (IS("--catalog")) {
            o->catalog = 1;
            if (value && *value)
                o->aircraft = value;
            continue;
        }
        if (IS("--planet")) {
            fprintf(stderr, "saqr run: --planet is not supported: Saqr flies on the WGS-84 Earth\n");
            return 2;
        }
        if (strncmp(arg, "--", 2) != 0) {
            if (npositional == MAX_REPEAT) {
                fprintf(stderr, "saqr run: too many file names (at most %d)\n", MAX_REPEAT);
                return 2;
            }
            positional_args[npositional++] = arg;
            continue;
        }
        int known = IS("--root") || IS("--script") || IS("--aircraft") || IS("--initfile") || IS("--end") ||
                    IS("--property") || IS("--logdirectivefile") || IS("--outputlogfile") ||
                    IS("--simulation-rate") || IS("--outputpath");
        if (!known) {
            fprintf(stderr, "saqr run: unknown option %.*s\n", (int)klen, arg);
            return 2;
        }
        if (!value || !*value) {
            fprintf(stderr, "saqr run: option %.*s needs a value, as in %.*s=something\n", (int)klen, arg,
                    (int)klen, arg);
            return 2;
        }
        if (IS("--root"))
            o->root = value;
        else if (IS("--script"))
            o->script = value;
        else if (IS("--aircraft"))
            o->aircraft = value;
        else if (IS("--initfile"))
            o->initfile = value;
        else if (IS("--end")) {
            if (!parse_number(value, &o->end_s)) {
                fprintf(stderr, "saqr run: --end=%s is not a time in seconds\n", value);
                return 2;
            }
            o->have_end = 1;
        } else if (IS("--property")) {
            const char *peq = strchr(value, '=');
            double x;
            if (!peq || peq == value) {
                fprintf(stderr, "saqr run: --property wants NAME=VALUE, not \"%s\"\n", value);
                return 2;
            }
            if (!parse_number(peq + 1, &x)) {
                fprintf(stderr, "saqr run: --property=%.*s: \"%s\" is not a finite number\n", (int)(peq - value), value,
                        peq + 1);
                return 2;
            }
            if (!add(o->props, &o->nprops, value, "--property"))
                return 2;
        } else if (IS("--logdirectivefile")) {
            if (!add(o->directives, &o->ndirectives, value, "--logdirectivefile"))
                return 2;
        } else if (IS("--outputlogfile")) {
            if (!add(o->logfiles, &o->nlogfiles, value, "--outputlogfile"))
                return 2;
        } else if (IS("--simulation-rate")) {
            double r;
            if (!parse_number(value, &r) || !(r > 0.0)) {
                fprintf(stderr, "saqr run: --simulation-rate=%s is not a step (< 1 s) or a rate (Hz)\n", value);
                return 2;
            }
            o->dt_s = r < 1.0 ? r : 1.0 / r;
        } else if (IS("--outputpath")) {
            o->output_path = value;
        }
#undef IS
    }
    /* files without options once the root is known, in their order */
    for (int i = 0; i < npositional; i++) {
        int st = positional(positional_args[i], o);
        if (st)
            return st;
    }
    if (o->catalog) {
        if (o->script) {
            fprintf(stderr, "saqr run: --catalog lists an aircraft's properties; give it no script\n");
            return 2;
        }
        if (!o->aircraft) {
            fprintf(stderr, "saqr run: --catalog needs an aircraft (--catalog=NAME or --aircraft=NAME)\n");
            return 2;
        }
        return 0;
    }
    if (o->script && o->aircraft) {
        fprintf(stderr, "saqr run: give either --script or --aircraft, not both (the script names its aircraft)\n");
        return 2;
    }
    if (!o->script && !o->aircraft) {
        fprintf(stderr, "saqr run: nothing to run: give --script=FILE or --aircraft=NAME --initfile=FILE\n");
        return 2;
    }
    if (o->aircraft && !o->initfile) {
        fprintf(stderr, "saqr run: --aircraft needs an --initfile\n");
        return 2;
    }
    if (o->aircraft && !o->have_end) {
        fprintf(stderr, "saqr run: without a script, say when to stop with --end=TIME\n");
        return 2;
    }
    return 0;
}

/* Warnings (which say "warning:") go to stderr, notifications to stdout. */
static void log_line(void *user, const char *msg)
{
    (void)user;
    if (strstr(msg, "warning:"))
        fprintf(stderr, "%s\n", msg);
    else
        fprintf(stdout, "%s\n", msg);
}

/* simulation/do_linearization's model, where JSBSim puts it: the current
 * folder, <aircraft>_lin.sce. */
static void write_linear_model(void *user, const saqr_linear_model *m)
{
    const saqr_fdm *f = user;
    const char *name = saqr_fdm_aircraft_name(f);
    char path[1024];
    snprintf(path, sizeof path, "%s_lin.sce", name);
    if (linear_sce_save(path, name, m) != 0)
        fprintf(stderr, "saqr run: warning: cannot write the linear model to %s: %s\n", path, strerror(errno));
    else
        printf("saqr run: linear model (%d states, %d inputs) written to %s\n", m->n_states, SAQR_LINEAR_INPUTS,
               path);
}

static int fail(saqr_fdm *f, const char *what)
{
    fprintf(stderr, "saqr run: %s%s%s\n", what, what[0] ? ": " : "", saqr_fdm_error(f));
    output_close(f);
    saqr_fdm_destroy(f);
    return 2;
}

/* JSBSim's GetFullPath: relative names are under the root. */
static const char *under_root(const char *root, const char *name, char *buf, size_t n)
{
    if (name[0] == '/')
        return name;
    int k = snprintf(buf, n, "%s/%s", root, name);
    return k >= 0 && (size_t)k < n ? buf : NULL;
}

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* The FLIGHTGEAR output directives, as JSBSim's FGOutputFG: FlightGear's
 * native FDM packet to HOST:PORT over UDP, every round(1 / (rate dt))
 * frames. */
typedef struct fg_link {
    int n;
    fg_sender *sender[OUTPUT_FG_MAX];
    int every[OUTPUT_FG_MAX];
    long counter[OUTPUT_FG_MAX];
    fgnet_binding bind;
    fgnet_packet pkt;
} fg_link;

static void fg_close(fg_link *l)
{
    for (int i = 0; i < l->n; i++)
        fg_sender_close(l->sender[i]);
    l->n = 0;
}

static int fg_open(fg_link *l, saqr_fdm *f)
{
    memset(l, 0, sizeof *l);
    int n = output_flightgear_count(f);
    if (n == 0)
        return 0;
    saqr_err err = {""};
    if (fgnet_bind(&l->bind, f, &err) != SAQR_OK) {
        fprintf(stderr, "saqr run: FlightGear output: %s\n", err.msg);
        return -1;
    }
    fgnet_packet_init(&l->pkt);
    for (int i = 0; i < n; i++) {
        const output_fg *g = output_flightgear(f, i);
        if (fg_sender_open(g->host, g->port, &l->sender[l->n], &err) != SAQR_OK) {
            fprintf(stderr, "saqr run: %s: FlightGear output: %s\n", g->where, err.msg);
            fg_close(l);
            return -1;
        }
        double every = floor(0.5 + 1.0 / (saqr_fdm_dt(f) * g->rate_hz));
        l->every[l->n] = every < 1.0 ? 1 : every > 1e9 ? 1000000000 : (int)every;
        l->n++;
        printf("saqr run: FlightGear packets to %s:%d at %g Hz\n", g->host, g->port, g->rate_hz);
    }
    return 0;
}

/* Sends to each link whose turn it is (`first`: the row at time 0). */
static void fg_send_due(fg_link *l, const saqr_fdm *f, int first)
{
    int packed = 0;
    for (int i = 0; i < l->n; i++) {
        if (!first && ++l->counter[i] % l->every[i] != 0)
            continue;
        if (!packed) {
            fgnet_from_fdm(&l->bind, f, &l->pkt);
            packed = 1;
        }
        (void)fg_sender_send(l->sender[i], &l->pkt, NULL); /* a lost datagram is only a lost picture */
    }
}

int cmd_run(int argc, char **argv)
{
    run_opts o;
    int st = parse(argc, argv, &o);
    if (st)
        return st < 0 ? 0 : st;

    saqr_fdm *f = saqr_fdm_create(NULL);
    if (!f) {
        fprintf(stderr, "saqr run: out of memory\n");
        return 2;
    }
    saqr_fdm_set_log(f, log_line, NULL);
    saqr_fdm_set_linear_sink(f, write_linear_model, f);

    if (o.catalog) {
        if (saqr_fdm_load_aircraft(f, o.root, o.aircraft) != SAQR_OK)
            return fail(f, "");
        printf("\n  Property Catalog for %s\n\n", saqr_fdm_aircraft_name(f));
        for (int i = 0; i < saqr_fdm_property_count(f); i++)
            printf("    %s\n", saqr_fdm_property_name(f, i));
        saqr_fdm_destroy(f);
        return 0;
    }
    if (o.script) {
        if (script_load_all(f, o.root, o.script, o.initfile) != SAQR_OK)
            return fail(f, "");
    } else {
        if (saqr_fdm_load_aircraft(f, o.root, o.aircraft) != SAQR_OK)
            return fail(f, "");
        if (saqr_fdm_load_initfile(f, o.initfile) != SAQR_OK)
            return fail(f, "");
    }

    if (o.dt_s > 0.0) {
        if (saqr_fdm_set_dt(f, o.dt_s) != SAQR_OK)
            return fail(f, "--simulation-rate");
        if (o.script)
            printf("saqr run: the step is %g s (%g Hz) from the command line, not the script's\n", o.dt_s,
                   1.0 / o.dt_s);
    }
    if (o.compile && saqr_fdm_compile(f, o.cc) != SAQR_OK)
        fprintf(stderr, "saqr run: warning: %s (running interpreted)\n", saqr_fdm_error(f));

    for (int i = 0; i < o.ndirectives; i++) {
        char buf[4096];
        const char *path = under_root(o.root, o.directives[i], buf, sizeof buf);
        if (!path) {
            fprintf(stderr, "saqr run: path too long: %s\n", o.directives[i]);
            saqr_fdm_destroy(f);
            return 2;
        }
        if (output_load_file(f, path) != SAQR_OK)
            return fail(f, "output directives not loaded");
    }
    for (int i = 0; i < o.nlogfiles; i++)
        if (output_rename(f, i, o.logfiles[i]) != SAQR_OK)
            fprintf(stderr, "saqr run: warning: %s\n", saqr_fdm_error(f));
    /* JSBSim puts every relative output name under --outputpath */
    for (int i = 0; o.output_path && i < output_count(f); i++) {
        const char *name = output_name(f, i);
        char path[2048];
        if (name[0] == '/' || !strcasecmp(name, "COUT"))
            continue;
        int k = snprintf(path, sizeof path, "%s/%s", o.output_path, name);
        if (k < 0 || (size_t)k >= sizeof path || output_rename(f, i, path) != SAQR_OK) {
            fprintf(stderr, "saqr run: output path too long: %s/%s\n", o.output_path, name);
            output_close(f);
            saqr_fdm_destroy(f);
            return 2;
        }
    }

    for (int i = 0; i < o.nprops; i++) {
        char name[512];
        const char *peq = strchr(o.props[i], '=');
        snprintf(name, sizeof name, "%.*s", (int)(peq - o.props[i]), o.props[i]);
        int slot = saqr_fdm_property(f, name);
        if (slot < 0) {
            fprintf(stderr, "saqr run: no property by the name %s\n", name);
            output_close(f);
            saqr_fdm_destroy(f);
            return 2;
        }
        if (saqr_fdm_set(f, slot, strtod(peq + 1, NULL)) != SAQR_OK)
            return fail(f, name);
    }

    /* opened before the initialisation, which writes their first row
     * (JSBSim's RunIC) */
    if (output_open(f) != SAQR_OK)
        return fail(f, "");
    if (saqr_fdm_init(f) != SAQR_OK)
        return fail(f, "initialisation failed");
    if (output_write_due(f) != SAQR_OK)
        return fail(f, "");

    fg_link fg;
    if (fg_open(&fg, f) != 0) {
        output_close(f);
        saqr_fdm_destroy(f);
        return 2;
    }
    fg_send_due(&fg, f, 1);
    run_telnet tn;
    memset(&tn, 0, sizeof tn);
    tn.listen_fd = tn.client_fd = -1;
    /* a port in use (another run of the same aircraft) costs the server,
     * not the flight */
    if (telnet_port(f) && run_telnet_open(&tn, telnet_port(f)) != 0)
        fprintf(stderr, "saqr run: warning: flying without the property server\n");
    if (o.suspend && tn.listen_fd >= 0)
        tn.holding = 1; /* JSBSim's FDMExec->Hold() after the initialisation */
    else if (o.suspend)
        fprintf(stderr, "saqr run: warning: --suspend is ignored: without a property server (<input port=N/>) "
                        "nothing could resume the run\n");
    rt_clock clock = rt_clock_monotonic();
    double wall0 = clock.now_s(clock.user), sim0 = saqr_fdm_time(f);
    if (o.realtime) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_sigint;
        sigaction(SIGINT, &sa, NULL);
    }

    double end_s = o.have_end ? o.end_s : INFINITY;
    long frames = 0;
    int status = 0;
    do {
        run_telnet_poll(&tn, f);
        if (tn.holding) { /* a client's hold: only the server runs */
            clock.sleep_until_s(clock.user, clock.now_s(clock.user) + 0.01);
            wall0 = clock.now_s(clock.user) - (saqr_fdm_time(f) - sim0);
            continue;
        }
        if (saqr_fdm_step(f) != SAQR_OK) {
            fprintf(stderr, "saqr run: the simulation failed at t = %g s: %s\n", saqr_fdm_time(f),
                    saqr_fdm_error(f));
            status = 1;
            break;
        }
        frames++;
        if (output_write_due(f) != SAQR_OK) {
            fprintf(stderr, "saqr run: %s\n", saqr_fdm_error(f));
            status = 2;
            break;
        }
        fg_send_due(&fg, f, 0);
        run_telnet_frame_done(&tn);
        if (o.realtime) /* the simulated time, not a frame count: dt may change */
            clock.sleep_until_s(clock.user, wall0 + (saqr_fdm_time(f) - sim0));
        else if (o.nice)
            clock.sleep_until_s(clock.user, clock.now_s(clock.user) + 0.01);
    } while (!saqr_fdm_script_done(f) && saqr_fdm_time(f) <= end_s && !interrupted);

    output_close(f);
    fg_close(&fg);
    run_telnet_close(&tn);
    if (status == 0)
        printf("saqr run: stopped at t = %.6g s after %ld frames of %.6g s%s\n", saqr_fdm_time(f), frames,
               saqr_fdm_dt(f), interrupted ? " (interrupted)" : "");
    saqr_fdm_destroy(f);
    return status;
}
