/*
 * cmd_grade.c - `saqr grade REC` and `saqr debrief REC -o report.html`:
 * grade a recorded sortie against its lesson (named in the recording),
 * print the sheet, and for debrief write the HTML page.  A truncated or
 * damaged recording is graded as far as it goes, with a warning.
 * Exit (grade) 0 on Pass, 1 on Marginal, Unsat or Incomplete, 2 on an error;
 * (debrief) 0 when the page was written, 2 on an error.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "train/debrief.h"
#include "train/sortie.h"
#include "train_args.h"

static int grade_or_debrief(int argc, char **argv, const char *cmd, int debrief)
{
    train_paths p;
    train_paths_default(&p);
    const char *path = NULL, *out = NULL;
    for (int i = 0; i < argc; i++) {
        int r = train_paths_option(&p, argc, argv, &i, cmd);
        if (r < 0)
            return 2;
        if (r > 0)
            continue;
        if (debrief && strcmp(argv[i], "-o") == 0) {
            if (train_needs_value(argc, argv, i, cmd))
                return 2;
            out = argv[++i];
        } else if (argv[i][0] != '-' && !path) {
            path = argv[i];
        } else {
            fprintf(stderr, "saqr %s: unexpected argument %s\n", cmd, argv[i]);
            return 2;
        }
    }
    if (!path || (debrief && !out)) {
        fprintf(stderr, debrief ? "usage: saqr debrief REC -o report.html\n" : "usage: saqr grade REC\n");
        return 2;
    }
    rec_data rec;
    saqr_err err = {""};
    if (rec_read(path, &rec, &err)) {
        fprintf(stderr, "saqr %s: %s\n", cmd, err.msg);
        rec_data_free(&rec);
        return 2;
    }
    if (rec.damaged)
        fprintf(stderr, "saqr %s: warning: %s\n", cmd, rec.damage);
    const char *id = rec_meta_get(&rec, "lesson");
    lesson l;
    if (!id) {
        fprintf(stderr, "saqr %s: %s: the recording names no lesson\n", cmd, path);
        rec_data_free(&rec);
        return 2;
    }
    if (train_load_lesson(&p, id, &l, cmd)) {
        rec_data_free(&rec);
        return 2;
    }
    grade_sheet sheet;
    int rc = 2;
    if (sortie_regrade(&l, &rec, &sheet, &err)) {
        fprintf(stderr, "saqr %s: %s: %s\n", cmd, path, err.msg);
    } else if (!debrief) {
        sheet_print(&sheet, stdout);
        rc = sheet.result == SORTIE_PASS ? 0 : 1;
    } else {
        airport_db db;
        const airport_runway *rwy = NULL;
        int have_db = airport_db_load(p.airports, &db, &err) == SAQR_OK;
        if (have_db) {
            const airport *ap = airport_find(&db, l.setup.airport);
            rwy = ap ? airport_runway_find(ap, l.setup.runway) : NULL;
        }
        if (debrief_write_html(out, &rec, &sheet, rwy, &l, &err)) {
            fprintf(stderr, "saqr %s: %s\n", cmd, err.msg);
        } else {
            printf("debrief of %s (%s, %s) written to %s\n", path, sheet.lesson, sheet_result_name(sheet.result), out);
            rc = 0;
        }
        airport_db_free(&db);
    }
    sheet_free(&sheet);
    lesson_free(&l);
    rec_data_free(&rec);
    return rc;
}

int cmd_grade(int argc, char **argv)
{
    return grade_or_debrief(argc, argv, "grade", 0);
}

int cmd_debrief(int argc, char **argv)
{
    return grade_or_debrief(argc, argv, "debrief", 1);
}
