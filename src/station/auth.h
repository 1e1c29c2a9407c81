/*
 * auth.h - who may use the instructor station: instructors' passwords
 * (hashed with Argon2id through libsodium's crypto_pwhash_str, which
 * stores salt and cost with the hash; OWASP's password-storage guidance
 * names Argon2id first), login sessions (random 256-bit tokens that expire
 * after a spell of inactivity and at an absolute limit) and the cockpit
 * key the trainee's page connects with.
 *
 * Times are passed in (seconds on any monotonic scale) so the expiry rules
 * are tested without waiting; the sessions table locks itself, so any web
 * thread may call it.
 */
#ifndef SAQR_STATION_AUTH_H
#define SAQR_STATION_AUTH_H

#include <stddef.h>

#include "util/err.h"

#define AUTH_PASSWORD_MIN 8     /* characters                               */
#define AUTH_PASSWORD_MAX 128
#define AUTH_HASH_MAX 256       /* a crypto_pwhash_str string fits           */
#define AUTH_TOKEN_HEX 64       /* 32 random bytes as hex, without the NUL   */
#define AUTH_MAX_SESSIONS 64    /* the oldest session makes room beyond this */

/* Hashes `password` into out (AUTH_HASH_MAX bytes).  SAQR_EINVAL for a
 * password shorter than AUTH_PASSWORD_MIN or longer than AUTH_PASSWORD_MAX
 * characters; SAQR_ENOMEM when the hash's memory cannot be had. */
int auth_hash_password(const char *password, char out[AUTH_HASH_MAX], saqr_err *err);

/* 1 when `password` matches `hash`, 0 when not (also for an empty or
 * malformed hash).  Takes about as long either way. */
int auth_password_matches(const char *hash, const char *password);

/* `nbytes` random bytes (from the operating system) as lower-case hex into
 * out (2 * nbytes + 1 bytes). */
void auth_random_hex(char *out, size_t nbytes);

/* Constant-time comparison of two NUL-terminated strings; 1 when equal. */
int auth_token_equal(const char *a, const char *b);

typedef struct auth_sessions auth_sessions;

typedef struct auth_who {
    long long instructor_id;
    char service_number[32];
    char name[96];
} auth_who;

/* idle_s: a session not used for this long ends; max_s: no session lives
 * longer.  NULL when out of memory. */
auth_sessions *auth_sessions_create(double idle_s, double max_s);
void auth_sessions_destroy(auth_sessions *s);

/* Opens a session for `who` at now_s; its token into token. */
void auth_session_open(auth_sessions *s, const auth_who *who, double now_s, char token[AUTH_TOKEN_HEX + 1]);

/* 1 and *who filled when `token` names a live session at now_s (which
 * then counts as use); 0 when unknown, malformed or expired (an expired
 * session is removed). */
int auth_session_check(auth_sessions *s, const char *token, double now_s, auth_who *who);

/* Ends the session of `token` (nothing when there is none). */
void auth_session_close(auth_sessions *s, const char *token);

#endif
