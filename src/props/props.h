/*
 * props.h - the property tree of a JSBSim-format aircraft: every name
 * (`velocities/vc-kts`, `fcs/elevator-cmd-norm`, `propulsion/engine[1]/n2`)
 * is given a slot index when the model loads, and values live in one array
 * of doubles indexed by slot.  Nothing looks a name up while stepping.
 *
 * Names are stored normalised (prop_normalize): no leading '/', no
 * "/fdm/jsbsim/" prefix, and "[0]" removed from every path component, so
 * `propulsion/engine[0]/thrust-lbs` and `propulsion/engine/thrust-lbs` are
 * the same slot, as in JSBSim.  Values keep JSBSim's units (the unit is in
 * the name); conversion to SI happens in the models that read them.
 *
 * Invariants: 0 <= slot < count; names[slot] is unique; v, names, flags and
 * where have `cap` entries.  The `v` array may move while properties are
 * being added (loading), never afterwards, so code keeps slots, not
 * pointers, until the model is built.
 */
#ifndef SAQR_PROPS_PROPS_H
#define SAQR_PROPS_PROPS_H

#include <limits.h>
#include <stddef.h>

#include "saqr.h"

/* How a property is used; flags accumulate as the model loads. */
enum {
    PROP_PRODUCED = 1u << 0, /* some model writes it each frame (core, FCS
                                component output, function with name=)   */
    PROP_INPUT = 1u << 1,    /* meant to be set from outside (controls,
                                script, command line, declared <property>) */
    PROP_READ = 1u << 2,     /* something reads it                        */
    PROP_READONLY = 1u << 3, /* writes from outside are refused           */
    PROP_ACTION = 1u << 4,   /* writing it triggers an action (trim, ...) */
    PROP_LAZY = 1u << 5,     /* may be worked out when read (fdm_air.h)   */
    PROP_OWNED = 1u << 6,    /* its model's report: written by that model
                                alone each frame, which may then skip
                                rewriting an unchanged value; an outside
                                write tells the model (fdm_set_property) */
    PROP_FOREIGN = 1u << 7,  /* owned, and produced by something else too
                                (found at load): always rewritten        */
    PROP_WATCHED = 1u << 8,  /* its model keeps a copy in step with it and
                                is told of an outside write (the FCS's
                                surface positions; fdm_set_property)      */
    PROP_IC = 1u << 9        /* an ic/ property: a read shows the initial
                                conditions written and not yet applied
                                (ic_read_pending)                          */
};

#define PROP_NAME_MAX 256   /* longest normalised name, with the NUL      */

typedef struct prop_tree {
    const saqr_allocator *alloc;
    int count, cap;
    double *v;              /* values, by slot                           */
    char **names;           /* normalised names, by slot                 */
    unsigned *flags;        /* PROP_* by slot                            */
    char **where;           /* "file:line" of first use, or NULL         */
    int *bucket;            /* hash heads (-1 empty), nbucket of them    */
    int *chain;             /* next slot in the same bucket, by slot     */
    int nbucket;
    int borrowed;           /* names, flags, where, bucket and chain belong
                               to another tree (prop_tree_share): only v is
                               this tree's, and no name can be added      */
} prop_tree;

/* Empty tree using `alloc` (NULL: malloc).  Returns SAQR_OK or
 * SAQR_ENOMEM. */
saqr_status prop_tree_init(prop_tree *t, const saqr_allocator *alloc);
/* Frees everything; the tree is empty afterwards. */
void prop_tree_free(prop_tree *t);

/* Writes the normalised form of `name` into out (size out_size).  Returns
 * 0, or -1 when the name is empty, too long or holds characters JSBSim
 * does not allow (space, quotes, '<', '>', '&', control characters). */
int prop_normalize(const char *name, char *out, size_t out_size);

/* Slot of `name` (any spelling prop_normalize accepts), or -1. */
int prop_find(const prop_tree *t, const char *name);

/* A tree with its own copy of src's values and src's names, flags and
 * hash borrowed (read-only; src must outlive it), for the aircraft of a
 * batch.  SAQR_ENOMEM on failure. */
saqr_status prop_tree_share(prop_tree *t, const prop_tree *src, const saqr_allocator *alloc);

/* Slot of `name`, created with value 0 when new; `flags` are OR-ed in and
 * `where` ("file:line", copied) is kept when the slot had none.  Returns
 * -1 when the name is invalid or memory runs out, and in a borrowed tree
 * unless the slot exists with those flags already. */
int prop_intern(prop_tree *t, const char *name, unsigned flags, const char *where);

/* Slot of the JSBSim spelling `prefix[index]/suffix` (index 0 collapses as
 * usual), e.g. prop_intern_indexed(t, "propulsion/engine", 1, "n2", ...). */
int prop_intern_indexed(prop_tree *t, const char *prefix, int index, const char *suffix,
                        unsigned flags, const char *where);

/* First slot that is read but neither produced nor an input, or -1. */
int prop_first_undefined(const prop_tree *t);

/* A property value as an int, truncated as JSBSim's (int) casts but
 * defined for every double (a plain cast of a huge value is undefined
 * behaviour): NaN gives 0, values beyond int's range saturate. */
static inline int prop_int(double x)
{
    if (!(x == x))
        return 0;
    if (x >= (double)INT_MAX)
        return INT_MAX;
    if (x <= (double)INT_MIN)
        return INT_MIN;
    return (int)x;
}

#endif
