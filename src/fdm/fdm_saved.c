/*
 * fdm_saved.c - saved states: a copy of an aircraft to keep, and to put
 * back into another copy of the same loaded aircraft (include/saqr.h,
 * saqr_fdm_copy and saqr_fdm_restore).
 *
 * A copy is a batch's clone (fdm_clone.c): every record a frame changes
 * is the copy's own, the loaded model's read-only data is shared.  So a
 * restore gives back everything a run carries, not only the state
 * vector: the control laws' filters and integrators, the actuators'
 * positions (flaps, gear), the engines' spool and temperatures, the
 * tanks, the ground contacts' memory, the turbulence and the random
 * generator.  With the clock kept, only the time moves: the angle the
 * Earth turned since ECI was last aligned with ECEF is the saved one, so
 * the aircraft is where it was over the ground.
 */
#include "fdm/fdm_clone.h"
#include "fdm/fdm_slots.h"

saqr_fdm *saqr_fdm_copy(saqr_fdm *f)
{
    if (!f)
        return NULL;
    err_clear(&f->err);
    if (!f->ready) {
        err_set(&f->err, SAQR_ESTATE, "copy: call saqr_fdm_init first");
        return NULL;
    }
    /* a batch's aircraft allocates from the batch's slab: its copy, which
     * may outlive the batch, from the allocator the model was created with */
    saqr_fdm *c = fdm_clone(f, &f->alloc_user, NULL);
    if (!c)
        err_set(&f->err, SAQR_ENOMEM, "copy: out of memory");
    return c;
}

/* Both copies of one loaded aircraft: the slots of its core properties
 * are allocated once, at the load, and every copy points at them. */
static int same_model(const saqr_fdm *a, const saqr_fdm *b)
{
    return a->slot == b->slot && a->props.count == b->props.count;
}

saqr_status saqr_fdm_restore(saqr_fdm *dst, const saqr_fdm *saved, int keep_clock)
{
    if (!dst)
        return SAQR_EINVAL;
    err_clear(&dst->err);
    if (!saved)
        return err_set(&dst->err, SAQR_EINVAL, "restore: no saved state given");
    if (!dst->is_clone)
        return err_set(&dst->err, SAQR_ESTATE,
                       "restore: only a copy (saqr_fdm_copy) takes a saved state, not the loaded aircraft");
    if (!saved->ready || !same_model(dst, saved))
        return err_set(&dst->err, SAQR_EINVAL, "restore: the saved state is not of this loaded aircraft");
    if (dst == saved)
        return SAQR_OK;
    const double t_s = dst->t_s;
    const long frame = dst->frame;
    const saqr_log_fn log = dst->log;
    void *log_user = dst->log_user;
    if (fdm_clone_reset(dst, saved) != SAQR_OK)
        return err_set(&dst->err, SAQR_ENOMEM, "restore: out of memory");
    dst->log = log;
    dst->log_user = log_user;
    if (keep_clock) {
        /* the Earth's angle since the alignment stays the saved one (to
         * the rounding of the sum), so nothing moves over the ground */
        dst->epa_t0_s += t_s - dst->t_s;
        dst->t_s = t_s;
        dst->env.t_s = t_s;
        dst->frame = frame;
        dst->props.v[dst->slot->sim_time] = t_s;
        dst->props.v[dst->slot->sim_frame] = (double)frame;
    }
    return SAQR_OK;
}
