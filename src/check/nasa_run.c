/*
 * nasa_run.c - builds a simulation from a check-case definition, runs it
 * and writes NASA-style CSV (see nasa_run.h).
 */
#include "check/nasa_run.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "math/units.h"
#include "model/daveml_vehicle.h"

const char *const nasa_columns[] = {
    "time",
    "gePosition_ft_X", "gePosition_ft_Y", "gePosition_ft_Z",
    "eiPosition_ft_X", "eiPosition_ft_Y", "eiPosition_ft_Z",
    "eiVelocity_ft_s_X", "eiVelocity_ft_s_Y", "eiVelocity_ft_s_Z",
    "feVelocity_ft_s_X", "feVelocity_ft_s_Y", "feVelocity_ft_s_Z",
    "altitudeMsl_ft", "latitude_deg", "longitude_deg", "localGravity_ft_s2",
    "eulerAngle_deg_Yaw", "eulerAngle_deg_Pitch", "eulerAngle_deg_Roll",
    "bodyAngularRateWrtEi_deg_s_Roll", "bodyAngularRateWrtEi_deg_s_Pitch",
    "bodyAngularRateWrtEi_deg_s_Yaw",
    "altitudeRateWrtMsl_ft_min", "speedOfSound_ft_s", "airDensity_slug_ft3",
    "ambientPressure_lbf_ft2", "ambientTemperature_dgR",
    "aero_bodyForce_lbf_X", "aero_bodyForce_lbf_Y", "aero_bodyForce_lbf_Z",
    "aero_bodyMoment_ftlbf_L", "aero_bodyMoment_ftlbf_M", "aero_bodyMoment_ftlbf_N",
    "mach", "dynamicPressure_lbf_ft2", "trueAirspeed_nmi_h",
};
const int nasa_column_count = (int)(sizeof nasa_columns / sizeof nasa_columns[0]);

void nasa_write_row(FILE *f, const saqr_outputs *o)
{
    if (!o) {
        for (int i = 0; i < nasa_column_count; i++)
            fprintf(f, "%s%s", nasa_columns[i], i + 1 < nasa_column_count ? "," : "\n");
        return;
    }
    const double ft = 1.0 / M_PER_FT, d = DEG_PER_RAD;
    double v[] = {
        o->time_s,
        o->pos_ecef_m[0] * ft, o->pos_ecef_m[1] * ft, o->pos_ecef_m[2] * ft,
        o->pos_eci_m[0] * ft, o->pos_eci_m[1] * ft, o->pos_eci_m[2] * ft,
        o->vel_eci_mps[0] * ft, o->vel_eci_mps[1] * ft, o->vel_eci_mps[2] * ft,
        o->vel_ned_mps[0] * ft, o->vel_ned_mps[1] * ft, o->vel_ned_mps[2] * ft,
        o->alt_m * ft, o->lat_rad * d, o->lon_rad * d, o->gravity_mps2 * ft,
        o->euler_rad[2] * d, o->euler_rad[1] * d, o->euler_rad[0] * d,
        o->omega_body_inertial_radps[0] * d, o->omega_body_inertial_radps[1] * d,
        o->omega_body_inertial_radps[2] * d,
        o->alt_rate_mps * ft * S_PER_MIN, o->sound_speed_mps * ft,
        o->density_kgpm3 / KGPM3_PER_SLUGPFT3, o->pressure_pa / PA_PER_PSF,
        o->temperature_k / K_PER_R,
        o->aero_force_body_n[0] / N_PER_LBF, o->aero_force_body_n[1] / N_PER_LBF,
        o->aero_force_body_n[2] / N_PER_LBF,
        o->aero_moment_body_nm[0] / (N_PER_LBF * M_PER_FT),
        o->aero_moment_body_nm[1] / (N_PER_LBF * M_PER_FT),
        o->aero_moment_body_nm[2] / (N_PER_LBF * M_PER_FT),
        o->mach, o->qbar_pa / PA_PER_PSF, o->airspeed_true_mps / MPS_PER_KT,
    };
    for (int i = 0; i < nasa_column_count; i++)
        fprintf(f, "%.17g%s", v[i], i + 1 < nasa_column_count ? "," : "\n");
}

/* Joins root and a relative file name. */
static int join(char *buf, size_t n, const char *root, const char *rel)
{
    int k = snprintf(buf, n, "%s/%s", root, rel);
    return k > 0 && (size_t)k < n;
}

static saqr_status setup(saqr_sim *sim, const nasa_case *c, daveml_vehicle *veh, saqr_err *err)
{
    saqr_earth_config ec = saqr_earth_default(c->earth);
    saqr_integrator s = c->integrator;
    saqr_integrator_config ic = {s, s, s, s};
    saqr_status st;
    if ((st = saqr_set_earth(sim, &ec)) || (st = saqr_set_integrator(sim, &ic)) ||
        (st = saqr_set_mass(sim, veh->mass_kg, veh->inertia_kgm2)) ||
        (st = saqr_set_wind(sim, &c->wind)) ||
        (st = saqr_set_force_model(sim, daveml_vehicle_forces, veh)) ||
        (st = saqr_init(sim, &c->init)))
        return err_set(err, st, "case %s: %s", c->id, saqr_error(sim));
    return SAQR_OK;
}

saqr_status nasa_run_case(const nasa_case *c, const char *root, const char *csv_path, saqr_err *err)
{
    char inertia[1024], aero[1024];
    if (!join(inertia, sizeof inertia, root, c->inertia_file) ||
        (c->aero_file[0] && !join(aero, sizeof aero, root, c->aero_file)))
        return err_set(err, SAQR_EINVAL, "case %s: model path too long", c->id);
    daveml_vehicle veh;
    saqr_status st = daveml_vehicle_load(&veh, inertia, c->aero_file[0] ? aero : NULL, NULL, err);
    if (st != SAQR_OK)
        return st;
    for (int i = 0; i < c->n_overrides && st == SAQR_OK; i++)
        st = daveml_vehicle_override(&veh, c->overrides[i].var, c->overrides[i].value, err);
    saqr_sim *sim = st == SAQR_OK ? saqr_create(NULL) : NULL;
    if (st == SAQR_OK && !sim)
        st = err_set(err, SAQR_ENOMEM, "out of memory");
    if (st == SAQR_OK)
        st = setup(sim, c, &veh, err);
    FILE *f = NULL;
    if (st == SAQR_OK && !(f = fopen(csv_path, "w")))
        st = err_set(err, SAQR_EIO, "%s: cannot write: %s", csv_path, strerror(errno));
    if (st == SAQR_OK) {
        long steps = lround(c->duration_s / c->step_s);
        long every = lround(c->output_dt_s / c->step_s);
        saqr_outputs o;
        nasa_write_row(f, NULL);
        saqr_get_outputs(sim, &o);
        nasa_write_row(f, &o);
        for (long k = 1; k <= steps && st == SAQR_OK; k++) {
            if ((st = saqr_step(sim, c->step_s)) != SAQR_OK) {
                st = err_set(err, st, "case %s: %s", c->id, saqr_error(sim));
                break;
            }
            if (k % every == 0) {
                saqr_get_outputs(sim, &o);
                o.time_s = (double)k * c->step_s; /* no accumulated rounding in the time column */
                nasa_write_row(f, &o);
            }
        }
        if (fclose(f) != 0 && st == SAQR_OK)
            st = err_set(err, SAQR_EIO, "%s: write failed", csv_path);
    }
    saqr_destroy(sim);
    daveml_vehicle_free(&veh);
    return st;
}
