/*
 * cmd_export.c - `saqr export REC --format csv|acmi -o FILE`: writes a
 * flight recording (docs/recording.md) as CSV, one column per channel, or
 * as a Tacview ACMI 2.1 text file.  Without --format the output name's
 * ending (.csv, .acmi) chooses.  A recording damaged or cut after its
 * header is still exported up to the damage, with the damage note on
 * stderr as a warning.  Exit status 0 when the file is written, 2 for bad
 * usage or input (unreadable recording, ACMI without position channels,
 * an output that cannot be written).
 *
 * `saqr export --csv DIR [--db URL]` is the other export: the training
 * records, every table as DIR/TABLE.csv (cmd_records.c).
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "train/record.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: saqr export REC --format csv|acmi -o FILE\n"
               "       saqr export --csv DIR [--db URL]   (the training records)\n"
               "  writes the flight recording REC as CSV (one column per channel) or as a\n"
               "  Tacview ACMI 2.1 text file (FILE.txt.acmi); without --format, FILE's\n"
               "  ending (.csv or .acmi) chooses\n");
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

int cmd_export(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], "--csv") == 0)
            return cmd_export_records(argc, argv);
    const char *rec = NULL, *out = NULL, *format = NULL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char **dst = strcmp(a, "-o") == 0 ? &out : strcmp(a, "--format") == 0 ? &format : NULL;
        if (dst) {
            if (i + 1 >= argc || !argv[i + 1][0]) {
                fprintf(stderr, "saqr export: %s needs a value\n", a);
                return 2;
            }
            *dst = argv[++i];
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (a[0] != '-' && !rec) {
            rec = a;
        } else {
            fprintf(stderr, "saqr export: unexpected argument \"%s\"\n", a);
            usage(stderr);
            return 2;
        }
    }
    if (!rec || !out) {
        fprintf(stderr, "saqr export: %s\n", !rec ? "which recording?" : "-o FILE is needed");
        usage(stderr);
        return 2;
    }
    if (!format)
        format = ends_with(out, ".csv") ? "csv" : ends_with(out, ".acmi") ? "acmi" : NULL;
    if (!format || (strcmp(format, "csv") != 0 && strcmp(format, "acmi") != 0)) {
        fprintf(stderr, "saqr export: --format is csv or acmi%s%s%s\n", format ? ", not \"" : "",
                format ? format : "", format ? "\"" : " (the output name does not say)");
        return 2;
    }
    rec_data d;
    saqr_err err;
    err_clear(&err);
    if (rec_read(rec, &d, &err) != SAQR_OK) {
        fprintf(stderr, "saqr export: %s\n", err.msg);
        rec_data_free(&d);
        return 2;
    }
    if (d.damaged)
        fprintf(stderr, "saqr export: warning: %s\n", d.damage);
    int st = strcmp(format, "csv") == 0 ? rec_export_csv(&d, out, &err) : rec_export_acmi(&d, out, &err);
    if (st != SAQR_OK)
        fprintf(stderr, "saqr export: %s\n", err.msg);
    rec_data_free(&d);
    return st == SAQR_OK ? 0 : 2;
}
