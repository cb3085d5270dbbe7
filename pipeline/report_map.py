"""The report's map of services by country and its searchable directory (issue 12, item 3).

Both are HTML fragments the notebook displays, self-contained and offline: the map is an inline
SVG drawn from the vendored Natural Earth 1:110m country shapes (``paths.COUNTRY_SHAPES``, public
domain, source in ``data/reference/README.md``; no tile server, no CDN), switched between all
services, one channel or one service type by a ``<select>`` and a few lines of inline script,
with a table per choice as its text alternative. The directory is a plain HTML table with
inline filters (search, country, channel, service type, language, age). WeasyPrint (the PDF)
runs no script: it prints the map for all services with its table, and in place of the
directory a note pointing to ``report/directory.xlsx``.

Rows come from :func:`pipeline.hsds.directory` (the same directory as the XLSX), so a contact
the pipeline flagged is never shown as working: it appears only as 'to verify' with its field
and reason. All submitted text is HTML-escaped.
"""
from __future__ import annotations

import html
import json
from functools import cache

import numpy as np
import pandas as pd

from pipeline import hsds, paths
from pipeline.codebook import load_codebook

# ColorBrewer YlGnBu (sequential, colour-blind safe), lightest class dropped so that every class
# stands apart from countries with no service (NO_DATA).
PALETTE = ("#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494")
NO_DATA = "#f2f2f2"
DIMENSIONS = {"channel": "Channel", "service_type": "Service type"}
STYLE = """<style>
@media print { .screen-only { display: none !important; } }
@media screen { .print-only { display: none !important; } }
[hidden] { display: none !important; }
.svc-map svg { width: 100%; height: auto; background: #fff; }
.svc-map path { stroke: #767676; stroke-width: 0.15; }
.svc-legend span.swatch { display: inline-block; width: 1em; height: 1em; margin: 0 .3em 0 .8em;
  border: 1px solid #767676; vertical-align: middle; }
.svc-dir-controls label { margin-right: 1em; display: inline-block; }
</style>"""


@cache
def country_shapes() -> dict[str, dict]:
    """ISO 3166-1 alpha-3 -> ``{"name", "rings": [[[lon, lat], ...]]}`` (173 countries)."""
    return json.loads(paths.COUNTRY_SHAPES.read_text(encoding="utf-8"))


def _codes(segments: pd.DataFrame, dim: str) -> pd.DataFrame:
    """Distinct (service_id, code) pairs of ``dim``, 'unclassified' left out."""
    rows = segments[(segments["dimension"] == dim) & (segments["code"] != "unclassified")]
    return rows[["service_id", "code"]].drop_duplicates()


def map_counts(services: pd.DataFrame, segments: pd.DataFrame, codebook=None) -> dict[str, dict]:
    """Services per country for each map choice, in codebook order.

    Returns ``{key: {"label", "counts": {iso3: n}}}`` with keys 'all', 'channel:<slug>' and
    'service_type:<slug>' for every code some service has; n counts distinct services; services
    with no known country (``country_iso3 == ''``) are left out.
    """
    codebook = codebook or load_codebook()
    known = services[services["country_iso3"] != ""]
    country = known.set_index("service_id")["country_iso3"]
    choices = {"all": {"label": "All services",
                       "counts": country.value_counts().sort_index().to_dict()}}
    for dim, title in DIMENSIONS.items():
        pairs = _codes(segments, dim)
        pairs = pairs[pairs["service_id"].isin(country.index)]
        for c in codebook.dimension(dim).codes:
            ids = pairs.loc[pairs["code"] == c.slug, "service_id"]
            if len(ids):
                choices[f"{dim}:{c.slug}"] = {"label": f"{title}: {c.label}",
                                             "counts": country[ids].value_counts().sort_index().to_dict()}
    for choice in choices.values():
        choice["counts"] = {k: int(v) for k, v in choice["counts"].items()}
    return choices


def classes(max_count: int, n: int = len(PALETTE)) -> list[tuple[int, int, str]]:
    """(low, high, colour) classes covering 1..max_count: one per count up to ``n``, else
    ``n`` equal-width classes with integer bounds."""
    if max_count <= n:
        return [(k, k, PALETTE[k - 1 + n - max_count]) for k in range(1, max_count + 1)]
    edges = np.unique(np.ceil(np.linspace(0, max_count, n + 1)).astype(int))
    return [(int(edges[i]) + 1, int(edges[i + 1]), PALETTE[i]) for i in range(len(edges) - 1)]


def _colour(count: int, bins: list[tuple[int, int, str]]) -> str:
    return next((colour for _, high, colour in bins if count <= high), NO_DATA) if count else NO_DATA


def _unwrapped(ring: list) -> list[list]:
    """A ring that crosses the antimeridian (Russia's and Fiji's in Natural Earth jump from
    180 to -180) drawn whole: longitudes made continuous, then the ring drawn again 360°
    left or right for the part past ±180 (the SVG viewBox clips both copies). Drawn as
    given, each jump was a band across the whole map."""
    x0, offset, out = ring[0][0], 0.0, []
    for x, y in ring:
        if x + offset - x0 > 180:
            offset -= 360
        elif x + offset - x0 < -180:
            offset += 360
        x0 = x + offset
        out.append([x0, y])
    xs = [x for x, _ in out]
    shift = -360 if max(xs) > 180 else 360 if min(xs) < -180 else 0
    return [out] + ([[[x + shift, y] for x, y in out]] if shift else [])


def _path(rings: list) -> str:
    return "".join("M" + " ".join(f"{x:g},{-y:g}" for x, y in part) + "Z"
                   for ring in rings for part in _unwrapped(ring))


def _services(n: int) -> str:
    return f"{n} service{'s' if n != 1 else ''}"


def _legend(bins) -> list[list[str]]:
    return [[f"{lo}" if lo == hi else f"{lo}–{hi}", colour] for lo, hi, colour in bins]


def _table(key: str, choice: dict, shapes: dict, names: dict, hidden: bool) -> str:
    rows = sorted(choice["counts"].items(), key=lambda kv: (-kv[1], names.get(kv[0], kv[0])))
    body = "".join(f"<tr><td>{html.escape(names.get(iso, iso))}</td><td>{iso}</td><td>{n}</td>"
                   f"<td>{'' if iso in shapes else 'not drawn at 1:110m'}</td></tr>" for iso, n in rows)
    return (f'<table class="svc-map-table" data-key="{html.escape(key)}"{" hidden" if hidden else ""}>'
            f"<caption>{html.escape(choice['label'])}: services by country</caption><thead><tr>"
            '<th scope="col">country</th><th scope="col">ISO 3166-1 alpha-3</th>'
            '<th scope="col">services</th><th scope="col">on the map</th></tr></thead>'
            f"<tbody>{body}</tbody></table>")


def map_html(services: pd.DataFrame, segments: pd.DataFrame) -> str:
    """The map (inline SVG, one ``<path data-iso3>`` per country shape, a ``<title>`` each), its
    choice ``<select>``, legend, and one table per choice (the text alternative; the one shown
    follows the choice). Static for 'all' without script."""
    shapes = country_shapes()
    choices = map_counts(services, segments)
    names = {iso: s["name"] for iso, s in shapes.items()}
    names.update(services.loc[services["country_iso3"] != ""].set_index("country_iso3")["country_name"]
                 .groupby(level=0).first().to_dict())
    data = {}
    for key, choice in choices.items():
        bins = classes(max(choice["counts"].values(), default=0))
        data[key] = {"label": choice["label"], "legend": _legend(bins),
                     "counts": {iso: [n, _colour(n, bins)] for iso, n in choice["counts"].items()}}
    first = data["all"]
    paths_svg = "".join(
        f'<path data-iso3="{iso}" data-name="{html.escape(s["name"])}" '
        f'fill="{first["counts"].get(iso, [0, NO_DATA])[1]}" d="{_path(s["rings"])}">'
        f'<title>{html.escape(s["name"])}: {_services(first["counts"].get(iso, [0])[0])}</title></path>'
        for iso, s in shapes.items())
    options = "".join(f'<option value="{html.escape(k)}">{html.escape(v["label"])}</option>'
                      for k, v in data.items())
    legend = "".join(f'<span class="swatch" style="background:{c}"></span>{lab}'
                     for lab, c in first["legend"])
    unplaced = (services["country_iso3"] == "").sum()
    not_drawn = sorted(names.get(i, i) for i in choices["all"]["counts"] if i not in shapes)
    notes = []
    if not_drawn:
        notes.append("Too small to draw at this scale, listed in the table: "
                     + html.escape(", ".join(not_drawn)) + ".")
    if unplaced:
        notes.append(f"{_services(int(unplaced))} with no known country are not on the map.")
    tables = "".join(_table(k, c, shapes, names, hidden=k != "all") for k, c in choices.items())
    payload = json.dumps(data, separators=(",", ":")).replace("</", "<\\/")
    return (f'{STYLE}<div class="svc-map" id="svc-map">'
            '<p class="screen-only"><label for="svc-map-choice">Show services by </label>'
            f'<select id="svc-map-choice">{options}</select></p>'
            '<svg viewBox="-180 -84 360 142" role="img" aria-labelledby="svc-map-title svc-map-desc" '
            'xmlns="http://www.w3.org/2000/svg"><title id="svc-map-title">Mapped services by country</title>'
            '<desc id="svc-map-desc">World map, each country shaded by its number of mapped services; '
            f'the same numbers are in the table below.</desc>{paths_svg}</svg>'
            '<p class="svc-legend" aria-live="polite"><strong id="svc-map-label">'
            f'{html.escape(first["label"])}</strong>, services per country:'
            f'<span class="swatch" style="background:{NO_DATA}"></span>none'
            f'<span id="svc-map-legend">{legend}</span></p>'
            f'<p>{" ".join(notes)} Country shapes: Natural Earth 1:110m (public domain).</p>'
            f'{tables}<script type="application/json" id="svc-map-data">{payload}</script>'
            f"<script>{MAP_JS}</script></div>")


MAP_JS = """(function () {
  var root = document.getElementById('svc-map');
  var data = JSON.parse(document.getElementById('svc-map-data').textContent);
  var select = document.getElementById('svc-map-choice');
  select.addEventListener('change', function () {
    var d = data[select.value];
    root.querySelectorAll('path[data-iso3]').forEach(function (p) {
      var c = d.counts[p.getAttribute('data-iso3')] || [0, '""" + NO_DATA + """'];
      p.setAttribute('fill', c[1]);
      p.querySelector('title').textContent = p.getAttribute('data-name') + ': ' + c[0] +
        (c[0] === 1 ? ' service' : ' services');
    });
    document.getElementById('svc-map-label').textContent = d.label;
    var legend = document.getElementById('svc-map-legend');
    legend.textContent = '';
    d.legend.forEach(function (l) {
      var s = document.createElement('span');
      s.className = 'swatch'; s.style.background = l[1];
      legend.appendChild(s); legend.appendChild(document.createTextNode(l[0]));
    });
    root.querySelectorAll('table[data-key]').forEach(function (t) {
      t.hidden = t.getAttribute('data-key') !== select.value;
    });
  });
})();"""


# --------------------------------------------------------------------------- the directory
FILTERS = {"country": "Country", "channel": "Channel", "service_type": "Service type",
           "language": "Language"}


def _reason(withheld: str) -> str:
    field, _, problem = withheld.partition(": ")
    return f"{'e-mail' if field == 'email' else 'website'} to verify ({problem.replace('_', ' ')})"


def _language_name(code: str) -> str:
    import langcodes

    try:
        return langcodes.get(code).display_name()
    except (LookupError, ValueError):
        return code


def _age(value) -> str:
    return "" if pd.isna(value) else str(int(value))


# Bracket what only the HTML page shows, so that the PDF is typeset without it: WeasyPrint
# parses a display:none element as fully as a shown one, and the directory of 100,000
# services (46 MB of HTML) took the render stage to a 14.5 GB peak for a 730 kB PDF.
SCREEN_ONLY_START, SCREEN_ONLY_END = "<!-- screen-only -->", "<!-- /screen-only -->"


def without_screen_only(page: str) -> str:
    """``page`` (HTML) without the parts bracketed by :data:`SCREEN_ONLY_START` and
    :data:`SCREEN_ONLY_END`; raises ValueError if the brackets do not pair."""
    parts = page.split(SCREEN_ONLY_START)
    kept = [parts[0]]
    for part in parts[1:]:
        if part.count(SCREEN_ONLY_END) != 1:
            raise ValueError("unpaired screen-only markers in the report HTML")
        kept.append(part.split(SCREEN_ONLY_END, 1)[1])
    if SCREEN_ONLY_END in parts[0]:
        raise ValueError("unpaired screen-only markers in the report HTML")
    return "".join(kept)


def directory_html(services: pd.DataFrame, segments: pd.DataFrame) -> str:
    """The searchable directory: one ``<tr>`` per service (rows of :func:`pipeline.hsds.directory`,
    in the services table's order), data attributes for the filters, every cell escaped. A
    contact the pipeline flagged shows only as '<field> to verify (<reason>)'. The age filter
    keeps services whose range contains the age, and those with no stated ages.

    ``services`` is the processed services table (``schema`` 'services'), ``segments`` the coded
    segments; raises ValueError if the directory does not have one row per service."""
    codebook = load_codebook()
    label = {dim: {c.slug: c.label for c in codebook.dimension(dim).codes} for dim in DIMENSIONS}
    people = hsds.directory(services, segments)
    if len(people) != len(services):
        raise ValueError(f"directory has {len(people)} rows for {len(services)} services")
    split = lambda text: [x for x in text.split("; ") if x]  # noqa: E731 (hsds.directory joins with '; ')
    languages = {c: _language_name(c) for ls in services["languages"] for c in ls}
    options = {"country": {}, "channel": {}, "service_type": {}, "language": {}}
    rows = []
    for s, d in zip(services.to_dict("records"), people.to_dict("records"), strict=True):
        values = {"country": [s["country_iso3"]] if s["country_iso3"] else [],
                  "channel": split(d["channels"]), "service_type": split(d["service types"]),
                  "language": split(d["languages"])}
        options["country"].update({c: s["country_name"] for c in values["country"]})
        for dim in DIMENSIONS:
            options[dim].update({c: label[dim].get(c, c) for c in values[dim]})
        options["language"].update({c: f"{languages.get(c, c)} ({c})" for c in values["language"]})
        attrs = "".join(f' data-{k.replace("_", "-")}=" {html.escape(" ".join(v))} "'
                        for k, v in values.items())
        contacts = [f"{kind}: {html.escape(d[col])}" for kind, col in
                    (("phone", "phone"), ("SMS", "SMS"), ("WhatsApp", "WhatsApp")) if d[col]]
        if d["website"]:
            url = html.escape(d["website"])
            contacts.append(f'website: <a href="{url}">{url}</a>' if d["website"].startswith(
                ("https://", "http://")) else f"website: {url}")
        if d["e-mail"]:
            contacts.append(f"e-mail: {html.escape(d['e-mail'])}")
        contacts += [f'<span class="to-verify">{html.escape(_reason(w))}</span>'
                     for w in split(d["contacts to verify"])]
        cells = [d["service"], d["organisation"], d["country"],
                 ", ".join(label["service_type"].get(c, c) for c in values["service_type"]),
                 ", ".join(label["channel"].get(c, c) for c in values["channel"])]
        rows.append(
            f'<tr{attrs} data-min="{_age(s["min_age"])}" data-max="{_age(s["max_age"])}">'
            + "".join(f"<td>{html.escape(c)}</td>" for c in cells)
            + f"<td>{'<br/>'.join(contacts)}</td>"
            + f"<td>{html.escape(', '.join(languages.get(c, c) for c in values['language']))}</td>"
            + f"<td>{html.escape(d['ages'])}</td><td>{html.escape(d['last checked'])}</td></tr>")
    selects = "".join(
        f'<label>{title} <select data-filter="{key.replace("_", "-")}"><option value="">all</option>'
        + "".join(f'<option value="{html.escape(k)}">{html.escape(v)}</option>'
                  for k, v in sorted(options[key].items(), key=lambda kv: kv[1].casefold()))
        + "</select></label>" for key, title in FILTERS.items())
    head = "".join(f'<th scope="col">{h}</th>' for h in (
        "service", "organisation", "country", "service types", "channels", "contacts",
        "languages", "ages", "last checked"))
    n = len(rows)
    return (f'{STYLE}<div class="svc-dir" id="svc-dir">'
            '<p class="print-only">The searchable directory of all services is in the HTML version '
            'of this report; the same directory is in <code>report/directory.xlsx</code>.</p>'
            f'{SCREEN_ONLY_START}<div class="screen-only"><div class="svc-dir-controls" role="search">'
            '<label>Search <input type="search" id="svc-dir-q"/></label>'
            f'{selects}<label>Age <input type="number" min="0" max="30" id="svc-dir-age"/></label></div>'
            f'<p id="svc-dir-count" aria-live="polite">{n} of {n} services shown</p>'
            '<p>A contact marked "to verify" was flagged by the pipeline (a placeholder, an invalid '
            'address or another country\'s domain) and is not listed as a working contact.</p>'
            f'<table class="svc-directory"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}'
            f'</tbody></table></div><script>{DIRECTORY_JS}</script>{SCREEN_ONLY_END}</div>')


DIRECTORY_JS = """(function () {
  var root = document.getElementById('svc-dir');
  var rows = root.querySelectorAll('tbody tr');
  var selects = root.querySelectorAll('select[data-filter]');
  var q = document.getElementById('svc-dir-q'), age = document.getElementById('svc-dir-age');
  function update() {
    var text = q.value.trim().toLowerCase(), a = age.value === '' ? null : Number(age.value);
    var shown = 0;
    rows.forEach(function (r) {
      var ok = !text || r.textContent.toLowerCase().indexOf(text) >= 0;
      selects.forEach(function (s) {
        var have = r.getAttribute('data-' + s.getAttribute('data-filter'));
        if (s.value && have.indexOf(' ' + s.value + ' ') < 0) ok = false;
      });
      if (a !== null) {
        var lo = r.getAttribute('data-min'), hi = r.getAttribute('data-max');
        if ((lo !== '' && a < Number(lo)) || (hi !== '' && a > Number(hi))) ok = false;
      }
      r.hidden = !ok;
      if (ok) shown += 1;
    });
    document.getElementById('svc-dir-count').textContent = shown + ' of ' + rows.length + ' services shown';
  }
  q.addEventListener('input', update); age.addEventListener('input', update);
  selects.forEach(function (s) { s.addEventListener('change', update); });
})();"""
