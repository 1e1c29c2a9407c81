/*
 * campaign.h - a Monte Carlo campaign as written in a campaign file
 * (campaigns/NAME.xml, format in docs/campaigns.md): what is flown (a
 * lesson by the reference pilot, or a JSBSim script), how many runs and
 * the one seed, the parameters dispersed with their distributions, and
 * the aircraft properties collected as outputs.
 *
 * Run i draws its parameters, in the file's order, from stream i of the
 * seed (rng_seed_stream), so a run's values depend on (seed, i) alone.
 *
 * The description is plain data with fixed-size arrays: nothing to free.
 */
#ifndef SAQR_CAMPAIGN_CAMPAIGN_H
#define SAQR_CAMPAIGN_CAMPAIGN_H

#include <stddef.h>
#include <stdint.h>

#include "campaign/dist.h"
#include "util/err.h"

#define CAMP_MAX_PARAMS 32
#define CAMP_MAX_OUTPUTS 32
#define CAMP_MAX_RUNS 1000000L
#define CAMP_NAME_MAX 64
#define CAMP_PROP_MAX 128
#define CAMP_PATH_MAX 512

/* What a dispersed parameter changes.  Lesson-only ones say so. */
typedef enum camp_param_kind {
    CP_WIND_KT = 0,        /* mean wind speed, kt                          */
    CP_WIND_FROM_DEG,      /* direction the wind blows from, true, deg     */
    CP_CROSSWIND_KT,       /* lesson: wind component across the lesson's
                              runway, kt, positive from the right          */
    CP_HEADWIND_KT,        /* lesson: component along it, kt (headwind +)  */
    CP_GUST_KT,            /* lesson: gusts above the mean wind, kt        */
    CP_TURBULENCE,         /* 0 none, 1 light, 2 moderate (Dryden)         */
    CP_FUEL_PCT,           /* every tank at this % of its capacity         */
    CP_PAYLOAD_KG,         /* point mass `pointmass` weighs this, kg       */
    CP_CG_SHIFT_IN,        /* point mass `pointmass` moved aft by this, in
                              (forward when negative)                      */
    CP_ALT_OFFSET_FT,      /* initial altitude + this, ft                  */
    CP_IAS_OFFSET_KT,      /* initial airspeed + this, kt                  */
    CP_HEADING_OFFSET_DEG, /* initial heading + this, deg                  */
    CP_PILOT_GAIN,         /* lesson: reference pilot's gains times this   */
    CP_PROPERTY,           /* any writable property `property`, set before
                              the aircraft is initialised                  */
    CP_COUNT
} camp_param_kind;

typedef struct camp_param {
    camp_param_kind kind;
    char name[CAMP_PROP_MAX];     /* column name (the parameter's, or the
                                     property's, or name=)                 */
    char property[CAMP_PROP_MAX]; /* CP_PROPERTY                           */
    int pointmass;                /* CP_PAYLOAD_KG, CP_CG_SHIFT_IN: index  */
    dist d;
    char where[CAMP_PATH_MAX + 16]; /* file:line                           */
} camp_param;

typedef enum camp_at { CAT_END = 0, CAT_MAX, CAT_MIN } camp_at;

/* A property collected from each run (scripts and lessons). */
typedef struct camp_output {
    char name[CAMP_NAME_MAX];     /* column name                           */
    char property[CAMP_PROP_MAX];
    camp_at at;                   /* value at the end, or the run's max/min */
    double pass_min, pass_max;    /* the run passes on this output when the
                                     value is within; NAN: open side; both
                                     NAN: no pass criterion                 */
    char where[CAMP_PATH_MAX + 16];
} camp_output;

typedef struct campaign {
    char id[CAMP_NAME_MAX];
    char title[128];
    int is_script;                /* 0: lesson, 1: JSBSim script            */
    char lesson_id[CAMP_NAME_MAX];/* "super-mushak/normal-approach-and-landing" */
    char script_root[CAMP_PATH_MAX]; /* as written                          */
    int root_in_shared;           /* root= began "shared:": under --shared  */
    char script_path[CAMP_PATH_MAX]; /* relative to the root               */
    double end_s;                 /* script: stop after this (NAN: script's end) */
    long runs;                    /* 1..CAMP_MAX_RUNS                       */
    uint64_t seed;
    int nparams;
    camp_param params[CAMP_MAX_PARAMS];
    int noutputs;
    camp_output outputs[CAMP_MAX_OUTPUTS];
    char path[CAMP_PATH_MAX];     /* the file read                          */
    char where_source[CAMP_PATH_MAX + 16]; /* file:line of <lesson>/<script> */
} campaign;

/* "wind-kt", ...; -1 for an unknown name. */
int camp_param_kind_from_name(const char *name);
const char *camp_param_kind_name(camp_param_kind k);

/* Reads a campaign file.  SAQR_EPARSE with file:line for anything wrong
 * (unknown element or attribute, a bad number or distribution, a
 * parameter a script cannot take, too many of something), SAQR_EIO
 * naming the file.  *c is fully written either way. */
int campaign_load(const char *path, campaign *c, saqr_err *err);
/* The same from memory (fuzzing, tests); `name` is used in messages. */
int campaign_parse_memory(const char *buf, size_t len, const char *name, campaign *c, saqr_err *err);

#endif
