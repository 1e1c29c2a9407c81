/*
 * cmd_fly.c - `saqr fly ID --pilot reference|degraded[:FAULT] [--record FILE]`:
 * flies a lesson headless, faster than real time, and prints the grade
 * sheet.  Exit 0 on Pass, 1 on Marginal or Unsat, 2 on an error.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "train/sortie.h"
#include "train_args.h"

int cmd_fly(int argc, char **argv)
{
    train_paths p;
    train_paths_default(&p);
    const char *id = NULL, *who = "reference", *record = NULL;
    for (int i = 0; i < argc; i++) {
        int r = train_paths_option(&p, argc, argv, &i, "fly");
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        const char *a = argv[i];
        if (strcmp(a, "--pilot") == 0 || strcmp(a, "--record") == 0) {
            if (train_needs_value(argc, argv, i, "fly"))
                return 2;
            *(strcmp(a, "--pilot") == 0 ? &who : &record) = argv[++i];
        } else if (a[0] != '-' && !id) {
            id = a;
        } else {
            fprintf(stderr, "saqr fly: unexpected argument %s\n"
                            "usage: saqr fly ID [--pilot reference|degraded[:bank|altitude|long]] [--record FILE]\n", a);
            return 2;
        }
    }
    if (!id) {
        fprintf(stderr, "usage: saqr fly ID [--pilot reference|degraded[:bank|altitude|long]] [--record FILE]\n");
        return 2;
    }
    if (sortie_pilot_valid(who)) {
        fprintf(stderr, "saqr fly: unknown pilot \"%s\" (reference, degraded, degraded:bank|altitude|long)\n", who);
        return 2;
    }
    lesson l;
    if (train_load_lesson(&p, id, &l, "fly"))
        return 2;
    airport_db db;
    if (train_load_airports(&p, &db, "fly")) {
        lesson_free(&l);
        return 2;
    }
    sortie_opts o = {p.root, &db, record, who, 20.0};
    grade_sheet sheet;
    saqr_err err = {""};
    int st = sortie_fly(&l, &o, &sheet, &err);
    int rc = 2;
    if (st) {
        fprintf(stderr, "saqr fly: %s\n", err.msg);
    } else {
        sheet_print(&sheet, stdout);
        rc = sheet.result == SORTIE_PASS ? 0 : 1;
    }
    sheet_free(&sheet);
    airport_db_free(&db);
    lesson_free(&l);
    return rc;
}
