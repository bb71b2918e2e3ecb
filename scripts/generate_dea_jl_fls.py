#!/usr/bin/env python3
"""Transcribes DataEnvelopmentAnalysis.jl's reference values for the FLS 11-unit data into
Datasets/dea_jl_fls_11.expected.csv (provenance: Datasets/SOURCES-DEA.md).

Usage: python3 scripts/generate_dea_jl_fls.py DIR   (DIR holds test/dea.jl and test/deaadd.jl
of github.com/javierbarbero/DataEnvelopmentAnalysis.jl, commit 338c0d2373d852e3c15b4357a9ca01a1f7e31bfc)

Each block is found by the line that starts it (`@test <expr> ≈ [`); the bracketed Julia array
that follows is parsed (rows separated by ';' or newlines). The script prints the line of every
block it read, for the SOURCES file.
"""
import csv, re, sys, os

def block(path, marker):
    lines = open(path, encoding="utf-8").read().split("\n")
    for k, line in enumerate(lines):
        if marker in line:
            text = "\n".join(lines[k:])
            start = text.index("[", text.index("≈"))
            end = text.index("]", start)
            body = text[start + 1:end]
            rows = [r for r in re.split(r"[;\n]", body) if r.strip()]
            return k + 1, [[float(v) for v in r.split()] for r in rows]
    raise SystemExit(f"{marker!r} not in {path}")

def main():
    root = sys.argv[1]
    dea, add = os.path.join(root, "test", "dea.jl"), os.path.join(root, "test", "deaadd.jl")
    columns = {}
    def vector(name, path, marker):
        line, rows = block(path, marker)
        print(f"{name}: {os.path.basename(path)} line {line}", file=sys.stderr)
        columns[name] = [r[0] for r in rows]
    def matrix(names, path, marker):
        line, rows = block(path, marker)
        print(f"{','.join(names)}: {os.path.basename(path)} line {line}", file=sys.stderr)
        for c, name in enumerate(names):
            columns[name] = [r[c] for r in rows]
    def peer(name, path, marker):
        line, rows = block(path, marker)
        print(f"{name}: {os.path.basename(path)} line {line}", file=sys.stderr)
        columns[name] = [";".join(f"{'ABCDEFGHIJL'[j]}:{v!r}" for j, v in enumerate(r) if v != 0) for r in rows]

    vector("fdh_input", dea, "@test efficiency(deafdh) ≈")
    peer("fdh_input_peers", dea, "@test convert(Matrix, peers(deafdh)) ≈")
    matrix(["fdh_input_slack_x1", "fdh_input_slack_x2"], dea, "@test slacks(deafdh, :X) ≈")
    vector("fdh_input_slack_y", dea, "@test slacks(deafdh, :Y) ≈")
    vector("add_ones_crs", add, "@test efficiency(deaaddcrs1) ≈ [")
    vector("add_ones_vrs", add, "@test efficiency(deaaddvrs1) ≈ [")
    peer("add_ones_vrs_peers", add, "@test convert(Matrix, peers(deaaddvrs1)) ≈")
    vector("add_mip_crs", add, "@test efficiency(deaaddmipcrs) ≈")
    matrix(["add_mip_crs_slack_x1", "add_mip_crs_slack_x2"], add, "@test deaaddmipcrs.slackX ≈")
    vector("add_mip_crs_slack_y", add, "@test deaaddmipcrs.slackY ≈")
    vector("add_mip_vrs", add, "@test efficiency(deaaddmipvrs) ≈")
    matrix(["add_mip_vrs_slack_x1", "add_mip_vrs_slack_x2"], add, "@test deaaddmipvrs.slackX ≈")
    vector("add_mip_vrs_slack_y", add, "@test deaaddmipvrs.slackY ≈")
    vector("add_ram_crs", add, "@test efficiency(deaaddramcrs) ≈")
    vector("add_ram_vrs", add, "@test efficiency(deaaddramvrs) ≈")
    matrix(["add_ram_vrs_slack_x1", "add_ram_vrs_slack_x2"], add, "@test deaaddramvrs.slackX ≈")
    vector("add_ram_vrs_slack_y", add, "@test deaaddramvrs.slackY ≈")
    vector("add_fdh", add, "@test efficiency(deaaddfdh) ≈")

    names = list(columns)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["dmu"] + names)
    for j, dmu in enumerate("ABCDEFGHIJL"):
        row = [dmu]
        for n in names:
            v = columns[n][j]
            row.append(v if isinstance(v, str) else repr(v))
        out.writerow(row)

main()
