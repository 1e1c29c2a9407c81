/*
 * aero_daveml.h - a DAVE-ML model (AIAA S-119) evaluated inside the
 * <aerodynamics> of a JSBSim-format aircraft:
 *
 *   <daveml file="model.dml">
 *     <input  variable="angleOfAttack" property="aero/alpha-deg"/>
 *     <output variable="aeroBodyForceCoefficient_X" property="aero/daveml/cx"/>
 *   </daveml>
 *
 * Each frame the input properties are copied (unit-converted) into the
 * model's input variables, the model is evaluated in place, and the
 * chosen variables are written (unit-converted) to their properties, which
 * the axis functions then read like any other.  A property's unit comes
 * from its unit= attribute, else from its name's suffix (-deg, -rad, -fps,
 * -kts, -psf, -ft ...); a variable's from its DAVE-ML units attribute.
 * docs/daveml.md, "DAVE-ML inside a JSBSim aircraft", has the details.
 *
 * Memory: the model and the bindings live in the loader's arena (the
 * aircraft's); nothing is freed separately and nothing allocates while
 * running.
 */
#ifndef SAQR_FDM_AERO_DAVEML_H
#define SAQR_FDM_AERO_DAVEML_H

#include <libxml/tree.h>

#include "load/jsbsim/jxml.h"

typedef struct aero_dml aero_dml;

/* Loads one <daveml> element: the model named by file= (absolute, or
 * relative to the aircraft folder; the folder of the element's own file
 * when the context has none) and its <input>/<output> bindings, property
 * names interned as slots.  On failure returns SAQR_EPARSE (or
 * SAQR_ENOMEM) with "file:line: ..." naming the element in c->err; the
 * arena keeps whatever was allocated. */
saqr_status aero_dml_load(jx_ctx *c, const xmlNode *el, aero_dml **out);

/* Inputs from `v`, evaluation, outputs into `v`.  Cannot fail; no
 * allocation, no string work. */
void aero_dml_run(aero_dml *d, double *v);

/* Factor that takes a value in unit `from_unit` to unit `to_unit`:
 * to = from * factor.  Either may be a JSBSim unit= name ("DEG",
 * "FT/SEC", "PSF"), a property-name suffix ("fps", "kts", "rad_sec") or a
 * DAVE-ML unit ("deg", "ft_s", "nmi_h", "nd"), case-insensitive.  Returns
 * 0 and sets *factor, or -1 when a unit is unknown or the dimensions
 * differ.  The same spelling gives exactly 1 (also for unknown units). */
int aero_dml_unit_factor(const char *from_unit, const char *to_unit, double *factor);

/* A copy for another aircraft of a batch (src/fdm/fdm_clone.c): its own
 * state in `ar`, the read-only loaded data shared with `src`.  NULL when
 * memory runs out. */
aero_dml *aero_dml_clone(arena *ar, const aero_dml *src);

#endif
