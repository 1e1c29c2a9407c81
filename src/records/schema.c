/*
 * schema.c - the migrations of the training records' schema, one list of
 * statements per version and back end (see db_internal.h).  Version 1 is
 * the schema of the records contract: one table each for trainees,
 * instructors, aircraft types, airframes, the syllabus (lessons), sorties
 * and their graded elements.  Times are TEXT in ISO 8601 UTC
 * ("2026-11-29T05:30:00Z"); NaN and infinite numbers are stored as NULL.
 *
 * The dialects differ only in the auto-increment ids: SQLite's
 * INTEGER PRIMARY KEY (an alias of the rowid) against PostgreSQL's
 * BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY.  A new version appends
 * a step here and raises rdb_schema_latest(); a released step never
 * changes (databases in the field have already run it).
 */
#include "records/db_internal.h"

/* Expands to the version-1 DDL with ID as the id column's type. */
#define SCHEMA_V1(ID)                                                                                          \
    "CREATE TABLE schema_version (version INTEGER NOT NULL)",                                                  \
    "CREATE TABLE trainees (id " ID ", service_number TEXT NOT NULL UNIQUE, name TEXT NOT NULL, "              \
    "course TEXT NOT NULL, created_at TEXT NOT NULL)",                                                         \
    "CREATE TABLE instructors (id " ID ", service_number TEXT NOT NULL UNIQUE, name TEXT NOT NULL)",           \
    "CREATE TABLE aircraft_types (id " ID ", name TEXT NOT NULL UNIQUE)",                                      \
    "CREATE TABLE airframes (id " ID ", type_id BIGINT NOT NULL REFERENCES aircraft_types(id), "               \
    "tail_number TEXT NOT NULL UNIQUE)",                                                                       \
    "CREATE TABLE lessons (id " ID ", lesson_id TEXT NOT NULL UNIQUE, course TEXT NOT NULL, "                  \
    "seq INTEGER NOT NULL, title TEXT NOT NULL)",                                                              \
    "CREATE TABLE sorties (id " ID ", trainee_id BIGINT REFERENCES trainees(id), "                             \
    "instructor_id BIGINT REFERENCES instructors(id), lesson_id TEXT NOT NULL, aircraft_type TEXT NOT NULL, "  \
    "tail_number TEXT, pilot TEXT NOT NULL, started_at TEXT NOT NULL, duration_s DOUBLE PRECISION NOT NULL, "  \
    "recording TEXT, result TEXT NOT NULL CHECK (result IN ('Pass', 'Marginal', 'Unsat')), "                   \
    "summary TEXT NOT NULL, comment TEXT, element_count INTEGER NOT NULL)",                                    \
    "CREATE TABLE sortie_elements (id " ID ", sortie_id BIGINT NOT NULL REFERENCES sorties(id), "              \
    "seq INTEGER NOT NULL, exercise TEXT NOT NULL, element TEXT NOT NULL, title TEXT NOT NULL, "              \
    "mark TEXT NOT NULL CHECK (mark IN ('Not observed', 'Unsatisfactory', 'Fair', 'Good', 'Excellent')), "    \
    "ratio DOUBLE PRECISION, worst DOUBLE PRECISION, worst_t_s DOUBLE PRECISION, lo DOUBLE PRECISION, "       \
    "hi DOUBLE PRECISION, unit TEXT, source TEXT, deductions TEXT, comment TEXT)",                             \
    "CREATE INDEX sorties_trainee ON sorties (trainee_id)",                                                    \
    "CREATE INDEX sortie_elements_sortie ON sortie_elements (sortie_id)", NULL

static const char *const sqlite_v1[] = {SCHEMA_V1("INTEGER PRIMARY KEY")};
static const char *const postgres_v1[] = {SCHEMA_V1("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY")};

/* Version 2: instructors log in to the web instructor station.  The
 * password is stored only as a libsodium crypto_pwhash_str string
 * (Argon2id with its salt and cost parameters; src/station/auth.h);
 * NULL: the instructor cannot log in until one is set. */
static const char *const v2[] = {"ALTER TABLE instructors ADD COLUMN password_hash TEXT", NULL};

/* Version 3: a stored sortie's recording kept in the records beside it
 * (records_recording.c): any station on the same records can debrief,
 * replay and export a sortie another flew, and a recording lost from a
 * station's disk is not lost.  TEXT rather than a binary type, so that
 * both back ends take it as a plain parameter: the bytes deflated (zlib)
 * and then in base64, with their length before deflating. */
static const char *const v3[] = {"CREATE TABLE sortie_recordings (sortie_id BIGINT PRIMARY KEY REFERENCES "
                                 "sorties(id), encoding TEXT NOT NULL, size_bytes BIGINT NOT NULL, data TEXT NOT NULL)",
                                 NULL};

/* Step v - 1 of each back end takes the schema to version v. */
static const char *const *const sqlite_steps[] = {sqlite_v1, v2, v3};
static const char *const *const postgres_steps[] = {postgres_v1, v2, v3};

#define SCHEMA_LATEST ((int)(sizeof sqlite_steps / sizeof sqlite_steps[0]))

_Static_assert(sizeof sqlite_steps == sizeof postgres_steps, "every migration exists for both back ends");

int rdb_schema_latest(void)
{
    return SCHEMA_LATEST;
}

const char *const *rdb_schema_steps(rdb_backend kind, int version)
{
    if (version < 1 || version > SCHEMA_LATEST)
        return NULL;
    return kind == RDB_POSTGRES ? postgres_steps[version - 1] : sqlite_steps[version - 1];
}
