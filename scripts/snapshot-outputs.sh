#!/usr/bin/env bash
# Writes the outputs of the README's commands (every format) and of `describe` for every plugin
# into DIR, one file per command, so that two builds can be compared byte for byte:
#   bash scripts/snapshot-outputs.sh .build/debug/tolok /tmp/before
#   ... change ...
#   bash scripts/snapshot-outputs.sh .build/debug/tolok /tmp/after && diff -r /tmp/before /tmp/after
set -uo pipefail
cd "$(dirname "$0")/.."
tolok=$1; out=$2
mkdir -p "$out"
i=0
run() {
  i=$((i + 1))
  for fmt in table csv json; do
    "$tolok" "$@" --format "$fmt" > "$out/$(printf %02d $i).$fmt" 2>&1
    echo "exit $?" >> "$out/$(printf %02d $i).$fmt"
  done
  echo "$*" > "$out/$(printf %02d $i).cmd"
}
run run branch-comparison --data Datasets/branches/branches_2025.csv
run run dea --data Datasets/cst_hospitals_12.csv --id dmu --inputs x1_doctors,x2_nurses --outputs y1_outpatients,y2_inpatients --rts vrs --scale
run run dea --data Datasets/power_plants_6.csv --id dmu --inputs x1_manpower,x2_construction_cost,x3_maintenance_cost,x4_villages_evacuated --outputs y1_power_mw,y2_safety_level --rts vrs --super
run run dea --data Datasets/dea_jl_malmquist_5.csv --id dmu --period period --inputs x1 --outputs y1
run run dea --data Datasets/dea_jl_malmquist_5.csv --id dmu --period period --inputs x1 --outputs y1 --table pairs
run run dea --data Datasets/pft_1981.csv --id dmu --inputs x1_education,x2_occupation,x3_parental_visits,x4_counseling,x5_teachers --outputs y1_reading,y2_math,y3_coopersmith --group-by program --orientation output
run run dea --data Datasets/cst_hospitals_12.csv --id dmu --inputs x1_doctors,x2_nurses --outputs y1_outpatients,y2_inpatients --rts ndrs --orientation output
run run dea-second-stage --data Datasets/sw2007_synthetic_100.csv --id unit --inputs x --outputs y --environment z1,z2 --orientation output --rts vrs --seed 1
run run dea-second-stage --data Datasets/sw2007_synthetic_100.csv --id unit --inputs x --outputs y --environment z1,z2 --orientation output --algorithm 1 --table units
run run two-stage-dea --data Datasets/kao_hwang_2008.csv --id dmu --inputs x1_operation_expenses,x2_insurance_expenses --intermediates z1_direct_written_premiums,z2_reinsurance_premiums --outputs y1_underwriting_profit,y2_investment_profit --method relational --table ranking
for m in relational independent additive; do
run run two-stage-dea --data Datasets/kao_hwang_2008.csv --id dmu --inputs x1_operation_expenses,x2_insurance_expenses --intermediates z1_direct_written_premiums,z2_reinsurance_premiums --outputs y1_underwriting_profit,y2_investment_profit --method $m
done
run run ols --data Datasets/front41Data.csv --id firm --y output --x capital,labour --log
run run ols --data Datasets/front41Data.csv --id firm --y output --x capital,labour --log --robust
run run sfa --data Datasets/front41_eg1_logs.csv --id firm --y ly --x lk,ll
run run sfa --data Datasets/front41_eg1_logs.csv --id firm --y ly --x lk,ll --distribution truncated-normal
run run sfa --data Datasets/front41_eg1_logs.csv --id firm --y ly --x lk,ll --distribution exponential
run run underwriting --data Datasets/insurance/underwriting_seed003.csv
run run underwriting --data Datasets/insurance/underwriting_branches.csv --group-by branch,class --table groups
run run risk-placement --data Datasets/insurance/risk_placement_seed003.csv --id risk
run run recoveries --data Datasets/insurance/recoveries_seed004_ledger.csv --statements Datasets/insurance/recoveries_seed004_statements.csv --splits Datasets/insurance/recoveries_seed004_splits.csv
run run recoveries --data Datasets/insurance/recoveries_ledger.csv --statements Datasets/insurance/recoveries_statements.csv --splits Datasets/insurance/recoveries_splits.csv
run run contributions --data Datasets/insurance/contributions_bills.csv --id bill --as-of 2024-03-31
run run coverage --data Datasets/insurance/coverage_seed002.csv --target 0.98
run run loan-collectibility --data Datasets/insurance/loans.csv --id loan --group-by branch
run run ratios --data Datasets/cst_hospitals_12.csv --id dmu --inputs x1_doctors,x2_nurses --outputs y1_outpatients,y2_inpatients
"$tolok" plugins > "$out/plugins.txt" 2>&1
for p in $("$tolok" plugins 2>/dev/null | awk 'NR>0 {print $1}' | grep -E '^[a-z][a-z-]+$'); do
  "$tolok" describe "$p" > "$out/describe-$p.txt" 2>&1
done
echo "snapshot: $i commands written to $out"
