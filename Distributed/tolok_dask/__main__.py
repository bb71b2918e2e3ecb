"""Command line: ``python -m tolok_dask dea --data FILE --inputs … --outputs … --out DIR``.

The cluster: ``--scheduler ADDRESS`` (an existing scheduler, e.g. one started by dask-jobqueue
or ``dask scheduler``), else a LocalCluster of ``--workers N`` processes on this machine.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys

from .driver import DEASpec, TolokError, run_dea


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="tolok-dask", description="Tolok's radial DEA on a Dask cluster")
    sub = p.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dea", help="score every unit of a CSV or Parquet file")
    d.add_argument("--data", required=True, help="CSV (header row, no quoted newlines) or .parquet, on a path every worker sees")
    d.add_argument("--inputs", required=True)
    d.add_argument("--outputs", required=True)
    d.add_argument("--rts", default="crs", choices=["crs", "vrs", "nirs", "ndrs"])
    d.add_argument("--orientation", default="input", choices=["input", "output"])
    d.add_argument("--id", dest="id_column")
    d.add_argument("--out", required=True, help="folder for part-NNNNN.csv, frontier.csv and summary.json")
    d.add_argument("--tolok", default=os.environ.get("TOLOK_BIN") or shutil.which("tolok") or "tolok",
                   help="the tolok executable, at a path every worker can run (default: $TOLOK_BIN, else tolok on PATH)")
    d.add_argument("--block-mb", type=float, default=64.0, help="CSV block size in MiB (default 64)")
    d.add_argument("--row-groups", type=int, default=1, help="Parquet row groups per block (default 1)")
    d.add_argument("--scheduler", help="address of a running Dask scheduler (default: a LocalCluster)")
    d.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes (default 2)")
    d.add_argument("--bootstrap", type=int, help="not distributed (refused): run tolok run dea --bootstrap B on one machine")
    d.add_argument("--progress", action="store_true", help="show Dask's progress bar")
    d.add_argument("--dashboard", default=":8787",
                   help="LocalCluster dashboard address (default :8787; 'none' for no dashboard)")
    a = p.parse_args(argv)

    from distributed import Client, LocalCluster

    if a.bootstrap:
        print("tolok-dask: --bootstrap is not distributed: run `tolok run dea --bootstrap B` on one machine (it uses all its cores; docs/DISTRIBUTED.md)", file=sys.stderr)
        return 2
    try:
        spec = DEASpec(a.inputs.split(","), a.outputs.split(","), a.rts, a.orientation, a.id_column)
    except ValueError as e:
        print(f"tolok-dask: {e}", file=sys.stderr)
        return 2
    cluster = None
    if a.scheduler:
        client = Client(a.scheduler)
    else:
        cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None if a.dashboard == "none" else a.dashboard)
        client = Client(cluster)
    if client.dashboard_link:
        print(f"tolok-dask: dashboard {client.dashboard_link}", file=sys.stderr)
    try:
        result = run_dea(client, a.data, spec, a.out, tolok=a.tolok, block_bytes=int(a.block_mb * (1 << 20)),
                         row_groups_per_block=a.row_groups, progress=a.progress)
    except TolokError as e:
        print(f"tolok-dask: {e}", file=sys.stderr)
        return 2
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    print(json.dumps({"units": result.units, "frontier_units": result.frontier_units, "statuses": result.statuses,
                      "mean_efficiency": result.mean_efficiency, "timings": result.timings,
                      "summary": result.summary_path}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
