/*
 * ground_friction.c - friction forces of the contacts on the ground,
 * solved as bounded Lagrange multipliers with the projected Gauss-Seidel
 * method, as JSBSim's FGAccelerations::CalculateFrictionForces does.
 *
 * Each multiplier i is a force of magnitude lambda_i along the unit
 * direction U_i at the arm r_i from the CG.  The aircraft being one rigid
 * body, the effect of lambda_j on the acceleration of contact i along U_i
 * is A_ij = U_i . (U_j / m + (J^-1 (r_j x U_j)) x r_i) (a full, symmetric
 * matrix).  The right-hand side asks each contact point to stop moving
 * relative to the ground within one step: the unconstrained relative
 * acceleration is udot + wdot x r plus, when the step is not zero,
 * (u + w x r) / dt with u, w taken as the body velocity and rates only
 * (JSBSim adds the velocity terms to udot and wdot).  Up to 50 sweeps,
 * each value clamped to [min, max], stop when the sum of the changes is
 * below 1e-5 lbf.  Values persist between frames (warm start).
 *
 * References: JSBSim src/models/FGAccelerations.cpp; E. Catto, "Iterative
 * Dynamics with Temporal Coherence", 2005.
 */
#include <math.h>
#include <string.h>

#include "fdm/ground_internal.h"
#include "math/units.h"
#include "math/vec3.h"

#define PGS_MAX_SWEEPS 50
#define PGS_TOLERANCE_N (1e-5 * N_PER_LBF)

/* The bounds rarely bind, so the clamp is a predicted branch rather than
 * the compiler's min and max, which would put two more operations on the
 * chain from one row's value to the next (~2% of an F-16 frame on the
 * runway).  An empty asm that "changes" the value in each branch keeps the
 * compiler from turning the branches back into min and max (x86-64 only;
 * elsewhere it may, which changes nothing but the speed). */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define KEEP_BRANCH(x) __asm__("" : "+x"(x))
#else
#define KEEP_BRANCH(x) ((void)0)
#endif

/* The projected Gauss-Seidel sweeps over the scaled system a lam = rhs,
 * each value clamped to [lo, hi].  Always inlined so that the calls below
 * with a constant n get their loops unrolled and the values kept in
 * registers.
 *
 * Each row's new value waits on the one the row before has just found;
 * everything else in the row is known earlier.  So each row sums its
 * other terms first, in order, onto its previous value, and takes the
 * newest term off last: one product and one subtraction between one
 * row's value and the next instead of a chain through the whole row.
 * This is JSBSim's update (lambda_i + rhs_i - sum_j a_ij lambda_j) summed
 * in another order: the values differ from JSBSim's in rounding only
 * (and the sweeps stop at JSBSim's 1e-5 lbf change anyway). */
static inline __attribute__((always_inline)) void pgs_sweeps(int n, const double *a, const double *rhs,
                                                             const double *lo, const double *hi, double *lam)
{
    for (int sweep = 0; sweep < PGS_MAX_SWEEPS; sweep++) {
        double change = 0.0;
#pragma GCC unroll 6
        for (int i = 0; i < n; i++) {
            const int newest = i > 0 ? i - 1 : n - 1;
            const double lambda0 = lam[i];
            const double *row = a + i * n;
            double known = rhs[i];
#pragma GCC unroll 6
            for (int j = 0; j < newest; j++)
                known -= row[j] * lam[j];
#pragma GCC unroll 6
            for (int j = newest + 1; j < n; j++)
                known -= row[j] * lam[j];
            known += lambda0;
            double x = known - row[newest] * lam[newest];
            if (__builtin_expect(x < lo[i], 0)) {
                x = lo[i];
                KEEP_BRANCH(x);
            } else if (__builtin_expect(x > hi[i], 0)) {
                x = hi[i];
                KEEP_BRANCH(x);
            }
            lam[i] = x;
            change += fabs(lam[i] - lambda0);
        }
        if (change < PGS_TOLERANCE_N)
            break;
    }
}

/* The system the sweeps solve, scaled: a = Jac M^-1 Jac^T (filled by rows,
 * using its symmetry) and the right-hand side, every row scaled by the
 * reciprocal of its diagonal term.  dir[i] and arm[i] point to the
 * multipliers' directions and arms.  Always inlined, like pgs_sweeps, for
 * the usual sizes; the operations and their order are the same for any n.
 *
 * paired: the multipliers come in pairs (2k, 2k + 1) with the same arm, a
 * wheel's or a resting structure point's rolling and side forces.  The
 * terms that depend on the arm alone (w for the columns, acc for the
 * right-hand side) are then worked out once a pair: the same operations
 * on the same operands, so the same bits. */
static inline __attribute__((always_inline)) void build_system(int n, int paired, const double *const *dir,
                                                               const double *const *arm, const double jinv[3][3],
                                                               double mass_kg, const double vdot[3],
                                                               const double wdot[3], double *a, double *rhs)
{
    const double inv_mass = 1.0 / mass_kg; /* JSBSim's U / Mass, a vector's */
#pragma GCC unroll 6
    for (int i = 0; i < n; i++) {
        const double *ui = dir[i];
        double rxu[3], v2[3], v1[3];
        vec3_cross(rxu, arm[i], ui);
        for (int k = 0; k < 3; k++) {
            v1[k] = ui[k] * inv_mass;
            v2[k] = jinv[k][0] * rxu[0] + jinv[k][1] * rxu[1] + jinv[k][2] * rxu[2];
        }
#pragma GCC unroll 6
        for (int j = 0; j < i; j++)
            a[i * n + j] = a[j * n + i];
        double w[3] = {0.0, 0.0, 0.0};
#pragma GCC unroll 6
        for (int j = i; j < n; j++) {
            if (!paired || j == i || (j & 1) == 0) { /* else the pair's first column's */
                vec3_cross(w, v2, arm[j]);
                for (int k = 0; k < 3; k++)
                    w[k] += v1[k];
            }
            a[i * n + j] = vec3_dot(dir[j], w);
        }
    }
    double acc[3] = {0.0, 0.0, 0.0};
#pragma GCC unroll 6
    for (int i = 0; i < n; i++) {
        /* by the reciprocal of the diagonal: one division a row, not n + 1
         * (JSBSim divides each; the difference is rounding) */
        const double inv_d = 1.0 / a[i * n + i];
        if (!paired || (i & 1) == 0) { /* else the pair's first row's */
            vec3_cross(acc, wdot, arm[i]);
            for (int k = 0; k < 3; k++)
                acc[k] += vdot[k];
        }
        rhs[i] = -vec3_dot(dir[i], acc) * inv_d;
#pragma GCC unroll 6
        for (int j = 0; j < n; j++)
            a[i * n + j] *= inv_d;
    }
}

void ground_friction_solve(ground *g, const fdm_env *env, const double uvwdot_mps2[3], const double pqrdot_radps2[3],
                           const double (*jinv_given)[3], double force_body_n[3], double moment_body_nm[3])
{
    int n = g->n_active;
    for (int k = 0; k < 3; k++)
        force_body_n[k] = moment_body_nm[k] = 0.0;
    if (n == 0 || !(env->mass_kg > 0.0))
        return;

    double jinv_own[3][3];
    const double (*jinv)[3] = jinv_given;
    if (!jinv) {
        if (!mat3_invert(env->inertia_kgm2, jinv_own)) /* JSBSim FGMatrix33::Inverse; singular: zeros */
            memset(jinv_own, 0, sizeof jinv_own);
        jinv = (const double (*)[3])jinv_own;
    }
    double a_stack[GROUND_STACK_MULTIPLIERS * GROUND_STACK_MULTIPLIERS];
    double rhs_stack[GROUND_STACK_MULTIPLIERS], lam_stack[GROUND_STACK_MULTIPLIERS];
    const int on_stack = n <= GROUND_STACK_MULTIPLIERS;
    double *a = on_stack ? a_stack : g->a, *rhs = on_stack ? rhs_stack : g->rhs;
    double *lam = on_stack ? lam_stack : g->lambda;
    ground_multiplier **mu = g->active;

    double vdot[3], wdot[3];
    for (int k = 0; k < 3; k++) {
        vdot[k] = uvwdot_mps2[k];
        wdot[k] = pqrdot_radps2[k];
        if (env->dt_s > 0.0) { /* the terrain does not move */
            vdot[k] += env->vel_body_mps[k] / env->dt_s;
            wdot[k] += env->omega_body_radps[k] / env->dt_s;
        }
    }

    /* the values and bounds in contiguous copies, the directions and arms
     * by pointer (copying them cost more than it saved); the usual sizes
     * (a wheel's two multipliers, two or three wheels) have their own
     * unrolled copies of the set-up and of the sweeps */
    const double *dir_stack[GROUND_STACK_MULTIPLIERS], *arm_stack[GROUND_STACK_MULTIPLIERS];
    double lo_stack[GROUND_STACK_MULTIPLIERS], hi_stack[GROUND_STACK_MULTIPLIERS];
    double *lo = on_stack ? lo_stack : g->lambda + n, *hi = on_stack ? hi_stack : g->lambda + 2 * n;
    const double **dir = on_stack ? dir_stack : g->dir_arm;
    const double **arm = on_stack ? arm_stack : g->dir_arm + n;
    for (int i = 0; i < n; i++) {
        lam[i] = mu[i]->value_n;
        lo[i] = mu[i]->min_n;
        hi[i] = mu[i]->max_n;
        dir[i] = mu[i]->dir_body;
        arm[i] = mu[i]->arm_body_m;
    }
    const double *const *cdir = dir, *const *carm = arm;
    /* every multiplier in a same-arm pair (ground_gear.c registers a rolling
     * and side pair, or one sliding multiplier, a contact) */
    const int paired = g->n_single == 0;
    switch (paired ? n : 0) {
    case 2:
        build_system(2, 1, cdir, carm, jinv, env->mass_kg, vdot, wdot, a, rhs);
        pgs_sweeps(2, a, rhs, lo, hi, lam);
        break;
    case 4:
        build_system(4, 1, cdir, carm, jinv, env->mass_kg, vdot, wdot, a, rhs);
        pgs_sweeps(4, a, rhs, lo, hi, lam);
        break;
    case 6:
        build_system(6, 1, cdir, carm, jinv, env->mass_kg, vdot, wdot, a, rhs);
        pgs_sweeps(6, a, rhs, lo, hi, lam);
        break;
    default:
        build_system(n, paired, cdir, carm, jinv, env->mass_kg, vdot, wdot, a, rhs);
        pgs_sweeps(n, a, rhs, lo, hi, lam);
        break;
    }
    /* the values back (the next frame starts from them), and the forces */
    for (int i = 0; i < n; i++) {
        mu[i]->value_n = lam[i];
        double f[3], m[3];
        for (int k = 0; k < 3; k++)
            f[k] = lam[i] * cdir[i][k];
        vec3_cross(m, carm[i], f);
        for (int k = 0; k < 3; k++) {
            force_body_n[k] += f[k];
            moment_body_nm[k] += m[k];
        }
    }
}
