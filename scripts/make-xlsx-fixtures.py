#!/usr/bin/env python3
"""Writes the .xlsx fixtures of Tests/TolokWorkbookTests/Fixtures with openpyxl (PyPI), a writer
independent of Tolok's: run it again after changing it (`python3 scripts/make-xlsx-fixtures.py`)
and commit the files. The workbooks are small; their contents are pinned by the reader tests."""
import csv, datetime, os, sys, zipfile, io
import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
out = os.path.join(root, "Tests", "TolokWorkbookTests", "Fixtures")
os.makedirs(out, exist_ok=True)

def deterministic(path):
    """Rewrites the zip with fixed entry times and no creation/modification dates in
    docProps/core.xml, so that running the script twice gives the same bytes."""
    with zipfile.ZipFile(path) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            if name == "docProps/core.xml":
                import re
                data = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\w+>", b"", data)
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)

# 1. typed.xlsx: an empty first row, header on row 2, shared strings, numbers, dates (a built-in
#    and a custom date format), booleans, a missing cell, "NA"; a second sheet.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "premiums"
ws.append([])                                  # row 1 empty
ws.append(["branch", "premi", "claims", "start", "paid", "active", "note"])
rows = [
    ["Jakarta", 1250000.5, 10, datetime.date(2024, 1, 31), datetime.date(2024, 2, 29), True, "a"],
    ["Bandung", 980000, 7.25, datetime.date(1900, 3, 1), datetime.date(2023, 12, 1), False, None],
    ["Surabaya", 0.1, "NA", datetime.date(2025, 3, 31), datetime.datetime(2025, 4, 1, 12, 30), True, "b"],
]
for r in rows:
    ws.append(r)
for row in ws.iter_rows(min_row=3, max_row=5):
    row[3].number_format = "mm-dd-yy"          # built-in numFmtId 14
    row[4].number_format = "dd/mm/yyyy"        # a custom format with d, m, y
second = wb.create_sheet("second")
second.append(["id", "x", "y"])
second.append(["A", 1, 2])
second.append(["B", 3, 4])
wb.save(os.path.join(out, "typed.xlsx"))
deterministic(os.path.join(out, "typed.xlsx"))

# 2. error.xlsx: an error cell (#DIV/0!) at C4 in column "premi".
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Sheet1"
ws.append(["id", "x", "premi"])
ws.append(["A", 1, 10])
ws.append(["B", 2, 20])
ws.append(["C", 3, "#DIV/0!"])
wb.save(os.path.join(out, "error.xlsx"))
deterministic(os.path.join(out, "error.xlsx"))

# 3. date1904.xlsx: the 1904 date system.
wb = openpyxl.Workbook()
wb.epoch = CALENDAR_MAC_1904
ws = wb.active
ws.append(["id", "day"])
ws.append(["A", datetime.date(2024, 3, 15)])
ws["B2"].number_format = "yyyy-mm-dd"
wb.save(os.path.join(out, "date1904.xlsx"))
deterministic(os.path.join(out, "date1904.xlsx"))

# 3b. leapbug.xlsx: serial 60 under a date format is Excel's nonexistent 1900-02-29 (B3).
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "dates"
ws.append(["id", "day"])
ws.append(["A", 61])
ws.append(["B", 60])
for cell in ("B2", "B3"):
    ws[cell].number_format = "dd/mm/yyyy"
wb.save(os.path.join(out, "leapbug.xlsx"))
deterministic(os.path.join(out, "leapbug.xlsx"))

# 3c. chartfirst.xlsx: a chart sheet before the data: the default sheet is the first worksheet.
from openpyxl.chart import BarChart, Reference
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "data"
ws.append(["id", "x"])
ws.append(["A", 1])
ws.append(["B", 2])
chart = BarChart()
chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=3), titles_from_data=True)
cs = wb.create_chartsheet("chart", 0)
cs.add_chart(chart)
wb.save(os.path.join(out, "chartfirst.xlsx"))
deterministic(os.path.join(out, "chartfirst.xlsx"))

# 4. hospitals.xlsx: Datasets/cst_hospitals_12.csv as a workbook (numbers as numbers).
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "hospitals"
with open(os.path.join(root, "Datasets", "cst_hospitals_12.csv"), newline="") as f:
    for k, row in enumerate(csv.reader(f)):
        ws.append(row if k == 0 else [row[0]] + [float(x) if "." in x else int(x) for x in row[1:]])
wb.save(os.path.join(out, "hospitals.xlsx"))
deterministic(os.path.join(out, "hospitals.xlsx"))
print("wrote", ", ".join(sorted(f for f in os.listdir(out) if f.endswith(".xlsx"))))

# 5. typed-libreoffice.xlsx: typed.xlsx saved again by LibreOffice (a second writer; it stores
#    text as shared strings, as Excel does). Skipped without soffice (Debian libreoffice-calc-nogui).
import shutil, subprocess, tempfile
if shutil.which("soffice"):
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "typed-libreoffice.xlsx")
        shutil.copy(os.path.join(out, "typed.xlsx"), src)
        conv = os.path.join(tmp, "conv")
        subprocess.run(["soffice", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", conv, src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.copy(os.path.join(conv, "typed-libreoffice.xlsx"), os.path.join(out, "typed-libreoffice.xlsx"))
        deterministic(os.path.join(out, "typed-libreoffice.xlsx"))
    print("wrote typed-libreoffice.xlsx")
else:
    print("soffice not found: typed-libreoffice.xlsx not rewritten", file=sys.stderr)
