#!/usr/bin/env python3
"""Writes Datasets/sfaR_utility_logs.csv: the log variables of sfaR's cost-frontier examples
(ln(tc/wf) on ln y, ln(wl/wf), ln(wk/wf), plus regu), derived from Datasets/sfaR_utility.csv.

`tolok run sfa` takes logs of columns (--log) but not of ratios, so the bundled check suite
(Datasets/suite.yaml) reads this file. The values are the same doubles as the Frontier tests
compute in Swift (IEEE division, glibc log), written in the shortest form that reads back
exactly (repr)."""
import csv
import math
import os

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Datasets")
with open(os.path.join(root, "sfaR_utility.csv"), newline="") as f:
    rows = list(csv.DictReader(f))
with open(os.path.join(root, "sfaR_utility_logs.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["firm", "year", "ltc", "ly", "lwl", "lwk", "regu"])
    for r in rows:
        tc, wf, wl, wk, y = (float(r[k]) for k in ("tc", "wf", "wl", "wk", "y"))
        w.writerow([r["firm"], r["year"], repr(math.log(tc / wf)), repr(math.log(y)), repr(math.log(wl / wf)),
                    repr(math.log(wk / wf)), r["regu"]])
