/*
 * virtual_joystick.h - SDL's virtual joysticks for tests of the trainee's
 * controls: a device attached with no hardware and no display, its axes
 * set by the test, and the controls file a station reads it with.
 */
#ifndef SAQR_TEST_VIRTUAL_JOYSTICK_H
#define SAQR_TEST_VIRTUAL_JOYSTICK_H

#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

/* Plugs in one of SDL's virtual devices (SDL's joystick subsystem
 * started): its device index, -1 when SDL has no virtual driver. */
static inline int virtual_joystick_plug(SDL_JoystickType type, const char *name, int naxes, int nbuttons, int nhats)
{
    SDL_VirtualJoystickDesc desc;
    memset(&desc, 0, sizeof desc);
    desc.version = SDL_VIRTUAL_JOYSTICK_DESC_VERSION;
    desc.type = (Uint16)type;
    desc.naxes = (Uint16)naxes;
    desc.nbuttons = (Uint16)nbuttons;
    desc.nhats = (Uint16)nhats;
    desc.name = name;
    return SDL_JoystickAttachVirtualEx(&desc);
}

/* A virtual device named `name` of `naxes` axes and `nbuttons` buttons,
 * SDL's joystick subsystem started (no video, no audio): its device
 * index.  Skips the test when this SDL has no virtual joystick driver. */
static inline int virtual_joystick_attach(SDL_JoystickType type, const char *name, int naxes, int nbuttons)
{
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    assert_int_equal(SDL_InitSubSystem(SDL_INIT_JOYSTICK), 0);
    int index = virtual_joystick_plug(type, name, naxes, nbuttons, 0);
    if (index < 0) {
        SDL_QuitSubSystem(SDL_INIT_JOYSTICK);
        skip(); /* this SDL has no virtual joystick driver */
    }
    return index;
}

/* Sets axis `axis` of the virtual device at `index` (opened by whoever
 * reads it) to `raw`. */
static inline void virtual_joystick_axis(int index, int axis, Sint16 raw)
{
    SDL_Joystick *j = SDL_JoystickFromInstanceID(SDL_JoystickGetDeviceInstanceID(index));
    assert_non_null(j);
    assert_int_equal(SDL_JoystickSetVirtualAxis(j, axis, raw), 0);
}

/* Detaches the device and stops the joystick subsystem. */
static inline void virtual_joystick_detach(int index)
{
    SDL_JoystickDetachVirtual(index);
    SDL_QuitSubSystem(SDL_INIT_JOYSTICK);
}

/* A throttle quadrant's controls file at `path`: its axis 3, forward
 * negative, is the throttle, with the afterburner gate at 85% of the
 * travel (reheat-detent=0.85; docs/controls.md). */
static inline void write_gated_quadrant_controls(const char *path)
{
    FILE *cf = fopen(path, "w");
    assert_non_null(cf);
    fputs("<controls>\n<joystick name=\"Quadrant\">\n"
          "<axis index=\"3\" control=\"throttle\" invert=\"yes\" reheat-detent=\"0.85\"/>\n"
          "</joystick>\n</controls>\n",
          cf);
    fclose(cf);
}

/* The raw reading of that quadrant's axis with the lever at its gate:
 * inverted, 85% of the travel forward is -0.7 of full. */
#define QUADRANT_GATE_RAW ((Sint16)-22937)

#endif
