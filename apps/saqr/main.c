/*
 * main.c - the `saqr` command: dispatches to one file per sub-command.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: saqr <command> [options]\n"
            "\n"
            "commands:\n"
            "  check nasa [--out DIR] [--shared DIR] [--cases DIR] [CASE...]\n"
            "        run NASA TM-2015-218675 atmospheric check cases 1-10 and compare\n"
            "        them with NASA's reference trajectories\n"
            "  run --script=FILE | --aircraft=NAME --initfile=FILE [--root=DIR] [--end=T] ...\n"
            "        fly a JSBSim script or aircraft with JSBSim's options (saqr run --help)\n"
            "  compare A.csv B.csv [--columns C,...] [--tol NAME=VALUE]...\n"
            "        largest difference per shared column, B interpolated to A's times\n"
            "  qtg AIRCRAFT [-o report.html] [--root DIR] [--only ID,...]\n"
            "        fly the aircraft's qualification tests (14 CFR Part 60 style) and\n"
            "        report each figure against its published value or range\n"
            "  help  this text\n");
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
    if (strcmp(argv[1], "check") == 0)
        return cmd_check(argc - 2, argv + 2);
    if (strcmp(argv[1], "run") == 0)
        return cmd_run(argc - 2, argv + 2);
    if (strcmp(argv[1], "compare") == 0)
        return cmd_compare(argc - 2, argv + 2);
    if (strcmp(argv[1], "qtg") == 0)
        return cmd_qtg(argc - 2, argv + 2);
    fprintf(stderr, "saqr: unknown command \"%s\"\n", argv[1]);
    usage(stderr);
    return 2;
}
