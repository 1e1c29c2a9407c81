/*
 * record_format.h - the byte layout of a Saqr recording (docs/recording.md
 * gives it byte by byte), shared by the writer (record_write.c) and the
 * reader (record_read.c).  Internal: nothing outside src/train/record_*.c
 * includes it.
 *
 *   file    = "SAQRREC" version(u8) record*
 *   record  = type(u8) length(u32) payload[length] crc(u32)
 *   crc     = CRC-32 (zlib's crc32, ISO 3309 / ITU-T V.42) of type, length
 *             and payload
 *
 * All integers and floats are little-endian; floats are IEEE 754 binary32
 * and binary64, stored bit for bit (NaN payloads included).
 */
#ifndef SAQR_TRAIN_RECORD_FORMAT_H
#define SAQR_TRAIN_RECORD_FORMAT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "train/record.h"

#define REC_MAGIC "SAQRREC"          /* first 7 bytes of every recording     */
#define REC_MAGIC_LEN 7
#define REC_VERSION 1                /* byte 7: layout version                */
#define REC_FILE_HEAD_BYTES 8        /* magic + version                       */

#define REC_TAG_HEADER 'H'           /* rate, metadata, channels; first record */
#define REC_TAG_FRAME 'F'            /* one value per channel                  */
#define REC_TAG_EVENT 'E'            /* t_s, kind, value, text                 */

#define REC_PREFIX_BYTES 5           /* type + length before the payload       */
#define REC_FRAMING_BYTES 9          /* type + length + crc around a payload   */

#define REC_MAX_COUNT 65535          /* metadata pairs, channels: u16 counts   */
#define REC_MAX_FILE_BYTES ((size_t)1 << 30) /* the reader refuses larger files */
#define REC_FLUSH_INTERVAL_S 1.0     /* recorded time between flushes          */

/* Largest event payload: t_s, kind (u16 + bytes), value, text (u16 + bytes). */
#define REC_EVENT_MAX_PAYLOAD (8 + 2 + (REC_NAME_MAX - 1) + 8 + 2 + (REC_TEXT_MAX - 1))

/* --------------------------------------------------- little-endian bytes */

static inline void rec_put_u16(unsigned char *p, uint16_t v)
{
    p[0] = (unsigned char)(v & 0xffu);
    p[1] = (unsigned char)(v >> 8);
}

static inline void rec_put_u32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)((v >> (8 * i)) & 0xffu);
}

static inline void rec_put_f64(unsigned char *p, double v)
{
    uint64_t u;
    memcpy(&u, &v, sizeof u);
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)((u >> (8 * i)) & 0xffu);
}

static inline void rec_put_f32(unsigned char *p, float v)
{
    uint32_t u;
    memcpy(&u, &v, sizeof u);
    rec_put_u32(p, u);
}

static inline uint16_t rec_get_u16(const unsigned char *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

static inline uint32_t rec_get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline double rec_get_f64(const unsigned char *p)
{
    uint64_t u = 0;
    for (int i = 0; i < 8; i++)
        u |= (uint64_t)p[i] << (8 * i);
    double v;
    memcpy(&v, &u, sizeof v);
    return v;
}

static inline float rec_get_f32(const unsigned char *p)
{
    uint32_t u = rec_get_u32(p);
    float v;
    memcpy(&v, &u, sizeof v);
    return v;
}

/* ------------------------------------------------------- shared checks */

/* CRC-32 of a record: its type, length and payload (the `len` bytes at
 * `rec`, framing prefix included, CRC excluded). */
uint32_t rec_crc(const unsigned char *rec, size_t len);

/* Why `len` bytes at `s` are not a valid name (channel name, metadata key,
 * event kind): NULL when they are.  A name is 1 .. REC_NAME_MAX-1 bytes of
 * printable ASCII other than space, ',' and '"' (so it is a CSV field and
 * an ACMI word as it stands). */
const char *rec_name_problem(const char *s, size_t len);

/* Why `len` bytes at `s` are not a valid text (metadata value, event
 * text): NULL when they are.  A text is 0 .. REC_TEXT_MAX-1 bytes without
 * control characters (below 0x20, and 0x7f); UTF-8 is expected, not
 * checked. */
const char *rec_text_problem(const char *s, size_t len);

/* Finds two equal strings among n: the strings are at base, base + stride,
 * ... (each NUL-terminated).  Returns 1 and their indices (*a < *b) when
 * there are, 0 when all differ, -1 when memory runs out.  O(n log n). */
int rec_find_duplicate(const char *base, size_t stride, int n, int *a, int *b);

#endif
