/*
 * record_write.c - the flight recorder's writer (record.h): a header
 * record naming the channels and the sortie's metadata, then one 'F'
 * record per frame and one 'E' record per event, each with its CRC-32
 * (layout: record_format.h, docs/recording.md).
 *
 * Records go through a stdio buffer and are flushed to the operating
 * system whenever a second of recorded time has passed since the last
 * flush (and after the header), so a process killed mid-sortie leaves a
 * file that reads back up to its last second.  Values are stored as they
 * come, NaN included: a recording records what happened.  Only time is
 * checked: finite and never going back.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <zlib.h>

#include "train/record.h"
#include "train/record_format.h"
#include "util/mem.h"

#define WRITE_BUFFER_BYTES (64 * 1024) /* stdio buffer of the recording */

struct rec_writer {
    FILE *f;                 /* the recording; open until rec_writer_close      */
    char *path;              /* copy of its path, for messages                  */
    int nch;                 /* channels per frame                              */
    rec_type *types;         /* storage type per channel                        */
    size_t frame_payload;    /* bytes of a frame's payload                       */
    unsigned char *rec;      /* scratch for one whole record (framing included) */
    size_t rec_cap;          /* its size, bytes                                  */
    double last_frame_t_s;   /* time of the last frame; -inf before the first    */
    double last_event_t_s;   /* time of the last event; -inf before the first    */
    double flushed_t_s;      /* recorded time of the last flush; -inf: none yet  */
    int failed;              /* 1 after a write error: nothing more is written   */
};

uint32_t rec_crc(const unsigned char *rec, size_t len)
{
    return (uint32_t)crc32_z(crc32_z(0L, Z_NULL, 0), rec, len);
}

static void writer_free(rec_writer *w)
{
    if (!w)
        return;
    mem_free(NULL, w->path);
    mem_free(NULL, w->types);
    mem_free(NULL, w->rec);
    mem_free(NULL, w);
}

/* Frames the payload already in w->rec + REC_PREFIX_BYTES and writes the
 * record.  SAQR_EIO (and the writer marked failed) when stdio refuses. */
static int put_record(rec_writer *w, char tag, size_t payload, saqr_err *err)
{
    if (w->failed)
        return err_set(err, SAQR_EIO, "%s: not written: an earlier write to the recording failed", w->path);
    w->rec[0] = (unsigned char)tag;
    rec_put_u32(w->rec + 1, (uint32_t)payload);
    rec_put_u32(w->rec + REC_PREFIX_BYTES + payload, rec_crc(w->rec, REC_PREFIX_BYTES + payload));
    size_t n = payload + REC_FRAMING_BYTES;
    errno = 0;
    if (fwrite(w->rec, 1, n, w->f) != n) {
        w->failed = 1;
        return err_set(err, SAQR_EIO, "%s: write failed: %s", w->path, errno ? strerror(errno) : "short write");
    }
    return SAQR_OK;
}

/* Flushes when a second of recorded time has passed since the last flush. */
static int maybe_flush(rec_writer *w, double t_s, saqr_err *err)
{
    if (!(t_s - w->flushed_t_s >= REC_FLUSH_INTERVAL_S))
        return SAQR_OK;
    errno = 0;
    if (fflush(w->f) != 0) {
        w->failed = 1;
        return err_set(err, SAQR_EIO, "%s: write failed: %s", w->path, errno ? strerror(errno) : "flush failed");
    }
    w->flushed_t_s = t_s;
    return SAQR_OK;
}

/* ------------------------------------------------------------ opening */

/* SAQR_OK when the arguments describe a recording; SAQR_EINVAL naming
 * the first problem otherwise. */
static int check_open_args(const char *path, const rec_meta *meta, int nmeta, const rec_channel *ch, int nch,
                           double rate_hz, saqr_err *err)
{
    if (!(isfinite(rate_hz) && rate_hz > 0.0))
        return err_set(err, SAQR_EINVAL, "%s: frame rate %g Hz: must be a positive finite number", path, rate_hz);
    if (nch < 1 || nch > REC_MAX_COUNT || !ch)
        return err_set(err, SAQR_EINVAL, "%s: %d channels: a recording has 1 to %d", path, nch, REC_MAX_COUNT);
    if (nmeta < 0 || nmeta > REC_MAX_COUNT || (nmeta > 0 && !meta))
        return err_set(err, SAQR_EINVAL, "%s: %d metadata pairs: a recording has 0 to %d", path, nmeta,
                       REC_MAX_COUNT);
    for (int i = 0; i < nch; i++) {
        size_t len = strnlen(ch[i].name, REC_NAME_MAX);
        const char *why = rec_name_problem(ch[i].name, len);
        if (why)
            return err_set(err, SAQR_EINVAL, "%s: channel %d \"%.*s\": name %s", path, i, (int)len, ch[i].name, why);
        if (ch[i].type != REC_F32 && ch[i].type != REC_F64)
            return err_set(err, SAQR_EINVAL, "%s: channel %d \"%s\": type %d is neither REC_F32 nor REC_F64", path, i,
                           ch[i].name, (int)ch[i].type);
    }
    if (strcmp(ch[0].name, "t-s") != 0 || ch[0].type != REC_F64)
        return err_set(err, SAQR_EINVAL, "%s: channel 0 is \"%s\" (%s): it must be the time, \"t-s\" stored as REC_F64",
                       path, ch[0].name, ch[0].type == REC_F64 ? "REC_F64" : "REC_F32");
    for (int i = 0; i < nmeta; i++) {
        size_t klen = strnlen(meta[i].key, REC_NAME_MAX), vlen = strnlen(meta[i].value, REC_TEXT_MAX);
        const char *why = rec_name_problem(meta[i].key, klen);
        if (why)
            return err_set(err, SAQR_EINVAL, "%s: metadata %d key \"%.*s\": %s", path, i, (int)klen, meta[i].key, why);
        if ((why = rec_text_problem(meta[i].value, vlen)) != NULL)
            return err_set(err, SAQR_EINVAL, "%s: metadata \"%s\": value %s", path, meta[i].key, why);
    }
    int a, b, dup = rec_find_duplicate(ch[0].name, sizeof ch[0], nch, &a, &b);
    if (dup < 0)
        return err_set(err, SAQR_ENOMEM, "%s: out of memory", path);
    if (dup)
        return err_set(err, SAQR_EINVAL, "%s: channels %d and %d are both called \"%s\"", path, a, b, ch[a].name);
    if (nmeta > 0 && (dup = rec_find_duplicate(meta[0].key, sizeof meta[0], nmeta, &a, &b)) < 0)
        return err_set(err, SAQR_ENOMEM, "%s: out of memory", path);
    if (nmeta > 0 && dup)
        return err_set(err, SAQR_EINVAL, "%s: metadata %d and %d have the same key \"%s\"", path, a, b, meta[a].key);
    return SAQR_OK;
}

/* Bytes of the header payload. */
static size_t header_payload_bytes(const rec_meta *meta, int nmeta, const rec_channel *ch, int nch)
{
    size_t n = 8 + 2 + 2;
    for (int i = 0; i < nmeta; i++)
        n += 4 + strlen(meta[i].key) + strlen(meta[i].value);
    for (int i = 0; i < nch; i++)
        n += 3 + strlen(ch[i].name);
    return n;
}

/* Appends a u16-length-prefixed string at p; returns the byte after it. */
static unsigned char *put_string(unsigned char *p, const char *s)
{
    size_t len = strlen(s);
    rec_put_u16(p, (uint16_t)len);
    memcpy(p + 2, s, len);
    return p + 2 + len;
}

rec_writer *rec_writer_open(const char *path, const rec_meta *meta, int nmeta, const rec_channel *ch, int nch,
                            double rate_hz, saqr_err *err)
{
    if (!path || !path[0]) {
        err_set(err, SAQR_EINVAL, "rec_writer_open: no path given");
        return NULL;
    }
    if (check_open_args(path, meta, nmeta, ch, nch, rate_hz, err) != SAQR_OK)
        return NULL;
    rec_writer *w = mem_alloc(NULL, sizeof *w);
    if (!w) {
        err_set(err, SAQR_ENOMEM, "%s: out of memory", path);
        return NULL;
    }
    w->nch = nch;
    w->last_frame_t_s = w->last_event_t_s = w->flushed_t_s = -INFINITY;
    size_t header = header_payload_bytes(meta, nmeta, ch, nch);
    for (int i = 0; i < nch; i++)
        w->frame_payload += ch[i].type == REC_F64 ? 8 : 4;
    w->rec_cap = REC_FRAMING_BYTES + header;
    if (w->rec_cap < REC_FRAMING_BYTES + w->frame_payload)
        w->rec_cap = REC_FRAMING_BYTES + w->frame_payload;
    if (w->rec_cap < REC_FRAMING_BYTES + REC_EVENT_MAX_PAYLOAD)
        w->rec_cap = REC_FRAMING_BYTES + REC_EVENT_MAX_PAYLOAD;
    w->path = mem_strdup(NULL, path);
    w->types = mem_alloc(NULL, (size_t)nch * sizeof *w->types);
    w->rec = mem_alloc(NULL, w->rec_cap);
    if (!w->path || !w->types || !w->rec) {
        writer_free(w);
        err_set(err, SAQR_ENOMEM, "%s: out of memory", path);
        return NULL;
    }
    for (int i = 0; i < nch; i++)
        w->types[i] = ch[i].type;
    w->f = fopen(path, "wb");
    if (!w->f) {
        err_set(err, SAQR_EIO, "%s: cannot create: %s", path, strerror(errno));
        writer_free(w);
        return NULL;
    }
    setvbuf(w->f, NULL, _IOFBF, WRITE_BUFFER_BYTES);

    /* header record: rate, metadata, channels */
    unsigned char *p = w->rec + REC_PREFIX_BYTES;
    rec_put_f64(p, rate_hz);
    rec_put_u16(p + 8, (uint16_t)nmeta);
    p += 10;
    for (int i = 0; i < nmeta; i++) {
        p = put_string(p, meta[i].key);
        p = put_string(p, meta[i].value);
    }
    rec_put_u16(p, (uint16_t)nch);
    p += 2;
    for (int i = 0; i < nch; i++) {
        p = put_string(p, ch[i].name);
        *p++ = (unsigned char)ch[i].type;
    }
    int st = SAQR_OK;
    errno = 0;
    if (fwrite(REC_MAGIC, 1, REC_MAGIC_LEN, w->f) != REC_MAGIC_LEN || fputc(REC_VERSION, w->f) == EOF)
        st = err_set(err, SAQR_EIO, "%s: write failed: %s", path, errno ? strerror(errno) : "short write");
    if (st == SAQR_OK)
        st = put_record(w, REC_TAG_HEADER, header, err);
    if (st == SAQR_OK && fflush(w->f) != 0)
        st = err_set(err, SAQR_EIO, "%s: write failed: %s", path, strerror(errno));
    if (st != SAQR_OK) {
        fclose(w->f);
        writer_free(w);
        return NULL;
    }
    return w;
}

/* ------------------------------------------------------------ records */

int rec_write_frame(rec_writer *w, const double *values, saqr_err *err)
{
    if (!w || !values)
        return err_set(err, SAQR_EINVAL, "rec_write_frame: no writer or no values");
    double t_s = values[0];
    if (!isfinite(t_s))
        return err_set(err, SAQR_EINVAL, "%s: frame time %g s is not finite", w->path, t_s);
    if (t_s < w->last_frame_t_s)
        return err_set(err, SAQR_EINVAL, "%s: frame time %.9g s is before the previous frame's %.9g s", w->path, t_s,
                       w->last_frame_t_s);
    unsigned char *p = w->rec + REC_PREFIX_BYTES;
    for (int i = 0; i < w->nch; i++) {
        if (w->types[i] == REC_F64) {
            rec_put_f64(p, values[i]);
            p += 8;
        } else {
            double v = values[i];
            /* out of float range: infinity, as IEEE 754 rounding gives */
            float f = (isfinite(v) && fabs(v) > FLT_MAX) ? (float)copysign(INFINITY, v) : (float)v;
            rec_put_f32(p, f);
            p += 4;
        }
    }
    int st = put_record(w, REC_TAG_FRAME, w->frame_payload, err);
    if (st != SAQR_OK)
        return st;
    w->last_frame_t_s = t_s;
    return maybe_flush(w, t_s, err);
}

int rec_write_event(rec_writer *w, double t_s, const char *kind, double value, const char *text, saqr_err *err)
{
    if (!w || !kind)
        return err_set(err, SAQR_EINVAL, "rec_write_event: no writer or no kind");
    if (!text)
        text = "";
    size_t klen = strnlen(kind, REC_NAME_MAX), tlen = strnlen(text, REC_TEXT_MAX);
    const char *why = rec_name_problem(kind, klen);
    if (why)
        return err_set(err, SAQR_EINVAL, "%s: event kind \"%.*s\": %s", w->path, (int)klen, kind, why);
    if ((why = rec_text_problem(text, tlen)) != NULL)
        return err_set(err, SAQR_EINVAL, "%s: event \"%s\": text %s", w->path, kind, why);
    if (!isfinite(t_s))
        return err_set(err, SAQR_EINVAL, "%s: event \"%s\": time %g s is not finite", w->path, kind, t_s);
    if (t_s < w->last_event_t_s)
        return err_set(err, SAQR_EINVAL, "%s: event \"%s\": time %.9g s is before the previous event's %.9g s",
                       w->path, kind, t_s, w->last_event_t_s);
    unsigned char *start = w->rec + REC_PREFIX_BYTES, *p = start;
    rec_put_f64(p, t_s);
    p = put_string(p + 8, kind);
    rec_put_f64(p, value);
    p = put_string(p + 8, text);
    int st = put_record(w, REC_TAG_EVENT, (size_t)(p - start), err);
    if (st != SAQR_OK)
        return st;
    w->last_event_t_s = t_s;
    return maybe_flush(w, t_s, err);
}

int rec_writer_close(rec_writer *w, saqr_err *err)
{
    if (!w)
        return SAQR_OK;
    int st = SAQR_OK;
    errno = 0;
    if (fclose(w->f) != 0)
        st = err_set(err, SAQR_EIO, "%s: write failed on closing: %s", w->path, errno ? strerror(errno) : "?");
    else if (w->failed)
        st = err_set(err, SAQR_EIO, "%s: incomplete: an earlier write to the recording failed", w->path);
    writer_free(w);
    return st;
}
