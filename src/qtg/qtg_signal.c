/*
 * qtg_signal.c - period and damping of a recorded oscillation
 * (qtg_measure.h).
 *
 * Extrema are the samples where the slope changes sign; the period is
 * twice the mean spacing of successive extrema, and the damping ratio
 * comes from the logarithmic decrement of the peak-to-peak swings between
 * them: each half cycle shrinks a swing by exp(-zeta wn T / 2), so over a
 * full cycle delta = 2 ln(d_k / d_k+1) and zeta = delta / sqrt(4 pi^2 +
 * delta^2).
 * Reference: Etkin & Reid, "Dynamics of Flight", 3rd ed., section 6.3
 * (logarithmic decrement); 14 CFR Part 60 Appendix A, tests 2.d.
 */
#include <math.h>
#include <stdio.h>

#include "math/units.h"
#include "qtg/qtg_measure.h"

#define MAX_EXTREMA 64

void qtg_trace_labels(qtg_result *r, const char *x_label, const char *y_label)
{
    snprintf(r->x_label, sizeof r->x_label, "%s", x_label);
    snprintf(r->y_label, sizeof r->y_label, "%s", y_label);
}

void qtg_trace_add(qtg_result *r, double x, double y)
{
    if (r->ntrace < QTG_MAX_TRACE) {
        r->trace_x[r->ntrace] = x;
        r->trace_y[r->ntrace] = y;
        r->ntrace++;
    }
}

int qtg_oscillation(const double *t, const double *y, int n, double t_from, double *period_s,
                    double *damping_ratio)
{
    double te[MAX_EXTREMA], ye[MAX_EXTREMA];
    int ne = 0, last_sign = 0;
    *period_s = *damping_ratio = NAN;
    for (int i = 1; i < n && ne < MAX_EXTREMA; i++) {
        if (t[i] < t_from)
            continue;
        double d = y[i] - y[i - 1];
        int sign = d > 0.0 ? 1 : (d < 0.0 ? -1 : 0);
        if (sign == 0)
            continue;
        if (last_sign != 0 && sign != last_sign) {
            te[ne] = t[i - 1];
            ye[ne] = y[i - 1];
            ne++;
        }
        last_sign = sign;
    }
    if (ne < 3)
        return ne;
    *period_s = 2.0 * (te[ne - 1] - te[0]) / (double)(ne - 1);
    double sum = 0.0;
    int m = 0;
    for (int k = 0; k + 2 < ne; k++) {
        double d0 = fabs(ye[k + 1] - ye[k]), d1 = fabs(ye[k + 2] - ye[k + 1]);
        if (d0 > 0.0 && d1 > 0.0) {
            sum += 2.0 * log(d0 / d1);
            m++;
        }
    }
    if (m > 0) {
        double delta = sum / m;
        *damping_ratio = delta / sqrt(4.0 * UNITS_PI * UNITS_PI + delta * delta);
    }
    return ne;
}
