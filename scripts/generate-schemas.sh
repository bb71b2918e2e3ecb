#!/usr/bin/env bash
# Rewrites docs/schemas/PLUGIN.schema.json for every built-in plugin from `tolok schema PLUGIN`
# (the schema is generated from each plugin's declarations; a test checks that the committed
# files equal the generated ones):
#   bash scripts/generate-schemas.sh [path/to/tolok]     (default: .build/debug/tolok)
set -euo pipefail
cd "$(dirname "$0")/.."
tolok=${1:-.build/debug/tolok}
mkdir -p docs/schemas
rm -f docs/schemas/*.schema.json
for p in $("$tolok" plugins --format json | python3 -c 'import json, sys; print(" ".join(p["id"] for p in json.load(sys.stdin)["plugins"] if p["origin"] == "built-in"))'); do
  "$tolok" schema "$p" > "docs/schemas/$p.schema.json.tmp"
  mv "docs/schemas/$p.schema.json.tmp" "docs/schemas/$p.schema.json"
done
ls docs/schemas
