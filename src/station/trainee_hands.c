/*
 * trainee_hands.c - the trainee's controls across changes of hands (see
 * trainee_hands.h).
 */
#include "station/trainee_hands.h"

#include "train/sortie_control.h"

void trainee_hands_bind(saqr_fdm *f, int slot[CONTROLS_COUNT])
{
    for (int i = 0; i < CONTROLS_COUNT; i++)
        slot[i] = saqr_fdm_property(f, controls_property((controls_id)i));
    if (saqr_fdm_retractable_gear_count(f) <= 0)
        slot[CONTROLS_GEAR] = -1;
}

void trainee_hands_reset(trainee_hands *h)
{
    h->known = 0;
    h->cockpit_out = 0;
}

static void write(sortie *so, const int slot[CONTROLS_COUNT], unsigned mask, const double value[CONTROLS_COUNT])
{
    saqr_fdm *f = sortie_fdm(so);
    for (int i = 0; i < CONTROLS_COUNT; i++)
        if ((mask >> i & 1u) && slot[i] >= 0)
            (void)saqr_fdm_set(f, slot[i], value[i]);
}

void trainee_hands_input(trainee_hands *h, sortie *so, const int slot[CONTROLS_COUNT], unsigned mask,
                         const double value[CONTROLS_COUNT], int fly)
{
    for (int i = 0; i < CONTROLS_COUNT; i++)
        if (mask >> i & 1u)
            h->value[i] = value[i];
    h->known |= mask;
    if (fly && mask && so && sortie_cockpit_flies(so))
        write(so, slot, mask, value);
}

void trainee_hands_after_frame(trainee_hands *h, sortie *so, const int slot[CONTROLS_COUNT])
{
    int out = !sortie_cockpit_flies(so);
    /* "you have control", or the instructor's hands on the cockpit's
     * controls after the reference pilot's: where they are held */
    if (h->cockpit_out && !out)
        write(so, slot, h->known, h->value);
    h->cockpit_out = out;
}
