/*
 * test_func.c - JSBSim <function> compilation and evaluation
 * (src/expr/func.c): every operator against values computed by hand from
 * JSBSim's documented semantics (FGFunction.cpp), the conditional operators
 * evaluating only their chosen branch, named results, constant folding,
 * the random operators, errors naming file and line, and every function of
 * the reference c172x and f16 aircraft.
 */
#include "jsb_fixture.h"

#include <math.h>

#include "expr/func.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

static jfunc *load_ok(jsb_fixture *f, const char *xml)
{
    jfunc *fn = NULL;
    if (jfunc_load(&f->c, jsb_parse(f, xml), &fn) != SAQR_OK)
        fail_msg("load failed: %s", f->err.msg);
    return fn;
}

/* Sets `name` when the expression reads it (value_of sets x, y and z
 * whatever the expression uses). */
static void set_if_read(jsb_fixture *f, const char *name, double x)
{
    int s = prop_find(&f->props, name);
    if (s >= 0)
        f->props.v[s] = x;
}

/* Value of <function>expr</function> with x = 3, y = -2, z = 0.5. */
static double value_of(const char *expr)
{
    char xml[2048];
    snprintf(xml, sizeof xml, "<function>%s</function>", expr);
    jsb_fixture *f = jsb_new();
    jfunc *fn = load_ok(f, xml);
    set_if_read(f, "x", 3.0);
    set_if_read(f, "y", -2.0);
    set_if_read(f, "z", 0.5);
    double r = jfunc_eval(fn, f->props.v, NULL);
    jsb_free(f);
    return r;
}

static void load_fails(const char *xml, const char *expect)
{
    jsb_fixture *f = jsb_new();
    jfunc *fn = NULL;
    assert_int_equal(jfunc_load(&f->c, jsb_parse(f, xml), &fn), SAQR_EPARSE);
    jsb_assert_error(f, expect);
    jsb_free(f);
}

typedef struct { const char *expr; double expect; } case_t;

static void check_cases(const case_t *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        double got = value_of(cases[i].expr);
        double want = cases[i].expect;
        int same = isinf(want) ? got == want : fabs(got - want) <= 1e-12 * (1.0 + fabs(want));
        if (!same)
            fail_msg("%s = %.17g, expected %.17g", cases[i].expr, got, want);
    }
}

static void arithmetic_operators_should_follow_jsbsim(void **state)
{
    (void)state;
    static const case_t cases[] = {
        {"<sum><v>1</v><v>2</v><p>x</p></sum>", 6.0},
        {"<difference><v>10</v><p>x</p><v>2</v></difference>", 5.0},     /* first minus the rest */
        {"<product><v>2</v><p>x</p><p>y</p></product>", -12.0},
        {"<quotient><p>x</p><v>2</v></quotient>", 1.5},
        {"<quotient><p>x</p><v>0</v></quotient>", HUGE_VAL},             /* JSBSim's division by 0 */
        {"<quotient><v>1</v><v>0</v></quotient>", HUGE_VAL},
        {"<pow><v>2</v><p>x</p></pow>", 8.0},
        {"<sqrt><v>16</v></sqrt>", 4.0},
        {"<sqrt><p>y</p></sqrt>", -HUGE_VAL},
        {"<exp><v>0</v></exp>", 1.0},
        {"<ln><v>1</v></ln>", 0.0},
        {"<ln><p>y</p></ln>", -HUGE_VAL},
        {"<log2><v>8</v></log2>", 3.0},
        {"<log10><v>1000</v></log10>", 3.0},
        {"<log10><v>0</v></log10>", -HUGE_VAL},
        {"<abs><p>y</p></abs>", 2.0},
        {"<sign><v>0</v></sign>", 1.0},                                   /* zero counts as positive */
        {"<sign><p>y</p></sign>", -1.0},
        {"<min><p>x</p><p>y</p><p>z</p></min>", -2.0},
        {"<max><p>x</p><p>y</p><p>z</p></max>", 3.0},
        {"<avg><v>1</v><v>2</v><v>6</v></avg>", 3.0},
        {"<fraction><v>-2.75</v></fraction>", -0.75},
        {"<integer><v>-2.75</v></integer>", -2.0},
        {"<mod><v>-7</v><v>3</v></mod>", -1.0},                          /* C integer remainder */
        {"<mod><v>7.9</v><v>2.9</v></mod>", 1.0},                        /* 7 % 2 */
        {"<fmod><v>7.5</v><v>2</v></fmod>", 1.5},
        {"<fmod><v>7.5</v><v>0</v></fmod>", HUGE_VAL},
        {"<floor><v>-1.5</v></floor>", -2.0},
        {"<ceil><v>-1.5</v></ceil>", -1.0},
        {"<roundmultiple><v>7.4</v><v>5</v></roundmultiple>", 5.0},
        {"<roundmultiple><v>2.5</v></roundmultiple>", 3.0},
        {"<toradians><v>180</v></toradians>", M_PI},
        {"<todegrees><pi/></todegrees>", 180.0},
        {"<pi/>", M_PI},
        {"<p>-y</p>", 2.0},                                               /* '-' negates */
        {"<property>  z  </property>", 0.5},
        {"<value>-1.25e2</value>", -125.0},
    };
    check_cases(cases, sizeof cases / sizeof cases[0]);
}

static void trigonometric_operators_should_use_radians(void **state)
{
    (void)state;
    static const case_t cases[] = {
        {"<sin><quotient><pi/><v>2</v></quotient></sin>", 1.0},
        {"<cos><v>0</v></cos>", 1.0},
        {"<tan><quotient><pi/><v>4</v></quotient></tan>", 1.0},
        {"<asin><v>1</v></asin>", M_PI / 2},
        {"<acos><v>1</v></acos>", 0.0},
        {"<atan><v>1</v></atan>", M_PI / 4},
        {"<atan2><v>1</v><v>-1</v></atan2>", 3 * M_PI / 4},               /* atan2(y, x) */
    };
    check_cases(cases, sizeof cases / sizeof cases[0]);
}

static void comparisons_and_logic_should_return_one_or_zero(void **state)
{
    (void)state;
    static const case_t cases[] = {
        {"<lt><v>1</v><v>2</v></lt>", 1.0}, {"<le><v>2</v><v>2</v></le>", 1.0},
        {"<gt><v>1</v><v>2</v></gt>", 0.0}, {"<ge><v>1</v><p>x</p></ge>", 0.0},
        {"<eq><p>x</p><v>3</v></eq>", 1.0}, {"<nq><p>x</p><v>3</v></nq>", 0.0},
        {"<and><v>1</v><v>1</v><v>0</v></and>", 0.0},
        {"<and><v>1</v><eq><p>x</p><v>3</v></eq></and>", 1.0},
        {"<or><v>0</v><lt><p>x</p><v>0</v></lt></or>", 0.0},
        {"<or><v>0</v><gt><p>x</p><v>0</v></gt></or>", 1.0},
        {"<not><v>0</v></not>", 1.0}, {"<not><gt><p>x</p><v>0</v></gt></not>", 0.0},
        {"<ifthen><gt><p>x</p><v>0</v></gt><v>10</v><v>20</v></ifthen>", 10.0},
        {"<ifthen><lt><p>x</p><v>0</v></lt><v>10</v><v>20</v></ifthen>", 20.0},
    };
    check_cases(cases, sizeof cases / sizeof cases[0]);
}

static void switch_should_round_its_index_and_clamp_it_to_the_cases(void **state)
{
    (void)state;
    static const case_t cases[] = {
        {"<switch><v>1.6</v><v>10</v><v>20</v><v>30</v></switch>", 30.0},   /* 1.6 + 0.5 -> 2 */
        {"<switch><v>0.4</v><v>10</v><v>20</v><v>30</v></switch>", 10.0},
        {"<switch><p>z</p><p>x</p><p>y</p></switch>", -2.0},                /* 0.5 rounds up  */
        {"<switch><v>7</v><v>10</v><v>20</v><v>30</v></switch>", 30.0},     /* JSBSim throws  */
        {"<switch><p>y</p><v>10</v><v>20</v></switch>", 10.0},              /* JSBSim throws  */
    };
    check_cases(cases, sizeof cases / sizeof cases[0]);
}

static void interpolate1d_should_interpolate_and_hold_its_ends(void **state)
{
    (void)state;
    static const case_t cases[] = {
        {"<interpolate1d><p>x</p><v>0</v><v>0</v><v>2</v><v>10</v><v>4</v><v>30</v>"
         "</interpolate1d>", 20.0},
        {"<interpolate1d><p>y</p><v>0</v><v>5</v><v>2</v><v>10</v></interpolate1d>", 5.0},
        {"<interpolate1d><v>9</v><v>0</v><v>5</v><v>2</v><v>10</v></interpolate1d>", 10.0},
        {"<interpolate1d><v>2</v><v>0</v><v>0</v><v>2</v><v>7</v><v>4</v><v>8</v><v>6</v><v>9</v>"
         "</interpolate1d>", 7.0},
    };
    check_cases(cases, sizeof cases / sizeof cases[0]);
}

static void rotation_operators_should_change_frames(void **state)
{
    (void)state;
    const double c30 = cos(M_PI / 6);
    const case_t cases[] = {
        /* body x axis seen in wind axes at alpha 30: (cos a, 0, -sin a) */
        {"<rotation_bf_to_wf><v>1</v><v>0</v><v>0</v><v>30</v><v>0</v><v>0</v><v>1</v>"
         "</rotation_bf_to_wf>", c30},
        {"<rotation_bf_to_wf><v>1</v><v>0</v><v>0</v><v>30</v><v>0</v><v>0</v><v>3</v>"
         "</rotation_bf_to_wf>", -0.5},
        {"<rotation_bf_to_wf><v>1</v><v>0</v><v>0</v><v>0</v><v>30</v><v>0</v><v>2</v>"
         "</rotation_bf_to_wf>", -0.5},
        {"<rotation_wf_to_bf><v>0.8660254037844387</v><v>0</v><v>-0.5</v><v>30</v><v>0</v><v>0</v>"
         "<v>1</v></rotation_wf_to_bf>", 1.0},
        {"<rotation_alpha_local><v>10</v><v>5</v><v>0</v><v>0</v><v>0</v><v>0</v>"
         "</rotation_alpha_local>", 10.0},
        {"<rotation_alpha_local><v>10</v><v>0</v><v>0</v><v>0</v><v>10</v><v>0</v>"
         "</rotation_alpha_local>", 20.0},
        {"<rotation_beta_local><v>10</v><v>5</v><v>0</v><v>0</v><v>0</v><v>0</v>"
         "</rotation_beta_local>", 5.0},
        {"<rotation_gamma_local><v>10</v><v>5</v><v>20</v><v>0</v><v>0</v><v>0</v>"
         "</rotation_gamma_local>", 20.0},
    };
    check_cases(cases, sizeof cases / sizeof cases[0]);
    assert_true(isnan(value_of("<rotation_bf_to_wf><v>1</v><v>0</v><v>0</v><v>30</v><v>0</v>"
                               "<v>0</v><v>4</v></rotation_bf_to_wf>")));
}

static void short_forms_and_nested_tables_should_work(void **state)
{
    (void)state;
    static const case_t cases[] = {
        {"<product><t><independentVar>x</independentVar><tableData>0 0\n4 8</tableData></t>"
         "<v>0.5</v></product>", 3.0},
        {"<product><description>ignored</description><p>x</p><v>2</v></product>", 6.0},
        {"<sum><p>x</p></sum>", 3.0},  /* one argument: a no-op (with a warning) */
    };
    check_cases(cases, sizeof cases / sizeof cases[0]);
}

static void only_the_chosen_branch_should_be_evaluated(void **state)
{
    (void)state;
    jsb_fixture *f = jsb_new();
    jfunc *fn = load_ok(f, "<function>\n"
                           "  <ifthen>\n"
                           "    <p>cond</p>\n"
                           "    <sum name=\"probe/then\"><p>x</p><v>1</v></sum>\n"
                           "    <sum name=\"probe/else\"><p>x</p><v>2</v></sum>\n"
                           "  </ifthen>\n"
                           "</function>\n");
    jsb_set(f, "x", 3.0);
    jsb_set(f, "cond", 1.0);
    assert_near(jfunc_eval(fn, f->props.v, NULL), 4.0, 0.0);
    assert_near(jsb_get(f, "probe/then"), 4.0, 0.0);
    assert_near(jsb_get(f, "probe/else"), 0.0, 0.0);
    jsb_set(f, "cond", 0.0);
    jsb_set(f, "x", 10.0);
    assert_near(jfunc_eval(fn, f->props.v, NULL), 12.0, 0.0);
    assert_near(jsb_get(f, "probe/then"), 4.0, 0.0);
    assert_near(jsb_get(f, "probe/else"), 12.0, 0.0);
    jsb_free(f);
}

/* The loader fuses an operand with the arithmetic operator after it; a
 * branch that ends just before such an operator must still land on it. */
static void operands_next_to_branches_should_keep_their_values(void **state)
{
    (void)state;
    static const case_t cases[] = {
        /* else-branch ends with a property, then the sum's add */
        {"<sum><ifthen><lt><p>x</p><v>0</v></lt><v>100</v><p>y</p></ifthen><p>z</p></sum>", -1.5},
        {"<sum><ifthen><gt><p>x</p><v>0</v></gt><v>100</v><p>y</p></ifthen><p>z</p></sum>", 100.5},
        /* product after a switch whose cases end with properties */
        {"<product><p>x</p><switch><v>1</v><p>y</p><p>z</p></switch><v>4</v></product>", 6.0},
        {"<difference><p>x</p><p>y</p><v>0.5</v></difference>", 4.5},
        {"<quotient><p>x</p><p>z</p></quotient>", 6.0},
        {"<quotient><p>x</p><v>0</v></quotient>", HUGE_VAL},
        {"<product><p>z</p><or><lt><p>x</p><v>0</v></lt><p>z</p></or><p>x</p></product>", 1.5},
    };
    check_cases(cases, sizeof cases / sizeof cases[0]);
}

static void a_named_function_should_produce_its_property(void **state)
{
    (void)state;
    jsb_fixture *f = jsb_new();
    jfunc *fn = load_ok(f, "<function name=\"aero/force/lift\">\n"
                           "  <description>Lift</description>\n"
                           "  <product>\n"
                           "    <property>aero/qbar-psf</property>\n"
                           "    <property>metrics/Sw-sqft</property>\n"
                           "    <value>0.5</value>\n"
                           "  </product>\n"
                           "</function>\n");
    int out = prop_find(&f->props, "aero/force/lift");
    assert_true(out >= 0);
    assert_int_equal(jfunc_output(fn), out);
    assert_true(f->props.flags[out] & PROP_PRODUCED);
    int q = prop_find(&f->props, "aero/qbar-psf");
    assert_true(f->props.flags[q] & PROP_READ);
    assert_false(f->props.flags[q] & PROP_PRODUCED);
    assert_string_equal(f->props.where[q], "t.xml:4");
    jsb_set(f, "aero/qbar-psf", 100.0);
    jsb_set(f, "metrics/Sw-sqft", 174.0);
    assert_near(jfunc_eval(fn, f->props.v, NULL), 8700.0, 0.0);
    assert_near(f->props.v[out], 8700.0, 0.0);
    assert_false(jfunc_is_constant(fn));
    assert_false(jfunc_is_random(fn));
    jsb_free(f);
}

static void constant_subtrees_should_be_folded_at_load(void **state)
{
    (void)state;
    jsb_fixture *f = jsb_new();
    jfunc *fn = load_ok(f, "<function>\n"
                           "  <product><v>2</v><pi/><sum name=\"k/two\"><v>1</v><v>1</v></sum></product>\n"
                           "</function>\n");
    assert_true(jfunc_is_constant(fn));
    assert_near(jsb_get(f, "k/two"), 2.0, 0.0);   /* set at load, as JSBSim does */
    assert_near(jfunc_eval(fn, f->props.v, NULL), 4.0 * M_PI, 0.0);
    jsb_free(f);
}

static void random_operators_should_draw_from_the_callers_generator(void **state)
{
    (void)state;
    jsb_fixture *f = jsb_new();
    jfunc *g = load_ok(f, "<function><random mean=\"10\" stddev=\"2\"/></function>");
    jfunc *u = load_ok(f, "<function name=\"r/u\"><urandom lower=\"2\" upper=\"4\"/></function>");
    assert_true(jfunc_is_random(g));
    assert_false(jfunc_is_constant(g));
    saqr_rng rng, ref;
    rng_seed(&rng, 42);
    rng_seed(&ref, 42);
    for (int i = 0; i < 5; i++)
        assert_near(jfunc_eval(g, f->props.v, &rng), rng_normal(&ref) * 2.0 + 10.0, 0.0);
    double sum = 0.0;
    for (int i = 0; i < 2000; i++) {
        double x = jfunc_eval(u, f->props.v, &rng);
        assert_true(x >= 2.0 && x < 4.0);
        sum += x;
    }
    assert_near(sum / 2000.0, 3.0, 0.05);
    assert_near(jsb_get(f, "r/u"), f->props.v[jfunc_output(u)], 0.0);
    jsb_free(f);
}

static void a_prefix_should_replace_hash_in_property_names(void **state)
{
    (void)state;
    jsb_fixture *f = jsb_new();
    jfunc *fn = NULL;
    xmlNode *el = jsb_parse(f, "<function name=\"propulsion/engine[#]/x\">\n"
                           "  <product><p>propulsion/engine[#]/n2</p><v>2</v></product>\n"
                           "</function>\n");
    assert_int_equal(jfunc_load_prefixed(&f->c, el, "2", &fn), SAQR_OK);
    assert_true(prop_find(&f->props, "propulsion/engine[2]/n2") >= 0);
    assert_int_equal(jfunc_output(fn), prop_find(&f->props, "propulsion/engine[2]/x"));
    jsb_free(f);
}

/* JSBSim's template functions: <function type="template"> with '#' for
 * its one argument, applied to properties with apply=, also inside
 * another template; 1 kt = 1.852 km/h and 1 ft = 0.3048 m exactly. */
static void templates_should_apply_to_the_property_they_are_given(void **state)
{
    (void)state;
    jsb_fixture *f = jsb_new();
    assert_int_equal(jfunc_template_take(&f->c, jsb_parse(f, "<function name=\"kt-to-kmh\" type=\"template\">"
                                                              "<product><p>#</p><v>1.852</v></product></function>")),
                     1);
    assert_int_equal(jfunc_template_take(&f->c, jsb_parse(f, "<function name=\"kt-to-mps\" type=\"template\">"
                                                              "<quotient><p apply=\"kt-to-kmh\">#</p><v>3.6</v>"
                                                              "</quotient></function>")),
                     1);
    /* not a template: left to the caller */
    assert_int_equal(jfunc_template_take(&f->c, jsb_parse(f, "<function name=\"x\"><v>1</v></function>")), 0);
    jfunc *fn = load_ok(f, "<function><sum><p apply=\"kt-to-kmh\">velocities/vc-kts</p>"
                           "<p apply=\"kt-to-mps\">velocities/vg-kts</p><p>h</p></sum></function>");
    jsb_set(f, "velocities/vc-kts", 100.0);
    jsb_set(f, "velocities/vg-kts", 36.0);
    jsb_set(f, "h", 0.5);
    assert_near(jfunc_eval(fn, f->props.v, NULL), 185.2 + 36.0 * 1.852 / 3.6 + 0.5, 1e-12);
    /* '#' means the argument only inside a template */
    assert_true(prop_find(&f->props, "#") < 0);
    jsb_free(f);
}

static void bad_templates_should_be_refused_with_file_and_line(void **state)
{
    (void)state;
    jsb_fixture *f = jsb_new();
    assert_int_equal(jfunc_template_take(&f->c, jsb_parse(f, "<function type=\"template\">\n<v>1</v></function>")),
                     -1);
    jsb_assert_error(f, "t.xml:1: a template function needs a name=");
    jsb_free(f);
    f = jsb_new();
    assert_int_equal(jfunc_template_take(&f->c, jsb_parse(f, "<function name=\"two\" type=\"template\">\n"
                                                              "<v>1</v><v>2</v></function>")),
                     -1);
    jsb_assert_error(f, "t.xml:1: <function> takes exactly 1 argument (found 2)");
    jsb_free(f);
    load_fails("<function>\n  <p apply=\"nobody-defined-it\">x</p>\n</function>",
               "t.xml:2: apply=\"nobody-defined-it\": no template function of that name is defined before");
    f = jsb_new();
    assert_int_equal(jfunc_template_take(&f->c, jsb_parse(f, "<function name=\"self\" type=\"template\">"
                                                              "<p apply=\"self\">#</p></function>")),
                     1);
    jfunc *fn = NULL;
    assert_int_equal(jfunc_load(&f->c, jsb_parse(f, "<function><p apply=\"self\">x</p></function>"), &fn),
                     SAQR_EPARSE);
    jsb_assert_error(f, "templates applied more than");
    jsb_free(f);
    load_fails("<function>\n  <p apply=\"t\">-x</p>\n</function>", "t.xml:2: apply=\"t\" on a negated property");
}

static void a_bare_expression_should_load(void **state)
{
    (void)state;
    jsb_fixture *f = jsb_new();
    jfunc *fn = NULL;
    xmlNode *el = jsb_parse(f, "<sum><p>a</p><v>1</v></sum>");
    assert_int_equal(jfunc_load_expr(&f->c, el, &fn), SAQR_OK);
    jsb_set(f, "a", 2.0);
    assert_near(jfunc_eval(fn, f->props.v, NULL), 3.0, 0.0);
    assert_int_equal(jfunc_output(fn), -1);
    jsb_free(f);
}

static void bad_functions_should_be_refused_with_file_and_line(void **state)
{
    (void)state;
    load_fails("<function>\n  <squareroot><v>4</v></squareroot>\n</function>",
               "t.xml:2: unknown operator <squareroot>");
    load_fails("<function>\n  <quotient>\n    <v>4</v>\n  </quotient>\n</function>",
               "t.xml:2: <quotient> takes exactly 2 arguments (found 1)");
    load_fails("<function>\n  <sum>\n    <ifthen><v>1</v><v>2</v></ifthen>\n  </sum>\n</function>",
               "t.xml:3: <ifthen> takes exactly 3 arguments (found 2)");
    load_fails("<function>\n<sin/>\n</function>", "t.xml:2: <sin> takes exactly 1 argument (found 0)");
    load_fails("<function>\n<sum/>\n</function>", "t.xml:2: <sum> takes at least 2 arguments");
    load_fails("<function>\n<interpolate1d><v>1</v><v>0</v><v>0</v><v>1</v></interpolate1d>\n"
               "</function>", "t.xml:2: <interpolate1d> takes an odd number");
    load_fails("<function>\n<and><v>1</v></and>\n</function>", "t.xml:2: <and> takes at least 2");
    load_fails("<function>\n<rotation_alpha_local><v>1</v></rotation_alpha_local>\n</function>",
               "t.xml:2: <rotation_alpha_local> takes exactly 6 arguments");
    load_fails("<function name=\"f\">\n  <v>1</v>\n  <v>2</v>\n</function>",
               "t.xml:1: <function> takes exactly 1 argument (found 2)");
    load_fails("<function>\n</function>", "t.xml:1: <function> takes exactly 1 argument (found 0)");
    load_fails("<function>\n  <value>1.5 knots</value>\n</function>", "t.xml:2: <value> needs one number");
    load_fails("<function>\n  <p>propulsion/engine[#]/n2</p>\n</function>", "t.xml:2: illegal use of '#'");
    load_fails("<function>\n  <p>-</p>\n</function>", "t.xml:2: <p> names no property");
    load_fails("<function>\n  <random><v>1</v></random>\n</function>",
               "t.xml:2: <random> should have no arguments");
    load_fails("<function>\n  <random mean=\"x\"/>\n</function>", "t.xml:2: mean=\"x\" is not a number");
    load_fails("<function>\n  <table type=\"internal\"><tableData>0 1</tableData></table>\n</function>",
               "t.xml:2: an internal table cannot be nested");
    load_fails("<function>\n  <table>\n    <independentVar>x</independentVar>\n"
               "    <tableData>\n 1 0\n 0 1\n    </tableData>\n  </table>\n</function>",
               "t.xml:4: row breakpoints must increase strictly");
}

static void deep_nesting_should_be_refused_not_crash(void **state)
{
    (void)state;
    enum { DEPTH = 300 };
    char *xml = malloc(DEPTH * 24 + 64);
    assert_non_null(xml);
    char *p = xml;
    p += sprintf(p, "<function>");
    for (int i = 0; i < DEPTH; i++)
        p += sprintf(p, "<abs>");
    p += sprintf(p, "<p>x</p>");
    for (int i = 0; i < DEPTH; i++)
        p += sprintf(p, "</abs>");
    sprintf(p, "</function>");
    jsb_fixture *f = jsb_new();
    jfunc *fn = NULL;
    assert_int_equal(jfunc_load(&f->c, jsb_parse(f, xml), &fn), SAQR_EPARSE);
    assert_non_null(strstr(f->err.msg, "nested more than"));
    jsb_free(f);
    free(xml);
}

/* Loads a <function> and evaluates it once. */
static int load_and_eval_function(jsb_fixture *f, xmlNode *el)
{
    saqr_rng rng;
    rng_seed(&rng, 1);
    jfunc *fn;
    if (jfunc_load(&f->c, el, &fn) != SAQR_OK)
        return -1;
    (void)jfunc_eval(fn, f->props.v, &rng);
    return 0;
}

static void every_function_of_the_reference_aircraft_should_load(void **state)
{
    (void)state;
    static const char *const files[] = {"aircraft/c172x/c172x.xml", "aircraft/f16/f16.xml",
                                         "engine/eng_io320.xml",     "engine/F100-PW-229.xml",
                                         "engine/prop_75in2f.xml",   "systems/GNCUtilities.xml",
                                         "systems/Autopilot.xml"};
    int total = jsb_load_each_in_references(files, sizeof files / sizeof files[0], "function", NULL,
                                            load_and_eval_function);
    assert_true(total >= 82);   /* 40 in the c172x, 42 in the f16 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arithmetic_operators_should_follow_jsbsim),
        cmocka_unit_test(trigonometric_operators_should_use_radians),
        cmocka_unit_test(comparisons_and_logic_should_return_one_or_zero),
        cmocka_unit_test(switch_should_round_its_index_and_clamp_it_to_the_cases),
        cmocka_unit_test(interpolate1d_should_interpolate_and_hold_its_ends),
        cmocka_unit_test(rotation_operators_should_change_frames),
        cmocka_unit_test(short_forms_and_nested_tables_should_work),
        cmocka_unit_test(only_the_chosen_branch_should_be_evaluated),
        cmocka_unit_test(a_named_function_should_produce_its_property),
        cmocka_unit_test(constant_subtrees_should_be_folded_at_load),
        cmocka_unit_test(random_operators_should_draw_from_the_callers_generator),
        cmocka_unit_test(a_prefix_should_replace_hash_in_property_names),
        cmocka_unit_test(a_bare_expression_should_load),
        cmocka_unit_test(templates_should_apply_to_the_property_they_are_given),
        cmocka_unit_test(bad_templates_should_be_refused_with_file_and_line),
        cmocka_unit_test(bad_functions_should_be_refused_with_file_and_line),
        cmocka_unit_test(deep_nesting_should_be_refused_not_crash),
        cmocka_unit_test(operands_next_to_branches_should_keep_their_values),
        cmocka_unit_test(every_function_of_the_reference_aircraft_should_load),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return rc;
}
