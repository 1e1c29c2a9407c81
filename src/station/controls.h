/*
 * controls.h - the trainee's controls on the host: joysticks, throttles,
 * rudder pedals and gamepads mapped onto the pilot commands of a
 * JSBSim-format aircraft.  docs/controls.md gives the file format and the
 * formulas.
 *
 * Three parts share this header:
 *  - the mapping (controls_map.c): pure functions from raw readings (SDL's
 *    axis, button and hat values) to the normalised commands of JSBSim's
 *    command properties, through dead zone, curve, inversion and output
 *    range; buttons step the flaps through detents, toggle the gear and
 *    speed brake, hold the brakes and move the trim at a limited rate.
 *    No SDL, no clock: the caller passes the time step.
 *  - the configuration (controls_config.c): the mapping read from XML
 *    (data/controls.xml); every error names the file and line.
 *  - the SDL2 link (controls_sdl.c): joystick and game-controller polling
 *    with hot-plug, feeding the mapping.  Only this part calls SDL, and
 *    only once controls_sdl_open is called.
 *
 * Typical use, once per frame of the real-time loop:
 *
 *     controls_sdl_poll(sdl, &state, dt_s, &err);
 *     for (unsigned m = controls_take_changed(&state); m; m &= m - 1) {
 *         controls_id c = (controls_id)__builtin_ctz(m);
 *         ... write state.value[c] to controls_property(c) ...
 *     }
 *
 * Controls no input has moved are never reported as changed, so with no
 * device the aircraft keeps whatever commands it has.
 *
 * Conventions follow JSBSim's properties (and the Super Mushak's file):
 * elevator > 0 pushes (nose down), aileron > 0 rolls right, rudder > 0 is
 * the left pedal (nose left), pitch trim > 0 trims nose down.
 */
#ifndef SAQR_STATION_CONTROLS_H
#define SAQR_STATION_CONTROLS_H

#include <stddef.h>

#include "saqr.h"
#include "util/err.h"

/* ------------------------------------------------------------- limits */

#define CONTROLS_MAX_GROUPS 16       /* device sections in one configuration       */
#define CONTROLS_MAX_MAPS 256        /* mappings in one configuration, all sections */
#define CONTROLS_MAX_GROUP_MAPS 64   /* mappings in one device section             */
#define CONTROLS_MAX_DEVICES 8       /* devices driving the controls at once       */
#define CONTROLS_MAX_DETENTS 8       /* flap detents                               */
#define CONTROLS_MAX_AXIS 32         /* joystick axis indexes are 0..31            */
#define CONTROLS_MAX_BUTTON 128      /* joystick button indexes are 0..127         */
#define CONTROLS_MAX_HAT 8           /* joystick hat indexes are 0..7              */
#define CONTROLS_PAD_AXES 6          /* SDL_GameControllerAxis values 0..5         */
#define CONTROLS_PAD_BUTTONS 21      /* SDL_GameControllerButton values 0..20      */
#define CONTROLS_NAME_MAX 64         /* device name pattern, with its NUL          */
#define CONTROLS_GUID_LEN 32         /* hex digits of an SDL joystick GUID         */
#define CONTROLS_RAW_FULL 32767.0    /* raw axis reading of a full deflection      */

/* Hat direction bits, as SDL's SDL_HAT_UP/RIGHT/DOWN/LEFT. */
#define CONTROLS_HAT_UP 1u
#define CONTROLS_HAT_RIGHT 2u
#define CONTROLS_HAT_DOWN 4u
#define CONTROLS_HAT_LEFT 8u

/* ----------------------------------------------------------- controls */

/* The pilot commands, each a JSBSim command property (controls_property). */
typedef enum controls_id {
    CONTROLS_ELEVATOR = 0, /* fcs/elevator-cmd-norm, -1..1, > 0 pushes (nose down)    */
    CONTROLS_AILERON,      /* fcs/aileron-cmd-norm, -1..1, > 0 rolls right             */
    CONTROLS_RUDDER,       /* fcs/rudder-cmd-norm, -1..1, > 0 left pedal (nose left)   */
    CONTROLS_PITCH_TRIM,   /* fcs/pitch-trim-cmd-norm, -1..1, > 0 nose down            */
    CONTROLS_THROTTLE,     /* fcs/throttle-cmd-norm, 0 idle .. 1 full (every engine)   */
    CONTROLS_MIXTURE,      /* fcs/mixture-cmd-norm, 0 cut-off .. 1 full rich           */
    CONTROLS_PROPELLER,    /* fcs/advance-cmd-norm, 0..1 as the aircraft defines it    */
    CONTROLS_FLAPS,        /* fcs/flap-cmd-norm, 0 up .. 1 fully down                  */
    CONTROLS_GEAR,         /* gear/gear-cmd-norm, 0 up, 1 down                         */
    CONTROLS_BRAKE_LEFT,   /* fcs/left-brake-cmd-norm, 0 off .. 1 full                 */
    CONTROLS_BRAKE_RIGHT,  /* fcs/right-brake-cmd-norm, 0 off .. 1 full                */
    CONTROLS_SPEEDBRAKE,   /* fcs/speedbrake-cmd-norm, 0 in .. 1 out                   */
    CONTROLS_COUNT
} controls_id;

/* Short name ("elevator"); "?" for a value out of range. */
const char *controls_name(controls_id id);

/* JSBSim property ("fcs/elevator-cmd-norm"); "?" for a value out of range. */
const char *controls_property(controls_id id);

/* The command's range: -1..1 for the centred controls (elevator, aileron,
 * rudder, pitch trim), 0..1 for the others.  Can't fail (0..1 out of range). */
void controls_limits(controls_id id, double *lo, double *hi);

/* 1 for the centred controls (rest at 0 in the middle of their range). */
int controls_is_centred(controls_id id);

/* ------------------------------------------------------------ mapping */

/* What an input does to its control(s). */
typedef enum controls_behaviour {
    CONTROLS_FOLLOW = 0,  /* an axis: the command follows it through dead zone, curve, range */
    CONTROLS_HOLD,        /* a button: 1 while down, 0 when up (brakes)                      */
    CONTROLS_TOGGLE,      /* a button: each press flips between 0 and 1 (gear, speed brake)  */
    CONTROLS_DETENT_UP,   /* a button: each press moves to the next detent below (flaps up)  */
    CONTROLS_DETENT_DOWN, /* a button: each press moves to the next detent above (flaps down) */
    CONTROLS_RATE_UP,     /* a button: while down, the command rises at rate_per_s            */
    CONTROLS_RATE_DOWN    /* a button: while down, the command falls at rate_per_s            */
} controls_behaviour;

/* Where a reading comes from. */
typedef enum controls_source {
    CONTROLS_SRC_AXIS = 0, /* an axis, raw -32768..32767 (gamepad triggers 0..32767) */
    CONTROLS_SRC_BUTTON,   /* a button, down or up                                     */
    CONTROLS_SRC_HAT       /* a direction of a hat switch, counted as a button         */
} controls_source;

/* One input mapped onto one or two controls. */
typedef struct controls_map {
    controls_behaviour behaviour; /* what the input does                                   */
    unsigned targets;             /* bit (1u << controls_id) per control driven; "brakes" sets two */
    controls_source source;       /* axis, button or hat                                   */
    int index;                    /* axis/button/hat number; on a gamepad the SDL_GameControllerAxis
                                     or SDL_GameControllerButton value                    */
    unsigned hat_bits;            /* hats: the CONTROLS_HAT_* bit that counts as pressed   */
    int half;                     /* 1: the axis reads 0..32767 at rest..full (gamepad trigger) */
    int centred;                  /* 1: centred shaping (a centred control on a full axis) */
    int invert;                   /* 1: the axis is reversed before shaping                */
    double dead_zone;             /* fraction of travel, 0 <= d < 1 (see controls_map_axis) */
    double exponent;              /* curve exponent, 1 <= e <= 10                          */
    double out_lo;                /* command at the negative (or rest) end of the travel   */
    double out_hi;                /* command at the positive (or full) end of the travel   */
    double rate_per_s;            /* RATE behaviours: command change per second while down */
    double reheat_at;             /* a throttle axis: where on its command range (0..1) the
                                     hardware's afterburner gate is, mapped onto the
                                     aircraft's military detent; 0: none               */
    int line;                     /* line of the mapping in its configuration file         */
} controls_map;

/* A device section: which devices it claims and its mappings. */
typedef struct controls_group {
    char name[CONTROLS_NAME_MAX];     /* substring of the SDL device name (case-insensitive),
                                         "*" for any device, "" when only the GUID counts  */
    char guid[CONTROLS_GUID_LEN + 1]; /* SDL GUID in hex (lower case), "" when not used     */
    int gamepad;                      /* 1: SDL game controllers only, inputs by SDL's names */
    int first;                        /* its mappings are map[first .. first + count)       */
    int count;                        /* number of mappings, 0..CONTROLS_MAX_GROUP_MAPS     */
    int line;                         /* line of the section in its file                   */
} controls_group;

/* A whole mapping, as read from a configuration file.  Plain data: copy
 * it freely. */
typedef struct controls_config {
    controls_group group[CONTROLS_MAX_GROUPS]; /* device sections, in file order     */
    int ngroups;                                /* 1..CONTROLS_MAX_GROUPS              */
    controls_map map[CONTROLS_MAX_MAPS];        /* all mappings, section by section    */
    int nmaps;                                  /* 0..CONTROLS_MAX_MAPS                */
    double detent[CONTROLS_MAX_DETENTS];        /* flap detents, ascending, in 0..1    */
    int ndetents;                               /* 1..CONTROLS_MAX_DETENTS             */
} controls_config;

/* The shaping of one axis: the command for a raw reading (clamped to the
 * axis's travel).  The result always lies between out_lo and out_hi.
 * Full axis, x = clamp(raw / 32767, -1, 1), negated when inverted:
 *   centred:  y = 0 for |x| <= d, else sign(x) (|x| - d) / (1 - d);
 *             out = lo + (sign(y) |y|^e + 1) / 2 (hi - lo)
 *   one-sided: t = (x + 1) / 2, then as below.
 * Half axis (trigger): t = clamp(raw / 32767, 0, 1), 1 - t when inverted.
 *   one-sided: s = 0 for t <= d, else (t - d) / (1 - d);
 *             out = lo + s^e (hi - lo)                                   */
double controls_map_axis(const controls_map *m, int raw);

/* The centred shaping alone: sign(y) |y|^e of x in -1..1 (see above). */
double controls_shape_centred(double x, double dead_zone, double exponent);

/* The one-sided shaping alone: s^e of t in 0..1 (see above). */
double controls_shape_one_sided(double t, double dead_zone, double exponent);

/* The next detent strictly above (dir > 0) or below (dir < 0) `value`
 * (by more than 1e-6), or `value` itself when there is none. */
double controls_detent_step(const double *detent, int n, double value, int dir);

/* The first section of cfg that claims a device: gamepad sections only
 * claim game controllers (is_gamepad), joystick sections any device; a
 * section with a name matches when it is "*" or a case-insensitive
 * substring of `name`, with a GUID when it equals `guid`
 * (case-insensitive), with both when both match.  -1 when none does. */
int controls_config_match(const controls_config *cfg, const char *name, const char *guid, int is_gamepad);

/* The SDL name of gamepad axis i (0..5: "leftx" .. "righttrigger") or
 * button i (0..20: "a" .. "touchpad"); NULL out of range. */
const char *controls_pad_axis_name(int i);
const char *controls_pad_button_name(int i);

/* What a control= name means on an axis (is_button = 0) or a button or
 * hat (is_button = 1): 1 with *behaviour and *targets filled, 0 for a
 * name unknown on any input, -1 for a name known only on the other kind
 * of input.  Default rate for the RATE behaviours in *rate_per_s. */
int controls_action_find(const char *name, int is_button, controls_behaviour *behaviour, unsigned *targets,
                         double *rate_per_s);

/* -------------------------------------------------------------- state */

/* What one attached device has reported. */
typedef struct controls_device {
    int group;                                   /* its section in the config; -1: slot free */
    double axis_out[CONTROLS_MAX_GROUP_MAPS];    /* FOLLOW mappings: last command; NaN before
                                                    the first reading                      */
    unsigned char down[CONTROLS_MAX_GROUP_MAPS]; /* button mappings: 1 while held           */
    unsigned char pressed[CONTROLS_MAX_GROUP_MAPS]; /* pressed since the last controls_advance */
} controls_device;

/* The commands and the input state behind them.  Plain data owned by the
 * caller; one state per set of devices (one controls_sdl handle). */
typedef struct controls_state {
    double value[CONTROLS_COUNT];          /* the command of each control, within its limits */
    unsigned changed;                      /* bit per control moved by an input since the
                                              last controls_take_changed                    */
    double detent[CONTROLS_MAX_DETENTS];   /* flap detents, ascending in 0..1               */
    int ndetents;                          /* 1..CONTROLS_MAX_DETENTS                       */
    double throttle_mil;                   /* the aircraft's military detent on the lever
                                              (1: no afterburner range)                     */
    controls_device dev[CONTROLS_MAX_DEVICES]; /* attached devices, by slot                  */
} controls_state;

/* A state with no device, the config's flap detents and resting
 * commands: 0, except mixture 1 (rich) and gear 1 (down).  Can't fail. */
void controls_state_init(controls_state *s, const controls_config *cfg);

/* Copies the aircraft's current command in, so toggles, detents and rates
 * start from it; does not mark it changed.  SAQR_EINVAL (nothing changed)
 * for an unknown id or a value that is NaN or out of the control's limits. */
saqr_status controls_state_set(controls_state *s, controls_id id, double value, saqr_err *err);

/* Replaces the flap detents (the aircraft's own).  SAQR_EINVAL (nothing
 * changed) unless 1..CONTROLS_MAX_DETENTS values ascend strictly in 0..1. */
saqr_status controls_state_set_detents(controls_state *s, const double *detent, int n, saqr_err *err);

/* The aircraft's military detent on the throttle lever (fdm/
 * throttle_detent.h; 1 for a lever without an afterburner range).  A
 * throttle axis with reheat-detent=p then commands
 *   v p' / p                 for v <= p
 *   p' + (v - p)(1 - p')/(1 - p)  above,
 * p' the detent, v what the axis commands without it: the hardware's
 * gate is the aircraft's.  Devices' throttle axes are applied again at
 * once.  SAQR_EINVAL (nothing changed) unless 0 < mil <= 1. */
saqr_status controls_state_set_throttle_mil(controls_state *s, const controls_config *cfg, double mil,
                                            saqr_err *err);

/* A command v of an axis with its gate at p, on a lever whose military
 * detent is mil (the formula above); v itself when p or mil is 0 or 1. */
double controls_reheat_remap(double v, double p, double mil);

/* The controls changed since the last call (bit per controls_id), and
 * clears the record. */
unsigned controls_take_changed(controls_state *s);

/* Attaches a device claimed by section `group` to a free slot (*slot).
 * SAQR_EINVAL for a group out of range, SAQR_ESTATE when all
 * CONTROLS_MAX_DEVICES slots are taken; nothing changes on failure. */
saqr_status controls_attach(controls_state *s, const controls_config *cfg, int group, int *slot, saqr_err *err);

/* Detaches a slot: held buttons are released (held brakes go to 0), the
 * other commands keep their values.  Ignores a free or invalid slot. */
void controls_detach(controls_state *s, const controls_config *cfg, int slot);

/* A reading from the device in `slot`.  Readings of inputs the section does
 * not map, and invalid slots, are ignored.  A button reports 1 down, 0 up;
 * a hat reports its CONTROLS_HAT_* bits.  Nothing here can fail. */
void controls_axis(controls_state *s, const controls_config *cfg, int slot, int axis, int raw);
void controls_button(controls_state *s, const controls_config *cfg, int slot, int button, int down);
void controls_hat(controls_state *s, const controls_config *cfg, int slot, int hat, unsigned bits);

/* The same, by kind of input: `value` is the raw axis reading, 1/0 for a
 * button, the hat's bits for a hat. */
void controls_input(controls_state *s, const controls_config *cfg, int slot, controls_source src, int index,
                    int value);

/* Moves the rate-driven commands (trim, throttle buttons) over dt_s: a
 * button held, or pressed since the last call, moves its command by its
 * rate times dt_s; opposite buttons held together cancel, and the fastest
 * rate held in one direction is the most a command moves.  SAQR_EINVAL
 * (nothing changed) when dt_s is negative or not finite. */
saqr_status controls_advance(controls_state *s, const controls_config *cfg, double dt_s, saqr_err *err);

/* ------------------------------------------------------ configuration */

/* Reads a mapping file.  On failure returns SAQR_EIO (unreadable) or
 * SAQR_EPARSE ("path:line: what") and leaves *cfg emptied. */
saqr_status controls_config_load(const char *path, controls_config *cfg, saqr_err *err);

/* The same from memory; `name` stands for the file in messages. */
saqr_status controls_config_load_memory(const char *text, size_t size, const char *name, controls_config *cfg,
                                        saqr_err *err);

/* ---------------------------------------------------------------- SDL */

/* An open link to SDL's joystick and game-controller subsystems. */
typedef struct controls_sdl controls_sdl;

/* A device SDL reports. */
typedef struct controls_device_info {
    char name[128];                   /* SDL's name of the device                      */
    char guid[CONTROLS_GUID_LEN + 1]; /* SDL's GUID in hex                            */
    int gamepad;                      /* 1 when SDL knows it as a game controller      */
    int group;                        /* section that claimed it; -1: none (ignored)   */
    int slot;                         /* its slot in the controls_state; -1: none      */
} controls_device_info;

/* Initialises SDL's joystick and game-controller subsystems only (no
 * video, no signal handlers, joystick events also in the background),
 * copies cfg and opens the devices present.  Works with no device and no
 * display.  *out is freed with controls_sdl_close.  On failure returns
 * SAQR_EINVAL (bad arguments), SAQR_ENOMEM or SAQR_EIO (SDL could not
 * start, with SDL's message), sets *out = NULL and leaves SDL as it was. */
saqr_status controls_sdl_open(const controls_config *cfg, const saqr_allocator *alloc, controls_state *s,
                              controls_sdl **out, saqr_err *err);

/* Takes SDL's joystick events since the last call: devices added or
 * removed (attached to or detached from s), axis, button and hat readings
 * fed to s, then controls_advance(dt_s).  Returns SAQR_EINVAL (nothing
 * done) for a bad dt_s; a device that cannot be opened is listed with
 * slot -1 and does not stop the others. */
saqr_status controls_sdl_poll(controls_sdl *sdl, controls_state *s, double dt_s, saqr_err *err);

/* Devices SDL reports now, claimed or not (at most CONTROLS_MAX_DEVICES
 * + 8 are listed). */
int controls_sdl_device_count(const controls_sdl *sdl);

/* Device i (0..count-1) into *info; SAQR_EINVAL when i is out of range. */
saqr_status controls_sdl_device(const controls_sdl *sdl, int i, controls_device_info *info, saqr_err *err);

/* Closes the devices and SDL's joystick subsystems (SDL_Quit when nothing
 * else of SDL is in use).  The state keeps its commands; its device slots
 * stay taken until controls_state_init.  NULL is a no-op. */
void controls_sdl_close(controls_sdl *sdl);

/* Frees what SDL keeps for the calling thread (its error text); a thread
 * SDL did not create calls it before it ends if it used controls_sdl_*.
 * Can't fail. */
void controls_sdl_thread_done(void);

#endif
