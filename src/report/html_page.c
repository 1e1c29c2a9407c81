/*
 * html_page.c - the opening of Saqr's HTML pages (see html_page.h).
 */
#include "report/html_page.h"

#include "report/svg_plot.h"

void html_page_open(FILE *f, const char *title, const char *subject, const char *css)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>", f);
    svg_escape(f, title);
    if (subject) {
        fputc(' ', f);
        svg_escape(f, subject);
    }
    fputs("</title><style>", f);
    fputs(css, f);
    fputs("</style></head><body>\n", f);
}
