/*
 * record_read.c - reading a recording back (record.h): the whole file in
 * memory, parsed strictly, every length checked against what is left, so
 * hostile or damaged input gives a message and never a crash (layout:
 * record_format.h, docs/recording.md).
 *
 * The magic, the version and the header record must be intact: without
 * them nothing can be read, and the error names the file and the byte.
 * After the header, the first record that is cut off, fails its CRC, has
 * an unknown type, does not match the channel layout or goes back in time
 * ends the reading: everything before it is kept and `damage` says where
 * and why.
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "train/record.h"
#include "train/record_format.h"
#include "util/file.h"
#include "util/mem.h"

/* ------------------------------------------------------- shared checks */

const char *rec_name_problem(const char *s, size_t len)
{
    if (len == 0)
        return "is empty";
    if (len >= REC_NAME_MAX)
        return "is longer than 31 bytes";
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= 0x20 || c >= 0x7f || c == ',' || c == '"')
            return "has a space, comma, quote or byte outside printable ASCII";
    }
    return NULL;
}

const char *rec_text_problem(const char *s, size_t len)
{
    if (len >= REC_TEXT_MAX)
        return "is longer than 159 bytes";
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f)
            return "has a control character";
    }
    return NULL;
}

typedef struct named {
    const char *s; /* the string                 */
    int index;     /* its position in the input  */
} named;

static int by_name_then_index(const void *a, const void *b)
{
    const named *x = a, *y = b;
    int c = strcmp(x->s, y->s);
    return c ? c : (x->index > y->index) - (x->index < y->index);
}

int rec_find_duplicate(const char *base, size_t stride, int n, int *a, int *b)
{
    if (n < 2)
        return 0;
    named *v = mem_alloc(NULL, (size_t)n * sizeof *v);
    if (!v)
        return -1;
    for (int i = 0; i < n; i++) {
        v[i].s = base + (size_t)i * stride;
        v[i].index = i;
    }
    qsort(v, (size_t)n, sizeof *v, by_name_then_index);
    int found = 0;
    for (int i = 1; i < n && !found; i++) {
        if (strcmp(v[i - 1].s, v[i].s) == 0) {
            *a = v[i - 1].index;
            *b = v[i].index;
            found = 1;
        }
    }
    mem_free(NULL, v);
    return found;
}

/* ------------------------------------------------------------ cursor */

/* A record's payload being taken apart. */
typedef struct cursor {
    const unsigned char *p; /* the payload                                  */
    size_t n;               /* its length, bytes                            */
    size_t at;              /* bytes taken so far                           */
    size_t base;            /* file offset of p[0], for messages            */
    size_t fail_at;         /* file offset of the field that failed          */
    char why[160];          /* what failed, when a take returned -1          */
} cursor;

static int fail(cursor *c, const char *what, const char *problem)
{
    c->fail_at = c->base + c->at;
    snprintf(c->why, sizeof c->why, "%s %s", what, problem);
    return -1;
}

/* Points *q at the next k bytes; -1 (why set) when fewer are left. */
static int take(cursor *c, size_t k, const char *what, const unsigned char **q)
{
    if (k > c->n - c->at)
        return fail(c, what, "runs past the end of its record");
    *q = c->p + c->at;
    c->at += k;
    return 0;
}

static int take_u16(cursor *c, const char *what, unsigned *v)
{
    const unsigned char *q;
    if (take(c, 2, what, &q))
        return -1;
    *v = rec_get_u16(q);
    return 0;
}

static int take_f64(cursor *c, const char *what, double *v)
{
    const unsigned char *q;
    if (take(c, 8, what, &q))
        return -1;
    *v = rec_get_f64(q);
    return 0;
}

/* A u16-length-prefixed string into dst (NUL-terminated), checked as a
 * name (is_name) or a text. */
static int take_string(cursor *c, int is_name, const char *what, char *dst)
{
    unsigned len;
    const unsigned char *q = NULL;
    size_t at = c->at;
    if (take_u16(c, what, &len))
        return -1;
    if (len > c->n - c->at) {
        c->at = at; /* name the string's length field */
        return fail(c, what, "runs past the end of its record");
    }
    take(c, len, what, &q);
    const char *problem = is_name ? rec_name_problem((const char *)q, len) : rec_text_problem((const char *)q, len);
    if (problem) {
        c->at = at;
        return fail(c, what, problem);
    }
    memcpy(dst, q, len);
    dst[len] = '\0';
    return 0;
}

/* ------------------------------------------------------------ parser */

typedef struct parser {
    const unsigned char *buf; /* the whole file                          */
    size_t len;               /* its length, bytes                       */
    const char *name;         /* for messages                            */
    rec_data *out;            /* being filled                            */
    size_t frame_payload;     /* bytes of a frame's payload              */
    size_t cap_frames;        /* frames out->values has room for         */
    size_t cap_events;        /* events out->events has room for         */
} parser;

/* Makes room for one more element in *arr (count `n`, room *cap, each
 * `size` bytes), doubling; -1 when memory runs out (nothing changed). */
static int grow(void **arr, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return 0;
    size_t want = *cap ? 2 * *cap : 64;
    if (want > SIZE_MAX / size)
        return -1;
    void *bigger = mem_alloc(NULL, want * size);
    if (!bigger)
        return -1;
    if (n)
        memcpy(bigger, *arr, n * size);
    mem_free(NULL, *arr);
    *arr = bigger;
    *cap = want;
    return 0;
}

/* The checked payload of the record at file offset `at` (type tag in
 * *tag); -1 with why/fail_at set in *c when the record is cut off or
 * fails its CRC. */
static int open_record(const parser *ps, size_t at, unsigned char *tag, cursor *c)
{
    memset(c, 0, sizeof *c);
    c->fail_at = at;
    size_t left = ps->len - at;
    if (left < REC_PREFIX_BYTES) {
        snprintf(c->why, sizeof c->why, "record cut off after %zu of its 5 type and length bytes", left);
        return -1;
    }
    const unsigned char *r = ps->buf + at;
    *tag = r[0];
    uint32_t n = rec_get_u32(r + 1);
    char t[8];
    snprintf(t, sizeof t, *tag >= 0x21 && *tag < 0x7f ? "'%c'" : "0x%02x", *tag);
    if (left < REC_FRAMING_BYTES || n > left - REC_FRAMING_BYTES) {
        snprintf(c->why, sizeof c->why, "%s record of %lu payload bytes cut off (%zu bytes left in the file)", t,
                 (unsigned long)n, left);
        return -1;
    }
    uint32_t stored = rec_get_u32(r + REC_PREFIX_BYTES + n);
    uint32_t computed = rec_crc(r, REC_PREFIX_BYTES + (size_t)n);
    if (stored != computed) {
        snprintf(c->why, sizeof c->why, "%s record fails its CRC (stored %08lx, computed %08lx)", t,
                 (unsigned long)stored, (unsigned long)computed);
        return -1;
    }
    c->p = r + REC_PREFIX_BYTES;
    c->n = n;
    c->base = at + REC_PREFIX_BYTES;
    return 0;
}

/* Fills out->rate_hz, meta and channels from the header payload. */
static int parse_header_payload(parser *ps, cursor *c)
{
    rec_data *d = ps->out;
    unsigned nmeta, nch;
    if (take_f64(c, "frame rate", &d->rate_hz))
        return -1;
    if (!(isfinite(d->rate_hz) && d->rate_hz > 0.0)) {
        c->at -= 8;
        return fail(c, "frame rate", "is not a positive finite number");
    }
    if (take_u16(c, "metadata count", &nmeta))
        return -1;
    if (nmeta > (c->n - c->at) / 5) /* each pair takes 5 bytes or more */
        return fail(c, "metadata", "count runs past the end of its record");
    d->meta = mem_alloc(NULL, (size_t)nmeta * sizeof *d->meta);
    if (!d->meta)
        return fail(c, "metadata", "needs more memory than there is");
    for (unsigned i = 0; i < nmeta; i++) {
        if (take_string(c, 1, "metadata key", d->meta[i].key) ||
            take_string(c, 0, "metadata value", d->meta[i].value))
            return -1;
        d->nmeta++;
    }
    if (take_u16(c, "channel count", &nch))
        return -1;
    if (nch == 0) {
        c->at -= 2;
        return fail(c, "channel count", "is zero");
    }
    if (nch > (c->n - c->at) / 4) /* each channel takes 4 bytes or more */
        return fail(c, "channels", "count runs past the end of its record");
    d->ch = mem_alloc(NULL, (size_t)nch * sizeof *d->ch);
    if (!d->ch)
        return fail(c, "channels", "need more memory than there is");
    size_t first_channel = c->at;
    for (unsigned i = 0; i < nch; i++) {
        const unsigned char *q;
        if (take_string(c, 1, "channel name", d->ch[i].name) || take(c, 1, "channel type", &q))
            return -1;
        if (*q != REC_F32 && *q != REC_F64) {
            c->at -= 1;
            return fail(c, "channel type", "is neither 1 (f32) nor 2 (f64)");
        }
        d->ch[i].type = (rec_type)*q;
        ps->frame_payload += *q == REC_F64 ? 8 : 4;
        d->nch++;
    }
    if (c->at != c->n)
        return fail(c, "header", "has bytes left over after the channels");
    if (strcmp(d->ch[0].name, "t-s") != 0 || d->ch[0].type != REC_F64) {
        c->at = first_channel;
        return fail(c, "channel 0", "is not the time, \"t-s\" stored as f64");
    }
    int a, b, dup = rec_find_duplicate(d->ch[0].name, sizeof d->ch[0], d->nch, &a, &b);
    if (dup > 0) {
        char what[80];
        snprintf(what, sizeof what, "channels %d and %d", a, b);
        return fail(c, what, "have the same name");
    }
    if (dup == 0 && d->nmeta > 1)
        dup = rec_find_duplicate(d->meta[0].key, sizeof d->meta[0], d->nmeta, &a, &b);
    if (dup > 0) {
        char what[80];
        snprintf(what, sizeof what, "metadata %d and %d", a, b);
        return fail(c, what, "have the same key");
    }
    if (dup < 0)
        return fail(c, "names", "cannot be checked: out of memory");
    return 0;
}

/* Magic, version and header record; SAQR_EINVAL naming the file and byte. */
static int parse_header(parser *ps, size_t *end, saqr_err *err)
{
    const char *name = ps->name;
    if (ps->len < REC_MAGIC_LEN || memcmp(ps->buf, REC_MAGIC, REC_MAGIC_LEN) != 0)
        return err_set(err, SAQR_EINVAL, "%s: byte 0: not a Saqr recording (it does not start with \"%s\")", name,
                       REC_MAGIC);
    if (ps->len < REC_FILE_HEAD_BYTES)
        return err_set(err, SAQR_EINVAL, "%s: byte %d: cut off before the format version", name, REC_MAGIC_LEN);
    if (ps->buf[REC_MAGIC_LEN] != REC_VERSION)
        return err_set(err, SAQR_EINVAL, "%s: byte %d: recording format version %u; this Saqr reads version %d", name,
                       REC_MAGIC_LEN, ps->buf[REC_MAGIC_LEN], REC_VERSION);
    cursor c;
    unsigned char tag = 0;
    if (open_record(ps, REC_FILE_HEAD_BYTES, &tag, &c))
        return err_set(err, SAQR_EINVAL, "%s: byte %zu: header: %s", name, c.fail_at, c.why);
    if (tag != REC_TAG_HEADER)
        return err_set(err, SAQR_EINVAL, "%s: byte %d: the first record is not the header ('H')", name,
                       REC_FILE_HEAD_BYTES);
    if (parse_header_payload(ps, &c))
        return err_set(err, SAQR_EINVAL, "%s: byte %zu: header: %s", name, c.fail_at, c.why);
    *end = c.base + c.n + 4;
    return SAQR_OK;
}

/* One frame from a checked payload: 0, -1 damage (why set), -2 no memory. */
static int parse_frame(parser *ps, cursor *c)
{
    rec_data *d = ps->out;
    if (c->n != ps->frame_payload) {
        snprintf(c->why, sizeof c->why, "frame of %zu bytes; the header's channels make %zu", c->n, ps->frame_payload);
        return -1;
    }
    double t_s = rec_get_f64(c->p);
    if (!isfinite(t_s)) {
        snprintf(c->why, sizeof c->why, "frame time %g s is not finite", t_s);
        return -1;
    }
    size_t nch = (size_t)d->nch;
    if (d->nframes > 0 && t_s < d->values[(d->nframes - 1) * nch]) {
        snprintf(c->why, sizeof c->why, "frame time %.9g s is before the previous frame's %.9g s", t_s,
                 d->values[(d->nframes - 1) * nch]);
        return -1;
    }
    if (grow((void **)&d->values, d->nframes, &ps->cap_frames, nch * sizeof(double)) != 0)
        return -2;
    double *v = d->values + d->nframes * nch;
    const unsigned char *q = c->p;
    for (size_t i = 0; i < nch; i++) {
        if (d->ch[i].type == REC_F64) {
            v[i] = rec_get_f64(q);
            q += 8;
        } else {
            v[i] = (double)rec_get_f32(q);
            q += 4;
        }
    }
    d->nframes++;
    return 0;
}

/* One event from a checked payload: 0, -1 damage (why set), -2 no memory. */
static int parse_event(parser *ps, cursor *c)
{
    rec_data *d = ps->out;
    rec_event e;
    memset(&e, 0, sizeof e);
    if (take_f64(c, "event time", &e.t_s) || take_string(c, 1, "event kind", e.kind) ||
        take_f64(c, "event value", &e.value) || take_string(c, 0, "event text", e.text))
        return -1;
    if (c->at != c->n) {
        snprintf(c->why, sizeof c->why, "event has %zu bytes left over after its text", c->n - c->at);
        return -1;
    }
    if (!isfinite(e.t_s)) {
        snprintf(c->why, sizeof c->why, "event time %g s is not finite", e.t_s);
        return -1;
    }
    if (d->nevents > 0 && e.t_s < d->events[d->nevents - 1].t_s) {
        snprintf(c->why, sizeof c->why, "event time %.9g s is before the previous event's %.9g s", e.t_s,
                 d->events[d->nevents - 1].t_s);
        return -1;
    }
    if (grow((void **)&d->events, d->nevents, &ps->cap_events, sizeof e) != 0)
        return -2;
    d->events[d->nevents++] = e;
    return 0;
}

int rec_parse_buffer(const unsigned char *buf, size_t len, const char *name, rec_data *out, saqr_err *err)
{
    memset(out, 0, sizeof *out);
    if (!name)
        name = "(recording)";
    parser ps = {buf, len, name, out, 0, 0, 0};
    size_t at = 0;
    int st = parse_header(&ps, &at, err);
    while (st == SAQR_OK && at < len) {
        cursor c;
        unsigned char tag = 0;
        int r = open_record(&ps, at, &tag, &c);
        if (r == 0) {
            if (tag == REC_TAG_FRAME)
                r = parse_frame(&ps, &c);
            else if (tag == REC_TAG_EVENT)
                r = parse_event(&ps, &c);
            else {
                r = -1;
                if (tag == REC_TAG_HEADER)
                    snprintf(c.why, sizeof c.why, "a second header record");
                else
                    snprintf(c.why, sizeof c.why, "unknown record type 0x%02x", tag);
            }
        }
        if (r == -2) {
            st = err_set(err, SAQR_ENOMEM, "%s: byte %zu: out of memory after %zu frames", name, at, out->nframes);
        } else if (r < 0) {
            out->damaged = 1;
            if (out->nframes == 0)
                snprintf(out->damage, sizeof out->damage, "%s: byte %zu: %s; kept no frames", name, at, c.why);
            else
                snprintf(out->damage, sizeof out->damage, "%s: byte %zu: %s; kept %zu frames up to t=%.9g s", name,
                         at, c.why, out->nframes, out->values[(out->nframes - 1) * (size_t)out->nch]);
            break;
        } else {
            at += c.n + REC_FRAMING_BYTES;
        }
    }
    if (st != SAQR_OK)
        rec_data_free(out);
    return st;
}

int rec_read(const char *path, rec_data *out, saqr_err *err)
{
    memset(out, 0, sizeof *out);
    if (!path)
        return err_set(err, SAQR_EINVAL, "rec_read: no path given");
    char *buf = NULL;
    size_t len = 0;
    int st = file_read_all(path, NULL, REC_MAX_FILE_BYTES, &buf, &len, err);
    if (st != SAQR_OK)
        return st;
    st = rec_parse_buffer((const unsigned char *)buf, len, path, out, err);
    mem_free(NULL, buf);
    return st;
}

void rec_data_free(rec_data *d)
{
    if (!d)
        return;
    mem_free(NULL, d->meta);
    mem_free(NULL, d->ch);
    mem_free(NULL, d->values);
    mem_free(NULL, d->events);
    memset(d, 0, sizeof *d);
}

int rec_channel_index(const rec_data *d, const char *name)
{
    for (int i = 0; d && name && i < d->nch; i++)
        if (strcmp(d->ch[i].name, name) == 0)
            return i;
    return -1;
}

const char *rec_meta_get(const rec_data *d, const char *key)
{
    for (int i = 0; d && key && i < d->nmeta; i++)
        if (strcmp(d->meta[i].key, key) == 0)
            return d->meta[i].value;
    return NULL;
}

double rec_value(const rec_data *d, size_t k, int ch)
{
    assert(d && k < d->nframes && ch >= 0 && ch < d->nch);
    return d->values[k * (size_t)d->nch + (size_t)ch];
}
