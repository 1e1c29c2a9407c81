/*
 * temp_root.h - a temporary copy of the shared reference JSBSim root
 * (aircraft, engines, systems, scripts) for tests that edit its files,
 * or a temporary root for an aircraft of a test's own.
 */
#ifndef SAQR_TEST_TEMP_ROOT_H
#define SAQR_TEST_TEMP_ROOT_H

#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Copies the reference root's folders into a fresh /tmp/<tag>_XXXXXX,
 * whose path goes to root[n]; 0 on success. */
static inline int temp_root_make(char *root, size_t n, const char *tag)
{
    snprintf(root, n, "/tmp/%s_XXXXXX", tag);
    if (!mkdtemp(root))
        return -1;
    char ref[512], cmd[4096];
    test_shared_path(ref, sizeof ref, "reference/jsbsim");
    snprintf(cmd, sizeof cmd, "cp -r '%s/aircraft' '%s/engine' '%s/systems' '%s/scripts' '%s/'", ref, ref, ref,
             ref, root);
    return system(cmd) == 0 ? 0 : -1;
}

/* Puts `text` in place of the first `from` in root/REL, or before it when
 * `keep` (the test fails when the file or the place is not there). */
static inline void temp_root_edit(const char *root, const char *rel, const char *from, const char *text, int keep)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    char *at = strstr(buf, from);
    assert_non_null(at);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    fwrite(buf, 1, (size_t)(at - buf), fp);
    fputs(text, fp);
    fputs(keep ? at : at + strlen(from), fp);
    assert_int_equal(fclose(fp), 0);
}

/* Inserts `text` before the first `before` in root/REL (the test fails
 * when the file or the place is not there). */
static inline void temp_root_insert(const char *root, const char *rel, const char *before, const char *text)
{
    temp_root_edit(root, rel, before, text, 1);
}

/* Replaces the first `from` in root/REL with `to`. */
static inline void temp_root_replace(const char *root, const char *rel, const char *from, const char *to)
{
    temp_root_edit(root, rel, from, to, 0);
}

/* Writes root/REL with `text` (the test fails when it cannot). */
static inline void temp_root_write(const char *root, const char *rel, const char *text)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

/* A fresh /tmp/<tag>_XXXXXX (path to root[n]) holding only the folder
 * aircraft/NAME, for an aircraft of a test's own; 0 on success. */
static inline int temp_root_for_aircraft(char *root, size_t n, const char *tag, const char *name)
{
    snprintf(root, n, "/tmp/%s_XXXXXX", tag);
    if (!mkdtemp(root))
        return -1;
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/aircraft", root);
    if (mkdir(dir, 0700) != 0)
        return -1;
    snprintf(dir, sizeof dir, "%s/aircraft/%s", root, name);
    return mkdir(dir, 0700);
}

static inline int temp_root_remove(const char *root)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

#endif
