"""The bench's check that no topic's top five terms name a service, an organisation or a
place (issue 10), on a small output folder written here."""
from __future__ import annotations

import sys

import pandas as pd

from pipeline.paths import ROOT, Outputs

sys.path.insert(0, str(ROOT / "scripts"))
import topics_eval  # noqa: E402


def _folder(tmp_path, terms: list[list[str]]):
    o = Outputs(tmp_path)
    o.processed.mkdir(parents=True)
    pd.DataFrame({"service_id": ["s1", "s2"], "name": ["Awel Helpline", "Kids Line"],
                  "organization_name": ["Awel vzw", "Child Care Trust"],
                  "description": ["Awel listens to every child by chat, with care.",
                                  "A helpline line for children in Vilnius; call us."]}
                 ).to_parquet(o.services)
    pd.DataFrame({"note_id": ["n1"], "text": ["the chat helped"], "text_en": [""],
                  "is_non_answer": [False], "question_id": ["q"]}).to_parquet(o.notes)
    pd.DataFrame({"corpus": "descriptions", "topic_id": range(len(terms)), "terms": terms,
                  "label": [" / ".join(t[:2]) for t in terms], "is_outlier": False}
                 ).to_parquet(o.topics)
    return tmp_path


def test_terms_naming_a_service_or_a_town_are_found_and_common_words_of_names_are_not(tmp_path):
    out = _folder(tmp_path, [["chat", "children", "awel", "listen", "line"],
                             ["helpline", "vilnius", "call", "child", "care"],
                             ["kids line", "chat", "call", "listen", "children"],
                             ["chat", "call", "children", "listen", "support", "awel"]])
    found = topics_eval.names_in_top_terms(out)["descriptions"]
    # 'awel' (a name word never written in lower case), 'vilnius' (a town of GeoNames, only
    # capitalised here), 'kids line' (a whole service name); 'child', 'helpline', 'care' are
    # words of names the corpus also writes in lower case; the sixth term is not in the top five
    assert sorted(term for _, term in found) == ["awel", "kids line", "vilnius"]
