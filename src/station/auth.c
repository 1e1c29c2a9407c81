/*
 * auth.c - instructors' passwords and login sessions (see auth.h).
 */
#include "station/auth.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* libsodium's own once-only set-up; safe to call from any thread, any
 * number of times. */
static int sodium_ready(void)
{
    return sodium_init() >= 0;
}

int auth_hash_password(const char *password, char out[AUTH_HASH_MAX], saqr_err *err)
{
    out[0] = '\0';
    size_t n = password ? strlen(password) : 0;
    if (n < AUTH_PASSWORD_MIN || n > AUTH_PASSWORD_MAX)
        return err_set(err, SAQR_EINVAL, "password: %d to %d characters, not %zu", AUTH_PASSWORD_MIN,
                       AUTH_PASSWORD_MAX, n);
    _Static_assert(AUTH_HASH_MAX >= crypto_pwhash_STRBYTES, "a hash string fits");
    if (!sodium_ready() ||
        crypto_pwhash_str(out, password, (unsigned long long)n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return err_set(err, SAQR_ENOMEM, "password: not enough memory to hash it");
    return SAQR_OK;
}

int auth_password_matches(const char *hash, const char *password)
{
    if (!hash || !password || !sodium_ready())
        return 0;
    size_t hn = strnlen(hash, AUTH_HASH_MAX), pn = strnlen(password, AUTH_PASSWORD_MAX + 1);
    if (hn == 0 || hn >= AUTH_HASH_MAX || pn > AUTH_PASSWORD_MAX)
        return 0;
    return crypto_pwhash_str_verify(hash, password, (unsigned long long)pn) == 0;
}

void auth_random_hex(char *out, size_t nbytes)
{
    unsigned char buf[64];
    if (nbytes > sizeof buf)
        nbytes = sizeof buf;
    if (!sodium_ready())
        abort(); /* no source of randomness: refuse to make guessable tokens */
    randombytes_buf(buf, nbytes);
    sodium_bin2hex(out, 2 * nbytes + 1, buf, nbytes);
    sodium_memzero(buf, sizeof buf);
}

int auth_token_equal(const char *a, const char *b)
{
    size_t n = strlen(a);
    if (n != strlen(b) || n == 0)
        return 0;
    return sodium_memcmp(a, b, n) == 0;
}

typedef struct session {
    int used;
    char token[AUTH_TOKEN_HEX + 1];
    auth_who who;
    double opened_s, last_s;
} session;

struct auth_sessions {
    pthread_mutex_t lock;
    double idle_s, max_s;
    session s[AUTH_MAX_SESSIONS];
};

auth_sessions *auth_sessions_create(double idle_s, double max_s)
{
    auth_sessions *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    pthread_mutex_init(&s->lock, NULL);
    s->idle_s = idle_s;
    s->max_s = max_s;
    return s;
}

void auth_sessions_destroy(auth_sessions *s)
{
    if (!s)
        return;
    pthread_mutex_destroy(&s->lock);
    sodium_memzero(s, sizeof *s);
    free(s);
}

static int expired(const auth_sessions *t, const session *s, double now_s)
{
    return now_s - s->last_s > t->idle_s || now_s - s->opened_s > t->max_s || now_s < s->opened_s;
}

void auth_session_open(auth_sessions *t, const auth_who *who, double now_s, char token[AUTH_TOKEN_HEX + 1])
{
    pthread_mutex_lock(&t->lock);
    int k = -1;
    for (int i = 0; i < AUTH_MAX_SESSIONS; i++) {
        if (t->s[i].used && expired(t, &t->s[i], now_s))
            t->s[i].used = 0;
        if (!t->s[i].used && k < 0)
            k = i;
    }
    if (k < 0) { /* full: the session used least recently makes room */
        k = 0;
        for (int i = 1; i < AUTH_MAX_SESSIONS; i++)
            if (t->s[i].last_s < t->s[k].last_s)
                k = i;
    }
    session *s = &t->s[k];
    memset(s, 0, sizeof *s);
    s->used = 1;
    auth_random_hex(s->token, AUTH_TOKEN_HEX / 2);
    s->who = *who;
    s->opened_s = s->last_s = now_s;
    memcpy(token, s->token, AUTH_TOKEN_HEX + 1);
    pthread_mutex_unlock(&t->lock);
}

int auth_session_check(auth_sessions *t, const char *token, double now_s, auth_who *who)
{
    if (!token || strnlen(token, AUTH_TOKEN_HEX + 1) != AUTH_TOKEN_HEX)
        return 0;
    int ok = 0;
    pthread_mutex_lock(&t->lock);
    for (int i = 0; i < AUTH_MAX_SESSIONS; i++) {
        session *s = &t->s[i];
        if (!s->used || !auth_token_equal(s->token, token))
            continue;
        if (expired(t, s, now_s)) {
            s->used = 0;
            break;
        }
        s->last_s = now_s;
        if (who)
            *who = s->who;
        ok = 1;
        break;
    }
    pthread_mutex_unlock(&t->lock);
    return ok;
}

void auth_session_close(auth_sessions *t, const char *token)
{
    if (!token)
        return;
    pthread_mutex_lock(&t->lock);
    for (int i = 0; i < AUTH_MAX_SESSIONS; i++)
        if (t->s[i].used && auth_token_equal(t->s[i].token, token))
            t->s[i].used = 0;
    pthread_mutex_unlock(&t->lock);
}
