/*
 * controls_sdl.c - the trainee's joysticks, throttles, pedals and
 * gamepads read through SDL2 (see controls.h).
 *
 * Only SDL's joystick and game-controller subsystems are started (which
 * bring its event queue, but no video and, by the hint
 * SDL_NO_SIGNAL_HANDLERS, no SIGINT/SIGTERM handlers), and only when
 * controls_sdl_open is called: the rest of Saqr links SDL but never
 * starts it.  Devices are found at open and then through SDL's hot-plug
 * events; each is claimed by the first section of the configuration that
 * matches it (controls_config_match).  A device claimed by a <gamepad>
 * section is opened as an SDL_GameController and read through SDL's
 * standard layout; any other claimed device as a plain SDL_Joystick.
 *
 * SDL keeps process-wide state of its own; this handle owns no more than
 * its reference to the subsystems (SDL counts them), so several handles,
 * or another user of SDL in the process, can coexist.  poll takes only
 * the joystick and game-controller events from SDL's queue.
 *
 * Reference: SDL 2 API (SDL_joystick.h, SDL_gamecontroller.h,
 * SDL_events.h, SDL_hints.h), wiki.libsdl.org.
 */
#include <SDL.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "station/controls.h"
#include "util/mem.h"

#define SUBSYSTEMS (SDL_INIT_JOYSTICK | SDL_INIT_GAMECONTROLLER)
#define MAX_SEEN (CONTROLS_MAX_DEVICES + 8) /* devices listed, claimed or not */
#define EVENT_BATCH 64                       /* events taken from SDL at once  */

/* A device SDL reports. */
typedef struct seen_device {
    SDL_JoystickID id;       /* SDL's instance id (stable while plugged in)   */
    SDL_Joystick *joy;       /* open joystick; NULL when not opened           */
    SDL_GameController *pad; /* open game controller (gamepad sections) or NULL */
    controls_device_info info; /* what controls_sdl_device reports             */
} seen_device;

struct controls_sdl {
    saqr_allocator alloc;    /* the allocator this handle came from        */
    controls_config cfg;     /* the caller's mapping, copied at open        */
    seen_device dev[MAX_SEEN]; /* devices reported, in order of arrival     */
    int ndev;                /* entries of dev in use                        */
};

/* ------------------------------------------------------------ devices */

static int find_device(const controls_sdl *sdl, SDL_JoystickID id)
{
    for (int i = 0; i < sdl->ndev; i++)
        if (sdl->dev[i].id == id)
            return i;
    return -1;
}

static void close_device(seen_device *d)
{
    if (d->pad)
        SDL_GameControllerClose(d->pad); /* closes its joystick too */
    else if (d->joy)
        SDL_JoystickClose(d->joy);
    d->pad = NULL;
    d->joy = NULL;
}

/* SDL device index `index` appeared (at open or hot-plugged): list it and,
 * when a section with mappings claims it, open it and attach it to s.
 * Devices already listed, and devices past MAX_SEEN, are ignored. */
static void add_device(controls_sdl *sdl, controls_state *s, int index)
{
    SDL_JoystickID id = SDL_JoystickGetDeviceInstanceID(index);
    if (id < 0 || find_device(sdl, id) >= 0 || sdl->ndev >= MAX_SEEN)
        return;
    seen_device *d = &sdl->dev[sdl->ndev];
    memset(d, 0, sizeof *d);
    d->id = id;
    const char *name = SDL_JoystickNameForIndex(index);
    snprintf(d->info.name, sizeof d->info.name, "%s", name ? name : "");
    SDL_JoystickGetGUIDString(SDL_JoystickGetDeviceGUID(index), d->info.guid, (int)sizeof d->info.guid);
    d->info.gamepad = SDL_IsGameController(index) == SDL_TRUE;
    d->info.group = controls_config_match(&sdl->cfg, d->info.name, d->info.guid, d->info.gamepad);
    d->info.slot = -1;
    sdl->ndev++;
    if (d->info.group < 0 || sdl->cfg.group[d->info.group].count == 0)
        return; /* unclaimed, or claimed by an empty section to be ignored */
    if (sdl->cfg.group[d->info.group].gamepad) {
        d->pad = SDL_GameControllerOpen(index);
        d->joy = d->pad ? SDL_GameControllerGetJoystick(d->pad) : NULL;
    } else {
        d->joy = SDL_JoystickOpen(index);
    }
    if (!d->joy || controls_attach(s, &sdl->cfg, d->info.group, &d->info.slot, NULL) != SAQR_OK) {
        d->info.slot = -1;
        close_device(d);
    }
}

static void remove_device(controls_sdl *sdl, controls_state *s, SDL_JoystickID id)
{
    int i = find_device(sdl, id);
    if (i < 0)
        return;
    seen_device *d = &sdl->dev[i];
    if (d->info.slot >= 0)
        controls_detach(s, &sdl->cfg, d->info.slot);
    close_device(d);
    memmove(&sdl->dev[i], &sdl->dev[i + 1], (size_t)(sdl->ndev - i - 1) * sizeof sdl->dev[0]);
    sdl->ndev--;
}

/* The slot of device `id` when it is attached and read as a gamepad
 * (want_pad) or a joystick (!want_pad); -1 otherwise.  A device already
 * unplugged has no slot either: when SDL loses a device it first sends
 * readings that return every axis to where it was at open and release
 * every button, and those must not move the controls (a throttle pulled
 * out would otherwise jump to its old position). */
static int reading_slot(const controls_sdl *sdl, SDL_JoystickID id, int want_pad)
{
    int i = find_device(sdl, id);
    if (i < 0 || sdl->dev[i].info.slot < 0 || (sdl->dev[i].pad != NULL) != (want_pad != 0) ||
        SDL_JoystickGetAttached(sdl->dev[i].joy) != SDL_TRUE)
        return -1;
    return sdl->dev[i].info.slot;
}

/* ------------------------------------------------------------- events */

/* A reading of input `index` of device `id`, read as a gamepad (pad) or
 * a joystick, fed to the mapping (ignored when the device has no slot). */
static void reading(controls_sdl *sdl, controls_state *s, SDL_JoystickID id, int pad, controls_source src, int index,
                    int value)
{
    controls_input(s, &sdl->cfg, reading_slot(sdl, id, pad), src, index, value);
}

static void handle_event(controls_sdl *sdl, controls_state *s, const SDL_Event *e)
{
    switch (e->type) {
    case SDL_JOYDEVICEADDED:
        add_device(sdl, s, e->jdevice.which);
        break;
    case SDL_JOYDEVICEREMOVED:
        remove_device(sdl, s, e->jdevice.which);
        break;
    case SDL_JOYAXISMOTION:
        reading(sdl, s, e->jaxis.which, 0, CONTROLS_SRC_AXIS, e->jaxis.axis, e->jaxis.value);
        break;
    case SDL_JOYBUTTONDOWN:
    case SDL_JOYBUTTONUP:
        reading(sdl, s, e->jbutton.which, 0, CONTROLS_SRC_BUTTON, e->jbutton.button, e->jbutton.state);
        break;
    case SDL_JOYHATMOTION:
        reading(sdl, s, e->jhat.which, 0, CONTROLS_SRC_HAT, e->jhat.hat, e->jhat.value);
        break;
    case SDL_CONTROLLERAXISMOTION:
        reading(sdl, s, e->caxis.which, 1, CONTROLS_SRC_AXIS, e->caxis.axis, e->caxis.value);
        break;
    case SDL_CONTROLLERBUTTONDOWN:
    case SDL_CONTROLLERBUTTONUP:
        reading(sdl, s, e->cbutton.which, 1, CONTROLS_SRC_BUTTON, e->cbutton.button, e->cbutton.state);
        break;
    default: /* controller added/removed come as joystick events too */
        break;
    }
}

/* ------------------------------------------------------------- public */

saqr_status controls_sdl_open(const controls_config *cfg, const saqr_allocator *alloc, controls_state *s,
                              controls_sdl **out, saqr_err *err)
{
    if (out)
        *out = NULL;
    if (!cfg || !s || !out || cfg->ngroups < 1 || cfg->ngroups > CONTROLS_MAX_GROUPS || cfg->nmaps < 0 ||
        cfg->nmaps > CONTROLS_MAX_MAPS)
        return err_set(err, SAQR_EINVAL, "controls: no configuration, state or handle to open");
    if (!alloc)
        alloc = mem_default();
    controls_sdl *sdl = mem_alloc(alloc, sizeof *sdl);
    if (!sdl)
        return err_set(err, SAQR_ENOMEM, "controls: out of memory");
    sdl->alloc = *alloc;
    sdl->cfg = *cfg;
    /* defaults only: the environment (SDL_NO_SIGNAL_HANDLERS=0 ...) wins */
    SDL_SetHintWithPriority(SDL_HINT_NO_SIGNAL_HANDLERS, "1", SDL_HINT_DEFAULT);
    SDL_SetHintWithPriority(SDL_HINT_JOYSTICK_ALLOW_BACKGROUND_EVENTS, "1", SDL_HINT_DEFAULT);
    if (SDL_InitSubSystem(SUBSYSTEMS) != 0) {
        saqr_status st = err_set(err, SAQR_EIO, "controls: SDL cannot start its joystick subsystem: %s",
                                 SDL_GetError());
        mem_free(alloc, sdl);
        return st;
    }
    int n = SDL_NumJoysticks();
    for (int i = 0; i < n; i++)
        add_device(sdl, s, i);
    *out = sdl;
    return SAQR_OK;
}

saqr_status controls_sdl_poll(controls_sdl *sdl, controls_state *s, double dt_s, saqr_err *err)
{
    if (!sdl || !s || !(dt_s >= 0.0) || !isfinite(dt_s))
        return err_set(err, SAQR_EINVAL, "controls: bad poll (time step %g s)", dt_s);
    SDL_PumpEvents();
    SDL_Event ev[EVENT_BATCH];
    int n;
    /* SDL_JOYAXISMOTION .. the last controller event: all joystick and
     * game-controller events, nothing of anyone else's */
    while ((n = SDL_PeepEvents(ev, EVENT_BATCH, SDL_GETEVENT, SDL_JOYAXISMOTION, SDL_FINGERDOWN - 1)) > 0)
        for (int i = 0; i < n; i++)
            handle_event(sdl, s, &ev[i]);
    return controls_advance(s, &sdl->cfg, dt_s, err);
}

int controls_sdl_device_count(const controls_sdl *sdl)
{
    return sdl ? sdl->ndev : 0;
}

saqr_status controls_sdl_device(const controls_sdl *sdl, int i, controls_device_info *info, saqr_err *err)
{
    if (!sdl || !info || i < 0 || i >= sdl->ndev)
        return err_set(err, SAQR_EINVAL, "controls: no device %d", i);
    *info = sdl->dev[i].info;
    return SAQR_OK;
}

void controls_sdl_close(controls_sdl *sdl)
{
    if (!sdl)
        return;
    for (int i = 0; i < sdl->ndev; i++)
        close_device(&sdl->dev[i]);
    SDL_QuitSubSystem(SUBSYSTEMS);
    /* the last user of SDL lets it free everything (hints included) */
    if (SDL_WasInit(SDL_INIT_EVERYTHING) == 0)
        SDL_Quit();
    saqr_allocator alloc = sdl->alloc;
    mem_free(&alloc, sdl);
}

void controls_sdl_thread_done(void)
{
    SDL_TLSCleanup();
}
