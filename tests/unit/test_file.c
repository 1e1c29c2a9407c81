/*
 * test_file.c - src/util/file.h: folders made with their parents (and the
 * clear failures: a file in the way, a path too long), the user's data
 * folder by the XDG rules, and whole-file reads that name the file they
 * refuse.
 */
#include "test_util.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db_test_util.h"
#include "util/file.h"
#include "util/mem.h"

static int is_dir(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static void make_dirs_creates_every_missing_parent_and_refuses_what_is_in_the_way(void **state)
{
    (void)state;
    char root[] = "/tmp/saqr-test-file-XXXXXX", path[256], file[256];
    assert_non_null(mkdtemp(root));
    snprintf(path, sizeof path, "%s/a/b/c", root);
    assert_int_equal(file_make_dirs(path), 0);
    assert_true(is_dir(path));
    assert_int_equal(file_make_dirs(path), 0); /* there already: fine */
    snprintf(file, sizeof file, "%s/plain", root);
    FILE *fp = fopen(file, "w");
    assert_non_null(fp);
    fclose(fp);
    snprintf(path, sizeof path, "%s/plain/below", root);
    errno = 0;
    assert_int_equal(file_make_dirs(path), -1); /* a file where a folder should be */
    assert_int_equal(errno, ENOTDIR);
    char *longer = malloc(5000);
    assert_non_null(longer);
    memset(longer, 'x', 4999);
    longer[0] = '/';
    longer[4999] = '\0';
    errno = 0;
    assert_int_equal(file_make_dirs(longer), -1);
    assert_int_equal(errno, ENAMETOOLONG);
    free(longer);
    db_test_remove_tree(root);
}

static void the_user_data_folder_follows_xdg_and_ignores_a_relative_value(void **state)
{
    (void)state;
    char buf[512];
    const char *old_xdg = getenv("XDG_DATA_HOME"), *old_home = getenv("HOME");
    char *keep_xdg = old_xdg ? strdup(old_xdg) : NULL, *keep_home = old_home ? strdup(old_home) : NULL;
    setenv("HOME", "/home/pilot", 1);
    setenv("XDG_DATA_HOME", "/data/x", 1);
    file_user_data_dir(buf, sizeof buf);
    assert_string_equal(buf, "/data/x/saqr");
    setenv("XDG_DATA_HOME", "relative/x", 1);
    file_user_data_dir(buf, sizeof buf);
    assert_string_equal(buf, "/home/pilot/.local/share/saqr");
    unsetenv("XDG_DATA_HOME");
    file_user_data_dir(buf, sizeof buf);
    assert_string_equal(buf, "/home/pilot/.local/share/saqr");
    if (keep_xdg)
        setenv("XDG_DATA_HOME", keep_xdg, 1);
    if (keep_home)
        setenv("HOME", keep_home, 1);
    free(keep_xdg);
    free(keep_home);
}

/* A new file's name never names a file that is there: the stem first,
 * then -2, -3, ...; a name that does not fit, or a stem whose every name
 * is taken, is -1. */
static void an_unused_name_skips_the_files_that_are_there(void **state)
{
    (void)state;
    char dir[] = "/tmp/saqr-test-unused-XXXXXX", stem[64], buf[96];
    assert_non_null(mkdtemp(dir));
    snprintf(stem, sizeof stem, "%s/sortie", dir);
    assert_int_equal(file_unused_name(stem, "rec", buf, sizeof buf), 0);
    assert_true(strlen(buf) > 11 && strcmp(buf + strlen(buf) - 11, "/sortie.rec") == 0);
    for (int k = 1; k <= 3; k++) { /* take sortie.rec, sortie-2.rec, sortie-3.rec */
        assert_int_equal(file_unused_name(stem, "rec", buf, sizeof buf), 0);
        FILE *f = fopen(buf, "wx");
        assert_non_null(f);
        fclose(f);
    }
    assert_int_equal(file_unused_name(stem, "rec", buf, sizeof buf), 0);
    assert_true(strcmp(buf + strlen(buf) - 13, "/sortie-4.rec") == 0);
    char tiny[8];
    assert_int_equal(file_unused_name(stem, "rec", tiny, sizeof tiny), -1);
    static const char *const taken[] = {"sortie.rec", "sortie-2.rec", "sortie-3.rec"};
    for (int k = 0; k < 3; k++) {
        snprintf(buf, sizeof buf, "%s/%s", dir, taken[k]);
        assert_int_equal(remove(buf), 0);
    }
    assert_int_equal(rmdir(dir), 0);
}

static void a_file_that_cannot_be_read_whole_is_refused_by_name(void **state)
{
    (void)state;
    char *buf = (char *)1;
    size_t len = 99;
    saqr_err err = {""};
    assert_int_equal(file_read_all("/nonexistent/saqr/file.xml", NULL, 100, &buf, &len, &err), SAQR_EIO);
    assert_null(buf);
    assert_non_null(strstr(err.msg, "/nonexistent/saqr/file.xml"));
    char path[] = "/tmp/saqr-test-read-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "0123456789", 10), 10);
    close(fd);
    assert_int_equal(file_read_all(path, NULL, 5, &buf, &len, &err), SAQR_EIO); /* over the limit */
    assert_null(buf);
    assert_non_null(strstr(err.msg, path));
    assert_int_equal(file_read_all(path, NULL, 100, &buf, &len, &err), SAQR_OK);
    assert_int_equal(len, 10);
    assert_string_equal(buf, "0123456789");
    mem_free(NULL, buf);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(make_dirs_creates_every_missing_parent_and_refuses_what_is_in_the_way),
        cmocka_unit_test(the_user_data_folder_follows_xdg_and_ignores_a_relative_value),
        cmocka_unit_test(an_unused_name_skips_the_files_that_are_there),
        cmocka_unit_test(a_file_that_cannot_be_read_whole_is_refused_by_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
