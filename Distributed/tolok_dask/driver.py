"""Radial DEA of one large file on a Dask cluster, with Tolok doing every computation.

The plan (docs/DISTRIBUTED.md states the mathematics):

1. ``frontier`` tasks, one per block: ``tolok run dea --frontier-only`` on the block gives the
   units spanning the block's technology (and the block's row count).
2. one ``union`` task: ``--frontier-only`` again on the union of the block frontiers gives the
   units spanning the technology of the whole file. A unit that spans the whole technology
   (a vertex, an extreme ray under CRS) spans the technology of its own block too, so it is in
   its block's frontier; the union therefore spans the same technology as the whole file, and
   filtering it again keeps that technology.
3. the global frontier (a small CSV, the union task's result) is replicated to every worker, and one ``score``
   task per block runs ``tolok run dea --reference FRONTIER`` on the block: each unit is scored
   against exactly the technology of the whole file, so its score equals the single-process one.
   Each task writes its part (``part-00000.csv``, …) with a ``row`` column (the unit's row in the
   whole file, 1 = the first data row) and returns the part's counts.
4. ``summary.json``: the run's units, statuses, mean score, frontier size, parts and timings.

Tasks are pure functions of their inputs and write their part atomically (a temporary name,
then ``os.replace``), so a task that Dask runs again after a worker died rewrites the same file
with the same bytes: no unit is lost or duplicated.
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import asdict, dataclass, field
from typing import Dict, List, Optional, Sequence

from .blocks import Block, csv_blocks, csv_header, parquet_blocks, write_block_csv


class TolokError(RuntimeError):
    """A ``tolok`` command failed; the message is Tolok's own (file, line, column, what to do)."""


@dataclass(frozen=True)
class DEASpec:
    """What to compute: the options of ``tolok run dea`` the distributed run supports."""

    inputs: Sequence[str]
    outputs: Sequence[str]
    rts: str = "crs"  # crs, vrs, nirs, ndrs
    orientation: str = "input"  # input or output
    id_column: Optional[str] = None

    def __post_init__(self) -> None:
        if self.rts not in ("crs", "vrs", "nirs", "ndrs"):
            raise ValueError(f"rts must be crs, vrs, nirs or ndrs, not {self.rts!r}")
        if self.orientation not in ("input", "output"):
            raise ValueError(f"orientation must be input or output, not {self.orientation!r}")
        if not self.inputs or not self.outputs:
            raise ValueError("at least one input and one output column are needed")

    def model_args(self) -> List[str]:
        return ["--inputs", ",".join(self.inputs), "--outputs", ",".join(self.outputs),
                "--rts", self.rts, "--orientation", self.orientation]

    def id_args(self) -> List[str]:
        return ["--id", self.id_column] if self.id_column else []


@dataclass
class RunResult:
    units: int
    frontier_units: int
    parts: List[Dict]
    statuses: Dict[str, int]
    mean_efficiency: Optional[float]
    timings: Dict[str, float] = field(default_factory=dict)
    summary_path: str = ""


def _tolok(binary: str, args: Sequence[str]) -> bytes:
    proc = subprocess.run([binary, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        raise TolokError(f"tolok {' '.join(args[:2])} exited {proc.returncode}: {proc.stderr.decode(errors='replace').strip()}")
    return proc.stdout


def _scratch() -> str:
    return tempfile.mkdtemp(prefix="tolok-dask-")


def _frontier_table(doc: dict) -> List[dict]:
    return doc.get("frontier") or []


def _frontier_csv(rows: List[dict], spec: DEASpec) -> bytes:
    """A --reference file: id, then the inputs and outputs, every number in round-trip form."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["id", *spec.inputs, *spec.outputs])
    for r in rows:
        w.writerow([r["id"], *(repr(float(r[c])) for c in (*spec.inputs, *spec.outputs))])
    return out.getvalue().encode()


# ---- tasks (run on the workers; module-level functions so that Dask can ship them) ----

def frontier_task(binary: str, block: Block, header: Optional[bytes], spec: DEASpec) -> dict:
    """The spanning units of one block, with local row numbers and (without --id) local ids."""
    work = _scratch()
    try:
        data = os.path.join(work, "block.csv")
        write_block_csv(block, header, [*(spec.id_args()[1:]), *spec.inputs, *spec.outputs], data)
        doc = json.loads(_tolok(binary, ["run", "dea", "--data", data, *spec.id_args(), *spec.model_args(),
                                         "--frontier-only", "--format", "json", "--output", "-"]))
        return {"index": block.index, "rows": int(doc["summary"]["units"]), "frontier": _frontier_table(doc)}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def union_task(binary: str, blocks: List[dict], offsets: List[int], spec: DEASpec) -> bytes:
    """The global frontier as a --reference CSV (id, inputs, outputs) from the block frontiers."""
    rows = []
    for b in blocks:
        for r in b["frontier"]:
            r = dict(r)
            if not spec.id_column:
                r["id"] = str(offsets[b["index"]] + int(r["row"]))  # the row in the whole file
            rows.append(r)
    work = _scratch()
    try:
        union = os.path.join(work, "union.csv")
        with open(union, "wb") as f:
            f.write(_frontier_csv(rows, spec))
        doc = json.loads(_tolok(binary, ["run", "dea", "--data", union, "--id", "id", *spec.model_args(),
                                         "--frontier-only", "--format", "json", "--output", "-"]))
        return _frontier_csv(_frontier_table(doc), spec)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def score_task(binary: str, block: Block, header: Optional[bytes], offset: int, frontier: bytes,
               spec: DEASpec, out_dir: str) -> dict:
    """Scores one block against the global frontier and writes its part; returns its counts."""
    t0 = time.perf_counter()
    work = _scratch()
    try:
        data = os.path.join(work, "block.csv")
        ref = os.path.join(work, "frontier.csv")
        scored = os.path.join(work, "scored.csv")
        write_block_csv(block, header, [*(spec.id_args()[1:]), *spec.inputs, *spec.outputs], data)
        with open(ref, "wb") as f:
            f.write(frontier)
        _tolok(binary, ["run", "dea", "--data", data, *spec.id_args(), *spec.model_args(), "--reference", ref,
                        "--format", "csv", "--output", scored])
        t1 = time.perf_counter()
        part = os.path.join(out_dir, f"part-{block.index:05d}.csv")
        tmp = part + f".tmp-{os.getpid()}"
        with open(scored, "rb") as src:
            text = src.read()
        if b'"' not in text:
            statuses, total, counted, rows = _rewrite_plain(text, offset, renumber=not spec.id_column, target=tmp)
        else:
            statuses, total, counted, rows = _rewrite_quoted(scored, offset, renumber=not spec.id_column, target=tmp)
        os.replace(tmp, part)
        return {"index": block.index, "file": os.path.basename(part), "first_row": offset + 1, "rows": rows,
                "statuses": statuses, "sum_efficiency": total, "scored": counted,
                "seconds": {"score": t1 - t0, "write": time.perf_counter() - t1}}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _tally(status: str, efficiency: str, statuses: Dict[str, int]) -> float:
    statuses[status] = statuses.get(status, 0) + 1
    if efficiency:
        e = float(efficiency)
        if math.isfinite(e):
            return e
    return math.nan


def _rewrite_plain(text: bytes, offset: int, renumber: bool, target: str):
    """The part from Tolok's CSV (no quoted field): `row,` before every line, and without --id
    the id (the block's row) replaced by the row in the whole file. Bytes only, no CSV parsing:
    the first fields are id, status, efficiency (Tolok's units table)."""
    lines = text.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    head = lines[0].split(b",")
    if head[:3] != [b"id", b"status", b"efficiency"]:
        raise TolokError(f"unexpected columns in Tolok's output: {lines[0][:80]!r}")
    statuses: Dict[str, int] = {}
    total, counted = 0.0, 0
    out = [b"row," + lines[0]]
    for i, line in enumerate(lines[1:]):
        row = offset + i + 1
        ident, status, efficiency, rest = (line.split(b",", 3) + [b""])[:4]
        e = _tally(status.decode(), efficiency.decode(), statuses)
        if e == e:
            total += e
            counted += 1
        out.append(b"%d,%s,%s,%s,%s" % (row, b"%d" % row if renumber else ident, status, efficiency, rest))
    with open(target, "wb") as f:
        f.write(b"\n".join(out) + b"\n")
        f.flush()
        os.fsync(f.fileno())
    return statuses, total, counted, len(lines) - 1


def _rewrite_quoted(path: str, offset: int, renumber: bool, target: str):
    """The same with the csv module, for output with quoted fields (ids with commas, …)."""
    statuses: Dict[str, int] = {}
    total, counted, rows = 0.0, 0, 0
    with open(path, newline="") as src, open(target, "w", newline="") as out:
        reader = csv.reader(src)
        writer = csv.writer(out, lineterminator="\n")
        head = next(reader)
        writer.writerow(["row", *head])
        k_id, k_status, k_eff = head.index("id"), head.index("status"), head.index("efficiency")
        for i, rec in enumerate(reader):
            rows += 1
            if renumber:
                rec[k_id] = str(offset + i + 1)
            e = _tally(rec[k_status], rec[k_eff], statuses)
            if e == e:
                total += e
                counted += 1
            writer.writerow([offset + i + 1, *rec])
        out.flush()
        os.fsync(out.fileno())
    return statuses, total, counted, rows


# ---- the driver (runs on the client) ----

def plan_blocks(path: str, block_bytes: int = 64 << 20, row_groups_per_block: int = 1) -> List[Block]:
    if path.endswith(".parquet") or path.endswith(".pq"):
        return parquet_blocks(path, row_groups_per_block)
    return csv_blocks(path, block_bytes)


def run_dea(client, data: str, spec: DEASpec, out_dir: str, tolok: str = "tolok",
            block_bytes: int = 64 << 20, row_groups_per_block: int = 1, bootstrap: Optional[int] = None,
            progress: bool = False) -> RunResult:
    """Scores every unit of ``data`` (CSV or Parquet) on the cluster of ``client``.

    ``tolok`` must be a path every worker can execute (a shared filesystem, or the same install
    on every node); ``data`` and ``out_dir`` must be paths every worker sees.
    """
    if bootstrap:
        raise ValueError("--bootstrap is not distributed: run `tolok run dea --bootstrap B` on one machine "
                         "(it uses all its cores; docs/DISTRIBUTED.md)")
    data = os.path.abspath(data)
    out_dir = os.path.abspath(out_dir)
    os.makedirs(out_dir, exist_ok=True)
    for stale in os.listdir(out_dir):
        if stale.startswith("part-") or stale == "summary.json":
            os.remove(os.path.join(out_dir, stale))
    blocks = plan_blocks(data, block_bytes, row_groups_per_block)
    if not blocks:
        raise ValueError(f"{data}: no data rows")
    header = csv_header(data) if blocks[0].kind == "csv" else None
    watch = _progress if progress else (lambda futures: None)
    timings: Dict[str, float] = {}

    t = time.perf_counter()
    fronts = [client.submit(frontier_task, tolok, b, header, spec, key=f"tolok-frontier-{b.index}", pure=False)
              for b in blocks]
    watch(fronts)
    fronts = client.gather(fronts)
    fronts.sort(key=lambda f: f["index"])
    offsets, acc = [], 0
    for f in fronts:
        offsets.append(acc)
        acc += f["rows"]
    timings["frontier_blocks"] = time.perf_counter() - t

    t = time.perf_counter()
    union = client.submit(union_task, tolok, fronts, offsets, spec, key="tolok-frontier-union", pure=False)
    frontier_bytes = union.result()
    timings["frontier_union"] = time.perf_counter() - t

    # Broadcast: a copy of the frontier on every worker. It stays a task result (not scattered
    # data), so if every copy were lost with its workers Dask could compute it again.
    t = time.perf_counter()
    client.replicate([union])
    frontier = union
    timings["broadcast"] = time.perf_counter() - t

    t = time.perf_counter()
    scores = [client.submit(score_task, tolok, b, header, offsets[b.index], frontier, spec, out_dir,
                            key=f"tolok-score-{b.index}", pure=False, retries=2) for b in blocks]
    watch(scores)
    parts = sorted(client.gather(scores), key=lambda p: p["index"])
    timings["scoring"] = time.perf_counter() - t
    timings["writing_in_tasks"] = sum(p["seconds"]["write"] for p in parts)

    statuses: Dict[str, int] = {}
    for p in parts:
        for k, v in p["statuses"].items():
            statuses[k] = statuses.get(k, 0) + v
    scored = sum(p["scored"] for p in parts)
    result = RunResult(units=sum(p["rows"] for p in parts),
                       frontier_units=frontier_bytes.count(b"\n") - 1,
                       parts=[{k: p[k] for k in ("file", "first_row", "rows")} for p in parts],
                       statuses=statuses,
                       mean_efficiency=(sum(p["sum_efficiency"] for p in parts) / scored) if scored else None,
                       timings=timings)
    if result.units != acc:
        raise RuntimeError(f"the parts hold {result.units} units but the blocks {acc} rows: the file changed during the run?")
    # A task killed with its worker may leave a half-written temporary part (the complete part
    # was written again by its retry): remove those.
    for name in os.listdir(out_dir):
        if name.startswith("part-") and ".tmp-" in name:
            os.remove(os.path.join(out_dir, name))
    with open(os.path.join(out_dir, "frontier.csv"), "wb") as f:
        f.write(frontier_bytes)
    summary = {"data": data, "model": {"inputs": list(spec.inputs), "outputs": list(spec.outputs), "rts": spec.rts,
                                       "orientation": spec.orientation, "id": spec.id_column},
               "blocks": len(blocks), **{k: v for k, v in asdict(result).items() if k != "summary_path"}}
    path = os.path.join(out_dir, "summary.json")
    with open(path + ".tmp", "w") as f:
        json.dump(summary, f, indent=2)
    os.replace(path + ".tmp", path)
    result.summary_path = path
    return result


def _progress(futures) -> None:
    from distributed import progress

    progress(futures)


def concatenate_parts(out_dir: str) -> "pandas.DataFrame":  # noqa: F821
    """The parts in order, as one table (for checks and small runs)."""
    import pandas as pd

    with open(os.path.join(out_dir, "summary.json")) as f:
        summary = json.load(f)
    frames = [pd.read_csv(os.path.join(out_dir, p["file"]), dtype={"id": str}) for p in summary["parts"]]
    return pd.concat(frames, ignore_index=True)
