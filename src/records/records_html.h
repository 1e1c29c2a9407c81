/*
 * records_html.h - the style sheet the records' printable pages (the
 * training record, the course report) share, with print rules that keep
 * rows, tables marked "keep" and headings with what follows them whole.
 */
#ifndef SAQR_RECORDS_RECORDS_HTML_H
#define SAQR_RECORDS_RECORDS_HTML_H

extern const char records_html_css[];

#endif
