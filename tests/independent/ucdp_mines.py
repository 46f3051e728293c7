#!/usr/bin/env python3
"""Independent check numbers for tests/ucdp_real.rs.

Reads the two UCDP Candidate files with Python's csv module (not riskcard's parser), keeps the later
release of a repeated id, and measures WGS84 geodesic distances with geographiclib (Karney's
algorithm, `pip install geographiclib`) from three USGS mine sites. Prints counts within radii (all
dates, and the 90-day window ending 2026-07-31) and the nearest event to each site.
"""
import csv, sys
from geographiclib.geodesic import Geodesic

DATA = sys.argv[1] if len(sys.argv) > 1 else "www/data"
FILES = ["ucdp_candidate_v26_01_06_mali_bfa_ner.csv", "ucdp_candidate_v26_0_7_mali_bfa_ner.csv"]
MINES = {  # USGS Mineral Facilities of Africa (lon, lat as published)
    "Morila": (-6.850381000507355, 11.673343000202237),
    "Syama": (-6.072904999771538, 10.791121000119347),
    "Loulo-Gounkoto": (-11.392215000096257, 12.875050000193085),
}
rows = {}
for f in FILES:
    with open(f"{DATA}/{f}", newline="", encoding="utf-8-sig") as fh:
        for r in csv.DictReader(fh):
            rows[r["id"]] = r
print("distinct", len(rows), "sum best", sum(int(r["best"]) for r in rows.values()))
for name, (lon, lat) in MINES.items():
    ds = []
    for r in rows.values():
        g = Geodesic.WGS84.Inverse(lat, lon, float(r["latitude"]), float(r["longitude"]))
        ds.append((g["s12"] / 1000.0, r["id"], r["date_start"][:10]))
    ds.sort()
    for radius in (50, 100, 150):
        allc = sum(1 for d, _, _ in ds if d <= radius)
        win = sum(1 for d, _, day in ds if d <= radius and "2026-05-03" <= day <= "2026-07-31")
        print(f"{name} r={radius}: all={allc} window={win}")
    print(f"{name} nearest: {ds[0][1]} {ds[0][0]:.3f} km; 2nd {ds[1][1]} {ds[1][0]:.3f} km")
    # events within 0.5% of a radius (ambiguous for a spherical model)
    for radius in (50, 100, 150):
        close = [(round(d, 2), i) for d, i, _ in ds if abs(d - radius) < radius * 0.005]
        if close:
            print(f"  near the {radius} km edge: {close}")
