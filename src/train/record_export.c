/*
 * record_export.c - a recording as CSV (one column per channel) and as a
 * Tacview ACMI 2.1 text file (record.h; docs/recording.md).
 *
 * CSV values are written with the fewest significant digits that read
 * back to the stored value exactly: 6 to 9 for a float32 channel, 15 to
 * 17 for a float64 one (so 0.1 is "0.1", not "0.10000000000000001");
 * NaN is "nan", infinities "inf" and "-inf".
 *
 * ACMI reference: Tacview, "Technical Reference - ACMI flight recordings
 * 2.1/2.2", https://www.tacview.net/documentation/acmi/ : UTF-8 text, a
 * FileType/FileVersion header, object 0 for global properties, "#t"
 * lines for time frames (seconds after ReferenceTime), object ids in
 * hexadecimal, T=Longitude|Latitude|Altitude|Roll|Pitch|Yaw with angles
 * in degrees, altitude in metres MSL, roll positive right wing down,
 * pitch positive nose up, yaw clockwise from true north (the heading);
 * an empty component means "unchanged"; a comma inside a text value is
 * escaped as "\,"; events as 0,Event=Message|id|text.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "train/record.h"

#define ACMI_OBJECT_ID "101"              /* the aircraft (hexadecimal id)   */
#define ACMI_DEFAULT_REFERENCE_TIME "2000-01-01T00:00:00Z"
#define FT_TO_M 0.3048                    /* international foot, exact      */
#define NUM_TEXT 352                      /* room for any double as %.8f    */

/* ------------------------------------------------------------ numbers */

/* NaN and infinities as "nan", "inf", "-inf"; 1 when v was one of them. */
static int fmt_special(char *buf, size_t n, double v)
{
    if (isnan(v))
        snprintf(buf, n, "nan");
    else if (isinf(v))
        snprintf(buf, n, v > 0 ? "inf" : "-inf");
    else
        return 0;
    return 1;
}

/* The shortest %g text that reads back to v exactly (as a float32 for
 * REC_F32: both strtof and (float)strtod give it back). */
static void fmt_exact(char *buf, size_t n, double v, rec_type type)
{
    if (fmt_special(buf, n, v))
        return;
    if (type == REC_F32) {
        float f = (float)v;
        for (int prec = 6; prec <= 9; prec++) {
            snprintf(buf, n, "%.*g", prec, (double)f);
            if (prec == 9 || (strtof(buf, NULL) == f && (float)strtod(buf, NULL) == f))
                return;
        }
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, n, "%.*g", prec, v);
        if (prec == 17 || strtod(buf, NULL) == v)
            return;
    }
}

/* v with `decimals` decimals, trailing zeros dropped ("47.13", "2000",
 * never "-0"); "" for NaN and infinities (ACMI: value unchanged). */
static void fmt_fixed(char *buf, size_t n, double v, int decimals)
{
    if (!isfinite(v)) {
        buf[0] = '\0';
        return;
    }
    snprintf(buf, n, "%.*f", decimals, v);
    if (strchr(buf, '.')) {
        size_t len = strlen(buf);
        while (buf[len - 1] == '0')
            buf[--len] = '\0';
        if (buf[len - 1] == '.')
            buf[--len] = '\0';
    }
    if (strcmp(buf, "-0") == 0)
        snprintf(buf, n, "0");
}

/* ------------------------------------------------------------ files */

static FILE *create(const char *path, saqr_err *err)
{
    FILE *f = path ? fopen(path, "w") : NULL;
    if (!f)
        err_set(err, SAQR_EIO, "%s: cannot create: %s", path ? path : "(no path)", path ? strerror(errno) : "");
    else
        setvbuf(f, NULL, _IOFBF, 64 * 1024);
    return f;
}

/* Closes f; SAQR_EIO when any write failed, and then the partial file is
 * removed (a regular file only: never a device such as /dev/stdout). */
static int finish(FILE *f, const char *path, saqr_err *err)
{
    int bad = ferror(f);
    bad |= fclose(f) != 0;
    if (!bad)
        return SAQR_OK;
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
        remove(path);
    return err_set(err, SAQR_EIO, "%s: write failed", path);
}

/* SAQR_EIO when the caller's stream reports a write error. */
static int stream_status(FILE *f, const char *name, saqr_err *err)
{
    if (ferror(f))
        return err_set(err, SAQR_EIO, "%s: write failed", name ? name : "(no name)");
    return SAQR_OK;
}

static int no_recording(const rec_data *d, const char *name, saqr_err *err)
{
    if (d && d->nch >= 1 && d->ch && (d->nframes == 0 || d->values))
        return 0;
    err_set(err, SAQR_EINVAL, "%s: no recording to export", name ? name : "(no name)");
    return 1;
}

/* ------------------------------------------------------------ CSV */

static void csv_body(const rec_data *d, FILE *f)
{
    for (int i = 0; i < d->nch; i++)
        fprintf(f, "%s%s", i ? "," : "", d->ch[i].name);
    fputc('\n', f);
    char num[40];
    for (size_t k = 0; k < d->nframes; k++) {
        for (int i = 0; i < d->nch; i++) {
            fmt_exact(num, sizeof num, rec_value(d, k, i), d->ch[i].type);
            if (i)
                fputc(',', f);
            fputs(num, f);
        }
        fputc('\n', f);
    }
}

int rec_export_csv_stream(const rec_data *d, FILE *f, const char *name, saqr_err *err)
{
    if (no_recording(d, name, err))
        return SAQR_EINVAL;
    csv_body(d, f);
    return stream_status(f, name, err);
}

int rec_export_csv(const rec_data *d, const char *path, saqr_err *err)
{
    if (no_recording(d, path, err))
        return SAQR_EINVAL;
    FILE *f = create(path, err);
    if (!f)
        return SAQR_EIO;
    csv_body(d, f);
    return finish(f, path, err);
}

/* ------------------------------------------------------------ ACMI */

/* Writes a text property value: commas escaped, control characters
 * (which records never hold, but a caller-built rec_data might) blanked. */
static void put_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == ',')
            fputs("\\,", f);
        else
            fputc(c < 0x20 || c == 0x7f ? ' ' : c, f);
    }
}

/* Writes "#t" when t's text differs from the last one written (kept in
 * `last`, NUM_TEXT bytes). */
static void put_time(FILE *f, double t_s, char *last)
{
    char now[NUM_TEXT];
    fmt_fixed(now, sizeof now, t_s, 6);
    if (strcmp(now, last) != 0) {
        fprintf(f, "#%s\n", now);
        memcpy(last, now, sizeof now);
    }
}

static void put_event(FILE *f, const rec_event *e, char *last)
{
    char num[40];
    put_time(f, e->t_s, last);
    fmt_exact(num, sizeof num, e->value, REC_F64);
    fprintf(f, "0,Event=Message|" ACMI_OBJECT_ID "|%s %s%s", e->kind, num, e->text[0] ? " " : "");
    put_text(f, e->text);
    fputc('\n', f);
}

/* The channels T= needs, in T= order. */
enum { ACMI_NT = 6 };
static const char *const acmi_channels[ACMI_NT] = {"lon-deg",  "lat-deg",   "alt-ft",
                                                   "roll-deg", "pitch-deg", "heading-deg"};

/* A formation's lead (sortie_lead.c): the same, of the lead. */
static const char *const acmi_lead_channels[ACMI_NT] = {"lead-lon-deg",  "lead-lat-deg",   "lead-alt-ft",
                                                        "lead-roll-deg", "lead-pitch-deg", "lead-heading-deg"};
#define ACMI_LEAD_ID "102"

/* The lead's T= channels into col; 0 when the recording lacks one. */
static int acmi_lead_columns(const rec_data *d, int *col)
{
    for (int i = 0; i < ACMI_NT; i++)
        if ((col[i] = rec_channel_index(d, acmi_lead_channels[i])) < 0)
            return 0;
    return 1;
}

/* One object's T= line of frame k from columns col (a value not a number
 * left empty: ACMI keeps it unchanged); with `whole`, nothing (0) unless
 * every value is a number (the lead: no lead in this sortie). */
static int acmi_object(const rec_data *d, size_t k, const int *col, const char *id, int whole, FILE *f)
{
    static const int decimals[ACMI_NT] = {8, 8, 3, 3, 3, 3}; /* 1e-8 deg ~ 1 mm */
    char num[NUM_TEXT];
    for (int i = 0; i < ACMI_NT && whole; i++)
        if (!isfinite(rec_value(d, k, col[i])))
            return 0;
    fprintf(f, "%s,T=", id);
    for (int i = 0; i < ACMI_NT; i++) {
        double v = rec_value(d, k, col[i]);
        fmt_fixed(num, sizeof num, i == 2 ? v * FT_TO_M : v, decimals[i]);
        fprintf(f, "%s%s", i ? "|" : "", num);
    }
    return 1;
}

/* Finds the T= channels; SAQR_EINVAL naming the first one missing. */
static int acmi_columns(const rec_data *d, const char *name, int *col, saqr_err *err)
{
    if (no_recording(d, name, err))
        return SAQR_EINVAL;
    for (int i = 0; i < ACMI_NT; i++) {
        col[i] = rec_channel_index(d, acmi_channels[i]);
        if (col[i] < 0)
            return err_set(err, SAQR_EINVAL,
                           "%s: cannot write ACMI: the recording has no \"%s\" channel (ACMI needs lat-deg, lon-deg, "
                           "alt-ft, roll-deg, pitch-deg and heading-deg)",
                           name ? name : "(no name)", acmi_channels[i]);
    }
    return SAQR_OK;
}

static void acmi_body(const rec_data *d, const int *col, FILE *f)
{
    int lead_col[ACMI_NT], lead_named = 0;
    const int has_lead = acmi_lead_columns(d, lead_col);
    const char *ref = rec_meta_get(d, "reference-time");
    const char *lesson = rec_meta_get(d, "lesson");
    const char *aircraft = rec_meta_get(d, "aircraft");
    const char *pilot = rec_meta_get(d, "pilot");
    fputs("FileType=text/acmi/tacview\nFileVersion=2.1\n0,ReferenceTime=", f);
    put_text(f, ref && ref[0] ? ref : ACMI_DEFAULT_REFERENCE_TIME);
    fputs("\n0,DataSource=Saqr\n0,DataRecorder=Saqr flight recorder\n", f);
    if (lesson && lesson[0]) {
        fputs("0,Title=", f);
        put_text(f, lesson);
        fputc('\n', f);
    }
    char last[NUM_TEXT] = "";
    size_t e = 0;
    for (size_t k = 0; k < d->nframes; k++) {
        double t_s = rec_value(d, k, 0);
        while (e < d->nevents && d->events[e].t_s < t_s)
            put_event(f, &d->events[e++], last);
        put_time(f, t_s, last);
        if (has_lead && acmi_object(d, k, lead_col, ACMI_LEAD_ID, 1, f)) {
            if (!lead_named++) {
                fputs(",Name=", f);
                put_text(f, aircraft && aircraft[0] ? aircraft : "Saqr aircraft");
                fputs(",Type=Air+FixedWing,Pilot=Lead", f);
            }
            fputc('\n', f);
        }
        (void)acmi_object(d, k, col, ACMI_OBJECT_ID, 0, f);
        if (k == 0) {
            fputs(",Name=", f);
            put_text(f, aircraft && aircraft[0] ? aircraft : "Saqr aircraft");
            fputs(",Type=Air+FixedWing", f);
            if (pilot && pilot[0]) {
                fputs(",Pilot=", f);
                put_text(f, pilot);
            }
        }
        fputc('\n', f);
    }
    while (e < d->nevents)
        put_event(f, &d->events[e++], last);
}

int rec_export_acmi_stream(const rec_data *d, FILE *f, const char *name, saqr_err *err)
{
    int col[ACMI_NT];
    int st = acmi_columns(d, name, col, err);
    if (st != SAQR_OK)
        return st;
    acmi_body(d, col, f);
    return stream_status(f, name, err);
}

int rec_export_acmi(const rec_data *d, const char *path, saqr_err *err)
{
    int col[ACMI_NT];
    int st = acmi_columns(d, path, col, err);
    if (st != SAQR_OK)
        return st;
    FILE *f = create(path, err);
    if (!f)
        return SAQR_EIO;
    acmi_body(d, col, f);
    return finish(f, path, err);
}
