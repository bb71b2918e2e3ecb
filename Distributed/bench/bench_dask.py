#!/usr/bin/env python3
"""Benchmark of the Dask path (issue #18): n units with (3, 3) through `tolok_dask.run_dea` on a
LocalCluster of W worker processes, with the time of each step and the peak memory per worker.

    python3 Distributed/bench/bench_dask.py --n 10000000 --workers 2 --tolok .build/release/tolok \
        [--rts crs] [--block-mb 64] [--keep DIR]

The data: a Cobb-Douglas frontier with half-normal inefficiency (the generator of
Distributed/tests), written in chunks of 10^6 rows (seed 18 + chunk), shortest round-trip
numbers. Peak memory per worker is the largest resident set of the worker process and of the
`tolok` processes it started (getrusage RUSAGE_SELF / RUSAGE_CHILDREN on each worker).
"""
import argparse
import json
import os
import resource
import sys
import tempfile
import time

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tolok_dask import DEASpec, run_dea  # noqa: E402

INPUTS, OUTPUTS = ["x1", "x2", "x3"], ["y1", "y2", "y3"]


def chunk(n, seed):
    rng = np.random.default_rng(seed)
    x = rng.lognormal(0.0, 0.5, size=(n, 3))
    level = np.prod(x ** np.array([0.3, 0.25, 0.2]), axis=1) * np.exp(-np.abs(rng.normal(0.0, 0.3, n)))
    y = level[:, None] * rng.dirichlet([4.0, 4.0, 4.0], size=n) * 3.0
    return pd.DataFrame(np.column_stack([x, y]), columns=INPUTS + OUTPUTS)


def write(path, n):
    with open(path, "w") as f:
        for k, start in enumerate(range(0, n, 1_000_000)):
            chunk(min(1_000_000, n - start), 18 + k).to_csv(f, index=False, header=(k == 0))


def peaks():
    return {"worker_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "tolok_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--n", type=int, default=10_000_000)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--tolok", required=True)
    p.add_argument("--rts", default="crs")
    p.add_argument("--orientation", default="input")
    p.add_argument("--block-mb", type=float, default=64)
    p.add_argument("--keep", help="folder for the data file (reused when present) and the result")
    a = p.parse_args()
    from distributed import Client, LocalCluster

    work = a.keep or tempfile.mkdtemp(prefix="tolok-dask-bench-")
    os.makedirs(work, exist_ok=True)
    data = os.path.join(work, f"units-{a.n}.csv")
    if not os.path.exists(data):
        t = time.perf_counter()
        write(data, a.n)
        print(f"wrote {data}: {os.path.getsize(data) / 2**20:.0f} MiB in {time.perf_counter() - t:.0f} s", flush=True)
    cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    try:
        t = time.perf_counter()
        r = run_dea(client, data, DEASpec(INPUTS, OUTPUTS, a.rts, a.orientation), os.path.join(work, f"out-{a.workers}"),
                    tolok=os.path.abspath(a.tolok), block_bytes=int(a.block_mb * 2**20))
        wall = time.perf_counter() - t
        mem = client.run(peaks)
    finally:
        client.close()
        cluster.close()
    print(json.dumps({"n": a.n, "workers": a.workers, "rts": a.rts, "orientation": a.orientation, "blocks": len(r.parts),
                      "frontier_units": r.frontier_units, "wall_s": round(wall, 2),
                      "timings_s": {k: round(v, 2) for k, v in r.timings.items()},
                      "peak_per_worker_mib": {w.rsplit(":", 1)[-1]: {k: round(v) for k, v in m.items()} for w, m in mem.items()},
                      "statuses": r.statuses, "load_average": os.getloadavg()}, indent=2))


if __name__ == "__main__":
    main()
