/*
 * test_buoyancy.c - gas cells (src/fdm/buoyancy.c) against hand-worked
 * physics: a full helium cell lifts the weight of the air it displaces,
 * V rho_air g, and with its gas counted by the mass balance the net lift
 * is (rho_air - rho_gas) g V, the gas density coming from the ideal gas
 * law with JSBSim's constants (R = 3.4071 lbf ft/(mol R), helium 0.00027409
 * slug/mol); the lift is vertical in the local frame (a pitched hull
 * feels part of it along its x axis) and acts at the cell's centre
 * (a moment about an offset CG); an open valve lets gas out, and a script
 * emptying the cell (contents-mol = 0) ends the lift and leaves every value
 * of the cell a number for 10 s more (JSBSim's TestLighterThanAir, its
 * weather balloon burst); a cell without a location is refused with
 * file:line.
 */
#include "jsb_fixture.h"

#include <math.h>

#include "earth/earth.h"
#include "fdm/buoyancy.h"
#include "math/units.h"

#define R_GAS 3.4071            /* lbf ft / (mol R)    */
#define M_HELIUM 0.00027409     /* slug / mol          */
#define T_SL_R 518.67
#define P_SL_PSF 2116.228

/* A 10 ft helium sphere, full, at the structural point x = 120 in. */
#define CELL(extra)                                                                    \
    "<buoyant_forces>"                                                                \
    " <gas_cell type=\"HELIUM\">"                                                     \
    "  <location unit=\"IN\"><x>120</x><y>0</y><z>0</z></location>"                   \
    "  <x_radius unit=\"FT\">10</x_radius><y_radius unit=\"FT\">10</y_radius>"         \
    "  <z_radius unit=\"FT\">10</z_radius>"                                            \
    "  <max_overpressure unit=\"LBS/FT2\">50</max_overpressure>"                       \
    "  <valve_coefficient unit=\"FT4*SEC/SLUG\">2000</valve_coefficient>"              \
    "  <fullness>1.0</fullness>" extra                                                 \
    " </gas_cell>"                                                                    \
    "</buoyant_forces>"
static const char *const CELL_XML = CELL("");

typedef struct world {
    jsb_fixture f;
    earth_model earth;
    fdm_env env;
    buoyancy *b;
    int t_r, p_psf, rho;
} world;

/* Sea-level standard air, flat Earth with standard gravity, level body
 * axes, CG at x = 120 in unless a test moves it. */
static void open_world(world *w, const char *xml)
{
    jsb_open(&w->f);
    saqr_earth_config ec = saqr_earth_default(SAQR_EARTH_FLAT);
    ec.flat_gravity_mps2 = G0_MPS2;
    assert_int_equal(earth_init(&w->earth, &ec, NULL), SAQR_OK);
    if (buoyancy_load(&w->f.c, jsb_parse(&w->f, xml), &w->b) != SAQR_OK)
        fail_msg("%s", w->f.err.msg);
    memset(&w->env, 0, sizeof w->env);
    w->env.earth = &w->earth;
    w->env.r_ecef_m[2] = 0.0;
    for (int i = 0; i < 3; i++)
        w->env.c_body_ned[i][i] = 1.0;
    w->env.cg_struct_m[0] = 120.0 * M_PER_IN;
    w->t_r = jsb_slot(&w->f, "atmosphere/T-R");
    w->p_psf = jsb_slot(&w->f, "atmosphere/P-psf");
    w->rho = jsb_slot(&w->f, "atmosphere/rho-slugs_ft3");
    double *v = w->f.props.v;
    v[w->t_r] = T_SL_R;
    v[w->p_psf] = P_SL_PSF;
    v[w->rho] = 0.0023768907688;
}

static double value(world *w, const char *name)
{
    return w->f.props.v[jsb_slot(&w->f, name)];
}

static void run(world *w, double dt_s, fdm_forces *out)
{
    w->env.dt_s = dt_s;
    buoyancy_run(w->b, &w->env, w->f.props.v, NULL, out);
}

static void a_full_cell_lifts_the_weight_of_the_air_it_displaces(void **state)
{
    (void)state;
    world w;
    open_world(&w, CELL_XML);
    fdm_forces fr;
    run(&w, 0.0, &fr);
    const double volume_ft3 = 4.0 / 3.0 * UNITS_PI * 1000.0;
    const double g_fps2 = G0_MPS2 / M_PER_FT;
    const double lift_lbf = volume_ft3 * 0.0023768907688 * g_fps2;
    assert_near(value(&w, "buoyant_forces/gas-cell/max_volume-ft3"), volume_ft3, 1e-9);
    assert_near(value(&w, "buoyant_forces/gas-cell/volume-ft3"), volume_ft3, 1e-9);
    assert_near(value(&w, "buoyant_forces/gas-cell/buoyancy-lbs"), lift_lbf, 1e-9);
    assert_near(value(&w, "forces/fbz-buoyancy-lbs"), -lift_lbf, 1e-9);
    assert_near(value(&w, "forces/fbx-buoyancy-lbs"), 0.0, 1e-12);
    assert_near(fr.force_body_n[2], -lift_lbf * N_PER_LBF, 1e-6);
    /* the cell is at the CG: no moment */
    assert_near(fr.moment_body_nm[1], 0.0, 1e-9);
    jsb_close(&w.f);
}

static void the_net_lift_is_the_density_difference_times_g_times_volume(void **state)
{
    (void)state;
    world w;
    open_world(&w, CELL_XML);
    fdm_forces fr;
    run(&w, 0.0, &fr);
    fdm_point_mass pm[4];
    assert_int_equal(buoyancy_point_masses(w.b, pm, 4), 1);
    const double volume_ft3 = 4.0 / 3.0 * UNITS_PI * 1000.0;
    const double g_fps2 = G0_MPS2 / M_PER_FT;
    const double rho_gas = M_HELIUM * P_SL_PSF / (R_GAS * T_SL_R);   /* slug/ft3 */
    const double net_by_hand_lbf = (0.0023768907688 - rho_gas) * g_fps2 * volume_ft3;
    const double gas_weight_lbf = pm[0].mass_kg / KG_PER_SLUG * g_fps2;
    assert_near(value(&w, "buoyant_forces/gas-cell/buoyancy-lbs") - gas_weight_lbf, net_by_hand_lbf,
                        1e-8);
    /* helium's lift is roughly 86% of the gross lift */
    assert_true(net_by_hand_lbf / value(&w, "buoyant_forces/gas-cell/buoyancy-lbs") > 0.85);
    /* the gas sits at the cell's centre, with a sphere's inertia 2/5 m r^2 */
    assert_near(pm[0].pos_struct_m[0], 120.0 * M_PER_IN, 1e-12);
    const double j_slugft2 = 0.4 * (pm[0].mass_kg / KG_PER_SLUG) * 100.0;
    assert_near(pm[0].inertia_kgm2[1][1], j_slugft2 * KGM2_PER_SLUGFT2, 1e-9);
    jsb_close(&w.f);
}

static void before_its_first_run_the_gas_is_weighed_at_the_origin(void **state)
{
    (void)state;
    world w;
    open_world(&w, CELL_XML);
    fdm_point_mass pm[2];
    assert_int_equal(buoyancy_point_masses(w.b, pm, 2), 1);
    const double contents = P_SL_PSF * 4.0 / 3.0 * UNITS_PI * 1000.0 / (R_GAS * T_SL_R);
    assert_near(value(&w, "buoyant_forces/gas-cell/contents-mol"), contents, 1e-6);
    assert_near(pm[0].mass_kg, contents * M_HELIUM * KG_PER_SLUG, 1e-9);
    assert_near(pm[0].pos_struct_m[0], 0.0, 0.0);
    assert_near(pm[0].inertia_kgm2[0][0], 0.0, 0.0);
    jsb_close(&w.f);
}

static void the_lift_stays_vertical_when_the_hull_pitches_and_acts_at_the_cell(void **state)
{
    (void)state;
    world w;
    open_world(&w, CELL_XML);
    const double theta = 0.3;
    memset(w.env.c_body_ned, 0, sizeof w.env.c_body_ned);
    w.env.c_body_ned[0][0] = cos(theta);
    w.env.c_body_ned[0][2] = -sin(theta);
    w.env.c_body_ned[1][1] = 1.0;
    w.env.c_body_ned[2][0] = sin(theta);
    w.env.c_body_ned[2][2] = cos(theta);
    w.env.cg_struct_m[0] = 100.0 * M_PER_IN;   /* the cell is 20 in aft of the CG */
    fdm_forces fr;
    run(&w, 0.0, &fr);
    const double lift = value(&w, "buoyant_forces/gas-cell/buoyancy-lbs");
    assert_near(value(&w, "forces/fbx-buoyancy-lbs"), lift * sin(theta), 1e-9);
    assert_near(value(&w, "forces/fbz-buoyancy-lbs"), -lift * cos(theta), 1e-9);
    /* lift up at 20 in behind the CG pitches the nose down: M = -(20/12) Fz_up */
    assert_near(value(&w, "moments/m-buoyancy-lbsft"), -(20.0 / 12.0) * lift * cos(theta), 1e-8);
    jsb_close(&w.f);
}

/* CELL_XML's cell warmed by the air it sits in (a conduction of our own,
 * lbf ft / s per R of difference), as the weather balloon's. */
static const char *const WARMED_CELL_XML =
    CELL("  <heat><function name=\"buoyant_forces/gas-cell/warming\"><product><v>3.0</v>"
         "   <difference><p>atmosphere/T-R</p><p>buoyant_forces/gas-cell/temp-R</p></difference>"
         "  </product></function></heat>");

static void an_open_valve_lets_gas_out_and_an_emptied_cell_stops_lifting(void **state)
{
    (void)state;
    world w;
    open_world(&w, WARMED_CELL_XML);
    fdm_forces fr;
    run(&w, 0.0, &fr);
    const double before = value(&w, "buoyant_forces/gas-cell/contents-mol");
    w.f.props.v[jsb_slot(&w.f, "buoyant_forces/gas-cell/valve_open")] = 1.0;
    for (int i = 0; i < 10; i++)
        run(&w, 0.01, &fr);
    assert_true(value(&w, "buoyant_forces/gas-cell/contents-mol") < before);
    w.f.props.v[jsb_slot(&w.f, "buoyant_forces/gas-cell/contents-mol")] = 0.0;
    run(&w, 0.01, &fr);
    assert_near(value(&w, "buoyant_forces/gas-cell/buoyancy-lbs"), 0.0, 0.0);
    assert_near(fr.force_body_n[2], 0.0, 0.0);
    /* JSBSim's TestLighterThanAir: the burst balloon (its cell emptied so)
     * flies 10 s more, valve open, without a floating-point exception:
     * here, every value of the empty cell stays a number */
    static const char *const cell[] = {"volume-ft3", "temp-R", "pressure-psf", "contents-mol", "buoyancy-lbs"};
    for (int i = 0; i < 1200; i++) {
        run(&w, 1.0 / 120.0, &fr);
        for (size_t k = 0; k < sizeof cell / sizeof cell[0]; k++) {
            char name[64];
            snprintf(name, sizeof name, "buoyant_forces/gas-cell/%s", cell[k]);
            if (!isfinite(value(&w, name)))
                fail_msg("%s = %g after %d runs empty", name, value(&w, name), i + 1);
        }
        for (int k = 0; k < 3; k++)
            assert_true(isfinite(fr.force_body_n[k]) && isfinite(fr.moment_body_nm[k]));
    }
    assert_near(value(&w, "buoyant_forces/gas-cell/contents-mol"), 0.0, 0.0);
    jsb_close(&w.f);
}

static void a_ballonet_takes_its_volume_from_the_gas_and_adds_its_air(void **state)
{
    (void)state;
    world w;
    open_world(&w, "<buoyant_forces>"
                   " <gas_cell type=\"HYDROGEN\">"
                   "  <location unit=\"M\"><x>0</x><y>0</y><z>0</z></location>"
                   "  <x_width unit=\"M\">20</x_width><y_radius unit=\"M\">3</y_radius>"
                   "  <z_radius unit=\"M\">3</z_radius>"
                   "  <max_overpressure unit=\"PA\">500</max_overpressure>"
                   "  <fullness>0.9</fullness>"
                   "  <ballonet>"
                   "   <location unit=\"M\"><x>2</x><y>0</y><z>-1</z></location>"
                   "   <x_radius unit=\"M\">3</x_radius><y_radius unit=\"M\">2</y_radius>"
                   "   <z_radius unit=\"M\">1</z_radius>"
                   "   <valve_coefficient unit=\"M4*SEC/KG\">0.01</valve_coefficient>"
                   "   <fullness>0.5</fullness>"
                   "  </ballonet>"
                   " </gas_cell>"
                   "</buoyant_forces>");
    fdm_forces fr;
    run(&w, 0.0, &fr);
    /* cylinder pi r^2 L */
    const double cyl_ft3 = UNITS_PI * 9.0 * 20.0 / (M_PER_FT * M_PER_FT * M_PER_FT);
    assert_near(value(&w, "buoyant_forces/gas-cell/max_volume-ft3"), cyl_ft3, 1e-6);
    const double gas_ft3 = value(&w, "buoyant_forces/gas-cell/volume-ft3") -
                           value(&w, "buoyant_forces/gas-cell/ballonet/volume-ft3");
    const double p = value(&w, "buoyant_forces/gas-cell/pressure-psf");
    const double t = value(&w, "buoyant_forces/gas-cell/temp-R");
    assert_near(gas_ft3, value(&w, "buoyant_forces/gas-cell/contents-mol") * R_GAS * t / p, 1e-6);
    fdm_point_mass pm[4];
    assert_int_equal(buoyancy_point_masses(w.b, pm, 4), 2);
    assert_near(pm[1].mass_kg / KG_PER_SLUG,
                        value(&w, "buoyant_forces/gas-cell/ballonet/contents-mol") * 0.0019186, 1e-12);
    assert_near(pm[1].pos_struct_m[2], -1.0, 1e-12);
    jsb_close(&w.f);
}

static void a_gas_cell_without_a_location_is_refused_with_its_line(void **state)
{
    (void)state;
    jsb_fixture f;
    jsb_open(&f);
    buoyancy *b;
    assert_int_not_equal(buoyancy_load(&f.c,
                                       jsb_parse(&f, "<buoyant_forces>\n<gas_cell type=\"HELIUM\">\n"
                                                     "<x_radius>1</x_radius><y_radius>1</y_radius>"
                                                     "<z_radius>1</z_radius></gas_cell></buoyant_forces>"),
                                       &b),
                         SAQR_OK);
    jsb_assert_error(&f, "t.xml:2");
    jsb_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_full_cell_lifts_the_weight_of_the_air_it_displaces),
        cmocka_unit_test(the_net_lift_is_the_density_difference_times_g_times_volume),
        cmocka_unit_test(before_its_first_run_the_gas_is_weighed_at_the_origin),
        cmocka_unit_test(the_lift_stays_vertical_when_the_hull_pitches_and_acts_at_the_cell),
        cmocka_unit_test(an_open_valve_lets_gas_out_and_an_emptied_cell_stops_lifting),
        cmocka_unit_test(a_ballonet_takes_its_volume_from_the_gas_and_adds_its_air),
        cmocka_unit_test(a_gas_cell_without_a_location_is_refused_with_its_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
