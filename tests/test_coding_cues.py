"""Service coding cues and matcher rules (issue 9, coding quality): weak evidence, phrases that
contain a cue without being evidence, hyphenated forms, and a new user's obvious services.
Every text here is project-written and illustrative, in several languages."""
import pytest

from pipeline.codebook import Code, Dimension, code_record, codes_found, load_codebook, match_dimension


def _dimension(*codes) -> Dimension:
    base = {"label": "x", "definition": "d", "source": "s"}
    return Dimension(id="t", label="t", source="s", search_fields=["description"],
                     codes=[dict(base, **c) for c in codes])


def test_weak_evidence_counts_only_where_no_other_code_has_evidence_of_its_own():
    dim = _dimension({"id": "TT01", "slug": "line", "cues": {"en": ["helpline"]}},
                     {"id": "TT02", "slug": "crisis", "cues": {"en": ["suicide"]},
                      "weak": {"cues": {"en": ["emotional support"]}, "fields": ["phones"]}})
    both = {"description": "A helpline offering emotional support.", "phones": ["116"]}
    assert codes_found(dim, both) == ["line"]
    alone = {"description": "Emotional support by phone.", "phones": ["116"]}
    assert codes_found(dim, alone) == ["crisis"]
    strong = {"description": "A helpline for people thinking of suicide; emotional support."}
    assert codes_found(dim, strong) == ["line", "crisis"]


def test_evidence_cannot_be_both_weak_and_strong():
    with pytest.raises(ValueError, match="both weak and not"):
        Code(id="TT01", slug="x", label="x", definition="d", source="s",
             cues={"en": ["chat"]}, weak={"cues": {"en": ["chat"]}})


def test_a_cue_inside_a_not_in_phrase_is_not_evidence():
    dim = _dimension({"id": "TT01", "slug": "phone", "cues": {"en": ["call"]},
                      "not_in": [r"\bvideo[- ]?calls?\b"]})
    assert codes_found(dim, {"description": "Counselling by video call in sign language."}) == []
    assert codes_found(dim, {"description": "Video calls or a call to our number."}) == ["phone"]


@pytest.mark.parametrize("text", ["In-person counselling", "In person counselling",
                                  "Consultation en face-à-face", "Beratung face to face"])
def test_hyphenated_and_spaced_forms_match_the_same_cue(text):
    cb = load_codebook()
    record = {"description": "", "channel_labels": [text]}
    [ev] = [e for e in match_dimension(cb.dimension("channel"), record, cb.negation)
            if e.code_id == "CH09"]
    assert text[ev.start:ev.end] == ev.text and ev.text.lower().replace("-", " ") in (
        "in person", "face à face", "face to face")
