"""Accuracy of the continued-fraction route of Models/StochasticFrontier/TruncatedNormalCumulants.swift.

The cumulants k1..k4 of N(L, 1) truncated to (0, inf) are the derivatives of ln Phi (k1 = L + m,
k2 = 1 + m', k3 = m'', k4 = m''').  For L < -3 the Swift code takes them from the Taylor jet of
ln K1(x), x = -L, K_s = x + s/K_{s+1} evaluated backwards from depth 80 (x <= 6) or 32 (x > 6).
This script repeats that algorithm in double precision and compares it with mpmath at 60 digits
(numerical differentiation of ln Phi), printing the largest relative error over a grid of L in
[-1e5, -3] (measured: 1.1e-15).  Run: python3 scripts/peers/truncated-normal-cumulants.py
"""
import math

import mpmath as mp

mp.mp.dps = 60
N = 5


def reference(L):
    d = list(mp.diffs(lambda l: mp.log(mp.ncdf(l)), mp.mpf(L), 4))
    return [L + d[1], 1 + d[2], d[3], d[4]]


def reciprocal(a):
    c = [0.0] * N
    c[0] = 1 / a[0]
    for n in range(1, N):
        c[n] = -sum(a[k] * c[n - k] for k in range(1, n + 1)) / a[0]
    return c


def logarithm(a):
    g = [0.0] * N
    g[0] = math.log(a[0])
    for n in range(1, N):
        g[n] = (a[n] - sum(k * g[k] * a[n - k] for k in range(1, n)) / n) / a[0]
    return g


def jet_cumulants(L):
    x = -L
    depth = 80 if x <= 6 else 32
    r = math.sqrt(x * x + 4 * depth)
    k = [(x + r) / 2, 0.5 * (1 + x / r), 0.0, 0.0, 0.0]
    for s in range(depth - 1, 0, -1):
        q = reciprocal(k)
        k = [s * v for v in q]
        k[0] += x
        k[1] += 1
    g = logarithm(k)
    return [g[1], -2 * g[2], 6 * g[3], -24 * g[4]]


grid = [-3.0001 - 9 * i / 59 for i in range(60)] + [-15, -20, -30, -60, -100, -300, -1e3, -1e4, -1e5]
worst, where = 0.0, None
for L in grid:
    err = max(abs((a - float(b)) / float(b)) for a, b in zip(jet_cumulants(L), reference(L)))
    if err > worst:
        worst, where = err, L
print(f"largest relative error {worst:.3g} at L = {where:.4g}")
