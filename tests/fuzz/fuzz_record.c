// repo-seeds: tests/fuzz/corpus/fuzz_record/*
/*
 * fuzz_record.c - libFuzzer driver for the flight-recording reader
 * (rec_parse_buffer, src/train/record_read.c): any bytes give either an
 * error that explains itself, or a recording whose header is valid (time
 * first, as f64), whose frames and events never go back in time, and
 * whose damage, when there is any, is described; never a crash, a leak
 * or undefined behaviour.  What is read is exported to CSV and ACMI (to
 * /dev/null) so the number formatting sees hostile values too, and made
 * ready for the station's replay of a stored sortie (station_flight.c:
 * at least one sample, oldest first, the last the flight's end).  Each
 * input is parsed as it is and again with its CRCs made to match, so the
 * checks behind the CRC are fuzzed too.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "station/station_flight.h"
#include "train/record.h"
#include "train/record_format.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Rewrites every record's CRC to match, so mutations reach the checks
 * behind the CRC (the layouts of headers, frames and events). */
static void fix_crcs(unsigned char *b, size_t size)
{
    for (size_t at = REC_FILE_HEAD_BYTES; size - at >= REC_FRAMING_BYTES && at < size;) {
        uint32_t n = rec_get_u32(b + at + 1);
        if (n > size - at - REC_FRAMING_BYTES)
            break;
        rec_put_u32(b + at + REC_PREFIX_BYTES + n, rec_crc(b + at, REC_PREFIX_BYTES + (size_t)n));
        at += REC_FRAMING_BYTES + (size_t)n;
    }
}

static void check(const uint8_t *data, size_t size)
{
    rec_data d;
    saqr_err err = {{0}};
    int st = rec_parse_buffer(data, size, "fuzz.rec", &d, &err);
    if (st != SAQR_OK) {
        if (err.msg[0] == '\0' || d.nch != 0 || d.values != NULL)
            abort(); /* a failure explains itself and leaves nothing behind */
        return;
    }
    if (d.nch < 1 || strcmp(d.ch[0].name, "t-s") != 0 || d.ch[0].type != REC_F64 || !(d.rate_hz > 0.0))
        abort();
    for (size_t k = 0; k < d.nframes; k++) {
        double t = rec_value(&d, k, 0);
        if (!isfinite(t) || (k > 0 && t < rec_value(&d, k - 1, 0)))
            abort();
    }
    for (size_t k = 1; k < d.nevents; k++)
        if (d.events[k].t_s < d.events[k - 1].t_s)
            abort();
    if (d.damaged != (d.damage[0] != '\0'))
        abort();
    FILE *sink = fopen("/dev/null", "w");
    if (sink && d.nframes < 64) {
        if (rec_export_csv_stream(&d, sink, "sink", &err) != SAQR_OK)
            abort();
        int st_acmi = rec_export_acmi_stream(&d, sink, "sink", &err);
        if (st_acmi != SAQR_OK && st_acmi != SAQR_EINVAL)
            abort(); /* EINVAL: no position channels */
    }
    if (sink)
        fclose(sink);
    /* the replay's flight: the last minutes, and from the middle frame on */
    const double froms[2] = {NAN, d.nframes > 0 ? rec_value(&d, d.nframes / 2, 0) : 0.0};
    for (int w = 0; w < 2; w++) {
        station_flight *f = NULL;
        const saqr_status fst = station_flight_from_recording(&d, NULL, froms[w], &f, &err);
        if (!f != (fst != SAQR_OK) || (f && (f->n < 1 || f->n > STATION_FLIGHT_MAX)))
            abort();
        for (int i = 1; f && i < f->n; i++)
            if (!(f->ins[i].t_s > f->ins[i - 1].t_s))
                abort();
        if (f && w == 1 && !(f->ins[0].t_s >= froms[w]))
            abort(); /* the window begins where it was asked to */
        if (!f && d.nframes > 0)
            abort(); /* every frame has a time (checked above) */
        station_flight_free(f);
    }
    rec_data_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check(data, size);
    if (size > REC_FILE_HEAD_BYTES) {
        unsigned char *copy = malloc(size);
        if (!copy)
            return 0;
        memcpy(copy, data, size);
        fix_crcs(copy, size);
        check(copy, size);
        free(copy);
    }
    return 0;
}
