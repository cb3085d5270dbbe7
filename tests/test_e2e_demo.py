"""End to end on the project's demo data: every Make target, real content checked."""
import csv
import json
import re
import subprocess
from collections import Counter

import pandas as pd
import pytest
import yaml
from conftest import ROOT, make

from pipeline.paths import Outputs

pytestmark = pytest.mark.e2e


def _csv_rows(name):
    with open(ROOT / "data" / "raw" / "demo" / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _survey():
    """The demo survey's raw rows, the in-scope ones (the adapter's scope rules, read from
    the parameters and the sources file) and the survey source's options."""
    from pipeline.config import load_params

    params = load_params()
    source = next(s for s in yaml.safe_load((ROOT / "config" / "sources.yaml").read_text())["sources"]
                  if s["adapter"] == "survey_wide_csv")
    rows = _csv_rows("survey.csv")
    scope = [r for r in rows if r["Finished"] == "Yes" and r["age_EN"] in params.scope.survey_age_bands
             and r["language"] in source["options"]["language_codes"]]
    return rows, scope, params


def _survey_notes(row, params) -> int:
    """Notes the adapter makes of one in-scope respondent: each free-text answer, each
    'Other: ...' part of a multi-select answer."""
    n = sum(1 for q in params.notes.survey_free_text if row[q].strip())
    return n + sum(1 for q in params.notes.survey_other_specify for part in row[f"{q}_EN"].split("|")
                   if part.strip().startswith("Other:") and part.strip()[6:].strip())


# Personal data planted in the demo survey (data/raw/demo/README.md): full values, then parts.
SURVEY_PLANTED = ("ioana.demo.2008@posta.example", "@marti_demo_cat07", "Nikolina", "Στέλιος",
                  "Stelios")
SURVEY_PARTS = ("ioana.demo", "posta.example", "marti_demo", "Nikolina", "Στέλιος", "Stelios",
                "Izmišljena", "Demograd", "CANARY-5e1b7d")


def test_report_and_findings_exist_and_say_demo(demo_run):
    out, _ = demo_run
    o = Outputs(out)
    html = o.html.read_text(encoding="utf-8")
    assert "Illustrative demo data" in html
    assert o.pdf.read_bytes()[:4] == b"%PDF"
    assert "import " not in html  # code cells are hidden
    assert 'src="http' not in html  # no third-party scripts for a reader's browser to fetch
    f = json.loads(o.findings.read_text())
    assert f["illustrative"] is True
    assert set(f) >= {"inputs", "services", "notes", "topics", "provenance"}
    assert set(f["topics"]) == {"descriptions", "notes", "quality", "by_group"}
    for fig in json.loads(o.figures_index.read_text()):
        for ext in ("png", "svg", "csv"):
            assert (o.figures / fig[ext]).stat().st_size > 0
        assert fig["alt"] and fig["source"]


def test_pdf_is_tagged_and_sections_flow(demo_run):
    """Issue 12: the PDF was untagged and every section started a new, half-empty page."""
    from pypdf import PdfReader

    reader = PdfReader(Outputs(demo_run[0]).pdf)
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root and root["/Lang"]
    first = reader.pages[0].extract_text()
    assert "Key findings" in first  # flows on after the summary (key findings first, issue 12)
    # Tables fit the page: no text starts right of the right margin (14 mm, render.PDF_CSS).
    starts = []
    for number, page in enumerate(reader.pages, start=1):
        page.extract_text(visitor_text=lambda text, cm, tm, _f, _s, n=number: starts.append(
            (tm[4] * cm[0] + tm[5] * cm[2] + cm[4], n, text)) if text.strip() else None)
    edge = float(reader.pages[0].mediabox.width) - 14 / 25.4 * 72
    outside = [(round(x), n, t[:20]) for x, n, t in starts if not 0 <= x < edge]
    assert starts and not outside, outside[:5]


def test_kernel_runs_without_tcp_or_its_warning(demo_run):
    _, proc = demo_run
    assert "without encryption" not in proc.stdout + proc.stderr


def test_every_row_is_accounted_for(demo_run):
    out, _ = demo_run
    f = json.loads(Outputs(out).findings.read_text())
    inputs = {i["source_id"]: i for i in f["inputs"]}
    services_table, notes_table = _csv_rows("services.csv"), _csv_rows("notes.csv")
    s = inputs["demo_services"]
    assert s["rows_read"] == len(services_table)
    assert s["rows_read"] == s["rows_kept"] + s["rows_merged"] + s["rows_rejected"]
    assert f["services"]["count"] == s["rows_kept"]
    # The demo's planted bad rows: one empty name, one repeated record_id.
    empty_names = sum(1 for r in services_table if not r["service_name"].strip())
    ids = [r["record_id"] for r in services_table]
    assert s["rejected_by_reason"] == {"duplicate_source_key": len(ids) - len(set(ids)),
                                       "missing_service_name": empty_names}
    assert inputs["demo_notes"]["rows_kept"] == len(notes_table)


def test_every_survey_respondent_is_kept_or_rejected_with_its_reason(demo_run):
    """The demo survey: rows read = kept + rejected, each rejection with the reason its raw
    row calls for; every kept respondent is in the notes or the choices; published counts of
    people under the threshold are suppressed."""
    from pipeline import findings

    out, _ = demo_run
    o = Outputs(out)
    rows, scope, params = _survey()
    exact = {i["source_id"]: i for i in findings.accounting(findings.load(o, findings.ACCOUNTING))}
    s = exact["demo_survey"]
    assert s["rows_read"] == len(rows) == s["rows_kept"] + s["rows_rejected"]
    assert s["rows_kept"] == len(scope) and s["rows_merged"] == 0
    languages = {r["language"] for r in scope}
    expected = Counter()
    for r in rows:
        if r["Finished"] != "Yes":
            expected["out_of_scope_unfinished"] += 1
        elif not r["age_EN"].strip():
            expected["missing_age_band"] += 1
        elif r["age_EN"] not in params.scope.survey_age_bands:
            expected["out_of_scope_age"] += 1
        elif r["language"] not in languages:
            expected["unknown_language_area"] += 1
    assert s["rejected_by_reason"] == dict(sorted(expected.items()))
    assert set(expected) == {"out_of_scope_unfinished", "missing_age_band", "out_of_scope_age",
                             "unknown_language_area"}  # the demo plants each kind
    notes, choices = pd.read_parquet(o.notes), pd.read_parquet(o.survey_choices)
    kept = set(notes.loc[notes["source_id"] == "demo_survey", "respondent"]) | set(choices["respondent"])
    assert len(kept) == s["rows_kept"]
    assert (notes["source_id"] == "demo_survey").sum() == sum(_survey_notes(r, params) for r in scope)
    published = {i["source_id"]: i for i in json.loads(o.findings.read_text())["inputs"]}["demo_survey"]
    k = params.disclosure.min_cell_count
    assert published["rejected_by_reason"] == {r: (n if n >= k else None) for r, n in
                                               s["rejected_by_reason"].items()}


def test_survey_multi_select_answers_are_published_exactly_with_small_cells_suppressed(demo_run):
    """findings.json `survey`: the four multi-select questions, each option's respondents
    counted from the raw rows (in scope, ticked in the _EN answer, never an 'Other:' part),
    shown when at least the threshold and null below it."""
    rows, scope, params = _survey()
    f = json.loads(Outputs(demo_run[0]).findings.read_text())
    k = params.disclosure.min_cell_count
    questions = {q["question_id"]: q for q in f["survey"]["questions"]}
    assert set(questions) == set(params.notes.survey_multi_select)
    def options(r, q):
        return {p.strip() for p in r[f"{q}_EN"].split("|")
                if p.strip() and not p.strip().startswith("Other:")}

    shown = hidden = 0
    for q, published in questions.items():
        answered = [r for r in scope if options(r, q)]
        assert published["answered"] == len(answered) >= k
        ticked = Counter(o for r in answered for o in options(r, q))
        assert {c["choice"] for c in published["choices"]} == set(ticked)
        for c in published["choices"]:
            if ticked[c["choice"]] >= k:
                assert c["n"] == ticked[c["choice"]], (q, c)
                shown += 1
            else:
                assert c["n"] is None and c["share"] is None, (q, c)
                hidden += 1
            for band, cell in c["by_age_band"].items():
                exact = sum(1 for r in answered if r["age_EN"] == band and c["choice"] in options(r, q))
                assert cell["n"] in (None, exact) and (cell["n"] is None or exact >= k), (q, band, c)
    assert shown >= 10 and hidden >= 3  # main options pass the threshold, rare ones do not


def test_findings_about_young_people_have_numbers(demo_run):
    """With the survey, the demo's challenges and lessons about young people are reported with
    their numbers, not all 'too few'."""
    f = json.loads(Outputs(demo_run[0]).findings.read_text())
    people = [x for x in f["findings"] if x["numbers"]["unit"] == "respondents"
              and x["kind"] in ("challenge", "lesson")]
    reported = [x for x in people if not x["too_few"]]
    assert {x["kind"] for x in reported} == {"challenge", "lesson"}
    assert len(reported) >= 10
    for x in reported:
        assert x["numbers"]["n"] >= 10 and x["numbers"]["of"] >= x["numbers"]["n"]


def test_countries_and_regions(demo_run):
    out, _ = demo_run
    services = pd.read_parquet(Outputs(out).services)
    by_key = services.set_index("source_key")
    rows = {r["record_id"]: r for r in _csv_rows("services.csv")}
    for key, r in by_key.iterrows():
        if rows[key]["country"].strip() in ("Niger",):
            assert r["country_iso3"] == "NER"
        if rows[key]["country"].strip() == "Atlantis":
            assert r["country_iso3"] == "" and "country_unknown" in r["flags"]
    assert (services["country_iso3"] != "").sum() >= len(services) - 2


def test_every_channel_in_findings_traces_to_evidence(demo_run):
    out, _ = demo_run
    o = Outputs(out)
    f = json.loads(o.findings.read_text())
    raw = pd.read_parquet(o.services_raw)
    services = pd.read_parquet(o.services)
    seg = pd.read_parquet(o.coded_segments)
    ch = seg[seg["dimension"] == "channel"]
    assert f["services"]["by_channel"] == {
        k: v for k, v in ch.drop_duplicates(["service_id", "code"])["code"].value_counts().items()}
    # Evidence points into the processed services table, which is what the coder reads.
    by_id = services.set_index("service_id")
    for r in ch.itertuples():
        value = by_id.loc[r.service_id, r.field]
        text = value if isinstance(value, str) else list(value)[r.item]
        assert text[r.start:r.end] == r.evidence, r
    # ... and text evidence is the submitter's own words, unchanged since ingestion.
    raw_by_key = raw.set_index(["source_id", "source_key"])
    labels = ch[ch["field"].isin(["channel_labels", "evidence_lines"])].merge(
        services[["service_id", "source_id", "source_key"]], on="service_id")
    assert len(labels) > 0
    for r in labels.itertuples():
        assert list(raw_by_key.loc[(r.source_id, r.source_key), r.field])[r.item][r.start:r.end] \
            == r.evidence


def test_every_service_has_a_service_type(demo_run):
    out, _ = demo_run
    o = Outputs(out)
    seg = pd.read_parquet(o.coded_segments)
    services = pd.read_parquet(o.services)
    typed = set(seg.loc[seg["dimension"] == "service_type", "service_id"])
    assert typed == set(services["service_id"])


def test_notes_are_coded_from_their_pseudonymised_text(demo_run):
    """Every note segment's evidence is a span of the pseudonymised note (field text or
    text_en), never of the raw note: a replaced name, e-mail or handle cannot reach it."""
    out, _ = demo_run
    o = Outputs(out)
    seg = pd.read_parquet(o.coded_note_segments)
    notes = pd.read_parquet(o.notes).set_index("note_id")
    assert set(seg["record_kind"]) == {"note", "answer"}  # the survey's ticked options too
    answers, seg = seg[seg["record_kind"] == "answer"], seg[seg["record_kind"] == "note"]
    assert len(seg) and set(seg["field"]) <= {"text", "text_en"}
    for r in seg.itertuples():
        assert notes.at[r.note_id, r.field][r.start:r.end] == r.evidence
        assert notes.at[r.note_id, "respondent"] == r.respondent
    # an answer segment's evidence is an option its respondent ticked for that question
    ticked = set(pd.read_parquet(o.survey_choices)[["respondent", "question_id", "choice"]]
                 .itertuples(index=False, name=None))
    assert len(answers) and set(answers["field"]) == {"choice"}
    evidence = answers[["respondent", "question_id", "evidence"]].itertuples(index=False, name=None)
    assert set(evidence) <= ticked
    replaced = set(pd.read_csv(o.pseudonym_key, dtype=str)["value"].dropna())
    assert replaced and not [(v, e) for v in replaced for e in seg["evidence"]
                             if re.search(rf"(?<!\w){re.escape(v)}(?!\w)", e, re.IGNORECASE)]


def test_notes_are_pseudonymised_before_topics(demo_run):
    out, _ = demo_run
    o = Outputs(out)
    notes = pd.read_parquet(o.notes)
    text = " ".join(notes["text"]) + " ".join(notes["text_en"])
    # Every personal item planted in the demo notes (data/raw/demo/README.md).
    for planted in ("lena.k.2009@mailbox.example", "vale.rios@correo.example", "awa.k@boite.example",
                    "07700 900123", "0612345678", "+34 612 345 678", "+49 151 2345 6789",
                    "@sunny_girl_09", "@dan.the.gamer_13", "@luz_del_sur_07", "@lisa.sonnenschein_08",
                    "instagram.com/maria.fake.profile", "tiktok.com/@amara.fake.profile",
                    "Chiamaka", "Tobi", "Lucía", "Karim", "Jonas", *SURVEY_PLANTED):
        assert planted not in text, planted
    assert "116 111" in text  # public helpline number kept
    raw_ids = {r["Response ID"] for r in _csv_rows("survey.csv")}
    assert not (set(notes["respondent"]) & ({r["respondent"] for r in _csv_rows("notes.csv")} | raw_ids))
    assert oct(o.respondent_key.stat().st_mode & 0o777) == "0o600"
    published = "".join(p.read_text(errors="ignore") for p in [o.findings, o.html])
    assert "ADV-0" not in published
    assert not [i for i in raw_ids if i in published]


def test_topics_found_in_both_corpora(demo_run):
    out, _ = demo_run
    f = json.loads(Outputs(out).findings.read_text())
    for corpus in ("descriptions", "notes"):
        topics = [t for t in f["topics"][corpus] if not t["is_outlier"]]
        assert len(topics) >= 2, corpus
        for t in topics:
            assert t["terms"] and t["representative_ids"]
        scored = f["topics"]["quality"][corpus]  # BERTopic beside both baselines, in the report
        assert [q["method"] for q in scored] == ["bertopic", "kmeans_embeddings", "nmf_tfidf"]
        assert scored[0]["topics"] == len(topics) and sum(q["is_best"] for q in scored) == 1
    html = Outputs(out).html.read_text(encoding="utf-8")
    assert "Checked against two simpler models" in html and "NMF on TF-IDF" in html
    # topic prevalence by group: respondents' cells are never small counts
    k = f["notes"]["suppressed"]["threshold"]
    by_note = f["topics"]["by_group"]["notes"]
    assert set(by_note) == {"age_band", "gender", "country", "question"}
    cells = [v for groups in by_note.values() for g in groups.values()
             for v in [g["n"], *g["topics"].values()]]
    assert cells and all(v is None or v == 0 or v >= k for v in cells)
    assert "Respondents per topic and age band" in html
    assert set(f["topics"]["by_group"]["descriptions"]) == {"service_type", "channel", "region"}


def test_second_make_report_does_nothing(demo_run):
    out, _ = demo_run
    proc = make("report", out=out)
    stages = [line for line in proc.stdout.splitlines() if line.startswith("[")]
    assert stages == [], proc.stdout


def test_missing_source_file_fails_clearly_and_writes_nothing(tmp_path):
    bad = tmp_path / "sources.yaml"
    bad.write_text((ROOT / "config" / "sources.yaml").read_text().replace(
        "data/raw/demo/services.csv", "data/raw/demo/no-such-file.csv"))
    proc = make("report", out=tmp_path / "out", sources=str(bad), check=False)
    assert proc.returncode != 0
    assert "no-such-file.csv: file not found" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out" / "report").exists()
    assert not (tmp_path / "out" / "data" / "processed").exists()


def test_wrong_shape_source_fails_clearly(tmp_path):
    bad_csv = tmp_path / "services.csv"
    bad_csv.write_text("name,where\nA,B\n")
    (tmp_path / "services.csv.origin.yaml").write_text("title: t\nsubmitter: s\nlicence: CC0-1.0\n")
    bad = tmp_path / "sources.yaml"
    bad.write_text((ROOT / "config" / "sources.yaml").read_text().replace(
        "data/raw/demo/services.csv", str(bad_csv)))
    proc = make("report", out=tmp_path / "out", sources=str(bad), check=False)
    assert proc.returncode != 0
    assert f"{bad_csv}: missing required column" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out" / "data" / "interim" / "services_raw.parquet").exists()


def test_make_help_lists_targets():
    proc = subprocess.run(["make", "-C", str(ROOT), "help"], capture_output=True, text=True)
    for target in ("report", "test", "bench", "clean", "topics"):
        assert f"  {target} " in proc.stdout


def test_refi_qda_project_holds_every_coded_segment(demo_run):
    """report/coding.qdpx read back: each coded segment of the run is a coding of its code,
    at a selection whose text is the evidence (or of the whole source for a fallback)."""
    import zipfile
    from xml.etree import ElementTree as ET

    from pipeline.exports import QDE_NAMESPACE, guid

    o = Outputs(demo_run[0])
    segments, services = pd.read_parquet(o.coded_segments), pd.read_parquet(o.services)
    q = {"q": QDE_NAMESPACE}
    with zipfile.ZipFile(o.coding_qdpx) as z:
        root = ET.fromstring(z.read("project.qde"))
        texts = {n: z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("sources/")}
    sources = root.findall("q:Sources/q:TextSource", q)
    assert len(sources) == len(services) == len(texts)
    found = []
    for src in sources:
        text = texts["sources/" + src.get("plainTextPath").removeprefix("internal://")]
        sid = src.find("q:Description", q).text.split()[1].rstrip(",")
        for sel in src.iterfind("q:PlainTextSelection", q):
            span = text[int(sel.get("startPosition")): int(sel.get("endPosition"))]
            found += [(sid, c.find("q:CodeRef", q).get("targetGUID"), span)
                      for c in sel.iterfind("q:Coding", q)]
        found += [(sid, c.find("q:CodeRef", q).get("targetGUID"), "")
                  for c in src.iterfind("q:Coding", q)]
    assert sorted(found) == sorted((s.service_id, guid(f"code:{s.code_id}"), s.evidence)
                                   for s in segments.itertuples())


def test_hsds_export_round_trips(demo_run, tmp_path):
    out, _ = demo_run
    package = Outputs(out).hsds / "datapackage.json"
    tables = json.loads(package.read_text())["resources"]
    assert {r["name"] for r in tables} >= {"service", "organization", "phone", "schedule",
                                           "language", "service_area", "attribute", "taxonomy_term"}
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "label: round trip\nsources:\n  - id: hsds_in\n    adapter: hsds_datapackage\n"
        f"    path: {package}\n    origin: {{title: t, submitter: s, licence: CC0-1.0}}\n")
    back_out = tmp_path / "back"
    make("code", out=back_out, sources=str(sources))
    before = pd.read_parquet(Outputs(out).services).set_index("service_id")
    after = pd.read_parquet(Outputs(back_out).services).set_index("source_key")
    assert len(after) == len(before)
    for sid, b in before.iterrows():
        a = after.loc[sid]
        for field in ("name", "country_iso3", "description"):
            assert a[field] == b[field]
        assert set(a["phones"]) == set(b["phones"]) and set(a["sms"]) == set(b["sms"])
        assert set(a["languages"]) == set(b["languages"])
        assert [tuple(r.values()) for r in a["schedule"]] == [tuple(r.values()) for r in b["schedule"]]
        assert a["is_24_7"] == b["is_24_7"]
        assert (a["min_age"], a["max_age"]) == (b["min_age"], b["max_age"]) or pd.isna(b["min_age"])
    def codes(o, dim):
        segments = pd.read_parquet(Outputs(o).coded_segments).query("dimension == @dim")
        return set(map(tuple, segments[["dimension", "code"]].values))
    assert codes(back_out, "service_type") == codes(out, "service_type")
    # no HSDS slot for chat or social URLs
    assert codes(back_out, "channel") >= codes(out, "channel") - {("channel", "social_media"),
                                                                  ("channel", "webchat")}


def test_hsds_export_conforms_to_the_specification(demo_run):
    from conftest import require_shared

    from pipeline import hsds, paths
    require_shared()
    out, _ = demo_run
    folder = Outputs(out).hsds
    tables = {p.stem: pd.read_csv(p, dtype=str, keep_default_na=False) for p in folder.glob("*.csv")}
    assert hsds.check_against_schema(tables, paths.HSDS_SCHEMA) == []


def test_no_full_or_partial_planted_value_is_published(demo_run):
    """Issue 7: zero full or partial personal values in any published file, PDF included."""
    from pipeline.gate import _texts, published_files

    parts = ("lena.k", "2009@", "vale.rios", "awa.k@", "900123", "12345678", "612 345", "2345 6789",
             "sunny_girl", "dan.the.gamer", "luz_del_sur", "sonnenschein", "maria.fake", "amara.fake",
             "Chiamaka", "Tobi", "Lucía", "Karim", "Jonas", "CANARY-7f3a9c", *SURVEY_PARTS)
    o = Outputs(demo_run[0])
    files = published_files(o)
    assert any(p.suffix == ".pdf" for p in files)
    for path in files:
        for name, text, _ in _texts(path, path.read_bytes(), str(path)):
            for part in parts:
                assert part not in text, (name, part)
    f = json.loads(o.findings.read_text())
    quotes = [x["text"] for q in f["quotes"] for x in q["quotes"]]
    assert len(quotes) == len({q.casefold() for q in quotes})  # distinct
    assert not any(re.search(r"\[[A-Z]+_\d+\]", q) for q in quotes)


def test_summary_counts_notes_and_respondents_in_their_own_units(demo_run):
    """176 notes from 40 advisors, and the survey's notes from its in-scope respondents who
    wrote something: notes, respondents and raw rows are never added together."""
    out, _ = demo_run
    f = json.loads(Outputs(out).findings.read_text())
    rows = _csv_rows("notes.csv")
    _, scope, params = _survey()
    survey_notes = [_survey_notes(r, params) for r in scope]
    n_notes = len(rows) + sum(survey_notes)
    people = len({r["respondent"] for r in rows}) + sum(1 for n in survey_notes if n)
    assert f["notes"]["respondents"] == people < n_notes == f["notes"]["count"]
    units = {i["source_id"]: i["row_unit"] for i in f["inputs"]}
    assert units == {"demo_services": "service record", "demo_notes": "note",
                     "demo_survey": "respondent"}
    from pipeline import report
    sentence = report.summary(f)
    assert f"**{n_notes} consultation notes**" in sentence
    assert f"from {people} respondents or advisors" in sentence


def test_report_has_the_offline_map_and_directory(demo_run):
    """Issue 12, item 3: a map per channel and service type and a searchable directory, inlined;
    a contact the pipeline flagged is shown only as 'to verify'."""
    from pipeline import hsds

    o = Outputs(demo_run[0])
    page = o.html.read_text(encoding="utf-8")
    services = pd.read_parquet(o.services)
    assert not re.search(r"<script[^>]*\bsrc=", page)
    # (nbconvert re-serialises outputs: attributes come back sorted)
    assert len(re.findall(r'<path [^>]*data-iso3="', page)) > 150 and "svc-map-data" in page
    assert len(re.findall(r'<tr [^>]*data-country="', page)) == len(services)
    people = hsds.directory(services, pd.read_parquet(o.coded_segments))
    flagged = people[people["contacts to verify"] != ""]
    # (the demo plants no bad contact today: tests/test_report_map.py covers a flagged one)
    assert page.count('class="to-verify"') == flagged["contacts to verify"].str.count("; ").add(1).sum()
    for s in services.to_dict("records"):  # withheld contacts are never printed
        withheld = [v for v in list(s["emails"]) + list(s["websites"])
                    if v not in set(people["e-mail"]) | set(people["website"])]
        assert not any(f">{v}<" in page or f"{v}</a>" in page for v in withheld), withheld


def _numbers_in(text: str) -> set[float]:
    return {float(x) for x in re.findall(r"\d+(?:\.\d+)?", text)}


def _allowed(n: dict) -> set[float]:
    """Every number a finding's statement may print: its counts, breadth, and its share and
    interval bounds as whole percentages (both sides of a lesson)."""
    allowed = set()
    for part in (n, n.get("challenge") or {}, n.get("ingredient") or {}):
        allowed |= {float(v) for k, v in part.items() if k in ("n", "of") and v is not None}
        allowed |= {float(v) for v in (part.get("breadth") or {}).values()}
        if part.get("share") is not None:
            allowed.add(float(round(100 * part["share"])))
        for bound in part.get("ci95") or []:
            allowed.add(float(round(100 * bound)))
    return allowed


def test_key_findings_prose_is_read_from_findings_json(demo_run):
    """Issue 11: every number in a finding's sentence in the report is one of its numbers in
    findings.json (counts, breadth, share and 95 % interval), and the sentence is the one there."""
    import html as html_lib

    o = Outputs(demo_run[0])
    page = o.html.read_text(encoding="utf-8")
    f = json.loads(o.findings.read_text())
    from pipeline.codebook import load_codebook

    # numbers of the fixed wording ('24 hours a day', the label 'Open 24/7'), not of the data
    def strings(x):
        return ([x] if isinstance(x, str) else [s for v in (x.values() if isinstance(x, dict) else
                                                             x if isinstance(x, list) else [])
                                                for s in strings(v)])

    rules_file = yaml.safe_load((ROOT / "config" / "findings.yaml").read_text(encoding="utf-8"))
    wording = {x for text in strings(rules_file) for x in _numbers_in(text)} - {0.0, 1.0}
    wording |= {x for d in load_codebook().dimensions for c in d.codes for x in _numbers_in(c.label)}
    params = {"k": 10.0, "years": 2.0, "95": 95.0}
    assert {x["kind"] for x in f["findings"]} == {"ingredient", "challenge", "lesson", "gap"}
    for finding in f["findings"]:
        assert html_lib.escape(finding["statement"]) in page, finding["id"]
        if finding["too_few"]:
            assert finding["numbers"]["n"] is None
            continue
        stray = (_numbers_in(finding["statement"]) - _allowed(finding["numbers"])
                 - set(params.values()) - wording)
        assert not stray, (finding["id"], stray)
    for rec in f["recommendations"]["items"]:
        assert rec["cites"] and all(s["id"] in rec["cites"] for s in rec["support"])
    assert f["recommendations"]["own"] and not f["recommendations"]["warnings"]
    assert "Appendix: findings advisors rejected" in page and "GRADE-CERQual" in page


def test_limitations_section_and_labelled_quotes(demo_run):
    """Issue 12: the computed limitations section sits between the survey answers and the row
    accounting and states findings.json's numbers; every quote carries its labels."""
    o = Outputs(demo_run[0])
    page = o.html.read_text(encoding="utf-8")
    f = json.loads(o.findings.read_text())
    order = ["How young people seek help", "Data, methods and limitations", "Stated limitations",
             "Inputs and what happened to every row"]
    assert [page.index(h) for h in order] == sorted(page.index(h) for h in order)
    topics = [t for t in f["topics"]["notes"] if not t["is_outlier"]]
    unstable = sum(not t["is_stable"] for t in topics)
    assert f"{unstable} of {len(topics)} topics in the notes are unstable" in page
    assert f["methods"]["age_scope"] == ["15-18", "19-24"]
    quotes = ([q for t in f["quotes"] for q in t["quotes"]]
              + [q for x in f["findings"] for q in x["evidence"].get("quotes", [])])
    assert quotes and all({"translated", "language", "content_note", "source_id"} <= set(q)
                          for q in quotes)
    assert any(q["translated"] for q in quotes) and any(not q["translated"] for q in quotes)
    assert "translation by the source from" in page and "original, English" in page
