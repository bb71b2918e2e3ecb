#!/usr/bin/env python3
"""Derives the report test datasets from Datasets/branches/branches_2025.csv (standard library
only; re-running reproduces the files byte for byte):

  branches_one.csv          the first branch alone (a one-branch company)
  branches_200.csv          200 branches: the 24 branches, each amount scaled by a fixed factor
                            per copy (1 + 0.037*k mod 0.5) and rounded to cents, staff to whole
  branches_loss_missing.csv 6 branches, 3 loss-making (gross claims raised), 2 without any
                            subrogated claims (no recovery rate), one name needing escaping
  branches_no_recovery.csv  the 24 branches without the subrogation columns
  branches_2024_2025.csv    two periods (2024 derived from 2025 by fixed per-branch factors) for --period
"""
import csv, os

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Datasets", "branches")
with open(os.path.join(here, "branches_2025.csv"), newline="") as f:
    rows = list(csv.reader(f))
header, data = rows[0], rows[1:]

def write(name, head, body):
    with open(os.path.join(here, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(head)
        w.writerows(body)

write("branches_one.csv", header, data[:1])

big = []
for k in range(200):
    base = data[k % len(data)]
    factor = 1 + (0.037 * k) % 0.5
    row = ["Cabang %03d" % (k + 1)]
    for col, v in zip(header[1:], base[1:]):
        x = float(v) * factor
        row.append(str(max(1, round(x))) if col == "staff" else "%.2f" % x)
    big.append(row)
write("branches_200.csv", header, big)

gi = header.index("gross_claims")
sc, sr = header.index("subrogation_claims_paid"), header.index("subrogation_recoveries")
small = [list(r) for r in data[:6]]
for j in (1, 3, 4):
    small[j][gi] = "%.2f" % (float(small[j][gi]) * 1.9)
for j in (2, 5):
    small[j][sc] = "0.00"
    small[j][sr] = "0.00"
small[0][0] = 'Jakarta <Pusat> & "Kota"'
write("branches_loss_missing.csv", header, small)

keep = [i for i, c in enumerate(header) if not c.startswith("subrogation_")]
write("branches_no_recovery.csv", [header[i] for i in keep], [[r[i] for i in keep] for r in data])

# Two periods: 2024 derived from 2025 (each branch's amounts scaled by 0.82 + (0.029*k mod 0.3),
# staff by 0.9 + (0.017*k mod 0.2), rounded to cents / whole people), then the 2025 rows.
panel = []
for k, r in enumerate(data):
    f, g = 0.82 + (0.029 * k) % 0.3, 0.9 + (0.017 * k) % 0.2
    row = [r[0], "2024"]
    for col, v in zip(header[1:], r[1:]):
        row.append(str(max(1, round(float(v) * g))) if col == "staff" else "%.2f" % (float(v) * f))
    panel.append(row)
panel += [[r[0], "2025"] + r[1:] for r in data]
write("branches_2024_2025.csv", [header[0], "period"] + header[1:], panel)
