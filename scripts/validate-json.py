#!/usr/bin/env python3
"""Validates `tolok run --format json` documents against a plugin's JSON Schema (draft 2020-12).

    python3 scripts/validate-json.py SCHEMA.json DOC.json [DOC.json ...]
    tolok run dea ... --format json | python3 scripts/validate-json.py SCHEMA.json -

Prints one line per violation (document, JSON path, message) and exits 1 when any document
does not hold, 2 when the validator itself cannot run (jsonschema missing, unreadable file).
The end-to-end tests call it for every JSON output (Tests/TolokEndToEndTests/TolokProcess.swift).
"""
import json
import sys

try:
    from jsonschema import Draft202012Validator
except ImportError:
    print("validate-json: the Python package jsonschema is missing (bash scripts/install-deps.sh installs it)", file=sys.stderr)
    sys.exit(2)


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    bad = 0
    for name in argv[2:]:
        text = sys.stdin.read() if name == "-" else open(name, encoding="utf-8").read()
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as e:
            print(f"{name}: not JSON: {e}")
            bad += 1
            continue
        for error in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path)):
            path = "".join(f"[{p!r}]" for p in error.absolute_path) or "(document)"
            print(f"{name}: {path}: {error.message[:300]}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
