/*
 * test_fdm_derived.c - JSBSim properties derived on request: the
 * distances from the initial position (position/distance-from-start-*-mt,
 * FGAuxiliary), simulation/dt, which reads 0 while a trim runs
 * (FGFDMExec::SuspendIntegration) and the step again afterwards, and the
 * day's pressure and density altitudes and sea-level ratios
 * (FGStandardAtmosphere, FGAtmosphere), checked against the ICAO standard
 * atmosphere's formulas in SI units.
 */
#include "fdm_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fdm/fdm_air.h"
#include "fdm/fdm_internal.h"
#include "fdm/ground_internal.h"
#include "props/props.h"
#include "script/output.h"

#define PI_ 3.14159265358979323846


static void the_distance_from_start_follows_the_flight_path(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_c172_in_flight();
    assert_int_equal(saqr_fdm_set(f, saqr_fdm_property(f, "propulsion/set-running"), -1.0), SAQR_OK);
    assert_int_equal(saqr_fdm_trim(f, SAQR_TRIM_LONGITUDINAL), SAQR_OK);
    assert_near(fdm_get(f, "position/distance-from-start-mag-mt"), 0.0, 1e-6);
    /* 20 s of flight: the distance along the ellipsoid matches the
     * straight line between the ECEF positions (under a millimetre of
     * difference over ~1 km) */
    double x0 = fdm_get(f, "position/ecef-x-ft"), y0 = fdm_get(f, "position/ecef-y-ft"), z0 = fdm_get(f, "position/ecef-z-ft");
    for (int i = 0; i < 20 * 120; i++)
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    double dx = fdm_get(f, "position/ecef-x-ft") - x0, dy = fdm_get(f, "position/ecef-y-ft") - y0,
           dz = fdm_get(f, "position/ecef-z-ft") - z0;
    double dh = fdm_get(f, "position/geod-alt-ft") - 4000.0; /* reset01 starts at 4,000 ft */
    double chord_m = sqrt(dx * dx + dy * dy + dz * dz - dh * dh) * 0.3048;
    double mag = fdm_get(f, "position/distance-from-start-mag-mt");
    if (!(mag > 500.0))
        fail_msg("distance %g m, chord %g m", mag, chord_m);
    assert_near(mag, chord_m, 2e-3 * chord_m);
    /* the north and east parts make up the whole, as on a plane */
    double lon = fdm_get(f, "position/distance-from-start-lon-mt"), lat = fdm_get(f, "position/distance-from-start-lat-mt");
    assert_near(sqrt(lon * lon + lat * lat), mag, 1e-3 * mag);
    saqr_fdm_destroy(f);
}

static void simulation_dt_is_the_step_outside_trims(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_c172_in_flight();
    assert_near(fdm_get(f, "simulation/dt"), 1.0 / 120.0, 1e-15);
    assert_int_equal(saqr_fdm_set(f, saqr_fdm_property(f, "propulsion/set-running"), -1.0), SAQR_OK);
    assert_int_equal(saqr_fdm_trim(f, SAQR_TRIM_LONGITUDINAL), SAQR_OK);
    assert_near(fdm_get(f, "simulation/dt"), 1.0 / 120.0, 1e-15);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    assert_near(fdm_get(f, "simulation/dt"), 1.0 / 120.0, 1e-15);
    saqr_fdm_destroy(f);
}

/* ICAO standard atmosphere below 11 km (ICAO Doc 7488, SI): the
 * geometric altitude (ft) of a pressure (psf) or a density (slug/ft3). */
#define ISA_T0 288.15
#define ISA_L 0.0065
#define ISA_R 287.05287
#define ISA_G 9.80665
#define ISA_P0 101325.0
#define ISA_EARTH_M 6356766.0

static double isa_geometric_ft(double geopotential_m)
{
    return geopotential_m * ISA_EARTH_M / (ISA_EARTH_M - geopotential_m) / 0.3048;
}

static double isa_pressure_altitude_ft(double p_psf)
{
    double ratio = p_psf * 47.88025898 / ISA_P0;
    return isa_geometric_ft(ISA_T0 / ISA_L * (1.0 - pow(ratio, ISA_R * ISA_L / ISA_G)));
}

static double isa_density_altitude_ft(double rho_slugft3)
{
    double rho0 = ISA_P0 / (ISA_R * ISA_T0);
    double ratio = rho_slugft3 * 515.3788184 / rho0;
    return isa_geometric_ft(ISA_T0 / ISA_L * (1.0 - pow(ratio, 1.0 / (ISA_G / (ISA_R * ISA_L) - 1.0))));
}

/* Pressure altitude is where the standard day has today's pressure, and
 * density altitude where it has today's density: equal to the altitude on
 * a standard day, higher with a lower sea-level pressure (QNH), density
 * altitude far higher on a hot day. */
static void pressure_and_density_altitude_follow_the_day(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_c172_in_flight();
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    double h = fdm_get(f, "position/h-sl-ft");
    assert_near(fdm_get(f, "atmosphere/pressure-altitude"), h, 1e-6);
    assert_near(fdm_get(f, "atmosphere/density-altitude"), h, 1e-6);

    /* 2050 psf, 981.5 hPa at sea level: about 31.5 hPa low */
    fdm_set(f, "atmosphere/P-sl-psf", 2050.0);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    h = fdm_get(f, "position/h-sl-ft");
    double hp = fdm_get(f, "atmosphere/pressure-altitude");
    /* ICAO's sea level is 5 ppm below JSBSim's 2116.228 psf: ~0.15 ft here */
    assert_near(hp, isa_pressure_altitude_ft(fdm_get(f, "atmosphere/P-psf")), 0.5);
    assert_true(hp > h + 800.0); /* ~28 ft per hPa */
    assert_near(fdm_get(f, "atmosphere/density-altitude"), isa_density_altitude_ft(fdm_get(f, "atmosphere/rho-slugs_ft3")), 0.5);

    /* ISA + 30 C at the standard sea-level pressure */
    fdm_set(f, "atmosphere/P-sl-psf", 2116.228);
    fdm_set(f, "atmosphere/delta-T", 54.0);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    h = fdm_get(f, "position/h-sl-ft");
    hp = fdm_get(f, "atmosphere/pressure-altitude");
    double hd = fdm_get(f, "atmosphere/density-altitude");
    assert_near(hp, isa_pressure_altitude_ft(fdm_get(f, "atmosphere/P-psf")), 0.5);
    assert_near(hd, isa_density_altitude_ft(fdm_get(f, "atmosphere/rho-slugs_ft3")), 0.5);
    assert_true(hp < h);                 /* warm air: the pressure falls off more slowly */
    assert_near(hd - hp, 30.0 * 118.8, 400.0); /* the pilot's rule: ~120 ft per degree above ISA */
    saqr_fdm_destroy(f);
}

/* The atmosphere's pressure and the calibrated airspeed are kept for the
 * inputs they came from while those repeat bit for bit (the handle's
 * pressure_memo and cas_memo).  With JSBSim's "no integration" for the
 * position the c172x keeps its altitude to the bit in most frames (only the Earth's turning
 * moves its last bits now and then) while its speed changes, so in those
 * frames only the day can change the pressure and only the speed the
 * airspeed: a kept result that missed either would show.  (A new run of
 * the initial conditions would not do: like JSBSim's reset, it puts the
 * day back to the standard one.) */
static void a_repeated_altitude_still_sees_a_new_day(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_reference_aircraft_loaded("c172x", "reset01");
    fdm_set(f, "simulation/integrator/position/translational", 0.0); /* read by the initial conditions */
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    double h_before = fdm_get(f, "position/h-sl-ft"), p_before = fdm_get(f, "atmosphere/P-psf");
    double vc_before = fdm_get(f, "velocities/vc-kts");
    int new_day_same_height = 0, same_inputs = 0;
    for (int i = 0; i < 200; i++) {
        /* a new day every other frame: by its temperature (ISA - 20 R to
         * ISA + 40 R) or by its sea-level pressure (2050 to 2150 psf) */
        if (i % 4 == 0)
            fdm_set(f, "atmosphere/delta-T", -20.0 + 60.0 * (double)((i * 7) % 13) / 12.0);
        else if (i % 4 == 2)
            fdm_set(f, "atmosphere/P-sl-psf", 2050.0 + 100.0 * (double)((i * 5) % 11) / 10.0);
        assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        double h = fdm_get(f, "position/h-sl-ft"), p = fdm_get(f, "atmosphere/P-psf");
        double vc = fdm_get(f, "velocities/vc-kts");
        assert_true(vc != vc_before); /* the speed moves every frame, so does the airspeed */
        if (memcmp(&h, &h_before, sizeof h) == 0) {
            if (i % 2 == 0) {
                assert_true(p != p_before);
                new_day_same_height++;
            } else {
                assert_memory_equal(&p, &p_before, sizeof p);
                same_inputs++;
            }
        }
        /* the hydrostatic pressure at this altitude (JSBSim's lapse rate
         * in its first layer, the bias added to the base temperature,
         * geopotential height), to 1e-9 relative */
        double dt_r = fdm_get(f, "atmosphere/delta-T"), p_sl = fdm_get(f, "atmosphere/P-sl-psf");
        double h_geo = h * 20855531.5 / (20855531.5 + h);
        double t0 = 518.67 + dt_r, lapse = (389.97 - 518.67) / 36089.2388;
        double g0 = 9.80665 / 0.3048, r_air = 8.31432 / (1.8 * 0.3048 * 0.3048) / 28.9645e-3;
        assert_near(p / (p_sl * pow(t0 / (t0 + lapse * h_geo), g0 / (r_air * lapse))), 1.0, 1e-9);
        h_before = h;
        p_before = p;
        vc_before = vc;
    }
    /* both cases came up often */
    assert_true(new_day_same_height > 50 && same_inputs > 50);
    saqr_fdm_destroy(f);
}

/* An engine started in flight takes its mixture from the pressure ratio to
 * the day's sea-level pressure (FGPiston::InitRunning with
 * FGAtmosphere::GetPressureRatio), not to the standard day's.  The
 * reference: JSBSim 1.3.2 flying this (c172x at reset01, P-sl-psf 2050
 * set before the initial conditions, then set-running -1, full throttle,
 * mixture 0.9) gives 2505.9128 rpm after the first frame; with the
 * standard day's ratio the engine turned 2738.5. */
static void engines_started_in_flight_see_the_days_pressure(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_reference_aircraft_loaded("c172x", "reset01");
    fdm_set(f, "atmosphere/P-sl-psf", 2050.0);
    assert_int_equal(saqr_fdm_init(f), SAQR_OK);
    fdm_set(f, "propulsion/set-running", -1.0);
    fdm_set(f, "fcs/throttle-cmd-norm", 1.0);
    fdm_set(f, "fcs/mixture-cmd-norm", 0.9);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    assert_near(fdm_get(f, "propulsion/engine/engine-rpm"), 2505.9128, 0.01);
    saqr_fdm_destroy(f);
}

/* The orbital elements of a c172x cruising at 4,000 ft (a very eccentric
 * ellipse through the Earth's centre region), checked by relations the
 * code does not use: the energy (vis-viva) gives the semi-major axis that
 * apoapsis and periapsis must average to, Kepler's third law the period,
 * the conic equation r = h^2 / GM / (1 + e cos nu) the true anomaly, and
 * an orbit through a point at geocentric latitude phi is inclined at least
 * |phi|.  The sea-level radius is the ellipse's polar equation at phi.
 * The model reads none of these: they come from saqr_fdm_get on demand. */
static void orbital_elements_obey_keplers_laws(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_c172_in_flight();
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    const double gm = 3.986004418e14 / (0.3048 * 0.3048 * 0.3048); /* WGS-84, ft^3/s^2 */
    double x = fdm_get(f, "position/eci-x-ft"), y = fdm_get(f, "position/eci-y-ft"), z = fdm_get(f, "position/eci-z-ft");
    double r = sqrt(x * x + y * y + z * z), v = fdm_get(f, "velocities/eci-velocity-mag-fps");
    double a = 1.0 / (2.0 / r - v * v / gm);
    double apo = fdm_get(f, "orbital/apoapsis-radius-ft"), peri = fdm_get(f, "orbital/periapsis-radius-ft");
    assert_near(0.5 * (apo + peri), a, 1e-9 * a);
    assert_true(peri <= r * (1.0 + 1e-12) && r <= apo * (1.0 + 1e-12));
    assert_near(fdm_get(f, "orbital/period-sec"), 2.0 * PI_ * sqrt(a * a * a / gm), 1e-6);
    double e = fdm_get(f, "orbital/eccentricity"), h = fdm_get(f, "orbital/specific-angular-momentum-ft2_sec");
    assert_near(e, (apo - peri) / (apo + peri), 1e-12);
    double nu = fdm_get(f, "orbital/true-anomaly-deg") * PI_ / 180.0;
    assert_near(h * h / gm / (1.0 + e * cos(nu)), r, 1e-6 * r);
    double lat = fdm_get(f, "position/lat-gc-rad");
    assert_true(fdm_get(f, "orbital/inclination-deg") >= fabs(lat) * 180.0 / PI_ - 1e-9);
    const double A = 6378137.0 / 0.3048, B = 6356752.314245 / 0.3048; /* WGS-84 */
    double polar = A * B / sqrt(B * B * cos(lat) * cos(lat) + A * A * sin(lat) * sin(lat));
    assert_near(fdm_get(f, "inertial/sea-level-radius_ft"), polar, 1e-6 * polar);
    saqr_fdm_destroy(f);
}

/* position/vrp-..., flight-path/..., the Euler angles' rates, the ECI
 * and ECEF coordinates, the pressure and density altitudes and the
 * geocentric latitude, the mass and inertia: worked out when the API asks, unless something in
 * the model or an output directive reads them (then published every
 * frame): the two give the same bits; the point lies next to the aircraft
 * and the flight path follows its velocity. */
static void vrp_and_flight_path_are_the_same_read_or_asked(void **state)
{
    (void)state;
    saqr_fdm *asked = fdm_c172_in_flight(), *read = fdm_c172_in_flight();
    char dir[] = "/tmp/saqr-vrp-XXXXXX", xml[256], csv[256];
    assert_non_null(mkdtemp(dir));
    snprintf(xml, sizeof xml, "%s/out.xml", dir);
    snprintf(csv, sizeof csv, "%s/vrp.csv", dir);
    FILE *fp = fopen(xml, "w");
    assert_non_null(fp);
    fprintf(fp, "<output name='%s' type='CSV' rate='10'><property>position/vrp-gc-latitude_deg</property>"
                "<property>position/vrp-longitude_deg</property><property>position/vrp-radius-ft</property>"
                "<property>flight-path/gamma-deg</property><property>flight-path/psi-gt-rad</property>"
                "<property>velocities/psidot-rad_sec</property><property>position/ecef-y-ft</property>"
                "<property>atmosphere/pressure-altitude</property><property>position/lat-gc-deg</property>"
                "<property>inertia/ixz-slugs_ft2</property>"
                "</output>\n",
            csv);
    fclose(fp);
    assert_int_equal(output_load_file(read, xml), SAQR_OK);
    assert_int_equal(output_open(read), SAQR_OK);
    static const char *const names[] = {"position/vrp-gc-latitude_deg", "position/vrp-longitude_deg",
                                        "position/vrp-radius-ft",       "flight-path/gamma-rad",
                                        "flight-path/gamma-deg",        "flight-path/psi-gt-rad",
                                        "flight-path/psi-gt-deg",       "velocities/phidot-rad_sec",
                                        "velocities/thetadot-rad_sec",  "velocities/psidot-rad_sec",
                                        "position/eci-x-ft",            "position/ecef-y-ft",
                                        "velocities/eci-velocity-mag-fps", "velocities/ecef-z-fps",
                                        "atmosphere/pressure-altitude", "atmosphere/density-altitude",
                                        "position/lat-gc-rad",          "position/lat-gc-deg",
                                        "inertia/mass-slugs",           "inertia/weight-lbs",
                                        "inertia/cg-x-in",              "inertia/cg-z-in",
                                        "inertia/ixx-slugs_ft2",        "inertia/ixz-slugs_ft2"};
    const int n_names = (int)(sizeof names / sizeof names[0]);
    /* off the standard day, where the altitudes are worked out by pow */
    fdm_set(asked, "atmosphere/delta-T", 20.0);
    fdm_set(read, "atmosphere/delta-T", 20.0);
    for (int k = 0; k < 240; k++) {
        assert_int_equal(saqr_fdm_step(asked), SAQR_OK);
        assert_int_equal(saqr_fdm_step(read), SAQR_OK);
        assert_int_equal(output_write_due(read), SAQR_OK);
        for (int i = 0; i < n_names; i++) {
            double a = fdm_get(asked, names[i]), b = fdm_get(read, names[i]);
            assert_memory_equal(&a, &b, sizeof a);
        }
    }
    /* within metres of the aircraft's own position */
    assert_near(fdm_get(asked, names[0]), fdm_get(asked, "position/lat-gc-deg"), 1e-4);
    assert_near(fdm_get(asked, names[1]), fdm_get(asked, "position/long-gc-deg"), 1e-4);
    assert_near(fdm_get(asked, names[2]), fdm_get(asked, "position/radius-to-vehicle-ft"), 30.0);
    double vn = fdm_get(asked, "velocities/v-north-fps"), ve = fdm_get(asked, "velocities/v-east-fps");
    double vd = fdm_get(asked, "velocities/v-down-fps");
    assert_near(fdm_get(asked, names[3]), atan2(-vd, sqrt(vn * vn + ve * ve)), 1e-12);
    assert_near(fdm_get(asked, names[5]), fmod(atan2(ve, vn) + 2.0 * PI_, 2.0 * PI_), 1e-12);
    /* the c172x's mass and inertia as its mass balance and fuel give them */
    assert_near(fdm_get(asked, "inertia/weight-lbs"), fdm_get(asked, "inertia/mass-slugs") * 32.174049, 1e-3);
    /* JSBSim gives 2095.73 slug ft^2 with the c172x's tanks full (its own
     * run of c172_cruise_8K, which loads the same reset) */
    assert_near(fdm_get(asked, "inertia/ixx-slugs_ft2"), 2095.7, 1.0);
    output_close(read);
    saqr_fdm_destroy(asked);
    saqr_fdm_destroy(read);
    remove(csv);
    remove(xml);
    rmdir(dir);
}

/* Every property worked out when read (fdm_air.c's lazy groups,
 * fdm_reports.c) has, asked through the API, the bits its producer would
 * have published: two c172x fly the same elevator doublet, one with every
 * such property marked read (so every group is published each frame), the
 * other as loaded (the c172x reads few of them), in moderate turbulence.
 * The load factors must come from the accelerations of the run before,
 * which the run replaces. */
static void every_lazy_property_is_the_same_read_or_asked(void **state)
{
    (void)state;
    saqr_fdm *asked = fdm_c172_in_flight(), *read = fdm_c172_in_flight();
    int n = saqr_fdm_property_count(read), lazy = 0;
    for (int i = 0; i < n; i++)
        if (read->props.flags[i] & PROP_LAZY) {
            read->props.flags[i] |= PROP_READ;
            lazy++;
        }
    fdm_lazy_reconsider(read);
    assert_true(lazy > 100);
    for (int b = 0; b < 2; b++) { /* moderate turbulence: its gusts are among them */
        fdm_set(b ? read : asked, "atmosphere/turb-type", 3);
        fdm_set(b ? read : asked, "atmosphere/turbulence/milspec/severity", 4);
    }
    int elevator = saqr_fdm_property(asked, "fcs/elevator-cmd-norm"), worked_out = 0;
    for (int k = 0; k < 360; k++) {
        double de = k >= 120 && k < 180 ? -0.3 : (k >= 180 && k < 240 ? 0.3 : 0.0);
        assert_int_equal(saqr_fdm_set(asked, elevator, de), SAQR_OK);
        assert_int_equal(saqr_fdm_set(read, elevator, de), SAQR_OK);
        assert_int_equal(saqr_fdm_step(asked), SAQR_OK);
        assert_int_equal(saqr_fdm_step(read), SAQR_OK);
        for (int i = 0; i < n; i++) {
            if (!(read->props.flags[i] & PROP_LAZY))
                continue;
            double a = saqr_fdm_get(asked, i), b = saqr_fdm_get(read, i);
            if (memcmp(&a, &b, sizeof a) != 0)
                fail_msg("frame %d: %s asked %.17g, published %.17g", k, saqr_fdm_property_name(read, i), a, b);
            assert_memory_equal(&b, &read->props.v[i], sizeof b);
            worked_out += memcmp(&a, &asked->props.v[i], sizeof a) != 0; /* not published */
        }
    }
    assert_true(worked_out > 1000); /* the asked ones were worked out, not stored */
    /* and they are what their names say (JSBSim's definitions) */
    saqr_fdm *f = asked;
    assert_true(fabs(fdm_get(f, "atmosphere/turbulence/north-fps")) > 1e-3);
    assert_near(fdm_get(f, "atmosphere/total-wind-north-fps"), fdm_get(f, "atmosphere/turbulence/north-fps"), 0.0);
    assert_near(fdm_get(f, "atmosphere/p-turb-rad_sec"),
                fdm_get(f, "velocities/p-rad_sec") - fdm_get(f, "velocities/p-aero-rad_sec"), 1e-12);
    double vn = fdm_get(f, "velocities/v-north-fps"), ve = fdm_get(f, "velocities/v-east-fps");
    assert_near(fdm_get(f, "velocities/vg-fps"), sqrt(vn * vn + ve * ve), 1e-9);
    assert_near(fdm_get(f, "attitude/phi-deg"), fdm_get(f, "attitude/phi-rad") * 180.0 / PI_, 1e-12);
    assert_near(fdm_get(f, "position/h-sl-meters"), fdm_get(f, "position/h-sl-ft") * 0.3048, 1e-9);
    assert_near(fdm_get(f, "accelerations/n-pilot-z-norm") * 32.174049, fdm_get(f, "accelerations/a-pilot-z-ft_sec2"),
                1e-6);
    assert_near(fdm_get(f, "forces/fbz-total-lbs"),
                fdm_get(f, "forces/fbz-aero-lbs") + fdm_get(f, "forces/fbz-prop-lbs") +
                    fdm_get(f, "forces/fbz-gear-lbs"),
                1e-9 * fabs(fdm_get(f, "forces/fbz-total-lbs")) + 1e-9);
    saqr_fdm_destroy(asked);
    saqr_fdm_destroy(read);
}

/* A c172x in flight skips its contacts' run while all stay high in the
 * air and nothing moves one (ground.c's quiet run), working their heights
 * out when asked.  Flown beside one whose heights are read (so every run
 * is full), every property is the same, bit for bit, every frame, through:
 * the nose wheel steered 3.7 deg from outside (which radians and back
 * make 3.7000000000000006); the tail skid moved 80 ft down from outside,
 * then the aircraft moved down until the skid is a foot over the ground
 * (the wing tips and the rest some 40 ft higher); and a move to 6 ft,
 * where the contacts touch. */
static void a_quiet_ground_run_leaves_every_property_as_a_full_one(void **state)
{
    (void)state;
    saqr_fdm *quiet = fdm_c172_in_flight(), *full = fdm_c172_in_flight();
    for (int u = 0; u < 6; u++) {
        char name[64];
        snprintf(name, sizeof name, u < 3 ? "gear/unit[%d]/AGL-ft" : "contact/unit[%d]/AGL-ft", u);
        full->props.flags[saqr_fdm_property(full, name)] |= PROP_READ;
    }
    fdm_lazy_reconsider(full);
    int n = saqr_fdm_property_count(full), skipped = 0;
    for (int k = 0; k < 1200; k++) {
        saqr_fdm *both[2] = {quiet, full};
        for (int b = 0; b < 2; b++) {
            saqr_fdm *f = both[b];
            if (k == 240) /* the autopilot writes the command: the angle itself */
                fdm_set(f, "fcs/steer-pos-deg", 3.7);
            if (k == 300)
                fdm_set(f, "fcs/steer-pos-deg", 0.0);
            if (k == 400)
                fdm_set(f, "contact/unit[4]/z-position", fdm_get(f, "contact/unit[4]/z-position") - 960.0);
            if (k == 450 || k == 700) {
                /* the skid a foot over the ground, then the CG 6 ft */
                double h_ft = k == 450 ? fdm_get(f, "position/h-agl-ft") - fdm_get(f, "contact/unit[4]/AGL-ft") + 1.0
                                       : 6.0;
                assert_int_equal(saqr_fdm_move_to(f, fdm_get(f, "position/lat-geod-deg"),
                                                  fdm_get(f, "position/long-gc-deg"),
                                                  fdm_get(f, "position/terrain-elevation-asl-ft") + h_ft),
                                 SAQR_OK);
            }
            assert_int_equal(saqr_fdm_step(f), SAQR_OK);
        }
        skipped += quiet->gnd->heights_skipped;
        assert_int_equal(full->gnd->heights_skipped, 0);
        if (k == 400) /* the write moved it: the skid 80 ft down the body axis, pitched 26 deg up */
            assert_true(fdm_get(quiet, "contact/unit[4]/AGL-ft") < fdm_get(quiet, "position/h-agl-ft") - 40.0);
        for (int i = 0; i < n; i++) {
            double a = saqr_fdm_get(quiet, i), b = saqr_fdm_get(full, i);
            if (memcmp(&a, &b, sizeof a) != 0)
                fail_msg("frame %d: %s quiet %.17g, full %.17g", k, saqr_fdm_property_name(full, i), a, b);
        }
    }
    assert_true(skipped > 300);
    saqr_fdm_destroy(quiet);
    saqr_fdm_destroy(full);
}

/* atmosphere/wind-mag-fps and psiw-rad are writable, with JSBSim's
 * FGWinds::SetWindspeed / SetWindPsi semantics (the same sequence flown in
 * JSBSim 1.3.2 gives these winds): a direction set in calm air is lost, a
 * speed set in calm air blows towards the north, then a direction turns
 * the wind keeping its speed, and a speed keeps the direction and levels
 * the wind. */
static void wind_speed_and_direction_set_the_wind_as_jsbsim(void **state)
{
    (void)state;
    saqr_fdm *f = fdm_c172_in_flight();
    fdm_set(f, "atmosphere/psiw-rad", 2.0);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    assert_near(fdm_get(f, "atmosphere/wind-mag-fps"), 0.0, 0);
    assert_near(fdm_get(f, "atmosphere/psiw-rad"), 0.0, 0);
    fdm_set(f, "atmosphere/wind-mag-fps", 30.0);
    assert_near(fdm_get(f, "atmosphere/wind-north-fps"), 30.0, 0);
    assert_near(fdm_get(f, "atmosphere/wind-east-fps"), 0.0, 0);
    fdm_set(f, "atmosphere/psiw-rad", 1.0);
    assert_near(fdm_get(f, "atmosphere/wind-north-fps"), 30.0 * cos(1.0), 1e-13);
    assert_near(fdm_get(f, "atmosphere/wind-east-fps"), 30.0 * sin(1.0), 1e-13);
    fdm_set(f, "atmosphere/wind-down-fps", 5.0);
    fdm_set(f, "atmosphere/wind-mag-fps", 40.0);
    assert_near(fdm_get(f, "atmosphere/wind-north-fps"), 40.0 * cos(1.0), 1e-13);
    assert_near(fdm_get(f, "atmosphere/wind-east-fps"), 40.0 * sin(1.0), 1e-13);
    assert_near(fdm_get(f, "atmosphere/wind-down-fps"), 0.0, 0);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    assert_near(fdm_get(f, "atmosphere/psiw-rad"), 1.0, 1e-15);
    assert_near(fdm_get(f, "atmosphere/wind-mag-fps"), 40.0, 1e-12);
    /* the speed includes a vertical wind, as JSBSim's GetWindspeed */
    fdm_set(f, "atmosphere/wind-down-fps", 30.0);
    assert_int_equal(saqr_fdm_step(f), SAQR_OK);
    assert_near(fdm_get(f, "atmosphere/wind-mag-fps"), 50.0, 1e-12);
    saqr_fdm_destroy(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_distance_from_start_follows_the_flight_path),
        cmocka_unit_test(simulation_dt_is_the_step_outside_trims),
        cmocka_unit_test(pressure_and_density_altitude_follow_the_day),
        cmocka_unit_test(a_repeated_altitude_still_sees_a_new_day),
        cmocka_unit_test(engines_started_in_flight_see_the_days_pressure),
        cmocka_unit_test(orbital_elements_obey_keplers_laws),
        cmocka_unit_test(vrp_and_flight_path_are_the_same_read_or_asked),
        cmocka_unit_test(every_lazy_property_is_the_same_read_or_asked),
        cmocka_unit_test(a_quiet_ground_run_leaves_every_property_as_a_full_one),
        cmocka_unit_test(wind_speed_and_direction_set_the_wind_as_jsbsim),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
