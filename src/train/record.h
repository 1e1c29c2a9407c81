/*
 * record.h - the flight recorder: a sortie written at a fixed rate as a
 * stream of self-checking records (docs/recording.md), read back with
 * everything a crash or a cut left intact, and exported to CSV and to
 * Tacview ACMI 2.x.
 *
 * The file is self-describing: its header names every channel ("t-s",
 * "alt-ft", "ias-kt", ...) with its storage type, and carries the
 * sortie's metadata as key/value pairs (lesson id, aircraft, pilot).
 * Every record carries a CRC-32, and the writer flushes at least once per
 * second of recorded time, so a sortie killed mid-flight keeps everything
 * up to its last second; the reader stops at the first damaged record and
 * says where.
 *
 * Who frees what: rec_writer_open returns a writer that rec_writer_close
 * frees (also after a failed write); rec_read fills a rec_data that
 * rec_data_free frees, also after a failed read.
 */
#ifndef SAQR_TRAIN_RECORD_H
#define SAQR_TRAIN_RECORD_H

#include <stddef.h>
#include <stdio.h>

#include "util/err.h"

#define REC_NAME_MAX 32   /* channel name, event kind, metadata key, NUL included */
#define REC_TEXT_MAX 160  /* metadata value, event text, NUL included             */

/* How a channel is stored: float32 for most, float64 where float32 would
 * lose what matters (time, latitude, longitude). */
typedef enum rec_type { REC_F32 = 1, REC_F64 = 2 } rec_type;

typedef struct rec_channel {
    char name[REC_NAME_MAX]; /* unit in the name: "alt-ft", "ias-kt"   */
    rec_type type;
} rec_channel;

typedef struct rec_meta {
    char key[REC_NAME_MAX];   /* "lesson", "aircraft", "pilot", ...  */
    char value[REC_TEXT_MAX];
} rec_meta;

/* Something that happened at an instant: "stall-warning" 1/0, "gear" 0/1,
 * "flaps" 0..1, "malfunction" with text, "exercise-start" with the
 * exercise id as text, "touchdown". */
typedef struct rec_event {
    double t_s;
    char kind[REC_NAME_MAX];
    double value;
    char text[REC_TEXT_MAX];
} rec_event;

typedef struct rec_writer rec_writer;

/* Creates (truncates) `path` and writes the header: `nmeta` metadata pairs,
 * `nch` channels, the nominal frame rate.  Channel 0 must be "t-s".
 * Returns NULL with the reason (naming the file) in `err`. */
rec_writer *rec_writer_open(const char *path, const rec_meta *meta, int nmeta, const rec_channel *ch, int nch,
                            double rate_hz, saqr_err *err);

/* Appends one frame: values[i] for channel i (values[0] is the time, s,
 * not decreasing).  Flushes to the operating system whenever a second of
 * recorded time has passed since the last flush.  SAQR_OK, or SAQR_EIO
 * with the reason in `err` (the writer stays usable for close). */
int rec_write_frame(rec_writer *w, const double *values, saqr_err *err);

/* Appends one event (text may be NULL). */
int rec_write_event(rec_writer *w, double t_s, const char *kind, double value, const char *text, saqr_err *err);

/* Flushes, closes and frees; NULL is allowed.  SAQR_OK or SAQR_EIO. */
int rec_writer_close(rec_writer *w, saqr_err *err);

/* A recording in memory. */
typedef struct rec_data {
    int nmeta;
    rec_meta *meta;
    int nch;
    rec_channel *ch;
    double rate_hz;
    size_t nframes;
    double *values;       /* nframes * nch, frame-major: values[k*nch + i] */
    size_t nevents;
    rec_event *events;    /* in file order (time order as written)          */
    int damaged;          /* 1 when reading stopped at a damaged or cut record */
    char damage[SAQR_ERR_MAX]; /* where and why, when damaged              */
} rec_data;

/* Reads `path`.  A file whose header is unreadable is an error
 * (SAQR_EIO / SAQR_EINVAL, message naming the file and byte offset).  A
 * file damaged or cut after the header is NOT an error: everything before
 * the first bad record is returned, `damaged` is set and `damage` says
 * where.  `out` is always safe to pass to rec_data_free. */
int rec_read(const char *path, rec_data *out, saqr_err *err);

/* As rec_read, from the `len` bytes at `buf` (a whole recording in
 * memory); messages name the file as `name`.  rec_read and the fuzzer use
 * it.  `buf` is only read; nothing refers to it afterwards. */
int rec_parse_buffer(const unsigned char *buf, size_t len, const char *name, rec_data *out, saqr_err *err);

/* Frees what rec_read allocated and zeroes `d`; NULL allowed. */
void rec_data_free(rec_data *d);

/* Index of the channel called `name`, or -1. */
int rec_channel_index(const rec_data *d, const char *name);

/* Value of metadata `key`, or NULL. */
const char *rec_meta_get(const rec_data *d, const char *key);

/* Value of channel `ch` in frame `k` (no bounds check beyond asserts). */
double rec_value(const rec_data *d, size_t k, int ch);

/* CSV: a header row of channel names, one row per frame; events go to
 * no column (they are listed in a second file only if asked: not here). */
int rec_export_csv(const rec_data *d, const char *path, saqr_err *err);

/* Tacview ACMI 2.x text: one object (the aircraft, named from the
 * "aircraft" metadata) with T=lon|lat|alt_m|roll|pitch|yaw per frame and
 * the events as Event=Message lines.  Needs the channels lat-deg, lon-deg,
 * alt-ft, roll-deg, pitch-deg, heading-deg; SAQR_EINVAL naming the
 * missing one otherwise. */
int rec_export_acmi(const rec_data *d, const char *path, saqr_err *err);

/* As rec_export_csv and rec_export_acmi, onto an open stream (left open;
 * messages name it `name`): for a caller that writes to a pipe, a socket
 * or memory.  SAQR_EIO when the stream reports a write error. */
int rec_export_csv_stream(const rec_data *d, FILE *f, const char *name, saqr_err *err);
int rec_export_acmi_stream(const rec_data *d, FILE *f, const char *name, saqr_err *err);

#endif
