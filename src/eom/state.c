/*
 * state.c - element-wise helpers over the rigid-body state (see state.h).
 */
#include "eom/state.h"

#include <math.h>
#include <stddef.h>

double *eom_group_ptr(eom_state *s, eom_group g, int *n)
{
    switch (g) {
    case EOM_ROT_RATE: *n = 3; return s->omega_body_radps;
    case EOM_TRANS_RATE: *n = 3; return s->vel_eci_mps;
    case EOM_ROT_POS: *n = 4; return s->q_eci_body;
    case EOM_TRANS_POS: *n = 3; return s->pos_eci_m;
    case EOM_GROUP_COUNT: break;
    }
    *n = 0;
    return NULL;
}

void eom_state_axpy(eom_state *out, const eom_state *x, double h, const eom_state *xdot)
{
    for (int i = 0; i < 3; i++) {
        out->pos_eci_m[i] = x->pos_eci_m[i] + h * xdot->pos_eci_m[i];
        out->vel_eci_mps[i] = x->vel_eci_mps[i] + h * xdot->vel_eci_mps[i];
        out->omega_body_radps[i] = x->omega_body_radps[i] + h * xdot->omega_body_radps[i];
    }
    for (int i = 0; i < 4; i++)
        out->q_eci_body[i] = x->q_eci_body[i] + h * xdot->q_eci_body[i];
}

int eom_state_is_finite(const eom_state *s)
{
    for (int i = 0; i < 3; i++)
        if (!isfinite(s->pos_eci_m[i]) || !isfinite(s->vel_eci_mps[i]) ||
            !isfinite(s->omega_body_radps[i]))
            return 0;
    for (int i = 0; i < 4; i++)
        if (!isfinite(s->q_eci_body[i]))
            return 0;
    return 1;
}
