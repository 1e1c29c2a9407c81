/*
 * test_auth.c - instructors' passwords and login sessions
 * (src/station/auth.h): Argon2id hashes that only the right password
 * opens, and sessions that end when idle, when too old, or at logout.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "station/auth.h"

static void a_hash_opens_only_with_its_password(void **state)
{
    (void)state;
    char h1[AUTH_HASH_MAX], h2[AUTH_HASH_MAX];
    saqr_err err = {""};
    assert_int_equal(auth_hash_password("correct horse", h1, &err), SAQR_OK);
    assert_int_equal(auth_hash_password("correct horse", h2, &err), SAQR_OK);
    /* the standard's own encoding: algorithm, version, costs, salt, hash */
    assert_memory_equal(h1, "$argon2id$", 10);
    assert_null(strstr(h1, "correct horse"));
    assert_string_not_equal(h1, h2); /* salted: the same password, two hashes */
    assert_true(auth_password_matches(h1, "correct horse"));
    assert_true(auth_password_matches(h2, "correct horse"));
    assert_false(auth_password_matches(h1, "correct horsf"));
    assert_false(auth_password_matches(h1, "correct hors"));
    assert_false(auth_password_matches(h1, ""));
    assert_false(auth_password_matches("", "correct horse"));
    assert_false(auth_password_matches("$argon2id$v=19$garbage", "correct horse"));
}

static void short_and_long_passwords_are_refused(void **state)
{
    (void)state;
    char h[AUTH_HASH_MAX], pw[AUTH_PASSWORD_MAX + 2];
    saqr_err err = {""};
    assert_int_equal(auth_hash_password("seven77", h, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "password"));
    assert_string_equal(h, "");
    memset(pw, 'x', sizeof pw - 1);
    pw[sizeof pw - 1] = '\0';
    assert_int_equal(auth_hash_password(pw, h, &err), SAQR_EINVAL);
    pw[AUTH_PASSWORD_MAX] = '\0';
    assert_int_equal(auth_hash_password(pw, h, &err), SAQR_OK);
    assert_true(auth_password_matches(h, pw));
}

static void tokens_are_random_hex(void **state)
{
    (void)state;
    char a[AUTH_TOKEN_HEX + 1], b[AUTH_TOKEN_HEX + 1];
    auth_random_hex(a, AUTH_TOKEN_HEX / 2);
    auth_random_hex(b, AUTH_TOKEN_HEX / 2);
    assert_int_equal(strlen(a), AUTH_TOKEN_HEX);
    assert_int_equal(strspn(a, "0123456789abcdef"), AUTH_TOKEN_HEX);
    assert_string_not_equal(a, b);
    assert_true(auth_token_equal(a, a));
    assert_false(auth_token_equal(a, b));
    assert_false(auth_token_equal("", ""));
    assert_false(auth_token_equal("abc", "abcd"));
}

static const auth_who ins = {7, "INS-7", "Flt Lt Example"};

static void a_session_lives_while_used_and_ends_when_idle(void **state)
{
    (void)state;
    auth_sessions *s = auth_sessions_create(600.0, 3600.0);
    char tok[AUTH_TOKEN_HEX + 1];
    auth_who who;
    auth_session_open(s, &ins, 1000.0, tok);
    assert_true(auth_session_check(s, tok, 1500.0, &who));
    assert_int_equal(who.instructor_id, 7);
    assert_string_equal(who.service_number, "INS-7");
    assert_true(auth_session_check(s, tok, 2050.0, NULL));  /* 550 s after the last use */
    assert_false(auth_session_check(s, tok, 2651.0, NULL)); /* 601 s idle: over */
    assert_false(auth_session_check(s, tok, 2652.0, NULL)); /* and stays over */
    auth_sessions_destroy(s);
}

static void a_session_ends_at_its_age_limit_however_used(void **state)
{
    (void)state;
    auth_sessions *s = auth_sessions_create(600.0, 3600.0);
    char tok[AUTH_TOKEN_HEX + 1];
    auth_session_open(s, &ins, 0.0, tok);
    for (double t = 500.0; t <= 3500.0; t += 500.0)
        assert_true(auth_session_check(s, tok, t, NULL));
    assert_false(auth_session_check(s, tok, 3601.0, NULL));
    auth_sessions_destroy(s);
}

static void logout_ends_only_that_session(void **state)
{
    (void)state;
    auth_sessions *s = auth_sessions_create(600.0, 3600.0);
    char a[AUTH_TOKEN_HEX + 1], b[AUTH_TOKEN_HEX + 1];
    auth_session_open(s, &ins, 0.0, a);
    auth_session_open(s, &ins, 0.0, b);
    auth_session_close(s, a);
    assert_false(auth_session_check(s, a, 1.0, NULL));
    assert_true(auth_session_check(s, b, 1.0, NULL));
    /* unknown, malformed, empty and NULL tokens */
    char forged[AUTH_TOKEN_HEX + 1];
    memcpy(forged, b, sizeof forged);
    forged[0] = forged[0] == 'a' ? 'b' : 'a';
    assert_false(auth_session_check(s, forged, 1.0, NULL));
    assert_false(auth_session_check(s, "abc", 1.0, NULL));
    assert_false(auth_session_check(s, "", 1.0, NULL));
    assert_false(auth_session_check(s, NULL, 1.0, NULL));
    auth_session_close(s, NULL);
    auth_sessions_destroy(s);
}

static void a_full_table_drops_the_least_recently_used(void **state)
{
    (void)state;
    auth_sessions *s = auth_sessions_create(600.0, 3600.0);
    char tok[AUTH_MAX_SESSIONS + 1][AUTH_TOKEN_HEX + 1];
    for (int i = 0; i < AUTH_MAX_SESSIONS; i++)
        auth_session_open(s, &ins, (double)i, tok[i]);
    assert_true(auth_session_check(s, tok[0], 100.0, NULL)); /* 0 is now the most recent */
    auth_session_open(s, &ins, 101.0, tok[AUTH_MAX_SESSIONS]);
    assert_true(auth_session_check(s, tok[0], 102.0, NULL));
    assert_false(auth_session_check(s, tok[1], 102.0, NULL)); /* the least recently used went */
    assert_true(auth_session_check(s, tok[AUTH_MAX_SESSIONS], 102.0, NULL));
    auth_sessions_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_hash_opens_only_with_its_password),
        cmocka_unit_test(short_and_long_passwords_are_refused),
        cmocka_unit_test(tokens_are_random_hex),
        cmocka_unit_test(a_session_lives_while_used_and_ends_when_idle),
        cmocka_unit_test(a_session_ends_at_its_age_limit_however_used),
        cmocka_unit_test(logout_ends_only_that_session),
        cmocka_unit_test(a_full_table_drops_the_least_recently_used),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
