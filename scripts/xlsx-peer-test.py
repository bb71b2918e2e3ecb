#!/usr/bin/env python3
"""Checks Tolok's spreadsheet output with independent readers (docs/OUTPUT.md, xlsx and --locale id):
  1. openpyxl (PyPI) reads `--format xlsx`: one sheet per result table plus `summary`, the
     values equal the CSV output's, money cells `#,##0.00`, fraction cells `0.0%`, the header
     row bold and frozen (pane at A2);
  2. LibreOffice (`soffice --headless --convert-to csv`, Debian libreoffice-calc-nogui) turns
     each sheet back into CSV equal to Tolok's CSV of that table (numbers to 15 digits, which
     is what LibreOffice prints);
  3. pandas reads `--format csv --locale id` with sep=';', decimal=',' to the same numbers as
     the default CSV.
Usage: python3 scripts/xlsx-peer-test.py path/to/tolok. A reader that is not installed is
skipped with a message, unless TOLOK_REQUIRE_XLSX_PEERS=1 (CI), when it is a failure."""
import csv, io, math, os, shutil, subprocess, sys, tempfile

tolok = os.path.abspath(sys.argv[1])
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
require = os.environ.get("TOLOK_REQUIRE_XLSX_PEERS") == "1"
failures = []
checks = 0

def fail(msg):
    failures.append(msg)
    print("xlsx-peer-test: FAIL: " + msg, file=sys.stderr)

def skip(what, why):
    if require:
        fail(f"{what}: {why} (TOLOK_REQUIRE_XLSX_PEERS=1)")
    else:
        print(f"xlsx-peer-test: skipped {what}: {why}")

def run(args):
    p = subprocess.run([tolok] + args, cwd=root, capture_output=True)
    if p.returncode != 0:
        raise SystemExit(f"xlsx-peer-test: tolok {' '.join(args)} exited {p.returncode}: {p.stderr.decode()}")
    return p.stdout

CASES = [
    ("branch", ["run", "branch-comparison", "--data", "Datasets/branches/branches_2025.csv"]),
    ("dea", ["run", "dea", "--data", "Datasets/cst_hospitals_12.csv", "--id", "dmu", "--inputs", "x1_doctors,x2_nurses",
             "--outputs", "y1_outpatients,y2_inpatients", "--rts", "vrs"]),
    ("underwriting", ["run", "underwriting", "--data", "Datasets/insurance/underwriting_branches.csv"]),
]

def tables_of(args):
    import json
    doc = json.loads(run(args + ["--format", "json"]))
    return doc

def csv_rows(args, table):
    text = run(args + ["--format", "csv", "--table", table]).decode()
    return list(csv.reader(io.StringIO(text)))

def same_number(a, b, rel):
    return a == b or abs(a - b) <= rel * max(abs(a), abs(b))

def same_cell(ours, theirs, rel):
    """`ours` is Tolok's CSV text; `theirs` a Python value (openpyxl) or LibreOffice's text."""
    if theirs is None:
        return ours == ""
    if isinstance(theirs, bool):
        return ours == ("true" if theirs else "false")
    if isinstance(theirs, (int, float)):
        try:
            return same_number(float(ours), float(theirs), rel)
        except ValueError:
            return False
    if ours.lower() in ("true", "false") and theirs.lower() in ("true", "false"):
        return ours.lower() == theirs.lower()
    if theirs.endswith("%"):
        # LibreOffice keeps the percent sign of a percent-formatted cell even for raw values.
        try:
            return same_number(float(ours), float(theirs[:-1]) / 100, max(rel, 1e-13))
        except ValueError:
            return False
    try:
        return same_number(float(ours), float(theirs), rel)
    except ValueError:
        return ours == theirs

tmp = tempfile.mkdtemp(prefix="tolok-xlsx-peer-")
workbooks = {}
for name, args in CASES:
    path = os.path.join(tmp, name + ".xlsx")
    run(args + ["--output", path])
    workbooks[name] = (path, args)

# Table names and column formats from the descriptor (tolok describe --format json is not needed:
# the sheets are named after the tables, in the result's order).
try:
    import openpyxl
except ImportError:
    openpyxl = None
    skip("openpyxl checks", "python module openpyxl not installed (pip install openpyxl)")

if openpyxl:
    from openpyxl.utils.escape import unescape as ooxml_unescape
    for name, (path, args) in workbooks.items():
        wb = openpyxl.load_workbook(path)
        tables = [s for s in wb.sheetnames if s != "summary"]
        if wb.sheetnames[-1] != "summary":
            fail(f"{name}: the last sheet is {wb.sheetnames[-1]!r}, not summary")
        for t in tables:
            ws = wb[t]
            ours = csv_rows(args, t)
            # openpyxl leaves Office Open XML's `_x005F_` escape in cell text (Excel and LibreOffice
            # undo it); Tolok writes it before `_x1_`-like runs (slack_x1_doctors): undo it here.
            header = [ooxml_unescape(c.value) for c in ws[1]]
            if header != ours[0]:
                fail(f"{name}/{t}: header {header} != CSV {ours[0]}")
            if ws.freeze_panes != "A2":
                fail(f"{name}/{t}: freeze_panes {ws.freeze_panes!r}, expected A2")
            if not all(c.font.b for c in ws[1]):
                fail(f"{name}/{t}: header not bold")
            rows = list(ws.iter_rows(min_row=2, values_only=False))
            if len(rows) != len(ours) - 1:
                fail(f"{name}/{t}: {len(rows)} rows, CSV has {len(ours) - 1}")
            for r, (cells, line) in enumerate(zip(rows, ours[1:])):
                cells = list(cells) + [None] * (len(line) - len(cells))
                for k, (cell, text) in enumerate(zip(cells, line)):
                    value = cell.value if cell is not None else None
                    if isinstance(value, str):
                        value = ooxml_unescape(value)
                    checks += 1
                    if not same_cell(text, value, 0.0):
                        fail(f"{name}/{t} row {r + 2} column {ours[0][k]}: xlsx {value!r} != CSV {text!r}")
        # Number formats: money and fraction columns, from the result's own column formats.
        doc = tables_of(args)
        for t in tables:
            ws = wb[t]
            formats = {ooxml_unescape(c.value): ws.cell(row=2, column=c.column).number_format for c in ws[1]} if ws.max_row >= 2 else {}
            for col, fmt in formats.items():
                if col.endswith("_ratio") or col.startswith("saving_") or col in ("loss_ratio", "combined_ratio"):
                    checks += 1
                    if ws.cell(row=2, column=list(formats).index(col) + 1).value is not None and fmt != "0.0%":
                        fail(f"{name}/{t} column {col}: number format {fmt!r}, expected 0.0%")
            if name == "branch" and t == "units":
                checks += 1
                if formats.get("underwriting_result") != "#,##0.00":
                    fail(f"{name}/{t} underwriting_result: number format {formats.get('underwriting_result')!r}, expected #,##0.00")
    print(f"xlsx-peer-test: openpyxl ok ({checks} cells and formats)" if not failures else "xlsx-peer-test: openpyxl checks failed")

soffice = shutil.which("soffice") or shutil.which("libreoffice")
if not soffice:
    skip("LibreOffice checks", "soffice not found (Debian: apt-get install libreoffice-calc-nogui)")
else:
    n = 0
    for name, (path, args) in workbooks.items():
        out = os.path.join(tmp, "lo-" + name)
        profile = "file://" + os.path.join(tmp, "lo-profile")
        # 44 comma, 34 quote, 76 UTF-8, from line 1, …, false: raw values (not as shown), -1: every sheet.
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                        "--outdir", out, path], check=True, capture_output=True)
        for t in [s for s in (openpyxl.load_workbook(path).sheetnames if openpyxl else []) if s != "summary"] or ["units"]:
            produced = os.path.join(out, f"{name}-{t}.csv")
            if not os.path.exists(produced):
                fail(f"LibreOffice wrote no {produced} (files: {os.listdir(out)})")
                continue
            with open(produced, newline="", encoding="utf-8") as f:
                theirs = list(csv.reader(f))
            ours = csv_rows(args, t)
            if len(theirs) != len(ours):
                fail(f"LibreOffice {name}/{t}: {len(theirs)} lines, Tolok's CSV {len(ours)}")
            for r, (a, b) in enumerate(zip(ours, theirs)):
                b = b + [""] * (len(a) - len(b))
                for k, (x, y) in enumerate(zip(a, b)):
                    n += 1
                    if not same_cell(x, y, 1e-14):
                        fail(f"LibreOffice {name}/{t} line {r + 1} column {ours[0][k]}: {y!r} != Tolok's {x!r}")
    print(f"xlsx-peer-test: LibreOffice ok ({n} cells)" if not failures else "xlsx-peer-test: LibreOffice checks failed")

try:
    import pandas as pd
except ImportError:
    pd = None
    skip("pandas --locale id check", "python module pandas not installed (pip install pandas)")
if pd is not None:
    n = 0
    for name, (path, args) in workbooks.items():
        default = run(args + ["--format", "csv"])
        local = run(args + ["--format", "csv", "--locale", "id"])
        if not local.startswith(b"\xef\xbb\xbf"):
            fail(f"--locale id {name}: no UTF-8 byte-order mark")
        a = pd.read_csv(io.BytesIO(default), keep_default_na=True)
        b = pd.read_csv(io.BytesIO(local), sep=";", decimal=",", encoding="utf-8-sig")
        if list(a.columns) != list(b.columns):
            fail(f"--locale id {name}: columns {list(b.columns)} != {list(a.columns)}")
            continue
        for col in a.columns:
            n += 1
            if pd.api.types.is_numeric_dtype(a[col]):
                if not pd.api.types.is_numeric_dtype(b[col]):
                    fail(f"--locale id {name} column {col}: read as {b[col].dtype}, not numbers")
                elif not ((a[col] == b[col]) | (a[col].isna() & b[col].isna())).all():
                    fail(f"--locale id {name} column {col}: numbers differ")
    print(f"xlsx-peer-test: pandas --locale id ok ({n} columns)" if not failures else "xlsx-peer-test: pandas checks failed")

shutil.rmtree(tmp, ignore_errors=True)
if failures:
    print(f"xlsx-peer-test: {len(failures)} failures", file=sys.stderr)
    sys.exit(1)
print("xlsx-peer-test: ok")
