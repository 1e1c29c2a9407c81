/*
 * props.c - the property tree: open hashing of normalised names to slots,
 * with parallel arrays for values, names, flags and first-use locations.
 * See props.h for the naming rules.
 */
#include "props/props.h"

#include <stdio.h>
#include <string.h>

#include "util/mem.h"

static unsigned hash_name(const char *s)
{
    unsigned h = 2166136261u;           /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 16777619u;
    }
    return h;
}

saqr_status prop_tree_init(prop_tree *t, const saqr_allocator *alloc)
{
    memset(t, 0, sizeof *t);
    t->alloc = alloc ? alloc : mem_default();
    t->nbucket = 1024;
    t->bucket = mem_alloc(t->alloc, sizeof *t->bucket * (size_t)t->nbucket);
    if (!t->bucket)
        return SAQR_ENOMEM;
    for (int i = 0; i < t->nbucket; i++)
        t->bucket[i] = -1;
    return SAQR_OK;
}

saqr_status prop_tree_share(prop_tree *t, const prop_tree *src, const saqr_allocator *alloc)
{
    *t = *src;
    t->alloc = alloc;
    t->borrowed = 1;
    t->cap = src->count;
    t->v = mem_alloc(alloc, (size_t)(src->count > 0 ? src->count : 1) * sizeof *t->v);
    if (!t->v) {
        memset(t, 0, sizeof *t);
        t->alloc = alloc;
        return SAQR_ENOMEM;
    }
    if (src->count > 0)
        memcpy(t->v, src->v, (size_t)src->count * sizeof *t->v);
    return SAQR_OK;
}

void prop_tree_free(prop_tree *t)
{
    if (t->borrowed) {
        mem_free(t->alloc, t->v);
        const saqr_allocator *a = t->alloc;
        memset(t, 0, sizeof *t);
        t->alloc = a;
        return;
    }
    for (int i = 0; i < t->count; i++) {
        mem_free(t->alloc, t->names[i]);
        mem_free(t->alloc, t->where[i]);
    }
    mem_free(t->alloc, t->v);
    mem_free(t->alloc, t->names);
    mem_free(t->alloc, t->flags);
    mem_free(t->alloc, t->where);
    mem_free(t->alloc, t->bucket);
    mem_free(t->alloc, t->chain);
    const saqr_allocator *a = t->alloc;
    memset(t, 0, sizeof *t);
    t->alloc = a;
}

static int allowed_char(char ch)
{
    unsigned char c = (unsigned char)ch;
    return c > 32 && c < 127 && ch != '"' && ch != '\'' && ch != '<' && ch != '>' && ch != '&';
}

int prop_normalize(const char *name, char *out, size_t out_size)
{
    if (!name || out_size == 0)
        return -1;
    while (*name == '/')
        name++;
    static const char prefix[] = "fdm/jsbsim/";
    if (strncmp(name, prefix, sizeof prefix - 1) == 0)
        name += sizeof prefix - 1;
    size_t n = 0;
    for (const char *p = name; *p; p++) {
        if (!allowed_char(*p))
            return -1;
        /* "[0]" at the end of a path component is the default index */
        if (p[0] == '[' && p[1] == '0' && p[2] == ']' && (p[3] == '/' || p[3] == '\0')) {
            p += 2;
            continue;
        }
        if (n + 1 >= out_size)
            return -1;
        out[n++] = *p;
    }
    while (n > 0 && out[n - 1] == '/')
        n--;
    if (n == 0)
        return -1;
    out[n] = '\0';
    return 0;
}

static int find_normalized(const prop_tree *t, const char *norm, unsigned h)
{
    if (!t->bucket)
        return -1;
    for (int s = t->bucket[h % (unsigned)t->nbucket]; s >= 0; s = t->chain[s])
        if (strcmp(t->names[s], norm) == 0)
            return s;
    return -1;
}

int prop_find(const prop_tree *t, const char *name)
{
    char norm[PROP_NAME_MAX];
    if (prop_normalize(name, norm, sizeof norm))
        return -1;
    return find_normalized(t, norm, hash_name(norm));
}

/* Grows the per-slot arrays to hold at least one more slot. */
static int grow(prop_tree *t)
{
    if (t->count < t->cap)
        return 0;
    int cap = t->cap ? t->cap * 2 : 256;
    size_t n = (size_t)cap;
    double *v = mem_alloc(t->alloc, n * sizeof *v);
    char **names = mem_alloc(t->alloc, n * sizeof *names);
    unsigned *flags = mem_alloc(t->alloc, n * sizeof *flags);
    char **where = mem_alloc(t->alloc, n * sizeof *where);
    int *chain = mem_alloc(t->alloc, n * sizeof *chain);
    if (!v || !names || !flags || !where || !chain) {
        mem_free(t->alloc, v);
        mem_free(t->alloc, names);
        mem_free(t->alloc, flags);
        mem_free(t->alloc, where);
        mem_free(t->alloc, chain);
        return -1;
    }
    size_t old = (size_t)t->count;
    if (old) {
        memcpy(v, t->v, old * sizeof *v);
        memcpy(names, t->names, old * sizeof *names);
        memcpy(flags, t->flags, old * sizeof *flags);
        memcpy(where, t->where, old * sizeof *where);
        memcpy(chain, t->chain, old * sizeof *chain);
    }
    mem_free(t->alloc, t->v);
    mem_free(t->alloc, t->names);
    mem_free(t->alloc, t->flags);
    mem_free(t->alloc, t->where);
    mem_free(t->alloc, t->chain);
    t->v = v;
    t->names = names;
    t->flags = flags;
    t->where = where;
    t->chain = chain;
    t->cap = cap;
    return 0;
}

int prop_intern(prop_tree *t, const char *name, unsigned flags, const char *where)
{
    char norm[PROP_NAME_MAX];
    if (!t->bucket || prop_normalize(name, norm, sizeof norm))
        return -1;
    unsigned h = hash_name(norm);
    int s = find_normalized(t, norm, h);
    if (t->borrowed)
        return s >= 0 && (t->flags[s] & flags) == flags ? s : -1;
    if (s < 0) {
        if (grow(t))
            return -1;
        char *copy = mem_strdup(t->alloc, norm);
        if (!copy)
            return -1;
        s = t->count++;
        t->names[s] = copy;
        t->v[s] = 0.0;
        t->flags[s] = 0;
        t->where[s] = NULL;
        unsigned b = h % (unsigned)t->nbucket;
        t->chain[s] = t->bucket[b];
        t->bucket[b] = s;
    }
    /* a second producer of an owned property (either order of loading) */
    if (((flags & PROP_OWNED) && (t->flags[s] & PROP_PRODUCED)) ||
        ((t->flags[s] & PROP_OWNED) && (flags & PROP_PRODUCED)))
        t->flags[s] |= PROP_FOREIGN;
    t->flags[s] |= flags;
    if (where && !t->where[s])
        t->where[s] = mem_strdup(t->alloc, where); /* NULL on OOM: only a lost hint */
    return s;
}

int prop_intern_indexed(prop_tree *t, const char *prefix, int index, const char *suffix,
                        unsigned flags, const char *where)
{
    char name[PROP_NAME_MAX];
    int n;
    if (index > 0)
        n = snprintf(name, sizeof name, "%s[%d]%s%s", prefix, index, suffix ? "/" : "",
                     suffix ? suffix : "");
    else
        n = snprintf(name, sizeof name, "%s%s%s", prefix, suffix ? "/" : "", suffix ? suffix : "");
    if (n < 0 || (size_t)n >= sizeof name)
        return -1;
    return prop_intern(t, name, flags, where);
}

int prop_first_undefined(const prop_tree *t)
{
    for (int s = 0; s < t->count; s++)
        if ((t->flags[s] & PROP_READ) && !(t->flags[s] & (PROP_PRODUCED | PROP_INPUT)))
            return s;
    return -1;
}
