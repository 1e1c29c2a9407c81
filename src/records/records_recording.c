/*
 * records_recording.c - a stored sortie's recording kept in the records
 * (schema version 3, table sortie_recordings): written with the sortie by
 * records_sortie_store, read back by records_sortie_recording for the
 * debrief, replay and export of any station on the same records.
 *
 * The bytes are deflated with zlib (a recording shrinks to about half)
 * and written as base64 text, with their length before deflating: TEXT
 * travels as a plain parameter through both back ends (db.h), and a
 * reader can check that it got back exactly what was written.  A
 * navigation sortie's 4.0 MB recording is ~2.8 MB of text.
 */
#include "records/records.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "records/records_recording.h"
#include "util/file.h"
#include "util/mem.h"

#define ENCODING "zlib+base64"
/* The largest recording kept, bytes: a sortie's time limit at 120 Hz is
 * far below it; a larger file is left on the disk only. */
#define RECORDING_MAX ((size_t)512 << 20)

int records_recording_keep(rdb *db, const char *sortie_id, const char *path, saqr_err *err)
{
    char *raw = NULL;
    size_t n = 0;
    saqr_err why;
    if (file_read_all(path, NULL, RECORDING_MAX, &raw, &n, &why) != SAQR_OK)
        return SAQR_OK; /* not readable here: the row keeps its path only */
    if (sodium_init() < 0) { /* idempotent; libsodium asks for it first */
        mem_free(NULL, raw);
        return err_set(err, SAQR_EIO, "libsodium cannot be initialised");
    }
    uLongf packed_n = compressBound((uLong)n);
    unsigned char *packed = malloc(packed_n);
    size_t b64_n = sodium_base64_ENCODED_LEN(packed_n, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = malloc(b64_n);
    int st = SAQR_OK;
    if (!packed || !b64)
        st = err_set(err, SAQR_ENOMEM, "out of memory keeping the recording %s", path);
    else if (compress2(packed, &packed_n, (const Bytef *)raw, (uLong)n, 6) != Z_OK)
        st = err_set(err, SAQR_EIO, "%s: the recording could not be deflated", path);
    if (st == SAQR_OK) {
        sodium_bin2base64(b64, b64_n, packed, packed_n, sodium_base64_VARIANT_ORIGINAL);
        char size[32];
        snprintf(size, sizeof size, "%zu", n);
        const char *p[] = {sortie_id, ENCODING, size, b64};
        st = rdb_exec(db, "INSERT INTO sortie_recordings (sortie_id, encoding, size_bytes, data) VALUES (?, ?, ?, ?)",
                      4, p, NULL, err);
    }
    free(b64);
    free(packed);
    mem_free(NULL, raw);
    return st;
}

int records_sortie_recording(rdb *db, long long sortie_id, unsigned char **bytes, size_t *len, saqr_err *err)
{
    *bytes = NULL;
    *len = 0;
    char id[32];
    snprintf(id, sizeof id, "%lld", sortie_id);
    const char *p[] = {id};
    rdb_rows *rows = NULL;
    int st = rdb_exec(db, "SELECT encoding, size_bytes, data FROM sortie_recordings WHERE sortie_id = ?", 1, p, &rows,
                      err);
    if (st)
        return st;
    if (rdb_rows_count(rows) == 0) {
        rdb_rows_free(rows);
        return err_set(err, SAQR_ENOTFOUND, "sortie %lld: the records keep no recording of it", sortie_id);
    }
    if (sodium_init() < 0) {
        rdb_rows_free(rows);
        return err_set(err, SAQR_EIO, "libsodium cannot be initialised");
    }
    const char *enc = rdb_value(rows, 0, 0), *size = rdb_value(rows, 0, 1), *data = rdb_value(rows, 0, 2);
    char *end = NULL;
    unsigned long long n = size ? strtoull(size, &end, 10) : 0;
    size_t data_n = data ? strlen(data) : 0, packed_cap = data_n / 4 * 3 + 3; /* base64: 3 bytes a 4 chars */
    unsigned char *packed = malloc(packed_cap), *raw = NULL;
    size_t packed_n = 0;
    if (!enc || strcmp(enc, ENCODING) != 0 || !end || *end || n == 0 || n > RECORDING_MAX)
        st = err_set(err, SAQR_EPARSE, "sortie %lld: the records' copy of its recording is not one (encoding %s, %s "
                                       "bytes)", sortie_id, enc ? enc : "none", size ? size : "no");
    else if (!packed || !(raw = malloc((size_t)n)))
        st = err_set(err, SAQR_ENOMEM, "out of memory reading sortie %lld's recording", sortie_id);
    else if (sodium_base642bin(packed, packed_cap, data, data_n, NULL, &packed_n, NULL,
                               sodium_base64_VARIANT_ORIGINAL) != 0)
        st = err_set(err, SAQR_EPARSE, "sortie %lld: the records' copy of its recording is not base64", sortie_id);
    if (st == SAQR_OK) {
        uLongf out_n = (uLongf)n;
        if (uncompress(raw, &out_n, packed, (uLong)packed_n) != Z_OK || out_n != n)
            st = err_set(err, SAQR_EPARSE, "sortie %lld: the records' copy of its recording is damaged "
                                           "(it does not inflate to its %llu bytes)", sortie_id, n);
    }
    rdb_rows_free(rows);
    free(packed);
    if (st) {
        free(raw);
        return st;
    }
    *bytes = raw;
    *len = (size_t)n;
    return SAQR_OK;
}
