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

/* The sorties table's DDL as NAME, its results the SQL list RESULTS. */
#define SORTIES_TABLE(NAME, ID, RESULTS)                                                                       \
    "CREATE TABLE " NAME " (id " ID ", trainee_id BIGINT REFERENCES trainees(id), "                            \
    "instructor_id BIGINT REFERENCES instructors(id), lesson_id TEXT NOT NULL, aircraft_type TEXT NOT NULL, "  \
    "tail_number TEXT, pilot TEXT NOT NULL, started_at TEXT NOT NULL, duration_s DOUBLE PRECISION NOT NULL, "  \
    "recording TEXT, result TEXT NOT NULL CHECK (result IN (" RESULTS ")), "                                   \
    "summary TEXT NOT NULL, comment TEXT, element_count INTEGER NOT NULL)"
#define SORTIES_COLUMNS                                                                                        \
    "id, trainee_id, instructor_id, lesson_id, aircraft_type, tail_number, pilot, started_at, duration_s, "    \
    "recording, result, summary, comment, element_count"
#define SORTIE_ELEMENTS_TABLE(ID)                                                                              \
    "CREATE TABLE sortie_elements (id " ID ", sortie_id BIGINT NOT NULL REFERENCES sorties(id), "              \
    "seq INTEGER NOT NULL, exercise TEXT NOT NULL, element TEXT NOT NULL, title TEXT NOT NULL, "              \
    "mark TEXT NOT NULL CHECK (mark IN ('Not observed', 'Unsatisfactory', 'Fair', 'Good', 'Excellent')), "    \
    "ratio DOUBLE PRECISION, worst DOUBLE PRECISION, worst_t_s DOUBLE PRECISION, lo DOUBLE PRECISION, "       \
    "hi DOUBLE PRECISION, unit TEXT, source TEXT, deductions TEXT, comment TEXT)"
#define SORTIE_ELEMENTS_COLUMNS                                                                                \
    "id, sortie_id, seq, exercise, element, title, mark, ratio, worst, worst_t_s, lo, hi, unit, source, "      \
    "deductions, comment"
#define SORTIE_RECORDINGS_TABLE                                                                                \
    "CREATE TABLE sortie_recordings (sortie_id BIGINT PRIMARY KEY REFERENCES "                                 \
    "sorties(id), encoding TEXT NOT NULL, size_bytes BIGINT NOT NULL, data TEXT NOT NULL)"

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
    SORTIES_TABLE("sorties", ID, "'Pass', 'Marginal', 'Unsat'"), SORTIE_ELEMENTS_TABLE(ID),                  \
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
static const char *const v3[] = {SORTIE_RECORDINGS_TABLE, NULL};

/* Version 4: a sortie may be Incomplete (ended with elements not
 * observed and nothing flown unsatisfactory; src/train/grade.c).  The
 * result's CHECK widens.  PostgreSQL swaps the constraint (named by its
 * convention, TABLE_COLUMN_check).  SQLite cannot alter a CHECK: the
 * table is built again under its name, ids and rows kept, as SQLite's
 * ALTER TABLE documentation lays out.  Its two children are set aside
 * and built again around it first, so that no foreign key ever points
 * at a dropped parent while foreign_keys is on (it cannot be turned off
 * inside the migration's transaction). */
static const char *const sqlite_v4[] = {
    "CREATE TABLE v4_elements AS SELECT " SORTIE_ELEMENTS_COLUMNS " FROM sortie_elements",
    "CREATE TABLE v4_recordings AS SELECT sortie_id, encoding, size_bytes, data FROM sortie_recordings",
    "DROP TABLE sortie_elements",
    "DROP TABLE sortie_recordings",
    SORTIES_TABLE("v4_sorties", "INTEGER PRIMARY KEY", "'Pass', 'Marginal', 'Unsat', 'Incomplete'"),
    "INSERT INTO v4_sorties (" SORTIES_COLUMNS ") SELECT " SORTIES_COLUMNS " FROM sorties",
    "DROP TABLE sorties",
    "ALTER TABLE v4_sorties RENAME TO sorties",
    "CREATE INDEX sorties_trainee ON sorties (trainee_id)",
    SORTIE_ELEMENTS_TABLE("INTEGER PRIMARY KEY"),
    "INSERT INTO sortie_elements (" SORTIE_ELEMENTS_COLUMNS ") SELECT " SORTIE_ELEMENTS_COLUMNS " FROM v4_elements",
    "CREATE INDEX sortie_elements_sortie ON sortie_elements (sortie_id)",
    SORTIE_RECORDINGS_TABLE,
    "INSERT INTO sortie_recordings (sortie_id, encoding, size_bytes, data) SELECT sortie_id, encoding, size_bytes, "
    "data FROM v4_recordings",
    "DROP TABLE v4_elements",
    "DROP TABLE v4_recordings",
    NULL};
static const char *const postgres_v4[] = {
    "ALTER TABLE sorties DROP CONSTRAINT sorties_result_check",
    "ALTER TABLE sorties ADD CONSTRAINT sorties_result_check CHECK (result IN ('Pass', 'Marginal', 'Unsat', "
    "'Incomplete'))",
    NULL};

/* Version 5: the instructor's grade.  An instructor may set a stored
 * sortie's result with a reason (records_sortie_regrade): `result` is
 * then the instructor's, `auto_result` the one the automatic grading
 * gave (NULL while it stands), `regrade_reason` why and `regraded_by`
 * the instructor's service number. */
static const char *const v5[] = {"ALTER TABLE sorties ADD COLUMN auto_result TEXT",
                                 "ALTER TABLE sorties ADD COLUMN regrade_reason TEXT",
                                 "ALTER TABLE sorties ADD COLUMN regraded_by TEXT", NULL};

/* Version 6: the instructor's marks.  A lesson's <instructor-grade>
 * items (what the simulator cannot observe: a checklist, the lookout, the
 * radio calls) are stored among the sortie's elements with
 * `by_instructor` 1, 'Not observed' until an instructor marks them
 * (`marked_by`: the service number).  `flown_result` and `flown_summary`
 * keep the flying's own grading, which the marks add to
 * (records_sortie_mark); NULL in sorties stored before, which have no
 * items. */
static const char *const v6[] = {"ALTER TABLE sortie_elements ADD COLUMN by_instructor INTEGER",
                                 "ALTER TABLE sortie_elements ADD COLUMN marked_by TEXT",
                                 "ALTER TABLE sorties ADD COLUMN flown_result TEXT",
                                 "ALTER TABLE sorties ADD COLUMN flown_summary TEXT", NULL};

/* Version 7: the instructors' scenarios (records_scenario_save): a named
 * set of conditions - weather, load, malfunctions, a position - kept as
 * the station commands that set them (a JSON array), for any station on
 * the same records to apply to the sortie it flies.  `aircraft` is the
 * type it was made for (NULL: any), `saved_by` the instructor's service
 * number. */
#define SCENARIOS_TABLE(ID)                                                                                            \
    "CREATE TABLE scenarios (id " ID ", name TEXT NOT NULL UNIQUE, aircraft TEXT, commands TEXT NOT NULL, "            \
    "saved_by TEXT, saved_at TEXT NOT NULL)"
static const char *const sqlite_v7[] = {SCENARIOS_TABLE("INTEGER PRIMARY KEY"), NULL};
static const char *const postgres_v7[] = {SCENARIOS_TABLE("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"), NULL};

/* Step v - 1 of each back end takes the schema to version v. */
static const char *const *const sqlite_steps[] = {sqlite_v1, v2, v3, sqlite_v4, v5, v6, sqlite_v7};
static const char *const *const postgres_steps[] = {postgres_v1, v2, v3, postgres_v4, v5, v6, postgres_v7};

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
