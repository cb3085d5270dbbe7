"""Confidence in a finding, graded like GRADE-CERQual.

GRADE-CERQual (Lewin et al. 2018, *Implementation Science* 13:2) is the standard for
confidence in findings of qualitative evidence syntheses. It judges four components and
combines them into High / Moderate / Low / Very low. Here each component is computed from the
finding's evidence, with thresholds in ``params.findings.confidence``:

- **adequacy**: enough data. A concern when fewer than ``adequacy_min_n`` services, countries
  or respondents stand behind the finding, or when its evidence comes from fewer than
  ``adequacy_min_sources`` submissions.
- **coherence**: the finding holds across groups (UN M49 regions for services, survey language
  areas for respondents). Groups with fewer than ``coherence_min_group_n`` units are not
  compared. A concern when the largest and smallest share differ by more than
  ``coherence_max_spread``. With fewer than two groups to compare it is not assessable, which
  is not counted as a concern (adequacy covers small data).
- **methodological limitations**: how the evidence was coded. A concern when less than
  ``min_reviewed_share`` of it was coded or checked by people (advisors' review, or
  respondents' own ticked answers) rather than by codebook rules alone. Findings computed from
  submitted structured fields (ages, dates, countries) have no coding step to doubt.
- **relevance**: the evidence is about children and young people. A concern when less than
  ``relevance_min_share`` of the services are stated to be for children or young people (or
  are child helplines), or of respondents are in the project's age scope.

**Combination rule** (:data:`RULE`): start at High; go one level down per component with a
concern; Very low is the floor.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.config import ConfidenceParams

LEVELS = ("High", "Moderate", "Low", "Very low")
RULE = ("Each finding starts at High confidence and goes one level down (Moderate, Low, Very "
        "low) for each GRADE-CERQual component with a concern: adequacy (too few services, "
        "countries or respondents, or a single source), coherence (shares differ widely across "
        "regions or language areas), methodological limitations (evidence coded by rules and not "
        "yet checked by people) and relevance (evidence mostly not about children and young "
        "people).")


@dataclass
class Assessment:
    """What the grade is computed from, for one finding.

    ``n``: units behind the finding (services, countries or respondents; ``unit`` names them);
    ``sources``: distinct submissions in its evidence; ``groups``: group -> (n, of) in that
    group, ``group_kind`` names the groups; ``reviewed``: share of evidence coded or checked by
    people (None: computed from structured fields); ``relevant``: share of evidence about
    children and young people, ``relevant_what`` says of what."""

    n: int
    unit: str
    sources: int
    groups: dict[str, tuple[int, int]] = field(default_factory=dict)
    group_kind: str = "regions"
    reviewed: float | None = None
    relevant: float = 1.0
    relevant_what: str = "services"


def _component(concern: bool, reason: str) -> dict:
    return {"concern": bool(concern), "reason": reason}


def adequacy(a: Assessment, p: ConfidenceParams) -> dict:
    few, single = a.n < p.adequacy_min_n, a.sources < p.adequacy_min_sources
    reason = f"{a.n} {a.unit} from {a.sources} source(s)"
    if few:
        reason += f"; fewer than {p.adequacy_min_n}"
    if single:
        reason += f"; fewer than {p.adequacy_min_sources} sources"
    return _component(few or single, reason)


def coherence(a: Assessment, p: ConfidenceParams) -> dict:
    shares = {g: n / of for g, (n, of) in a.groups.items() if of >= p.coherence_min_group_n}
    if len(shares) < 2:
        return _component(False, f"not assessable: fewer than two {a.group_kind} with at least "
                                 f"{p.coherence_min_group_n} {a.unit}")
    spread = max(shares.values()) - min(shares.values())
    reason = (f"shares range from {min(shares.values()):.0%} to {max(shares.values()):.0%} "
              f"across {len(shares)} {a.group_kind}")
    return _component(spread > p.coherence_max_spread, reason)


def methodological_limitations(a: Assessment, p: ConfidenceParams) -> dict:
    if a.reviewed is None:
        return _component(False, "computed from submitted structured fields, not coded")
    concern = a.reviewed < p.min_reviewed_share
    reason = f"{a.reviewed:.0%} of the evidence coded or checked by people"
    return _component(concern, reason + ("; the rest by codebook rules only" if concern else ""))


def relevance(a: Assessment, p: ConfidenceParams) -> dict:
    return _component(a.relevant < p.relevance_min_share,
                      f"{a.relevant:.0%} of the {a.relevant_what} are about children or young people")


def grade(a: Assessment, p: ConfidenceParams) -> dict:
    """``{"grade": "High"|"Moderate"|"Low"|"Very low", "concerns": int, "components":
    {component: {"concern": bool, "reason": str}}}`` by the rule in :data:`RULE`."""
    components = {"adequacy": adequacy(a, p), "coherence": coherence(a, p),
                  "methodological_limitations": methodological_limitations(a, p),
                  "relevance": relevance(a, p)}
    concerns = sum(c["concern"] for c in components.values())
    return {"grade": LEVELS[min(concerns, len(LEVELS) - 1)], "concerns": concerns,
            "components": components}
