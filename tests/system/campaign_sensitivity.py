#!/usr/bin/env python3
"""Checks a campaign summary's sensitivity section against its runs.csv,
with statistics worked out here independently of Saqr's C code:

- one pass-rate chart per dispersed parameter, whose bins hold every run
  with a pass flag, each bin's passes counted again from runs.csv;
- every cell of the rank-correlation table equal to Spearman's rho
  computed here (average ranks for ties), to the 4 decimals printed;
- the headline pass rate's 95% interval equal to Wilson's worked here;
- optionally, cells that physics and piloting technique fix the sign of
  (--expect MEASURED PARAM SIGN MIN_ABS).

Usage: campaign_sensitivity.py SUMMARY.html RUNS.csv [--expect M P +|- X]...
Exit 0 when all hold, 1 with a line per failure."""
import csv
import html.parser
import math
import re
import sys


class Summary(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.figures = []  # per sensitivity figure: list of bins (lo, hi, runs, passes)
        self.rho = {}  # (measured, param) -> rho or None
        self.params = []
        self._in_rho_head = False
        self._row = None
        self._cells = []
        self._in_th = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "figure" and a.get("class") == "sens":
            self.figures.append([])
        elif tag == "g" and a.get("class") == "bin" and self.figures:
            self.figures[-1].append((float(a["data-lo"]), float(a["data-hi"]), int(a["data-runs"]),
                                     int(a["data-passes"])))
        elif tag == "table" and a.get("class") == "rho":
            self._in_rho_head = True
        elif tag == "th" and self._in_rho_head:
            self._in_th = True
        elif tag == "tr" and "data-col" in a:
            self._in_rho_head = False
            self._row = a["data-col"]
            self._cells = []
        elif tag == "td" and self._row is not None:
            self._cells.append(float(a["data-rho"]) if "data-rho" in a else None)

    def handle_data(self, data):
        if self._in_th:
            self.params.append(data)

    def handle_endtag(self, tag):
        if tag == "th":
            self._in_th = False
        elif tag == "tr" and self._row is not None:
            for p, v in zip(self.params[1:], self._cells[1:]):  # the first cell is the name
                self.rho[(self._row, p)] = v
            self._row = None


def ranks(v):
    order = sorted(range(len(v)), key=lambda i: v[i])
    r = [0.0] * len(v)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r


def spearman(x, y):
    pairs = [(a, b) for a, b in zip(x, y) if a is not None and b is not None]
    if len(pairs) < 3:
        return None
    rx, ry = ranks([a for a, _ in pairs]), ranks([b for _, b in pairs])
    n = len(pairs)
    mx, my = sum(rx) / n, sum(ry) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    sxx = sum((a - mx) ** 2 for a in rx)
    syy = sum((b - my) ** 2 for b in ry)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def wilson(k, n, z=1.959963984540054):
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return max(0.0, c - h), min(1.0, c + h)


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    s = Summary()
    with open(argv[1], encoding="utf-8") as f:
        text = f.read()
    s.feed(text)
    with open(argv[2], newline="") as f:
        rows = list(csv.DictReader(f))
    col = lambda name: [float(r[name]) if r[name] != "" else None for r in rows]
    fails = []
    flags = [v for v in col("pass") if v is not None]
    m = re.search(r"Pass rate: ([0-9.]+)%</b> \(95% interval ([0-9.]+)% to ([0-9.]+)%\)", text)
    lo, hi = wilson(sum(flags), len(flags))
    if not m or abs(float(m.group(2)) - 100 * lo) > 0.051 or abs(float(m.group(3)) - 100 * hi) > 0.051:
        fails.append(f"headline pass rate: {m.group(0) if m else 'missing'}, Wilson worked here "
                     f"{100 * lo:.1f}% to {100 * hi:.1f}%")
    params = s.params[1:]
    if len(s.figures) != len(params):
        fails.append(f"{len(s.figures)} pass-rate charts for {len(params)} parameters")
    passes = col("pass")
    for p, bins in zip(params, s.figures):
        x = col(p)
        have = [(a, b) for a, b in zip(x, passes) if a is not None and b is not None]
        if sum(b[2] for b in bins) != len(have):
            fails.append(f"{p}: the bins hold {sum(b[2] for b in bins)} runs, runs.csv has {len(have)}")
        for k, (lo, hi, runs, npass) in enumerate(bins):
            last = k == len(bins) - 1
            inside = [b for a, b in have if (a == lo if lo == hi else lo <= a and (a <= hi if last else a < hi))]
            # a value on a bin's edge may fall either side by rounding; allow one run
            if abs(len(inside) - runs) > 1 or abs(sum(inside) - npass) > 1:
                fails.append(f"{p} bin {lo:g}..{hi:g}: {runs} runs {npass} passed, runs.csv "
                             f"{len(inside)} and {sum(inside):g}")
    if not s.rho:
        fails.append("no rank-correlation table")
    for (m, p), got in s.rho.items():
        want = spearman(col(p), col(m))
        if (want is None) != (got is None) or (want is not None and abs(want - got) > 6e-5):
            fails.append(f"rho({m}, {p}): summary {got}, worked here {want}")
    rest = argv[3:]
    while rest:
        if rest[0] != "--expect" or len(rest) < 5:
            print("bad arguments:", " ".join(rest))
            return 2
        m, p, sign, least = rest[1], rest[2], rest[3], float(rest[4])
        got = s.rho.get((m, p))
        if got is None or (got > 0) != (sign == "+") or abs(got) < least:
            fails.append(f"rho({m}, {p}) = {got}: want {sign}{least} or beyond")
        else:
            print(f"    rho({m}, {p}) = {got:+.2f}")
        rest = rest[5:]
    for f in fails:
        print("   ", f)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
