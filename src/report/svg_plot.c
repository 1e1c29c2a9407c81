/*
 * svg_plot.c - inline-SVG plotting helpers: mapping, escaping, ticks,
 * axes and thinned polylines (see svg_plot.h).
 *
 * Nice tick steps after Heckbert, "Nice numbers for graph labels",
 * Graphics Gems (1990).  UTF-8 validity after RFC 3629 section 4; the
 * characters kept are those XML 1.0 (section 2.2) allows, less the C0 and
 * C1 controls HTML calls parse errors.
 */
#include "report/svg_plot.h"

#include <math.h>
#include <string.h>

double svg_px(const svg_frame *fr, double x)
{
    return fr->left_px + (x - fr->x0) / (fr->x1 - fr->x0) * fr->width_px;
}

double svg_py(const svg_frame *fr, double y)
{
    return fr->top_px + (1.0 - (y - fr->y0) / (fr->y1 - fr->y0)) * fr->height_px;
}

size_t svg_range(const double *v, size_t n, size_t stride, double *lo, double *hi)
{
    size_t nfinite = 0;
    for (size_t k = 0; k < n; k++) {
        double x = v[k * stride];
        if (!isfinite(x))
            continue;
        if (nfinite == 0 || x < *lo)
            *lo = x;
        if (nfinite == 0 || x > *hi)
            *hi = x;
        nfinite++;
    }
    return nfinite;
}

void svg_frame_equal(svg_frame *fr)
{
    double ux = (fr->x1 - fr->x0) / fr->width_px;  /* data units per px */
    double uy = (fr->y1 - fr->y0) / fr->height_px;
    if (ux > uy) {
        double c = 0.5 * (fr->y0 + fr->y1), half = 0.5 * ux * fr->height_px;
        fr->y0 = c - half;
        fr->y1 = c + half;
    } else {
        double c = 0.5 * (fr->x0 + fr->x1), half = 0.5 * uy * fr->width_px;
        fr->x0 = c - half;
        fr->x1 = c + half;
    }
}

double svg_nice_step(double span, int target)
{
    if (!(span > 0.0) || !isfinite(span))
        return 0.0;
    double raw = span / (target > 0 ? target : 1);
    double mag = pow(10.0, floor(log10(raw)));
    double m = raw / mag;
    double nice = m < 1.5 ? 1.0 : m < 3.5 ? 2.0 : m < 7.5 ? 5.0 : 10.0;
    return nice * mag;
}

/* ------------------------------------------------------------ escaping */

/* Length of the UTF-8 sequence at p (at most `avail` bytes) and its code
 * point in *cp, or 0 when the bytes there are not valid UTF-8. */
static size_t utf8_decode(const unsigned char *p, size_t avail, unsigned long *cp)
{
    unsigned c = p[0];
    size_t len;
    unsigned long v;
    unsigned lo = 0x80, hi = 0xBF; /* range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        v = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        v = c & 0x0Fu;
        if (c == 0xE0)
            lo = 0xA0; /* no overlong forms */
        if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        v = c & 0x07u;
        if (c == 0xF0)
            lo = 0x90;
        if (c == 0xF4)
            hi = 0x8F; /* nothing above U+10FFFF */
    } else {
        return 0;
    }
    if (len > avail)
        return 0;
    for (size_t i = 1; i < len; i++) {
        unsigned b = p[i];
        if (b < (i == 1 ? lo : 0x80u) || b > (i == 1 ? hi : 0xBFu))
            return 0; /* also stops at a NUL */
        v = (v << 6) | (b & 0x3Fu);
    }
    *cp = v;
    return len;
}

void svg_escape_n(FILE *f, const char *s, size_t max)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < max && p[i]) {
        unsigned c = p[i];
        if (c < 0x80) {
            switch (c) {
            case '<': fputs("&lt;", f); break;
            case '>': fputs("&gt;", f); break;
            case '&': fputs("&amp;", f); break;
            case '"': fputs("&quot;", f); break;
            case '\t':
            case '\n': fputc((int)c, f); break;
            default:
                if (c >= 0x20 && c != 0x7F)
                    fputc((int)c, f);
            }
            i++;
            continue;
        }
        unsigned long cp = 0;
        size_t len = utf8_decode(p + i, max - i, &cp);
        if (len == 0 || cp == 0xFFFE || cp == 0xFFFF) {
            fputs("\xEF\xBF\xBD", f); /* U+FFFD REPLACEMENT CHARACTER */
            i += len ? len : 1;
            continue;
        }
        if (cp > 0x9F) /* C1 controls are dropped */
            fwrite(p + i, 1, len, f);
        i += len;
    }
}

void svg_escape(FILE *f, const char *s)
{
    svg_escape_n(f, s, (size_t)-1);
}

/* ---------------------------------------------------------------- axes */

void svg_open(FILE *f, double w, double h, const char *cls, const svg_frame *fr)
{
    fprintf(f, "<svg width=\"%.0f\" height=\"%.0f\" role=\"img\"", w, h);
    if (cls)
        fprintf(f, " class=\"%s\"", cls);
    fprintf(f, "><rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" stroke=\"#999\"/>",
            fr->left_px, fr->top_px, fr->width_px, fr->height_px);
}

/* Tick value v as text, with as many decimals as the step needs. */
static void tick_text(char *buf, size_t size, double v, double step)
{
    int decimals = step >= 1.0 ? 0 : (int)ceil(-log10(step) - 1e-9);
    if (fabs(v) < 1e-9 * step)
        v = 0.0; /* no "-0" */
    snprintf(buf, size, "%.*f", decimals, v);
}

static void put_tick(FILE *f, double v, double step)
{
    char buf[64];
    tick_text(buf, sizeof buf, v, step);
    fputs(buf, f);
}

/* The x axis's step: a nice one with about eight ticks, fewer where
 * their labels (font-size 11: ~6.2 px a character, and a gap) would not
 * fit side by side in the plot's width - a narrow histogram of a gain
 * between 0.88 and 1.14 printed "0.880.900.92...". */
static double x_tick_step(const svg_frame *fr)
{
    double span = fr->x1 - fr->x0, step = 0.0;
    for (int target = 8; target >= 2; target--) {
        step = svg_nice_step(span, target);
        if (step == 0.0)
            return 0.0;
        char a[64], b[64];
        tick_text(a, sizeof a, ceil(fr->x0 / step) * step, step);
        tick_text(b, sizeof b, floor(fr->x1 / step) * step, step);
        double label_px = 6.2 * (double)(strlen(a) > strlen(b) ? strlen(a) : strlen(b)) + 8.0;
        double step_px = fr->width_px * step / span;
        if (step_px >= label_px)
            break;
    }
    return step;
}

/* Grid lines and labels at multiples of a nice step along the x axis, or
 * along the y axis when `vertical`. */
static void ticks(FILE *f, const svg_frame *fr, int vertical)
{
    double lo = vertical ? fr->y0 : fr->x0, hi = vertical ? fr->y1 : fr->x1;
    double step = vertical ? svg_nice_step(hi - lo, 5) : x_tick_step(fr);
    if (step == 0.0)
        return;
    double first = ceil(lo / step) * step;
    double right = fr->left_px + fr->width_px, bottom = fr->top_px + fr->height_px;
    for (int k = 0; k <= 100; k++) {
        double v = first + k * step;
        if (v > hi + 1e-9 * step)
            break;
        if (vertical) {
            double y = svg_py(fr, v);
            fprintf(f, "<g class=\"ytick\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>"
                       "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">",
                    fr->left_px, y, right, y, fr->left_px - 5, y + 4);
        } else {
            double x = svg_px(fr, v);
            fprintf(f, "<g class=\"xtick\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>"
                       "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\">",
                    x, fr->top_px, x, bottom, x, bottom + 14);
        }
        put_tick(f, v, step);
        fputs("</text></g>", f);
    }
}

void svg_axes(FILE *f, const svg_frame *fr, const char *x_title, const char *y_title)
{
    ticks(f, fr, 0);
    ticks(f, fr, 1);
    double cx = fr->left_px + fr->width_px / 2, cy = fr->top_px + fr->height_px / 2;
    if (x_title) {
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\">", cx,
                fr->top_px + fr->height_px + 30);
        svg_escape(f, x_title);
        fputs("</text>", f);
    }
    if (y_title) {
        fprintf(f, "<text x=\"14\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\" "
                   "transform=\"rotate(-90 14 %.1f)\">", cy, cy);
        svg_escape(f, y_title);
        fputs("</text>", f);
    }
}

/* ----------------------------------------------------------- polylines */

static void put_point(FILE *f, const svg_frame *fr, double x, double y, size_t *written, const char *attrs)
{
    if (*written == 0)
        fprintf(f, "<polyline %s points=\"", attrs);
    fprintf(f, "%.1f,%.1f ", svg_px(fr, x), svg_py(fr, y));
    (*written)++;
}

size_t svg_polyline(FILE *f, const svg_frame *fr, const double *x, const double *y, size_t n, size_t stride,
                    size_t max_points, const char *attrs)
{
    size_t written = 0;
    if (max_points < 2 || n <= max_points) {
        for (size_t k = 0; k < n; k++)
            if (isfinite(x[k * stride]) && isfinite(y[k * stride]))
                put_point(f, fr, x[k * stride], y[k * stride], &written, attrs);
    } else {
        size_t nb = max_points / 2;
        for (size_t b = 0; b < nb; b++) {
            size_t i0 = b * n / nb, i1 = (b + 1) * n / nb, kmin = n, kmax = n;
            for (size_t k = i0; k < i1; k++) {
                double xv = x[k * stride], yv = y[k * stride];
                if (!isfinite(xv) || !isfinite(yv))
                    continue;
                if (kmin == n || yv < y[kmin * stride])
                    kmin = k;
                if (kmax == n || yv > y[kmax * stride])
                    kmax = k;
            }
            if (kmin == n)
                continue; /* nothing finite in this bucket */
            size_t first = kmin < kmax ? kmin : kmax, second = kmin < kmax ? kmax : kmin;
            put_point(f, fr, x[first * stride], y[first * stride], &written, attrs);
            if (second != first)
                put_point(f, fr, x[second * stride], y[second * stride], &written, attrs);
        }
    }
    if (written)
        fputs("\"/>", f);
    return written;
}
