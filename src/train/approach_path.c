/*
 * approach_path.c - a lesson's approach path and the final approach's
 * cone (see approach_path.h).
 */
#include "train/approach_path.h"

#include <math.h>

#include "math/units.h"

#define CONE_HALF_FT 500.0      /* the cone's half width at the threshold   */
#define CONE_SPLAY 0.25         /* its widening per foot out (~14 deg)      */
#define CONE_TOP_FT 3000.0      /* above the threshold                      */
#define CONE_BOTTOM_FT (-1000.0) /* below it: not an approach (bad data)    */

approach_path approach_path_of_lesson(const lesson *l)
{
    approach_path path = {NAN, NAN};
    for (int pass = 0; pass < 2 && l; pass++) {
        const lesson_mode want = pass == 0 ? LMODE_APPROACH : LMODE_LAND;
        for (int i = 0; i < l->nexercises; i++)
            for (int k = 0; k < l->exercises[i].nsegments; k++) {
                const lesson_segment *s = &l->exercises[i].segments[k];
                if (s->mode == want && !s->glide_free && s->glide_deg > 0.0 && s->glide_deg < 45.0 &&
                    fabs(s->aim_ft) < 1e5) {
                    path.glide_deg = s->glide_deg;
                    path.aim_ft = s->aim_ft;
                    return path;
                }
            }
    }
    return path;
}

double approach_path_height_ft(const approach_path *p, double x_ft)
{
    if (isnan(p->glide_deg))
        return NAN;
    return fmax(p->aim_ft - x_ft, 0.0) * tan(p->glide_deg * RAD_PER_DEG);
}

int approach_in_final_cone(double x_ft, double y_ft, double h_ft, double length_ft)
{
    const double out_ft = fmax(-x_ft, 0.0);
    return x_ft <= length_ft && x_ft >= -APPROACH_CONE_MAX_FT && fabs(y_ft) <= CONE_HALF_FT + CONE_SPLAY * out_ft &&
           h_ft <= CONE_TOP_FT && h_ft >= CONE_BOTTOM_FT;
}
