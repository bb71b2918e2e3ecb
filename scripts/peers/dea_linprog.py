#!/usr/bin/env python3
"""scipy/HiGHS peer of Tolok's radial DEA scores for `tolok bench dea --reference K`.

The textbook formulation, one linear program per evaluated unit o over all n units (no frontier
first, no warm start: what a researcher writes with scipy), Farrell input orientation:

    theta_o = min theta
              subject to  sum_j lambda_j x_ij <= theta x_io   (every input i)
                          sum_j lambda_j y_rj >= y_ro         (every output r)
                          lambda >= 0   [and sum_j lambda_j = 1 under VRS]

Variables (theta, lambda_1..lambda_n); theta is free. Every input and output column is divided
by its mean before solving: theta is invariant to that rescaling, and HiGHS (scipy 1.11-1.14)
was seen to stop with wrong "optimal" answers on columns that span many orders of magnitude.
A unit whose program does not end optimal is written as nan.

Usage: dea_linprog.py --data FILE --inputs A,B --outputs C,D [--rts crs|vrs] [--units K]
Prints CSV `row,efficiency` for the first K units (all by default) on stdout and
`K LPs in T s` (the solve time, not reading the CSV) on stderr. Needs numpy and scipy.
"""
import argparse
import sys
import time

import numpy as np
from scipy.optimize import linprog


def read_columns(path, names):
    """The named columns of a comma-separated file with a header row, as a float matrix."""
    with open(path) as f:
        header = f.readline().rstrip("\r\n").split(",")
        idx = [header.index(n) for n in names]
        rows = [line.rstrip("\r\n").split(",") for line in f if line.strip()]
    return np.array([[float(r[i]) for i in idx] for r in rows])


def input_scores(X, Y, rts, units):
    X = X / X.mean(axis=0)
    Y = Y / Y.mean(axis=0)
    n, m = X.shape
    s = Y.shape[1]
    cost = np.zeros(n + 1)
    cost[0] = 1.0
    # Rows: m input rows (X' lambda - theta x_o <= 0), s output rows (-Y' lambda <= -y_o).
    a_ub = np.zeros((m + s, n + 1))
    a_ub[:m, 1:] = X.T
    a_ub[m:, 1:] = -Y.T
    b_ub = np.zeros(m + s)
    if rts == "vrs":
        a_eq = np.concatenate([[0.0], np.ones(n)])[None, :]
        b_eq = np.array([1.0])
    else:
        a_eq, b_eq = None, None
    bounds = [(None, None)] + [(0.0, None)] * n
    scores = []
    for o in units:
        a_ub[:m, 0] = -X[o]
        b_ub[m:] = -Y[o]
        res = linprog(cost, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        scores.append(res.fun if res.status == 0 else float("nan"))
    return scores


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", required=True)
    p.add_argument("--inputs", required=True)
    p.add_argument("--outputs", required=True)
    p.add_argument("--rts", choices=["crs", "vrs"], default="crs")
    p.add_argument("--units", type=int)
    a = p.parse_args()
    X = read_columns(a.data, a.inputs.split(","))
    Y = read_columns(a.data, a.outputs.split(","))
    units = range(min(a.units or len(X), len(X)))
    t = time.perf_counter()
    scores = input_scores(X, Y, a.rts, units)
    t = time.perf_counter() - t
    out = ["row,efficiency"] + [f"{j},{e:.10f}" for j, e in zip(units, scores)]
    sys.stdout.write("\n".join(out) + "\n")
    print(f"{len(scores)} LPs in {t:.2f} s", file=sys.stderr)
