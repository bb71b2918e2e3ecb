#!/usr/bin/env python3
"""Generate LP test fixtures for Tolok's simplex solver (Tests/TolokNumericsTests/Fixtures/lp/).

Deterministic: every instance comes from numpy's default_rng seeded per category, and data are
rounded to 6 significant digits so that the JSON is compact and exactly reproducible.

Every reference answer is computed with scipy.optimize.linprog(method="highs") and cross-checked
by an independent route before an instance is kept:
  * general LPs: HiGHS dual simplex ("highs-ds", primal and dual feasibility tolerances 1e-10)
    and HiGHS interior point ("highs-ipm", defaults) must agree on the status and (if optimal) on
    the objective to 1e-9 relative; instances where they disagree (e.g. a ray with a slope of
    1e-9, which is "optimal" under a 1e-7 tolerance) are dropped;
  * DEA envelopment LPs: the reference is computed on the column-mean-scaled data (radial scores
    are invariant to that scaling; HiGHS is not reliable on raw data spanning 1e-3..1e9), and the
    multiplier (dual) LP on the same scaled data must give the same score to 1e-9;
  * badly scaled LPs: generated as R·A·C of a well-scaled LP, whose optimum (solved and
    cross-checked as above) is the reference -- scaling changes x but not the objective value.

  * every instance is also solved by an exact rational two-phase simplex (exact_solve, Python
    fractions); instances where it disagrees with the HiGHS reference (status, or objective by
    more than 1e-9 relative) are dropped. These are knife edges, e.g. a ray whose slope is 1e-16
    because c was rounded to double;
  * extreme DEA LPs (rows spanning up to 12 orders of magnitude, scores down to 1e-9): HiGHS is
    wrong on many of these even after mean scaling, so their reference *is* the exact simplex.

Categories (counts in CATEGORY_COUNTS): random feasible, degenerate, DEA (CRS/VRS x input/output,
plus super-efficiency VRS that may be infeasible, plus extreme DEA), equality rows, free
variables, bounded variables, infeasible, unbounded, badly scaled.

JSON schema of each file: {"description": str, "problems": [P...]} with
  P = {"name", "category", "sense": "minimize"|"maximize", "c": [n], "A": [[n]...m rows],
       "kinds": str of m chars in "LEG" (<=, =, >=), "b": [m], "lb": [n], "ub": [n]
       (null = -inf / +inf), "status": "optimal"|"infeasible"|"unbounded",
       "objective": float|null}

Usage: python3 scripts/generate_lp_fixtures.py [--out Tests/TolokNumericsTests/Fixtures/lp]
"""
import argparse
import json
import os

import numpy as np
from scipy.optimize import linprog

CATEGORY_COUNTS = {
    "random_feasible": 50,
    "degenerate": 30,
    "dea_crs_input": 14,
    "dea_crs_output": 14,
    "dea_vrs_input": 14,
    "dea_vrs_output": 14,
    "dea_super_vrs": 10,
    "dea_extreme": 16,
    "equality": 20,
    "free_variables": 20,
    "bounded_variables": 20,
    "infeasible": 20,
    "unbounded": 15,
    "badly_scaled": 20,
}

STATUS = {0: "optimal", 2: "infeasible", 3: "unbounded"}


def r6(v):
    """Round to 6 significant digits (keeps the JSON short and exact)."""
    return np.vectorize(lambda t: float(f"{t:.6g}"))(np.asarray(v, dtype=float)) if np.size(v) else np.asarray(v, float)


def highs(c, A, kinds, b, lb, ub, sense, method):
    c = np.asarray(c, float)
    sgn = -1.0 if sense == "maximize" else 1.0
    A = np.asarray(A, float)
    ub_rows = [i for i, k in enumerate(kinds) if k in "LG"]
    eq_rows = [i for i, k in enumerate(kinds) if k == "E"]
    A_ub = np.array([A[i] if kinds[i] == "L" else -A[i] for i in ub_rows]) if ub_rows else None
    b_ub = np.array([b[i] if kinds[i] == "L" else -b[i] for i in ub_rows]) if ub_rows else None
    A_eq = A[eq_rows] if eq_rows else None
    b_eq = np.asarray(b, float)[eq_rows] if eq_rows else None
    bounds = [(None if not np.isfinite(l) else l, None if not np.isfinite(u) else u) for l, u in zip(lb, ub)]
    opts = {"presolve": True}
    if method == "highs-ds":  # tight tolerances: near-zero-slope rays and near-feasibility show up
        opts.update(primal_feasibility_tolerance=1e-10, dual_feasibility_tolerance=1e-10)
    res = linprog(sgn * c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=bounds, method=method,
                  options=opts)
    st = STATUS.get(res.status)
    obj = sgn * res.fun if res.status == 0 else None
    return st, obj


def reference(p):
    """Status and objective agreed by HiGHS dual simplex and interior point, else None."""
    args = (p["c"], p["A"], p["kinds"], p["b"], p["lb"], p["ub"], p["sense"])
    s1, o1 = highs(*args, method="highs-ds")
    s2, o2 = highs(*args, method="highs-ipm")
    if s1 is None or s1 != s2:
        return None
    if s1 == "optimal" and abs(o1 - o2) > 1e-9 * max(1.0, abs(o1)):
        return None
    return s1, o1


def dual_feasible_costs(rng, A, kinds, lb, ub, sense):
    """A cost vector for which the LP is bounded (if feasible): c = A^T y + d with the signs of a
    dual-feasible point (minimisation convention; negated for maximisation)."""
    m, n = A.shape
    y = np.zeros(m)
    for i, k in enumerate(kinds):
        mag = rng.uniform(0.0, 2.0) if rng.random() < 0.7 else 0.0
        y[i] = -mag if k == "L" else (mag if k == "G" else rng.normal())
    d = np.zeros(n)
    for j in range(n):
        lo, up = np.isfinite(lb[j]), np.isfinite(ub[j])
        mag = rng.uniform(0.0, 2.0) if rng.random() < 0.6 else 0.0
        if lo and up:
            d[j] = rng.normal()
        elif lo:
            d[j] = mag
        elif up:
            d[j] = -mag
    c = A.T @ y + d
    return -c if sense == "maximize" else c


def make_problem(name, category, sense, c, A, kinds, b, lb, ub):
    # c is kept at full precision: it is built as A^T y + d from the *rounded* A, so rounding it
    # again could turn a zero-cost ray into a slightly improving one (a truly unbounded LP that a
    # solver with a 1e-7 dual tolerance calls optimal).
    return {"name": name, "category": category, "sense": sense, "c": np.asarray(c, float), "A": r6(A), "kinds": kinds,
            "b": r6(b), "lb": np.asarray(lb, float), "ub": np.asarray(ub, float)}


def rows_through(rng, A, x0, kinds, slack_prob=0.5):
    """Right-hand sides that make x0 feasible (tight with probability 1 - slack_prob)."""
    ax = A @ x0
    b = ax.copy()
    for i, k in enumerate(kinds):
        gap = rng.uniform(0.1, 3.0) if rng.random() < slack_prob else 0.0
        if k == "L":
            b[i] += gap
        elif k == "G":
            b[i] -= gap
    return b


def random_kinds(rng, m, p_eq=0.1):
    return "".join(rng.choice(["L", "G", "E"], p=[(1 - p_eq) / 2, (1 - p_eq) / 2, p_eq]) for _ in range(m))


# ---------------------------------------------------------------------------------- exact reference


def exact_solve(c, A, kinds, b, lb, ub, sense):
    """Exact rational two-phase simplex (dense tableau, Bland's rule) for small LPs.

    Every float is converted exactly with fractions.Fraction, so the result is the true optimum
    of the data as written to JSON. Used where floating-point solvers, HiGHS included, cannot
    be trusted (DEA data spanning twelve orders of magnitude within one row). Returns
    (status, objective as float or None).
    """
    from fractions import Fraction as Fr
    m, n = len(b), len(c)
    sg = Fr(-1) if sense == "maximize" else Fr(1)
    # Substitute x_j = shift_j + sign_j * x'_j (x' >= 0); free: x_j = x+_j - x-_j.
    cols, cost, const = [], [], Fr(0)        # cols: list of (orig j, sign)
    rows_extra = []                          # (col index, upper) for finite boxes
    shift = [Fr(0)] * n
    for j in range(n):
        l, u = lb[j], ub[j]
        if np.isfinite(l):
            shift[j] = Fr(l); cols.append((j, 1))
            if np.isfinite(u):
                rows_extra.append((len(cols) - 1, Fr(u) - Fr(l)))
        elif np.isfinite(u):
            shift[j] = Fr(u); cols.append((j, -1))
        else:
            cols.append((j, 1)); cols.append((j, -1))
    Af = [[Fr(v) for v in row] for row in A]
    T, rhs = [], []
    for i in range(m):
        T.append([Af[i][j] * sgn for (j, sgn) in cols])
        rhs.append(Fr(b[i]) - sum(Af[i][j] * shift[j] for j in range(n)))
    kinds = list(kinds)
    for (k, width) in rows_extra:
        row = [Fr(0)] * len(cols); row[k] = Fr(1)
        T.append(row); rhs.append(width); kinds.append("L")
    nc = len(cols)
    mm = len(T)
    # slacks
    for i in range(mm):
        for r in range(mm):
            T[r].append(Fr(0))
        if kinds[i] == "L":
            T[i][-1] = Fr(1)
        elif kinds[i] == "G":
            T[i][-1] = Fr(-1)
    nv = nc + mm
    for i in range(mm):
        if rhs[i] < 0:
            T[i] = [-v for v in T[i]]; rhs[i] = -rhs[i]
    # artificials
    for i in range(mm):
        for r in range(mm):
            T[r].append(Fr(1) if r == i else Fr(0))
    basis = [nv + i for i in range(mm)]
    ntot = nv + mm

    def pivot(r, q):
        pv = T[r][q]
        T[r] = [v / pv for v in T[r]]; rhs[r] /= pv
        for i in range(mm):
            if i != r and T[i][q] != 0:
                f = T[i][q]
                T[i] = [a - f * bb for a, bb in zip(T[i], T[r])]
                rhs[i] -= f * rhs[r]
        basis[r] = q

    def simplex(costs, allowed):
        while True:
            # reduced costs d_j = c_j - c_B B^-1 a_j (tableau is B^-1 A)
            cb = [costs[basis[i]] for i in range(mm)]
            q = None
            for j in range(ntot):
                if not allowed[j] or j in basis:
                    continue
                d = costs[j] - sum(cb[i] * T[i][j] for i in range(mm))
                if d < 0:
                    q = j; break                       # Bland: smallest index
            if q is None:
                return "optimal"
            r, best = None, None
            for i in range(mm):
                if T[i][q] > 0:
                    t = rhs[i] / T[i][q]
                    if best is None or t < best or (t == best and basis[i] < basis[r]):
                        r, best = i, t
            if r is None:
                return "unbounded"
            pivot(r, q)

    phase1 = [Fr(0)] * nv + [Fr(1)] * mm
    simplex(phase1, [True] * ntot)
    if sum(rhs[i] for i in range(mm) if basis[i] >= nv) > 0:
        return "infeasible", None
    for i in range(mm):                                  # drive zero artificials out
        if basis[i] >= nv:
            q = next((j for j in range(nv) if T[i][j] != 0 and j not in basis), None)
            if q is not None:
                pivot(i, q)
    costs = [sg * Fr(c[j]) * sgn for (j, sgn) in cols] + [Fr(0)] * (mm + mm)
    allowed = [True] * nv + [False] * mm
    st = simplex(costs, allowed)
    if st == "unbounded":
        return "unbounded", None
    x = [Fr(0)] * ntot
    for i in range(mm):
        x[basis[i]] = rhs[i]
    obj = sum(costs[j] * x[j] for j in range(nv)) + sg * sum(Fr(c[j]) * shift[j] for j in range(n))
    return "optimal", float(sg * obj)


# ---------------------------------------------------------------------------------- generators


def gen_random_feasible(rng, k):
    m, n = int(rng.integers(2, 16)), int(rng.integers(2, 26))
    A = rng.normal(size=(m, n)) * (rng.random((m, n)) < rng.uniform(0.4, 1.0))
    lb, ub = np.zeros(n), np.full(n, np.inf)
    x0 = rng.uniform(0, 5, n) * (rng.random(n) < 0.6)
    kinds = random_kinds(rng, m, 0.05)
    sense = "maximize" if rng.random() < 0.4 else "minimize"
    A = r6(A); x0 = r6(x0)
    b = rows_through(rng, A, x0, kinds)
    c = dual_feasible_costs(rng, A, kinds, lb, ub, sense)
    return make_problem(f"random_{k:03d}", "random_feasible", sense, c, A, kinds, b, lb, ub), "optimal"


def gen_degenerate(rng, k):
    m, n = int(rng.integers(3, 14)), int(rng.integers(3, 20))
    A = rng.integers(-2, 3, size=(m, n)).astype(float)
    if m > 3:  # duplicate and combined rows
        A[m - 1] = A[0]
        A[m - 2] = A[1] + A[2]
    x0 = np.where(rng.random(n) < 0.3, rng.integers(1, 3, n), 0).astype(float)
    kinds = random_kinds(rng, m, 0.1)
    b = rows_through(rng, A, x0, kinds, slack_prob=0.15)
    if rng.random() < 0.5:  # many zero right-hand sides: feasible cone at x = 0
        x0 = np.zeros(n)
        b = rows_through(rng, A, x0, kinds, slack_prob=0.0)
    lb, ub = np.zeros(n), np.where(rng.random(n) < 0.3, 2.0, np.inf)
    sense = "maximize" if rng.random() < 0.5 else "minimize"
    c = np.round(dual_feasible_costs(rng, A, kinds, lb, ub, sense))  # integer costs -> ties
    if rng.random() < 0.5:
        c = np.where(rng.random(n) < 0.5, 0.0, np.sign(c))
    return make_problem(f"degenerate_{k:03d}", "degenerate", sense, c, A, kinds, b, lb, ub), None


def dea_data(rng, n, m, s, wide):
    """Inputs and outputs; with `wide`, column magnitudes span 1e-3..1e9 and unit sizes vary."""
    size = np.exp(rng.normal(0, 1.5 if wide else 0.3, n))
    X = rng.uniform(0.2, 1.0, (n, m)) * size[:, None]
    Y = rng.uniform(0.1, 1.0, (n, s)) * (size[:, None] ** 0.8) * np.exp(-np.abs(rng.normal(0, 0.3, (n, 1))))
    if wide:
        X *= 10.0 ** rng.uniform(-3, 9, m)
        Y *= 10.0 ** rng.uniform(-3, 9, s)
    else:
        X *= 10.0 ** rng.uniform(0, 3, m)
        Y *= 10.0 ** rng.uniform(0, 3, s)
    return r6(X), r6(Y)


def dea_lp(X, Y, o, rts, orient, exclude=False):
    """Envelopment LP for unit o. Variables: [theta or phi (free), lambda_1..lambda_n]."""
    n, m = X.shape
    s = Y.shape[1]
    ref = [j for j in range(n) if not (exclude and j == o)]
    nl = len(ref)
    A = np.zeros((m + s + (1 if rts == "vrs" else 0), nl + 1))
    A[:m, 1:] = X[ref].T
    A[m:m + s, 1:] = Y[ref].T
    b = np.zeros(A.shape[0])
    if orient == "input":  # min theta: X lam - theta x_o <= 0 ; Y lam >= y_o
        A[:m, 0] = -X[o]
        b[m:m + s] = Y[o]
        sense = "minimize"
    else:  # max phi: X lam <= x_o ; Y lam - phi y_o >= 0
        A[m:m + s, 0] = -Y[o]
        b[:m] = X[o]
        sense = "maximize"
    kinds = "L" * m + "G" * s
    if rts == "vrs":
        A[-1, 1:] = 1.0
        b[-1] = 1.0
        kinds += "E"
    c = np.zeros(nl + 1)
    c[0] = 1.0
    lb = np.zeros(nl + 1); lb[0] = -np.inf
    ub = np.full(nl + 1, np.inf)
    return sense, c, A, kinds, b, lb, ub


def dea_multiplier(Xs, Ys, o, rts, orient, exclude=False):
    """Score from the multiplier (dual) LP on scaled data -- an independent check."""
    n, m = Xs.shape
    s = Ys.shape[1]
    ref = [j for j in range(n) if not (exclude and j == o)]
    vrs = rts == "vrs"
    # variables: v (m), u (s), [w free]
    nv = m + s + (1 if vrs else 0)
    bounds = [(0, None)] * (m + s) + ([(None, None)] if vrs else [])
    if orient == "input":  # max u.y_o - w  s.t. v.x_o = 1, u.y_j - v.x_j - w <= 0
        c = np.concatenate([np.zeros(m), -Ys[o], [1.0] if vrs else []])
        A_eq = np.concatenate([Xs[o], np.zeros(s), [0.0] if vrs else []])[None, :]
        A_ub = np.hstack([-Xs[ref], Ys[ref]] + ([-np.ones((len(ref), 1))] if vrs else []))
        res = linprog(c, A_ub=A_ub, b_ub=np.zeros(len(ref)), A_eq=A_eq, b_eq=[1.0], bounds=bounds, method="highs")
        return (-res.fun if res.status == 0 else None), res.status
    else:  # min v.x_o + w s.t. u.y_o = 1, u.y_j - v.x_j - w <= 0 ; phi = min
        c = np.concatenate([Xs[o], np.zeros(s), [1.0] if vrs else []])
        A_eq = np.concatenate([np.zeros(m), Ys[o], [0.0] if vrs else []])[None, :]
        A_ub = np.hstack([-Xs[ref], Ys[ref]] + ([-np.ones((len(ref), 1))] if vrs else []))
        res = linprog(c, A_ub=A_ub, b_ub=np.zeros(len(ref)), A_eq=A_eq, b_eq=[1.0], bounds=bounds, method="highs")
        return (res.fun if res.status == 0 else None), res.status


def gen_dea(rng, k, category):
    _, rts, orient = category.split("_")
    exclude = rts == "super"
    if exclude:
        rts, orient = "vrs", ("input" if k % 2 == 0 else "output")
    n = int(rng.integers(8, 41))
    m, s = int(rng.integers(1, 5)), int(rng.integers(1, 4))
    wide = k % 2 == 0 or exclude
    X, Y = dea_data(rng, n, m, s, wide)
    o = int(rng.integers(0, n))
    if exclude and k % 4 < 2:  # make unit o extreme, so the super-efficiency LP is infeasible
        if orient == "input":
            Y[o, 0] = r6(1.5 * Y[:, 0].max())
        else:
            X[o, 0] = r6(0.5 * X[:, 0].min())
    sense, c, A, kinds, b, lb, ub = dea_lp(X, Y, o, rts, orient, exclude)
    p = make_problem(f"{category}_{k:03d}", category, sense, c, A, kinds, b, lb, ub)
    # Reference on the column-mean-scaled data (invariant optimum), cross-checked by the dual.
    Xs, Ys = X / X.mean(axis=0), Y / Y.mean(axis=0)
    ss, sc, sA, skinds, sb, slb, sub = dea_lp(Xs, Ys, o, rts, orient, exclude)
    ref = reference({"c": sc, "A": sA, "kinds": skinds, "b": sb, "lb": slb, "ub": sub, "sense": ss})
    if ref is None:
        return None, None
    st, obj = ref
    dual_obj, dual_status = dea_multiplier(Xs, Ys, o, rts, orient, exclude)
    if st == "optimal":
        if dual_obj is None or abs(dual_obj - obj) > 1e-9 * max(1, abs(obj)):
            return None, None
    elif st == "infeasible" and dual_status not in (2, 3):  # primal infeasible <-> dual unbounded
        return None, None
    p["_reference"] = (st, obj)
    return p, None


def gen_dea_extreme(rng, k):
    """DEA envelopment LPs whose rows each span up to twelve orders of magnitude (every unit's
    inputs and outputs get independent factors 10^U(-3, 6) on top of column magnitudes
    10^U(-3, 9)). Scores can be as small as 1e-9. Reference: the exact rational simplex."""
    rts = ("crs", "vrs")[k % 2]
    orient = ("input", "output")[(k // 2) % 2]
    n = int(rng.integers(8, 26))
    m, s = int(rng.integers(1, 4)), int(rng.integers(1, 3))
    X, Y = dea_data(rng, n, m, s, True)
    X = r6(X * 10.0 ** rng.uniform(-3, 6, (n, 1)))
    Y = r6(Y * 10.0 ** rng.uniform(-3, 6, (n, 1)))
    o = int(rng.integers(0, n))
    sense, c, A, kinds, b, lb, ub = dea_lp(X, Y, o, rts, orient)
    p = make_problem(f"dea_extreme_{k:03d}", "dea_extreme", sense, c, A, kinds, b, lb, ub)
    p["_reference"] = exact_solve(p["c"], p["A"], kinds, p["b"], lb, ub, sense)
    return p, "optimal"


def gen_equality(rng, k):
    n = int(rng.integers(4, 22))
    m = int(rng.integers(2, max(3, n - 1)))
    A = r6(rng.normal(size=(m, n)))
    lb = np.zeros(n)
    ub = np.where(rng.random(n) < 0.5, r6(rng.uniform(2, 10, n)), np.inf)
    x0 = r6(rng.uniform(0, 2, n))
    kinds = "".join("E" if rng.random() < 0.7 else rng.choice(["L", "G"]) for _ in range(m))
    b = rows_through(rng, A, x0, kinds)
    sense = "maximize" if rng.random() < 0.4 else "minimize"
    c = dual_feasible_costs(rng, A, kinds, lb, ub, sense)
    return make_problem(f"equality_{k:03d}", "equality", sense, c, A, kinds, b, lb, ub), "optimal"


def gen_free(rng, k):
    m, n = int(rng.integers(3, 16)), int(rng.integers(2, 16))
    A = r6(rng.normal(size=(m, n)))
    free = rng.random(n) < 0.5
    free[0] = True
    lb = np.where(free, -np.inf, 0.0)
    ub = np.full(n, np.inf)
    x0 = r6(np.where(free, rng.normal(0, 3, n), rng.uniform(0, 3, n)))
    kinds = random_kinds(rng, m, 0.15)
    b = rows_through(rng, A, x0, kinds)
    sense = "maximize" if rng.random() < 0.4 else "minimize"
    c = dual_feasible_costs(rng, A, kinds, lb, ub, sense)
    return make_problem(f"free_{k:03d}", "free_variables", sense, c, A, kinds, b, lb, ub), "optimal"


def gen_bounded(rng, k):
    m, n = int(rng.integers(2, 14)), int(rng.integers(3, 22))
    A = r6(rng.normal(size=(m, n)))
    lb, ub = np.zeros(n), np.full(n, np.inf)
    for j in range(n):
        t = rng.integers(0, 5)
        if t == 0:      # boxed with negative lower bound
            lb[j], ub[j] = -r6(rng.uniform(0.5, 5)), r6(rng.uniform(0.5, 5))
        elif t == 1:    # upper bound only
            lb[j], ub[j] = -np.inf, r6(rng.uniform(-2, 5))
        elif t == 2:    # fixed
            lb[j] = ub[j] = r6(rng.uniform(-1, 3))
        elif t == 3:    # boxed, positive
            lb[j], ub[j] = 1.0, r6(rng.uniform(1.5, 6))
    x0 = np.array([
        lb[j] if lb[j] == ub[j] else
        (rng.uniform(lb[j], ub[j]) if np.isfinite(lb[j]) and np.isfinite(ub[j]) else
         (ub[j] - rng.uniform(0, 3) if np.isfinite(ub[j]) else lb[j] + rng.uniform(0, 3)))
        for j in range(n)])
    x0 = r6(x0)
    x0 = np.clip(x0, lb, ub)
    kinds = random_kinds(rng, m, 0.1)
    b = rows_through(rng, A, x0, kinds)
    sense = "maximize" if rng.random() < 0.4 else "minimize"
    c = dual_feasible_costs(rng, A, kinds, lb, ub, sense)
    if rng.random() < 0.3:  # boxes alone make it bounded; any costs
        c = rng.normal(size=n) * np.isfinite(lb) * np.isfinite(ub) + c * ~(np.isfinite(lb) & np.isfinite(ub))
    return make_problem(f"bounded_{k:03d}", "bounded_variables", sense, c, A, kinds, b, lb, ub), "optimal"


def gen_infeasible(rng, k):
    m, n = int(rng.integers(3, 12)), int(rng.integers(2, 15))
    A = r6(rng.normal(size=(m, n)))
    lb, ub = np.zeros(n), np.where(rng.random(n) < 0.3, 4.0, np.inf)
    x0 = r6(rng.uniform(0, 2, n))
    kinds = list(random_kinds(rng, m, 0.2))
    b = rows_through(rng, A, x0, kinds)
    t = k % 4
    if t == 0:    # a row and its negation, incompatible
        A[-1] = -A[0]; kinds[0] = "L"; kinds[-1] = "L"; b[-1] = -b[0] - rng.uniform(0.5, 2)
    elif t == 1:  # a combination of <= rows, contradicted by a >= row
        w = rng.uniform(0.5, 2, 2)
        kinds[0] = kinds[1] = "L"
        A[-1] = w[0] * A[0] + w[1] * A[1]; kinds[-1] = "G"; b[-1] = w[0] * b[0] + w[1] * b[1] + rng.uniform(0.5, 3)
    elif t == 2:  # positive row against non-negative variables
        A[-1] = np.abs(A[-1]) + 0.1; kinds[-1] = "L"; b[-1] = -rng.uniform(0.5, 3)
    else:         # inconsistent equalities
        A[-1] = A[0] + A[1]; kinds[0] = kinds[1] = kinds[-1] = "E"; b[-1] = b[0] + b[1] + rng.uniform(0.5, 2)
    sense = "maximize" if rng.random() < 0.5 else "minimize"
    c = rng.normal(size=n)
    return make_problem(f"infeasible_{k:03d}", "infeasible", sense, c, A, "".join(kinds), b, lb, ub), "infeasible"


def gen_unbounded(rng, k):
    m, n = int(rng.integers(2, 12)), int(rng.integers(3, 15))
    A = r6(rng.normal(size=(m, n)))
    lb, ub = np.zeros(n), np.full(n, np.inf)
    if k % 3 == 1:
        lb[: n // 2] = -np.inf
    x0 = r6(rng.uniform(0, 2, n))
    kinds = list(random_kinds(rng, m, 0.1))
    # a ray direction r >= 0 (or free) with A r pointing into every row's feasible side
    r = np.where(np.isfinite(lb), rng.uniform(0, 1, n), rng.normal(size=n))
    ar = A @ r
    for i in range(m):
        if kinds[i] == "E":
            kinds[i] = "L" if ar[i] <= 0 else "G"
        elif kinds[i] == "L" and ar[i] > 0:
            kinds[i] = "G"
        elif kinds[i] == "G" and ar[i] < 0:
            kinds[i] = "L"
    b = rows_through(rng, A, x0, kinds)
    sense = "maximize" if rng.random() < 0.5 else "minimize"
    c = rng.normal(size=n)
    cr = c @ r
    if (sense == "minimize" and cr > -0.1) or (sense == "maximize" and cr < 0.1):
        c = c - (cr + (0.5 if sense == "minimize" else -0.5)) * r / (r @ r)
    return make_problem(f"unbounded_{k:03d}", "unbounded", sense, c, A, "".join(kinds), b, lb, ub), "unbounded"


def gen_badly_scaled(rng, k):
    base, _ = (gen_random_feasible, gen_bounded, gen_equality, gen_free)[k % 4](rng, k)
    ref = reference(base)
    if ref is None or ref[0] != "optimal":
        return None, None
    m, n = np.shape(base["A"])
    R = 10.0 ** rng.integers(-4, 5, m)
    C = 10.0 ** rng.integers(-4, 5, n)
    A = np.asarray(base["A"]) * R[:, None] * C[None, :]
    p = {"name": f"badly_scaled_{k:03d}", "category": "badly_scaled", "sense": base["sense"],
         "c": np.asarray(base["c"]) * C, "A": A, "kinds": base["kinds"], "b": np.asarray(base["b"]) * R,
         "lb": np.asarray(base["lb"]) / C, "ub": np.asarray(base["ub"]) / C, "_reference": ref}
    return p, None


# ---------------------------------------------------------------------------------- driver

GENERATORS = {
    "random_feasible": gen_random_feasible,
    "degenerate": gen_degenerate,
    "equality": gen_equality,
    "free_variables": gen_free,
    "bounded_variables": gen_bounded,
    "infeasible": gen_infeasible,
    "unbounded": gen_unbounded,
    "badly_scaled": gen_badly_scaled,
}

FILES = {
    "random.json": ["random_feasible", "degenerate", "badly_scaled"],
    "dea.json": ["dea_crs_input", "dea_crs_output", "dea_vrs_input", "dea_vrs_output", "dea_super_vrs",
                 "dea_extreme"],
    "structure.json": ["equality", "free_variables", "bounded_variables"],
    "status.json": ["infeasible", "unbounded"],
}


def num(v):
    v = float(v)
    if v == np.inf or v == -np.inf:
        return None
    return float(repr(v)) if v != 0 else 0.0


def to_json(p, status, obj):
    return {
        "name": p["name"], "category": p["category"], "sense": p["sense"],
        "c": [num(v) for v in p["c"]],
        "A": [[num(v) for v in row] for row in np.asarray(p["A"], float)],
        "kinds": p["kinds"], "b": [num(v) for v in p["b"]],
        "lb": [num(v) for v in p["lb"]], "ub": [num(v) for v in p["ub"]],
        "status": status, "objective": obj,
    }


def build(category, seed):
    rng = np.random.default_rng(seed)
    out, attempts = [], 0
    target = CATEGORY_COUNTS[category]
    while len(out) < target:
        attempts += 1
        if attempts > 50 * target:
            raise RuntimeError(f"{category}: could not generate {target} instances")
        k = len(out)
        if category == "dea_extreme":
            p, want = gen_dea_extreme(rng, k)
        elif category.startswith("dea_"):
            p, want = gen_dea(rng, k, category)
        else:
            p, want = GENERATORS[category](rng, k)
        if p is None:
            continue
        # Data exactly as written to JSON (so the reference is for that data).
        for key in ("c", "b", "lb", "ub"):
            p[key] = np.array([np.nan if v is None else v for v in (num(t) for t in p[key])], float)
        p["lb"] = np.where(np.isnan(p["lb"]), -np.inf, p["lb"])
        p["ub"] = np.where(np.isnan(p["ub"]), np.inf, p["ub"])
        p["A"] = np.asarray(p["A"], float)
        if "_reference" in p:
            st, obj = p.pop("_reference")
        else:
            ref = reference(p)
            if ref is None:
                continue
            st, obj = ref
        if want is not None and st != want:
            continue
        # Gate: the exact rational simplex must agree (drops knife edges such as a ray whose
        # slope is ~1e-16 because c was rounded to double: "unbounded" in exact arithmetic,
        # "optimal" for every floating-point solver).
        if category != "dea_extreme":
            lbx = np.where(np.isfinite(p["lb"]), p["lb"], -np.inf)
            est, eobj = exact_solve(p["c"], p["A"], p["kinds"], p["b"], lbx, p["ub"], p["sense"])
            if est != st:
                build.dropped += 1
                continue
            if eobj is not None and abs(eobj - obj) > 1e-9 * max(1.0, abs(obj)):
                build.dropped += 1
                continue
        if st not in ("optimal", "infeasible", "unbounded"):
            continue
        out.append(to_json(p, st, obj))
    return out


build.dropped = 0


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "Tests", "TolokNumericsTests", "Fixtures", "lp"))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    seeds = {c: 1000 + i for i, c in enumerate(CATEGORY_COUNTS)}
    total = 0
    for fname, cats in FILES.items():
        problems = []
        for cat in cats:
            ps = build(cat, seeds[cat])
            counts = {}
            for p in ps:
                counts[p["status"]] = counts.get(p["status"], 0) + 1
            print(f"{cat:20s} {len(ps):4d}  {counts}")
            problems += ps
        total += len(problems)
    print("total", total, "- dropped because the exact simplex disagreed:", build.dropped)


if __name__ == "__main__":
    main()
