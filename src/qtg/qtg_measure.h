/*
 * qtg_measure.h - the measuring test flights (qtg_perf.c, qtg_dyn.c,
 * qtg_field.c, qtg_lateral.c, qtg_engine.c, qtg_spin.c) and the signal
 * analysis they share (qtg_signal.c).
 */
#ifndef SAQR_QTG_QTG_MEASURE_H
#define SAQR_QTG_QTG_MEASURE_H

#include <stddef.h>

#include "qtg/qtg_craft.h"

/* Each returns the measured figure, or NaN with the reason in r->note; a
 * successful measurement leaves how it was measured there, and the
 * evidence in the result's trace. */
double qtg_measure_perf(qtg_craft *c, const qtg_test *t, qtg_result *r);
double qtg_measure_dyn(qtg_craft *c, const qtg_test *t, qtg_result *r);
double qtg_measure_field(qtg_craft *c, const qtg_test *t, qtg_result *r);
double qtg_measure_lateral(qtg_craft *c, const qtg_test *t, qtg_result *r);
double qtg_measure_engine(qtg_craft *c, const qtg_test *t, qtg_result *r);
double qtg_measure_spin(qtg_craft *c, const qtg_test *t, qtg_result *r);

/* Level trim at the test's altitude and speed (CAS, or Mach); 0 with the
 * reason in r->note when there is none. */
int qtg_trim_level(qtg_craft *c, const qtg_test *t, qtg_result *r);

/* Appends a point to the result's plot (dropped once it is full). */
void qtg_trace_add(qtg_result *r, double x, double y);
/* Names the plot's axes. */
void qtg_trace_labels(qtg_result *r, const char *x_label, const char *y_label);

/* Oscillation of a sampled signal y(t) from time t_from on: the period
 * from the spacing of its successive extrema (peaks and troughs), and the
 * damping ratio from the decay of their amplitudes about the mean of
 * neighbours (logarithmic decrement over half cycles).  Returns the
 * number of extrema found (at least 3 for a period); period and damping
 * are NaN when too few. */
int qtg_oscillation(const double *t, const double *y, int n, double t_from, double *period_s,
                    double *damping_ratio);

#endif
