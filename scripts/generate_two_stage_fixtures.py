#!/usr/bin/env python3
"""Generate the two-stage DEA fixture for Tolok's TwoStageDEA tests.

Writes Tests/TolokTwoStageDEATests/Fixtures/two_stage_random.json: seeded random two-stage data
(inputs X -> intermediates Z -> outputs Y) with reference scores of

  * the additive model of Chen, Cook, Li & Zhu (2009), EJOR 196, 1170-1176, under VRS and CRS,
    with both priorities (stage 1 first, stage 2 first);
  * the relational multiplicative model of Kao & Hwang (2008), EJOR 185, 418-429 (CRS only),
    with both priorities.

Independence from the Swift code: Tolok solves the *dual* (envelopment side) of every multiplier
program with its own simplex; this script solves the *primal multiplier programs exactly as the
papers write them* with scipy.optimize.linprog(method="highs"), on column-mean-scaled data (the
scores are ratios, invariant to rescaling a column; HiGHS is not reliable on raw data spanning
many orders of magnitude -- see Datasets/SOURCES-DEA.md). Before a unit is kept:
  * the overall score of each model is recomputed from its envelopment dual (written out by hand
    below) and must agree to 1e-9;
  * every priority program is re-solved with HiGHS interior point ("highs-ipm", crossover on) and
    must agree with dual simplex ("highs-ds") on its optimal value to 1e-8.

Decomposition rules (the same as Plugins/TwoStageDEA; docs/TWO-STAGE.md):
  additive, priority stage 1:
    (a) theta1 = max (w.z_o + c1)  s.t. v.x_o = 1, hold(theta), cone
    (b) theta2 = max (u.y_o + c2)  s.t. w.z_o = 1, hold(theta), (w.z_o + c1) - theta1 v.x_o = 0, cone
        (the weights of (a) are not unique; (b) picks, among them, those giving the largest
        theta2 = (theta - omega1 theta1)/omega2)
    (a) infeasible -> omega1 = 0 at every optimum: theta1 undefined (null), and theta2 is the
        largest stage-2 score over the optimal weights (stage 2's own (a)); it is >= theta, not
        necessarily equal: with v = 0 the stage-1 numerator w.z_o + c1 is <= 0, not 0.
    (b) infeasible -> omega2 = 0 whenever theta1 is at its maximum: theta2 undefined (null).
  priority stage 2: the mirror image.
  hold(theta): (w.z_o + c1 + u.y_o + c2) - theta (v.x_o + w.z_o) = 0;
  cone: w.z_j + c1 - v.x_j <= 0 and u.y_j + c2 - w.z_j <= 0 for all j; c1, c2 free under VRS,
  absent under CRS.
  relational: E = max u.y_o s.t. v.x_o = 1, cone (CRS; the paper's third family
  u.y_j - v.x_j <= 0 is implied by the two others and included here as written);
  priority stage 1: E1 = max w.z_o s.t. v.x_o = 1, u.y_o - E v.x_o = 0, cone; E2 = E/E1;
  priority stage 2: E2 = max u.y_o s.t. w.z_o = 1, u.y_o - E v.x_o = 0, cone; E1 = E/E2.

Data: each column is drawn on a different scale (1e-2 ... 1e6) and rounded to 6 significant
digits, so the JSON is exact and the scaling path is exercised.

JSON: {"description", "tolerance", "cases": [{"name", "n", "x": [[..] per input column],
"z": [...], "y": [...], "models": [{"method": "additive"|"relational", "rts": "vrs"|"crs",
"overall": [n], "stage1_first": {"stage1": [n], "stage2": [n], "omega1": [n]},
"stage2_first": {...}}]}]} with null for undefined scores (omega1 only for additive; 0 or 1 when a
stage is undefined, since that stage then has zero weight). omega1 is determined by the scores,
omega1 = (theta - theta2)/(theta1 - theta2), only where theta1 != theta2; elsewhere it is the value
HiGHS happened to find among equally optimal weights.

Usage: python3 scripts/generate_two_stage_fixtures.py [--out Tests/TolokTwoStageDEATests/Fixtures]
"""
import argparse
import json
import os

import numpy as np
from scipy.optimize import linprog

SEED = 20090311
CASES = [  # (name, n, m, q, s, kind)
    ("n12_m2_q2_s2", 12, 2, 2, 2, "technology"),
    ("n15_m2_q1_s2", 15, 2, 1, 2, "technology"),
    ("n10_m1_q2_s1", 10, 1, 2, 1, "technology"),
    ("n18_m3_q2_s2", 18, 3, 2, 2, "technology"),
    # Unrelated stages: the relational split depends on the priority for some units, and the
    # additive VRS model gives some units a negative stage score (free u1 with a tiny omega1).
    ("n7_m1_q3_s1_unrelated", 7, 1, 3, 1, "unrelated"),
    ("n6_m1_q3_s1_unrelated", 6, 1, 3, 1, "unrelated"),
]
OMEGA_TOL = 1e-8


def r6(a):
    return np.vectorize(lambda t: float(f"{t:.6g}"))(np.asarray(a, dtype=float))


def r12(t):
    """A reference value to 12 significant digits (HiGHS agrees with its cross-checks far beyond the
    tests' 1e-6), or None for an undefined score."""
    return None if t is None else float(f"{float(t):.12g}")


def generate(rng, n, m, q, s, kind):
    """A noisy two-stage technology: Z from X, Y from Z, each with unit-specific inefficiency;
    or (kind "unrelated") independent uniform columns."""
    if kind == "unrelated":
        x, z, y = rng.uniform(1, 10, (n, m)), rng.uniform(1, 10, (n, q)), rng.uniform(1, 10, (n, s))
        return r6(x), r6(z), r6(y)
    x = rng.uniform(10, 100, (n, m))
    a = rng.uniform(0.3, 1.0, (m, q))
    z = (x ** 0.9) @ a * rng.uniform(0.4, 1.0, (n, 1)) * rng.uniform(0.7, 1.0, (n, q))
    b = rng.uniform(0.3, 1.0, (q, s))
    y = (z ** 0.8) @ b * rng.uniform(0.3, 1.0, (n, 1)) * rng.uniform(0.7, 1.0, (n, s))
    scales = 10.0 ** rng.integers(-2, 7, m + q + s)
    x = r6(x * scales[:m])
    z = r6(z * scales[m:m + q])
    y = r6(y * scales[m + q:])
    return x, z, y


def solve(c, a_ub, a_eq, b_eq, bounds, method="highs"):
    """max c.pi s.t. a_ub pi <= 0, a_eq pi = b_eq."""
    r = linprog(-c, A_ub=a_ub, b_ub=np.zeros(len(a_ub)), A_eq=a_eq, b_eq=b_eq, bounds=bounds, method=method)
    return r


class Layout:
    """Weights pi = (v (m), w (q), u (s), c1, c2) with c1, c2 present under VRS only."""

    def __init__(self, x, z, y, vrs):
        self.x, self.z, self.y, self.vrs = x, z, y, vrs
        self.n, self.m = x.shape
        self.q, self.s = z.shape[1], y.shape[1]
        self.size = self.m + self.q + self.s + (2 if vrs else 0)

    def vec(self, v=None, w=None, u=None, c1=0.0, c2=0.0):
        p = np.zeros(self.size)
        if v is not None: p[:self.m] = v
        if w is not None: p[self.m:self.m + self.q] = w
        if u is not None: p[self.m + self.q:self.m + self.q + self.s] = u
        if self.vrs:
            p[-2], p[-1] = c1, c2
        return p

    def cone(self, relational_extra=False):
        rows = [self.vec(v=-self.x[j], w=self.z[j], c1=1.0) for j in range(self.n)]
        rows += [self.vec(w=-self.z[j], u=self.y[j], c2=1.0) for j in range(self.n)]
        if relational_extra:
            rows += [self.vec(v=-self.x[j], u=self.y[j]) for j in range(self.n)]
        return np.array(rows)

    def bounds(self):
        return [(0, None)] * (self.m + self.q + self.s) + ([(None, None)] * 2 if self.vrs else [])


def checked(c, a_ub, a_eq, b_eq, bounds, what, infeasibility_witness=None):
    """Solve with HiGHS dual simplex and confirm: an optimal value with HiGHS IPM (crossover on);
    infeasibility with `infeasibility_witness` = (objective, equality rows, rhs), a bounded
    program whose optimum must be 0 when the original one is infeasible."""
    r = solve(c, a_ub, a_eq, b_eq, bounds, "highs-ds")
    if r.status == 0:
        r2 = solve(c, a_ub, a_eq, b_eq, bounds, "highs-ipm")
        if r2.status != 0 or abs(r.fun - r2.fun) > 1e-8:
            raise SystemExit(f"{what}: ds {-r.fun} vs ipm status {r2.status} {-r2.fun}")
    elif r.status == 2 and infeasibility_witness is not None:
        wc, weq, wb = infeasibility_witness
        w = solve(wc, a_ub, weq, wb, bounds, "highs-ds")
        if w.status != 0 or -w.fun > 1e-9:
            raise SystemExit(f"{what}: infeasible, but the witness gives status {w.status} value {-w.fun}")
    else:
        raise SystemExit(f"{what}: status {r.status} {r.message}")
    return r


def additive_envelopment(L, o):
    """The dual of the additive overall program: min t s.t.
    t x_o - X'lam >= 0;  t z_o + Z'lam - Z'mu >= z_o;  Y'mu >= y_o;  (VRS: sum lam = sum mu = 1)."""
    n, m, q, s = L.n, L.m, L.q, L.s
    N = 1 + 2 * n
    a_ub, b_ub = [], []
    for i in range(m):
        row = np.zeros(N); row[0] = -L.x[o, i]; row[1:1 + n] = L.x[:, i]; a_ub.append(row); b_ub.append(0)
    for d in range(q):
        row = np.zeros(N); row[0] = -L.z[o, d]; row[1:1 + n] = -L.z[:, d]; row[1 + n:] = L.z[:, d]
        a_ub.append(row); b_ub.append(-L.z[o, d])
    for r in range(s):
        row = np.zeros(N); row[1 + n:] = -L.y[:, r]; a_ub.append(row); b_ub.append(-L.y[o, r])
    a_eq, b_eq = None, None
    if L.vrs:
        e1 = np.zeros(N); e1[1:1 + n] = 1
        e2 = np.zeros(N); e2[1 + n:] = 1
        a_eq, b_eq = [e1, e2], [1, 1]
    c = np.zeros(N); c[0] = 1
    r = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq,
                bounds=[(None, None)] + [(0, None)] * (2 * n), method="highs")
    assert r.status == 0, r.message
    return r.fun


def relational_envelopment(L, o):
    """The dual of Kao-Hwang's E program (with the redundant family dropped): min t s.t.
    t x_o - X'lam >= 0;  Z'lam - Z'mu >= 0;  Y'mu >= y_o."""
    n, m, q, s = L.n, L.m, L.q, L.s
    N = 1 + 2 * n
    a_ub, b_ub = [], []
    for i in range(m):
        row = np.zeros(N); row[0] = -L.x[o, i]; row[1:1 + n] = L.x[:, i]; a_ub.append(row); b_ub.append(0)
    for d in range(q):
        row = np.zeros(N); row[1:1 + n] = -L.z[:, d]; row[1 + n:] = L.z[:, d]; a_ub.append(row); b_ub.append(0)
    for r in range(s):
        row = np.zeros(N); row[1 + n:] = -L.y[:, r]; a_ub.append(row); b_ub.append(-L.y[o, r])
    c = np.zeros(N); c[0] = 1
    r = linprog(c, A_ub=a_ub, b_ub=b_ub, bounds=[(None, None)] + [(0, None)] * (2 * n), method="highs")
    assert r.status == 0, r.message
    return r.fun


def additive_unit(L, o):
    x, z, y = L.x[o], L.z[o], L.y[o]
    cone, bounds = L.cone(), L.bounds()
    num = L.vec(w=z, u=y, c1=1.0, c2=1.0)
    den = L.vec(v=x, w=z)
    r = checked(num, cone, [den], [1.0], bounds, f"additive overall unit {o}")
    theta = -r.fun
    dual = additive_envelopment(L, o)
    if abs(theta - dual) > 1e-9:
        raise SystemExit(f"additive unit {o}: multiplier {theta} vs envelopment {dual}")
    hold = num - theta * den
    num1, den1 = L.vec(w=z, c1=1.0), L.vec(v=x)
    num2, den2 = L.vec(u=y, c2=1.0), L.vec(w=z)

    def split(first_num, first_den, second_num, second_den, tag):
        # (a) infeasible <=> max first_den.pi over the optimal weights (normalised by den) is 0.
        a = checked(first_num, cone, [first_den, hold], [1.0, 0.0], bounds, f"additive {tag} (a) unit {o}",
                    infeasibility_witness=(first_den, [den, hold], [1.0, 0.0]))
        if a.status == 2:
            # The first stage has zero weight at every optimum (its denominator is 0; its
            # numerator w.z_o + c1 or u.y_o + c2 is <= 0 there and may be < 0, so the second
            # stage is not simply theta): the priority passes to the second stage's best score.
            other = checked(second_num, cone, [second_den, hold], [1.0, 0.0], bounds, f"additive {tag} (a') unit {o}")
            if other.status != 0:
                raise SystemExit(f"additive {tag} unit {o}: neither stage has positive weight")
            return None, -other.fun, 0.0
        first = -a.fun
        hold_first = first_num - first * first_den
        b = checked(second_num, cone, [second_den, hold, hold_first], [1.0, 0.0, 0.0], bounds,
                    f"additive {tag} (b) unit {o}",
                    infeasibility_witness=(second_den, [den, hold, hold_first], [1.0, 0.0, 0.0]))
        if b.status == 2:  # the second stage has zero weight whenever the first is at its maximum
            return first, None, 1.0
        pi = b.x
        dfirst, dsecond = first_den @ pi, second_den @ pi
        omega_first = dfirst / (dfirst + dsecond)
        second = (theta - omega_first * first) / (1 - omega_first)
        ratio = (second_num @ pi) / dsecond
        if abs(second - ratio) > 1e-7:
            raise SystemExit(f"additive {tag} unit {o}: formula {second} vs ratio {ratio}")
        return first, second, omega_first

    t1, t2, om1 = split(num1, den1, num2, den2, "stage1-first")
    s2, s1, om2 = split(num2, den2, num1, den1, "stage2-first")
    return theta, (t1, t2, om1), (s1, s2, 1 - om2)


def relational_unit(L, o):
    x, z, y = L.x[o], L.z[o], L.y[o]
    cone, bounds = L.cone(relational_extra=True), L.bounds()
    r = checked(L.vec(u=y), cone, [L.vec(v=x)], [1.0], bounds, f"relational overall unit {o}")
    e = -r.fun
    dual = relational_envelopment(L, o)
    if abs(e - dual) > 1e-9:
        raise SystemExit(f"relational unit {o}: multiplier {e} vs envelopment {dual}")
    hold = L.vec(u=y) - e * L.vec(v=x)
    a = checked(L.vec(w=z), cone, [L.vec(v=x), hold], [1.0, 0.0], bounds, f"relational stage1-first unit {o}")
    e1 = -a.fun
    b = checked(L.vec(u=y), cone, [L.vec(w=z), hold], [1.0, 0.0], bounds, f"relational stage2-first unit {o}")
    e2 = -b.fun
    return e, (e1, e / e1), (e / e2, e2)


def scaled(a):
    return a / a.mean(axis=0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="Tests/TolokTwoStageDEATests/Fixtures")
    args = ap.parse_args()
    cases = []
    for k, (name, n, m, q, s, kind) in enumerate(CASES):
        rng = np.random.default_rng([SEED, k])
        x, z, y = generate(rng, n, m, q, s, kind)
        models = []
        for method, rts in [("additive", "vrs"), ("additive", "crs"), ("relational", "crs")]:
            L = Layout(scaled(x), scaled(z), scaled(y), rts == "vrs")
            overall, first, second = [], {"stage1": [], "stage2": [], "omega1": []}, {"stage1": [], "stage2": [], "omega1": []}
            for o in range(n):
                if method == "additive":
                    t, a, b = additive_unit(L, o)
                else:
                    t, a, b = relational_unit(L, o)
                    a, b = (a[0], a[1], None), (b[0], b[1], None)
                overall.append(r12(t))
                for target, (s1, s2, om) in ((first, a), (second, b)):
                    target["stage1"].append(r12(s1))
                    target["stage2"].append(r12(s2))
                    target["omega1"].append(r12(om))
            model = {"method": method, "rts": rts, "overall": overall, "stage1_first": first, "stage2_first": second}
            if method == "relational":
                del first["omega1"], second["omega1"]
            models.append(model)
        cases.append({"name": name, "n": n, "x": x.T.tolist(), "z": z.T.tolist(), "y": y.T.tolist(), "models": models})
    doc = {
        "description": "Two-stage DEA reference scores (scripts/generate_two_stage_fixtures.py, seed "
                       f"{SEED}): additive (Chen, Cook, Li & Zhu 2009; VRS and CRS) and relational "
                       "(Kao & Hwang 2008; CRS), both priorities, scipy HiGHS on the primal multiplier "
                       "programs, cross-checked by the envelopment duals and by HiGHS IPM. null = undefined "
                       "(that stage has zero weight at every optimum).",
        "tolerance": 1e-6,
        "cases": cases,
    }
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "two_stage_random.json")
    with open(path, "w") as f:
        # One line per model keeps the file short and its diffs readable.
        f.write("{\n")
        f.write(f' "description": {json.dumps(doc["description"])},\n "tolerance": {doc["tolerance"]},\n "cases": [\n')
        for k, c in enumerate(cases):
            head = {key: c[key] for key in ("name", "n", "x", "z", "y")}
            f.write("  {" + json.dumps(head)[1:-1] + ', "models": [\n')
            f.write(",\n".join("   " + json.dumps(mdl) for mdl in c["models"]))
            f.write("]}" + ("," if k + 1 < len(cases) else "") + "\n")
        f.write(" ]\n}\n")
    json.load(open(path))  # well-formed
    # Short report of what the fixture contains.
    summary = []
    for c in cases:
        for mdl in c["models"]:
            a, b = mdl["stage1_first"], mdl["stage2_first"]
            undefined = sum(v is None for v in a["stage1"] + a["stage2"] + b["stage1"] + b["stage2"])
            differ = sum(1 for k in range(c["n"]) if None not in (a["stage1"][k], b["stage1"][k], a["stage2"][k], b["stage2"][k])
                         and (abs(a["stage1"][k] - b["stage1"][k]) > 1e-8 or abs(a["stage2"][k] - b["stage2"][k]) > 1e-8))
            lo = min(v for v in a["stage1"] + a["stage2"] + b["stage1"] + b["stage2"] if v is not None)
            print(f"{c['name']} {mdl['method']}/{mdl['rts']}: undefined stage scores {undefined}, "
                  f"priority-dependent splits {differ}, smallest stage score {lo:.4f}")
            summary.append((c["name"], mdl["method"], mdl["rts"], undefined, differ, lo))
    print("wrote", path)


if __name__ == "__main__":
    main()
