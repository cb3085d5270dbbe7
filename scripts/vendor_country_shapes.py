"""Rebuild ``data/reference/ne_110m_countries.json`` from Natural Earth 1:110m admin-0 countries.

Input: ``countries-110m.json`` (TopoJSON, Natural Earth 5.1.2, UN-style boundary view) from
https://github.com/cublya/world-atlas (a maintained fork of topojson/world-atlas). Output: one
entry per country keyed by ISO 3166-1 alpha-3, ``{"name": ..., "rings": [[[lon, lat], ...]]}``,
coordinates in decimal degrees rounded to 0.1 (finer than the 1:110m source's detail), no other
properties. Antarctica is left out (no services; it would take a sixth of the map).

    python scripts/vendor_country_shapes.py countries-110m.json data/reference/ne_110m_countries.json
"""
from __future__ import annotations

import json
import sys


def decode(topology: dict) -> dict[str, dict]:
    """Per ISO alpha-3: name and rings (lists of [lon, lat]) of a TopoJSON ``countries`` object."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:  # delta-encoded, quantized positions
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * sx + tx, 1), round(y * sy + ty, 1)])
        arcs.append(points)

    def ring(indexes):
        points = []
        for i in indexes:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(arc if not points else arc[1:])
        return [p for j, p in enumerate(points) if j == 0 or p != points[j - 1]]

    out = {}
    for g in topology["objects"]["countries"]["geometries"]:
        # Natural Earth leaves ISO_A3 at -99 for France and Norway; ADM0_A3 is their code.
        p = g["properties"]
        iso3 = p["isoA3"] if len(p.get("isoA3") or "") == 3 else p.get("adm0A3") or ""
        if len(iso3) != 3 or iso3 == "ATA" or not g.get("arcs"):
            continue
        polygons = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        rings = [r for polygon in polygons for r in (ring(p) for p in polygon) if len(r) >= 4]
        out[iso3] = {"name": p["name"], "rings": rings}
    return dict(sorted(out.items()))


if __name__ == "__main__":
    source, target = sys.argv[1:3]
    with open(source, encoding="utf-8") as f:
        shapes = decode(json.load(f))
    with open(target, "w", encoding="utf-8") as f:
        json.dump(shapes, f, separators=(",", ":"))
    print(f"{len(shapes)} countries -> {target}")
