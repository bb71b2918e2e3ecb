#!/usr/bin/env python3
"""Independent expected values for Tests/TolokEndToEndTests/ZeroDataEndToEndTests.swift
(docs/DEA.md, "Zeros"), by scipy.optimize.linprog (HiGHS) and plain enumeration.

Run: python3 scripts/zero_data_expected.py   (prints the numbers the tests hold)."""
import numpy as np
from scipy.optimize import linprog

# Z: zero inputs, no free lunch (E is all zero). L: a free lunch unit G.
Z = {"A": (2, 3, 1, 1), "B": (0, 2, 1, 2), "C": (3, 2, 2, 1), "D": (4, 4, 0, 0), "F": (5, 1, 1, 0), "E": (0, 0, 0, 0)}
L = {"A": (2, 3, 1, 1), "B": (0, 2, 1, 2), "C": (3, 2, 2, 1), "F": (5, 1, 3, 0), "G": (0, 0, 1, 0)}


def arrays(d):
    ids = list(d)
    X = np.array([[d[k][0], d[k][1]] for k in ids], float).T
    Y = np.array([[d[k][2], d[k][3]] for k in ids], float).T
    return ids, X, Y


def radial(d, o, rts="crs"):
    """min θ s.t. Xλ ≤ θ x_o, Yλ ≥ y_o (input orientation); returns (status, θ)."""
    ids, X, Y = arrays(d)
    j = ids.index(o)
    n = len(ids)
    c = np.r_[1.0, np.zeros(n)]
    A = np.vstack([np.c_[-X[:, j], X], np.c_[np.zeros(2), -Y]])
    b = np.r_[np.zeros(2), -Y[:, j]]
    eq = (np.r_[0.0, np.ones(n)].reshape(1, -1), [1.0]) if rts == "vrs" else (None, None)
    r = linprog(c, A_ub=A, b_ub=b, A_eq=eq[0], b_eq=eq[1], bounds=[(None, None)] + [(0, None)] * n, method="highs")
    return r.status, (r.fun if r.status == 0 else None)


def phase2_unbounded(d, o, theta, rts="crs"):
    """max Σ slacks at θ: status 3 = unbounded."""
    ids, X, Y = arrays(d)
    j = ids.index(o)
    n = len(ids)
    # variables λ, s⁻(2), s⁺(2): Xλ + s⁻ = θx_o, Yλ − s⁺ = y_o
    c = np.r_[np.zeros(n), -np.ones(4)]
    A = np.vstack([np.c_[X, np.eye(2), np.zeros((2, 2))], np.c_[Y, np.zeros((2, 2)), -np.eye(2)]])
    b = np.r_[theta * X[:, j], Y[:, j]]
    if rts == "vrs":
        A = np.vstack([A, np.r_[np.ones(n), np.zeros(4)]])
        b = np.r_[b, 1]
    r = linprog(c, A_eq=A, b_eq=b, bounds=[(0, None)] * (n + 4), method="highs")
    return r.status, (-r.fun if r.status == 0 else None)


def sbm_non_crs(d, o):
    """Tone's non-oriented SBM, zero inputs/outputs of o dropped from the means (m', s'), by the
    Charnes–Cooper LP: min t − (1/m') Σ S⁻ᵢ/xᵢₒ s.t. t + (1/s') Σ S⁺ᵣ/yᵣₒ = 1, XΛ + S⁻ = t xₒ, YΛ − S⁺ = t yₒ."""
    ids, X, Y = arrays(d)
    j = ids.index(o)
    n = len(ids)
    pi = [i for i in range(2) if X[i, j] > 0]
    po = [r for r in range(2) if Y[r, j] > 0]
    c = np.zeros(n + 5)
    c[n + 4] = 1
    for i in pi:
        c[n + i] = -1 / (len(pi) * X[i, j])
    Aeq = np.zeros((5, n + 5))
    beq = np.zeros(5)
    Aeq[0, n + 4] = 1
    for r in po:
        Aeq[0, n + 2 + r] = 1 / (len(po) * Y[r, j])
    beq[0] = 1
    for i in range(2):
        Aeq[1 + i, :n] = X[i]
        Aeq[1 + i, n + i] = 1
        Aeq[1 + i, n + 4] = -X[i, j]
    for r in range(2):
        Aeq[3 + r, :n] = Y[r]
        Aeq[3 + r, n + 2 + r] = -1
        Aeq[3 + r, n + 4] = -Y[r, j]
    res = linprog(c, A_eq=Aeq, b_eq=beq, bounds=[(0, None)] * (n + 5), method="highs")
    return res.status, (res.fun if res.status == 0 else None)


def fdh_input(d, o):
    """θ = min over j with y_j ≥ y_o of max over x_io > 0 of x_ij/x_io (x_io = 0 needs x_ij = 0)."""
    xo, yo = d[o][:2], d[o][2:]
    best = None
    for k, v in d.items():
        if any(v[2 + r] < yo[r] for r in range(2)):
            continue
        if any(xo[i] == 0 and v[i] > 0 for i in range(2)):
            continue
        t = max([v[i] / xo[i] for i in range(2) if xo[i] > 0], default=None)
        if t is not None and (best is None or t < best):
            best = t
    return best


def additive_vrs(d, o):
    """max Σ s s.t. Xλ + s⁻ = x_o, Yλ − s⁺ = y_o, Σλ = 1."""
    ids, X, Y = arrays(d)
    j = ids.index(o)
    n = len(ids)
    c = np.r_[np.zeros(n), -np.ones(4)]
    A = np.vstack([np.c_[X, np.eye(2), np.zeros((2, 2))], np.c_[Y, np.zeros((2, 2)), -np.eye(2)],
                   np.r_[np.ones(n), np.zeros(4)]])
    b = np.r_[X[:, j], Y[:, j], 1]
    r = linprog(c, A_eq=A, b_eq=b, bounds=[(0, None)] * (n + 4), method="highs")
    return r.status, (-r.fun if r.status == 0 else None)


def ddf_crs(d, o):
    """Graph (non-oriented) DDF: max β s.t. Xλ ≤ x_o − β x_o, Yλ ≥ y_o + β y_o (g = (x_o, y_o))."""
    ids, X, Y = arrays(d)
    j = ids.index(o)
    n = len(ids)
    c = np.r_[-1.0, np.zeros(n)]
    A = np.vstack([np.c_[X[:, j], X], np.c_[Y[:, j], -Y]])
    b = np.r_[X[:, j], -Y[:, j]]
    r = linprog(c, A_ub=A, b_ub=b, bounds=[(None, None)] + [(0, None)] * n, method="highs")
    return r.status, (-r.fun if r.status == 0 else None)


def cost_crs(d, o, w=(1.0, 1.0)):
    """min w·Xλ s.t. Yλ ≥ y_o; cost efficiency = min / w·x_o."""
    ids, X, Y = arrays(d)
    j = ids.index(o)
    n = len(ids)
    c = np.array(w) @ X
    r = linprog(c, A_ub=-Y, b_ub=-Y[:, j], bounds=[(0, None)] * n, method="highs")
    observed = float(np.array(w) @ X[:, j])
    return r.status, (r.fun / observed if r.status == 0 and observed > 0 else None)


def cross(ref, point):
    """Input CRS θ of `point` (x1, x2, y1) against the units of `ref` only (Malmquist cross-period)."""
    X = np.array([[v[0] for v in ref.values()], [v[1] for v in ref.values()]], float)
    Y = np.array([[v[2] for v in ref.values()]], float)
    n = X.shape[1]
    A = np.vstack([np.c_[-np.array(point[:2], float), X], np.c_[np.zeros(1), -Y]])
    b = np.r_[np.zeros(2), -point[2]]
    r = linprog(np.r_[1.0, np.zeros(n)], A_ub=A, b_ub=b, bounds=[(None, None)] + [(0, None)] * n, method="highs")
    return r.fun


if __name__ == "__main__":
    P1 = {"A": (2, 1, 1), "B": (0, 2, 1), "C": (3, 3, 1)}
    P2 = {"A": (2, 1, 2), "B": (0, 2, 2), "C": (0, 0, 0)}
    ff, tt, ft, tf = cross(P1, P1["A"]), cross(P2, P2["A"]), cross(P1, P2["A"]), cross(P2, P1["A"])
    print(f"Malmquist CRS A: d11 {ff} d22 {tt} d12 {ft} d21 {tf} M {np.sqrt(ft / ff * tt / tf)}")
    # MissingDataEndToEnd: B's period-2 row has a missing input and is left out.
    Q1 = {"A": (2, 1, 1), "B": (1, 2, 1), "C": (3, 3, 1)}
    Q2 = {"A": (2, 1, 2), "C": (1, 1, 1)}
    ff, tt, ft, tf = cross(Q1, Q1["C"]), cross(Q2, Q2["C"]), cross(Q1, Q2["C"]), cross(Q2, Q1["C"])
    print(f"Malmquist CRS C without B's period-2 row: d11 {ff} d22 {tt} d12 {ft} d21 {tf} M {np.sqrt(ft / ff * tt / tf)}")
    for rts in ("crs", "vrs"):
        for o in L:
            st, th = radial(L, o, rts)
            st2 = phase2_unbounded(L, o, th, rts)[0] if th is not None else None
            print(f"free-lunch {rts} input θ {o}: status {st} θ {th!r} phase-II status {st2}")
    for o in Z:
        print(f"Z sbm-non-crs {o}: {sbm_non_crs(Z, o)}  fdh-input {fdh_input(Z, o)!r}  additive-vrs {additive_vrs(Z, o)}  "
              f"ddf-crs {ddf_crs(Z, o)}  cost-crs {cost_crs(Z, o)}")
