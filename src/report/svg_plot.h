/*
 * svg_plot.h - small inline-SVG plotting for Saqr's self-contained HTML
 * pages (the qualification report, the sortie debrief): the data-to-pixel
 * mapping, text escaping, "nice" tick steps, axes with a grid, equal axis
 * scales for maps, and polylines thinned to a few thousand points with
 * the minimum and maximum of every bucket kept so that spikes stay
 * visible.
 *
 * Everything writes to a caller's FILE and allocates nothing.  Nothing
 * here can fail except the stream itself (check ferror on it).
 *
 * Nice tick steps: 1, 2 or 5 times a power of ten (Heckbert, "Nice
 * numbers for graph labels", Graphics Gems, 1990).
 */
#ifndef SAQR_REPORT_SVG_PLOT_H
#define SAQR_REPORT_SVG_PLOT_H

#include <stddef.h>
#include <stdio.h>

/* Where data land on the page: the data rectangle [x0, x1] x [y0, y1] is
 * drawn into the pixel box at (left_px, top_px) of width_px x height_px.
 * SVG's y grows downwards, so y1 is at the top of the box. */
typedef struct svg_frame {
    double x0, x1;      /* data range along x (x0 < x1), data units        */
    double y0, y1;      /* data range along y (y0 < y1), data units        */
    double left_px;     /* left edge of the plot box, px from the SVG's    */
    double top_px;      /* top edge of the plot box, px                    */
    double width_px;    /* size of the plot box, px                        */
    double height_px;
} svg_frame;

/* Pixel column of data x / pixel row of data y (no clipping). */
double svg_px(const svg_frame *fr, double x);
double svg_py(const svg_frame *fr, double y);

/* Smallest and largest finite value of v[0], v[stride], ... (n values);
 * returns how many were finite and leaves *lo, *hi alone when none. */
size_t svg_range(const double *v, size_t n, size_t stride, double *lo, double *hi);

/* Widens the narrower data range of `fr` about its centre so that one
 * data unit is the same number of pixels along x and y (a true-shape
 * map).  Ranges must be non-empty. */
void svg_frame_equal(svg_frame *fr);

/* A step for about `target` ticks over `span`: 1, 2 or 5 x 10^k.  Returns
 * 0 when span is not a positive finite number. */
double svg_nice_step(double span, int target);

/* Writes `s` (at most `max` bytes, stopping at a NUL) as HTML/XML text or
 * attribute content: < > & " escaped, control characters dropped (tab and
 * newline kept), and bytes that are not valid UTF-8 written as U+FFFD, so
 * that any string from any file gives well-formed markup. */
void svg_escape_n(FILE *f, const char *s, size_t max);
void svg_escape(FILE *f, const char *s); /* the same for a NUL-ended string */

/* Opens an <svg> of w x h px (class `cls` unless NULL) and draws the plot
 * box's border. */
void svg_open(FILE *f, double w, double h, const char *cls, const svg_frame *fr);

/* Grid lines with tick labels at nice steps along both axes, and the axis
 * titles (escaped; NULL for none).  Each tick is a
 * <g class="xtick"|"ytick"> holding its <line> and its <text> label. */
void svg_axes(FILE *f, const svg_frame *fr, const char *x_title, const char *y_title);

/* Writes <polyline ATTRS points="x,y x,y ..."/> through the points
 * (x[k*stride], y[k*stride]), k < n, leaving out those that are not
 * finite.  When n > max_points (>= 2) the points are cut into max_points/2
 * buckets by index and each bucket gives its lowest and highest y, in the
 * order they occur.  Returns the number of points written (nothing is
 * written when none). */
size_t svg_polyline(FILE *f, const svg_frame *fr, const double *x, const double *y, size_t n, size_t stride,
                    size_t max_points, const char *attrs);

#endif
