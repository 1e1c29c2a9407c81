#!/usr/bin/env python3
"""ground-effect.py - the ground-effect tables of an aircraft model.

Standard library only.  Prints the two tables a JSBSim aircraft file reads
against aero/h_b-mac-ft (the height of the aerodynamic reference point
above the ground over the span):

    python3 tools/ground-effect.py --aspect 3.66 --sweep-half-chord 30

kCDge - the factor on the induced drag, McCormick's image-vortex result
    for a wing at height h over a plane (B. W. McCormick, "Aerodynamics,
    Aeronautics and Flight Mechanics", 2nd ed., 1995, sect. 4.5):
        phi = (16 h/b)^2 / (1 + (16 h/b)^2).
kCLge - the factor on the lift at a given angle of attack: the ground
    reduces the induced downwash by phi, as a wing of aspect ratio A / phi
    would have it, so the lift slope is that of the larger aspect ratio
    (USAF DATCOM's subsonic lift slope, sect. 4.1.3.2, at low Mach):
        CL_alpha(A) = 2 pi A / (2 + sqrt(4 + A^2 (1 + tan^2 L)))
    with L the sweep of the half-chord line, and
        kCLge = CL_alpha(A / phi) / CL_alpha(A).
The models use these on the lift of the basic airframe and on the
vortex-induced part of the drag, CL^2 / (pi A) (aircraft/*/README.md).
"""
import argparse
import math


def mccormick_phi(h_b):
    x = (16.0 * h_b) ** 2
    return x / (1.0 + x)


def lift_slope(aspect, sweep_half_chord_deg):
    t2 = math.tan(math.radians(sweep_half_chord_deg)) ** 2
    return 2.0 * math.pi * aspect / (2.0 + math.sqrt(4.0 + aspect * aspect * (1.0 + t2)))


def positive(text):
    """argparse type: a number above zero."""
    try:
        x = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}")
    if not (x > 0.0 and math.isfinite(x)):
        raise argparse.ArgumentTypeError(f"must be above zero: {text!r}")
    return x


def positive_list(text):
    """argparse type: comma-separated numbers above zero."""
    return [positive(t) for t in text.split(",")]


def sweep(text):
    """argparse type: a sweep angle, deg, from 0 up to (not) 90."""
    try:
        x = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}")
    if not (0.0 <= x < 90.0):
        raise argparse.ArgumentTypeError(f"must be from 0 up to 90 degrees: {text!r}")
    return x


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--aspect", type=positive, required=True, help="wing aspect ratio b^2 / S")
    ap.add_argument("--sweep-half-chord", type=sweep, default=0.0, help="sweep of the half-chord line, deg")
    ap.add_argument("--heights", type=positive_list, default="0.05,0.10,0.15,0.20,0.30,0.50,1.00",
                    help="h/b breakpoints, comma-separated")
    ap.add_argument("--free-from", type=float, default=1.0,
                    help="h/b from which both factors are 1 (the formulas only tend to 1; "
                         "a table's last value holds above its last breakpoint)")
    a = ap.parse_args()
    heights = a.heights
    free = lift_slope(a.aspect, a.sweep_half_chord)
    print("h/b      kCDge    kCLge")
    for h in heights:
        phi = mccormick_phi(h)
        k_cl = lift_slope(a.aspect / phi, a.sweep_half_chord) / free
        if h >= a.free_from:
            phi = k_cl = 1.0
        print(f"{h:5.3f}  {phi:7.4f}  {k_cl:7.4f}")


if __name__ == "__main__":
    main()
