/*
 * test_table.c - JSBSim <table> loading and lookup (src/expr/table.c):
 * values against hand-computed interpolation, clamping at the ends, the
 * three layouts of tableData, output and input properties, and errors that
 * name the file and line.  Also loads every stand-alone table of the
 * reference c172x and f16 aircraft.
 */
#include "jsb_fixture.h"

#include <math.h>
#include <string.h>

#include "expr/table.h"

static jtable *load_ok(jsb_fixture *f, const char *xml)
{
    jtable *t = NULL;
    if (jtable_load(&f->c, jsb_parse(f, xml), &t) != SAQR_OK)
        fail_msg("load failed: %s", f->err.msg);
    return t;
}

/* Loads `xml`, expecting a failure whose message contains `expect`. */
static void load_fails(const char *xml, const char *expect)
{
    jsb_fixture *f = jsb_new();
    jtable *t = NULL;
    assert_int_equal(jtable_load(&f->c, jsb_parse(f, xml), &t), SAQR_EPARSE);
    jsb_assert_error(f, expect);
    jsb_free(f);
}

static void a_1d_table_should_interpolate_and_hold_its_end_values(void **state)
{
    (void)state;
    jsb_fixture *f = jsb_new();
    jtable *t = load_ok(f, "<table>\n"
                           "  <independentVar>aero/alpha-rad</independentVar>\n"
                           "  <tableData>\n"
                           "    -0.1  -0.5\n"
                           "     0.0   0.25\n"
                           "     0.2   1.25\n"
                           "  </tableData>\n"
                           "</table>\n");
    assert_int_equal(t->dims, 1);
    assert_int_equal(t->n[0], 3);
    jsb_set(f, "aero/alpha-rad", 0.1);
    assert_near(jtable_eval(t, f->props.v), 0.75, 1e-15);
    jsb_set(f, "aero/alpha-rad", -0.05);
    assert_near(jtable_eval(t, f->props.v), -0.125, 1e-15);
    jsb_set(f, "aero/alpha-rad", -3.0);
    assert_near(jtable_eval(t, f->props.v), -0.5, 0.0);
    jsb_set(f, "aero/alpha-rad", 7.0);
    assert_near(jtable_eval(t, f->props.v), 1.25, 0.0);
    jsb_set(f, "aero/alpha-rad", 0.0);
    assert_near(jtable_eval(t, f->props.v), 0.25, 0.0);
    jsb_free(f);
}

/* jtable_eval's inline fast path (table.h) against the general lookup,
 * bit for bit, over keys that stay in an interval, land on breakpoints,
 * leave the range and come back (so the hints move in every way). */
static void same_bits(double a, double b)
{
    if (memcmp(&a, &b, sizeof a) != 0)
        fail_msg("fast path %.17g, general %.17g", a, b);
}

static void the_fast_path_should_give_the_bits_of_the_general_lookup(void **state)
{
    (void)state;
    jsb_fixture *f = jsb_new();
    jtable *t1 = load_ok(f, "<table>\n"
                            "  <independentVar>aero/alpha-rad</independentVar>\n"
                            "  <tableData>\n"
                            "    -0.1  -0.5\n"
                            "     0.0   0.3\n"
                            "     0.2   1.7\n"
                            "     0.3   0.1\n"
                            "  </tableData>\n"
                            "</table>\n");
    jtable *t2 = load_ok(f, "<table>\n"
                            "  <independentVar lookup=\"row\">aero/alpha-rad</independentVar>\n"
                            "  <independentVar lookup=\"column\">-fcs/flap-pos-deg</independentVar>\n"
                            "  <tableData>\n"
                            "            -30    -10     0\n"
                            "    -0.1   0.1    0.7    1.3\n"
                            "     0.0   0.3    0.11   2.9\n"
                            "     0.2   1.7    1.9    0.23\n"
                            "  </tableData>\n"
                            "</table>\n");
    assert_int_equal(t1->fast, JTABLE_FAST_1D);
    assert_int_equal(t2->fast, JTABLE_FAST_2D);
    const double keys[] = {0.1, 0.13, 0.2, 0.2, 0.25, 0.3, 0.3, 0.31, 7.0, 0.29, 0.0, 0.0, -0.1,
                           -0.1, -0.2, -0.05, 0.19, 0.2, 0.21, -1e300, 1e300, 0.15};
    const double flaps[] = {0.0, 5.0, 10.0, 10.0, 20.0, 30.0, 30.0, 40.0, -5.0, 15.0};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        for (size_t j = 0; j < sizeof flaps / sizeof flaps[0]; j++) {
            jsb_set(f, "aero/alpha-rad", keys[i]);
            jsb_set(f, "fcs/flap-pos-deg", flaps[j]);
            double fast1 = jtable_eval(t1, f->props.v), fast2 = jtable_eval(t2, f->props.v);
            same_bits(fast1, jtable_eval_general(t1, f->props.v));
            same_bits(fast2, jtable_eval_general(t2, f->props.v));
        }
    }
    /* the last breakpoint after its interval: the end value itself, which
     * (0.1 - 1.7) + 1.7 would miss */
    jsb_set(f, "aero/alpha-rad", 0.25);
    (void)jtable_eval(t1, f->props.v);
    jsb_set(f, "aero/alpha-rad", 0.3);
    same_bits(jtable_eval(t1, f->props.v), 0.1);
    jsb_free(f);
}

static void a_2d_table_should_interpolate_bilinearly_and_clamp(void **state)
{
    (void)state;
    jsb_fixture *f = jsb_new();
    jtable *t = load_ok(f, "<table>\n"
                           "  <independentVar lookup=\"row\">r</independentVar>\n"
                           "  <independentVar lookup=\"column\">c</independentVar>\n"
                           "  <tableData>\n"
                           "           10    20    40\n"
                           "    0.0   1.0   2.0   4.0\n"
                           "    1.0   3.0   6.0  12.0\n"
                           "  </tableData>\n"
                           "</table>\n");
    assert_int_equal(t->dims, 2);
    assert_int_equal(t->n[0], 2);
    assert_int_equal(t->n[1], 3);
    /* row 0.5, column 30: rows mix to 2.0 4.0 8.0; column 30 is halfway 4..8 */
    assert_near(jtable_lookup(t, 0.5, 30.0, 0.0), 6.0, 1e-14);
    assert_near(jtable_lookup(t, 0.25, 15.0, 0.0), 0.75 * 1.5 + 0.25 * 4.5, 1e-14);
    /* clamped on both axes */
    assert_near(jtable_lookup(t, -5.0, 0.0, 0.0), 1.0, 0.0);
    assert_near(jtable_lookup(t, 9.0, 99.0, 0.0), 12.0, 0.0);
    assert_near(jtable_lookup(t, 9.0, 20.0, 0.0), 6.0, 0.0);
    jsb_set(f, "r", 1.0);
    jsb_set(f, "c", 40.0);
    assert_near(jtable_eval(t, f->props.v), 12.0, 0.0);
    jsb_free(f);
}

static void a_3d_table_should_interpolate_between_its_breakpoints(void **state)
{
    (void)state;
    jsb_fixture *f = jsb_new();
    jtable *t = load_ok(f, "<table name=\"aero/coefficient/x\">\n"
                           "  <independentVar lookup=\"row\">r</independentVar>\n"
                           "  <independentVar lookup=\"column\">c</independentVar>\n"
                           "  <independentVar lookup=\"table\">h</independentVar>\n"
                           "  <tableData breakPoint=\"0\">\n"
                           "         0   1\n"
                           "    0    0   1\n"
                           "    1    2   3\n"
                           "  </tableData>\n"
                           "  <tableData breakPoint=\"100\">\n"
                           "         0   1\n"
                           "    0   10  11\n"
                           "    1   12  13\n"
                           "  </tableData>\n"
                           "</table>\n");
    assert_int_equal(t->dims, 3);
    assert_int_equal(t->n[2], 2);
    assert_non_null(t->data);                  /* same keys: flat layout */
    assert_near(t->data[4 + 3], 13.0, 0.0);
    assert_near(jtable_lookup(t, 0.5, 0.5, 50.0), 6.5, 1e-14);
    assert_near(jtable_lookup(t, 1.0, 0.0, 25.0), 4.5, 1e-14);
    assert_near(jtable_lookup(t, 1.0, 1.0, -10.0), 3.0, 0.0);
    assert_near(jtable_lookup(t, 0.0, 0.0, 1e9), 10.0, 0.0);
    jsb_set(f, "r", 0.0);
    jsb_set(f, "c", 1.0);
    jsb_set(f, "h", 50.0);
    assert_near(jtable_eval(t, f->props.v), 6.0, 1e-14);
    int out = prop_find(&f->props, "aero/coefficient/x");
    assert_int_equal(out, t->out_slot);
    assert_near(f->props.v[out], 6.0, 1e-14);
    jsb_free(f);
}

/* JSBSim's nested form (FGTable, as ballx's "4-dimensional lookup table"):
 * a 4-D table is one <tableData breakPoint> per breakpoint of axis4, each
 * holding a 3-D table's <tableData breakPoint>s.  The value is linear in
 * each key; here f = r + 10 c + 100 h + 1000 a on the grid, which the
 * multilinear interpolation reproduces exactly between the breakpoints,
 * and holds at the outer ends. */
static void a_4d_table_should_interpolate_in_every_axis(void **state)
{
    (void)state;
    jsb_fixture *f = jsb_new();
    jtable *t = load_ok(f, "<table>\n"
                           "  <independentVar lookup=\"row\">r</independentVar>\n"
                           "  <independentVar lookup=\"column\">c</independentVar>\n"
                           "  <independentVar lookup=\"table\">h</independentVar>\n"
                           "  <independentVar lookup=\"axis4\">a</independentVar>\n"
                           "  <tableData breakPoint=\"0\">\n"
                           "    <tableData breakPoint=\"0\">\n"
                           "         0   1\n    0    0  10\n    1    1  11\n    </tableData>\n"
                           "    <tableData breakPoint=\"1\">\n"
                           "         0   1\n    0  100 110\n    1  101 111\n    </tableData>\n"
                           "  </tableData>\n"
                           "  <tableData breakPoint=\"2\">\n"
                           "    <tableData breakPoint=\"0\">\n"
                           "         0   1\n    0 2000 2010\n    1 2001 2011\n    </tableData>\n"
                           "    <tableData breakPoint=\"1\">\n"
                           "         0   1\n    0 2100 2110\n    1 2101 2111\n    </tableData>\n"
                           "  </tableData>\n"
                           "</table>\n");
    assert_int_equal(t->dims, 4);
    assert_int_equal(t->n[2], 2);
    const double pts[][4] = {{0.5, 0.25, 0.75, 1.0}, {0.1, 0.9, 0.3, 0.2}, {1.0, 0.0, 1.0, 1.5}};
    for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++) {
        const double *k = pts[i];
        assert_near(jtable_lookup_keys(t, k), k[0] + 10 * k[1] + 100 * k[2] + 1000 * k[3], 1e-9);
    }
    const double beyond[4] = {0.5, 0.5, 0.5, 7.0}; /* axis4 past its end: held at 2 */
    assert_near(jtable_lookup_keys(t, beyond), 0.5 + 5 + 50 + 2000, 1e-9);
    jsb_set(f, "r", 0.5);
    jsb_set(f, "c", 0.5);
    jsb_set(f, "h", 0.5);
    jsb_set(f, "a", -3.0); /* before its start: held at 0 */
    assert_near(jtable_eval(t, f->props.v), 0.5 + 5 + 50, 1e-9);
    jsb_free(f);
    /* a 4-D slice of one 3-D breakpoint, a mix of 2-D and 3-D slices, and
     * a fifth axis declared over 4-D data are errors */
    load_fails("<table>\n  <independentVar lookup=\"row\">r</independentVar>\n"
               "  <independentVar lookup=\"column\">c</independentVar>\n"
               "  <independentVar lookup=\"table\">h</independentVar>\n"
               "  <independentVar lookup=\"axis4\">a</independentVar>\n"
               "  <tableData breakPoint=\"0\">\n    <tableData breakPoint=\"0\">\n 0 1\n 0 1 2\n    </tableData>\n"
               "  </tableData>\n"
               "  <tableData breakPoint=\"1\">\n 0 1\n 0 1 2\n  </tableData>\n</table>\n",
               "t.xml:6: a <tableData> holding tables needs two or more");
    load_fails("<table>\n  <independentVar lookup=\"row\">r</independentVar>\n"
               "  <independentVar lookup=\"column\">c</independentVar>\n"
               "  <independentVar lookup=\"table\">h</independentVar>\n"
               "  <tableData breakPoint=\"0\">\n    <tableData breakPoint=\"0\">\n 0 1\n 0 1 2\n    </tableData>\n"
               "    <tableData breakPoint=\"1\">\n 0 1\n 0 1 2\n    </tableData>\n  </tableData>\n"
               "  <tableData breakPoint=\"1\">\n 0 1\n 0 1 2\n  </tableData>\n</table>\n",
               "has 2 dimensions, the first had 3");
    load_fails("<table>\n  <independentVar lookup=\"axis9\">r</independentVar>\n"
               "  <tableData>\n 0 1\n  </tableData>\n</table>\n",
               "t.xml:2: tables of more than 8 dimensions are not supported");
}

static void a_3d_table_should_accept_sub_tables_with_their_own_keys(void **state)
{
    (void)state;
    jsb_fixture *f = jsb_new();
    jtable *t = load_ok(f, "<table>\n"
                           "  <independentVar lookup=\"row\">r</independentVar>\n"
                           "  <independentVar lookup=\"column\">c</independentVar>\n"
                           "  <independentVar lookup=\"table\">h</independentVar>\n"
                           "  <tableData breakPoint=\"0\">\n"
                           "      0  2\n  0  0  2\n  2  2  4\n"
                           "  </tableData>\n"
                           "  <tableData breakPoint=\"1\">\n"
                           "      0  4\n  0  0  8\n  4  8 16\n"
                           "  </tableData>\n"
                           "</table>\n");
    assert_null(t->data);
    /* planes r + c and 2 (r + c): at (1, 1) they give 2 and 4, halfway 3 */
    assert_near(jtable_lookup(t, 1.0, 1.0, 0.5), 3.0, 1e-14);
    assert_near(jtable_lookup(t, 3.0, 0.0, 1.0), 6.0, 1e-14);
    jsb_free(f);
}

static void variables_should_be_read_properties_and_may_be_negated(void **state)
{
    (void)state;
    jsb_fixture *f = jsb_new();
    jtable *t = load_ok(f, "<table>\n"
                           "  <independentVar>-fcs/elevator-pos-rad</independentVar>\n"
                           "  <tableData>\n  -1 -10\n  1 10\n  </tableData>\n"
                           "</table>\n");
    int s = prop_find(&f->props, "fcs/elevator-pos-rad");
    assert_true(s >= 0);
    assert_int_equal(t->var_slot[0], s);
    assert_true(f->props.flags[s] & PROP_READ);
    assert_false(f->props.flags[s] & PROP_PRODUCED);
    assert_string_equal(f->props.where[s], "t.xml:2");
    f->props.v[s] = 0.5;
    assert_near(jtable_eval(t, f->props.v), -5.0, 1e-14);
    assert_int_equal(t->out_slot, -1);
    jsb_free(f);
}

static void a_named_table_should_produce_its_property(void **state)
{
    (void)state;
    jsb_fixture *f = jsb_new();
    jtable *t = load_ok(f, "<table name=\"aero/cl-basic\">\n"
                           "  <independentVar>x</independentVar>\n"
                           "  <tableData>\n  0 0\n  1 2\n  </tableData>\n"
                           "</table>\n");
    int s = prop_find(&f->props, "aero/cl-basic");
    assert_int_equal(t->out_slot, s);
    assert_true(f->props.flags[s] & PROP_PRODUCED);
    jsb_set(f, "x", 0.75);
    assert_near(jtable_eval(t, f->props.v), 1.5, 1e-15);
    assert_near(f->props.v[s], 1.5, 1e-15);
    jsb_free(f);
}

static void an_internal_table_should_be_looked_up_with_given_keys(void **state)
{
    (void)state;
    jsb_fixture *f = jsb_new();
    jtable *t = load_ok(f, "<table name=\"C_THRUST\" type=\"internal\">\n"
                           "  <tableData>\n  0.0 0.073\n  0.1 0.073\n  0.2 0.072\n  </tableData>\n"
                           "</table>\n");
    assert_int_equal(t->var_slot[0], -1);
    assert_int_equal(t->out_slot, -1);     /* internal tables are not bound */
    assert_near(jtable_lookup(t, 0.15, 0, 0), 0.0725, 1e-15);
    jsb_free(f);
}

static void a_prefix_should_replace_hash_in_names(void **state)
{
    (void)state;
    jsb_fixture *f = jsb_new();
    jtable *t = NULL;
    xmlNode *el = jsb_parse(f, "<table name=\"propulsion/engine[#]/x\">\n"
                           "  <independentVar>propulsion/engine[#]/n1</independentVar>\n"
                           "  <tableData>\n  0 0\n  1 1\n  </tableData>\n"
                           "</table>\n");
    assert_int_equal(jtable_load_prefixed(&f->c, el, "1", &t), SAQR_OK);
    assert_int_equal(t->var_slot[0], prop_find(&f->props, "propulsion/engine[1]/n1"));
    assert_int_equal(t->out_slot, prop_find(&f->props, "propulsion/engine[1]/x"));
    jsb_free(f);
}

static void breakpoints_that_do_not_increase_should_be_refused_with_file_and_line(void **state)
{
    (void)state;
    load_fails("<table>\n  <independentVar>x</independentVar>\n  <tableData>\n"
               "    0 1\n    2 3\n    2 4\n  </tableData>\n</table>\n",
               "t.xml:3: row breakpoints must increase strictly: 2 after 2 on line 6");
    load_fails("<table>\n  <independentVar lookup=\"row\">x</independentVar>\n"
               "  <independentVar lookup=\"column\">y</independentVar>\n  <tableData>\n"
               "      1  0\n    0 1 2\n    1 3 4\n  </tableData>\n</table>\n",
               "t.xml:4: column breakpoints must increase strictly");
    load_fails("<table>\n  <independentVar lookup=\"row\">x</independentVar>\n"
               "  <independentVar lookup=\"column\">y</independentVar>\n"
               "  <independentVar lookup=\"table\">z</independentVar>\n"
               "  <tableData breakPoint=\"5\">\n      0  1\n    0 1 2\n  </tableData>\n"
               "  <tableData breakPoint=\"5\">\n      0  1\n    0 1 2\n  </tableData>\n"
               "</table>\n",
               "t.xml:9: table breakpoints must increase strictly");
}

static void ragged_or_bad_data_should_be_refused_with_file_and_line(void **state)
{
    (void)state;
    load_fails("<table>\n  <independentVar lookup=\"row\">x</independentVar>\n"
               "  <independentVar lookup=\"column\">y</independentVar>\n  <tableData>\n"
               "      0  1\n    0 1 2\n    1 3\n  </tableData>\n</table>\n",
               "t.xml:4: line 7 has 2 numbers, expected 3");
    load_fails("<table>\n  <independentVar>x</independentVar>\n  <tableData>\n"
               "    0 1\n    1 x\n  </tableData>\n</table>\n",
               "t.xml:3: illegal character 'x' in table data on line 5");
    load_fails("<table>\n  <independentVar>x</independentVar>\n  <tableData>\n"
               "    0 1\n    1 1e\n  </tableData>\n</table>\n",
               "t.xml:3: bad number in table data on line 5");
    load_fails("<table>\n  <independentVar>x</independentVar>\n  <tableData>\n"
               "    0 1 3\n  </tableData>\n</table>\n", "t.xml:3:");
    load_fails("<table>\n  <independentVar>x</independentVar>\n  <tableData>\n"
               "  </tableData>\n</table>\n", "t.xml:3: <tableData> is empty");
}

static void malformed_tables_should_be_refused_with_file_and_line(void **state)
{
    (void)state;
    load_fails("<table>\n  <tableData>\n 0 1\n  </tableData>\n</table>\n",
               "t.xml:1: table has no <independentVar>");
    load_fails("<table>\n  <independentVar>x</independentVar>\n</table>\n",
               "t.xml:1: <tableData> is missing");
    load_fails("<table>\n  <independentVar lookup=\"diagonal\">x</independentVar>\n"
               "  <tableData>\n 0 1\n  </tableData>\n</table>\n",
               "t.xml:2: lookup=\"diagonal\"");
    load_fails("<table>\n  <independentVar lookup=\"row\">x</independentVar>\n"
               "  <independentVar lookup=\"row\">y</independentVar>\n"
               "  <tableData>\n 0 1\n  </tableData>\n</table>\n",
               "t.xml:3: duplicate lookup axis \"row\"");
    load_fails("<table>\n  <independentVar lookup=\"column\">x</independentVar>\n"
               "  <tableData>\n 0 1\n  </tableData>\n</table>\n",
               "t.xml:1: missing lookup axis \"row\"");
    load_fails("<table>\n  <independentVar lookup=\"row\">x</independentVar>\n"
               "  <independentVar lookup=\"column\">y</independentVar>\n"
               "  <tableData>\n 0 1\n 2 3\n  </tableData>\n</table>\n",
               "t.xml:1: 2 lookup axes are declared but the data make a 1-D table");
    load_fails("<table type=\"external\">\n  <independentVar>x</independentVar>\n"
               "  <tableData>\n 0 1\n  </tableData>\n</table>\n",
               "t.xml:1: unknown table type");
    load_fails("<table>\n  <independentVar lookup=\"row\">x</independentVar>\n"
               "  <independentVar lookup=\"column\">y</independentVar>\n"
               "  <independentVar lookup=\"table\">z</independentVar>\n"
               "  <tableData>\n      0  1\n    0 1 2\n  </tableData>\n"
               "  <tableData breakPoint=\"1\">\n      0  1\n    0 1 2\n  </tableData>\n"
               "</table>\n",
               "t.xml:5: missing breakPoint");
}

/* Loads a <table> and evaluates it once. */
static int load_and_eval_table(jsb_fixture *f, xmlNode *el)
{
    jtable *t;
    if (jtable_load(&f->c, el, &t) != SAQR_OK)
        return -1;
    (void)jtable_eval(t, f->props.v);
    return 0;
}

static void every_table_of_the_reference_aircraft_should_load(void **state)
{
    (void)state;
    static const char *const files[] = {"aircraft/c172x/c172x.xml", "aircraft/f16/f16.xml"};
    /* the tables outside functions: those inside are test_func's */
    int total = jsb_load_each_in_references(files, sizeof files / sizeof files[0], "table", "function",
                                            load_and_eval_table);
    assert_int_equal(total, 5);   /* the f16 has five outside functions */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_1d_table_should_interpolate_and_hold_its_end_values),
        cmocka_unit_test(a_2d_table_should_interpolate_bilinearly_and_clamp),
        cmocka_unit_test(a_3d_table_should_interpolate_between_its_breakpoints),
        cmocka_unit_test(a_3d_table_should_accept_sub_tables_with_their_own_keys),
        cmocka_unit_test(a_4d_table_should_interpolate_in_every_axis),
        cmocka_unit_test(the_fast_path_should_give_the_bits_of_the_general_lookup),
        cmocka_unit_test(variables_should_be_read_properties_and_may_be_negated),
        cmocka_unit_test(a_named_table_should_produce_its_property),
        cmocka_unit_test(an_internal_table_should_be_looked_up_with_given_keys),
        cmocka_unit_test(a_prefix_should_replace_hash_in_names),
        cmocka_unit_test(breakpoints_that_do_not_increase_should_be_refused_with_file_and_line),
        cmocka_unit_test(ragged_or_bad_data_should_be_refused_with_file_and_line),
        cmocka_unit_test(malformed_tables_should_be_refused_with_file_and_line),
        cmocka_unit_test(every_table_of_the_reference_aircraft_should_load),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return rc;
}
