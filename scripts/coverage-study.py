#!/usr/bin/env python3
"""Coverage of the DEA bootstrap intervals (`tolok run dea --bootstrap`) on data with known true
efficiencies, beside R Benchmarking's `dea.boot` on the same draws (docs/ACCURACY.md).

Data (the Cobb-Douglas half-normal design of the benchmark data generator, with the true
efficiencies kept): x_ij ~ U(10, 100), i = 1..m; Q_j = prod_i x_ij^(0.8/m) (decreasing returns);
u_j ~ |N(0, 0.3^2)|; y_rj = Q_j exp(-u_j) w_rj with w_j = |z_j| / ||z_j||, z_j ~ N(0, I_s).
The output set at x is {y >= 0 : ||y||_2 <= Q(x)}, so a unit's true input efficiency (VRS, the
technology's own returns) solves Q(theta x) = ||y||: theta_true = exp(-u / 0.8).

For each of R replications: write the CSV, run tolok (VRS, input orientation, --bootstrap B,
--alpha 0.05) and, when Rscript with Benchmarking is available and --r-replicates > 0, dea.boot
with NREP = --r-replicates; count the units whose interval [lower, upper] contains theta_true.
Prints one JSON object per (n, method) with the coverage, the mean interval width, the mean
|efficiency_bc - theta_true| beside |efficiency - theta_true|, and the seconds spent.

Usage: python3 scripts/coverage-study.py --tolok .build/release/tolok --n 100 --replications 50 \
           --replicates 2000 [--r-replicates 1000] [--seed 1]
"""
import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

R_SCRIPT = r"""
suppressMessages(library(Benchmarking))
a <- commandArgs(trailingOnly = TRUE)
d <- read.csv(a[1])
X <- as.matrix(d[, grep("^x", names(d))]); Y <- as.matrix(d[, grep("^y", names(d))])
set.seed(as.integer(a[3]))
b <- dea.boot(X, Y, NREP = as.integer(a[2]), RTS = "vrs", ORIENTATION = "in", alpha = 0.05)
write.csv(data.frame(eff = b$eff, eff_bc = b$eff.bc, lower = b$conf.int[, 1], upper = b$conf.int[, 2]), a[4], row.names = FALSE)
"""


def make(n, m, s, rng):
    x = rng.uniform(10.0, 100.0, size=(n, m))
    q = np.exp(np.log(x) @ np.full(m, 0.8 / m))
    u = np.abs(rng.normal(0.0, 0.3, size=n))
    z = np.abs(rng.normal(size=(n, s))) + 1e-3
    w = z / np.linalg.norm(z, axis=1, keepdims=True)
    y = (q * np.exp(-u))[:, None] * w
    return x, y, np.exp(-u / 0.8)


def read(path, cols):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return {c: np.array([float(r[c]) for r in rows]) for c in cols}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--tolok", required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--m", type=int, default=2)
    p.add_argument("--s", type=int, default=2)
    p.add_argument("--replications", type=int, default=20)
    p.add_argument("--replicates", type=int, default=2000)
    p.add_argument("--r-replicates", type=int, default=0)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    use_r = a.r_replicates > 0 and shutil.which("Rscript") is not None
    rng = np.random.default_rng(a.seed)
    folder = tempfile.mkdtemp(prefix="tolok-coverage-")
    rscript = os.path.join(folder, "boot.R")
    with open(rscript, "w") as f:
        f.write(R_SCRIPT)
    stats = {"tolok": {"hit": 0, "units": 0, "width": 0.0, "bc": 0.0, "raw": 0.0, "seconds": 0.0}}
    if use_r:
        stats["R dea.boot"] = dict(stats["tolok"])
    try:
        for k in range(a.replications):
            x, y, truth = make(a.n, a.m, a.s, rng)
            data = os.path.join(folder, "d.csv")
            header = [f"x{i+1}" for i in range(a.m)] + [f"y{r+1}" for r in range(a.s)]
            np.savetxt(data, np.hstack([x, y]), delimiter=",", header=",".join(header), comments="", fmt="%.17g")
            out = os.path.join(folder, "t.csv")
            t0 = time.time()
            subprocess.run([a.tolok, "run", "dea", "--data", data, "--inputs", ",".join(header[:a.m]),
                            "--outputs", ",".join(header[a.m:]), "--rts", "vrs", "--bootstrap", str(a.replicates),
                            "--seed", str(a.seed * 1000 + k), "--format", "csv", "--table", "bootstrap", "--output", out],
                           check=True, stdout=subprocess.DEVNULL)
            runs = [("tolok", time.time() - t0, read(out, ["efficiency", "efficiency_bc", "lower", "upper"]))]
            if use_r:
                rout = os.path.join(folder, "r.csv")
                t0 = time.time()
                subprocess.run(["Rscript", rscript, data, str(a.r_replicates), str(a.seed * 1000 + k), rout], check=True)
                r = read(rout, ["eff", "eff_bc", "lower", "upper"])
                runs.append(("R dea.boot", time.time() - t0,
                             {"efficiency": r["eff"], "efficiency_bc": r["eff_bc"], "lower": r["lower"], "upper": r["upper"]}))
            for name, seconds, v in runs:
                st = stats[name]
                st["hit"] += int(np.sum((v["lower"] <= truth) & (truth <= v["upper"])))
                st["units"] += a.n
                st["width"] += float(np.sum(v["upper"] - v["lower"]))
                st["bc"] += float(np.sum(np.abs(v["efficiency_bc"] - truth)))
                st["raw"] += float(np.sum(np.abs(v["efficiency"] - truth)))
                st["seconds"] += seconds
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for name, st in stats.items():
        u = st["units"]
        print(json.dumps({"n": a.n, "m": a.m, "s": a.s, "method": name, "replications": a.replications,
                          "B": a.replicates if name == "tolok" else a.r_replicates, "coverage_95": st["hit"] / u,
                          "mean_width": st["width"] / u, "mean_abs_error_bc": st["bc"] / u,
                          "mean_abs_error_original": st["raw"] / u, "seconds": round(st["seconds"], 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
