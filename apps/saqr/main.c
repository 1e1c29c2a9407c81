/*
 * main.c - the `saqr` command: dispatches to one file per sub-command.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "saqr.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: saqr <command> [options]\n"
            "\n"
            "commands:\n"
            "  check nasa [--out DIR] [--shared DIR] [--cases DIR] [CASE...]\n"
            "        run NASA TM-2015-218675 atmospheric check cases 1-10 and compare\n"
            "        them with NASA's reference trajectories\n"
            "  daveml check FILE.dml [--tol-scale X]\n"
            "        run a DAVE-ML model's checkData: every output of every shot against\n"
            "        its expected value and tolerance (exit 0 all agree, 1 some do not)\n"
            "  run --script=FILE | --aircraft=NAME --initfile=FILE [--root=DIR] [--end=T] ...\n"
            "        fly a JSBSim script or aircraft with JSBSim's options (saqr run --help)\n"
            "  compare A.csv B.csv [--columns C,...] [--tol NAME=VALUE]...\n"
            "        largest difference per shared column, B interpolated to A's times\n"
            "  qtg AIRCRAFT [-o report.html] [--root DIR] [--only ID,...]\n"
            "        fly the aircraft's qualification tests (14 CFR Part 60 style) and\n"
            "        report each figure against its published value or range\n"
            "  lesson list | lesson show ID | lesson brief ID [-o FILE]\n"
            "        the training lessons (ids like super-mushak/steep-turns)\n"
            "  fly ID [--pilot reference|degraded[:bank|altitude|long]] [--record FILE [--overwrite]]\n"
            "        fly a lesson headless with the reference (or a degraded) pilot and\n"
            "        print the grade sheet (exit 0 Pass, 1 otherwise, 2 error)\n"
            "  campaign FILE [--runs N] [--threads T] [--out DIR] [--only I]\n"
            "        a Monte Carlo campaign (docs/campaigns.md): runs.csv and summary.html;\n"
            "        under mpirun -n K the runs are shared out between the ranks\n"
            "  grade REC    grade a recorded sortie\n"
            "  debrief REC -o report.html   the debrief page of a recorded sortie\n"
            "  export REC --format csv|acmi -o FILE   a recording as CSV or Tacview ACMI\n"
            "\n"
            "training records (each with --db sqlite:///path/records.db | postgres://...;\n"
            "default: the SQLite file in the user's data folder; see docs/records.md):\n"
            "  trainee add NAME --number SERVICE_NO [--course super-mushak|jf17]\n"
            "  trainee list | trainee show SERVICE_NO\n"
            "  instructor add NAME --number SERVICE_NO | instructor list\n"
            "  airframe add TAIL --type super-mushak|jf17 | airframe list\n"
            "  fly ID --trainee SERVICE_NO [--instructor SERVICE_NO] [--tail TAIL] [--db URL]\n"
            "        fly and store the sortie with its grade sheet in the trainee's record\n"
            "  progress SERVICE_NO   lessons passed, repeated and outstanding, the next\n"
            "        lesson due, simulator hours per aircraft type\n"
            "  sorties [--trainee SERVICE_NO] [--id ID]   stored sorties, or one in full\n"
            "  sorties add REC --trainee SERVICE_NO   store a recorded sortie (one the\n"
            "        station could not store, or one flown with fly --record)\n"
            "  sorties recording ID -o FILE   the records' copy of a stored sortie's\n"
            "        recording (flown at any station), for debrief, grade or export\n"
            "  export --csv DIR   every records table as DIR/TABLE.csv\n"
            "\n"
            "real time:\n"
            "  fly ID --realtime [--pilot trainee] [--scale S] [--fg HOST[:PORT]] [--rt-priority N]\n"
            "  serve [--port 8080] [--bind 127.0.0.1] [--db URL] [--fg HOST[:PORT]] [--rt-priority N]\n"
            "        the simulator with its web instructor station (docs/station.md); the flight\n"
            "        runs at real-time priority N (SCHED_FIFO, default 10, 0 none) where allowed\n"
            "  instructor passwd SERVICE_NO   set a login password (read from stdin)\n"
            "\n"
            "  help  this text;  --version  the version of saqr and of the libsaqr it runs\n");
}

/* `saqr CMD --help` for the commands whose own option parsers have no
 * help: the overview's lines for CMD (its synopsis lines and their
 * indented descriptions), on stdout. */
static int command_help(const char *cmd)
{
    char *text = NULL;
    size_t size = 0;
    FILE *m = open_memstream(&text, &size);
    if (!m)
        return 2;
    usage(m);
    fclose(m);
    size_t n = strlen(cmd);
    int showing = 0, shown = 0;
    for (char *line = text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (strncmp(line, "  ", 2) == 0 && line[2] != ' ')
            showing = strncmp(line + 2, cmd, n) == 0 && (line[2 + n] == ' ' || line[2 + n] == '\0');
        else if (strncmp(line, "        ", 8) != 0)
            showing = 0;
        if (showing) {
            printf("%s\n", line);
            shown = 1;
        }
    }
    free(text);
    return shown ? 0 : 2;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("saqr %s (libsaqr %s)\n", SAQR_VERSION_STRING, saqr_version());
        return 0;
    }
    static const char *const plain[] = {"check", "daveml", "lesson", "fly", "campaign", "grade", "debrief", "serve"};
    if (argc == 3 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0))
        for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
            if (strcmp(argv[1], plain[i]) == 0)
                return command_help(argv[1]);
    if (strcmp(argv[1], "check") == 0)
        return cmd_check(argc - 2, argv + 2);
    if (strcmp(argv[1], "daveml") == 0)
        return cmd_daveml(argc - 2, argv + 2);
    if (strcmp(argv[1], "run") == 0)
        return cmd_run(argc - 2, argv + 2);
    if (strcmp(argv[1], "compare") == 0)
        return cmd_compare(argc - 2, argv + 2);
    if (strcmp(argv[1], "qtg") == 0)
        return cmd_qtg(argc - 2, argv + 2);
    if (strcmp(argv[1], "lesson") == 0)
        return cmd_lesson(argc - 2, argv + 2);
    if (strcmp(argv[1], "fly") == 0)
        return cmd_fly(argc - 2, argv + 2);
    if (strcmp(argv[1], "campaign") == 0)
        return cmd_campaign(argc - 2, argv + 2);
    if (strcmp(argv[1], "grade") == 0)
        return cmd_grade(argc - 2, argv + 2);
    if (strcmp(argv[1], "debrief") == 0)
        return cmd_debrief(argc - 2, argv + 2);
    if (strcmp(argv[1], "export") == 0)
        return cmd_export(argc - 2, argv + 2);
    if (strcmp(argv[1], "trainee") == 0)
        return cmd_trainee(argc - 2, argv + 2);
    if (strcmp(argv[1], "instructor") == 0)
        return cmd_instructor(argc - 2, argv + 2);
    if (strcmp(argv[1], "airframe") == 0)
        return cmd_airframe(argc - 2, argv + 2);
    if (strcmp(argv[1], "progress") == 0)
        return cmd_progress(argc - 2, argv + 2);
    if (strcmp(argv[1], "serve") == 0)
        return cmd_serve(argc - 2, argv + 2);
    if (strcmp(argv[1], "sorties") == 0)
        return cmd_sorties(argc - 2, argv + 2);
    fprintf(stderr, "saqr: unknown command \"%s\"\n", argv[1]);
    usage(stderr);
    return 2;
}
