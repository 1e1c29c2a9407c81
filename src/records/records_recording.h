/*
 * records_recording.h - the records' own copy of a stored sortie's
 * recording (records_recording.c); records_sortie_recording, which reads
 * it back, is in records.h.  Not a public interface.
 */
#ifndef SAQR_RECORDS_RECORDS_RECORDING_H
#define SAQR_RECORDS_RECORDS_RECORDING_H

#include "records/db.h"

/* Keeps the recording at `path` with the sortie whose id (as text) is
 * sortie_id, inside the caller's transaction.  A file that cannot be read
 * here is not an error (the sortie keeps its path only): SAQR_OK; the
 * database's refusal, or no memory, is. */
int records_recording_keep(rdb *db, const char *sortie_id, const char *path, saqr_err *err);

#endif
