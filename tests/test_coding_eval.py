"""The coding-quality script (scripts/coding_eval.py, issue 9's figures) scores every
hand-coded record, including records that dedupe merged into one service."""
from __future__ import annotations

import sys

import pandas as pd

from pipeline.paths import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import coding_eval  # noqa: E402


def test_each_key_of_a_merged_service_gets_the_services_codes():
    services = pd.DataFrame({"service_id": ["svc-1", "svc-2"], "source_ids": [
        ["demo:CS-007", "demo:AG-009", "other:9"], ["demo:TC-001"]]})
    segments = pd.DataFrame({"service_id": ["svc-1", "svc-2"], "dimension": ["channel", "channel"],
                             "code": ["phone", "webchat"]})
    pred = coding_eval.predicted(services, segments, "demo")
    assert sorted(pred) == ["AG-009", "CS-007", "TC-001"]
    assert pred["AG-009"]["channel"] == pred["CS-007"]["channel"] == {"phone"}
    assert pred["TC-001"]["channel"] == {"webchat"}
