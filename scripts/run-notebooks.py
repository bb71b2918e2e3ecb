#!/usr/bin/env python3
"""Execute every notebook in Notebooks/ top to bottom against a given `tolok` binary.

    python3 scripts/run-notebooks.py [--tolok PATH] [--timeout SECONDS] [--write] [NOTEBOOK ...]

--tolok     the executable (default: $TOLOK_BIN, else .build/release/tolok, else .build/debug/tolok)
--timeout   per-cell timeout in seconds (default 120)
--write     save the executed notebooks back (refreshes the committed outputs); without it the
            files on disk are left untouched
--no-install  skip `pip install -q -r Notebooks/requirements.txt` (done by default; a no-op when
            the requirements are already installed)
A notebook fails on any error, including a failed check cell (an AssertionError). The last line
is `notebooks: N passed, M failed`; the exit status is 1 if any failed.
"""
import argparse
import os
import pathlib
import re
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "Notebooks"


def default_binary() -> pathlib.Path:
    for build in ("release", "debug"):
        candidate = ROOT / ".build" / build / "tolok"
        if candidate.exists():
            return candidate
    return ROOT / ".build" / "release" / "tolok"


def install_requirements() -> None:
    os.environ.setdefault("PIP_ROOT_USER_ACTION", "ignore")
    pip = [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check",
           "-r", str(NOTEBOOKS / "requirements.txt")]
    if subprocess.run(pip).returncode == 0:
        return
    # A distribution Python (PEP 668) refuses plain installs; this is a throwaway CI machine.
    if subprocess.run(pip + ["--break-system-packages"]).returncode != 0:
        print("run-notebooks: pip install failed; trying with what is installed", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tolok", default=os.environ.get("TOLOK_BIN"))
    parser.add_argument("--timeout", type=int, default=120)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--no-install", action="store_true")
    parser.add_argument("notebooks", nargs="*")
    args = parser.parse_args()
    if not args.no_install:
        install_requirements()

    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    binary = pathlib.Path(args.tolok).absolute() if args.tolok else default_binary()
    if not binary.exists():
        print(f"run-notebooks: no tolok at {binary} (build it, or pass --tolok / set TOLOK_BIN)", file=sys.stderr)
        return 2
    os.environ["TOLOK_BIN"] = str(binary)
    # Plots are rendered off screen; the inline backend of the kernel does not need a display.
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")

    paths = [pathlib.Path(p).resolve() for p in args.notebooks] or sorted(NOTEBOOKS.glob("*.ipynb"))
    print(f"run-notebooks: {len(paths)} notebook(s) against {binary.relative_to(ROOT) if binary.is_relative_to(ROOT) else binary}")
    passed, failed = 0, 0
    start_all = time.monotonic()
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(notebook, timeout=args.timeout, kernel_name="python3", record_timing=False,
                                resources={"metadata": {"path": str(path.parent)}},
                                # the kernel's start-up warning about unencrypted local TCP is noise here
                                extra_arguments=["--IPKernelApp.log_level=ERROR"])
        start = time.monotonic()
        try:
            client.execute()
        except (CellExecutionError, CellTimeoutError) as error:
            failed += 1
            text = re.sub(r"\x1b\[[0-9;]*m", "", str(error))       # tracebacks carry ANSI colours
            lines = [l for l in text.splitlines() if l.strip()]
            print(f"FAIL {path.name} ({time.monotonic() - start:.1f} s)")
            for line in lines[-12:]:
                print("    " + line)
            continue
        except Exception as error:  # kernel did not start, unreadable notebook, ...
            failed += 1
            print(f"FAIL {path.name}: {type(error).__name__}: {error}")
            continue
        passed += 1
        print(f"ok   {path.name} ({time.monotonic() - start:.1f} s)")
        if args.write:
            nbformat.write(notebook, path)
    print(f"run-notebooks: {time.monotonic() - start_all:.1f} s in all")
    print(f"notebooks: {passed} passed, {failed} failed")
    return 1 if failed or not paths else 0


if __name__ == "__main__":
    sys.exit(main())
