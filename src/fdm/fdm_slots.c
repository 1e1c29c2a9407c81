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

saqr_status fdm_slots_intern(jx_ctx *c, fdm_slots *s)
{
    for (size_t i = 0; i < sizeof core_props / sizeof core_props[0]; i++) {
        int slot = prop_intern(c->props, core_props[i].name, core_props[i].flags, NULL);
        if (slot < 0)
            return err_set(c->err, SAQR_ENOMEM, "out of memory interning %s", core_props[i].name);
        *(int *)((char *)s + core_props[i].offset) = slot;
    }
    return SAQR_OK;
}
