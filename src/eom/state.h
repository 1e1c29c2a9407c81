/*
 * state.h - the integrated state of a rigid body and its time derivative.
 *
 * The same struct holds a state and a derivative (then each field is the
 * rate of change of the named quantity), which keeps the integrators
 * generic.  Position and velocity are inertial (ECI), the attitude is the
 * quaternion q_eci_body (its DCM is C_body_eci), and the angular velocity is
 * that of the body relative to ECI in body axes, as in Stevens, Lewis &
 * Johnson, "Aircraft Control and Simulation", 3rd ed., sec. 1.7.
 */
#ifndef SAQR_EOM_STATE_H
#define SAQR_EOM_STATE_H

typedef struct eom_state {
    double pos_eci_m[3];         /* position of the centre of mass, ECI    */
    double vel_eci_mps[3];       /* inertial velocity, ECI axes            */
    double q_eci_body[4];        /* attitude quaternion, scalar first      */
    double omega_body_radps[3];  /* body rate wrt ECI, body axes           */
} eom_state;

/* State groups, each integrated with its own scheme (as JSBSim does). */
typedef enum eom_group {
    EOM_ROT_RATE = 0,  /* omega_body_radps */
    EOM_TRANS_RATE,    /* vel_eci_mps      */
    EOM_ROT_POS,       /* q_eci_body       */
    EOM_TRANS_POS,     /* pos_eci_m        */
    EOM_GROUP_COUNT
} eom_group;

/* Pointer to a group's numbers inside a state and its length. */
double *eom_group_ptr(eom_state *s, eom_group g, int *n);

/* out = x + h * xdot, over all groups (out may alias x). */
void eom_state_axpy(eom_state *out, const eom_state *x, double h, const eom_state *xdot);

/* Non-zero when every number is finite. */
int eom_state_is_finite(const eom_state *s);

#endif
