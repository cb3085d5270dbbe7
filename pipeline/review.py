"""Stage 3, review: import returned advisor review sheets; final codes are human decisions over
machine proposals.

Reads every file in ``data/raw/reviews/`` (``REVIEWS=``; one ``<pseudonym>.xlsx`` per
reviewer, as :mod:`pipeline.review_pack` wrote it), ``coded_segments.parquet``,
``services.parquet``, the codebook and ``params.review.lead_reviewer``. Writes:

- ``data/processed/final_codes.parquet``: the coded segments with human decisions applied
  (columns of ``coded_segments``). Where a decision settled a record's dimension, its machine
  segments are replaced by one segment per decided code: ``method`` 'human', ``coder`` the
  pseudonym(s) whose decision won ('+'-joined), ``rule`` 'review:<rule>'; a code the machine
  had keeps its evidence, a new one has none. Everything else stays as the machine coded it.
  Later stages (findings, hsds, render) read this table, not the machine's.
- ``data/processed/review_audit.parquet``: one row per imported decision (reviewer, date the
  sheet was saved, record, dimension, decision, before -> proposed -> after, the rule applied
  and whether this decision is the final one, comment). Not published: comments are free text.
- ``data/processed/review_rejects.parquet``: rows (or files) not imported, with file, sheet,
  cell, reason and what to do. A bad row never stops the run: the rest of its sheet is
  imported, and the stage prints every rejection (loudly, with a count per reason).
- ``report/review_summary.json``, ``report/review_agreement.csv``,
  ``report/review_disagreements.csv``: public-safe (no pseudonyms, no comments) counts,
  agreement statistics and the disagreement table per code.

**The disagreement rule** (:func:`resolve`), per record and dimension, over the reviewers who
decided (accept or change; a comment decides nothing): one reviewer -> theirs
(``single_reviewer``); all the same -> that (``unanimous``); else the lead reviewer's
(``lead_reviewer``, ``params.review.lead_reviewer``) if they decided; else the code set more
than half of them chose (``majority``); else the machine codes stay and the record is listed
as a ``conflict``. Comment-only records are ``comment_only``.

**Agreement** (:mod:`pipeline.agreement`): between reviewers (every pseudonym is a coder, a
unit is a record's dimension that at least one reviewer decided), and between the machine
and the final human codes (units a human settled), per dimension (the code set as one
nominal value) and per code (present / absent). Undefined statistics say why. The counts are
of reviewers and of services, not of children or respondents, so no small-cell suppression
applies (``pipeline.disclosure`` is for counts of people described by the data).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline import coding, paths, review_sheets, schema, storage
from pipeline.agreement import agreement, describe, per_code
from pipeline.codebook import Codebook, load_codebook
from pipeline.config import load_params
from pipeline.paths import Outputs
from pipeline.review_pack import CODE_SEPARATORS, CODING_SHEET, COLUMNS, NONE, letter, row_check

EDITABLE = [c.key for c in COLUMNS if c.editable]
Unit = tuple[str, str, str]  # record kind, record ID, dimension


@dataclass
class Known:
    """What a row may name: record IDs per kind, codes per dimension (ID -> slug)."""

    records: dict[str, set[str]]
    codes: dict[str, dict[str, str]]

    @classmethod
    def of(cls, codebook: Codebook, services: pd.DataFrame) -> Known:
        return cls({"service": set(services["service_id"])},
                   {d.id: {c.id: c.slug for c in d.codes} for d in codebook.dimensions})

    def parse_codes(self, text: str, dimension: str) -> tuple[list[str], list[str]]:
        """Code IDs in ``text`` ('CH01 phone; CH03', slugs too) -> (IDs, unknown tokens)."""
        own = self.codes[dimension]
        by_slug = {v: k for k, v in own.items()}
        found, unknown = [], []
        for token in re.split(f"[{re.escape(CODE_SEPARATORS)}]", text):
            token = token.strip()
            if not token or token == NONE:
                continue
            head = token.split()[0]
            code = head.upper() if head.upper() in own else by_slug.get(head.lower())
            (found if code else unknown).append(code or token)
        return list(dict.fromkeys(found)), unknown


@dataclass
class Imported:
    """What the returned sheets hold: decisions (review_audit columns but the resolution) and
    rejects (review_rejects rows)."""

    decisions: list[dict] = field(default_factory=list)
    rejects: list[dict] = field(default_factory=list)
    rows_read: int = 0
    files: int = 0


# --------------------------------------------------------------------------- reading sheets
def _reject(file: str, reason: str, message: str, sheet: str = "", cell: str = "",
            row: int = 0, values: dict | None = None) -> dict:
    values = values or {}
    return {**review_sheets.reject(file, reason, message, sheet, cell, row),
            "record_id": str(values.get("record_id", "")),
            "dimension": str(values.get("dimension", ""))}


def read_reviews(folder: Path, known: Known) -> Imported:
    """Every returned sheet in ``folder`` (absent: none; sub-folders are not read), validated
    row by row."""
    result = Imported()
    for path in review_sheets.returned_files(folder):
        result.files += 1
        read_sheet(path, known, result)
    return result


def read_sheet(path: Path, known: Known, into: Imported) -> None:
    """One returned sheet: its valid decisions and its rejects, appended to ``into``.
    A file that is not a review sheet at all is one reject (row 0)."""
    sheet = review_sheets.open_sheet(path, CODING_SHEET, [c.header for c in COLUMNS],
                                     "coding_sheet.xlsx")
    if isinstance(sheet, dict):
        into.rejects.append({**sheet, "record_id": "", "dimension": ""})
        return
    seen: dict[Unit, int] = {}
    for r, row in review_sheets.filled_rows(sheet, len(COLUMNS)):
        into.rows_read += 1
        decision = _row(row, r, path.name, sheet, known, seen)
        if "reason" in decision:
            into.rejects.append(decision)
        elif decision:
            into.decisions.append({**decision, "reviewed_on": sheet.reviewed_on})


def _row(cells, r: int, file: str, sheet: review_sheets.Sheet, known: Known,
         seen: dict) -> dict:
    """One row: a decision (dict of review_audit columns), a reject (has 'reason'), or {}
    for a row nobody reviewed."""
    values = {c.key: review_sheets.text(cell) for c, cell in zip(COLUMNS, cells)}
    reviewer = sheet.reviewer

    def reject(reason, message, key=""):
        return _reject(file, reason, message, CODING_SHEET, f"{letter(key)}{r}" if key else "",
                       r, values)

    if problem := review_sheets.broken(sheet, r, cells, [c.key for c in COLUMNS]):
        return reject(*problem)
    if not any(values[k] for k in EDITABLE if k != "reviewer"):
        return {}  # not reviewed
    dimension, kind = values["dimension"], values["record_kind"]
    if dimension not in known.codes:
        return reject("unknown_dimension", f"'{dimension}' is not a dimension of the codebook "
                      f"({', '.join(known.codes)}): restore the row from the pack", "dimension")
    if values["record_id"] not in known.records.get(kind, set()):
        return reject("unknown_record", f"no {kind or 'record'} with ID '{values['record_id']}' "
                      "in this run's data: restore the row from the pack, or drop it if the "
                      "record is gone", "record_id")
    if row_check(values) != values["check"]:
        return reject("evidence_edited", "the grey columns (record, dimension, proposed codes, "
                      "evidence) differ from the pack: restore them from the pack; only "
                      "decision, new code(s), comment and reviewer are yours to edit")
    decision = values["decision"].lower()
    if values["reviewer"] and values["reviewer"] != reviewer:
        return reject("reviewer_mismatch", f"reviewer '{values['reviewer']}' in the sheet of "
                      f"'{reviewer}' (its file name): one file per reviewer; correct the cell "
                      "or put the row in that reviewer's file", "reviewer")
    if not decision:
        if values["new_codes"]:
            return reject("missing_decision", "a new code but no decision: choose 'change' "
                          f"in {letter('decision')}{r} (or clear the new code)", "decision")
        decision = "comment"  # a comment alone
    if decision not in schema.REVIEW_DECISIONS:
        return reject("unknown_decision", f"decision '{values['decision']}' is none of "
                      f"{', '.join(schema.REVIEW_DECISIONS)}: pick one from the drop-down",
                      "decision")
    codes, unknown = known.parse_codes(values["new_codes"], dimension)
    if unknown:
        valid = ", ".join(f"{k} {v}" for k, v in known.codes[dimension].items())
        return reject("unknown_code", f"{', '.join(map(repr, unknown))} is not a code of "
                      f"'{dimension}' (its codes: {valid}): pick one from the drop-down",
                      "new_codes")
    if decision == "change" and not codes:
        return reject("change_without_code", "decision 'change' but no new code: pick the "
                      "right code(s) in the drop-down, or choose 'accept' or 'comment'",
                      "new_codes")
    if decision != "change" and codes:
        return reject("code_without_change", f"a new code with decision '{decision}': choose "
                      "'change' to use it, or clear it", "new_codes")
    if decision == "comment" and not values["comment"]:
        return reject("comment_missing", "decision 'comment' without a comment: write it in "
                      f"{letter('comment')}{r}", "comment")
    unit = (kind, values["record_id"], dimension)
    if unit in seen:
        return reject("duplicate_row", f"the same record and dimension as row {seen[unit]}: "
                      "keep one of the two rows")
    seen[unit] = r
    if decision == "accept":
        codes, _ = known.parse_codes(values["proposed"], dimension)
    return {"reviewer": reviewer, "source_file": file, "source_row": r, "record_kind": kind,
            "record_id": values["record_id"], "dimension": dimension, "decision": decision,
            "proposed": ";".join(codes) if decision != "comment" else "",
            "comment": values["comment"]}


# --------------------------------------------------------------------------- resolving
def _codes(text: str) -> frozenset[str]:
    return frozenset(c for c in text.split(";") if c)


def _join(codes) -> str:
    return ";".join(sorted(codes))


def resolve(decisions: pd.DataFrame, machine: dict[Unit, frozenset[str]],
            lead: str = "") -> pd.DataFrame:
    """Apply the disagreement rule (module docstring) to ``decisions`` (review_audit columns
    but before/after/rule/applied); returns them as the review_audit table, sorted by record,
    dimension and reviewer. ``machine``: the machine's code IDs per unit."""
    groups: dict[Unit, list[dict]] = {}
    for d in decisions.to_dict("records"):
        groups.setdefault((d["record_kind"], d["record_id"], d["dimension"]), []).append(d)
    out = []
    for unit in sorted(groups):
        group = sorted(groups[unit], key=lambda d: d["reviewer"])
        sets = {d["reviewer"]: _codes(d["proposed"]) for d in group if d["decision"] != "comment"}
        before = machine.get(unit, frozenset())
        counts = Counter(sets.values())
        if not sets:
            rule, after, winners = "comment_only", before, set()
        elif len(counts) == 1:
            rule = "single_reviewer" if len(sets) == 1 else "unanimous"
            after, winners = next(iter(counts)), set(sets)
        elif lead and lead in sets:
            rule, after, winners = "lead_reviewer", sets[lead], {lead}
        elif counts.most_common(1)[0][1] * 2 > len(sets):
            rule, after = "majority", counts.most_common(1)[0][0]
            winners = {r for r, s in sets.items() if s == after}
        else:
            rule, after, winners = "conflict", before, set()
        out += [{**d, "before": _join(before), "after": _join(after), "rule": rule,
                 "applied": d["reviewer"] in winners} for d in group]
    audit = pd.DataFrame(out, columns=schema.columns("review_audit"))
    return schema.typed_empty("review_audit", audit)


def machine_codes(segments: pd.DataFrame) -> dict[Unit, frozenset[str]]:
    return {("service", sid, dim): frozenset(g["code_id"])
            for (sid, dim), g in segments.groupby(["service_id", "dimension"])}


def final_codes(segments: pd.DataFrame, audit: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """``segments`` with every settled unit's machine segments replaced by human ones (module
    docstring), in the same order; unchanged when nothing was settled."""
    won: dict[tuple[str, str], dict] = {}
    for a in audit[audit["applied"]].to_dict("records"):
        w = won.setdefault((a["record_id"], a["dimension"]), {**a, "coders": []})
        w["coders"].append(a["reviewer"])
    if not won:
        return segments
    slugs = {c.id: c.slug for d in codebook.dimensions for c in d.codes}
    by_unit: dict[tuple[str, str], list[dict]] = {}
    for rec in segments.to_dict("records"):
        by_unit.setdefault((rec["service_id"], rec["dimension"]), []).append(rec)
    rows = []
    for unit in list(by_unit) + [u for u in won if u not in by_unit]:
        recs = by_unit.get(unit, [])
        if unit not in won:
            rows += recs
            continue
        w = won[unit]
        human = {"method": "human", "coder": "+".join(sorted(w["coders"])),
                 "rule": f"review:{w['rule']}", "codebook_version": codebook.version}
        for code in sorted(_codes(w["after"])):
            base = [r for r in recs if r["code_id"] == code] or [
                {**schema.blank_record("coded_segments"), "service_id": unit[0],
                 "dimension": unit[1], "code_id": code, "code": slugs[code]}]
            rows += [{**b, **human} for b in base]
    return pd.DataFrame(rows, columns=segments.columns).astype(segments.dtypes.to_dict())


# --------------------------------------------------------------------------- agreement
def agreement_tables(audit: pd.DataFrame, codebook: Codebook,
                     names: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(agreement, disagreements), both public-safe (no pseudonyms). Agreement: one row per
    comparison ('reviewers', 'machine_vs_final'), dimension and code ('' for the dimension as
    a whole), statistics as text (two decimals, or 'undefined (reason)': never NaN).
    Disagreements: one row per comparison, code and record where the coders differ."""
    deciding = audit[audit["decision"] != "comment"]
    settled = deciding[deciding["applied"]].drop_duplicates(["record_id", "dimension"])
    rows, diffs = [], []
    for dim in codebook.dimensions:
        d = deciding[deciding["dimension"] == dim.id]
        units = sorted(set(d["record_id"]))
        reviewers = sorted(set(d["reviewer"]))
        sets = {(r.reviewer, r.record_id): _codes(r.proposed) for r in d.itertuples()}
        s = settled[settled["dimension"] == dim.id]
        machine = {r.record_id: _codes(r.before) for r in s.itertuples()}
        final = {r.record_id: _codes(r.after) for r in s.itertuples()}
        rule = dict(zip(s["record_id"], s["rule"]))
        rows.append(_row_of("reviewers", dim.id, "", agreement(
            [[_join(sets[(v, u)]) if (v, u) in sets else None for u in units] for v in reviewers])))
        rows.append(_row_of("machine_vs_final", dim.id, "", agreement(
            [[_join(machine[u]) for u in machine], [_join(final[u]) for u in machine]])))
        for pc in per_code(machine, final, [c.id for c in dim.codes]):
            rows.append(_row_of("machine_vs_final", dim.id, pc["code"], pc))
            diffs += [{"comparison": "machine_vs_final", "dimension": dim.id, "code_id": pc["code"],
                       "record_id": u, "machine": pc["code"] in machine[u],
                       "final": pc["code"] in final[u], "rule": rule[u]}
                      for u in pc["disagreements"]]
        for code in dim.codes:
            ratings = [[code.id in sets[(v, u)] if (v, u) in sets else None for u in units]
                       for v in reviewers]
            rows.append(_row_of("reviewers", dim.id, code.id, agreement(ratings, positive=True)))
            for i, u in enumerate(units):
                said = [x[i] for x in ratings if x[i] is not None]
                if len(set(said)) > 1:
                    diffs.append({"comparison": "reviewers", "dimension": dim.id,
                                  "code_id": code.id, "record_id": u,
                                  "reviewers_with": sum(said),
                                  "reviewers_without": len(said) - sum(said),
                                  "rule": rule.get(u, "conflict")})
    slugs = {c.id: c.slug for d in codebook.dimensions for c in d.codes}
    table = pd.DataFrame(diffs, columns=DISAGREEMENT_COLUMNS)
    table["code"] = table["code_id"].map(slugs).fillna("")
    table["record_name"] = table["record_id"].map(names).fillna("")
    for col in ("machine", "final"):
        table[col] = table[col].map({True: "yes", False: "no"}).fillna("")
    for col in ("reviewers_with", "reviewers_without"):
        table[col] = table[col].map(lambda v: "" if pd.isna(v) else str(int(v)))
    table = table.sort_values(["dimension", "code_id", "comparison", "record_name"], kind="stable")
    return pd.DataFrame(rows), table[DISAGREEMENT_COLUMNS].reset_index(drop=True)


DISAGREEMENT_COLUMNS = ["comparison", "dimension", "code_id", "code", "record_id", "record_name",
                        "machine", "final", "reviewers_with", "reviewers_without", "rule"]


def _row_of(comparison: str, dimension: str, code: str, a) -> dict:
    a = a if isinstance(a, dict) else a.as_row()
    why = a["undefined"] if a["n_coders"] else "no units reviewed"
    why = why or "no data"
    return {"comparison": comparison, "dimension": dimension, "code_id": code,
            "n_coders": a["n_coders"], "n_units": a["n_units"],
            "percent_agreement": describe(a["percent_agreement"], why),
            "prevalence": describe(a["prevalence"], why) if code else "not applicable",
            "cohen_kappa": describe(a["cohen_kappa"], why),
            "krippendorff_alpha": describe(a["krippendorff_alpha"], why)}


# --------------------------------------------------------------------------- the stage
def summary(imported: Imported, audit: pd.DataFrame, rejects: pd.DataFrame) -> dict:
    """Public-safe counts: no pseudonym, no comment, no record."""
    units = audit.drop_duplicates(["record_id", "dimension"])
    decided = units[~units["rule"].isin(["comment_only", "conflict"])]
    return {"files": imported.files, "reviewers": int(audit["reviewer"].nunique()),
            "rows_read": imported.rows_read, "rows_imported": len(audit),
            "rows_rejected": int((rejects["source_row"] > 0).sum()),
            "rows_not_reviewed": imported.rows_read - len(audit)
                                 - int((rejects["source_row"] > 0).sum()),
            "files_rejected": int((rejects["source_row"] == 0).sum()),
            "rejected_by_reason": rejects["reason"].value_counts().sort_index().to_dict(),
            "decisions": audit["decision"].value_counts().sort_index().to_dict(),
            "units_settled": len(decided),
            "units_changed": int((decided["before"] != decided["after"]).sum()),
            "by_rule": units["rule"].value_counts().sort_index().to_dict(),
            "conflicts": int((units["rule"] == "conflict").sum())}


def import_reviews(folder: Path, segments: pd.DataFrame, services: pd.DataFrame,
                   codebook: Codebook, lead: str = "") -> dict:
    """The stage's work: {'final_codes', 'review_audit', 'review_rejects', 'summary',
    'agreement', 'disagreements'} from the sheets in ``folder``."""
    imported = read_reviews(folder, Known.of(codebook, services))
    decisions = pd.DataFrame(imported.decisions,
                             columns=[c for c in schema.columns("review_audit")
                                      if c not in ("before", "after", "rule", "applied")])
    audit = resolve(decisions, machine_codes(segments), lead)
    rejects = schema.typed_empty("review_rejects", pd.DataFrame(
        imported.rejects, columns=schema.columns("review_rejects")))
    names = dict(zip(services["service_id"], services["name"]))
    agree, disagree = agreement_tables(audit, codebook, names)
    return {"final_codes": final_codes(segments, audit, codebook), "review_audit": audit,
            "review_rejects": rejects, "summary": summary(imported, audit, rejects),
            "agreement": agree, "disagreements": disagree}


def run(out: Outputs) -> dict:
    codebook = load_codebook()
    folder = paths.reviews_dir()
    lead = load_params().review.lead_reviewer
    services = storage.read_table(out.services)
    r = import_reviews(folder, storage.read_table(out.coded_segments), services, codebook, lead)
    inputs = [out.coded_segments, out.services, paths.codebook_file()]
    inputs += sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    for name in ("final_codes", "review_audit", "review_rejects"):
        storage.write_table(getattr(out, name), r[name], inputs, "review")
    storage.write_json(out.review_summary, r["summary"])
    storage.write_csv(out.review_agreement, r["agreement"])
    storage.write_csv(out.review_disagreements, r["disagreements"])
    coding.write_proposals(out, services, r["final_codes"], codebook)
    s = r["summary"]
    print(f"[review] {s['files']} returned sheet(s) in {folder}: {s['rows_imported']} decisions "
          f"imported, {s['units_settled']} record dimensions settled ({s['units_changed']} "
          f"changed), {s['conflicts']} conflict(s) left to the machine code")
    if len(r["review_rejects"]):
        review_sheets.print_rejects(r["review_rejects"], "review", out.review_rejects)
    return r
