#!/usr/bin/env python3
"""The pandas peer of `tolok run loan-collectibility` for `tolok bench e2e loans` (written for
Tolok, not copied): read the loans CSV, class Kol 1-5 from days past due with np.select
(0 / 1-90 / 91-120 / 121-180 / > 180), non-performing = Kol 3-5, the NPL ratio per branch and
overall, and write the per-loan table as CSV - the same job the tolok command does, the way a
pandas user would write it.

    python3 loans_pandas.py --data loans.csv --output out.csv
"""
import argparse
import time

import numpy as np
import pandas as pd


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--output", required=True)
    a = p.parse_args()
    t0 = time.perf_counter()
    df = pd.read_csv(a.data, dtype={"loan": str, "branch": str})
    dpd = df["days_past_due"].to_numpy()
    kol = np.select([dpd == 0, dpd <= 90, dpd <= 120, dpd <= 180], [1, 2, 3, 4], default=5)
    df["kol"] = kol
    df["non_performing"] = kol >= 3
    npl = df["outstanding"].where(df["non_performing"], 0.0)
    groups = npl.groupby(df["branch"]).sum() / df["outstanding"].groupby(df["branch"]).sum()
    overall = npl.sum() / df["outstanding"].sum()
    df.to_csv(a.output, index=False, float_format="%.2f")
    print(f"seconds {time.perf_counter() - t0:.3f} groups {len(groups)} npl {overall:.6f}")


if __name__ == "__main__":
    main()
