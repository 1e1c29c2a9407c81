/*
 * test_daveml.c - unit tests of the DAVE-ML loader and evaluator
 * (src/load/daveml).
 *
 * Expected values are computed by hand in the tests from the constants the
 * files state (NASA TM-2015-218675 example models in ../shared) or from
 * the definitions of the MathML operators and of multilinear
 * interpolation, never by running the code under test.  Malformed inputs
 * must fail with the right status and a message naming file:line.
 */
#include "test_util.h"

#include <math.h>
#include <string.h>

#include "load/daveml/daveml.h"

#define MODELS "reference/nasa-eom-2015/models/"
#define F16 MODELS "F16_package/F16_S119_source/"

/* ------------------------------------------------------------ helpers */

static daveml_model *load_shared(const char *rel)
{
    char path[1024];
    daveml_model *m = NULL;
    saqr_err err = {{0}};
    saqr_status st = daveml_load_file(test_shared_path(path, sizeof path, rel), NULL, &m, &err);
    if (st != SAQR_OK)
        fail_msg("loading %s: %s", path, err.msg);
    return m;
}

static daveml_model *load_text(const char *xml)
{
    daveml_model *m = NULL;
    saqr_err err = {{0}};
    saqr_status st = daveml_load_memory(xml, strlen(xml), "mem.dml", NULL, &m, &err);
    if (st != SAQR_OK)
        fail_msg("loading text: %s\n%s", err.msg, xml);
    return m;
}

static double get(const daveml_model *m, const char *id)
{
    int s = daveml_find(m, id);
    if (s < 0)
        fail_msg("no variable %s", id);
    return daveml_get(m, s);
}

static void set(daveml_model *m, const char *id, double v)
{
    int s = daveml_find(m, id);
    if (s < 0)
        fail_msg("no variable %s", id);
    daveml_set(m, s, v);
}

/* A model with inputs x, y, z and one variable r = `expr` (MathML). */
static daveml_model *expr_model(const char *expr)
{
    const char *head =
        "<?xml version=\"1.0\"?>\n"
        "<DAVEfunc xmlns=\"http://daveml.org/2010/DAVEML\">\n"
        "<fileHeader name=\"t\"/>\n"
        "<variableDef name=\"x\" varID=\"x\" units=\"nd\"><isInput/></variableDef>\n"
        "<variableDef name=\"y\" varID=\"y\" units=\"nd\"><isInput/></variableDef>\n"
        "<variableDef name=\"z\" varID=\"z\" units=\"nd\"><isInput/></variableDef>\n"
        "<variableDef name=\"r\" varID=\"r\" units=\"nd\"><calculation>"
        "<math xmlns=\"http://www.w3.org/1998/Math/MathML\">";
    const char *tail = "</math></calculation><isOutput/></variableDef>\n</DAVEfunc>\n";
    char xml[8192];
    snprintf(xml, sizeof xml, "%s%s%s", head, expr, tail);
    return load_text(xml);
}

/* Value of `expr` at x, y, z. */
static double eval3(const char *expr, double x, double y, double z)
{
    daveml_model *m = expr_model(expr);
    set(m, "x", x);
    set(m, "y", y);
    set(m, "z", z);
    daveml_eval(m);
    double r = get(m, "r");
    daveml_free(m);
    return r;
}

static double eval2(const char *expr, double x, double y)
{
    return eval3(expr, x, y, 0.0);
}

/* Loading must fail with `want` and a message containing each of the
 * (up to two) fragments. */
static void expect_failure(const char *xml, saqr_status want, const char *frag1, const char *frag2)
{
    daveml_model *m = (daveml_model *)1;
    saqr_err err = {{0}};
    saqr_status st = daveml_load_memory(xml, strlen(xml), "mem.dml", NULL, &m, &err);
    if (st != want)
        fail_msg("status %d (%s), expected %d; message: %s", st, saqr_status_name(st), want,
                 err.msg);
    assert_null(m);
    if (frag1 && !strstr(err.msg, frag1))
        fail_msg("message '%s' lacks '%s'", err.msg, frag1);
    if (frag2 && !strstr(err.msg, frag2))
        fail_msg("message '%s' lacks '%s'", err.msg, frag2);
}

#define MATH_OPEN "<math xmlns=\"http://www.w3.org/1998/Math/MathML\">"
#define DOC_OPEN "<?xml version=\"1.0\"?>\n<DAVEfunc>\n<fileHeader name=\"t\"/>\n"
#define CALC(id, expr) \
    "<variableDef name=\"" id "\" varID=\"" id "\" units=\"nd\"><calculation>" MATH_OPEN expr \
    "</math></calculation></variableDef>\n"
#define INPUT(id) "<variableDef name=\"" id "\" varID=\"" id "\" units=\"nd\"><isInput/></variableDef>\n"

/* ------------------------------------------------- NASA example models */

static void brick_aero_should_compute_roll_damping_by_hand(void **state)
{
    (void)state;
    daveml_model *m = load_shared(MODELS "brick_aero.dml");
    set(m, "VRW", 100.0);
    set(m, "PB", 1.0);
    set(m, "QB", 0.0);
    set(m, "RB", 0.0);
    daveml_eval(m);
    /* Constants of the file: CLP_DAMPING = -1.0, BSPAN = 0.33333 ft. */
    double clp = -1.0, bspan = 0.33333, vrw = 100.0, pb = 1.0;
    assert_near(get(m, "Cl"), clp * pb * bspan / (2.0 * vrw), 1e-15);
    assert_near(get(m, "PBO2V"), pb * bspan / (2.0 * vrw), 1e-15);
    assert_near(get(m, "Cm"), 0.0, 0.0);
    assert_near(get(m, "Cn"), 0.0, 0.0);
    assert_near(get(m, "CD"), 0.01, 0.0);
    assert_near(get(m, "SWING"), 0.22222, 0.0);
    /* Pitch: Cm = CMQ * QB * CBAR / (2 VRW), CMQ = -1.0, CBAR = 0.66667. */
    set(m, "QB", 0.5);
    daveml_eval(m);
    assert_near(get(m, "Cm"), -1.0 * 0.5 * 0.66667 / 200.0, 1e-15);
    /* Yaw: Cn = CNP pb/2V + CNR rb/2V with CNP = 0, CNR = -1. */
    set(m, "RB", 2.0);
    daveml_eval(m);
    assert_near(get(m, "Cn"), -1.0 * 2.0 * 0.33333 / 200.0, 1e-15);
    daveml_free(m);
}

static void brick_aero_should_clamp_airspeed_to_its_min_value(void **state)
{
    (void)state;
    daveml_model *m = load_shared(MODELS "brick_aero.dml");
    int vrw = daveml_find(m, "VRW");
    daveml_set(m, vrw, 0.0);
    assert_near(daveml_get(m, vrw), 0.5, 0.0); /* minValue="0.5" */
    set(m, "PB", 1.0);
    daveml_eval(m);
    assert_near(get(m, "Cl"), -1.0 * 0.33333 / (2.0 * 0.5), 1e-15);
    daveml_free(m);
}

static void brick_aero_should_describe_its_variables(void **state)
{
    (void)state;
    daveml_model *m = load_shared(MODELS "brick_aero.dml");
    assert_int_equal(daveml_count(m), 21);
    int s = daveml_find(m, "VRW");
    assert_true(s >= 0);
    assert_int_equal(daveml_find(m, "trueAirspeed"), s);
    assert_string_equal(daveml_varid(m, s), "VRW");
    assert_string_equal(daveml_name(m, s), "trueAirspeed");
    assert_string_equal(daveml_units(m, s), "ft_s");
    assert_true(daveml_is_input(m, s));
    assert_false(daveml_is_output(m, s));
    int cl = daveml_find(m, "Cl");
    assert_true(daveml_is_output(m, cl));
    assert_false(daveml_is_input(m, cl));
    assert_int_equal(daveml_find(m, "noSuchVariable"), -1);
    assert_null(daveml_varid(m, -1));
    assert_null(daveml_name(m, 21));
    assert_null(daveml_units(m, 1000));
    assert_false(daveml_is_input(m, -5));
    assert_true(isnan(daveml_get(m, 21)));
    daveml_set(m, 21, 1.0); /* ignored */
    daveml_free(m);
    daveml_free(NULL);
}

static void cannonball_aero_should_give_constant_drag_and_area(void **state)
{
    (void)state;
    daveml_model *m = load_shared(MODELS "cannonball_aero.dml");
    assert_near(get(m, "CD"), 0.1, 0.0);
    assert_near(get(m, "SWING"), 0.1963495, 0.0);
    assert_near(get(m, "CL"), 0.0, 0.0);
    daveml_free(m);
}

static void inertia_files_should_give_their_initial_values(void **state)
{
    (void)state;
    daveml_model *m = load_shared(MODELS "brick_inertia.dml");
    assert_near(get(m, "XIXX"), 0.00189422, 0.0);
    assert_near(get(m, "XIYY"), 0.006211019, 0.0);
    assert_near(get(m, "XIZZ"), 0.007194665, 0.0);
    assert_near(get(m, "XMASS"), 0.155404754, 0.0);
    daveml_free(m);
    m = load_shared(MODELS "cannonball_inertia.dml");
    assert_near(get(m, "XIXX"), 3.6, 0.0);
    assert_near(get(m, "XMASS"), 1.0, 0.0);
    daveml_free(m);
    m = load_shared(MODELS "orbital_cylinder_inertia.dml");
    assert_near(get(m, "XIYY"), 12250.0, 0.0);
    assert_near(get(m, "DXCG"), 6.0, 0.0);
    daveml_free(m);
    m = load_shared(MODELS "orbital_station_inertia.dml");
    assert_near(get(m, "XIXX"), 102000000.0, 0.0);
    daveml_free(m);
}

static void f16_inertia_should_move_the_cg_with_its_input(void **state)
{
    (void)state;
    daveml_model *m = load_shared(F16 "F16_inertia.dml");
    assert_near(get(m, "XIXX"), 9496.0, 0.0);
    assert_near(get(m, "XIZX"), 982.0, 0.0);
    assert_near(get(m, "XMASS"), 637.1595, 0.0);
    assert_near(get(m, "DXCG"), 0.0, 1e-15); /* CG at 35 % MAC */
    set(m, "CG_PCT_MAC", 25.0);
    daveml_eval(m);
    assert_near(get(m, "DXCG"), 0.01 * 11.32 * (35.0 - 25.0), 1e-12);
    daveml_free(m);
}

static void f16_control_and_gnc_should_load(void **state)
{
    (void)state;
    daveml_model *m = load_shared(F16 "F16_control.dml");
    assert_true(daveml_count(m) > 0);
    daveml_free(m);
    m = load_shared(F16 "F16_gnc.dml");
    assert_true(daveml_count(m) > 0);
    daveml_free(m);
}

static void load_should_reject_the_non_numeric_initial_value_of_orbital_sphere(void **state)
{
    (void)state;
    /* orbital_sphere_inertia.dml writes initialValue="(2/5)&#960;", which
     * DAVE-ML does not allow (initialValue is a number). */
    char path[1024];
    daveml_model *m = (daveml_model *)1;
    saqr_err err = {{0}};
    test_shared_path(path, sizeof path, MODELS "orbital_sphere_inertia.dml");
    assert_int_equal(daveml_load_file(path, NULL, &m, &err), SAQR_EPARSE);
    assert_null(m);
    assert_non_null(strstr(err.msg, "orbital_sphere_inertia.dml:39:"));
    assert_non_null(strstr(err.msg, "initialValue"));
}

/* ----------------------------------------------------------- MathML */

#define A(op, ...) "<apply><" op "/>" __VA_ARGS__ "</apply>"
#define X "<ci>x</ci>"
#define Y "<ci>y</ci>"
#define Z "<ci>z</ci>"
#define CN(v) "<cn>" v "</cn>"

static void mathml_arithmetic_should_follow_its_definitions(void **state)
{
    (void)state;
    assert_near(eval3(A("plus", X Y Z), 1.5, 2.25, 4.0), 7.75, 0.0);
    assert_near(eval2(A("plus", X), -3.0, 0.0), -3.0, 0.0);
    assert_near(eval2(A("minus", X), 3.0, 0.0), -3.0, 0.0);
    assert_near(eval2(A("minus", X Y), 3.0, 5.0), -2.0, 0.0);
    assert_near(eval3(A("times", X Y Z CN("2")), 1.5, -2.0, 3.0), -18.0, 0.0);
    assert_near(eval2(A("divide", X Y), 1.0, 8.0), 0.125, 0.0);
    assert_near(eval2(A("power", X Y), 2.0, 10.0), 1024.0, 0.0);
    assert_near(eval2(A("power", X CN("0.5")), 2.0, 0.0), 1.4142135623730951, 1e-15);
    assert_near(eval2(A("root", X), 2.0, 0.0), 1.4142135623730951, 1e-15);
    assert_near(eval2(A("root", "<degree>" CN("3") "</degree>" X), 27.0, 0.0), 3.0, 1e-14);
    assert_near(eval2(A("root", "<degree>" CN("3") "</degree>" X), -8.0, 0.0), -2.0, 1e-14);
    assert_near(eval2(A("abs", X), -4.5, 0.0), 4.5, 0.0);
    assert_near(eval2(A("exp", X), 1.0, 0.0), 2.718281828459045, 1e-15);
    assert_near(eval2(A("ln", X), 2.718281828459045, 0.0), 1.0, 1e-15);
    assert_near(eval2(A("log", X), 1000.0, 0.0), 3.0, 1e-15);
    assert_near(eval2(A("log", "<logbase>" CN("2") "</logbase>" X), 1024.0, 0.0), 10.0, 1e-14);
    assert_near(eval2(A("floor", X), -2.5, 0.0), -3.0, 0.0);
    assert_near(eval2(A("ceiling", X), -2.5, 0.0), -2.0, 0.0);
    assert_near(eval2(A("rem", X Y), -7.0, 3.0), -1.0, 0.0);
    assert_near(eval2(A("rem", X Y), 7.5, 2.0), 1.5, 0.0);
    assert_near(eval2(A("quotient", X Y), -7.0, 3.0), -2.0, 0.0);
    assert_near(eval2(A("quotient", X Y), 7.0, 2.0), 3.0, 0.0);
    assert_near(eval3(A("min", X Y Z), 3.0, -1.0, 2.0), -1.0, 0.0);
    assert_near(eval3(A("max", X Y Z), 3.0, -1.0, 2.0), 3.0, 0.0);
}

static void mathml_trigonometry_should_follow_its_definitions(void **state)
{
    (void)state;
    const double pi = 3.14159265358979323846;
    assert_near(eval2(A("sin", X), pi / 6.0, 0.0), 0.5, 1e-15);
    assert_near(eval2(A("cos", X), pi / 3.0, 0.0), 0.5, 1e-15);
    assert_near(eval2(A("tan", X), pi / 4.0, 0.0), 1.0, 1e-15);
    assert_near(eval2(A("arcsin", X), 0.5, 0.0), pi / 6.0, 1e-15);
    assert_near(eval2(A("arccos", X), 0.5, 0.0), pi / 3.0, 1e-15);
    assert_near(eval2(A("arctan", X), 1.0, 0.0), pi / 4.0, 1e-15);
    assert_near(eval2(A("sec", X), pi / 3.0, 0.0), 2.0, 1e-14);
    assert_near(eval2(A("cosh", X), 0.0, 0.0), 1.0, 0.0);
    /* DAVE-ML atan2: first argument y, second x. */
    const char *atan2_yx = "<apply><csymbol definitionURL=\"http://daveml.org/function_spaces.html#atan2\" "
                           "encoding=\"text\">atan2</csymbol>" X Y "</apply>";
    assert_near(eval2(atan2_yx, 1.0, -1.0), 3.0 * pi / 4.0, 1e-15);
    assert_near(eval2(atan2_yx, -1.0, -1.0), -3.0 * pi / 4.0, 1e-15);
    assert_near(eval2(atan2_yx, 1.0, 0.0), pi / 2.0, 1e-15);
}

/* Values chosen so each result is ln 2 or a simple fraction by hand:
 * with t = ln 3, e^t = 3, so cosh t = 5/3, sinh t = 4/3, tanh t = 4/5;
 * arcsinh(3/4) = ln(3/4 + 5/4), arccosh(5/4) = ln(5/4 + 3/4),
 * arctanh(3/5) = ln(8/5 / 2/5) / 2 are all ln 2. */
static void mathml_inverse_and_hyperbolic_functions_should_follow_their_definitions(void **state)
{
    (void)state;
    const double pi = 3.14159265358979323846, ln2 = 0.69314718055994530942;
    const double ln3 = 1.09861228866810969140;
    assert_near(eval2(A("arcsec", X), 2.0, 0.0), pi / 3.0, 1e-15);   /* sec(pi/3) = 2 */
    assert_near(eval2(A("arccsc", X), 2.0, 0.0), pi / 6.0, 1e-15);   /* csc(pi/6) = 2 */
    assert_near(eval2(A("arccot", X), 1.0, 0.0), pi / 4.0, 1e-15);
    /* arccot x = arctan(1/x): odd, so arccot(-1) = -pi/4. */
    assert_near(eval2(A("arccot", X), -1.0, 0.0), -pi / 4.0, 1e-15);
    assert_near(eval2(A("sech", X), ln3, 0.0), 0.6, 1e-15);
    assert_near(eval2(A("csch", X), ln3, 0.0), 0.75, 1e-15);
    assert_near(eval2(A("coth", X), ln3, 0.0), 1.25, 1e-15);
    assert_near(eval2(A("sech", X), 0.0, 0.0), 1.0, 0.0);
    assert_near(eval2(A("arcsinh", X), 0.75, 0.0), ln2, 1e-15);
    assert_near(eval2(A("arccosh", X), 1.25, 0.0), ln2, 1e-15);
    assert_near(eval2(A("arctanh", X), 0.6, 0.0), ln2, 1e-15);
    assert_near(eval2(A("arcsech", X), 0.8, 0.0), ln2, 1e-15);
    assert_near(eval2(A("arccsch", X), 4.0 / 3.0, 0.0), ln2, 1e-15);
    assert_near(eval2(A("arccoth", X), 5.0 / 3.0, 0.0), ln2, 1e-15);
    /* Outside the real domain: NaN, not a crash. */
    assert_true(isnan(eval2(A("arccosh", X), 0.5, 0.0)));
    assert_true(isnan(eval2(A("arcsec", X), 0.5, 0.0)));
}

static void mathml_factorial_gcd_lcm_and_implies_should_follow_their_definitions(void **state)
{
    (void)state;
    assert_near(eval2(A("factorial", X), 0.0, 0.0), 1.0, 0.0);
    assert_near(eval2(A("factorial", X), 5.0, 0.0), 120.0, 0.0);
    assert_near(eval2(A("factorial", X), 10.0, 0.0), 3628800.0, 0.0);
    /* 20! = 2432902008176640000, exactly representable. */
    assert_near(eval2(A("factorial", X), 20.0, 0.0), 2432902008176640000.0, 0.0);
    assert_true(isnan(eval2(A("factorial", X), 2.5, 0.0)));
    assert_true(isnan(eval2(A("factorial", X), -1.0, 0.0)));
    assert_true(isinf(eval2(A("factorial", X), 171.0, 0.0)));
    assert_near(eval2(A("gcd", X Y), 12.0, 18.0), 6.0, 0.0);
    assert_near(eval3(A("gcd", X Y Z), -12.0, 18.0, 27.0), 3.0, 0.0);
    assert_near(eval2(A("gcd", X Y), 0.0, 0.0), 0.0, 0.0);
    assert_near(eval2(A("gcd", X Y), 0.0, -7.0), 7.0, 0.0);
    assert_true(isnan(eval2(A("gcd", X Y), 7.5, 5.0)));
    assert_near(eval2(A("lcm", X Y), 4.0, 6.0), 12.0, 0.0);
    assert_near(eval3(A("lcm", X Y Z), 4.0, 6.0, 10.0), 60.0, 0.0);
    assert_near(eval2(A("lcm", X Y), -3.0, 4.0), 12.0, 0.0);
    assert_near(eval2(A("lcm", X Y), 0.0, 5.0), 0.0, 0.0);
    assert_true(isnan(eval2(A("lcm", X Y), 1e300 * 1e10, 5.0)));
    /* a implies b: false only when a holds and b does not. */
    assert_near(eval2(A("implies", X Y), 0.0, 0.0), 1.0, 0.0);
    assert_near(eval2(A("implies", X Y), 0.0, 1.0), 1.0, 0.0);
    assert_near(eval2(A("implies", X Y), 1.0, 0.0), 0.0, 0.0);
    assert_near(eval2(A("implies", X Y), 2.0, -1.0), 1.0, 0.0);
    expect_failure(DOC_OPEN CALC("a", A("implies", CN("1"))) "</DAVEfunc>", SAQR_EPARSE,
                   "mem.dml:4:", "implies");
    expect_failure(DOC_OPEN CALC("a", A("factorial", CN("1") CN("2"))) "</DAVEfunc>", SAQR_EPARSE,
                   "mem.dml:4:", "factorial");
}

static void mathml_constants_and_numbers_should_parse(void **state)
{
    (void)state;
    assert_near(eval2("<pi/>", 0, 0), 3.14159265358979323846, 0.0);
    assert_near(eval2("<exponentiale/>", 0, 0), 2.71828182845904523536, 0.0);
    assert_near(eval2("<true/>", 0, 0), 1.0, 0.0);
    assert_near(eval2("<false/>", 0, 0), 0.0, 0.0);
    assert_near(eval2("<eulergamma/>", 0, 0), 0.57721566490153286061, 0.0);
    assert_true(isinf(eval2("<infinity/>", 0, 0)) && eval2("<infinity/>", 0, 0) > 0.0);
    assert_true(isnan(eval2("<notanumber/>", 0, 0)));
    assert_true(isinf(eval2(A("minus", "<infinity/>"), 0, 0)) &&
                eval2(A("minus", "<infinity/>"), 0, 0) < 0.0);
    assert_near(eval2("<cn type=\"e-notation\">1.5<sep/>-3</cn>", 0, 0), 1.5e-3, 0.0);
    assert_near(eval2("<cn type=\"e-notation\"> 2 <sep/> 4 </cn>", 0, 0), 2e4, 0.0);
    assert_near(eval2("<cn type=\"rational\">1<sep/>4</cn>", 0, 0), 0.25, 0.0);
    assert_near(eval2("<cn type=\"integer\"> 42 </cn>", 0, 0), 42.0, 0.0);
    assert_near(eval2("<cn>-.5e1</cn>", 0, 0), -5.0, 0.0);
    assert_near(eval2("<ci> x </ci>", 7.0, 0), 7.0, 0.0);
}

static void mathml_relations_and_logic_should_give_one_or_zero(void **state)
{
    (void)state;
    assert_near(eval2(A("lt", X Y), 1.0, 2.0), 1.0, 0.0);
    assert_near(eval2(A("lt", X Y), 2.0, 2.0), 0.0, 0.0);
    assert_near(eval2(A("leq", X Y), 2.0, 2.0), 1.0, 0.0);
    assert_near(eval2(A("le", X Y), 3.0, 2.0), 0.0, 0.0);
    assert_near(eval2(A("gt", X Y), 3.0, 2.0), 1.0, 0.0);
    assert_near(eval2(A("gt", X Y), 2.0, 2.0), 0.0, 0.0);
    assert_near(eval2(A("geq", X Y), 2.0, 2.0), 1.0, 0.0);
    assert_near(eval2(A("ge", X Y), 1.0, 2.0), 0.0, 0.0);
    assert_near(eval2(A("eq", X Y), 2.0, 2.0), 1.0, 0.0);
    assert_near(eval2(A("eq", X Y), 2.0, 3.0), 0.0, 0.0);
    assert_near(eval2(A("neq", X Y), 2.0, 3.0), 1.0, 0.0);
    assert_near(eval2(A("neq", X Y), 2.0, 2.0), 0.0, 0.0);
    /* Chained: x < y < z. */
    assert_near(eval3(A("lt", X Y Z), 1.0, 2.0, 3.0), 1.0, 0.0);
    assert_near(eval3(A("lt", X Y Z), 1.0, 3.0, 2.0), 0.0, 0.0);
    assert_near(eval2(A("and", X Y), 1.0, 5.0), 1.0, 0.0);
    assert_near(eval2(A("and", X Y), 1.0, 0.0), 0.0, 0.0);
    assert_near(eval2(A("or", X Y), 0.0, 0.0), 0.0, 0.0);
    assert_near(eval2(A("or", X Y), 0.0, -2.0), 1.0, 0.0);
    assert_near(eval2(A("xor", X Y), 1.0, 1.0), 0.0, 0.0);
    assert_near(eval3(A("xor", X Y Z), 1.0, 1.0, 1.0), 1.0, 0.0);
    assert_near(eval2(A("not", X), 0.0, 0.0), 1.0, 0.0);
    assert_near(eval2(A("not", X), 3.0, 0.0), 0.0, 0.0);
}

static void mathml_piecewise_should_pick_the_first_true_piece(void **state)
{
    (void)state;
    const char *pw = "<piecewise>"
                     "<piece>" CN("-1") A("lt", X CN("0")) "</piece>"
                     "<piece>" CN("0") A("eq", X CN("0")) "</piece>"
                     "<piece>" CN("5") A("lt", X CN("10")) "</piece>"
                     "<otherwise>" X "</otherwise>"
                     "</piecewise>";
    assert_near(eval2(pw, -3.0, 0), -1.0, 0.0);
    assert_near(eval2(pw, 0.0, 0), 0.0, 0.0);
    assert_near(eval2(pw, 7.0, 0), 5.0, 0.0);
    assert_near(eval2(pw, 12.0, 0), 12.0, 0.0);
    /* The NASA files wrap the piecewise in an <apply>. */
    const char *wrapped = "<apply><piecewise><piece>" X A("gt", X Y) "</piece>"
                          "<otherwise>" Y "</otherwise></piecewise></apply>";
    assert_near(eval2(wrapped, 3.0, 2.0), 3.0, 0.0);
    assert_near(eval2(wrapped, 1.0, 2.0), 2.0, 0.0);
    /* Nested inside arithmetic. */
    const char *nested = A("plus", CN("100") "<piecewise><piece>" CN("1") A("gt", X CN("0"))
                                   "</piece><otherwise>" CN("2") "</otherwise></piecewise>");
    assert_near(eval2(nested, 1.0, 0), 101.0, 0.0);
    assert_near(eval2(nested, -1.0, 0), 102.0, 0.0);
    /* No true piece and no otherwise: undefined. */
    assert_true(isnan(eval2("<piecewise><piece>" CN("1") A("gt", X CN("0")) "</piece></piecewise>",
                            -1.0, 0)));
}

/* ------------------------------------------------------------ order */

static void eval_should_follow_dependencies_not_file_order(void **state)
{
    (void)state;
    /* c = b + 1 appears before b = 2 a; a is an input; k is a constant. */
    daveml_model *m = load_text(DOC_OPEN
                                CALC("c", A("plus", "<ci>b</ci>" "<ci>k</ci>"))
                                CALC("b", A("times", CN("2") "<ci>a</ci>"))
                                INPUT("a")
                                "<variableDef name=\"k\" varID=\"k\" units=\"nd\" initialValue=\"1\"/>\n"
                                "</DAVEfunc>");
    set(m, "a", 4.0);
    daveml_eval(m);
    assert_near(get(m, "b"), 8.0, 0.0);
    assert_near(get(m, "c"), 9.0, 0.0);
    assert_near(get(m, "k"), 1.0, 0.0);
    daveml_free(m);
}

static void limits_should_clamp_inputs_and_calculations(void **state)
{
    (void)state;
    daveml_model *m = load_text(DOC_OPEN
                                "<variableDef name=\"a\" varID=\"a\" units=\"nd\" minValue=\"-1\" "
                                "maxValue=\"1\" initialValue=\"5\"><isInput/></variableDef>\n"
                                "<variableDef name=\"b\" varID=\"b\" units=\"nd\" maxValue=\"3\">"
                                "<calculation>" MATH_OPEN A("times", CN("10") "<ci>a</ci>")
                                "</math></calculation></variableDef>\n"
                                "</DAVEfunc>");
    assert_near(get(m, "a"), 1.0, 0.0); /* initialValue 5 clamped */
    assert_near(get(m, "b"), 3.0, 0.0);
    set(m, "a", -7.0);
    assert_near(get(m, "a"), -1.0, 0.0);
    daveml_eval(m);
    assert_near(get(m, "b"), -10.0, 0.0);
    set(m, "a", 0.2);
    daveml_eval(m);
    assert_near(get(m, "b"), 2.0, 1e-15);
    daveml_free(m);
}

/* ------------------------------------------------------------ tables */

/* Model: input x (and y), table function output f; `fn` is the
 * <function> body after the inputs. */
#define TABLE_1D(attrs)                                                                     \
    DOC_OPEN INPUT("x")                                                                     \
    "<variableDef name=\"f\" varID=\"f\" units=\"nd\"/>\n"                                   \
    "<breakpointDef bpID=\"XBP\"><bpVals>0, 1, 2</bpVals></breakpointDef>\n"                 \
    "<griddedTableDef gtID=\"T\"><breakpointRefs><bpRef bpID=\"XBP\"/></breakpointRefs>"     \
    "<dataTable>0 10 40</dataTable></griddedTableDef>\n"                                     \
    "<function name=\"F\"><independentVarRef varID=\"x\" " attrs "/>"                        \
    "<dependentVarRef varID=\"f\"/><functionDefn><griddedTableRef gtID=\"T\"/></functionDefn>" \
    "</function>\n</DAVEfunc>"

static double at(daveml_model *m, double x)
{
    set(m, "x", x);
    daveml_eval(m);
    return get(m, "f");
}

static void table_1d_should_interpolate_and_hold_its_ends(void **state)
{
    (void)state;
    daveml_model *m = load_text(TABLE_1D(""));
    assert_near(at(m, 0.0), 0.0, 0.0);
    assert_near(at(m, 0.5), 5.0, 1e-15);
    assert_near(at(m, 1.0), 10.0, 0.0);
    assert_near(at(m, 1.5), 25.0, 1e-15);
    assert_near(at(m, 2.0), 40.0, 0.0);
    assert_near(at(m, -1.0), 0.0, 0.0);  /* held at the first value */
    assert_near(at(m, 3.0), 40.0, 0.0);  /* held at the last value */
    assert_true(isnan(at(m, NAN)));
    daveml_free(m);
}

static void table_1d_should_extrapolate_when_asked(void **state)
{
    (void)state;
    daveml_model *m = load_text(TABLE_1D("extrapolate=\"both\""));
    assert_near(at(m, 3.0), 70.0, 1e-13);
    assert_near(at(m, -1.0), -10.0, 1e-13);
    daveml_free(m);
    m = load_text(TABLE_1D("extrapolate=\"max\""));
    assert_near(at(m, 3.0), 70.0, 1e-13);
    assert_near(at(m, -1.0), 0.0, 0.0);
    daveml_free(m);
    m = load_text(TABLE_1D("extrapolate=\"min\""));
    assert_near(at(m, 3.0), 40.0, 0.0);
    assert_near(at(m, -1.0), -10.0, 1e-13);
    daveml_free(m);
}

static void table_input_should_be_clamped_to_its_min_and_max(void **state)
{
    (void)state;
    daveml_model *m = load_text(TABLE_1D("min=\"0.25\" max=\"1.5\" extrapolate=\"both\""));
    assert_near(at(m, -1.0), 2.5, 1e-14);
    assert_near(at(m, 5.0), 25.0, 1e-14);
    assert_near(at(m, 1.0), 10.0, 0.0);
    daveml_free(m);
}

static void table_discrete_floor_and_ceiling_should_step(void **state)
{
    (void)state;
    daveml_model *m = load_text(TABLE_1D("interpolate=\"discrete\""));
    assert_near(at(m, 0.4), 0.0, 0.0);
    assert_near(at(m, 0.5), 10.0, 0.0); /* mid-point rounds up */
    assert_near(at(m, 1.6), 40.0, 0.0);
    assert_near(at(m, 9.0), 40.0, 0.0);
    daveml_free(m);
    m = load_text(TABLE_1D("interpolate=\"floor\""));
    assert_near(at(m, 0.9), 0.0, 0.0);
    assert_near(at(m, 1.0), 10.0, 0.0);
    assert_near(at(m, 1.9), 10.0, 0.0);
    assert_near(at(m, 2.0), 40.0, 0.0);
    daveml_free(m);
    m = load_text(TABLE_1D("interpolate=\"ceiling\""));
    assert_near(at(m, 0.1), 10.0, 0.0);
    assert_near(at(m, 1.0), 10.0, 0.0);
    assert_near(at(m, 1.1), 40.0, 0.0);
    assert_near(at(m, -3.0), 0.0, 0.0);
    daveml_free(m);
}

static void table_2d_should_interpolate_bilinearly(void **state)
{
    (void)state;
    /* f(a, b) = 100 a + b^2 at the nodes; first breakpoint set (a) varies
     * slowest. */
    daveml_model *m = load_text(DOC_OPEN INPUT("a") INPUT("b")
        "<variableDef name=\"f\" varID=\"f\" units=\"nd\"/>\n"
        "<variableDef name=\"g\" varID=\"g\" units=\"nd\"/>\n"
        "<breakpointDef bpID=\"A\"><bpVals>0 1</bpVals></breakpointDef>\n"
        "<breakpointDef bpID=\"B\"><bpVals>0,10,20</bpVals></breakpointDef>\n"
        "<griddedTableDef gtID=\"T\"><breakpointRefs><bpRef bpID=\"A\"/><bpRef bpID=\"B\"/>"
        "</breakpointRefs><dataTable>0, 100, 400, <!-- a = 1 --> 100, 200, 500</dataTable>"
        "</griddedTableDef>\n"
        "<function name=\"F\"><independentVarRef varID=\"a\"/><independentVarRef varID=\"b\"/>"
        "<dependentVarRef varID=\"f\"/><functionDefn><griddedTableRef gtID=\"T\"/></functionDefn>"
        "</function>\n"
        /* The same table used again with the inputs swapped in meaning. */
        "<function name=\"G\"><independentVarRef varID=\"b\"/><independentVarRef varID=\"a\"/>"
        "<dependentVarRef varID=\"g\"/><functionDefn><griddedTableRef gtID=\"T\"/></functionDefn>"
        "</function>\n"
        "</DAVEfunc>");
    set(m, "a", 0.5);
    set(m, "b", 5.0);
    daveml_eval(m);
    assert_near(get(m, "f"), 0.25 * (0.0 + 100.0 + 100.0 + 200.0), 1e-13);
    set(m, "a", 0.25);
    set(m, "b", 15.0);
    daveml_eval(m);
    /* b half-way 10..20: a=0 -> 250, a=1 -> 350; a = 0.25 -> 275. */
    assert_near(get(m, "f"), 275.0, 1e-12);
    /* g looks up (b, a) = (15 -> held at 1, 0.25 -> 2.5% of 0..10). */
    assert_near(get(m, "g"), 100.0 + 0.025 * 100.0, 1e-12);
    set(m, "a", 2.0);
    set(m, "b", -5.0);
    daveml_eval(m);
    assert_near(get(m, "f"), 100.0, 0.0); /* corner (1, 0) */
    daveml_free(m);
}

static void table_4d_inline_should_be_exact_for_a_multilinear_function(void **state)
{
    (void)state;
    /* f = 1 + a + 2b + 3c + 4d on a 2x3x2x2 grid with uneven breakpoints:
     * multilinear interpolation reproduces it exactly inside the grid. */
    static const double A_[] = {0, 2}, B_[] = {-1, 0, 5}, C_[] = {1, 3}, D_[] = {0, 0.5};
    char data[4096] = "";
    size_t len = 0;
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 3; j++)
            for (int k = 0; k < 2; k++)
                for (int l = 0; l < 2; l++)
                    len += (size_t)snprintf(data + len, sizeof data - len, "%.17g ",
                                            1 + A_[i] + 2 * B_[j] + 3 * C_[k] + 4 * D_[l]);
    char xml[16384];
    snprintf(xml, sizeof xml,
             DOC_OPEN INPUT("a") INPUT("b") INPUT("c") INPUT("d")
             "<variableDef name=\"f\" varID=\"f\" units=\"nd\"/>\n"
             "<breakpointDef bpID=\"A\"><bpVals>0 2</bpVals></breakpointDef>\n"
             "<breakpointDef bpID=\"B\"><bpVals>-1 0 5</bpVals></breakpointDef>\n"
             "<breakpointDef bpID=\"C\"><bpVals>1 3</bpVals></breakpointDef>\n"
             "<breakpointDef bpID=\"D\"><bpVals>0 0.5</bpVals></breakpointDef>\n"
             "<function name=\"F\"><independentVarRef varID=\"a\"/><independentVarRef varID=\"b\"/>"
             "<independentVarRef varID=\"c\"/><independentVarRef varID=\"d\"/>"
             "<dependentVarRef varID=\"f\"/><functionDefn><griddedTableDef>"
             "<breakpointRefs><bpRef bpID=\"A\"/><bpRef bpID=\"B\"/><bpRef bpID=\"C\"/>"
             "<bpRef bpID=\"D\"/></breakpointRefs><dataTable>%s</dataTable></griddedTableDef>"
             "</functionDefn></function>\n</DAVEfunc>",
             data);
    daveml_model *m = load_text(xml);
    static const double pts[][4] = {{0.3, -0.5, 1.2, 0.1}, {1.9, 4.0, 2.9, 0.45}, {0, 0, 1, 0}};
    for (size_t p = 0; p < 3; p++) {
        set(m, "a", pts[p][0]);
        set(m, "b", pts[p][1]);
        set(m, "c", pts[p][2]);
        set(m, "d", pts[p][3]);
        daveml_eval(m);
        double want = 1 + pts[p][0] + 2 * pts[p][1] + 3 * pts[p][2] + 4 * pts[p][3];
        assert_near(get(m, "f"), want, 1e-12);
    }
    daveml_free(m);
}

static void simple_function_with_points_should_interpolate(void **state)
{
    (void)state;
    daveml_model *m = load_text(DOC_OPEN INPUT("x")
        "<variableDef name=\"f\" varID=\"f\" units=\"nd\"/>\n"
        "<function name=\"F\"><independentVarPts varID=\"x\">-2, 0, 4</independentVarPts>"
        "<dependentVarPts varID=\"f\">1, 3, -5</dependentVarPts></function>\n"
        "</DAVEfunc>");
    assert_near(at(m, -1.0), 2.0, 1e-15);
    assert_near(at(m, 1.0), 1.0, 1e-15);
    assert_near(at(m, 10.0), -5.0, 0.0);
    daveml_free(m);
}

/* ------------------------------------------------- ungridded tables */

/* Model: input x, output f from a 1-input ungridded table U given unsorted;
 * sorted, the points are (-1, 1), (0, 2), (1, 5), (3, 9). */
#define UNGRIDDED_1D(attrs)                                                                  \
    DOC_OPEN INPUT("x")                                                                      \
    "<variableDef name=\"f\" varID=\"f\" units=\"nd\"/>\n"                                    \
    "<ungriddedTableDef utID=\"U\" name=\"u\" units=\"nd\"><description>scattered"           \
    "</description><dataPoint>3, 9</dataPoint><dataPoint> -1 1 </dataPoint>"                \
    "<dataPoint modID=\"A\">1,5</dataPoint><dataPoint>0 2</dataPoint></ungriddedTableDef>\n" \
    "<function name=\"F\"><independentVarRef varID=\"x\" " attrs "/>"                         \
    "<dependentVarRef varID=\"f\"/><functionDefn><ungriddedTableRef utID=\"U\"/>"            \
    "</functionDefn></function>\n</DAVEfunc>"

static void ungridded_1d_should_interpolate_linearly_between_sorted_points(void **state)
{
    (void)state;
    daveml_model *m = load_text(UNGRIDDED_1D(""));
    /* exact at the points */
    assert_near(at(m, -1.0), 1.0, 0.0);
    assert_near(at(m, 0.0), 2.0, 0.0);
    assert_near(at(m, 1.0), 5.0, 0.0);
    assert_near(at(m, 3.0), 9.0, 0.0);
    /* straight lines between neighbours in x, not in file order */
    assert_near(at(m, -0.5), 1.5, 1e-15);
    assert_near(at(m, 0.5), 3.5, 1e-15);
    assert_near(at(m, 2.0), 7.0, 1e-15);  /* 5 + (2 - 1) * (9 - 5) / 2 */
    assert_near(at(m, 2.5), 8.0, 1e-15);
    /* held at the ends by default */
    assert_near(at(m, -5.0), 1.0, 0.0);
    assert_near(at(m, 10.0), 9.0, 0.0);
    assert_true(isnan(at(m, NAN)));
    daveml_free(m);
}

static void ungridded_1d_should_honour_the_input_attributes(void **state)
{
    (void)state;
    daveml_model *m = load_text(UNGRIDDED_1D("extrapolate=\"both\""));
    assert_near(at(m, 4.0), 11.0, 1e-14);  /* slope 2 of the last segment */
    assert_near(at(m, -2.0), 0.0, 1e-14);  /* slope 1 of the first */
    daveml_free(m);
    m = load_text(UNGRIDDED_1D("min=\"-0.5\" max=\"2\" extrapolate=\"both\""));
    assert_near(at(m, -3.0), 1.5, 1e-15);
    assert_near(at(m, 3.0), 7.0, 1e-15);
    daveml_free(m);
    m = load_text(UNGRIDDED_1D("interpolate=\"discrete\""));
    assert_near(at(m, 1.9), 5.0, 0.0);
    assert_near(at(m, 2.0), 9.0, 0.0); /* mid-point rounds up */
    daveml_free(m);
    m = load_text(UNGRIDDED_1D("interpolate=\"floor\""));
    assert_near(at(m, 2.9), 5.0, 0.0);
    daveml_free(m);
    m = load_text(UNGRIDDED_1D("interpolate=\"ceiling\""));
    assert_near(at(m, 1.1), 9.0, 0.0);
    daveml_free(m);
}

/* Model: inputs a, b; f = Shepard interpolation of the four points
 * P1 (0, 0) = 0, P2 (2, 0) = 10, P3 (0, 4) = 20, P4 (1, 4) = 40 (file
 * order).  The ranges are 2 in a and 4 in b, so the normalised points are
 * (0, 0), (1, 0), (0, 1), (0.5, 1). */
#define UNGRIDDED_2D(attr_a, attr_b)                                                        \
    DOC_OPEN INPUT("a") INPUT("b")                                                          \
    "<variableDef name=\"f\" varID=\"f\" units=\"nd\"/>\n"                                   \
    "<ungriddedTableDef utID=\"U2\">\n"                                                     \
    "<dataPoint>0 0 0</dataPoint>\n"                                                        \
    "<dataPoint>2, 0, 10</dataPoint>\n"                                                     \
    "<dataPoint>0, 4, 20</dataPoint>\n"                                                     \
    "<dataPoint>1, 4, 40</dataPoint>\n"                                                     \
    "</ungriddedTableDef>\n"                                                                \
    "<function name=\"F\"><independentVarRef varID=\"a\" " attr_a "/>"                       \
    "<independentVarRef varID=\"b\" " attr_b "/><dependentVarRef varID=\"f\"/>"               \
    "<functionDefn><ungriddedTableRef utID=\"U2\"/></functionDefn></function>\n</DAVEfunc>"

static double at2(daveml_model *m, double a, double b)
{
    set(m, "a", a);
    set(m, "b", b);
    daveml_eval(m);
    return get(m, "f");
}

/* Shepard's formula with power 2 from squared normalised distances. */
static double shepard4(const double d2[4])
{
    static const double v[4] = {0.0, 10.0, 20.0, 40.0};
    double num = 0.0, den = 0.0;
    for (int i = 0; i < 4; i++) {
        num += v[i] / d2[i];
        den += 1.0 / d2[i];
    }
    return num / den;
}

static void ungridded_2d_should_weight_points_by_inverse_squared_normalised_distance(void **state)
{
    (void)state;
    daveml_model *m = load_text(UNGRIDDED_2D("", ""));
    /* exact at each point */
    assert_near(at2(m, 0.0, 0.0), 0.0, 0.0);
    assert_near(at2(m, 2.0, 0.0), 10.0, 0.0);
    assert_near(at2(m, 0.0, 4.0), 20.0, 0.0);
    assert_near(at2(m, 1.0, 4.0), 40.0, 0.0);
    /* (1, 2) -> (0.5, 0.5): d^2 = 0.5, 0.5, 0.5, 0.25, weights 2 2 2 4:
     * (0 + 20 + 40 + 160) / 10 = 22. */
    assert_near(at2(m, 1.0, 2.0), 22.0, 1e-13);
    /* (0.5, 0) -> (0.25, 0): d^2 = 1/16, 9/16, 17/16, 17/16, weights in the
     * ratio 1 : 1/9 : 1/17 : 1/17: (10/9 + 60/17) / (1 + 1/9 + 2/17) =
     * 710/188 = 355/94.  Unnormalised distances would give another value. */
    assert_near(at2(m, 0.5, 0.0), 355.0 / 94.0, 1e-13);
    /* (1, 0) -> (0.5, 0): d^2 = 1/4, 1/4, 5/4, 1, weights 4 4 0.8 1:
     * (40 + 16 + 40) / 9.8 = 480/49. */
    assert_near(at2(m, 1.0, 0.0), 480.0 / 49.0, 1e-13);
    /* never outside the values' range */
    for (double a = -1.0; a <= 3.0; a += 0.25)
        for (double b = -1.0; b <= 5.0; b += 0.5) {
            double f = at2(m, a, b);
            assert_true(f >= 0.0 && f <= 40.0);
        }
    assert_true(isnan(at2(m, NAN, 1.0)));
    daveml_free(m);
}

static void ungridded_2d_should_hold_at_the_edge_of_its_points_unless_extrapolating(void **state)
{
    (void)state;
    daveml_model *m = load_text(UNGRIDDED_2D("", ""));
    /* a = 5 is held at 2: (2, 2) -> (1, 0.5): d^2 = 1.25, 0.25, 1.25, 0.5,
     * weights 0.8 4 0.8 2: (40 + 16 + 80) / 7.6 = 340/19. */
    assert_near(at2(m, 5.0, 2.0), 340.0 / 19.0, 1e-13);
    assert_near(at2(m, 2.0, 2.0), 340.0 / 19.0, 1e-13);
    daveml_free(m);
    m = load_text(UNGRIDDED_2D("extrapolate=\"max\"", ""));
    /* (5, 2) -> (2.5, 0.5): d^2 = 6.5, 2.5, 6.5, 4.25 */
    const double d2[4] = {6.5, 2.5, 6.5, 4.25};
    assert_near(at2(m, 5.0, 2.0), shepard4(d2), 1e-13);
    /* the low side is still held: (-3, 2) is (0, 2) -> (0, 0.5) */
    const double d2_low[4] = {0.25, 1.25, 0.25, 0.5};
    assert_near(at2(m, -3.0, 2.0), shepard4(d2_low), 1e-13);
    /* far away the weights even out: the mean of the values, 17.5 */
    assert_near(at2(m, 1e12, 2.0), 17.5, 1e-9);
    assert_near(at2(m, 1e300, 2.0), 17.5, 1e-12);
    daveml_free(m);
    /* min/max clamp first: b = 3 is taken as 2 */
    m = load_text(UNGRIDDED_2D("", "max=\"2\""));
    assert_near(at2(m, 1.0, 3.0), 22.0, 1e-13);
    daveml_free(m);
}

static void ungridded_2d_discrete_should_take_the_nearest_point(void **state)
{
    (void)state;
    daveml_model *m = load_text(UNGRIDDED_2D("interpolate=\"discrete\"", "interpolate=\"discrete\""));
    assert_near(at2(m, 0.5, 0.0), 0.0, 0.0);   /* d^2 1/16 to P1 */
    assert_near(at2(m, 1.2, 3.0), 40.0, 0.0);  /* (0.6, 0.75): 0.0725 to P4 */
    assert_near(at2(m, 1.0, 0.0), 0.0, 0.0);   /* tie P1/P2: first in file order */
    assert_near(at2(m, 2.0, 4.0), 40.0, 0.0);  /* (1, 1): P4 at 0.25, P2/P3 at 1 */
    daveml_free(m);
}

static void ungridded_table_should_leave_out_an_input_that_never_varies(void **state)
{
    (void)state;
    /* z is 7 at every point, so only x and y (ranges 1) measure distance. */
    daveml_model *m = load_text(DOC_OPEN INPUT("x") INPUT("y") INPUT("z")
        "<variableDef name=\"f\" varID=\"f\" units=\"nd\"/>\n"
        "<function name=\"F\"><independentVarRef varID=\"x\"/><independentVarRef varID=\"y\"/>"
        "<independentVarRef varID=\"z\" extrapolate=\"both\"/><dependentVarRef varID=\"f\"/>"
        "<functionDefn><ungriddedTableDef><dataPoint>0 0 7 1</dataPoint>"
        "<dataPoint>1 0 7 3</dataPoint><dataPoint>0 1 7 5</dataPoint></ungriddedTableDef>"
        "</functionDefn></function>\n</DAVEfunc>");
    set(m, "x", 0.5);
    set(m, "y", 0.5);
    set(m, "z", 100.0);
    daveml_eval(m);
    assert_near(get(m, "f"), 3.0, 1e-14); /* equidistant: the mean */
    set(m, "x", 0.0);
    set(m, "y", 1.0);
    set(m, "z", -3.0);
    daveml_eval(m);
    assert_near(get(m, "f"), 5.0, 0.0);
    daveml_free(m);
}

static void ungridded_table_should_load_inline_shared_and_in_its_1x_forms(void **state)
{
    (void)state;
    /* f: inline 2.0 table; g: the 1.x <ungriddedTable> with a <dataTable>
     * wrapper; h: the top-level U shared with extrapolation; checkData
     * values from the straight lines through the points. */
    daveml_model *m = load_text(DOC_OPEN INPUT("x")
        "<variableDef varID=\"f\" units=\"nd\"/><variableDef varID=\"g\" units=\"nd\"/>\n"
        "<variableDef varID=\"h\" units=\"nd\"/><variableDef varID=\"k\" units=\"nd\"/>\n"
        "<ungriddedTableDef utID=\"U\"><dataPoint>0 0</dataPoint><dataPoint>2 4</dataPoint>"
        "</ungriddedTableDef>\n"
        "<function name=\"F\"><independentVarRef varID=\"x\"/><dependentVarRef varID=\"f\"/>"
        "<functionDefn><ungriddedTableDef><dataPoint>1 10</dataPoint><dataPoint>0 0</dataPoint>"
        "</ungriddedTableDef></functionDefn></function>\n"
        "<function name=\"G\"><independentVarRef varID=\"x\"/><dependentVarRef varID=\"g\"/>"
        "<functionDefn><ungriddedTable><dataTable><dataPoint>0 -1</dataPoint>"
        "<dataPoint>4 7</dataPoint></dataTable></ungriddedTable></functionDefn></function>\n"
        "<function name=\"H\"><independentVarRef varID=\"x\"/><dependentVarRef varID=\"h\"/>"
        "<functionDefn><ungriddedTableRef utID=\"U\"/></functionDefn></function>\n"
        "<function name=\"K\"><independentVarRef varID=\"x\" extrapolate=\"both\"/>"
        "<dependentVarRef varID=\"k\"/><functionDefn><ungriddedTableRef utID=\"U\"/>"
        "</functionDefn></function>\n"
        "<checkData><staticShot name=\"s\"><checkInputs><signal><varID>x</varID>"
        "<signalValue>3</signalValue></signal></checkInputs><checkOutputs>"
        "<signal><varID>f</varID><signalValue>10</signalValue><tol>1e-12</tol></signal>"
        "<signal><varID>g</varID><signalValue>5</signalValue><tol>1e-12</tol></signal>"
        "<signal><varID>h</varID><signalValue>4</signalValue><tol>1e-12</tol></signal>"
        "<signal><varID>k</varID><signalValue>6</signalValue><tol>1e-12</tol></signal>"
        "</checkOutputs></staticShot></checkData>\n</DAVEfunc>");
    int shots = 0, failed = -1;
    saqr_err err = {{0}};
    if (daveml_run_checkdata(m, &shots, &failed, &err) != SAQR_OK)
        fail_msg("%s", err.msg);
    assert_int_equal(shots, 1);
    assert_int_equal(failed, 0);
    set(m, "x", 0.25);
    daveml_eval(m);
    assert_near(get(m, "f"), 2.5, 1e-15);
    assert_near(get(m, "g"), -0.5, 1e-15);
    assert_near(get(m, "h"), 0.5, 1e-15);
    daveml_free(m);
}

/* A document with an ungridded table U of 2 inputs (x, y) and a function F
 * using it; the table opens on line 7, its `points` start on line 8 and
 * the function follows the closing tag's line. */
#define UT_DOC(points, fn_attrs)                                                             \
    DOC_OPEN INPUT("x") INPUT("y") "<variableDef varID=\"f\" units=\"nd\"/>\n"                \
    "<ungriddedTableDef utID=\"U\">\n" points "</ungriddedTableDef>\n"                         \
    "<function name=\"F\"><independentVarRef varID=\"x\" " fn_attrs "/>"                      \
    "<independentVarRef varID=\"y\"/><dependentVarRef varID=\"f\"/><functionDefn>"            \
    "<ungriddedTableRef utID=\"U\"/></functionDefn></function>\n</DAVEfunc>"

static void load_should_reject_bad_ungridded_tables_with_their_line(void **state)
{
    (void)state;
    /* a point with the wrong number of values */
    expect_failure(UT_DOC("<dataPoint>0 0 1</dataPoint>\n<dataPoint>1 1</dataPoint>\n", ""),
                   SAQR_EPARSE, "mem.dml:9:", "2 values but the first one (line 8) has 3");
    /* too few values in the first point */
    expect_failure(UT_DOC("<dataPoint>5</dataPoint>\n", ""), SAQR_EPARSE, "mem.dml:8:",
                   "1 values");
    /* duplicate coordinates (-0 is 0), reported at the repeat */
    expect_failure(UT_DOC("<dataPoint>0 0 1</dataPoint>\n<dataPoint>1 0 2</dataPoint>\n"
                          "<dataPoint>-0, 0e0, 3</dataPoint>\n<dataPoint>1 0 4</dataPoint>\n", ""),
                   SAQR_EPARSE, "mem.dml:10:", "line 8");
    /* duplicate in a 1-input table */
    expect_failure(DOC_OPEN INPUT("x") "<variableDef varID=\"f\" units=\"nd\"/>\n"
                   "<ungriddedTableDef utID=\"U\"><dataPoint>1 2</dataPoint>\n"
                   "<dataPoint>1 3</dataPoint></ungriddedTableDef>\n</DAVEfunc>",
                   SAQR_EPARSE, "mem.dml:7:", "repeats the coordinates of the dataPoint at line 6");
    /* not a number */
    expect_failure(UT_DOC("<dataPoint>0 0 1</dataPoint>\n<dataPoint>1 abc 2</dataPoint>\n", ""),
                   SAQR_EPARSE, "mem.dml:9:", "'abc'");
    expect_failure(UT_DOC("<dataPoint>0 0 nan</dataPoint>\n", ""), SAQR_EPARSE, "mem.dml:8:",
                   "'nan'");
    /* no points */
    expect_failure(UT_DOC("<description>none</description>\n", ""), SAQR_EPARSE, "mem.dml:7:",
                   "no <dataPoint>");
    /* a gridded-style dataTable */
    expect_failure(UT_DOC("<dataTable>0 0 1</dataTable>\n", ""), SAQR_EPARSE, "mem.dml:8:",
                   "<dataPoint>");
    /* an unknown utID */
    expect_failure(DOC_OPEN INPUT("x") "<variableDef varID=\"f\" units=\"nd\"/>\n"
                   "<function name=\"F\"><independentVarRef varID=\"x\"/>"
                   "<dependentVarRef varID=\"f\"/><functionDefn>\n"
                   "<ungriddedTableRef utID=\"nope\"/></functionDefn></function>\n</DAVEfunc>",
                   SAQR_EPARSE, "mem.dml:7:", "nope");
    /* a utID defined twice */
    expect_failure(DOC_OPEN "<ungriddedTableDef utID=\"U\"><dataPoint>1 2</dataPoint>"
                   "</ungriddedTableDef>\n<ungriddedTableDef utID=\"U\"><dataPoint>1 2</dataPoint>"
                   "</ungriddedTableDef>\n</DAVEfunc>",
                   SAQR_EPARSE, "mem.dml:5:", "twice");
    /* function inputs that do not match the points' coordinates */
    expect_failure(DOC_OPEN INPUT("x") "<variableDef varID=\"f\" units=\"nd\"/>\n"
                   "<ungriddedTableDef utID=\"U\"><dataPoint>1 2 3</dataPoint></ungriddedTableDef>\n"
                   "<function name=\"F\"><independentVarRef varID=\"x\"/>"
                   "<dependentVarRef varID=\"f\"/><functionDefn><ungriddedTableRef utID=\"U\"/>"
                   "</functionDefn></function>\n</DAVEfunc>",
                   SAQR_EPARSE, "mem.dml:7:", "1 inputs but the points of its ungridded table");
    /* interpolate attributes without a meaning for scattered 2-D data */
    expect_failure(UT_DOC("<dataPoint>0 0 1</dataPoint>\n", "interpolate=\"floor\""), SAQR_EPARSE,
                   "mem.dml:10:", "floor");
    expect_failure(UT_DOC("<dataPoint>0 0 1</dataPoint>\n", "interpolate=\"discrete\""),
                   SAQR_EPARSE, "mem.dml:10:", "all discrete");
    /* coordinates spanning more than a double can hold */
    expect_failure(UT_DOC("<dataPoint>-1e308 0 1</dataPoint>\n<dataPoint>1e308 0 2</dataPoint>\n",
                          ""),
                   SAQR_EPARSE, "mem.dml:7:", "span");
}

/* --------------------------------------------------------- checkData */

#define CHECK_MODEL(expected)                                                                  \
    DOC_OPEN INPUT("x")                                                                        \
    "<variableDef name=\"double x\" varID=\"y\" units=\"nd\"><calculation>" MATH_OPEN           \
    A("times", CN("2") X) "</math></calculation><isOutput/></variableDef>\n"                   \
    "<checkData><staticShot name=\"first\"><checkInputs><signal><signalName>x</signalName>"    \
    "<signalValue>3</signalValue></signal></checkInputs><checkOutputs><signal>"                \
    "<signalName>double x</signalName><signalValue>6</signalValue><tol>1e-9</tol></signal>"    \
    "</checkOutputs></staticShot>\n"                                                           \
    "<staticShot name=\"second\"><checkInputs><signal><varID>x</varID>"                        \
    "<signalValue>-1</signalValue></signal></checkInputs><checkOutputs><signal>"               \
    "<varID>y</varID><signalValue>" expected "</signalValue></signal></checkOutputs>"         \
    "</staticShot></checkData>\n</DAVEfunc>"

static void checkdata_should_pass_good_shots_and_name_a_bad_one(void **state)
{
    (void)state;
    daveml_model *m = load_text(CHECK_MODEL("-2"));
    int shots = -1, failed = -1;
    saqr_err err = {{0}};
    assert_int_equal(daveml_run_checkdata(m, &shots, &failed, &err), SAQR_OK);
    assert_int_equal(shots, 2);
    assert_int_equal(failed, 0);
    daveml_free(m);

    m = load_text(CHECK_MODEL("-2.1"));
    assert_int_equal(daveml_run_checkdata(m, &shots, &failed, &err), SAQR_EPARSE);
    assert_int_equal(shots, 2);
    assert_int_equal(failed, 1);
    assert_non_null(strstr(err.msg, "mem.dml:"));
    assert_non_null(strstr(err.msg, "second"));
    assert_non_null(strstr(err.msg, "double x"));
    daveml_free(m);
}

/* Line (1-based) of the n-th (0-based) occurrence of `needle` in `text`,
 * counted here from the text itself, not by the loader. */
static long line_of(const char *text, const char *needle, int n)
{
    const char *p = text;
    for (int i = 0; p && i <= n; i++) {
        p = strstr(p, needle);
        if (p && i < n)
            p++;
    }
    if (!p)
        fail_msg("'%s' #%d not in the text", needle, n);
    long line = 1;
    for (const char *q = text; q < p; q++)
        line += *q == '\n';
    return line;
}

/* Collects what daveml_check_each reports. */
typedef struct seen {
    int n;
    daveml_check_result r[16];
} seen;

static void collect(void *ctx, const daveml_check_result *r)
{
    seen *s = ctx;
    assert_true(s->n < 16);
    s->r[s->n++] = *r;
}

/* y = 2x and w = x + 1, with NaN out of nan = notanumber; three shots.
 * "a" (x = 3): y = 6 right, w = 5 wrong (4), internal y = 6 right.
 * "b" (x = -1): y = -2.1 wrong (-2, default tolerance 2.1e-6), w = 0 right.
 * "c" (x = 0.5): y = 1.0005 off by 5e-4 with tol 1e-4 (right from a
 * tolerance scale of 5 up), w = 1.5 right, nan = 0 wrong at any tolerance. */
static const char EACH_MODEL[] =
    DOC_OPEN INPUT("x")
    "<variableDef name=\"double x\" varID=\"y\" units=\"m\"><calculation>" MATH_OPEN
    A("times", CN("2") X) "</math></calculation><isOutput/></variableDef>\n"
    "<variableDef name=\"w\" varID=\"w\" units=\"nd\"><calculation>" MATH_OPEN
    A("plus", X CN("1")) "</math></calculation><isOutput/></variableDef>\n"
    "<variableDef name=\"nan\" varID=\"nan\" units=\"nd\"><calculation>" MATH_OPEN
    "<notanumber/></math></calculation><isOutput/></variableDef>\n"
    "<checkData>\n"
    "<staticShot name=\"a\"><checkInputs><signal><varID>x</varID><signalValue>3</signalValue>"
    "</signal></checkInputs>\n<checkOutputs>\n"
    "<signal><varID>y</varID><signalValue>6</signalValue><tol>1e-9</tol></signal>\n"
    "<signal><varID>w</varID><signalValue>5</signalValue></signal>\n"
    "</checkOutputs><internalValues>\n"
    "<signal><varID>y</varID><signalValue>6</signalValue></signal>\n"
    "</internalValues></staticShot>\n"
    "<staticShot name=\"b\"><checkInputs><signal><varID>x</varID><signalValue>-1</signalValue>"
    "</signal></checkInputs>\n<checkOutputs>\n"
    "<signal><varID>y</varID><signalValue>-2.1</signalValue></signal>\n"
    "<signal><varID>w</varID><signalValue>0</signalValue></signal>\n"
    "</checkOutputs></staticShot>\n"
    "<staticShot name=\"c\"><checkInputs><signal><varID>x</varID><signalValue>0.5</signalValue>"
    "</signal></checkInputs>\n<checkOutputs>\n"
    "<signal><varID>y</varID><signalValue>1.0005</signalValue><tol>1e-4</tol></signal>\n"
    "<signal><varID>w</varID><signalValue>1.5</signalValue></signal>\n"
    "<signal><varID>nan</varID><signalValue>0</signalValue><tol>1e300</tol></signal>\n"
    "</checkOutputs></staticShot>\n"
    "</checkData>\n</DAVEfunc>";

static void check_each_should_report_every_output_of_every_shot(void **state)
{
    (void)state;
    daveml_model *m = load_text(EACH_MODEL);
    seen s = {0};
    daveml_check_counts n;
    saqr_err err = {{0}};
    assert_int_equal(daveml_check_each(m, 1.0, collect, &s, &n, &err), SAQR_EPARSE);
    assert_int_equal(n.shots, 3);
    assert_int_equal(n.shots_failed, 3);
    assert_int_equal(n.outputs, 7);
    assert_int_equal(n.outputs_failed, 4);
    assert_int_equal(s.n, 8); /* 7 outputs and 1 internal value */
    /* shot, name, computed, expected, tol, ok, internal, n-th "<signal><varID>" line */
    struct {
        int shot;
        const char *name;
        double computed, expected, tol;
        int ok, internal;
    } want[8] = {
        {0, "double x", 6.0, 6.0, 1e-9, 1, 0},      {0, "w", 4.0, 5.0, 5e-6, 0, 0},
        {0, "double x", 6.0, 6.0, 6e-6, 1, 1},      {1, "double x", -2.0, -2.1, 2.1e-6, 0, 0},
        {1, "w", 0.0, 0.0, 1e-6, 1, 0},             {2, "double x", 1.0, 1.0005, 1e-4, 0, 0},
        {2, "w", 1.5, 1.5, 1.5e-6, 1, 0},           {2, "nan", NAN, 0.0, 1e300, 0, 0},
    };
    const char *shot_names[3] = {"a", "b", "c"};
    for (int i = 0; i < 8; i++) {
        const daveml_check_result *r = &s.r[i];
        assert_int_equal(r->shot, want[i].shot);
        assert_string_equal(r->shot_name, shot_names[want[i].shot]);
        assert_string_equal(r->name, want[i].name);
        assert_int_equal(r->ok, want[i].ok);
        assert_int_equal(r->internal, want[i].internal);
        assert_near(r->expected, want[i].expected, 0.0);
        assert_near(r->tol, want[i].tol, 1e-20);
        if (isnan(want[i].computed))
            assert_true(isnan(r->computed));
        else
            assert_near(r->computed, want[i].computed, 1e-15);
        /* The checkInputs signals of a shot share its line; the compared
         * signals are the 2nd.. "<signal><varID>" occurrences, skipping
         * the input of each following shot. */
        int occurrence = i + 1 + (i >= 3) + (i >= 5);
        assert_int_equal(r->line, line_of(EACH_MODEL, "<signal><varID>", occurrence));
        assert_int_equal(r->shot_line, line_of(EACH_MODEL, "<staticShot", want[i].shot));
    }
    assert_string_equal(s.r[0].units, "m");
    /* The message names the first failure: shot a, output w, its line. */
    char where[64];
    snprintf(where, sizeof where, "mem.dml:%ld:", line_of(EACH_MODEL, "<signal><varID>", 2));
    assert_non_null(strstr(err.msg, where));
    assert_non_null(strstr(err.msg, "shot 'a'"));
    assert_non_null(strstr(err.msg, "w = 4"));

    /* A scale of 10 lets y of shot c pass (5e-4 <= 1e-3), nothing else. */
    s.n = 0;
    assert_int_equal(daveml_check_each(m, 10.0, collect, &s, &n, &err), SAQR_EPARSE);
    assert_int_equal(n.outputs_failed, 3);
    assert_int_equal(n.shots_failed, 3);
    assert_true(s.r[5].ok);
    assert_near(s.r[5].tol, 1e-3, 1e-18);
    /* A scale of 0 asks for exact agreement: the exact values (y of shot
     * a, w of shots b and c) still pass, the same four fail. */
    assert_int_equal(daveml_check_each(m, 0.0, NULL, NULL, &n, &err), SAQR_EPARSE);
    assert_int_equal(n.outputs_failed, 4);

    /* The old entry point still counts failed shots. */
    int shots = -1, failed = -1;
    assert_int_equal(daveml_run_checkdata(m, &shots, &failed, &err), SAQR_EPARSE);
    assert_int_equal(shots, 3);
    assert_int_equal(failed, 3);
    assert_non_null(strstr(err.msg, where));
    daveml_free(m);
}

static void check_each_should_refuse_bad_arguments_and_run_nothing(void **state)
{
    (void)state;
    daveml_model *m = load_text(EACH_MODEL);
    seen s = {0};
    daveml_check_counts n = {9, 9, 9, 9};
    saqr_err err = {{0}};
    assert_int_equal(daveml_check_each(m, -1.0, collect, &s, &n, &err), SAQR_EINVAL);
    assert_non_null(strstr(err.msg, "tolerance scale"));
    assert_int_equal(daveml_check_each(m, NAN, collect, &s, &n, &err), SAQR_EINVAL);
    assert_int_equal(daveml_check_each(m, INFINITY, collect, &s, &n, &err), SAQR_EINVAL);
    assert_int_equal(daveml_check_each(NULL, 1.0, collect, &s, &n, &err), SAQR_EINVAL);
    assert_int_equal(s.n, 0);
    assert_int_equal(n.shots + n.outputs + n.shots_failed + n.outputs_failed, 0);
    daveml_free(m);

    /* No checkData: nothing to compare, and that is not a failure. */
    m = load_text(DOC_OPEN INPUT("x") "</DAVEfunc>");
    assert_int_equal(daveml_check_each(m, 1.0, collect, &s, &n, &err), SAQR_OK);
    assert_int_equal(n.shots + n.outputs, 0);
    assert_int_equal(s.n, 0);
    daveml_free(m);
}

/* ------------------------------------------------------- malformed */

static void load_should_reject_text_that_is_not_xml(void **state)
{
    (void)state;
    expect_failure("this is not XML", SAQR_EPARSE, "mem.dml:1:", "XML");
    expect_failure("<DAVEfunc>\n<variableDef varID=\"a\"\n</DAVEfunc>", SAQR_EPARSE, "mem.dml:3:",
                   NULL);
    expect_failure("", SAQR_EPARSE, "mem.dml", NULL);
    expect_failure("<?xml version=\"1.0\"?>\n<html/>", SAQR_EPARSE, "mem.dml:2:", "DAVEfunc");
}

static void load_should_take_utf8_and_refuse_other_encodings(void **state)
{
    (void)state;
    /* name="été" in UTF-8, with a byte-order mark. */
    daveml_model *m = load_text("\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DAVEfunc>"
                                "<variableDef varID=\"e\" name=\"\xc3\xa9t\xc3\xa9\" units=\"nd\" "
                                "initialValue=\"2\"/></DAVEfunc>");
    assert_near(get(m, "\xc3\xa9t\xc3\xa9"), 2.0, 0.0);
    daveml_free(m);
    /* The same in ISO-8859-1 is refused, whatever the declaration says. */
    expect_failure("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<DAVEfunc>\n"
                   "<variableDef varID=\"e\" name=\"\xe9t\xe9\" units=\"nd\"/></DAVEfunc>",
                   SAQR_EPARSE, "mem.dml:3:", "UTF-8");
}

static void load_should_reject_variable_without_varid(void **state)
{
    (void)state;
    expect_failure(DOC_OPEN "\n<variableDef name=\"a\" units=\"nd\"/>\n</DAVEfunc>", SAQR_EPARSE,
                   "mem.dml:5:", "varID");
}

static void load_should_reject_unknown_ci(void **state)
{
    (void)state;
    expect_failure(DOC_OPEN INPUT("a") "<variableDef name=\"b\" varID=\"b\" units=\"nd\">\n"
                   "<calculation>" MATH_OPEN "\n" A("plus", "<ci>a</ci>\n<ci>nope</ci>")
                   "</math></calculation></variableDef>\n</DAVEfunc>",
                   SAQR_EPARSE, "mem.dml:8:", "nope");
}

static void load_should_reject_a_dependency_cycle(void **state)
{
    (void)state;
    expect_failure(DOC_OPEN INPUT("x")
                   CALC("a", A("plus", "<ci>b</ci>" X))
                   CALC("b", A("times", "<ci>c</ci>" X))
                   CALC("c", A("minus", "<ci>a</ci>"))
                   "</DAVEfunc>",
                   SAQR_EPARSE, "mem.dml:5:", "cycle");
    expect_failure(DOC_OPEN CALC("a", A("plus", "<ci>a</ci>" CN("1"))) "</DAVEfunc>", SAQR_EPARSE,
                   "mem.dml:4:", "a -> a");
}

static void load_should_reject_table_with_wrong_point_count(void **state)
{
    (void)state;
    expect_failure(DOC_OPEN INPUT("x") "<variableDef name=\"f\" varID=\"f\" units=\"nd\"/>\n"
                   "<breakpointDef bpID=\"B\"><bpVals>0 1 2</bpVals></breakpointDef>\n"
                   "<griddedTableDef gtID=\"T\"><breakpointRefs><bpRef bpID=\"B\"/></breakpointRefs>\n"
                   "<dataTable>1 2</dataTable></griddedTableDef>\n</DAVEfunc>",
                   SAQR_EPARSE, "mem.dml:8:", "2 values");
    expect_failure(DOC_OPEN INPUT("x") "<variableDef name=\"f\" varID=\"f\" units=\"nd\"/>\n"
                   "<function name=\"F\"><independentVarPts varID=\"x\">0 1</independentVarPts>\n"
                   "<dependentVarPts varID=\"f\">1 2 3</dependentVarPts></function>\n</DAVEfunc>",
                   SAQR_EPARSE, "mem.dml:7:", "3 values");
}

static void load_should_reject_a_table_too_large_to_hold(void **state)
{
    (void)state;
    /* Five uses of a 30-point set: 30^5 = 24.3 million values, over the
     * 2^24 limit; refused before the data are read. */
    char bp[512] = "";
    for (int i = 0; i < 30; i++)
        snprintf(bp + strlen(bp), sizeof bp - strlen(bp), "%d ", i);
    char xml[2048];
    snprintf(xml, sizeof xml,
             DOC_OPEN "<breakpointDef bpID=\"B\"><bpVals>%s</bpVals></breakpointDef>\n"
             "<griddedTableDef gtID=\"T\"><breakpointRefs><bpRef bpID=\"B\"/><bpRef bpID=\"B\"/>"
             "<bpRef bpID=\"B\"/><bpRef bpID=\"B\"/><bpRef bpID=\"B\"/></breakpointRefs>"
             "<dataTable>1</dataTable></griddedTableDef>\n</DAVEfunc>",
             bp);
    expect_failure(xml, SAQR_EPARSE, "mem.dml:5:", "points");
}

static void load_should_reject_non_numeric_cn(void **state)
{
    (void)state;
    expect_failure(DOC_OPEN "\n" CALC("a", A("plus", CN("1.5x") CN("1"))) "</DAVEfunc>",
                   SAQR_EPARSE, "mem.dml:5:", "1.5x");
    expect_failure(DOC_OPEN "\n\n" CALC("a", CN("1e999")) "</DAVEfunc>", SAQR_EPARSE, "mem.dml:6:",
                   "finite");
    expect_failure(DOC_OPEN CALC("a", CN("nan")) "</DAVEfunc>", SAQR_EPARSE, "mem.dml:4:", NULL);
    expect_failure(DOC_OPEN CALC("a", CN("")) "</DAVEfunc>", SAQR_EPARSE, "mem.dml:4:", NULL);
    expect_failure(DOC_OPEN "<variableDef varID=\"a\" units=\"nd\" initialValue=\"inf\"/>"
                   "</DAVEfunc>", SAQR_EPARSE, "mem.dml:4:", "initialValue");
}

static void load_should_report_a_missing_file(void **state)
{
    (void)state;
    daveml_model *m = (daveml_model *)1;
    saqr_err err = {{0}};
    assert_int_equal(daveml_load_file("/nonexistent/dir/model.dml", NULL, &m, &err), SAQR_EIO);
    assert_null(m);
    assert_non_null(strstr(err.msg, "/nonexistent/dir/model.dml"));
}

static void load_should_reject_unsupported_constructs_with_their_line(void **state)
{
    (void)state;
    expect_failure(DOC_OPEN "\n" CALC("a", A("approx", CN("3") CN("3"))) "</DAVEfunc>", SAQR_EPARSE,
                   "mem.dml:5:", "approx");
    expect_failure(DOC_OPEN CALC("a", A("mean", CN("3") CN("4"))) "</DAVEfunc>", SAQR_EPARSE,
                   "mem.dml:4:", "mean");
    expect_failure(DOC_OPEN CALC("a", "<imaginaryi/>") "</DAVEfunc>", SAQR_EPARSE, "mem.dml:4:",
                   "imaginaryi");
    expect_failure(DOC_OPEN INPUT("x") "<variableDef name=\"f\" varID=\"f\" units=\"nd\"/>\n"
                   "<function name=\"F\"><independentVarPts varID=\"x\" interpolate=\"cubicSpline\">"
                   "0 1</independentVarPts><dependentVarPts varID=\"f\">1 2</dependentVarPts>"
                   "</function>\n</DAVEfunc>",
                   SAQR_EPARSE, "mem.dml:6:", "cubicSpline");
    expect_failure(DOC_OPEN CALC("a", A("divide", CN("1"))) "</DAVEfunc>", SAQR_EPARSE,
                   "mem.dml:4:", "divide");
    expect_failure(DOC_OPEN CALC("a", "<apply><csymbol definitionURL=\"http://x#hypot\">hypot"
                                      "</csymbol>" CN("1") CN("2") "</apply>") "</DAVEfunc>",
                   SAQR_EPARSE, "mem.dml:4:", "hypot");
}

static void load_should_reject_deep_nesting(void **state)
{
    (void)state;
    char expr[8192] = "";
    for (int i = 0; i < 100; i++)
        strcat(expr, "<apply><minus/>");
    strcat(expr, "<cn>1</cn>");
    for (int i = 0; i < 100; i++)
        strcat(expr, "</apply>");
    char xml[16384];
    snprintf(xml, sizeof xml, DOC_OPEN CALC("a", "%s") "</DAVEfunc>", expr);
    expect_failure(xml, SAQR_EPARSE, "mem.dml:4:", "nested");
    /* 30 levels are fine: -(-(...1)) with an even count is 1. */
    expr[0] = '\0';
    for (int i = 0; i < 30; i++)
        strcat(expr, "<apply><minus/>");
    strcat(expr, "<cn>1</cn>");
    for (int i = 0; i < 30; i++)
        strcat(expr, "</apply>");
    assert_near(eval2(expr, 0, 0), 1.0, 0.0);
}

static void load_should_reject_inconsistent_definitions(void **state)
{
    (void)state;
    /* duplicate varID */
    expect_failure(DOC_OPEN INPUT("a") INPUT("a") "</DAVEfunc>", SAQR_EPARSE, "mem.dml:5:", "a");
    /* breakpoints not increasing */
    expect_failure(DOC_OPEN "\n<breakpointDef bpID=\"B\"><bpVals>0 2 1</bpVals></breakpointDef>\n"
                   "</DAVEfunc>", SAQR_EPARSE, "mem.dml:5:", "increase");
    /* unknown bpRef */
    expect_failure(DOC_OPEN "<griddedTableDef gtID=\"T\"><breakpointRefs>\n<bpRef bpID=\"Q\"/>"
                   "</breakpointRefs><dataTable>1</dataTable></griddedTableDef>\n</DAVEfunc>",
                   SAQR_EPARSE, "mem.dml:5:", "Q");
    /* function writing an input */
    expect_failure(DOC_OPEN INPUT("x") INPUT("f")
                   "<function name=\"F\"><independentVarPts varID=\"x\">0 1</independentVarPts>"
                   "<dependentVarPts varID=\"f\">1 2</dependentVarPts></function>\n</DAVEfunc>",
                   SAQR_EPARSE, "mem.dml:6:", "input");
    /* an input with a calculation */
    expect_failure(DOC_OPEN "<variableDef varID=\"a\" units=\"nd\"><isInput/>\n<calculation>"
                   MATH_OPEN CN("1") "</math></calculation></variableDef>\n</DAVEfunc>",
                   SAQR_EPARSE, "mem.dml:5:", "input");
    /* table dimension mismatch */
    expect_failure(DOC_OPEN INPUT("x") INPUT("y") "<variableDef varID=\"f\" units=\"nd\"/>\n"
                   "<breakpointDef bpID=\"B\"><bpVals>0 1</bpVals></breakpointDef>\n"
                   "<griddedTableDef gtID=\"T\"><breakpointRefs><bpRef bpID=\"B\"/></breakpointRefs>"
                   "<dataTable>1 2</dataTable></griddedTableDef>\n"
                   "<function name=\"F\"><independentVarRef varID=\"x\"/>"
                   "<independentVarRef varID=\"y\"/><dependentVarRef varID=\"f\"/>"
                   "<functionDefn><griddedTableRef gtID=\"T\"/></functionDefn></function>\n"
                   "</DAVEfunc>",
                   SAQR_EPARSE, "mem.dml:9:", "dimension");
    /* entity references */
    expect_failure("<?xml version=\"1.0\"?>\n<!DOCTYPE DAVEfunc [<!ENTITY v \"1\">]>\n<DAVEfunc>\n"
                   "<variableDef varID=\"a\" units=\"nd\" initialValue=\"&v;\"/>\n</DAVEfunc>",
                   SAQR_EPARSE, "mem.dml:4:", "entity");
    /* a checkData signal naming nothing */
    expect_failure(DOC_OPEN INPUT("x") "<checkData><staticShot name=\"s\"><checkInputs>\n"
                   "<signal><signalName>zz</signalName><signalValue>1</signalValue></signal>"
                   "</checkInputs><checkOutputs/></staticShot></checkData>\n</DAVEfunc>",
                   SAQR_EPARSE, "mem.dml:6:", "zz");
}

/* ------------------------------------------------------- allocation */

/* An allocator that counts and can fail the n-th request. */
typedef struct counting {
    long allocs, frees;
    long fail_at; /* request number that fails, -1 never */
} counting;

static void *count_alloc(size_t n, void *ctx)
{
    counting *c = ctx;
    if (c->fail_at >= 0 && c->allocs == c->fail_at)
        return NULL;
    c->allocs++;
    return malloc(n);
}

static void count_free(void *p, void *ctx)
{
    counting *c = ctx;
    c->frees++;
    free(p);
}

static void model_memory_should_come_from_the_allocator_and_eval_should_take_none(void **state)
{
    (void)state;
    counting c = {0, 0, -1};
    saqr_allocator a = {count_alloc, count_free, &c};
    char path[1024];
    daveml_model *m = NULL;
    saqr_err err = {{0}};
    test_shared_path(path, sizeof path, F16 "F16_aero.dml");
    assert_int_equal(daveml_load_file(path, &a, &m, &err), SAQR_OK);
    long before = c.allocs;
    set(m, "alpha", 12.0);
    daveml_eval(m);
    daveml_eval(m);
    assert_int_equal(c.allocs, before);
    daveml_free(m);
    assert_int_equal(c.allocs, c.frees);
}

static void ungridded_eval_should_take_no_memory(void **state)
{
    (void)state;
    counting c = {0, 0, -1};
    saqr_allocator a = {count_alloc, count_free, &c};
    const char *xml = UNGRIDDED_2D("extrapolate=\"both\"", "");
    daveml_model *m = NULL;
    saqr_err err = {{0}};
    assert_int_equal(daveml_load_memory(xml, strlen(xml), "mem.dml", &a, &m, &err), SAQR_OK);
    long before = c.allocs;
    assert_near(at2(m, 1.0, 2.0), 22.0, 1e-13);
    (void)at2(m, 7.0, -3.0);
    assert_int_equal(c.allocs, before);
    daveml_free(m);
    assert_int_equal(c.allocs, c.frees);
}

static void load_should_fail_cleanly_when_memory_runs_out(void **state)
{
    (void)state;
    char path[1024];
    test_shared_path(path, sizeof path, F16 "F16_prop.dml");
    int failures = 0;
    for (long k = 0; k < 400; k++) {
        counting c = {0, 0, k};
        saqr_allocator a = {count_alloc, count_free, &c};
        daveml_model *m = NULL;
        saqr_err err = {{0}};
        saqr_status st = daveml_load_file(path, &a, &m, &err);
        if (st == SAQR_OK) {
            daveml_free(m);
            assert_int_equal(c.allocs, c.frees);
            break;
        }
        assert_int_equal(st, SAQR_ENOMEM);
        assert_null(m);
        assert_int_equal(c.allocs, c.frees);
        failures++;
    }
    assert_true(failures > 3);
}

static void eval_should_be_deterministic(void **state)
{
    (void)state;
    daveml_model *m1 = load_shared(F16 "F16_aero.dml");
    daveml_model *m2 = load_shared(F16 "F16_aero.dml");
    const char *in[] = {"vt", "alpha", "beta", "p", "q", "r", "el", "ail", "rdr"};
    const double v[] = {500.0, 7.3, -3.1, 0.1, -0.05, 0.2, -4.0, 6.0, -11.0};
    for (size_t i = 0; i < 9; i++) {
        set(m1, in[i], v[i]);
        set(m2, in[i], v[i]);
    }
    daveml_eval(m1);
    daveml_eval(m2);
    daveml_eval(m2);
    for (int s = 0; s < (int)daveml_count(m1); s++) {
        double a = daveml_get(m1, s), b = daveml_get(m2, s);
        assert_memory_equal(&a, &b, sizeof a);
    }
    daveml_free(m1);
    daveml_free(m2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(brick_aero_should_compute_roll_damping_by_hand),
        cmocka_unit_test(brick_aero_should_clamp_airspeed_to_its_min_value),
        cmocka_unit_test(brick_aero_should_describe_its_variables),
        cmocka_unit_test(cannonball_aero_should_give_constant_drag_and_area),
        cmocka_unit_test(inertia_files_should_give_their_initial_values),
        cmocka_unit_test(f16_inertia_should_move_the_cg_with_its_input),
        cmocka_unit_test(f16_control_and_gnc_should_load),
        cmocka_unit_test(load_should_reject_the_non_numeric_initial_value_of_orbital_sphere),
        cmocka_unit_test(mathml_arithmetic_should_follow_its_definitions),
        cmocka_unit_test(mathml_trigonometry_should_follow_its_definitions),
        cmocka_unit_test(mathml_inverse_and_hyperbolic_functions_should_follow_their_definitions),
        cmocka_unit_test(mathml_factorial_gcd_lcm_and_implies_should_follow_their_definitions),
        cmocka_unit_test(mathml_constants_and_numbers_should_parse),
        cmocka_unit_test(mathml_relations_and_logic_should_give_one_or_zero),
        cmocka_unit_test(mathml_piecewise_should_pick_the_first_true_piece),
        cmocka_unit_test(eval_should_follow_dependencies_not_file_order),
        cmocka_unit_test(limits_should_clamp_inputs_and_calculations),
        cmocka_unit_test(table_1d_should_interpolate_and_hold_its_ends),
        cmocka_unit_test(table_1d_should_extrapolate_when_asked),
        cmocka_unit_test(table_input_should_be_clamped_to_its_min_and_max),
        cmocka_unit_test(table_discrete_floor_and_ceiling_should_step),
        cmocka_unit_test(table_2d_should_interpolate_bilinearly),
        cmocka_unit_test(table_4d_inline_should_be_exact_for_a_multilinear_function),
        cmocka_unit_test(simple_function_with_points_should_interpolate),
        cmocka_unit_test(ungridded_1d_should_interpolate_linearly_between_sorted_points),
        cmocka_unit_test(ungridded_1d_should_honour_the_input_attributes),
        cmocka_unit_test(ungridded_2d_should_weight_points_by_inverse_squared_normalised_distance),
        cmocka_unit_test(ungridded_2d_should_hold_at_the_edge_of_its_points_unless_extrapolating),
        cmocka_unit_test(ungridded_2d_discrete_should_take_the_nearest_point),
        cmocka_unit_test(ungridded_table_should_leave_out_an_input_that_never_varies),
        cmocka_unit_test(ungridded_table_should_load_inline_shared_and_in_its_1x_forms),
        cmocka_unit_test(load_should_reject_bad_ungridded_tables_with_their_line),
        cmocka_unit_test(checkdata_should_pass_good_shots_and_name_a_bad_one),
        cmocka_unit_test(check_each_should_report_every_output_of_every_shot),
        cmocka_unit_test(check_each_should_refuse_bad_arguments_and_run_nothing),
        cmocka_unit_test(load_should_reject_text_that_is_not_xml),
        cmocka_unit_test(load_should_take_utf8_and_refuse_other_encodings),
        cmocka_unit_test(load_should_reject_variable_without_varid),
        cmocka_unit_test(load_should_reject_unknown_ci),
        cmocka_unit_test(load_should_reject_a_dependency_cycle),
        cmocka_unit_test(load_should_reject_table_with_wrong_point_count),
        cmocka_unit_test(load_should_reject_a_table_too_large_to_hold),
        cmocka_unit_test(load_should_reject_non_numeric_cn),
        cmocka_unit_test(load_should_report_a_missing_file),
        cmocka_unit_test(load_should_reject_unsupported_constructs_with_their_line),
        cmocka_unit_test(load_should_reject_deep_nesting),
        cmocka_unit_test(load_should_reject_inconsistent_definitions),
        cmocka_unit_test(model_memory_should_come_from_the_allocator_and_eval_should_take_none),
        cmocka_unit_test(ungridded_eval_should_take_no_memory),
        cmocka_unit_test(load_should_fail_cleanly_when_memory_runs_out),
        cmocka_unit_test(eval_should_be_deterministic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
