/*
 * nasa_compare.c - Saqr trajectory versus NASA's family of solutions (see
 * nasa_compare.h for the criterion).
 */
#include "check/nasa_compare.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check/csv_table.h"
#include "check/nasa_run.h"

double nasa_compare_floor(const char *c)
{
    /* Chosen from the magnitude of the printed digits of the references and
     * the physics: a tenth of a millimetre-scale quantity in each unit. */
    if (strstr(c, "Position_ft") || strcmp(c, "altitudeMsl_ft") == 0)
        return 1.0e-3;                       /* ft                          */
    if (strstr(c, "Velocity_ft_s"))
        return 1.0e-4;                       /* ft/s                        */
    if (strcmp(c, "latitude_deg") == 0 || strcmp(c, "longitude_deg") == 0)
        return 1.0e-9;                       /* deg (~0.1 mm)               */
    if (strstr(c, "eulerAngle_deg"))
        return 1.0e-4;                       /* deg                         */
    if (strstr(c, "bodyAngularRate"))
        return 1.0e-4;                       /* deg/s                       */
    if (strcmp(c, "localGravity_ft_s2") == 0)
        return 1.0e-6;                       /* ft/s^2                      */
    if (strcmp(c, "altitudeRateWrtMsl_ft_min") == 0)
        return 6.0e-3;                       /* ft/min (1e-4 ft/s)          */
    if (strcmp(c, "speedOfSound_ft_s") == 0)
        return 1.0e-4;
    if (strcmp(c, "airDensity_slug_ft3") == 0)
        return 1.0e-9;
    if (strcmp(c, "ambientPressure_lbf_ft2") == 0)
        return 1.0e-4;
    if (strcmp(c, "ambientTemperature_dgR") == 0)
        return 1.0e-5;
    if (strstr(c, "aero_body"))
        return 1.0e-6;                       /* lbf, ft lbf                 */
    if (strcmp(c, "mach") == 0)
        return 1.0e-7;
    if (strcmp(c, "dynamicPressure_lbf_ft2") == 0)
        return 1.0e-4;
    if (strcmp(c, "trueAirspeed_nmi_h") == 0)
        return 1.0e-4;
    return 0.0;
}

static int is_angle(const char *c)
{
    return strcmp(c, "eulerAngle_deg_Yaw") == 0 || strcmp(c, "eulerAngle_deg_Roll") == 0 ||
           strcmp(c, "longitude_deg") == 0;
}

static double wrap180(double d)
{
    d = fmod(d, 360.0);
    if (d > 180.0)
        d -= 360.0;
    else if (d < -180.0)
        d += 360.0;
    return d;
}

/* Reference value of column `col` at time t by linear interpolation; NaN
 * outside the reference's time span or for missing cells. */
static double ref_at(const csv_table *r, int tcol, int col, double t, int angle)
{
    size_t lo = 0, hi = r->nrows;
    if (hi == 0)
        return NAN;
    if (t < csv_at(r, 0, (size_t)tcol) - 1e-9 || t > csv_at(r, hi - 1, (size_t)tcol) + 1e-9)
        return NAN;
    while (hi - lo > 1) { /* last row with time <= t */
        size_t mid = (lo + hi) / 2;
        if (csv_at(r, mid, (size_t)tcol) <= t)
            lo = mid;
        else
            hi = mid;
    }
    double t0 = csv_at(r, lo, (size_t)tcol), v0 = csv_at(r, lo, (size_t)col);
    if (lo + 1 >= r->nrows || fabs(t - t0) < 1e-9)
        return v0;
    double t1 = csv_at(r, lo + 1, (size_t)tcol), v1 = csv_at(r, lo + 1, (size_t)col);
    double dv = angle ? wrap180(v1 - v0) : v1 - v0;
    return t1 > t0 ? v0 + dv * (t - t0) / (t1 - t0) : v0;
}

typedef struct refset {
    int n;
    csv_table t[NASA_MAX_REFS];
    int family[NASA_MAX_REFS]; /* 1 for SIM 04, 05, 06 */
} refset;

static void refset_free(refset *rs)
{
    for (int i = 0; i < rs->n; i++)
        csv_free(&rs->t[i]);
    rs->n = 0;
}

static saqr_status load_refs(const char *dir, const char *id, refset *rs, nasa_comparison *out,
                             saqr_err *err)
{
    for (int k = 1; k <= 6 && rs->n < NASA_MAX_REFS; k++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/Atmos_%s_sim_%02d.csv", dir, id, k);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        fclose(f);
        saqr_status st = csv_read_file(path, NULL, &rs->t[rs->n], err);
        if (st != SAQR_OK)
            return st;
        if (csv_column(&rs->t[rs->n], "time") < 0) {
            csv_free(&rs->t[rs->n]);
            return err_set(err, SAQR_EPARSE, "%s:1: no time column", path);
        }
        rs->family[rs->n] = k >= 4;
        snprintf(out->refs[rs->n], sizeof out->refs[0], "sim_%02d", k);
        rs->n++;
    }
    out->n_refs = rs->n;
    return SAQR_OK;
}

static void compare_column(const csv_table *ours, int ot, int oc, const refset *rs, nasa_column_result *res)
{
    int angle = is_angle(res->column);
    for (size_t row = 0; row < ours->nrows; row++) {
        double t = csv_at(ours, row, (size_t)ot), v = csv_at(ours, row, (size_t)oc);
        double lo = INFINITY, hi = -INFINITY, first = NAN;
        for (int i = 0; i < rs->n; i++) {
            int rc = csv_column(&rs->t[i], res->column);
            if (rc < 0)
                continue;
            double r = ref_at(&rs->t[i], csv_column(&rs->t[i], "time"), rc, t, angle);
            if (isnan(r))
                continue;
            double d_any = fabs(angle ? wrap180(v - r) : v - r);
            if (d_any > res->max_diff_any || isnan(d_any))
                res->max_diff_any = isnan(d_any) ? INFINITY : d_any;
            if (!rs->family[i])
                continue;
            if (isnan(first))
                first = r;
            double rel = angle ? wrap180(r - first) : r - first; /* spread about one member */
            lo = fmin(lo, rel);
            hi = fmax(hi, rel);
            double d = fabs(angle ? wrap180(v - r) : v - r);
            if (d > res->max_diff || isnan(d)) {
                res->max_diff = isnan(d) ? INFINITY : d;
                res->at_time_s = t;
            }
        }
        if (hi >= lo && hi - lo > res->spread)
            res->spread = hi - lo;
    }
}

saqr_status nasa_compare(const char *ours_csv, const char *ref_dir, const char *id,
                         nasa_comparison *out, saqr_err *err)
{
    memset(out, 0, sizeof *out);
    refset rs = {0};
    csv_table ours = {0};
    saqr_status st = load_refs(ref_dir, id, &rs, out, err);
    int n_family = 0;
    for (int i = 0; i < rs.n; i++)
        n_family += rs.family[i];
    if (st == SAQR_OK && n_family == 0)
        st = err_set(err, SAQR_ENOTFOUND, "%s: no SIM 04-06 reference for case %s", ref_dir, id);
    if (st == SAQR_OK)
        st = csv_read_file(ours_csv, NULL, &ours, err);
    int ot = st == SAQR_OK ? csv_column(&ours, "time") : -1;
    if (st == SAQR_OK && ot < 0)
        st = err_set(err, SAQR_EPARSE, "%s:1: no time column", ours_csv);
    out->pass = st == SAQR_OK;
    for (int c = 1; st == SAQR_OK && c < nasa_column_count && out->n_cols < NASA_MAX_COLS; c++) {
        const char *name = nasa_columns[c];
        int oc = csv_column(&ours, name);
        int have = 0, any = 0;
        for (int i = 0; i < rs.n; i++) {
            have += rs.family[i] && csv_column(&rs.t[i], name) >= 0;
            any += csv_column(&rs.t[i], name) >= 0;
        }
        if (oc < 0 || have == 0)
            continue;
        nasa_column_result *res = &out->cols[out->n_cols++];
        snprintf(res->column, sizeof res->column, "%s", name);
        res->n_family = have;
        res->n_any = any;
        compare_column(&ours, ot, oc, &rs, res);
        res->floor = nasa_compare_floor(name);
        res->tolerance = NASA_SPREAD_FACTOR * res->spread + res->floor;
        res->pass = res->max_diff <= res->tolerance;
        out->pass &= res->pass;
    }
    csv_free(&ours);
    refset_free(&rs);
    return st;
}
