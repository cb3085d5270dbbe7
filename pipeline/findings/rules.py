"""The findings rules: common ingredients, challenges, lessons learned and gaps, computed.

Every finding comes from a rule over the coded services (``final_codes``: machine codes with
advisors' decisions applied), the coded notes and survey answers (``coded_note_segments``),
the services' structured fields and the topics. Which codes are read as what, and each
statement's wording, are in ``config/findings.yaml`` (reviewed); thresholds in
``params.findings``. Nothing is typed by hand: each statement is filled from the finding's
own numbers.

A finding (a dict; ``findings.json`` → ``findings``):

- ``id``: stable, from the rule and the scope (``ING.delivery.free``,
  ``CHA.barrier.shame@age_band:15-18``), so it survives changes of evidence;
- ``rule``, ``kind`` (ingredient, challenge, lesson, gap), ``scope`` ({level, value});
- ``statement``: one sentence from the numbers; ``too_few``: True when the people behind it
  are under ``disclosure.min_cell_count`` (then the numbers are null and the statement says
  so: reported, never dropped);
- ``numbers``: ``n`` of ``of`` ``unit`` (services, countries, respondents), ``share`` and
  ``ci95`` (95 % Wilson score interval, scipy), ``breadth`` (regions, countries, service types,
  sources, languages...) and ``by_group`` (shares by region, or by age band, gender and
  language area, small cells suppressed);
- ``evidence``: ``services`` [{service_id, name}], ``countries`` [ISO3], ``segments``
  [{segment_id, dimension, code, text}] (:func:`pipeline.coding.segment_ids` resolves them),
  ``topics`` [{corpus, id, label}], ``quotes`` [{quote_id, question_id, text}]; lists are cut
  to ``params.findings.evidence_max_items`` and ``n_services``/``n_segments`` give the totals;
- ``evidence_hash``: 16 letters a-p (SHA-256 hex, digits as letters) over the evidence's IDs
  (a change of evidence shows);
- ``confidence``: :func:`pipeline.findings.confidence.grade`.

Scopes: ``all``; ``region`` (services findings of one UN M49 region); ``age_band`` (notes
findings of one age band). Raises :class:`~pipeline.config.ConfigError` for a rules file that
names an unknown dimension or code.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

import pandas as pd
from pydantic import Field
from scipy.stats import binomtest

from pipeline import paths
from pipeline.coding import LETTERS, segment_ids
from pipeline.config import ConfigError, FindingsParams, Strict, _load
from pipeline.disclosure import suppress
from pipeline.findings.confidence import Assessment, grade
from pipeline.findings.quotes import QuoteBook

KINDS = ("ingredient", "challenge", "lesson", "gap")
PREFIX = {"ingredient": "ING", "challenge": "CHA", "lesson": "LES", "gap": "GAP"}
# Services stated to be for children or young people (relevance): these codes.
FOR_CHILDREN = {("target_group", "children"), ("target_group", "young_people"),
                ("service_type", "child_helpline")}
# Flags (pipeline.standardise) that say a listed contact is wrong, not merely unconfirmed.
CONTACT_FLAGS = {"contact_other_country", "url_placeholder", "email_invalid", "url_invalid",
                 "phone_invalid", "phone_unparsed"}
TEXT_CHANNELS = ("sms", "webchat", "messaging_app")


# --------------------------------------------------------------------------- the rules file
class NotesChallenge(Strict):
    dimension: str
    codes: Literal["all"] | tuple[str, ...]
    statement: str


class ServicesChallenge(Strict):
    rule: Literal["no_text_channel", "no_children_service", "no_always_open", "no_stated_ages",
                  "contact_flagged"]
    unit: Literal["countries", "services"]
    statement: str


class Challenges(Strict):
    notes: tuple[NotesChallenge, ...] = ()
    services: tuple[ServicesChallenge, ...] = ()


class Lesson(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    challenge: str = Field(pattern=r"^[a-z_]+\.[a-z0-9_]+$")
    ingredient: tuple[str, ...]
    statement: str


class Statement(Strict):
    statement: str


class ServiceTypeGaps(Strict):
    codes: tuple[str, ...]
    statement: str


class Gaps(Strict):
    service_types: ServiceTypeGaps
    no_date_checked: Statement
    unknown_region: Statement
    note_sources: Statement


class RuleBook(Strict):
    """``config/findings.yaml``."""
    version: str
    ingredient: Statement
    challenges: Challenges
    lessons: tuple[Lesson, ...] = ()
    gaps: Gaps


def load_rules(path=None, codebook=None) -> RuleBook:
    """The rules file, checked against the codebook when one is given (ConfigError names
    every unknown dimension or code)."""
    path = path or paths.findings_rules_file()
    rules = _load(RuleBook, path)
    if codebook is not None:
        _check(rules, codebook, path)
    return rules


def _check(rules: RuleBook, codebook, path) -> None:
    known = {(d.id, c.slug) for d in codebook.dimensions for c in d.codes}
    dims = {d.id for d in codebook.dimensions}
    refs = [f"{c.dimension}.{code}" for c in rules.challenges.notes if c.codes != "all"
            for code in c.codes]
    refs += [le.challenge for le in rules.lessons] + [i for le in rules.lessons for i in le.ingredient]
    refs += [f"service_type.{c}" for c in rules.gaps.service_types.codes]
    bad = [r for r in refs if tuple(r.split(".", 1)) not in known]
    bad += [c.dimension for c in rules.challenges.notes if c.dimension not in dims]
    if bad:
        raise ConfigError(f"{path}: unknown codebook dimension or code: {', '.join(sorted(set(bad)))}")


# --------------------------------------------------------------------------- numbers
def wilson(n: int, of: int) -> list[float] | None:
    """The 95 % Wilson score interval of n/of (scipy), rounded to 3 decimals; None if of == 0."""
    if of <= 0:
        return None
    ci = binomtest(int(n), int(of)).proportion_ci(0.95, method="wilson")
    return [round(float(ci.low), 3), round(float(ci.high), 3)]


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{round(100 * x)} %"


def _ci(ci: list[float] | None) -> str:
    return "n/a" if ci is None else f"{round(100 * ci[0])}–{round(100 * ci[1])} %"


def share_numbers(n: int, of: int, unit: str) -> dict:
    return {"n": int(n), "of": int(of), "unit": unit,
            "share": round(n / of, 3) if of else None, "ci95": wilson(n, of)}


def _groups(members: pd.Series, base: pd.Series) -> dict[str, tuple[int, int]]:
    """Group -> (members in group, base in group); ``members``/``base`` map unit -> group."""
    of = base.value_counts()
    n = members.value_counts()
    return {str(g): (int(n.get(g, 0)), int(c)) for g, c in of.items() if g}


def _published_groups(groups: dict[str, tuple[int, int]], k: int | None) -> dict:
    """Shares by group; for people (``k`` given) small cells suppressed, with secondary
    suppression so a hidden cell cannot be recovered from the total."""
    ns = {g: n for g, (n, _) in groups.items()}
    ofs = {g: of for g, (_, of) in groups.items()}
    if k is not None:
        ns, _ = suppress(ns, k)
        ofs, _ = suppress(ofs, k)
    out = {}
    for g in sorted(groups):
        n, of = ns[g], ofs[g]
        shown = n is not None and of is not None
        out[g] = {"n": n if shown else None, "of": of,
                  "share": round(n / of, 3) if shown and of else None}
    return out


# --------------------------------------------------------------------------- the data
@dataclass
class Data:
    """The inputs, prepared once per scope (see :func:`prepare`)."""
    services: pd.DataFrame        # processed services (+ 'types': set of service_type codes)
    service_codes: pd.DataFrame   # final_codes, + segment_id
    respondents: pd.DataFrame     # respondent -> source_id, language, age_band, gender
    note_codes: pd.DataFrame      # coded_note_segments, + segment_id
    answered: pd.DataFrame        # (respondent, question_id) that answered something
    topics: pd.DataFrame
    assignments: pd.DataFrame
    codebook: object
    k: int
    age_bands: tuple[str, ...]


def prepare(tables: dict, codebook, k: int, age_bands: tuple[str, ...],
            scope: dict | None = None) -> Data:
    """The rules' inputs from the findings stage's tables, restricted to ``scope``."""
    services, notes = tables["services"], tables["notes"]
    choices = tables["survey_choices"]
    codes = tables["final_codes"].assign(segment_id=lambda d: segment_ids(d))
    ncodes = tables["coded_note_segments"].assign(segment_id=lambda d: segment_ids(d))
    people = pd.concat([notes[["respondent", "source_id", "language", "age_band", "gender"]],
                        choices[["respondent", "source_id", "language", "age_band", "gender"]]])
    people = people.drop_duplicates("respondent").set_index("respondent")
    answered = pd.concat([notes.loc[~notes["is_non_answer"], ["respondent", "question_id"]],
                          choices[["respondent", "question_id"]]]).drop_duplicates()
    level, value = (scope or {}).get("level", "all"), (scope or {}).get("value")
    if level == "region":
        services = services[services["region_m49"] == value]
        codes = codes[codes["service_id"].isin(services["service_id"])]
    if level == "age_band":
        people = people[people["age_band"] == value]
        ncodes = ncodes[ncodes["respondent"].isin(people.index)]
        answered = answered[answered["respondent"].isin(people.index)]
    types = codes[codes["dimension"] == "service_type"].groupby("service_id")["code"].agg(set)
    services = services.assign(types=services["service_id"].map(types).apply(
        lambda t: t if isinstance(t, set) else set()))
    return Data(services, codes, people, ncodes, answered, tables["topics"],
                tables["topic_assignments"], codebook, k, age_bands)


def _label(codebook, dim: str, code: str) -> str:
    return next(c.label for c in codebook.dimension(dim).codes if c.slug == code)


def _finding_id(kind: str, tail: str, scope: dict) -> str:
    sid = f"{PREFIX[kind]}.{tail}"
    if scope.get("level", "all") != "all":
        sid += f"@{scope['level']}:{re.sub(r'[^a-z0-9-]+', '-', str(scope['value']).lower())}"
    return sid


def _hash(evidence: dict) -> str:
    ids = {"services": sorted(s["service_id"] for s in evidence.get("services", [])),
           "countries": sorted(evidence.get("countries", [])),
           "segments": sorted(s["segment_id"] for s in evidence.get("segments", [])),
           "all_ids": evidence.pop("_ids", [])}
    digest = hashlib.sha256(json.dumps(ids, sort_keys=True).encode()).hexdigest()[:16]
    return digest.translate(LETTERS)  # letters only: never read as a phone number


# --------------------------------------------------------------------------- evidence
class Builder:
    """Builds findings over one :class:`Data`, with shared quotes."""

    def __init__(self, data: Data, params: FindingsParams, rules: RuleBook, quotes: QuoteBook,
                 scope: dict):
        self.d, self.p, self.rules, self.quotes, self.scope = data, params, rules, quotes, scope

    # ---- services
    def segments_of(self, pairs, ids: set[str] | None = None) -> pd.DataFrame:
        """Coded segments of any of ``pairs`` ((dimension, code), ...), of services ``ids``."""
        c = self.d.service_codes
        keys = pd.MultiIndex.from_frame(c[["dimension", "code"]])
        c = c[keys.isin(list(pairs))]
        return c if ids is None else c[c["service_id"].isin(ids)]

    def services_with(self, pairs) -> set[str]:
        """IDs of services holding any of ``pairs`` ((dimension, code), ...)."""
        return set(self.segments_of(pairs)["service_id"])

    def service_evidence(self, ids: set[str], pairs=()) -> dict:
        s = self.d.services[self.d.services["service_id"].isin(ids)].sort_values("name")
        cap = self.p.evidence_max_items
        ev = {"services": [{"service_id": r.service_id, "name": r.name}
                           for r in s.head(cap).itertuples()], "n_services": int(len(s))}
        if pairs:
            seg = self.segments_of(pairs, ids).drop_duplicates(["service_id", "dimension", "code"])
            seg = seg.sort_values("segment_id")
            ev["segments"] = [{"segment_id": r.segment_id, "dimension": r.dimension,
                               "code": r.code, "text": r.evidence[:200]}
                              for r in seg.head(cap).itertuples()]
            ev["n_segments"] = int(len(seg))
        return ev

    @staticmethod
    def n_sources(s: pd.DataFrame) -> int:
        """Submissions behind services, merged records' sources included (``source_ids``)."""
        return len({ref.split(":", 1)[0] for refs in s["source_ids"] for ref in refs}
                   | set(s["source_id"]))

    def by_type(self, ids: set[str]) -> dict:
        """Share of services of each service type (a service may have several) in ``ids``."""
        types = self.d.services[["service_id", "types"]].explode("types").dropna()
        types = types.set_index("service_id")["types"]
        return _published_groups(_groups(types[types.index.isin(ids)], types), None)

    def service_breadth(self, ids: set[str]) -> dict:
        s = self.d.services[self.d.services["service_id"].isin(ids)]
        return {"regions": int(s.loc[s["region_m49"] != "", "region_m49"].nunique()),
                "countries": int(s.loc[s["country_iso3"] != "", "country_iso3"].nunique()),
                "service_types": len(set().union(*s["types"])) if len(s) else 0,
                "sources": self.n_sources(s)}

    def services_assessment(self, ids: set[str], n: int, unit: str, groups, pairs=()) -> Assessment:
        s = self.d.services[self.d.services["service_id"].isin(ids)]
        relevant = self.services_with(FOR_CHILDREN) & set(s["service_id"])
        reviewed = None
        if pairs:
            c = self.segments_of(pairs, ids)
            reviewed = float((c["method"] == "human").mean()) if len(c) else 0.0
        return Assessment(n=n, unit=unit, sources=self.n_sources(s), groups=groups,
                          group_kind="regions", reviewed=reviewed,
                          relevant=len(relevant) / len(s) if len(s) else 0.0,
                          relevant_what="services")

    def topics_for(self, corpus: str, doc_ids: set[str]) -> list[dict]:
        """Topics of ``corpus`` whose documents carry the finding at least
        ``params.findings.topic_min_share`` (outlier topic excluded)."""
        a = self.d.assignments
        a = a[(a["corpus"] == corpus) & (a["topic_id"] >= 0)]
        if a.empty:
            return []
        share = a.assign(hit=a["doc_id"].isin(doc_ids)).groupby("topic_id")["hit"].agg(["mean", "sum"])
        keep = share[(share["mean"] >= self.p.topic_min_share)
                     & (share["sum"] >= (self.d.k if corpus == "notes" else 1))]
        t = self.d.topics[self.d.topics["corpus"] == corpus].set_index("topic_id")
        return [{"corpus": corpus, "id": int(i), "label": t.loc[i, "label"],
                 "share": round(float(keep.loc[i, "mean"]), 2)}
                for i in keep.sort_values("mean", ascending=False).index if i in t.index]

    # ---- respondents
    def respondents_answering(self, questions: set[str]) -> set[str]:
        a = self.d.answered
        return set(a.loc[a["question_id"].isin(questions), "respondent"]) & set(self.d.respondents.index)

    def note_groups(self, members: set[str], base: set[str], column: str) -> dict:
        r = self.d.respondents[self.d.respondents.index.isin(base)]
        return _groups(r.loc[r.index.isin(members), column], r[column])

    def notes_assessment(self, members: set[str], base: set[str], segments: pd.DataFrame) -> Assessment:
        r = self.d.respondents[self.d.respondents.index.isin(members)]
        checked = ((segments["field"] == "choice") | (segments["method"] == "human")).mean()
        in_scope = r["age_band"].isin(self.d.age_bands).mean() if len(r) else 0.0
        return Assessment(n=len(members), unit="respondents", sources=int(r["source_id"].nunique()),
                          groups=self.note_groups(members, base, "language"),
                          group_kind="language areas",
                          reviewed=float(checked) if len(segments) else 0.0,
                          relevant=float(in_scope),
                          relevant_what=f"respondents (in the age bands {', '.join(self.d.age_bands)})")

    # ---- the finding
    def finding(self, kind: str, tail: str, statement: str, numbers: dict, evidence: dict,
                assessment: Assessment, people: bool, **fill) -> dict:
        n, of = numbers["n"], numbers["of"]
        too_few = people and (n is None or of is None or 0 < n < self.d.k or of < self.d.k)
        scope = self.scope
        label = fill.get("label", "")
        ev_hash = _hash(evidence)  # over the whole evidence, shown or not
        if too_few:
            numbers = {**numbers, "n": None, "share": None, "ci95": None,
                       "of": of if of is not None and of >= self.d.k else None}
            text = (f"{label}: too few {numbers['unit']} to report (fewer than {self.d.k})."
                    if label else f"Too few {numbers['unit']} to report (fewer than {self.d.k}).")
            evidence = {}
        else:
            text = statement.format(n=numbers["n"], of=numbers["of"], unit=numbers["unit"],
                                    pct=_pct(numbers["share"]), ci=_ci(numbers["ci95"]),
                                    label_lower=label[:1].lower() + label[1:],
                                    **(numbers.get("breadth", {}) | fill))
        return {"id": _finding_id(kind, tail, scope), "rule": f"{kind}.{tail}", "kind": kind,
                "scope": {"level": scope.get("level", "all"), "value": scope.get("value")},
                "statement": text, "too_few": bool(too_few), "numbers": numbers,
                "evidence": evidence, "evidence_hash": ev_hash,
                "confidence": grade(assessment, self.p.confidence)}


# --------------------------------------------------------------------------- kinds
def ingredients(b: Builder) -> list[dict]:
    """Services codes held by at least ``ingredient_min_share`` of services, in at least
    ``ingredient_min_regions`` regions and ``ingredient_min_service_types`` service types."""
    s, p, out = b.d.services, b.p, []
    total = len(s)
    if not total:
        return out
    region = s.set_index("service_id")["region_m49"]
    # a region's own findings cannot span several regions
    min_regions = 1 if b.scope["level"] == "region" else p.ingredient_min_regions
    for dim in p.ingredient_dimensions:
        for code in b.d.codebook.dimension(dim).codes:
            pair = (dim, code.slug)
            ids = b.services_with([pair])
            breadth = b.service_breadth(ids)
            if (len(ids) / total < p.ingredient_min_share or breadth["regions"] < min_regions
                    or breadth["service_types"] < p.ingredient_min_service_types):
                continue
            numbers = share_numbers(len(ids), total, "services")
            groups = _groups(region[region.index.isin(ids)], region)
            numbers |= {"breadth": breadth, "by_group": {"region": _published_groups(groups, None),
                                                         "service_type": b.by_type(ids)}}
            evidence = b.service_evidence(ids, [pair])
            evidence["topics"] = b.topics_for("descriptions", ids)
            out.append(b.finding("ingredient", f"{dim}.{code.slug}", b.rules.ingredient.statement,
                                 numbers, evidence, b.services_assessment(ids, len(ids), "services",
                                                                          groups, [pair]),
                                 people=False, label=code.label))
    return out


def note_challenge(b: Builder, dim: str, code, statement: str, min_share: float) -> dict | None:
    nc = b.d.note_codes
    in_dim = nc[nc["dimension"] == dim]
    segs = in_dim[in_dim["code"] == code.slug]
    base = b.respondents_answering(set(in_dim["question_id"]))
    members = set(segs["respondent"]) & base
    if not base or len(members) / len(base) < min_share:
        return None
    numbers = share_numbers(len(members), len(base), "respondents")
    k = b.d.k
    numbers["breadth"] = {"languages": int(b.d.respondents.loc[sorted(members), "language"].nunique()),
                          "questions": int(segs["question_id"].nunique()),
                          "sources": int(segs["source_id"].nunique())}
    numbers["by_group"] = {c: _published_groups(b.note_groups(members, base, c), k)
                           for c in ("age_band", "gender", "language")}
    segs = segs.sort_values("segment_id")
    # Matched text only where it is an option label or a short cue from a pseudonymised note.
    shown = [{"segment_id": r.segment_id, "dimension": dim, "code": code.slug,
              "text": r.evidence if r.field == "choice" else ""}
             for r in segs.head(b.p.evidence_max_items).itertuples()]
    note_ids = segs.loc[segs["record_kind"] == "note", "note_id"]
    evidence = {"segments": shown, "n_segments": int(len(segs)),
                "topics": b.topics_for("notes", set(note_ids)),
                "quotes": b.quotes.pick(note_ids, b.p.quotes_per_finding)}
    return b.finding("challenge", f"{dim}.{code.slug}", statement, numbers, evidence,
                     b.notes_assessment(members, base, segs), people=True, label=code.label)


def notes_challenges(b: Builder) -> list[dict]:
    out = []
    for rule in b.rules.challenges.notes:
        codes = b.d.codebook.dimension(rule.dimension).codes
        for code in codes:
            if rule.codes == "all" or code.slug in rule.codes:
                f = note_challenge(b, rule.dimension, code, rule.statement, b.p.challenge_min_share)
                out += [f] if f else []
    return out


def _lacking(b: Builder, rule: str) -> tuple[set[str], str]:
    """(units lacking, unit) for a services challenge: country ISO3 codes or service IDs."""
    s = b.d.services
    known = s[s["country_iso3"] != ""]
    if rule in ("no_text_channel", "no_children_service", "no_always_open"):
        pairs = {"no_text_channel": [("channel", c) for c in TEXT_CHANNELS],
                 "no_children_service": list(FOR_CHILDREN),
                 "no_always_open": [("delivery", "always_open")]}[rule]
        having = b.services_with(pairs)
        if rule == "no_always_open":
            having |= set(s.loc[s["is_24_7"].fillna(False).astype(bool), "service_id"])
        ok = set(known.loc[known["service_id"].isin(having), "country_iso3"])
        return set(known["country_iso3"]) - ok, "countries"
    if rule == "no_stated_ages":
        return set(s.loc[s["min_age"].isna() & s["max_age"].isna(), "service_id"]), "services"
    return set(s.loc[s["flags"].apply(lambda f: bool(CONTACT_FLAGS & set(f))), "service_id"]), "services"


def services_challenges(b: Builder) -> list[dict]:
    s, out = b.d.services, []
    known = s[s["country_iso3"] != ""]
    for rule in b.rules.challenges.services:
        lacking, unit = _lacking(b, rule.rule)
        if unit == "countries":
            region = known.drop_duplicates("country_iso3").set_index("country_iso3")["region_m49"]
            ids = set(known.loc[known["country_iso3"].isin(lacking), "service_id"])
            of = len(region)
        else:
            region = s.set_index("service_id")["region_m49"]
            ids, of = lacking, len(s)
        if not of or len(lacking) / of < b.p.challenge_min_share:
            continue
        groups = _groups(region[region.index.isin(lacking)], region)
        numbers = share_numbers(len(lacking), of, unit) | {
            "breadth": b.service_breadth(ids), "by_group": {"region": _published_groups(groups, None)}}
        evidence = b.service_evidence(ids) | ({"countries": sorted(lacking)} if unit == "countries" else {})
        out.append(b.finding("challenge", f"services.{rule.rule}", rule.statement, numbers, evidence,
                             b.services_assessment(ids, len(lacking), unit, groups), people=False))
    return out


def lessons(b: Builder) -> list[dict]:
    out, s = [], b.d.services
    for rule in b.rules.lessons:
        dim, slug = rule.challenge.split(".", 1)
        code = next(c for c in b.d.codebook.dimension(dim).codes if c.slug == slug)
        side = note_challenge(b, dim, code, "", 0.0)
        if side is None or side["numbers"]["n"] == 0:  # nobody said it: nothing to pair
            continue
        pairs = [tuple(i.split(".", 1)) for i in rule.ingredient]
        ids = b.services_with(pairs)
        i_num = share_numbers(len(ids), len(s), "services")
        c_num = side["numbers"]
        numbers = {"n": c_num["n"], "of": c_num["of"], "unit": "respondents",
                   "share": c_num["share"], "ci95": c_num["ci95"], "challenge": c_num,
                   "ingredient": i_num | {"breadth": b.service_breadth(ids)}}
        services_ev = b.service_evidence(ids, pairs)
        evidence = {**side["evidence"], **services_ev,
                    "segments": side["evidence"].get("segments", []) + services_ev.get("segments", [])}
        a_notes = side["confidence"]["components"]
        a_serv = b.services_assessment(ids, len(s), "services", {}, pairs)
        fill = {f"c_{k}": v for k, v in (("n", c_num["n"]), ("of", c_num["of"]),
                                          ("pct", _pct(c_num["share"])))}
        fill |= {"i_n": i_num["n"], "i_of": i_num["of"], "i_pct": _pct(i_num["share"])}
        f = b.finding("lesson", rule.id, rule.statement, numbers, evidence, a_serv,
                      people=True, **fill)
        f["related"] = [side["id"]]
        f["confidence"] = _worst(f["confidence"], a_notes)
        out.append(f)
    return out


def _worst(graded: dict, other_components: dict) -> dict:
    """A lesson rests on both sides: a component has a concern if either side has one."""
    from pipeline.findings.confidence import LEVELS
    comps = {}
    for name, c in graded["components"].items():
        o = other_components[name]
        comps[name] = {"concern": c["concern"] or o["concern"],
                       "reason": f"respondents: {o['reason']}; services: {c['reason']}"}
    concerns = sum(c["concern"] for c in comps.values())
    return {"grade": LEVELS[min(concerns, len(LEVELS) - 1)], "concerns": concerns, "components": comps}


def gaps(b: Builder, today: date) -> list[dict]:
    s, g, out = b.d.services, b.rules.gaps, []
    total = len(s)
    region = s.set_index("service_id")["region_m49"]

    def services_gap(tail, ids, statement, pairs=(), **fill):
        groups = _groups(region[region.index.isin(ids)], region)
        numbers = share_numbers(len(ids), total, "services") | {"breadth": b.service_breadth(ids)}
        return b.finding("gap", tail, statement, numbers, b.service_evidence(ids, pairs),
                         b.services_assessment(set(s["service_id"]), total, "services", groups, pairs),
                         people=False, **fill)

    if total:
        for slug in g.service_types.codes:
            ids = b.services_with([("service_type", slug)])
            if len(ids) <= b.p.gap_max_services:
                out.append(services_gap(f"service_type.{slug}", ids, g.service_types.statement,
                                        [("service_type", slug)],
                                        label=_label(b.d.codebook, "service_type", slug)))
        limit = today.replace(year=today.year - b.p.stale_after_years)
        checked = pd.to_datetime(s["assured_date"].where(s["assured_date"] != ""), errors="coerce")
        stale = set(s.loc[checked.isna() | (checked < pd.Timestamp(limit)), "service_id"])
        if stale:
            out.append(services_gap("records.no_date_checked", stale, g.no_date_checked.statement,
                                    years=b.p.stale_after_years))
        unknown = set(s.loc[s["country_iso3"] == "", "service_id"])
        if unknown:
            out.append(services_gap("records.unknown_country", unknown, g.unknown_region.statement))
    people = b.d.respondents
    if len(people):
        qs = b.d.answered["question_id"].nunique()
        numbers = {"n": int(len(people)), "of": int(len(people)), "unit": "respondents",
                   "share": None, "ci95": None,
                   "breadth": {"sources": int(people["source_id"].nunique()), "questions": int(qs)}}
        a = Assessment(n=len(people), unit="respondents", sources=numbers["breadth"]["sources"],
                       reviewed=None, relevant=float(people["age_band"].isin(b.d.age_bands).mean()),
                       relevant_what="respondents")
        out.append(b.finding("gap", "notes.sources", g.note_sources.statement, numbers,
                             {"_ids": sorted(people.index)}, a, people=True))
    return out


def compute(tables: dict, codebook, params: FindingsParams, k: int, age_bands: tuple[str, ...],
            quotes: QuoteBook, rules: RuleBook | None = None, scope: dict | None = None,
            today: date | None = None) -> list[dict]:
    """Every finding for ``scope`` (default: all data), in kind order, largest share first
    within a kind. ``today`` dates staleness (default: the date of the run)."""
    scope = scope or {"level": "all", "value": None}
    rules = rules or load_rules(codebook=codebook)
    data = prepare(tables, codebook, k, age_bands, scope)
    b = Builder(data, params, rules, quotes, scope)
    found = []
    if scope["level"] in ("all", "region"):
        found += ingredients(b) + services_challenges(b)
    if scope["level"] in ("all", "age_band"):
        found += notes_challenges(b)
    if scope["level"] == "all":
        found += lessons(b) + gaps(b, today or date.today())
    order = {k: i for i, k in enumerate(KINDS)}
    return sorted(found, key=lambda f: (order[f["kind"]], f["too_few"],
                                        -(f["numbers"].get("share") or 0), f["id"]))
