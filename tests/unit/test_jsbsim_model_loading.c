/*
 * test_jsbsim_model_loading.c - JSBSim's TestModelLoading: a section of an
 * aircraft file flies the same whether it is written in the aircraft file
 * or in a file of its own named by file= (FGModelLoader).  Each section of
 * the reference c172x in turn - <metrics>, <mass_balance>,
 * <ground_reactions>, <propulsion>, <flight_control>, <aerodynamics> and
 * the "Navigation" <system> - is moved out to a file of its own in a copy
 * of the reference root, and the <autopilot file="c172ap"/> moved in; each
 * variant flies c172_cruise_8K (trimmed at 1 s, the autopilot on from
 * 5 s) beside the unchanged aircraft for 8 s, every property equal to the
 * bit every 12 frames (JSBSim's test: its whole output, to 0.0).
 */
#include "fdm_util.h"
#include "temp_root.h"

#include <math.h>

#define AIRCRAFT "aircraft/c172x/c172x.xml"

/* Whole file root/rel, in a buffer the caller frees. */
static char *read_text(const char *root, const char *rel)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    assert_int_equal(fseek(fp, 0, SEEK_END), 0);
    long n = ftell(fp);
    assert_true(n > 0);
    rewind(fp);
    char *text = malloc((size_t)n + 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)n, fp), (size_t)n);
    text[n] = '\0';
    fclose(fp);
    return text;
}

/* Moves the section from `start` to the first `end` after it out of the
 * aircraft file into aircraft/c172x/NAME.xml and leaves <TAG
 * file="NAME"/> in its place (JSBSim's test's DetachAndCompare). */
static void detach(const char *root, const char *start, const char *end, const char *tag, const char *name)
{
    char *text = read_text(root, AIRCRAFT);
    char *a = strstr(text, start);
    assert_non_null(a);
    char *b = strstr(a, end);
    assert_non_null(b);
    b += strlen(end);
    char rel[256], *section = malloc((size_t)(b - a) + 64);
    assert_non_null(section);
    snprintf(section, (size_t)(b - a) + 64, "<?xml version=\"1.0\"?>\n%.*s\n", (int)(b - a), a);
    snprintf(rel, sizeof rel, "aircraft/c172x/%s.xml", name);
    temp_root_write(root, rel, section);
    size_t n = strlen(text) + 256;
    char *out = malloc(n);
    assert_non_null(out);
    snprintf(out, n, "%.*s<%s file=\"%s\"/>%s", (int)(a - text), text, tag, name, b);
    temp_root_write(root, AIRCRAFT, out);
    free(out);
    free(section);
    free(text);
}

/* Replaces `ref` (an element naming a file) with that file's root element
 * (JSBSim's test's InsertAndCompare). */
static void insert(const char *root, const char *ref, const char *file_rel, const char *root_tag)
{
    char *text = read_text(root, AIRCRAFT), *file = read_text(root, file_rel);
    char *a = strstr(text, ref), *el = strstr(file, root_tag);
    assert_non_null(a);
    assert_non_null(el);
    size_t n = strlen(text) + strlen(el) + 16;
    char *out = malloc(n);
    assert_non_null(out);
    snprintf(out, n, "%.*s%s%s", (int)(a - text), text, el, a + strlen(ref));
    temp_root_write(root, AIRCRAFT, out);
    free(out);
    free(file);
    free(text);
}

/* Flies the reference and the variant side by side; every property of the
 * variant equals the reference's of the same name. */
static void flies_as_the_reference(const char *root, const char *what)
{
    saqr_fdm *ref = fdm_reference_script("c172_cruise_8K");
    saqr_fdm *mod = fdm_script_in(root, "scripts/c172_cruise_8K.xml");
    const int n = saqr_fdm_property_count(mod);
    assert_int_equal(n, saqr_fdm_property_count(ref));
    int *slot = malloc((size_t)n * sizeof *slot);
    assert_non_null(slot);
    for (int k = 0; k < n; k++) {
        slot[k] = saqr_fdm_property(ref, saqr_fdm_property_name(mod, k));
        if (slot[k] < 0)
            fail_msg("%s: %s is not a property of the reference", what, saqr_fdm_property_name(mod, k));
    }
    for (int frame = 0; saqr_fdm_time(ref) < 8.0; frame++) {
        if (frame % 12 == 0)
            for (int k = 0; k < n; k++) {
                const double a = saqr_fdm_get(ref, slot[k]), b = saqr_fdm_get(mod, k);
                if (memcmp(&a, &b, sizeof a) != 0 && !(isnan(a) && isnan(b)))
                    fail_msg("%s: %s = %.17g at %.3f s, %.17g with the section inline", what,
                             saqr_fdm_property_name(mod, k), b, saqr_fdm_time(ref), a);
            }
        assert_int_equal(saqr_fdm_step(ref), SAQR_OK);
        assert_int_equal(saqr_fdm_step(mod), SAQR_OK);
    }
    free(slot);
    saqr_fdm_destroy(mod);
    saqr_fdm_destroy(ref);
}

static void a_section_flies_the_same_from_a_file_of_its_own(void **state)
{
    (void)state;
    static const struct {
        const char *start, *end, *tag, *name;
    } sections[] = {
        {"<metrics>", "</metrics>", "metrics", "metrics"},
        {"<mass_balance>", "</mass_balance>", "mass_balance", "mass_balance"},
        {"<ground_reactions>", "</ground_reactions>", "ground_reactions", "ground_reactions"},
        {"<propulsion>", "</propulsion>", "propulsion", "propulsion"},
        {"<flight_control name=\"c172\">", "</flight_control>", "flight_control", "flight_control"},
        {"<aerodynamics>", "</aerodynamics>", "aerodynamics", "aerodynamics"},
        {"<system name=\"Navigation\">", "</system>", "system", "Navigation"},
    };
    for (size_t k = 0; k < sizeof sections / sizeof sections[0]; k++) {
        char root[256];
        assert_int_equal(temp_root_make(root, sizeof root, "saqr_test_model_loading"), 0);
        detach(root, sections[k].start, sections[k].end, sections[k].tag, sections[k].name);
        flies_as_the_reference(root, sections[k].name);
        assert_int_equal(temp_root_remove(root), 0);
    }
}

static void a_section_from_a_file_flies_the_same_inline(void **state)
{
    (void)state;
    char root[256];
    assert_int_equal(temp_root_make(root, sizeof root, "saqr_test_model_loading"), 0);
    insert(root, "<autopilot file=\"c172ap\"/>", "aircraft/c172x/c172ap.xml", "<autopilot ");
    /* gone, so that nothing can read it */
    char path[512];
    snprintf(path, sizeof path, "%s/aircraft/c172x/c172ap.xml", root);
    assert_int_equal(remove(path), 0);
    flies_as_the_reference(root, "autopilot");
    assert_int_equal(temp_root_remove(root), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_section_flies_the_same_from_a_file_of_its_own),
        cmocka_unit_test(a_section_from_a_file_flies_the_same_inline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
