/*
 * fdm_slots.c - interns the executive's own properties (fdm_slots.h).
 */
#include "fdm/fdm_slots.h"

#include <stddef.h>

#define KIND_O (PROP_PRODUCED | PROP_READONLY)
#define KIND_I (PROP_PRODUCED | PROP_INPUT)
#define KIND_A (PROP_PRODUCED | PROP_INPUT | PROP_ACTION)

typedef struct core_prop {
    size_t offset;
    const char *name;
    unsigned flags;
} core_prop;

#define FDM_SLOT_ENTRY(field, name, kind) {offsetof(fdm_slots, field), name, KIND_##kind},
static const core_prop core_props[] = {FDM_CORE_PROPS(FDM_SLOT_ENTRY)};
#undef FDM_SLOT_ENTRY
#define CORE_COUNT (sizeof core_props / sizeof core_props[0])

/* The properties a frame writes or reads whatever the aircraft (the
 * state, the air data, the forces and moments, the mass properties), as
 * a cruising c172x's and a resting F-16's frames touch them (valgrind
 * lackey; docs/batch.md).  They are interned first, so that their values
 * sit together: a frame then touches fewer of an aircraft's cache lines,
 * what a batch stepped frame by frame pays for.  Speed only: nothing else
 * depends on the order of the slots. */
#define HOT(field) offsetof(fdm_slots, field)
static const size_t hot_props[] = {
    HOT(sim_time), HOT(sim_dt), HOT(sim_frame), HOT(random_seed), HOT(hold_down), HOT(h_sl_ft), HOT(h_agl_ft),
    HOT(terrain_ft), HOT(lat_geod_rad), HOT(long_gc_rad), HOT(phi_rad), HOT(theta_rad), HOT(psi_rad),
    HOT(roll_rad), HOT(pitch_rad), HOT(heading_rad), HOT(u_fps), HOT(v_fps), HOT(w_fps), HOT(p_rps),
    HOT(q_rps), HOT(r_rps), HOT(pi_rps), HOT(qi_rps), HOT(ri_rps), HOT(hdot_fps), HOT(vt_fps), HOT(vtrue_kts),
    HOT(vtrue_fps), HOT(vc_fps), HOT(vc_kts), HOT(ve_eq_fps), HOT(ve_eq_kts), HOT(vg_fps), HOT(mach),
    HOT(machU), HOT(u_aero_fps), HOT(v_aero_fps), HOT(w_aero_fps), HOT(p_aero_rps), HOT(q_aero_rps),
    HOT(r_aero_rps), HOT(alpha_rad), HOT(alpha_deg), HOT(beta_rad), HOT(beta_deg), HOT(mag_beta_rad),
    HOT(adot_rps), HOT(qbar_psf), HOT(qbar_area), HOT(bi2vel), HOT(ci2vel), HOT(alpha_wing_rad),
    HOT(h_b_cg_ft), HOT(h_b_mac_ft), HOT(stall_hyst), HOT(alpha_max_rad), HOT(alpha_min_rad),
    HOT(impending_stall), HOT(cl_squared), HOT(lod_norm), HOT(P_psf), HOT(P_sl_psf), HOT(density_alt_ft),
    HOT(pressure_alt_ft), HOT(delta_T), HOT(wind_n_fps), HOT(wind_e_fps), HOT(wind_d_fps), HOT(wind_mag_fps),
    HOT(psiw_rad), HOT(turb_type), HOT(turb_w20_fps), HOT(turb_severity), HOT(nx), HOT(ny), HOT(nz),
    HOT(n_pilot_x), HOT(n_pilot_y), HOT(n_pilot_z), HOT(a_pilot_x), HOT(a_pilot_y), HOT(a_pilot_z),
    HOT(fbx_aero), HOT(fby_aero), HOT(fbz_aero), HOT(fwx_aero), HOT(fwy_aero), HOT(fwz_aero), HOT(fbx_prop),
    HOT(fby_prop), HOT(fbz_prop), HOT(fbx_gear), HOT(fby_gear), HOT(fbz_gear), HOT(l_aero), HOT(m_aero),
    HOT(n_aero), HOT(l_prop), HOT(m_prop), HOT(n_prop), HOT(l_gear), HOT(m_gear), HOT(n_gear),
    HOT(mass_slugs), HOT(weight_lbs), HOT(empty_weight_lbs), HOT(cg_x_in), HOT(cg_y_in), HOT(cg_z_in),
    HOT(ixx), HOT(iyy), HOT(izz), HOT(ixy), HOT(ixz), HOT(iyz), HOT(sw_sqft), HOT(bw_ft), HOT(cbarw_ft),
};
#undef HOT

static int is_hot(size_t offset)
{
    for (size_t i = 0; i < sizeof hot_props / sizeof hot_props[0]; i++)
        if (hot_props[i] == offset)
            return 1;
    return 0;
}

saqr_status fdm_slots_intern(jx_ctx *c, fdm_slots *s)
{
    unsigned char hot[CORE_COUNT];
    for (size_t i = 0; i < CORE_COUNT; i++)
        hot[i] = (unsigned char)is_hot(core_props[i].offset);
    for (int pass = 1; pass >= 0; pass--) /* the hot ones, then the rest */
        for (size_t i = 0; i < CORE_COUNT; i++) {
            if (hot[i] != pass)
                continue;
            int slot = prop_intern(c->props, core_props[i].name, core_props[i].flags, NULL);
            if (slot < 0)
                return err_set(c->err, SAQR_ENOMEM, "out of memory interning %s", core_props[i].name);
            *(int *)((char *)s + core_props[i].offset) = slot;
        }
    return SAQR_OK;
}
