"""The distributed run equals the single-process `tolok run dea` (issue #18).

Needs TOLOK_BIN (a release build is quickest) and a LocalCluster of 2 worker processes on
loopback. Scores are compared unit by unit at 1e-9 (absolute), statuses and ids exactly.
"""
import os
import signal
import subprocess
import threading
import time

import numpy as np
import pandas as pd
import pytest
from distributed import Client, LocalCluster

from tolok_dask import DEASpec, concatenate_parts, run_dea
from tolok_dask.blocks import csv_blocks

TOLOK = os.environ.get("TOLOK_BIN", "")
pytestmark = pytest.mark.skipif(not TOLOK or not os.access(TOLOK, os.X_OK), reason="set TOLOK_BIN to a tolok executable")

INPUTS = ["x1", "x2", "x3"]
OUTPUTS = ["y1", "y2", "y3"]


def cobb_douglas(n, seed):
    """Three inputs and three outputs: a Cobb-Douglas frontier with half-normal inefficiency."""
    rng = np.random.default_rng(seed)
    x = rng.lognormal(0.0, 0.5, size=(n, 3))
    level = np.prod(x ** np.array([0.3, 0.25, 0.2]), axis=1) * np.exp(-np.abs(rng.normal(0.0, 0.3, n)))
    share = rng.dirichlet([4.0, 4.0, 4.0], size=n)
    y = level[:, None] * share * 3.0
    return pd.DataFrame(np.column_stack([x, y]), columns=INPUTS + OUTPUTS)


def write_csv(frame, path):
    # float_format=None: pandas writes each double in its shortest round-trip form.
    frame.to_csv(path, index=False)


def single_run(path, spec, extra=()):
    out = str(path) + f".{spec.rts}.{spec.orientation}.single.csv"
    args = [TOLOK, "run", "dea", "--data", str(path), *spec.id_args(), *spec.model_args(), *extra, "--format", "csv", "--output", out]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return pd.read_csv(out, dtype={"id": str})


def assert_same_scores(distributed, single):
    assert len(distributed) == len(single)
    assert list(distributed["row"]) == list(range(1, len(single) + 1))
    assert list(distributed["id"]) == list(single["id"])
    assert list(distributed["status"]) == list(single["status"])
    diff = np.abs(distributed["efficiency"].to_numpy() - single["efficiency"].to_numpy())
    assert np.nanmax(diff) <= 1e-9, f"max |difference| {np.nanmax(diff)}"
    assert np.array_equal(np.isnan(distributed["efficiency"].to_numpy()), np.isnan(single["efficiency"].to_numpy()))


@pytest.fixture(scope="module")
def client():
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("dea") / "units-200000.csv"
    write_csv(cobb_douglas(200_000, seed=18), path)
    return path


@pytest.mark.parametrize("rts", ["crs", "vrs"])
@pytest.mark.parametrize("orientation", ["input", "output"])
def test_200000_units_equal_the_single_run(client, big_file, tmp_path, rts, orientation):
    spec = DEASpec(INPUTS, OUTPUTS, rts=rts, orientation=orientation)
    size = os.path.getsize(big_file)
    result = run_dea(client, str(big_file), spec, str(tmp_path / "out"), tolok=TOLOK, block_bytes=size // 4 + 1)
    assert len(result.parts) == 4
    assert result.units == 200_000
    assert 0 < result.frontier_units < 5_000
    assert_same_scores(concatenate_parts(str(tmp_path / "out")), single_run(big_file, spec))


def test_blocks_end_at_line_ends_and_cover_the_file(tmp_path):
    path = tmp_path / "small.csv"
    write_csv(cobb_douglas(1_000, seed=1), path)
    blocks = csv_blocks(str(path), 997)
    data = path.read_bytes()
    header_end = data.index(b"\n") + 1
    assert blocks[0].start == header_end and blocks[-1].end == len(data)
    for a, b in zip(blocks, blocks[1:]):
        assert a.end == b.start and data[a.end - 1:a.end] == b"\n"


def test_ids_parquet_and_a_small_last_block(client, tmp_path):
    frame = cobb_douglas(6_001, seed=7)
    frame.insert(0, "branch", [f"KC-{i:05d}" for i in range(len(frame))])
    csv_path = tmp_path / "branches.csv"
    write_csv(frame, csv_path)
    spec = DEASpec(INPUTS, OUTPUTS, rts="vrs", orientation="input", id_column="branch")
    single = single_run(csv_path, spec)
    got = run_dea(client, str(csv_path), spec, str(tmp_path / "csv"), tolok=TOLOK, block_bytes=200_000)
    assert len(got.parts) >= 3
    part = concatenate_parts(str(tmp_path / "csv")).rename(columns={})
    assert_same_scores(part, single)
    # Peers name the reference (frontier) units by their ids, as in the single run.
    assert set(";".join(part["peers"].dropna()).replace(":", ";").split(";")) & set(frame["branch"])

    pq_path = tmp_path / "branches.parquet"
    frame.to_parquet(pq_path, row_group_size=1_500)
    got = run_dea(client, str(pq_path), spec, str(tmp_path / "pq"), tolok=TOLOK)
    assert len(got.parts) == 5
    assert_same_scores(concatenate_parts(str(tmp_path / "pq")), single)


def test_bootstrap_is_refused_with_the_single_machine_command(client, tmp_path):
    path = tmp_path / "b.csv"
    write_csv(cobb_douglas(100, seed=2), path)
    with pytest.raises(ValueError, match="bootstrap"):
        run_dea(client, str(path), DEASpec(INPUTS, OUTPUTS), str(tmp_path / "o"), tolok=TOLOK, bootstrap=200)


def test_a_killed_worker_loses_no_unit_and_duplicates_none(tmp_path):
    path = tmp_path / "units-60000.csv"
    write_csv(cobb_douglas(60_000, seed=3), path)
    spec = DEASpec(INPUTS, OUTPUTS, rts="vrs", orientation="output")
    single = single_run(path, spec)
    out = tmp_path / "out"
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    c = Client(cluster)
    try:
        outcome = {}

        def drive():
            try:
                outcome["result"] = run_dea(c, str(path), spec, str(out), tolok=TOLOK, block_bytes=os.path.getsize(path) // 24 + 1)
            except BaseException as e:  # noqa: BLE001 - reported by the assertion below
                outcome["error"] = e

        driver = threading.Thread(target=drive)
        driver.start()
        # Kill one worker process (SIGKILL: no clean shutdown) once the scoring has started.
        deadline = time.time() + 120
        while time.time() < deadline and not (out.exists() and any(p.name.startswith("part-") for p in out.iterdir())):
            time.sleep(0.05)
        pids = c.run(os.getpid)
        victim = sorted(pids.values())[0]
        os.kill(victim, signal.SIGKILL)
        driver.join(300)
        assert not driver.is_alive()
        assert "error" not in outcome, outcome.get("error")
        result = outcome["result"]
        assert len(result.parts) == 24
        assert sum(p["rows"] for p in result.parts) == 60_000
        assert_same_scores(concatenate_parts(str(out)), single)
        # No half-written part left behind (the killed task's temporary file is removed).
        assert sorted(p.name for p in out.iterdir()) == sorted([p["file"] for p in result.parts] + ["frontier.csv", "summary.json"])
        # The killed process is gone and the nanny started a new one.
        assert victim not in c.run(os.getpid).values()
    finally:
        c.close()
        cluster.close()


def test_the_command_line(tmp_path):
    import json as _json
    import sys as _sys

    path = tmp_path / "cli.csv"
    write_csv(cobb_douglas(3_000, seed=5), path)
    spec = DEASpec(INPUTS, OUTPUTS, rts="crs", orientation="input")
    base = [_sys.executable, "-m", "tolok_dask", "dea", "--data", str(path), "--inputs", ",".join(INPUTS),
            "--outputs", ",".join(OUTPUTS), "--tolok", TOLOK, "--workers", "1", "--dashboard", "none"]
    env = dict(os.environ, PYTHONPATH=os.path.join(os.path.dirname(__file__), ".."))
    done = subprocess.run(base + ["--out", str(tmp_path / "out"), "--block-mb", "0.05"], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    printed = _json.loads(done.stdout)
    assert printed["units"] == 3_000 and printed["statuses"] == {"ok": 3_000}
    assert_same_scores(concatenate_parts(str(tmp_path / "out")), single_run(path, spec))
    refused = subprocess.run(base + ["--out", str(tmp_path / "o2"), "--bootstrap", "200"], capture_output=True, text=True, env=env)
    assert refused.returncode == 2 and "bootstrap" in refused.stderr
    bad = subprocess.run(base[:7] + ["x1,nope"] + base[8:] + ["--out", str(tmp_path / "o3")], capture_output=True, text=True, env=env)
    assert bad.returncode == 2 and "nope" in bad.stderr
