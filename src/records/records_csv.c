/*
 * records_csv.c - every table of the records as DIR/TABLE.csv (see
 * records.h): RFC 4180 text (fields with a comma, quote, line break or
 * leading/trailing space are quoted, quotes doubled; lines end in CRLF),
 * a header line of column names, rows in id order.  SQL NULL is an empty
 * field, an empty text the quoted "" - so the two stay distinct.
 *
 * The tables are read in one transaction (one consistent moment on
 * SQLite; statement by statement on PostgreSQL's default isolation), and
 * each file is written as DIR/.TABLE.csv.tmp and renamed into place.
 *
 * Reference: RFC 4180, "Common Format and MIME Type for Comma-Separated
 * Values (CSV) Files", 2005.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "records/records.h"

/* A table and its columns as in docs/records.md. */
typedef struct csv_table {
    const char *name;
    const char *columns;   /* comma-separated, as in the header line       */
} csv_table;

static const csv_table tables[RECORDS_NTABLES] = {
    {"trainees", "id,service_number,name,course,created_at"},
    {"instructors", "id,service_number,name"},
    {"aircraft_types", "id,name"},
    {"airframes", "id,type_id,tail_number"},
    {"lessons", "id,lesson_id,course,seq,title"},
    {"sorties", "id,trainee_id,instructor_id,lesson_id,aircraft_type,tail_number,pilot,started_at,duration_s,"
                "recording,result,summary,comment,element_count,auto_result,regrade_reason,regraded_by,flown_result,"
                "flown_summary"},
    {"sortie_elements", "id,sortie_id,seq,exercise,element,title,mark,ratio,worst,worst_t_s,lo,hi,unit,source,"
                        "deductions,comment,by_instructor,marked_by"},
};

const char *records_table_name(int i)
{
    return i >= 0 && i < RECORDS_NTABLES ? tables[i].name : NULL;
}

static void put_field(FILE *f, const char *s)
{
    if (!s)
        return;
    size_t n = strlen(s);
    int quote = n == 0 || strpbrk(s, ",\"\r\n") || s[0] == ' ' || s[n - 1] == ' ';
    if (!quote) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (const char *c = s; *c; c++) {
        if (*c == '"')
            fputc('"', f);
        fputc(*c, f);
    }
    fputc('"', f);
}

/* Writes one table into `path` (already the temporary name). */
static int write_table(rdb *db, const csv_table *t, const char *path, int *nrows, saqr_err *err)
{
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT %s FROM %s ORDER BY id", t->columns, t->name);
    rdb_rows *r = NULL;
    int st = rdb_exec(db, sql, 0, NULL, &r, err);
    if (st)
        return st;
    FILE *f = fopen(path, "wb");
    if (!f) {
        rdb_rows_free(r);
        return err_set(err, SAQR_EIO, "%s: cannot write: %s", path, strerror(errno));
    }
    fprintf(f, "%s\r\n", t->columns);
    int n = rdb_rows_count(r), m = rdb_rows_columns(r);
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
            if (j)
                fputc(',', f);
            put_field(f, rdb_value(r, i, j));
        }
        fputs("\r\n", f);
    }
    rdb_rows_free(r);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad) {
        remove(path);
        return err_set(err, SAQR_EIO, "%s: cannot write: %s", path, strerror(errno));
    }
    *nrows = n;
    return SAQR_OK;
}

int records_export_csv(rdb *db, const char *dir, int nrows[RECORDS_NTABLES], saqr_err *err)
{
    if (!dir || !*dir)
        return err_set(err, SAQR_EINVAL, "no folder to export to");
    struct stat sb;
    if (stat(dir, &sb) == 0) {
        if (!S_ISDIR(sb.st_mode))
            return err_set(err, SAQR_EIO, "%s is not a folder", dir);
    } else if (mkdir(dir, 0777) != 0) {
        return err_set(err, SAQR_EIO, "%s: cannot create the folder: %s", dir, strerror(errno));
    }
    int counts[RECORDS_NTABLES] = {0};
    int st = rdb_begin(db, err);
    int begun = st == SAQR_OK;
    for (int i = 0; i < RECORDS_NTABLES && st == SAQR_OK; i++) {
        char tmp[2048], path[2048];
        snprintf(tmp, sizeof tmp, "%s/.%s.csv.tmp", dir, tables[i].name);
        snprintf(path, sizeof path, "%s/%s.csv", dir, tables[i].name);
        st = write_table(db, &tables[i], tmp, &counts[i], err);
        if (st == SAQR_OK && rename(tmp, path) != 0) {
            st = err_set(err, SAQR_EIO, "%s: cannot write: %s", path, strerror(errno));
            remove(tmp);
        }
    }
    if (begun)
        rdb_rollback(db); /* read only */
    if (st == SAQR_OK && nrows)
        memcpy(nrows, counts, sizeof counts);
    return st;
}
