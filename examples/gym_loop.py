#!/usr/bin/env python3
"""gym_loop.py - a gym-style environment over Saqr's batch API.

N Cessna 172s (JSBSim's c172x, initial conditions reset01: 100 kt at
4,000 ft on heading 200, engine running, trimmed level) fly at once in one
saqr.Batch.  Each aircraft must hold its own target altitude and heading,
drawn at random at every episode start, with elevator and aileron:

    obs = env.reset()                        # N x 7 observations
    obs, reward, done, info = env.step(act)  # act: N x 2, in -1..1

observation (per aircraft)  altitude error (ft), climb rate (ft/s),
                            pitch (rad), pitch rate (rad/s),
                            heading error (deg, -180..180), bank (rad),
                            roll rate (rad/s)
action                      fcs/elevator-cmd-norm (positive: nose down),
                            fcs/aileron-cmd-norm (positive: roll right)
reward                      -|altitude error| / 100 ft - |heading error| / 30 deg
done                        the episode's length reached, the altitude error
                            beyond 800 ft, or the aircraft's state failed

An aircraft whose episode ends is put back at once (Batch.reset(i)) with new
targets, as gym's vector environments do; its returned observation is the
new episode's first.  One action lasts 12 frames (0.1 s at 120 Hz).

This program runs a proportional policy with noise (or --policy zero: the
controls left at trim) and prints steps per second and the mean reward.
No gym package is needed.  Arrays are numpy arrays when saqr uses numpy,
lists of lists otherwise (SAQR_NO_NUMPY=1).

    python3 examples/gym_loop.py [--n 64] [--steps 300] [--threads 0]
"""

import argparse
import os
import random
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import saqr  # noqa: E402

if saqr.USING_NUMPY:
    import numpy as np

FRAMES_PER_ACTION = 12
OBS_NAMES = ("position/h-sl-ft", "velocities/h-dot-fps", "attitude/theta-rad", "velocities/q-rad_sec",
             "attitude/psi-deg", "attitude/phi-rad", "velocities/p-rad_sec")


def wrap_deg(x):
    """An angle difference brought into -180..180 (works on arrays too)."""
    return (x + 180.0) % 360.0 - 180.0


class AltitudeHeadingEnv:
    """N aircraft holding altitude and heading; arrays in, arrays out."""

    def __init__(self, root, n, threads=0, seed=1, episode_steps=(150, 250), compile_model=False):
        self.n = n
        self.episode_steps = episode_steps
        self.model = saqr.Fdm()
        self.model.load_aircraft(root, "c172x")
        self.model.load_initfile("reset01")
        if compile_model:
            self.model.compile()    # FCS and aerodynamics as compiled C: same results, faster
        self.model.init()
        self.model.set("propulsion/set-running", -1)     # all engines
        self.model.trim("longitudinal")
        self.trim_alt_ft = self.model.get("position/h-sl-ft")
        self.trim_hdg_deg = self.model.get("attitude/psi-deg")
        self.trim_theta_rad = self.model.get("attitude/theta-rad")
        self.batch = saqr.Batch(self.model, n, threads)
        self.slots = [self.model.property(p) for p in OBS_NAMES]
        self.elevator = self.model.property("fcs/elevator-cmd-norm")
        self.aileron = self.model.property("fcs/aileron-cmd-norm")
        self.rng = random.Random(seed)
        zeros = (lambda dtype: np.zeros(n, dtype)) if saqr.USING_NUMPY else (lambda dtype: [dtype(0)] * n)
        self.target_alt_ft = zeros(float)
        self.target_hdg_deg = zeros(float)
        self.t = zeros(int)                                # steps into the episode
        self.limit = zeros(int)                            # episode length
        self.ret = zeros(float)                            # return so far
        self.finished = []                                 # returns of finished episodes

    def close(self):
        self.batch.close()
        self.model.close()

    def _new_episode(self, i):
        self.target_alt_ft[i] = self.trim_alt_ft + self.rng.uniform(-150.0, 150.0)
        self.target_hdg_deg[i] = self.trim_hdg_deg + self.rng.uniform(-20.0, 20.0)
        self.t[i], self.ret[i] = 0, 0.0
        self.limit[i] = self.rng.randint(*self.episode_steps)

    def _observe(self, values=None):
        """The observations, from `values` (the OBS_NAMES of every aircraft,
        as step_io returns them) or read from the batch."""
        if values is None:
            values = [self.batch.get(s) for s in self.slots]
        h, hdot, theta, q, psi, phi, p = values
        if saqr.USING_NUMPY:
            alt_err = h - self.target_alt_ft
            hdg_err = wrap_deg(psi - self.target_hdg_deg)
            return np.column_stack((alt_err, hdot, theta, q, hdg_err, phi, p))
        return [[h[i] - self.target_alt_ft[i], hdot[i], theta[i], q[i],
                 wrap_deg(psi[i] - self.target_hdg_deg[i]), phi[i], p[i]] for i in range(self.n)]

    def reset(self):
        """Every aircraft back to the trimmed start with new targets."""
        self.batch.reset(range(self.n))
        for i in range(self.n):
            self._new_episode(i)
        return self._observe()

    def step(self, action):
        """Applies one action per aircraft for 0.1 s: the controls set, the
        frames flown and the observations read in one call (step_io)."""
        if saqr.USING_NUMPY:
            a = np.clip(np.asarray(action, dtype=np.float64), -1.0, 1.0)
            controls = {self.elevator: a[:, 0], self.aileron: a[:, 1]}
        else:
            controls = {self.elevator: [min(max(a[0], -1.0), 1.0) for a in action],
                        self.aileron: [min(max(a[1], -1.0), 1.0) for a in action]}
        failed = set()
        try:
            values = self.batch.step_io(FRAMES_PER_ACTION, controls, self.slots)
        except saqr.AircraftFailed as e:
            failed, values = set(e.indices), e.outputs
        obs = self._observe(values)
        if saqr.USING_NUMPY:
            reward = -np.abs(obs[:, 0]) / 100.0 - np.abs(obs[:, 4]) / 30.0
            failed_mask = np.zeros(self.n, dtype=bool)
            failed_mask[sorted(failed)] = True
            reward[failed_mask] = -100.0
            self.ret += reward
            self.t += 1
            done = failed_mask | (np.abs(obs[:, 0]) > 800.0) | (self.t >= self.limit)
            ended = np.flatnonzero(done).tolist()
        else:
            reward, done, ended = [0.0] * self.n, [False] * self.n, []
            for i in range(self.n):
                alt_err, hdg_err = obs[i][0], obs[i][4]
                reward[i] = -100.0 if i in failed else -abs(alt_err) / 100.0 - abs(hdg_err) / 30.0
                self.ret[i] += reward[i]
                self.t[i] += 1
                if i in failed or abs(alt_err) > 800.0 or self.t[i] >= self.limit[i]:
                    done[i] = True
                    ended.append(i)
        if ended:
            self.finished.extend(float(self.ret[i]) for i in ended)
            self.batch.reset(ended)
            for i in ended:
                self._new_episode(i)
            obs = self._observe()
        return obs, reward, done, {"episodes_ended": len(ended), "failed": sorted(failed)}


def proportional_policy(obs, theta_trim_rad, rng, noise=0.05):
    """Pitch attitude from altitude error, bank from heading error, each
    followed with a proportional law on attitude and rate, plus noise."""
    def law(alt_err, hdot, theta, q, hdg_err, phi, p, clip):
        theta_cmd = theta_trim_rad + clip(-0.002 * alt_err - 0.02 * hdot, -0.15, 0.15)
        phi_cmd = clip(-0.03 * hdg_err, -0.4, 0.4)
        elevator = -3.0 * (theta_cmd - theta) + 1.0 * q
        aileron = 1.5 * (phi_cmd - phi) - 0.3 * p
        return elevator, aileron

    if saqr.USING_NUMPY:
        e, a = law(*obs.T, clip=np.clip)
        return np.column_stack((e, a)) + rng.normal(0.0, noise, (len(obs), 2))

    def clip(x, lo, hi):
        return min(max(x, lo), hi)
    out = []
    for o in obs:
        e, a = law(*o, clip=clip)
        out.append([e + rng.gauss(0.0, noise), a + rng.gauss(0.0, noise)])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=64, help="aircraft (default 64)")
    ap.add_argument("--steps", type=int, default=300, help="environment steps (default 300)")
    ap.add_argument("--threads", type=int, default=0, help="worker threads (default 0: one per processor)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--policy", choices=("p", "zero"), default="p",
                    help="p: proportional with noise; zero: controls left at trim")
    ap.add_argument("--compile", action="store_true",
                    help="run the model's FCS and aerodynamics as compiled C (Fdm.compile)")
    ap.add_argument("--root", default=os.path.join(os.environ.get("SAQR_SHARED", "/work/shared"),
                                                   "reference", "jsbsim"), help="JSBSim root folder")
    args = ap.parse_args()

    env = AltitudeHeadingEnv(args.root, args.n, args.threads, args.seed, compile_model=args.compile)
    rng = np.random.default_rng(args.seed) if saqr.USING_NUMPY else random.Random(args.seed)
    zero = (np.zeros((args.n, 2)) if saqr.USING_NUMPY else [[0.0, 0.0] for _ in range(args.n)])
    try:
        obs = env.reset()
        total, count, failures = 0.0, 0, 0
        t0 = time.perf_counter()
        for _ in range(args.steps):
            action = proportional_policy(obs, env.trim_theta_rad, rng) if args.policy == "p" else zero
            obs, reward, done, info = env.step(action)
            total += float(sum(reward))
            count += args.n
            failures += len(info["failed"])
        wall_s = time.perf_counter() - t0
        frames = args.steps * FRAMES_PER_ACTION * args.n
        sim_s = args.steps * FRAMES_PER_ACTION * env.model.dt
        print(f"{args.n} aircraft, {env.batch.threads} threads, {env.batch.bytes_per_aircraft} bytes each, "
              f"{'numpy' if saqr.USING_NUMPY else 'lists'}, policy {args.policy}"
              f"{', compiled' if args.compile else ''}")
        print(f"{args.steps} steps in {wall_s:.3f} s: {args.steps / wall_s:.1f} steps/s, "
              f"{args.steps * args.n / wall_s:.0f} aircraft-steps/s, {frames / wall_s:.0f} aircraft-frames/s, "
              f"{sim_s * args.n / wall_s:.1f}x real time summed over aircraft")
        print(f"episodes ended {len(env.finished)}, failed aircraft {failures}")
        print(f"mean_reward={total / count:.4f}")
    finally:
        env.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
