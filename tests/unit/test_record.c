/*
 * test_record.c - the flight recorder (src/train/record_*.c): the bytes on
 * disk are the layout docs/recording.md gives (checked against a file
 * built independently, CRCs from Python's zlib.crc32); a recording reads
 * back exactly; a file cut at any byte after its header keeps exactly the
 * frames wholly before the cut; damage stops the reading where it is and
 * says where; bad headers, missing files and bad arguments are errors that
 * name the file; the writer flushes each recorded second; the CSV and
 * Tacview ACMI exports hold what the recording holds, in the right units
 * and order.
 */
#include "test_util.h"

#include <dirent.h>
#include <math.h>
#include <unistd.h>

#include <zlib.h>

#include "train/record.h"
#include "train/record_format.h"

typedef struct fixture {
    char dir[64];  /* mkdtemp directory holding the test's files */
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    if (!fx)
        return -1;
    snprintf(fx->dir, sizeof fx->dir, "/tmp/saqr_test_record_XXXXXX");
    if (!mkdtemp(fx->dir)) {
        free(fx);
        return -1;
    }
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    DIR *d = opendir(fx->dir);
    if (d) {
        struct dirent *e;
        char path[512];
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(path, sizeof path, "%s/%s", fx->dir, e->d_name);
            unlink(path);
        }
        closedir(d);
    }
    rmdir(fx->dir);
    free(fx);
    return 0;
}

static const char *path_in(const fixture *fx, const char *name, char *buf, size_t n)
{
    snprintf(buf, n, "%s/%s", fx->dir, name);
    return buf;
}

/* ------------------------------------------------------------ helpers */

enum { NCH = 8 };

static const rec_channel channels[NCH] = {
    {"t-s", REC_F64},      {"lat-deg", REC_F64},   {"lon-deg", REC_F64},    {"alt-ft", REC_F32},
    {"ias-kt", REC_F32},   {"roll-deg", REC_F32},  {"pitch-deg", REC_F32},  {"heading-deg", REC_F32},
};

static const rec_meta metadata[3] = {
    {"lesson", "SM-05 steep turns"},
    {"aircraft", "Super Mushak"},
    {"pilot", "Khan, A."},
};

/* Frame k of the standard sortie at `rate_hz`; values with every bit
 * significant, so a lossy store shows. */
static void frame_values(int k, double rate_hz, double *v)
{
    v[0] = k / rate_hz;
    v[1] = 33.6161234567891 + 1.1e-5 * k;
    v[2] = 73.0991234567891 - 0.7e-5 * k;
    v[3] = 5000.0 + 123.456789 * sin(0.1 * k);
    v[4] = 120.0 + 0.1 * k;
    v[5] = 30.0 * sin(0.05 * k);
    v[6] = 2.5 + 0.01 * k;
    v[7] = fmod(90.0 + 1.7 * k, 360.0);
}

/* Writes the standard sortie: nframes at rate_hz, an event every 7th
 * frame (gear, with or without text). */
static void write_sortie(const char *path, int nframes, double rate_hz)
{
    saqr_err err;
    err_clear(&err);
    rec_writer *w = rec_writer_open(path, metadata, 3, channels, NCH, rate_hz, &err);
    if (!w)
        fail_msg("%s", err.msg);
    for (int k = 0; k < nframes; k++) {
        double v[NCH];
        frame_values(k, rate_hz, v);
        assert_int_equal(rec_write_frame(w, v, &err), SAQR_OK);
        if (k % 7 == 3)
            assert_int_equal(rec_write_event(w, v[0], "gear", k % 2, k % 3 ? "down, locked" : NULL, &err), SAQR_OK);
    }
    assert_int_equal(rec_writer_close(w, &err), SAQR_OK);
}

/* The file's bytes (malloc'd; *len its length). */
static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    assert_true(n >= 0);
    rewind(f);
    unsigned char *b = malloc((size_t)n + 1);
    assert_non_null(b);
    assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return b;
}

static void spill(const char *path, const unsigned char *b, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b, 1, len, f), len);
    fclose(f);
}

/* Where each record starts and ends, walked with the documented layout
 * (not the reader); returns the count. */
typedef struct span {
    size_t start, end; /* file offsets: first byte, one past the CRC */
    char tag;          /* 'H', 'F', 'E'                               */
} span;

static int walk(const unsigned char *b, size_t len, span *out, int max)
{
    int n = 0;
    for (size_t at = 8; at + 5 <= len && n < max; n++) {
        size_t payload = (size_t)b[at + 1] | (size_t)b[at + 2] << 8 | (size_t)b[at + 3] << 16 | (size_t)b[at + 4] << 24;
        out[n].start = at;
        out[n].end = at + 9 + payload;
        out[n].tag = (char)b[at];
        at = out[n].end;
    }
    return n;
}

/* Appends a record with a CRC computed by zlib here. */
static size_t append_record(unsigned char *b, size_t at, char tag, const unsigned char *payload, uint32_t n)
{
    b[at] = (unsigned char)tag;
    for (int i = 0; i < 4; i++)
        b[at + 1 + (size_t)i] = (unsigned char)(n >> (8 * i));
    memcpy(b + at + 5, payload, n);
    uLong crc = crc32(0L, b + at, (uInt)(5 + n));
    for (int i = 0; i < 4; i++)
        b[at + 5 + n + (size_t)i] = (unsigned char)(crc >> (8 * i));
    return at + 9 + n;
}

/* ------------------------------------------------------------ format */

static void the_crc_is_the_standard_crc32(void **state)
{
    (void)state;
    /* the check value of CRC-32/ISO-HDLC (ITU-T V.42) */
    assert_int_equal(rec_crc((const unsigned char *)"123456789", 9), 0xCBF43926u);
}

/* Built by hand from docs/recording.md with Python's struct and
 * zlib.crc32: magic, header (10 Hz, lesson=SM-01, t-s f64, alt-ft f32),
 * one frame (0.5 s, 1000 ft) and one event (0.5 s, gear 1, no text). */
static const unsigned char documented_bytes[113] = {
    0x53, 0x41, 0x51, 0x52, 0x52, 0x45, 0x43, 0x01, 0x48, 0x2a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x24, 0x40, 0x01, 0x00, 0x06, 0x00, 0x6c, 0x65, 0x73, 0x73, 0x6f, 0x6e, 0x05, 0x00, 0x53,
    0x4d, 0x2d, 0x30, 0x31, 0x02, 0x00, 0x03, 0x00, 0x74, 0x2d, 0x73, 0x02, 0x06, 0x00, 0x61, 0x6c, 0x74,
    0x2d, 0x66, 0x74, 0x01, 0x6b, 0xc9, 0x2d, 0x5b, 0x46, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0xe0, 0x3f, 0x00, 0x00, 0x7a, 0x44, 0xa9, 0xd0, 0xeb, 0x05, 0x45, 0x18, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xe0, 0x3f, 0x04, 0x00, 0x67, 0x65, 0x61, 0x72, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0xf0, 0x3f, 0x00, 0x00, 0xc3, 0xb0, 0xb9, 0x7b,
};

static void a_recording_is_byte_for_byte_the_documented_layout(void **state)
{
    fixture *fx = *state;
    char path[128];
    path_in(fx, "tiny.rec", path, sizeof path);
    const rec_meta meta = {"lesson", "SM-01"};
    const rec_channel ch[2] = {{"t-s", REC_F64}, {"alt-ft", REC_F32}};
    saqr_err err;
    err_clear(&err);
    rec_writer *w = rec_writer_open(path, &meta, 1, ch, 2, 10.0, &err);
    assert_non_null(w);
    const double v[2] = {0.5, 1000.0};
    assert_int_equal(rec_write_frame(w, v, &err), SAQR_OK);
    assert_int_equal(rec_write_event(w, 0.5, "gear", 1.0, NULL, &err), SAQR_OK);
    assert_int_equal(rec_writer_close(w, &err), SAQR_OK);
    size_t len;
    unsigned char *b = slurp(path, &len);
    assert_int_equal(len, sizeof documented_bytes);
    assert_memory_equal(b, documented_bytes, sizeof documented_bytes);
    free(b);

    /* and the reader takes the independently built bytes */
    rec_data d;
    assert_int_equal(rec_parse_buffer(documented_bytes, sizeof documented_bytes, "doc", &d, &err), SAQR_OK);
    assert_int_equal(d.nframes, 1);
    assert_near(rec_value(&d, 0, 1), 1000.0, 0.0);
    assert_int_equal(d.nevents, 1);
    assert_string_equal(d.events[0].kind, "gear");
    assert_string_equal(rec_meta_get(&d, "lesson"), "SM-01");
    rec_data_free(&d);
}

/* ------------------------------------------------------------ round trip */

static void a_written_recording_reads_back_exactly(void **state)
{
    fixture *fx = *state;
    char path[128];
    path_in(fx, "sortie.rec", path, sizeof path);
    const int n = 200;
    saqr_err err;
    err_clear(&err);
    rec_writer *w = rec_writer_open(path, metadata, 3, channels, NCH, 50.0, &err);
    assert_non_null(w);
    for (int k = 0; k < n; k++) {
        double v[NCH];
        frame_values(k, 50.0, v);
        if (k == 17)
            v[4] = NAN;  /* a sensor failure is recorded as it was */
        if (k == 18)
            v[1] = INFINITY;
        assert_int_equal(rec_write_frame(w, v, &err), SAQR_OK);
    }
    assert_int_equal(rec_write_event(w, 0.5, "stall-warning", 1.0, NULL, &err), SAQR_OK);
    assert_int_equal(rec_write_event(w, 0.5, "malfunction", 0.0, "engine fire, left", &err), SAQR_OK);
    assert_int_equal(rec_write_event(w, 3.9, "touchdown", NAN, "", &err), SAQR_OK);
    assert_int_equal(rec_writer_close(w, &err), SAQR_OK);

    rec_data d;
    assert_int_equal(rec_read(path, &d, &err), SAQR_OK);
    assert_int_equal(d.damaged, 0);
    assert_string_equal(d.damage, "");
    assert_near(d.rate_hz, 50.0, 0.0);
    assert_int_equal(d.nch, NCH);
    for (int i = 0; i < NCH; i++) {
        assert_string_equal(d.ch[i].name, channels[i].name);
        assert_int_equal(d.ch[i].type, channels[i].type);
        assert_int_equal(rec_channel_index(&d, channels[i].name), i);
    }
    assert_int_equal(rec_channel_index(&d, "mach"), -1);
    assert_int_equal(d.nmeta, 3);
    assert_string_equal(rec_meta_get(&d, "pilot"), "Khan, A.");
    assert_string_equal(rec_meta_get(&d, "aircraft"), "Super Mushak");
    assert_null(rec_meta_get(&d, "weather"));
    assert_int_equal(d.nframes, (size_t)n);
    for (int k = 0; k < n; k++) {
        double v[NCH];
        frame_values(k, 50.0, v);
        for (int i = 0; i < NCH; i++) {
            double got = rec_value(&d, (size_t)k, i);
            if (k == 17 && i == 4) {
                assert_true(isnan(got));
            } else if (k == 18 && i == 1) {
                assert_true(isinf(got) && got > 0);
            } else if (channels[i].type == REC_F64) {
                assert_memory_equal(&got, &v[i], sizeof got);  /* bit for bit */
            } else {
                float want = (float)v[i];
                assert_true((float)got == want);
                assert_true(got == (double)want);
            }
        }
    }
    assert_int_equal(d.nevents, 3);
    assert_string_equal(d.events[0].kind, "stall-warning");
    assert_string_equal(d.events[0].text, "");
    assert_near(d.events[1].t_s, 0.5, 0.0);
    assert_string_equal(d.events[1].text, "engine fire, left");
    assert_near(d.events[1].value, 0.0, 0.0);
    assert_true(isnan(d.events[2].value));
    assert_near(d.events[2].t_s, 3.9, 0.0);
    rec_data_free(&d);
    assert_int_equal(d.nframes, 0);
    assert_null(d.values);
    rec_data_free(NULL);
}

/* ------------------------------------------------------------ damage */

static void a_file_cut_anywhere_after_the_header_keeps_the_frames_before_the_cut(void **state)
{
    fixture *fx = *state;
    char path[128], cut[128];
    path_in(fx, "whole.rec", path, sizeof path);
    path_in(fx, "cut.rec", cut, sizeof cut);
    write_sortie(path, 20, 10.0);
    size_t len;
    unsigned char *b = slurp(path, &len);
    span rec[64] = {{0, 0, 0}};
    int nrec = walk(b, len, rec, 64);
    assert_int_equal(rec[0].tag, 'H');
    assert_int_equal(rec[nrec - 1].end, len);
    size_t header_end = rec[0].end;
    int nframes_total = 0;
    for (int r = 0; r < nrec; r++)
        nframes_total += rec[r].tag == 'F';
    assert_int_equal(nframes_total, 20);

    saqr_err err;
    for (size_t c = header_end; c <= len; c++) {
        spill(cut, b, c);
        size_t want_frames = 0, want_events = 0;
        int boundary = 0;
        for (int r = 1; r < nrec; r++) {
            want_frames += rec[r].tag == 'F' && rec[r].end <= c;
            want_events += rec[r].tag == 'E' && rec[r].end <= c;
            boundary |= rec[r].end == c;
        }
        boundary |= c == header_end;
        rec_data d;
        err_clear(&err);
        int st = rec_read(cut, &d, &err);
        if (st != SAQR_OK)
            fail_msg("cut at %zu: %s", c, err.msg);
        if (d.nframes != want_frames || d.nevents != want_events)
            fail_msg("cut at %zu: %zu frames, %zu events; expected %zu, %zu", c, d.nframes, d.nevents, want_frames,
                     want_events);
        assert_int_equal(d.damaged, !boundary);
        if (!boundary) {
            assert_non_null(strstr(d.damage, cut));
            assert_non_null(strstr(d.damage, "cut off"));
        }
        for (size_t k = 0; k < d.nframes; k++) {
            double v[NCH];
            frame_values((int)k, 10.0, v);
            assert_memory_equal(&d.values[k * NCH], &v[0], sizeof(double));
        }
        rec_data_free(&d);
    }

    /* cut inside the magic, version or header: nothing can be read */
    for (size_t c = 0; c < header_end; c++) {
        spill(cut, b, c);
        rec_data d;
        err_clear(&err);
        assert_int_not_equal(rec_read(cut, &d, &err), SAQR_OK);
        assert_non_null(strstr(err.msg, cut));
        assert_non_null(strstr(err.msg, ": byte "));
        assert_int_equal(d.nch, 0);
        rec_data_free(&d);
    }
    free(b);
}

static void a_flipped_byte_in_a_frame_stops_reading_there_and_says_where(void **state)
{
    fixture *fx = *state;
    char path[128], bad[128];
    path_in(fx, "whole.rec", path, sizeof path);
    path_in(fx, "flipped.rec", bad, sizeof bad);
    write_sortie(path, 20, 10.0);
    size_t len;
    unsigned char *b = slurp(path, &len);
    span rec[64] = {{0, 0, 0}};
    int nrec = walk(b, len, rec, 64);
    /* the 11th frame record (frame index 10) */
    int target = -1, frames = 0;
    for (int r = 0; r < nrec && target < 0; r++)
        if (rec[r].tag == 'F' && frames++ == 10)
            target = r;
    assert_true(target > 0);
    char where[64];
    snprintf(where, sizeof where, ": byte %zu: ", rec[target].start);
    /* every byte of the record: tag, length, payload, CRC */
    for (size_t at = rec[target].start; at < rec[target].end; at++) {
        b[at] ^= 0x10;
        spill(bad, b, len);
        b[at] ^= 0x10;
        rec_data d;
        saqr_err err;
        err_clear(&err);
        assert_int_equal(rec_read(bad, &d, &err), SAQR_OK);
        assert_int_equal(d.damaged, 1);
        assert_int_equal(d.nframes, 10);
        if (!strstr(d.damage, where) || !strstr(d.damage, bad) || !strstr(d.damage, "kept 10 frames up to t=0.9 s"))
            fail_msg("flip at %zu: damage \"%s\" should name %s and %s", at, d.damage, bad, where);
        rec_data_free(&d);
    }
    free(b);
}

static void a_flipped_byte_in_the_header_is_an_error_naming_the_file(void **state)
{
    fixture *fx = *state;
    char path[128], bad[128];
    path_in(fx, "whole.rec", path, sizeof path);
    path_in(fx, "badhead.rec", bad, sizeof bad);
    write_sortie(path, 5, 10.0);
    size_t len;
    unsigned char *b = slurp(path, &len);
    span rec[16] = {{0, 0, 0}};
    walk(b, len, rec, 16);
    for (size_t at = 0; at < rec[0].end; at++) {
        b[at] ^= 0x01;
        spill(bad, b, len);
        b[at] ^= 0x01;
        rec_data d;
        saqr_err err;
        err_clear(&err);
        int st = rec_read(bad, &d, &err);
        if (st == SAQR_OK)
            fail_msg("flip at byte %zu was not noticed", at);
        assert_int_equal(st, SAQR_EINVAL);
        assert_non_null(strstr(err.msg, bad));
        assert_non_null(strstr(err.msg, ": byte "));
        rec_data_free(&d);
    }
    free(b);
}

static void a_missing_file_is_an_error_naming_the_file(void **state)
{
    fixture *fx = *state;
    char path[128];
    path_in(fx, "never-written.rec", path, sizeof path);
    rec_data d;
    saqr_err err;
    err_clear(&err);
    assert_int_equal(rec_read(path, &d, &err), SAQR_EIO);
    assert_non_null(strstr(err.msg, path));
    rec_data_free(&d);
}

/* Header of a two-channel (t-s, alt-ft) recording, then extra records. */
static size_t tiny_header(unsigned char *b)
{
    memcpy(b, documented_bytes, 8 + 9 + 42);
    return 8 + 9 + 42;
}

static size_t frame_record(unsigned char *b, size_t at, double t_s, float alt_ft)
{
    unsigned char p[12];
    rec_put_f64(p, t_s);
    rec_put_f32(p + 8, alt_ft);
    return append_record(b, at, 'F', p, 12);
}

static void records_that_pass_their_crc_but_make_no_sense_are_damage(void **state)
{
    (void)state;
    unsigned char b[512], junk[4] = {1, 2, 3, 4};
    rec_data d;
    saqr_err err;
    struct {
        const char *why;   /* expected in the damage note */
        int kept;          /* frames before the bad record */
    } cases[] = {
        {"before the previous frame's", 2},
        {"unknown record type 0x5a", 2},
        {"a second header record", 2},
        {"frame of 4 bytes", 2},
        {"frame time inf s is not finite", 2},
        {"event kind has a space", 2},
    };
    for (int i = 0; i < 6; i++) {
        size_t at = tiny_header(b);
        at = frame_record(b, at, 1.0, 100.0f);
        at = frame_record(b, at, 2.0, 200.0f);
        size_t bad_at = at;
        if (i == 0)
            at = frame_record(b, at, 1.5, 300.0f);
        else if (i == 1)
            at = append_record(b, at, 'Z', junk, 4);
        else if (i == 2)
            at = append_record(b, at, 'H', documented_bytes + 13, 42);
        else if (i == 3)
            at = append_record(b, at, 'F', junk, 4);
        else if (i == 4)
            at = frame_record(b, at, INFINITY, 300.0f);
        else {
            unsigned char ev[8 + 2 + 4 + 8 + 2];
            rec_put_f64(ev, 2.0);
            rec_put_u16(ev + 8, 4);
            memcpy(ev + 10, "ge r", 4);
            rec_put_f64(ev + 14, 1.0);
            rec_put_u16(ev + 22, 0);
            at = append_record(b, at, 'E', ev, sizeof ev);
        }
        at = frame_record(b, at, 3.0, 400.0f);  /* never reached */
        err_clear(&err);
        assert_int_equal(rec_parse_buffer(b, at, "made.rec", &d, &err), SAQR_OK);
        assert_int_equal(d.damaged, 1);
        assert_int_equal(d.nframes, (size_t)cases[i].kept);
        char where[64];
        snprintf(where, sizeof where, "made.rec: byte %zu: ", bad_at);
        if (!strstr(d.damage, where) || !strstr(d.damage, cases[i].why) ||
            !strstr(d.damage, "kept 2 frames up to t=2 s"))
            fail_msg("case %d: \"%s\"", i, d.damage);
        rec_data_free(&d);
    }
}

static void bad_headers_are_errors_naming_the_file_and_byte(void **state)
{
    (void)state;
    unsigned char b[256];
    rec_data d;
    saqr_err err;
    /* 65535 channels in a 12-byte header payload */
    unsigned char p[16];
    rec_put_f64(p, 10.0);
    rec_put_u16(p + 8, 0);
    rec_put_u16(p + 10, 65535);
    memcpy(b, "SAQRREC\x01", 8);
    size_t n = append_record(b, 8, 'H', p, 12);
    err_clear(&err);
    assert_int_equal(rec_parse_buffer(b, n, "huge.rec", &d, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "huge.rec: byte 25: header: channels count runs past the end"));
    rec_data_free(&d);
    /* a string length past the end of the header */
    rec_put_u16(p + 10, 1);
    rec_put_u16(p + 12, 300);
    memcpy(p + 14, "t-", 2);
    n = append_record(b, 8, 'H', p, 16);
    err_clear(&err);
    assert_int_equal(rec_parse_buffer(b, n, "long.rec", &d, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "long.rec: byte 25: header: channel name runs past the end of its record"));
    rec_data_free(&d);
    /* two channels of the same name; a first channel that is not the time */
    unsigned char q[32];
    rec_put_f64(q, 10.0);
    rec_put_u16(q + 8, 0);
    rec_put_u16(q + 10, 2);
    memcpy(q + 12, "\x03\x00t-s\x02\x03\x00t-s\x02", 12);
    n = append_record(b, 8, 'H', q, 24);
    err_clear(&err);
    assert_int_equal(rec_parse_buffer(b, n, "dup.rec", &d, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "dup.rec: byte "));
    assert_non_null(strstr(err.msg, "channels 0 and 1 have the same name"));
    rec_data_free(&d);
    memcpy(q + 12, "\x03\x00" "alt\x02\x03\x00t-s\x02", 12);
    n = append_record(b, 8, 'H', q, 24);
    assert_int_equal(rec_parse_buffer(b, n, "first.rec", &d, &err), SAQR_EINVAL);
    if (!strstr(err.msg, "first.rec: byte 25: header: channel 0 is not the time"))
        fail_msg("%s", err.msg);
    rec_data_free(&d);
    /* not a recording at all, or a later version */
    err_clear(&err);
    assert_int_equal(rec_parse_buffer((const unsigned char *)"t-s,alt-ft\n", 11, "x.csv", &d, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "x.csv: byte 0: not a Saqr recording"));
    memcpy(b, "SAQRREC\x02", 8);
    assert_int_equal(rec_parse_buffer(b, n, "v2.rec", &d, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "v2.rec: byte 7: recording format version 2"));
    rec_data_free(&d);
}

/* ------------------------------------------------------------ writer */

static void time_going_back_or_not_finite_is_refused_at_write(void **state)
{
    fixture *fx = *state;
    char path[128];
    path_in(fx, "time.rec", path, sizeof path);
    saqr_err err;
    err_clear(&err);
    rec_writer *w = rec_writer_open(path, NULL, 0, channels, 2, 10.0, &err);
    assert_non_null(w);
    double v[2] = {0.0, 33.6};
    assert_int_equal(rec_write_frame(w, v, &err), SAQR_OK);
    v[0] = 1.0;
    assert_int_equal(rec_write_frame(w, v, &err), SAQR_OK);
    v[0] = 0.5;
    assert_int_equal(rec_write_frame(w, v, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, path));
    assert_non_null(strstr(err.msg, "before the previous frame"));
    v[0] = NAN;
    assert_int_equal(rec_write_frame(w, v, &err), SAQR_EINVAL);
    v[0] = INFINITY;
    assert_int_equal(rec_write_frame(w, v, &err), SAQR_EINVAL);
    v[0] = 1.0;  /* the same time again is allowed */
    assert_int_equal(rec_write_frame(w, v, &err), SAQR_OK);
    assert_int_equal(rec_write_event(w, 1.0, "flaps", 0.5, NULL, &err), SAQR_OK);
    assert_int_equal(rec_write_event(w, 0.9, "flaps", 1.0, NULL, &err), SAQR_EINVAL);
    assert_int_equal(rec_write_event(w, NAN, "flaps", 1.0, NULL, &err), SAQR_EINVAL);
    assert_int_equal(rec_write_event(w, 2.0, "bad kind", 1.0, NULL, &err), SAQR_EINVAL);
    assert_int_equal(rec_write_event(w, 2.0, "", 1.0, NULL, &err), SAQR_EINVAL);
    assert_int_equal(rec_write_event(w, 2.0, "note", 1.0, "line\nbreak", &err), SAQR_EINVAL);
    char longtext[200];
    memset(longtext, 'x', sizeof longtext - 1);
    longtext[sizeof longtext - 1] = '\0';
    assert_int_equal(rec_write_event(w, 2.0, "note", 1.0, longtext, &err), SAQR_EINVAL);
    longtext[REC_TEXT_MAX - 1] = '\0';  /* 159 bytes: the most that fits */
    assert_int_equal(rec_write_event(w, 2.0, "note", 1.0, longtext, &err), SAQR_OK);
    assert_int_equal(rec_writer_close(w, &err), SAQR_OK);
    assert_int_equal(rec_writer_close(NULL, &err), SAQR_OK);
    rec_data d;
    assert_int_equal(rec_read(path, &d, &err), SAQR_OK);
    assert_int_equal(d.nframes, 3);
    assert_int_equal(d.nevents, 2);
    assert_int_equal(strlen(d.events[1].text), REC_TEXT_MAX - 1);
    assert_int_equal(d.damaged, 0);
    rec_data_free(&d);
}

/* Opens with the given channel 0..2 and rate; expects a refusal whose
 * message holds `msg`, and no file left behind. */
static void expect_refused(const fixture *fx, const rec_channel *ch, int nch, const rec_meta *meta, int nmeta,
                           double rate_hz, const char *msg)
{
    char path[128];
    path_in(fx, "refused.rec", path, sizeof path);
    saqr_err err;
    err_clear(&err);
    rec_writer *w = rec_writer_open(path, meta, nmeta, ch, nch, rate_hz, &err);
    if (w)
        fail_msg("accepted; expected \"%s\"", msg);
    if (!strstr(err.msg, path) || !strstr(err.msg, msg))
        fail_msg("\"%s\" should name %s and say \"%s\"", err.msg, path, msg);
    assert_int_not_equal(access(path, F_OK), 0);
}

static void open_arguments_are_checked_with_clear_messages(void **state)
{
    fixture *fx = *state;
    rec_channel ch[3] = {{"t-s", REC_F64}, {"alt-ft", REC_F32}, {"ias-kt", REC_F32}};
    expect_refused(fx, ch, 3, NULL, 0, 0.0, "frame rate 0 Hz");
    expect_refused(fx, ch, 3, NULL, 0, NAN, "frame rate nan Hz");
    expect_refused(fx, ch, 0, NULL, 0, 10.0, "0 channels");
    ch[0].type = REC_F32;
    expect_refused(fx, ch, 3, NULL, 0, 10.0, "channel 0 is \"t-s\" (REC_F32)");
    ch[0].type = REC_F64;
    strcpy(ch[0].name, "time");
    expect_refused(fx, ch, 3, NULL, 0, 10.0, "channel 0 is \"time\"");
    strcpy(ch[0].name, "t-s");
    strcpy(ch[2].name, "alt-ft");
    expect_refused(fx, ch, 3, NULL, 0, 10.0, "channels 1 and 2 are both called \"alt-ft\"");
    strcpy(ch[2].name, "");
    expect_refused(fx, ch, 3, NULL, 0, 10.0, "channel 2 \"\": name is empty");
    strcpy(ch[2].name, "ias,kt");
    expect_refused(fx, ch, 3, NULL, 0, 10.0, "channel 2 \"ias,kt\": name has a space, comma");
    memset(ch[2].name, 'a', REC_NAME_MAX);  /* no NUL inside */
    expect_refused(fx, ch, 3, NULL, 0, 10.0, "name is longer than 31 bytes");
    strcpy(ch[2].name, "ias-kt");
    ch[2].type = (rec_type)3;
    expect_refused(fx, ch, 3, NULL, 0, 10.0, "type 3 is neither");
    ch[2].type = REC_F32;
    const rec_meta dup[2] = {{"lesson", "a"}, {"lesson", "b"}};
    expect_refused(fx, ch, 3, dup, 2, 10.0, "metadata 0 and 1 have the same key \"lesson\"");
    const rec_meta ctl = {"pilot", "tab\there"};
    expect_refused(fx, ch, 3, &ctl, 1, 10.0, "metadata \"pilot\": value has a control character");
    /* and a directory that does not exist */
    saqr_err err;
    err_clear(&err);
    assert_null(rec_writer_open("/nonexistent/dir/x.rec", NULL, 0, ch, 3, 10.0, &err));
    assert_non_null(strstr(err.msg, "/nonexistent/dir/x.rec: cannot create"));
}

static void the_writer_flushes_each_recorded_second(void **state)
{
    fixture *fx = *state;
    char path[128];
    path_in(fx, "live.rec", path, sizeof path);
    saqr_err err;
    err_clear(&err);
    rec_writer *w = rec_writer_open(path, metadata, 3, channels, NCH, 10.0, &err);
    assert_non_null(w);
    for (int k = 0; k <= 25; k++) {  /* 0 .. 2.5 s at 10 Hz */
        double v[NCH];
        frame_values(k, 10.0, v);
        assert_int_equal(rec_write_frame(w, v, &err), SAQR_OK);
    }
    /* read from disk while the writer still holds the file open */
    rec_data d;
    assert_int_equal(rec_read(path, &d, &err), SAQR_OK);
    assert_true(d.nframes >= 21);
    assert_near(rec_value(&d, 20, 0), 2.0, 0.0);
    assert_true(d.nframes < 26);  /* the last half second is still buffered */
    rec_data_free(&d);
    assert_int_equal(rec_writer_close(w, &err), SAQR_OK);
    assert_int_equal(rec_read(path, &d, &err), SAQR_OK);
    assert_int_equal(d.nframes, 26);
    rec_data_free(&d);
}

/* ------------------------------------------------------------ exports */

/* Splits the file's text into lines (in place); returns the count. */
static int split_lines(char *text, char **lines, int max)
{
    int n = 0;
    for (char *p = text; *p && n < max;) {
        lines[n++] = p;
        char *e = strchr(p, '\n');
        if (!e)
            break;
        *e = '\0';
        p = e + 1;
    }
    return n;
}

static void csv_export_has_a_header_row_and_one_row_per_frame_that_parse_back(void **state)
{
    fixture *fx = *state;
    char path[128], csv[128];
    path_in(fx, "sortie.rec", path, sizeof path);
    path_in(fx, "sortie.csv", csv, sizeof csv);
    write_sortie(path, 30, 10.0);
    rec_data d;
    saqr_err err;
    err_clear(&err);
    assert_int_equal(rec_read(path, &d, &err), SAQR_OK);
    d.values[5 * NCH + 4] = NAN;  /* shows as nan */
    assert_int_equal(rec_export_csv(&d, csv, &err), SAQR_OK);
    size_t len;
    char *text = (char *)slurp(csv, &len);
    text[len] = '\0';
    char *lines[64];
    int n = split_lines(text, lines, 64);
    assert_int_equal(n, 31);
    assert_string_equal(lines[0], "t-s,lat-deg,lon-deg,alt-ft,ias-kt,roll-deg,pitch-deg,heading-deg");
    for (int k = 0; k < 30; k++) {
        char *p = lines[k + 1];
        for (int i = 0; i < NCH; i++) {
            char *end;
            double x = strtod(p, &end);
            assert_true(end > p);
            assert_true(*end == (i + 1 < NCH ? ',' : '\0'));
            double want = rec_value(&d, (size_t)k, i);
            if (isnan(want))
                assert_true(isnan(x) && strncmp(p, "nan", 3) == 0);
            else if (d.ch[i].type == REC_F64)
                assert_true(x == want);
            else
                assert_true((float)x == (float)want);
            p = end + 1;
        }
    }
    /* shortest exact text: frame 1's time is "0.1", not 0.10000000000000001 */
    assert_int_equal(strncmp(lines[2], "0.1,", 4), 0);
    free(text);
    rec_data_free(&d);
}

static void acmi_export_gives_tacview_lines_in_degrees_and_metres(void **state)
{
    fixture *fx = *state;
    char path[128], acmi[128];
    path_in(fx, "sortie.rec", path, sizeof path);
    path_in(fx, "sortie.txt.acmi", acmi, sizeof acmi);
    write_sortie(path, 30, 10.0);
    rec_data d;
    saqr_err err;
    err_clear(&err);
    assert_int_equal(rec_read(path, &d, &err), SAQR_OK);
    /* frame 0 at a known position: 5000 ft is 1524 m exactly */
    d.values[1] = 33.6161;
    d.values[2] = 73.0991;
    d.values[3] = 5000.0;
    d.values[5] = -12.5;
    d.values[6] = 3.25;
    d.values[7] = 271.0;
    assert_int_equal(rec_export_acmi(&d, acmi, &err), SAQR_OK);
    size_t len;
    char *text = (char *)slurp(acmi, &len);
    text[len] = '\0';
    assert_int_equal(strncmp(text, "FileType=text/acmi/tacview\nFileVersion=2.1\n", 43), 0);
    assert_non_null(strstr(text, "\n0,ReferenceTime=2000-01-01T00:00:00Z\n"));
    assert_non_null(strstr(text, "\n0,Title=SM-05 steep turns\n"));
    char *copy = strdup(text), *lines[256];
    assert_non_null(copy);
    int n = split_lines(copy, lines, 256), tlines = 0, events = 0;
    for (int i = 0; i < n; i++) {
        tlines += strncmp(lines[i], "101,T=", 6) == 0;
        events += strncmp(lines[i], "0,Event=Message|101|gear ", 25) == 0;
    }
    assert_int_equal(tlines, 30);
    assert_int_equal(events, 4);  /* frames 3, 10, 17, 24 */
    free(copy);
    char *first = strstr(text, "#0\n101,T=");
    assert_non_null(first);
    const char *want = "#0\n101,T=73.0991|33.6161|1524|-12.5|3.25|271,Name=Super Mushak,Type=Air+FixedWing,"
                       "Pilot=Khan\\, A.\n";
    assert_int_equal(strncmp(first, want, strlen(want)), 0);
    /* a frame of the sortie as written: alt-ft x 0.3048, lon before lat */
    double v[NCH];
    frame_values(12, 10.0, v);
    char *t12 = strstr(text, "\n#1.2\n");
    assert_non_null(t12);
    double lon, lat, alt_m, roll, pitch, yaw;
    assert_int_equal(sscanf(t12, "\n#1.2\n101,T=%lf|%lf|%lf|%lf|%lf|%lf", &lon, &lat, &alt_m, &roll, &pitch, &yaw), 6);
    assert_near(lon, v[2], 1e-8);
    assert_near(lat, v[1], 1e-8);
    assert_near(alt_m, (float)v[3] * 0.3048, 1e-3);
    assert_near(roll, (float)v[5], 1e-3);
    assert_near(pitch, (float)v[6], 1e-3);
    assert_near(yaw, (float)v[7], 1e-3);
    /* the event at frame 10 sits in frame 10's time block, after its T= line */
    assert_non_null(strstr(text, "\n#1\n101,T="));
    assert_non_null(strstr(text, "\n0,Event=Message|101|gear 0 down\\, locked\n#1.1\n"));
    free(text);

    /* ReferenceTime from the metadata when the recording has it */
    strcpy(d.meta[0].key, "reference-time");
    strcpy(d.meta[0].value, "2024-03-01T06:30:00Z");
    assert_int_equal(rec_export_acmi(&d, acmi, &err), SAQR_OK);
    text = (char *)slurp(acmi, &len);
    text[len] = '\0';
    assert_non_null(strstr(text, "\n0,ReferenceTime=2024-03-01T06:30:00Z\n"));
    assert_null(strstr(text, "Title="));
    free(text);
    rec_data_free(&d);
}

static void acmi_export_without_a_position_channel_is_einval_naming_it(void **state)
{
    fixture *fx = *state;
    char path[128], acmi[128];
    path_in(fx, "sortie.rec", path, sizeof path);
    path_in(fx, "nolat.txt.acmi", acmi, sizeof acmi);
    write_sortie(path, 3, 10.0);
    rec_data d;
    saqr_err err;
    err_clear(&err);
    assert_int_equal(rec_read(path, &d, &err), SAQR_OK);
    strcpy(d.ch[1].name, "lat-rad");
    assert_int_equal(rec_export_acmi(&d, acmi, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "no \"lat-deg\" channel"));
    assert_non_null(strstr(err.msg, acmi));
    assert_int_not_equal(access(acmi, F_OK), 0);
    rec_data_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_crc_is_the_standard_crc32),
        cmocka_unit_test_setup_teardown(a_recording_is_byte_for_byte_the_documented_layout, setup, teardown),
        cmocka_unit_test_setup_teardown(a_written_recording_reads_back_exactly, setup, teardown),
        cmocka_unit_test_setup_teardown(a_file_cut_anywhere_after_the_header_keeps_the_frames_before_the_cut, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_flipped_byte_in_a_frame_stops_reading_there_and_says_where, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_flipped_byte_in_the_header_is_an_error_naming_the_file, setup, teardown),
        cmocka_unit_test_setup_teardown(a_missing_file_is_an_error_naming_the_file, setup, teardown),
        cmocka_unit_test(records_that_pass_their_crc_but_make_no_sense_are_damage),
        cmocka_unit_test(bad_headers_are_errors_naming_the_file_and_byte),
        cmocka_unit_test_setup_teardown(time_going_back_or_not_finite_is_refused_at_write, setup, teardown),
        cmocka_unit_test_setup_teardown(open_arguments_are_checked_with_clear_messages, setup, teardown),
        cmocka_unit_test_setup_teardown(the_writer_flushes_each_recorded_second, setup, teardown),
        cmocka_unit_test_setup_teardown(csv_export_has_a_header_row_and_one_row_per_frame_that_parse_back, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(acmi_export_gives_tacview_lines_in_degrees_and_metres, setup, teardown),
        cmocka_unit_test_setup_teardown(acmi_export_without_a_position_channel_is_einval_naming_it, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
