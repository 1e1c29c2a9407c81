/*
 * fdm_slots.h - the properties the executive itself publishes or reads,
 * with JSBSim's names (FGPropagate, FGAuxiliary, FGAtmosphere, FGWinds,
 * FGAccelerations, FGAircraft, FGMassBalance, FGFDMExec bindings).
 *
 * One X-macro list gives the slot field, the name and whether outside
 * writes are accepted: O = output (read-only from outside), I = input (the
 * core reads it each frame), A = action (writing it does something).
 */
#ifndef SAQR_FDM_FDM_SLOTS_H
#define SAQR_FDM_FDM_SLOTS_H

#include "load/jsbsim/jxml.h"

#define FDM_CORE_PROPS(X) \
    X(sim_time, "simulation/sim-time-sec", O) \
    X(sim_dt, "simulation/dt", O) \
    X(sim_frame, "simulation/frame", O) \
    X(do_trim, "simulation/do_simple_trim", A) \
    X(trim_completed, "simulation/trim-completed", O) \
    X(trim_fgtrim, "simulation/trim-fgtrim", I) \
    X(do_linearization, "simulation/do_linearization", A) \
    X(terminate, "simulation/terminate", I) \
    X(reset, "simulation/reset", A) \
    X(random_seed, "simulation/randomseed", A) \
    X(integ_rot_rate, "simulation/integrator/rate/rotational", I) \
    X(integ_trans_rate, "simulation/integrator/rate/translational", I) \
    X(integ_rot_pos, "simulation/integrator/position/rotational", I) \
    X(integ_trans_pos, "simulation/integrator/position/translational", I) \
    X(gravity_model, "simulation/gravity-model", I) \
    X(hold_down, "forces/hold-down", A) \
    X(h_sl_ft, "position/h-sl-ft", O) \
    X(h_sl_m, "position/h-sl-meters", O) \
    X(h_agl_ft, "position/h-agl-ft", O) \
    X(h_agl_km, "position/h-agl-km", O) \
    X(geod_alt_ft, "position/geod-alt-ft", O) \
    X(terrain_ft, "position/terrain-elevation-asl-ft", I) \
    X(lat_geod_deg, "position/lat-geod-deg", O) \
    X(lat_geod_rad, "position/lat-geod-rad", O) \
    X(lat_gc_deg, "position/lat-gc-deg", O) \
    X(lat_gc_rad, "position/lat-gc-rad", O) \
    X(long_gc_deg, "position/long-gc-deg", O) \
    X(long_gc_rad, "position/long-gc-rad", O) \
    X(radius_ft, "position/radius-to-vehicle-ft", O) \
    X(epa_rad, "position/epa-rad", O) \
    X(eci_x_ft, "position/eci-x-ft", O) \
    X(eci_y_ft, "position/eci-y-ft", O) \
    X(eci_z_ft, "position/eci-z-ft", O) \
    X(ecef_x_ft, "position/ecef-x-ft", O) \
    X(ecef_y_ft, "position/ecef-y-ft", O) \
    X(ecef_z_ft, "position/ecef-z-ft", O) \
    X(vrp_lat_gc_deg, "position/vrp-gc-latitude_deg", O) \
    X(vrp_lon_deg, "position/vrp-longitude_deg", O) \
    X(vrp_radius_ft, "position/vrp-radius-ft", O) \
    X(dist_start_lon_mt, "position/distance-from-start-lon-mt", O) \
    X(dist_start_lat_mt, "position/distance-from-start-lat-mt", O) \
    X(dist_start_mag_mt, "position/distance-from-start-mag-mt", O) \
    X(orbit_h_ft2ps, "orbital/specific-angular-momentum-ft2_sec", O) \
    X(orbit_inclination_deg, "orbital/inclination-deg", O) \
    X(orbit_raan_deg, "orbital/right-ascension-deg", O) \
    X(orbit_eccentricity, "orbital/eccentricity", O) \
    X(orbit_perigee_deg, "orbital/argument-of-perigee-deg", O) \
    X(orbit_true_anomaly_deg, "orbital/true-anomaly-deg", O) \
    X(orbit_apoapsis_ft, "orbital/apoapsis-radius-ft", O) \
    X(orbit_periapsis_ft, "orbital/periapsis-radius-ft", O) \
    X(orbit_period_s, "orbital/period-sec", O) \
    X(sea_level_radius_ft, "inertial/sea-level-radius_ft", O) \
    X(phi_rad, "attitude/phi-rad", O) \
    X(theta_rad, "attitude/theta-rad", O) \
    X(psi_rad, "attitude/psi-rad", O) \
    X(phi_deg, "attitude/phi-deg", O) \
    X(theta_deg, "attitude/theta-deg", O) \
    X(psi_deg, "attitude/psi-deg", O) \
    X(roll_rad, "attitude/roll-rad", O) \
    X(pitch_rad, "attitude/pitch-rad", O) \
    X(heading_rad, "attitude/heading-true-rad", O) \
    X(u_fps, "velocities/u-fps", O) \
    X(v_fps, "velocities/v-fps", O) \
    X(w_fps, "velocities/w-fps", O) \
    X(p_rps, "velocities/p-rad_sec", O) \
    X(q_rps, "velocities/q-rad_sec", O) \
    X(r_rps, "velocities/r-rad_sec", O) \
    X(pi_rps, "velocities/pi-rad_sec", O) \
    X(qi_rps, "velocities/qi-rad_sec", O) \
    X(ri_rps, "velocities/ri-rad_sec", O) \
    X(vn_fps, "velocities/v-north-fps", O) \
    X(ve_fps, "velocities/v-east-fps", O) \
    X(vd_fps, "velocities/v-down-fps", O) \
    X(eci_vx_fps, "velocities/eci-x-fps", O) \
    X(eci_vy_fps, "velocities/eci-y-fps", O) \
    X(eci_vz_fps, "velocities/eci-z-fps", O) \
    X(eci_vmag_fps, "velocities/eci-velocity-mag-fps", O) \
    X(ecef_vx_fps, "velocities/ecef-x-fps", O) \
    X(ecef_vy_fps, "velocities/ecef-y-fps", O) \
    X(ecef_vz_fps, "velocities/ecef-z-fps", O) \
    X(hdot_fps, "velocities/h-dot-fps", O) \
    X(vt_fps, "velocities/vt-fps", O) \
    X(vtrue_kts, "velocities/vtrue-kts", O) \
    X(vtrue_fps, "velocities/vtrue-fps", O) \
    X(vc_fps, "velocities/vc-fps", O) \
    X(vc_kts, "velocities/vc-kts", O) \
    X(ve_eq_fps, "velocities/ve-fps", O) \
    X(ve_eq_kts, "velocities/ve-kts", O) \
    X(vg_fps, "velocities/vg-fps", O) \
    X(mach, "velocities/mach", O) \
    X(machU, "velocities/machU", O) \
    X(u_aero_fps, "velocities/u-aero-fps", O) \
    X(v_aero_fps, "velocities/v-aero-fps", O) \
    X(w_aero_fps, "velocities/w-aero-fps", O) \
    X(p_aero_rps, "velocities/p-aero-rad_sec", O) \
    X(q_aero_rps, "velocities/q-aero-rad_sec", O) \
    X(r_aero_rps, "velocities/r-aero-rad_sec", O) \
    X(phidot_rps, "velocities/phidot-rad_sec", O) \
    X(thetadot_rps, "velocities/thetadot-rad_sec", O) \
    X(psidot_rps, "velocities/psidot-rad_sec", O) \
    X(alpha_rad, "aero/alpha-rad", O) \
    X(alpha_deg, "aero/alpha-deg", O) \
    X(beta_rad, "aero/beta-rad", O) \
    X(beta_deg, "aero/beta-deg", O) \
    X(mag_beta_rad, "aero/mag-beta-rad", O) \
    X(mag_beta_deg, "aero/mag-beta-deg", O) \
    X(adot_rps, "aero/alphadot-rad_sec", O) \
    X(adot_dps, "aero/alphadot-deg_sec", O) \
    X(bdot_rps, "aero/betadot-rad_sec", O) \
    X(bdot_dps, "aero/betadot-deg_sec", O) \
    X(qbar_psf, "aero/qbar-psf", O) \
    X(qbarUW_psf, "aero/qbarUW-psf", O) \
    X(qbarUV_psf, "aero/qbarUV-psf", O) \
    X(qbar_area, "aero/qbar-area", O) \
    X(bi2vel, "aero/bi2vel", O) \
    X(ci2vel, "aero/ci2vel", O) \
    X(alpha_wing_rad, "aero/alpha-wing-rad", O) \
    X(h_b_cg_ft, "aero/h_b-cg-ft", O) \
    X(h_b_mac_ft, "aero/h_b-mac-ft", O) \
    X(stall_hyst, "aero/stall-hyst-norm", O) \
    X(alpha_max_rad, "aero/alpha-max-rad", O) \
    X(alpha_min_rad, "aero/alpha-min-rad", O) \
    X(impending_stall, "systems/stall-warn-norm", O) \
    X(cl_squared, "aero/cl-squared", O) \
    X(lod_norm, "forces/lod-norm", O) \
    X(re, "aero/Re", O) \
    X(gamma_rad, "flight-path/gamma-rad", O) \
    X(gamma_deg, "flight-path/gamma-deg", O) \
    X(psi_gt_rad, "flight-path/psi-gt-rad", O) \
    X(psi_gt_deg, "flight-path/psi-gt-deg", O) \
    X(T_R, "atmosphere/T-R", O) \
    X(rho_slugft3, "atmosphere/rho-slugs_ft3", O) \
    X(P_psf, "atmosphere/P-psf", O) \
    X(a_fps, "atmosphere/a-fps", O) \
    X(T_sl_R, "atmosphere/T-sl-R", O) \
    X(rho_sl, "atmosphere/rho-sl-slugs_ft3", O) \
    X(P_sl_psf, "atmosphere/P-sl-psf", I) \
    X(a_sl_fps, "atmosphere/a-sl-fps", O) \
    X(theta_ratio, "atmosphere/theta", O) \
    X(sigma_ratio, "atmosphere/sigma", O) \
    X(delta_ratio, "atmosphere/delta", O) \
    X(a_ratio, "atmosphere/a-ratio", O) \
    X(density_alt_ft, "atmosphere/density-altitude", O) \
    X(pressure_alt_ft, "atmosphere/pressure-altitude", O) \
    X(delta_T, "atmosphere/delta-T", I) \
    X(wind_n_fps, "atmosphere/wind-north-fps", I) \
    X(wind_e_fps, "atmosphere/wind-east-fps", I) \
    X(wind_d_fps, "atmosphere/wind-down-fps", I) \
    X(wind_mag_fps, "atmosphere/wind-mag-fps", A) \
    X(psiw_rad, "atmosphere/psiw-rad", A) \
    X(gust_n_fps, "atmosphere/gust-north-fps", I) \
    X(gust_e_fps, "atmosphere/gust-east-fps", I) \
    X(gust_d_fps, "atmosphere/gust-down-fps", I) \
    X(wind_seed, "atmosphere/randomseed", A) \
    X(tot_wind_n_fps, "atmosphere/total-wind-north-fps", O) \
    X(tot_wind_e_fps, "atmosphere/total-wind-east-fps", O) \
    X(tot_wind_d_fps, "atmosphere/total-wind-down-fps", O) \
    X(gust_start, "atmosphere/cosine-gust/start", A) \
    X(gust_startup_s, "atmosphere/cosine-gust/startup-duration-sec", I) \
    X(gust_steady_s, "atmosphere/cosine-gust/steady-duration-sec", I) \
    X(gust_end_s, "atmosphere/cosine-gust/end-duration-sec", I) \
    X(gust_mag_fps, "atmosphere/cosine-gust/magnitude-ft_sec", I) \
    X(gust_frame, "atmosphere/cosine-gust/frame", I) \
    X(gust_x_fps, "atmosphere/cosine-gust/X-velocity-ft_sec", I) \
    X(gust_y_fps, "atmosphere/cosine-gust/Y-velocity-ft_sec", I) \
    X(gust_z_fps, "atmosphere/cosine-gust/Z-velocity-ft_sec", I) \
    X(turb_type, "atmosphere/turb-type", I) \
    X(turb_w20_fps, "atmosphere/turbulence/milspec/windspeed_at_20ft_AGL-fps", I) \
    X(turb_severity, "atmosphere/turbulence/milspec/severity", I) \
    X(turb_n_fps, "atmosphere/turbulence/north-fps", O) \
    X(turb_e_fps, "atmosphere/turbulence/east-fps", O) \
    X(turb_d_fps, "atmosphere/turbulence/down-fps", O) \
    X(turb_p_rps, "atmosphere/p-turb-rad_sec", O) \
    X(turb_q_rps, "atmosphere/q-turb-rad_sec", O) \
    X(turb_r_rps, "atmosphere/r-turb-rad_sec", O) \
    X(udot, "accelerations/udot-ft_sec2", O) \
    X(vdot, "accelerations/vdot-ft_sec2", O) \
    X(wdot, "accelerations/wdot-ft_sec2", O) \
    X(pdot, "accelerations/pdot-rad_sec2", O) \
    X(qdot, "accelerations/qdot-rad_sec2", O) \
    X(rdot, "accelerations/rdot-rad_sec2", O) \
    X(nx, "accelerations/Nx", O) \
    X(ny, "accelerations/Ny", O) \
    X(nz, "accelerations/Nz", O) \
    X(gravity_fps2, "accelerations/gravity-ft_sec2", O) \
    X(n_pilot_x, "accelerations/n-pilot-x-norm", O) \
    X(n_pilot_y, "accelerations/n-pilot-y-norm", O) \
    X(n_pilot_z, "accelerations/n-pilot-z-norm", O) \
    X(a_pilot_x, "accelerations/a-pilot-x-ft_sec2", O) \
    X(a_pilot_y, "accelerations/a-pilot-y-ft_sec2", O) \
    X(a_pilot_z, "accelerations/a-pilot-z-ft_sec2", O) \
    X(load_factor, "forces/load-factor", O) \
    X(fbx_aero, "forces/fbx-aero-lbs", O) \
    X(fby_aero, "forces/fby-aero-lbs", O) \
    X(fbz_aero, "forces/fbz-aero-lbs", O) \
    X(fwx_aero, "forces/fwx-aero-lbs", O) \
    X(fwy_aero, "forces/fwy-aero-lbs", O) \
    X(fwz_aero, "forces/fwz-aero-lbs", O) \
    X(fbx_prop, "forces/fbx-prop-lbs", O) \
    X(fby_prop, "forces/fby-prop-lbs", O) \
    X(fbz_prop, "forces/fbz-prop-lbs", O) \
    X(fbx_gear, "forces/fbx-gear-lbs", O) \
    X(fby_gear, "forces/fby-gear-lbs", O) \
    X(fbz_gear, "forces/fbz-gear-lbs", O) \
    X(fbx_ext, "forces/fbx-external-lbs", O) \
    X(fby_ext, "forces/fby-external-lbs", O) \
    X(fbz_ext, "forces/fbz-external-lbs", O) \
    X(fsx_aero, "forces/fsx-aero-lbs", O) \
    X(fsy_aero, "forces/fsy-aero-lbs", O) \
    X(fsz_aero, "forces/fsz-aero-lbs", O) \
    X(l_stab_aero, "moments/roll-stab-aero-lbsft", O) \
    X(m_stab_aero, "moments/pitch-stab-aero-lbsft", O) \
    X(n_stab_aero, "moments/yaw-stab-aero-lbsft", O) \
    X(l_wind_aero, "moments/roll-wind-aero-lbsft", O) \
    X(m_wind_aero, "moments/pitch-wind-aero-lbsft", O) \
    X(n_wind_aero, "moments/yaw-wind-aero-lbsft", O) \
    X(fbx_weight, "forces/fbx-weight-lbs", O) \
    X(fby_weight, "forces/fby-weight-lbs", O) \
    X(fbz_weight, "forces/fbz-weight-lbs", O) \
    X(fbx_total, "forces/fbx-total-lbs", O) \
    X(fby_total, "forces/fby-total-lbs", O) \
    X(fbz_total, "forces/fbz-total-lbs", O) \
    X(l_aero, "moments/l-aero-lbsft", O) \
    X(m_aero, "moments/m-aero-lbsft", O) \
    X(n_aero, "moments/n-aero-lbsft", O) \
    X(l_prop, "moments/l-prop-lbsft", O) \
    X(m_prop, "moments/m-prop-lbsft", O) \
    X(n_prop, "moments/n-prop-lbsft", O) \
    X(l_gear, "moments/l-gear-lbsft", O) \
    X(m_gear, "moments/m-gear-lbsft", O) \
    X(n_gear, "moments/n-gear-lbsft", O) \
    X(l_ext, "moments/l-external-lbsft", O) \
    X(m_ext, "moments/m-external-lbsft", O) \
    X(n_ext, "moments/n-external-lbsft", O) \
    X(l_total, "moments/l-total-lbsft", O) \
    X(m_total, "moments/m-total-lbsft", O) \
    X(n_total, "moments/n-total-lbsft", O) \
    X(mass_slugs, "inertia/mass-slugs", O) \
    X(weight_lbs, "inertia/weight-lbs", O) \
    X(empty_weight_lbs, "inertia/empty-weight-lbs", O) \
    X(cg_x_in, "inertia/cg-x-in", O) \
    X(cg_y_in, "inertia/cg-y-in", O) \
    X(cg_z_in, "inertia/cg-z-in", O) \
    X(ixx, "inertia/ixx-slugs_ft2", O) \
    X(iyy, "inertia/iyy-slugs_ft2", O) \
    X(izz, "inertia/izz-slugs_ft2", O) \
    X(ixy, "inertia/ixy-slugs_ft2", O) \
    X(ixz, "inertia/ixz-slugs_ft2", O) \
    X(iyz, "inertia/iyz-slugs_ft2", O) \
    X(sw_sqft, "metrics/Sw-sqft", O) \
    X(bw_ft, "metrics/bw-ft", O) \
    X(cbarw_ft, "metrics/cbarw-ft", O) \
    X(iw_rad, "metrics/iw-rad", O) \
    X(iw_deg, "metrics/iw-deg", O) \
    X(sh_sqft, "metrics/Sh-sqft", O) \
    X(lh_ft, "metrics/lh-ft", O) \
    X(sv_sqft, "metrics/Sv-sqft", O) \
    X(lv_ft, "metrics/lv-ft", O) \
    X(lh_norm, "metrics/lh-norm", O) \
    X(lv_norm, "metrics/lv-norm", O) \
    X(vbarh_norm, "metrics/vbarh-norm", O) \
    X(vbarv_norm, "metrics/vbarv-norm", O) \
    X(rp_x_in, "metrics/aero-rp-x-in", O) \
    X(rp_y_in, "metrics/aero-rp-y-in", O) \
    X(rp_z_in, "metrics/aero-rp-z-in", O) \
    X(ep_x_in, "metrics/eyepoint-x-in", O) \
    X(ep_y_in, "metrics/eyepoint-y-in", O) \
    X(ep_z_in, "metrics/eyepoint-z-in", O) \
    X(vrp_x_in, "metrics/visualrefpoint-x-in", O) \
    X(vrp_y_in, "metrics/visualrefpoint-y-in", O) \
    X(vrp_z_in, "metrics/visualrefpoint-z-in", O)

/* The reports fdm_reports.c publishes in groups, and the most a group has. */
#define FDM_REPORT_GROUPS 17
#define FDM_REPORT_MAX_SLOTS 10

#define FDM_SLOT_FIELD(field, name, kind) int field;
struct fdm_slots {
    FDM_CORE_PROPS(FDM_SLOT_FIELD)
    /* each report group's slots in the order of its values (filled at
     * load by fdm_report_map; shared, as the rest, by a batch's clones) */
    int report[FDM_REPORT_GROUPS][FDM_REPORT_MAX_SLOTS];
};
#undef FDM_SLOT_FIELD

typedef struct fdm_slots fdm_slots;

/* Interns every core property with its flags.  SAQR_ENOMEM on failure. */
saqr_status fdm_slots_intern(jx_ctx *c, fdm_slots *s);

#endif
