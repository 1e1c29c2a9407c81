/*
 * html_page.h - the opening of Saqr's self-contained HTML pages (the
 * training record, the course report, the lesson briefing, the
 * comparison): the document type, UTF-8, the escaped title and the page's
 * own style sheet, up to and including <body>.
 */
#ifndef SAQR_REPORT_HTML_PAGE_H
#define SAQR_REPORT_HTML_PAGE_H

#include <stdio.h>

/* Writes the opening with the title `title`, followed by a space and
 * `subject` when subject is not NULL (both escaped), and the style sheet
 * `css` as it is (a constant of the page's code, never input). */
void html_page_open(FILE *f, const char *title, const char *subject, const char *css);

#endif
