/*
 * app_paths.c - where the `saqr` command finds its data (app_paths.h).
 */
#include "app_paths.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* the tree this program was built in (the Makefile's -D) */
#if !defined(SAQR_ROOT_DIR) || !defined(SAQR_DATA_DIR)
#error "build with -DSAQR_ROOT_DIR and -DSAQR_DATA_DIR (the Makefile does)"
#endif

#define APP_PATH_MAX 4200

static char paths[APP_PATH_COUNT][APP_PATH_MAX];
static int ready;

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* PREFIX/share/saqr for a program at PREFIX/bin/saqr that has its lessons
 * there, in `out`; 0 when the program does not run installed. */
static int installed_root(char *out, size_t n)
{
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len <= 0)
        return 0;
    exe[len] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return 0;
    *slash = '\0'; /* the program's folder */
    char lessons[PATH_MAX + 32];
    if ((size_t)snprintf(out, n, "%s/../share/saqr", exe) >= n ||
        (size_t)snprintf(lessons, sizeof lessons, "%s/lessons", out) >= sizeof lessons)
        return 0;
    return is_dir(lessons);
}

static void work_out(void)
{
    char root[APP_PATH_MAX], data[APP_PATH_MAX];
    if (installed_root(root, sizeof root)) {
        snprintf(data, sizeof data, "%.*s/data", APP_PATH_MAX - 8, root);
    } else {
        snprintf(root, sizeof root, "%s", SAQR_ROOT_DIR);
        snprintf(data, sizeof data, "%s", SAQR_DATA_DIR);
    }
    static const struct {
        int from_data;
        const char *rel;
    } tail[APP_PATH_COUNT] = {
        [APP_ROOT] = {0, ""},          [APP_LESSONS] = {0, "/lessons"},       [APP_WEB] = {0, "/web/dist"},
        [APP_AIRPORTS] = {1, "/airports.xml"}, [APP_CONTROLS] = {1, "/controls.xml"}, [APP_NASA] = {1, "/nasa"},
    };
    for (int i = 0; i < APP_PATH_COUNT; i++)
        snprintf(paths[i], sizeof paths[i], "%.4096s%s", tail[i].from_data ? data : root, tail[i].rel);
    ready = 1;
}

const char *app_path_get(app_path which)
{
    if (!ready)
        work_out();
    return which >= 0 && which < APP_PATH_COUNT ? paths[which] : paths[APP_ROOT];
}
