"""The report's key findings, recommendations and survey answers, as HTML for the notebook.

Everything shown is read from ``report/findings.json`` (:mod:`pipeline.findings`): statements
were generated from the numbers there, so the prose and the data cannot disagree (a test
checks). All text is escaped: service names come from submitters, quotes from young people.
"""
from __future__ import annotations

import html

import langcodes
from markdown_it import MarkdownIt

SECTIONS = {"ingredient": "Common ingredients", "challenge": "Challenges",
            "lesson": "Lessons learned", "gap": "Gaps: what the data cannot show"}
INTRO = {
    "ingredient": "What many services share, across regions and service types.",
    "challenge": "What young people say they meet, and what the mapped services lack.",
    "lesson": "Where what young people say meets what services offer: both sides' numbers.",
    "gap": "What this data cannot tell: read every finding above with these in mind.",
}
REVIEW = {"not_reviewed": "not yet reviewed by advisors", "agreed": "advisors agree",
          "disagreed": "advisors disagree", "unsure": "advisors unsure",
          "mixed": "advisors' views differ", "re_review": "evidence changed since review: "
                                                          "waiting for a new review"}
SHOWN_SERVICES = 8
# Topics an evidence block names (those whose documents carry the finding most; findings.json
# lists them all): a widespread finding is carried by every topic, and ten read as noise.
SHOWN_TOPICS = 3


def _e(x) -> str:
    return html.escape(str(x))


def _anchor(finding_id: str) -> str:
    return "finding-" + "".join(c if c.isalnum() else "-" for c in finding_id)


def _numbers(f: dict) -> str:
    n = f["numbers"]
    if f["too_few"]:
        return "Too few to report."
    parts = []
    if n.get("share") is not None and n.get("ci95"):
        lo, hi = n["ci95"]
        parts.append(f"{n['n']} of {n['of']} {n['unit']}: {100 * n['share']:.0f} % "
                     f"(95 % CI {100 * lo:.0f}–{100 * hi:.0f} %)")
    breadth = n.get("breadth") or {}
    if breadth:
        parts.append("breadth: " + ", ".join(f"{v} {_singular(k) if v == 1 else k.replace('_', ' ')}"
                                             for k, v in breadth.items()))
    return "; ".join(parts)


def _confidence(c: dict) -> str:
    items = "".join(f"<li><b>{_e(name.replace('_', ' '))}</b>: "
                    f"{'concern' if comp['concern'] else 'no concern'} ({_e(comp['reason'])})</li>"
                    for name, comp in c["components"].items())
    return (f'<details><summary>Confidence: <b>{_e(c["grade"])}</b></summary>'
            f"<ul>{items}</ul></details>")


def _evidence(f: dict, findings: dict) -> str:
    ev = f["evidence"]
    parts = []
    if ev.get("services"):
        names = ", ".join(_e(s["name"]) for s in ev["services"][:SHOWN_SERVICES])
        more = ev.get("n_services", len(ev["services"])) - min(SHOWN_SERVICES, len(ev["services"]))
        parts.append(f"Services ({ev.get('n_services', len(ev['services']))}): {names}"
                     + (f" and {more} more" if more > 0 else ""))
    if ev.get("countries"):
        parts.append(f"Countries ({len(ev['countries'])}): {_e(', '.join(ev['countries']))}")
    if ev.get("segments"):
        parts.append(f"{ev.get('n_segments', len(ev['segments']))} coded segments")
    if ev.get("topics"):
        more = len(ev["topics"]) - SHOWN_TOPICS
        parts.append("Topics: " + "; ".join(f"{_e(t['corpus'])} topic {t['id']} "
                                             f"({_e(t['label'])})" for t in ev["topics"][:SHOWN_TOPICS])
                     + (f" and {more} more" if more > 0 else ""))
    quotes = quotes_html(ev.get("quotes", []), findings)
    if not parts and not quotes:
        return ""
    return (f"<details><summary>Evidence</summary><p>{'<br/>'.join(parts)}</p>{quotes}"
            "<p><small>IDs of every service and coded segment are in findings.json.</small></p>"
            "</details>")


def language_name(code: str) -> str:
    """English name of an ISO 639-3 code ('ron' -> 'Romanian'; langcodes' data); '' for ''."""
    return langcodes.Language.get(code).display_name() if code else ""


def question_label(question_id: str, wording: dict[str, str] | None = None) -> str:
    """The question's wording where its source gave it (``wording``: an input's
    ``questions`` in findings.json), else a readable label of its ID ('who_turn_to_other' ->
    'Who turn to (other, specify)'; the IDs are the sources' own, pipeline.ingest)."""
    if wording and question_id in wording:
        return wording[question_id]
    base, other = (question_id[:-6], True) if question_id.endswith("_other") else (question_id, False)
    label = base.replace("_", " ").strip().capitalize()
    return label + (" (other, specify)" if other else "")


def _translation_note(q: dict, how: str) -> str:
    """'machine translation from Romanian', 'original, Romanian' and the like; ``how``:
    the source's ``translation`` ('machine', 'human' or '' unknown)."""
    lang = language_name(q.get("language", ""))
    if not q.get("translated"):
        return f"original, {lang}" if lang else "original"
    kind = {"machine": "machine translation", "human": "translation by the source"}.get(
        how, "translation")
    return f"{kind} from {lang}" if lang else kind


def quotes_html(quotes: list[dict], findings: dict) -> str:
    """Quotes as escaped blockquotes, each with its ID, its question (its wording where the
    source gave it) and whether it is the original or a translation, and how the source made
    it (both from ``findings["inputs"]``); a quote with a ``content_note`` is inside
    ``<details>`` whose summary gives the reason, so a reader opts in."""
    inputs = {i["source_id"]: i for i in findings.get("inputs", [])}
    how = {s: i.get("translation", "") for s, i in inputs.items()}
    parts = []
    for q in quotes:
        wording = inputs.get(q.get("source_id"), {}).get("questions")
        block = (f"<blockquote>{_e(q['text'])} <small>({_e(q['quote_id'])}, answer to "
                 f"'{_e(question_label(q['question_id'], wording))}', "
                 f"{_e(_translation_note(q, how.get(q.get('source_id'), '')))})</small>"
                 "</blockquote>")
        if q.get("content_note"):
            block = (f'<details class="content-note"><summary>Content note: '
                     f"{_e(q['content_note'])} (quote {_e(q['quote_id'])})"
                     f"</summary>{block}</details>")
        parts.append(block)
    return "".join(parts)


def _comments(review: dict) -> str:
    """Advisors' comments (pseudonymised by pipeline.findings.feedback), if any."""
    texts = review.get("comments", {}).get("texts", [])
    if not texts:
        return ""
    items = "".join(f"<li>{_e(t)}</li>" for t in texts)
    return f"<details><summary>Advisors' comments ({len(texts)})</summary><ul>{items}</ul></details>"


def finding_html(f: dict, findings: dict) -> str:
    """One finding (``findings``: the whole findings.json, for its inputs)."""
    review = f.get("review", {})
    status = REVIEW.get(review.get("status", "not_reviewed"), review.get("status", ""))
    if review.get("reviewers"):
        status += (f" ({review.get('agree', 0)} agree, {review.get('disagree', 0)} disagree, "
                   f"{review.get('unsure', 0)} unsure)")
    return (f'<div class="finding" id="{_anchor(f["id"])}"><p><b>{_e(f["statement"])}</b></p>'
            f'<p><small>{_e(f["id"])} · {_e(_numbers(f))} · {_e(status)}</small></p>'
            f"{_confidence(f['confidence'])}{_evidence(f, findings)}{_comments(review)}</div>")


def key_findings_html(findings: dict, kind: str) -> str:
    """The findings of one kind that advisors have not rejected, in findings.json's order."""
    shown = [f for f in findings["findings"]
             if f["kind"] == kind and not f.get("review", {}).get("rejected")]
    body = "".join(finding_html(f, findings) for f in shown) or "<p>None under this run's rules.</p>"
    return f"<h3>{_e(SECTIONS[kind])}</h3><p>{_e(INTRO[kind])}</p>{body}"


def rejected_html(findings: dict) -> str:
    """The appendix: findings advisors rejected (kept, never dropped silently)."""
    rejected = [f for f in findings["findings"] if f.get("review", {}).get("rejected")]
    if not rejected:
        return "<p>No finding has been rejected by advisors.</p>"
    return "".join(finding_html(f, findings) for f in rejected)


def recommendations_html(findings: dict) -> str:
    """Each recommendation, its text (Markdown, raw HTML disabled) and its support."""
    recs = findings["recommendations"]
    md = MarkdownIt("commonmark", {"html": False})
    parts = []
    for r in recs["items"]:
        support = "".join(f'<li><a href="#{_anchor(s["id"])}">{_e(s["id"])}</a>: {_e(s["kind"])}, '
                          f"confidence {_e(s['grade'])}, {_e(REVIEW.get(s['review'], s['review']))}"
                          f"{' (too few to report)' if s['too_few'] else ''}</li>"
                          for s in r["support"])
        parts.append(f"<h4>{_e(r['id'])}. {_e(r['title'])}</h4>{md.render(r['text'])}"
                     f"<p>Rests on:</p><ul>{support or '<li>no finding</li>'}</ul>")
    warnings = "".join(f"<li>{_e(w)}</li>" for w in recs["warnings"])
    if warnings:
        parts.append(f"<p>Warnings:</p><ul>{warnings}</ul>")
    return "".join(parts)


def survey_html(findings: dict) -> str:
    """The survey's multi-select questions: share of respondents ticking each option, with its
    95 % interval and by age band; counts under the threshold show as '<k', a count hidden
    only to protect a small one as 'hidden'. Each question is titled with its wording where
    its source gave it (``findings["inputs"][]["questions"]``)."""
    s = findings["survey"]
    wording = {q: text for i in findings.get("inputs", []) for q, text in i.get("questions", {}).items()}
    k = s["threshold"]
    if not s["questions"]:
        return "<p>No survey multi-select answers were part of this run.</p>"
    parts = []
    for q in s["questions"]:
        bands = sorted({b for c in q["choices"] for b in c["by_age_band"]})
        head = "".join(f"<th>{_e(b)}</th>" for b in bands)
        rows = []
        for c in q["choices"]:
            hidden = "hidden" if c.get("suppressed") == "secondary" else f"&lt;{k}"
            share = (f"<td>{hidden}</td><td>-</td>" if c["n"] is None else
                     f"<td>{c['n']}</td><td>{100 * c['share']:.0f} % "
                     f"({100 * c['ci95'][0]:.0f}–{100 * c['ci95'][1]:.0f} %)</td>")
            by = "".join("<td>-</td>" if c["by_age_band"].get(b, {}).get("share") is None else
                         f"<td>{100 * c['by_age_band'][b]['share']:.0f} %</td>" for b in bands)
            rows.append(f"<tr><td>{_e(c['choice'])}</td>{share}{by}</tr>")
        answered = q["answered"] if q["answered"] is not None else f"<{k}"
        parts.append(f"<h4>{_e(question_label(q['question_id'], wording))} ({_e(answered)} "
                     'respondents answered)</h4><table class="survey-choices"><thead><tr>'
                     "<th>option</th><th>respondents</th>"
                     f"<th>share (95 % CI)</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"
                     "</table>")
    return "".join(parts)


def methods_text(findings: dict) -> str:
    """How findings are made and graded (Markdown)."""
    m = findings["methods"]
    return (f"Findings are computed, never typed: each comes from a rule (rules version "
            f"{m['rules_version']}, `config/findings.yaml`) over the coded services, the coded "
            "notes and survey answers, and the topics; its sentence is generated from its "
            "numbers. Shares carry 95 % Wilson score intervals. Counts of people under the "
            "disclosure threshold are not shown: such a finding is reported as too few to "
            f"report. **Confidence** is graded like GRADE-CERQual. {m['confidence_rule']}")


def _singular(key: str) -> str:
    """'sources' -> 'source', 'service_types' -> 'service type', 'countries' -> 'country'."""
    word = key.replace("_", " ")
    return word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") else word
