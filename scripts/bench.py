"""Benchmark (``make bench``), in temporary output folders (an analyst's outputs are untouched).
The helpers live in scripts/benchsuite/; figures go to bench/results.json.

0. Sizes (scripts/benchsuite/sizes.py): the whole pipeline on synthetic services and as many
   notes (scripts/synth.py) at each size of ``BENCH_SIZES`` (default 1000,10000,100000): per
   stage wall time, CPU time and peak memory; embedding floor (run time / embedding every
   text once), growth (100,000 / 10,000), peak memory at 100,000. Targets (issue 14): <= 3
   at 10,000, <= 12, < 4 GB.
1. The full pipeline on ../shared/data, then a no-op rebuild: per-stage wall time, CPU time and
   peak resident memory (recorded by each stage in ``data/interim/timings/``). Targets: full
   run under 180 s with the environment built; no-op under 2 s. Then the cold run against a
   plain BERTopic script on the same texts, and a warm run (embeddings cached, a topics
   parameter changed) against it (scripts/benchsuite/plain.py). Targets: <= 2.5, <= 1.
2. What cleaning did to the shared directory: countries, channels, phone numbers, opening
   hours and languages normalised, flagged or left unparsed.
3. Cleaning 100,000 synthetic records (scripts/synth_services.py: multilingual, dirty, 5%
   resubmitted): ingest + clean + dedupe wall time and peak memory, and the ratio to a plain
   pandas read of the same files. Target: under 60 s, peak under 2 GB.

4. Pseudonymisation on the independent labelled set (tests/fixtures/privacy_independent/,
   13 languages, written without reading the recognisers): recall per kind and language,
   precision, ordinary words wrongly replaced; for all notes and for the held-out half.
   Targets (issue 7): recall >= 0.99 for e-mails, phones, URLs and handles, >= 0.95 for
   person names, >= 0.90 for addresses and places, in every language; precision >= 0.90;
   ordinary words replaced <= 2%.

5. Coding against hand-coded gold (scripts/coding_eval.py): channel micro-F1, service-type
   macro-F1, children/youth target group F1 and the share of services with a service type, on
   the demo, a hand-coded sample of the shared directory, and a held-out project-written
   crisis-line directory. Targets (issue 9): 0.95, 0.85, 0.90, 95%.

6. Topics (scripts/topics_eval.py): NMI/ARI of BERTopic, KMeans on the same embeddings and
   NMF on TF-IDF against the labels of the project-written help-seeking corpus
   (tests/fixtures/topics_labelled/); on ../shared/data (part 1's run), per corpus the number
   of topics, outlier share, largest topic share, median stability and the labels.

7. Topics stage at scale (scripts/benchsuite/topics_scale.py): 50,000 synthetic notes plus
   10,000 descriptions, cold embedding cache: embed, fit (with stability refits) and baselines
   per corpus, wall time and peak memory. Target (issue 10): under 5 minutes and 4 GB.

``BENCH_SIZES`` (comma-separated) changes part 0's sizes and ``BENCH_N`` part 3's;
``BENCH_TIMEOUT`` (seconds) stops each run of part 0 after that long, keeping what it measured;
``BENCH_SKIP`` (comma-separated: sizes, shared, synthetic, privacy, coding, topics,
topics_scale) skips parts.
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchsuite import common, plain, sizes

from pipeline.paths import ROOT, Outputs

SOURCES = os.environ.get("BENCH_SOURCES", "config/sources.shared.yaml")
TARGET_FULL_S, TARGET_NOOP_S = 180.0, 2.0


def shared_directory_counts(out: Path) -> None:
    import pandas as pd

    o = Outputs(out)
    raw = pd.read_parquet(o.services_raw)
    raw = raw[raw["source_id"] == "chi_directory"]
    s = pd.read_parquet(o.services)
    s = s[s["source_id"] == "chi_directory"]
    segments = pd.read_parquet(o.coded_segments)
    channels = segments[(segments["dimension"] == "channel") & segments["service_id"].isin(s["service_id"])]
    flags = s["flags"].map(set)

    def has(*names):
        return int(flags.map(lambda f: bool(f & set(names))).sum())

    n_phones = int(raw["phones"].map(len).sum())
    bad_phones = sum(sum(1 for f in fl if f.startswith(("phone_", "short_code"))) for fl in s["flags"])
    n_lang = int(raw["languages_raw"].map(len).sum())
    print(f"\nShared directory ({len(raw)} records), what cleaning did:")
    print(f"  countries: {int((s['country_iso3'] != '').sum())} normalised to ISO3 "
          f"({s['country_iso3'].nunique()} distinct), {has('country_unknown', 'country_missing')} "
          f"unknown or missing, {has('country_user_assigned_code')} user-assigned (XKX)")
    pairs = channels.drop_duplicates(["service_id", "code"])
    print(f"  channels (coded): {len(pairs)} service-channel pairs, "
          f"{int((~s['service_id'].isin(pairs['service_id'])).sum())} services with none found")
    print(f"  phone numbers: {n_phones} read; records with a flag: short code not confirmed "
          f"{has('short_code_not_confirmed')}, invalid {has('phone_invalid')}, unparsed "
          f"{has('phone_unparsed')} ({bad_phones} flags in all)")
    print(f"  hours: {int((s['schedule'].map(len) > 0).sum())} parsed into schedules "
          f"({int(s['is_24_7'].sum())} 24/7), {has('hours_unparsed')} unparsed kept verbatim, "
          f"{int((s['hours_raw'].str.strip() == '').sum())} empty")
    print(f"  languages: {n_lang} read, {int(s['languages'].map(len).sum())} ISO 639-3 codes, "
          f"{has('language_unparsed')} records with an unrecognised name")
    print(f"  contacts: placeholders {has('url_placeholder')}, another country's contact "
          f"{has('contact_other_country')}, social link in the website slot "
          f"{has('social_url_in_website_slot')}, invalid e-mail {has('email_invalid')}")


def synthetic(n: int) -> None:
    import pandas as pd

    with tempfile.TemporaryDirectory(prefix="bench-synth-") as tmp:
        tmp = Path(tmp)
        from synth import write_sources

        write_sources(tmp, n, 0)
        files = sorted(tmp.glob("submitter_*.csv"))
        t0 = time.perf_counter()
        rows = sum(len(pd.read_csv(f, sep=None, engine="python", dtype=str,
                                   encoding="cp1252" if f.name.endswith("_b.csv") else "utf-8"))
                   for f in files)
        plain_read = time.perf_counter() - t0
        env = {**os.environ, "PIPELINE_SOURCES": str(tmp / "sources.yaml"),
               "PIPELINE_OUT": str(tmp / "out")}
        stages = ["ingest", "standardise", "dedupe"]
        for stage in ["stamp"] + stages:
            subprocess.run([sys.executable, "-m", "pipeline", stage], check=True, env=env,
                           cwd=ROOT, capture_output=True)
        timings = [common.stage_timings(tmp / "out")[s] for s in stages]
        total = sum(t["wall_s"] for t in timings)
        peak = max(t["peak_rss_mib"] for t in timings)
        print(f"\nSynthetic records: {rows} rows in {len(files)} files ({os.cpu_count()} cores)")
        for t in timings:
            print(f"  {t['stage']:<12} {t['wall_s']:>7.1f} s {t['peak_rss_mib']:>7.0f} MiB")
        print(f"  ingest+standardise+dedupe: {total:.1f} s (target < 60 s) "
              f"{'OK' if total < 60 else 'MISSED'}; peak {peak:.0f} MiB (target < 2048) "
              f"{'OK' if peak < 2048 else 'MISSED'}")
        print(f"  plain pandas read of the same files: {plain_read:.1f} s; ratio {total / plain_read:.1f}x")


PRIVACY_TARGETS = {"EMAIL": 0.99, "PHONE": 0.99, "URL": 0.99, "HANDLE": 0.99, "PERSON": 0.95,
                   "ADDRESS": 0.90, "PLACE": 0.90, "SCHOOL": None}


def _odd(note: dict) -> bool:
    return int(note["id"].rsplit("-", 1)[1]) % 2 == 1


def privacy() -> None:
    """Issue 7 figures on the independent labelled set, for all notes, the dev half (odd-numbered
    notes, whose errors guide the rules), the second and third dev sets (``privacy_dev2/``,
    ``privacy_dev3/``, written by other writers, errors likewise read), the fourth set's two
    halves and the fifth's (``privacy_dev4/``, ``privacy_dev5/``: the odd-numbered notes'
    errors read, the even-numbered half in aggregate only) and the held-out half (even-numbered
    notes, never looked at while the recognisers were tuned: only its aggregate figures read)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from fixtures.pii_set import DEV2_FOLDER, DEV3_FOLDER, DEV4_FOLDER, DEV5_FOLDER, load, public_facts, score

    from pipeline.config import load_params
    from pipeline.pii import Pseudonymiser

    notes = load()
    dev2, dev3, dev4 = load(folder=DEV2_FOLDER), load(folder=DEV3_FOLDER), load(folder=DEV4_FOLDER)
    dev5 = load(folder=DEV5_FOLDER)
    regions = load_params().privacy.phone_regions
    # (label, notes scored, the labelled set they come from: each set has its own public facts)
    rows = (("all notes", notes, notes),
            ("dev half", [n for n in notes if _odd(n)], notes),
            ("second dev set", dev2, dev2),
            ("third dev set", dev3, dev3),
            ("fourth set, odd half (read)", [n for n in dev4 if _odd(n)], dev4),
            ("fourth set, even half (not read)", [n for n in dev4 if not _odd(n)], dev4),
            ("fifth set, odd half (read)", [n for n in dev5 if _odd(n)], dev5),
            ("fifth set, even half (not read)", [n for n in dev5 if not _odd(n)], dev5),
            ("held-out half", [n for n in notes if not _odd(n)], notes))
    pseudonymisers: dict[int, Pseudonymiser] = {}
    for label, subset, labelled_set in rows:
        if not subset:
            continue
        t0 = time.perf_counter()
        if id(labelled_set) not in pseudonymisers:
            pseudonymisers[id(labelled_set)] = Pseudonymiser(regions, public_facts(labelled_set))
        own = pseudonymisers[id(labelled_set)]
        r = score(subset, own.spans)
        wall = time.perf_counter() - t0
        langs = sorted({n["language"] for n in subset})
        print(f"\nPseudonymisation, independent labelled set ({label}): {len(subset)} notes, "
              f"{len(langs)} languages, {wall:.1f} s")
        print("  recall " + f"{'kind':<8}" + "".join(f"{lang:>6}" for lang in langs) + f"{'all':>7}  target")
        for kind, target in PRIVACY_TARGETS.items():
            per = r["recall"].get(kind, {})
            worst = min((v["recall"] for k, v in per.items() if k != "all"), default=1.0)
            verdict = "" if target is None else f">= {target} in every language " + (
                "OK" if worst >= target else "MISSED")
            cells = "".join(f"{per[lang]['recall']:>6.2f}" if lang in per else f"{'-':>6}"
                            for lang in langs)
            print(f"         {kind:<8}{cells}{per['all']['recall']:>7.3f}  {verdict}")
        print(f"  precision (predicted spans that are personal data): {r['precision']:.3f} of "
              f"{r['predicted']} (target >= 0.90) {'OK' if r['precision'] >= 0.90 else 'MISSED'}")
        print("  precision by language: " + ", ".join(f"{k} {r['precision_by'][k]:.2f}" for k in langs
                                                     if k in r["precision_by"]))
        print("  precision by kind: " + ", ".join(f"{k} {r['precision_by'][k]:.2f}" for k in PRIVACY_TARGETS
                                                 if k in r["precision_by"]))
        print(f"  ordinary words wrongly replaced: {r['trap_rate']:.1%} (target <= 2%) "
              f"{'OK' if r['trap_rate'] <= 0.02 else 'MISSED'}; by type: "
              + ", ".join(f"{k} {v['rate']:.0%} of {v['planted']}" for k, v in r["traps"].items()))


def main() -> int:
    skip = set(os.environ.get("BENCH_SKIP", "").split(","))
    results = {}
    if "sizes" not in skip:
        timeout = float(os.environ["BENCH_TIMEOUT"]) if os.environ.get("BENCH_TIMEOUT") else None
        results.update(sizes.main([int(n) for n in
                                   os.environ.get("BENCH_SIZES", "1000,10000,100000").split(",")],
                                  timeout))
    if "shared" not in skip:
        results.update(shared())
    if "privacy" not in skip:
        privacy()
    if "coding" not in skip:
        import coding_eval

        coding_eval.main()
    if "topics" not in skip:
        import topics_eval

        topics_eval.main()
    if "synthetic" not in skip:
        synthetic(int(os.environ.get("BENCH_N", "100000")))
    if "topics_scale" not in skip:
        from benchsuite import topics_scale

        results.update(topics_scale.main())
    if results:
        common.save_results(results)
    return 0


def shared() -> dict:
    """Part 1; the plain-script figures for bench/results.json (timings only)."""
    if not (ROOT.parent / "shared" / "data").is_dir() and "shared" in SOURCES:
        print("../shared/data is absent: shared-data benchmark skipped")
        return {}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        out = Path(tmp) / "out"
        full, _ = common.make_report(SOURCES, out)
        peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        noop, _ = common.make_report(SOURCES, out)
        print(f"Benchmark on {SOURCES} ({os.cpu_count()} cores)\n")
        common.print_stage_table({"shared": common.stage_timings(out)})
        print(f"\nfull make report: {full:6.1f} s (target < {TARGET_FULL_S:.0f} s) "
              f"{'OK' if full < TARGET_FULL_S else 'MISSED'}; peak memory of any process "
              f"{peak_children:.0f} MiB")
        print(f"no-op make report: {noop:6.2f} s (target < {TARGET_NOOP_S:.0f} s) "
              f"{'OK' if noop < TARGET_NOOP_S else 'MISSED'}")
        shared_directory_counts(out)
        import topics_eval

        print(f"\nTopics on {SOURCES}:")
        topics_eval.topics_summary(out)
        topics_eval.print_refit(out)
        return plain.compare(SOURCES, out, full, Path(tmp))


if __name__ == "__main__":
    sys.exit(main())
