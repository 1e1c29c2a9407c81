/*
 * rigid_body.c - the six-degree-of-freedom equations of motion (see
 * rigid_body.h for the equations and the reference).
 */
#include "eom/rigid_body.h"

#include "math/quat.h"
#include "math/vec3.h"

void rigid_body_derivative(const rigid_body *b, const eom_state *x, const double f_b[3],
                           const double m_b[3], const double g_eci[3], eom_state *xd)
{
    double c_body_eci[3][3], f_eci[3];
    quat_to_dcm(x->q_eci_body, c_body_eci);
    mat3_tmul_vec(c_body_eci, f_b, f_eci);

    vec3_copy(xd->pos_eci_m, x->vel_eci_mps);
    vec3_axpy(xd->vel_eci_mps, g_eci, 1.0 / b->mass_kg, f_eci);
    quat_derivative(x->q_eci_body, x->omega_body_radps, xd->q_eci_body);

    double h[3], wxh[3], net[3];
    mat3_mul_vec(b->inertia_kgm2, x->omega_body_radps, h);
    vec3_cross(wxh, x->omega_body_radps, h);
    vec3_sub(net, m_b, wxh);
    mat3_mul_vec(b->inertia_inv, net, xd->omega_body_radps);
}
