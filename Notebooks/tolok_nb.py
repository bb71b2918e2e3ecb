"""Helpers shared by the notebooks: find the repository and the `tolok` binary, run a plugin
and read its JSON (docs/OUTPUT.md) into pandas, and check numbers against published values.

Nothing here computes a result: every number in the notebooks comes from `tolok`.
"""
from __future__ import annotations

import decimal
import json
import math
import os
import re
import pathlib
import shlex
import subprocess
import tempfile

import pandas as pd

__all__ = ["repo_root", "Tolok", "Result", "Checks"]



def repo_root(start: pathlib.Path | None = None) -> pathlib.Path:
    """The repository root: the first folder at or above `start` (default: the working
    directory) that holds Package.swift."""
    here = (start or pathlib.Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "Package.swift").exists():
            return folder
    raise FileNotFoundError(f"no Package.swift at or above {here}: run the notebook inside the Tolok repository")


class Result:
    """One `tolok run ... --format json` document."""

    def __init__(self, doc: dict, command: str, exact: dict | None = None):
        self.doc = doc
        # The same document with every non-integer number as a decimal.Decimal (money keeps its
        # exact cents: docs/OUTPUT.md writes them as decimal digits).
        self.exact = exact if exact is not None else doc
        self.command = command
        self.plugin = doc["plugin"]
        self.parameters = doc["parameters"]
        self.summary = doc.get("summary", {})
        self.notes = doc.get("notes", [])
        skip = {"schema_version", "tolok_version", "plugin", "version", "parameters", "summary", "notes"}
        self.tables = [k for k, v in doc.items() if k not in skip and isinstance(v, list)]

    def table(self, name: str | None = None) -> pd.DataFrame:
        """A result table as a DataFrame (the first table by default). Money arrives as JSON numbers
        with exactly two decimals (docs/OUTPUT.md), read here as floats for plotting and arithmetic."""
        name = name or self.tables[0]
        return pd.DataFrame(self.doc[name])

    def print_notes(self) -> None:
        for note in self.notes:
            print("note:", note)


class Tolok:
    """Runs the `tolok` executable as a subprocess from the repository root.

    The binary is $TOLOK_BIN if set, else <repo>/.build/release/tolok, else .build/debug/tolok.
    """

    def __init__(self, root: pathlib.Path | None = None, binary: str | None = None, echo: bool = True):
        self.root = root or repo_root()
        self.binary = pathlib.Path(binary or os.environ.get("TOLOK_BIN") or self._default_binary())
        if not self.binary.is_absolute():
            self.binary = (pathlib.Path.cwd() / self.binary).resolve()
        if not self.binary.exists():
            raise FileNotFoundError(
                f"tolok not found at {self.binary}: run `swift build -c release` in {self.root} "
                "or set TOLOK_BIN to the executable")
        self.echo = echo
        self.scratch = pathlib.Path(tempfile.mkdtemp(prefix="tolok-notebook-"))

    def _default_binary(self) -> pathlib.Path:
        for build in ("release", "debug"):
            candidate = self.root / ".build" / build / "tolok"
            if candidate.exists():
                return candidate
        return self.root / ".build" / "release" / "tolok"

    def version(self) -> str:
        return subprocess.run([str(self.binary), "--version"], capture_output=True, text=True).stdout.strip()

    def write_csv(self, frame: pd.DataFrame, name: str) -> pathlib.Path:
        """Write a DataFrame made in the notebook to a scratch CSV for `tolok`."""
        path = self.scratch / name
        frame.to_csv(path, index=False)
        return path

    def run(self, plugin: str, data, **options) -> Result:
        """`tolok run PLUGIN --data DATA --option value ... --format json`.

        Keyword names become options (`group_by="program"` → `--group-by program`); lists are
        comma-joined; True adds a flag; None or False leaves the option out."""
        data = pathlib.Path(data)
        shown = f"<scratch>/{data.name}" if data.is_relative_to(self.scratch) else str(data)
        args = ["run", plugin, "--data", str(data)]
        display = ["tolok", "run", plugin, "--data", shown]
        for key, value in options.items():
            if value is None or value is False:
                continue
            flag = "--" + key.replace("_", "-")
            if value is True:
                args.append(flag); display.append(flag)
                continue
            text = ",".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
            args += [flag, text]; display += [flag, text]
        command = " ".join(shlex.quote(a) for a in display)
        if self.echo:
            print("$", command)
        done = subprocess.run([str(self.binary), *args, "--format", "json"], cwd=self.root,
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"tolok exited with status {done.returncode}: {done.stderr.strip()}")
        return Result(json.loads(done.stdout), command, exact=json.loads(done.stdout, parse_float=decimal.Decimal))


class Checks:
    """Numbers compared with published (or independently computed) values. Each check prints
    one row; `assert_all()` fails the cell — and so the notebook — if any check failed."""

    def __init__(self, title: str):
        self.title = title
        self.rows: list[dict] = []

    def _add(self, what, got, expected, tolerance, ok):
        self.rows.append({"check": what, "tolok": got, "reference": expected, "tolerance": tolerance,
                          "ok": bool(ok)})
        return ok

    def close(self, what: str, got: float, expected: float, tol: float, relative: bool = False) -> bool:
        """|got − expected| ≤ tol (or ≤ tol·|expected| with relative=True)."""
        bound = tol * abs(expected) if relative else tol
        ok = got is not None and math.isfinite(got) and abs(got - expected) <= bound
        label = f"{tol:g} rel" if relative else f"{tol:g}"
        return self._add(what, got, expected, label, ok)

    def printed(self, what: str, got: float, printed: float, decimals: int, slack: float = 0.0) -> bool:
        """`got` reproduces a number printed to `decimals` places: |got − printed| ≤ half a unit in
        the last printed place (+ `slack`, e.g. the source program's own convergence tolerance)."""
        bound = 0.5 * 10.0 ** (-decimals) * (1 + 1e-9) + slack
        ok = got is not None and math.isfinite(got) and abs(got - printed) <= bound
        label = f"±½·1e-{decimals}" + (f" + {slack:g}" if slack else "")
        return self._add(what, got, printed, label, ok)

    def all_close(self, what: str, got, expected, tol: float) -> bool:
        """Every element within tol; reports the largest difference."""
        got = pd.Series(got, dtype=float).to_numpy()
        expected = pd.Series(expected, dtype=float).to_numpy()
        if got.shape != expected.shape:
            return self._add(what + " (shape)", got.shape, expected.shape, "equal", False)
        worst = float(abs(got - expected).max())
        return self._add(f"{what}: max |Δ| over {len(got)}", worst, 0.0, f"{tol:g}", worst <= tol)

    def equal(self, what: str, got, expected) -> bool:
        return self._add(what, got, expected, "exact", got == expected)

    def true(self, what: str, condition: bool) -> bool:
        return self._add(what, "", "", "holds", bool(condition))

    def table(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows)

    def assert_all(self) -> None:
        frame = self.table()
        def show(value):
            if value is None:
                return ""
            if isinstance(value, float):
                return f"{value:.10g}"
            return str(value)
        shown = frame.assign(tolok=frame["tolok"].map(show), reference=frame["reference"].map(show),
                             ok=frame["ok"].map({True: "ok", False: "FAILED"}))
        with pd.option_context("display.max_rows", 200, "display.width", 160, "display.max_colwidth", 80):
            print(shown.to_string(index=False))
        failed = frame[~frame["ok"]]
        print(f"{self.title}: {len(frame) - len(failed)} of {len(frame)} checks passed")
        if len(failed):
            detail = "; ".join(f"{r.check}: tolok {show(r.tolok)}, reference {show(r.reference)}, tolerance {r.tolerance}"
                               for r in failed.itertuples())
            raise AssertionError(f"{self.title}: {len(failed)} check(s) failed: {detail}")
        self.rows.clear()
