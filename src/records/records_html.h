/*
 * records_html.h - what the records' printable pages (the training record,
 * the course report) share: the page's opening with its print styles, and
 * escaped text.
 */
#ifndef SAQR_RECORDS_RECORDS_HTML_H
#define SAQR_RECORDS_RECORDS_HTML_H

#include <stdio.h>

/* Writes the page's opening up to and including <body>: the title
 * `title` followed by `subject` (escaped), and styles for screen and
 * print (rows and tables with class "keep" are not split across pages). */
void records_html_open(FILE *f, const char *title, const char *subject);

/* `s` as HTML text: escaped, control characters and bad UTF-8 made safe. */
void records_html_text(FILE *f, const char *s);

/* YYYY-MM-DD of an ISO 8601 time ("" stays ""). */
void records_html_date(FILE *f, const char *iso);

#endif
