#!/usr/bin/env python3
"""trig-coefficients.py - derives every constant of src/math/trig.c.

Standard library only.  Run with no arguments, it prints the block that
trig.c holds between its "generated" markers: 2/pi and the pieces of pi/2
for the argument reduction, pi/2 and pi as high + low, the polynomial
coefficients, the arctangent table and the bits of 2/pi for the Payne-Hanek
reduction, with comments that state the error of each piece (the bound of
each polynomial as rounded to doubles; how close a double below 2^20 comes
to a multiple of pi/2).  Nothing is copied from another library: pi comes
from Machin's formula in integer arithmetic, the functions from their
series in 100-digit decimal arithmetic, the polynomials from the Remez
exchange below.  It takes about 10 s.

    python3 tools/trig-coefficients.py > /tmp/trig-constants.txt

Method (Muller, "Elementary Functions: Algorithms and Implementation",
3rd ed., ch. 3 for minimax approximation and the Remez algorithm, ch. 11
for the argument reduction):
  sin x  = x + x^3 S(x^2)            |x| <= pi/4 (a little more)
  cos x  = 1 - x^2/2 + x^4 C(x^2)    |x| <= pi/4 (a little more)
  atan u = u + u^3 A(u^2)            |u| <= 1/64
S and C minimise the largest relative error of sin and cos; A the absolute
error of u^3 A(u^2), which is added to a result at least 31 times larger
than u.  The coefficients are rounded to doubles one at a time, the others
fitted again after each (round_and_refit).
"""
import decimal
from decimal import Decimal as D
import struct

decimal.getcontext().prec = 100


# ---------------------------------------------------------------- pi
def pi_scaled(bits):
    """floor(pi * 2^bits), from Machin: pi/4 = 4 atan(1/5) - atan(1/239)."""
    guard = 64
    one = 1 << (bits + guard)

    def atan_inv(n):  # atan(1/n) * one, by its alternating series
        total, term, k, n2 = 0, one // n, 0, n * n
        while term:
            total += term // (2 * k + 1) if k % 2 == 0 else -(term // (2 * k + 1))
            term //= n2
            k += 1
        return total

    return (4 * (4 * atan_inv(5) - atan_inv(239))) >> guard


PI_BITS = 1400
PI_INT = pi_scaled(PI_BITS)
PI = D(PI_INT) / D(2) ** PI_BITS  # to the context's 100 digits


# ---------------------------------------------------------------- doubles
def dbl(v):
    """Nearest double of a Decimal (float() of a decimal string rounds correctly)."""
    return float(v)


def hexd(x):
    return float.hex(x)


def from_bits(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


def truncate_bits(v, nbits):
    """v (> 0) truncated towards zero to nbits significant bits, as a double."""
    e = 0
    while v >= 2:
        v /= 2
        e += 1
    while v < 1:
        v *= 2
        e -= 1
    m = int(v * (1 << (nbits - 1)))  # floor, v in [1, 2)
    return float(m) * 2.0 ** (e - (nbits - 1))


def round_to_multiple(v, quantum_exp):
    """v rounded to the nearest multiple of 2^quantum_exp, as a double."""
    q = D(2) ** quantum_exp
    return dbl((v / q).to_integral_value(rounding=decimal.ROUND_HALF_EVEN) * q)


# ---------------------------------------------------------------- series
def sin_d(x):
    x = D(x)
    s, t, k = x, x, 1
    while abs(t) > D(10) ** -110:
        t = -t * x * x / ((2 * k) * (2 * k + 1))
        s += t
        k += 1
    return s


def cos_d(x):
    x = D(x)
    s, t, k = D(1), D(1), 1
    while abs(t) > D(10) ** -110:
        t = -t * x * x / ((2 * k - 1) * (2 * k))
        s += t
        k += 1
    return s


def atan_d(x):
    """atan by argument halving (atan x = 2 atan(x / (1 + sqrt(1 + x^2))))
    until |x| < 1/8, then the alternating series."""
    x = D(x)
    scale = 1
    while abs(x) > D(1) / 8:
        x = x / (1 + (1 + x * x).sqrt())
        scale *= 2
    s, t, k, x2 = x, x, 1, x * x
    while abs(t) > D(10) ** -110:
        t = -t * x2
        s += t / (2 * k + 1)
        k += 1
    return scale * s


# g(z) of each polynomial, straight from the series so that nothing cancels.
def taylor_tail(z, m):
    """The tail of sin's (m = 1) or cos's (m = 2) Taylor series after its
    terms of degree <= m, divided by x^(m + 2): the sum over j >= 0 of
    -+ z^j / (m + 2 + 2j)!, the sign alternating with the degree."""
    s, t = D(0), D(1) / (1 if m == 1 else 2)
    while True:
        t = t / ((m + 1) * (m + 2))
        m += 2
        s += t if (m // 2) % 2 == 0 else -t
        if abs(t) < D(10) ** -105:
            return s
        t *= z


def g_sin(z):  # (sin x - x) / x^3 with z = x^2
    return taylor_tail(z, 1)


def g_cos(z):  # (cos x - 1 + x^2/2) / x^4
    return taylor_tail(z, 2)


def g_atan(z):  # (atan u - u) / u^3
    s, t, k = D(0), D(1), 1
    while True:
        term = t / (2 * k + 1) * (1 if k % 2 == 0 else -1)
        s += term
        if abs(t) < D(10) ** -105:
            return s
        t *= z
        k += 1


# ---------------------------------------------------------------- Remez
def solve(a, b):
    """Gaussian elimination with partial pivoting, in Decimal."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for k in range(c, n + 1):
                m[r][k] -= f * m[c][k]
    x = [D(0)] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))) / m[r][r]
    return x


def poly(p, z):
    s = D(0)
    for c in reversed(p):
        s = s * z + c
    return s


def remez(g, w, zmax, n, grid=1500, iters=12):
    """Coefficients p[0..n-1] of P(z) minimising max |w(z) (P(z) - g(z))|
    over [0, zmax]; returns (p, levelled error)."""
    zmax = D(zmax)
    pi = PI
    # Chebyshev nodes of the second kind as the first reference.
    ref = [zmax * (1 - D(cos_d(pi * j / n))) / 2 for j in range(n + 1)]
    ref[0] = zmax / D(10) ** 6  # w vanishes at 0: start just inside
    pts = [zmax * D(i) / grid for i in range(1, grid + 1)]
    gp = {z: g(z) for z in pts}
    wp = {z: w(z) for z in pts}
    best = None
    for _ in range(iters):
        a = [[z**i for i in range(n)] + [D((-1) ** j) / w(z)] for j, z in enumerate(ref)]
        sol = solve(a, [g(z) for z in ref])
        p, lev = sol[:n], abs(sol[n])
        err = [(z, wp[z] * (poly(p, z) - gp[z])) for z in pts]
        # local extrema of the error on the grid, with the end point
        ext = [err[0]]
        for i in range(1, len(err) - 1):
            if abs(err[i][1]) >= abs(err[i - 1][1]) and abs(err[i][1]) >= abs(err[i + 1][1]):
                ext.append(err[i])
        ext.append(err[-1])
        # keep, of each run of equal sign, the largest
        alt = []
        for z, e in ext:
            if alt and (alt[-1][1] > 0) == (e > 0):
                if abs(e) > abs(alt[-1][1]):
                    alt[-1] = (z, e)
            else:
                alt.append((z, e))
        while len(alt) > n + 1:  # drop the smaller end
            alt.pop(0 if abs(alt[0][1]) < abs(alt[-1][1]) else -1)
        emax = max(abs(e) for _, e in err)
        best = (p, emax)
        if len(alt) < n + 1 or emax <= lev * D("1.0001"):
            break
        ref = [z for z, _ in alt]
    return best


def round_and_refit(g, w, zmax, n):
    """Rounds the coefficients to doubles one at a time, lowest degree first,
    fitting the remaining ones again each time so that they absorb the
    rounding of those already fixed (Muller, sec. 3.6)."""
    fixed = []
    for i in range(n):
        k = len(fixed)

        def gi(z, k=k):
            return (g(z) - poly([D(c) for c in fixed], z)) / z**k if k else g(z)

        def wi(z, k=k):
            return w(z) * z**k

        p, _ = remez(gi, wi, zmax, n - k)
        fixed.append(dbl(p[0]))
    return fixed


def max_error(p, g, w, zmax, grid=6000):
    zmax = D(zmax)
    return max(abs(w(z) * (poly(p, z) - g(z))) for z in (zmax * D(i) / grid for i in range(1, grid + 1)))


def log2(x):
    x = D(x)
    if x == 0:
        return float("-inf")
    return float(x.ln() / D(2).ln())


# ---------------------------------------------------------------- output
def main():
    out = []
    emit = out.append
    pio2 = PI / 2

    emit("/* ---- generated by tools/trig-coefficients.py: begin ---- */")
    # Reduction constants.  Pieces of pi/2 with 33 significant bits: k * piece
    # is exact for |k| < 2^20.
    p1 = truncate_bits(pio2, 33)
    rest1 = pio2 - D(p1)
    p2 = truncate_bits(rest1, 33)
    rest2 = rest1 - D(p2)
    p3 = truncate_bits(rest2, 33)
    rest3 = rest2 - D(p3)
    p4 = dbl(rest3)
    p2t = dbl(rest1)  # the whole tail after p1, for the fast path
    emit("/* 2/pi, and pi/2 in pieces: PIO2_1..3 have 33 significant bits (k * piece is")
    emit(" * exact for |k| < 2^20); PIO2_1T = pi/2 - PIO2_1 rounded; PIO2_4 =")
    emit(" * pi/2 - PIO2_1 - PIO2_2 - PIO2_3 rounded. */")
    emit("#define INV_PIO2 %s /* %s */" % (hexd(dbl(2 / PI)), format(dbl(2 / PI), ".17g")))
    emit("#define PIO2_1 %s" % hexd(p1))
    emit("#define PIO2_1T %s" % hexd(p2t))
    emit("#define PIO2_2 %s" % hexd(p2))
    emit("#define PIO2_3 %s" % hexd(p3))
    emit("#define PIO2_4 %s" % hexd(p4))
    emit("/*   |pi/2 - PIO2_1 - PIO2_1T|          = 2^%.1f" % log2(abs(rest1 - D(p2t))))
    emit(" *   |pi/2 - PIO2_1 - ... - PIO2_4|     = 2^%.1f */" % log2(abs(rest3 - D(p4))))

    # How close can a double x with |x| < 2^20 come to a multiple k pi/2?
    # This bounds how small the reduced argument gets, hence how accurate
    # the reduction must be.  Each k: distance from k pi/2 to the nearest
    # double of its binade, in fixed point with 300 fraction bits.
    fb = 300
    pio2_fixed = (PI_INT >> (PI_BITS - fb)) // 2
    closest, closest_rel = (1.0, 0), (1.0, 0)
    for k in range(1, int(2**20 / 1.5707963267948966) + 2):
        v = k * pio2_fixed
        ulp_shift = fb - 52 + (v >> fb).bit_length() - 1  # ulp of k pi/2, in 2^-fb
        r = v % (1 << ulp_shift)
        d = min(r, (1 << ulp_shift) - r) / 2.0**fb
        closest = min(closest, (d, k))
        closest_rel = min(closest_rel, (d / (k * 1.5707963267948966), k))
    emit("/*   below 2^20 the doubles come no closer to a multiple k pi/2 than 2^%.1f"
         % log2(D(closest[0])))
    emit(" *   (k = %d), nor closer than 2^%.1f |x| (k = %d) */"
         % (closest[1], log2(D(closest_rel[0])), closest_rel[1]))

    # pi/2 and pi split so that the high parts are multiples of 2^-51, like
    # the high parts of the arctangent table: base +- table high is exact.
    pio2_hi = round_to_multiple(pio2, -51)
    pi_hi = round_to_multiple(PI, -51)
    assert pio2_hi == dbl(pio2) and pi_hi == dbl(PI)
    emit("/* pi/2 and pi as high (the nearest double, a multiple of 2^-51) + low. */")
    emit("#define PIO2_HI %s" % hexd(pio2_hi))
    emit("#define PIO2_LO %s" % hexd(dbl(pio2 - D(pio2_hi))))
    emit("#define PI_HI %s" % hexd(pi_hi))
    emit("#define PI_LO %s" % hexd(dbl(PI - D(pi_hi))))
    emit("/* pi/4 and 3 pi/4, the nearest doubles (atan2 of two infinities; pi/4 also")
    emit(" * bounds sin and cos's unreduced range: PIO4 < pi/4). */")
    emit("#define PIO4 %s" % hexd(dbl(PI / 4)))
    emit("#define THREE_PIO4 %s" % hexd(dbl(3 * PI / 4)))
    assert dbl(PI / 4) < PI / 4

    # Polynomials.  The interval reaches a little past pi/4: the reduction's
    # k = round(x * INV_PIO2) can be off by one near odd multiples of pi/4.
    xmax = PI / 4 * (1 + D(2) ** -30)
    zmax = xmax * xmax

    def w_sin(z):
        x = z.sqrt()
        return z * x / sin_d(x)

    def w_cos(z):
        x = z.sqrt()
        return z * z / cos_d(x)

    umax = D(1) / 64

    def w_atan(z):
        return z * z.sqrt()

    for name, g, w, zm, n, what in (
        ("S", g_sin, w_sin, zmax, 6, "sin x = x + x^3 S(x^2), |x| <= pi/4; relative error of sin"),
        ("C", g_cos, w_cos, zmax, 6, "cos x = 1 - x^2/2 + x^4 C(x^2), |x| <= pi/4; relative error of cos"),
        ("A", g_atan, w_atan, umax * umax, 3, "atan u = u + u^3 A(u^2), |u| <= 1/64; absolute error"),
    ):
        p, _ = remez(g, w, zm, n)
        e_exact = max_error(p, g, w, zm)
        pd = round_and_refit(g, w, zm, n)
        e_dbl = max_error([D(c) for c in pd], g, w, zm)
        emit("/* %s */" % what)
        for i, c in enumerate(pd):
            emit("#define %s%d %s /* %s */" % (name, i, hexd(c), format(c, ".17g")))
        emit("/*   error bound: 2^%.1f with exact coefficients, 2^%.1f as rounded */"
             % (log2(e_exact), log2(e_dbl)))

    # Arctangent table.  Cell i covers the doubles t whose bits >> 48 equal
    # ATAN_BASE + i: t in [2^e (1 + m/16), 2^e (1 + (m+1)/16)) for
    # 2^-30 <= t < 2^30.  Its centre c has 6 significant bits; atan(c) is
    # stored as a high part rounded to a multiple of 2^-51 (so that
    # PI_HI - high is exact) plus the rest.
    first = (1023 - 30) << 4
    ncells = 60 << 4
    emit("/* atan table: c = centre of cell i (bits (ATAN_BASE + i) << 48 | 1 << 47),")
    emit(" * ATAN_TABLE[i] = { atan(c) rounded to a multiple of 2^-51, the rest }. */")
    emit("#define ATAN_BASE 0x%x" % first)
    emit("#define ATAN_CELLS %d" % ncells)
    emit("static const double ATAN_TABLE[ATAN_CELLS][2] = {")
    worst_u = D(0)
    cells = []
    for i in range(ncells):
        top = first + i
        c = from_bits((top << 48) | (1 << 47))
        for t in (from_bits(top << 48), from_bits((top + 1) << 48)):
            u = abs((D(t) - D(c)) / (1 + D(t) * D(c)))
            worst_u = max(worst_u, u)
        a = atan_d(c)
        ahi = round_to_multiple(a, -51)
        alo = dbl(a - D(ahi))
        cells.append("{%s, %s}," % (hexd(ahi), hexd(alo)))
    for i in range(0, ncells, 2):
        emit("    " + " ".join(cells[i:i + 2]))
    emit("};")
    emit("/*   largest |u| = |(t - c) / (1 + t c)| over the cells: %.6g (<= 1/64) */" % worst_u)
    assert worst_u <= umax

    # Bits of 2/pi for the Payne-Hanek reduction: word k holds bits 32k+1 ..
    # 32k+32 after the binary point.  37 words reach the largest exponent.
    nwords = 37
    nb = 32 * nwords
    two_over_pi = (1 << (nb + 1 + PI_BITS)) // PI_INT  # floor(2^nb 2/pi), +-1
    check = (1 << (nb + 1 + PI_BITS - 100)) // (PI_INT >> 100)
    assert two_over_pi >> 64 == check >> 64, "2/pi bits not settled"
    emit("/* 2/pi = sum of TWO_OVER_PI[k] 2^-(32 (k+1)) (Payne-Hanek reduction). */")
    emit("static const uint32_t TWO_OVER_PI[%d] = {" % nwords)
    words = [(two_over_pi >> (32 * (nwords - 1 - k))) & 0xFFFFFFFF for k in range(nwords)]
    for i in range(0, nwords, 6):
        emit("    " + " ".join("0x%08x," % wd for wd in words[i:i + 6]))
    emit("};")
    emit("/* ---- generated by tools/trig-coefficients.py: end ---- */")
    print("\n".join(out))


if __name__ == "__main__":
    main()
