/*
 * utf8.h - whether a string is well-formed UTF-8 (RFC 3629): text that an
 * instructor or a trainee typed and that Saqr stores (the records, whose
 * PostgreSQL refuses anything else) or writes into pages and recordings.
 */
#ifndef SAQR_UTIL_UTF8_H
#define SAQR_UTIL_UTF8_H

/* 1 when the NUL-terminated s is well-formed UTF-8: shortest forms only,
 * no surrogates, nothing past U+10FFFF; 0 otherwise. */
int utf8_valid(const char *s);

#endif
