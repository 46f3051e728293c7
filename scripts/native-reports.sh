#!/usr/bin/env bash
# Writes target/wasm-test/native-reports.json: the CLI's report for every demo preset, as_of 2026-07-31,
# 90 days, keyed by preset id. The browser tests compare the WASM engine's reports with these. And
# target/wasm-test/card-reports.json: the report the card asks for each preset (detail analysis for a
# single area, the full report for a portfolio), to compare a card's riskchange with.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/wasm-test/aoi
cargo build --release --bin riskcard
python3 - <<'PY'
import json, subprocess
presets = json.load(open("www/data/presets.json"))
out, card = {}, {}
for p in presets:
    path = f"target/wasm-test/aoi/{p['id']}.geojson"
    json.dump(p["aoi"], open(path, "w"))
    args = ["target/release/riskcard", "assess",
        "--incidents", "www/data/ucdp_candidate_v26_01_06_mali_bfa_ner.csv",
        "--incidents", "www/data/ucdp_candidate_v26_0_7_mali_bfa_ner.csv",
        "--aoi", path, "--as-of", "2026-07-31", "--window-days", "90", "--compact"]
    r = subprocess.run(args, check=True, capture_output=True, text=True)
    out[p["id"]] = json.loads(r.stdout)
    single = p["aoi"].get("type") != "FeatureCollection"
    r = subprocess.run(args + (["--detail", "analysis"] if single else []), check=True, capture_output=True, text=True)
    card[p["id"]] = json.loads(r.stdout)
json.dump(out, open("target/wasm-test/native-reports.json", "w"))
json.dump(card, open("target/wasm-test/card-reports.json", "w"))
print(f"native reports: {len(out)} presets")
PY
