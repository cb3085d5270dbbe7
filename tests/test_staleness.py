"""Staleness by content, per stage: what reruns after an edit (end to end, on a copy of the
demo run, so each case starts from the same built state)."""
import os
import re

import pytest
import yaml
from conftest import ROOT, copy_run, make

from pipeline import stages

pytestmark = pytest.mark.e2e
DOWNSTREAM_OF_FIGURES = {"figures", "render", "gate"}


def _ran(proc) -> set[str]:
    return set(re.findall(r"-m pipeline (\w+)", proc.stdout)) - {"stamp"}


@pytest.fixture
def built(demo_run, tmp_path):
    """A copy of the demo run's outputs with their modification times."""
    return copy_run(demo_run[0], tmp_path / "out")


def _config_copy(tmp_path, name: str, edit=None):
    data = yaml.safe_load((ROOT / "config" / name).read_text(encoding="utf-8"))
    if edit:
        edit(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_noop_and_touched_files_rerun_nothing(built, tmp_path):
    assert _ran(make("report", out=built)) == set()
    for f in ("pipeline/topics.py", "config/codebook.yaml", "config/params.yaml",
              "data/raw/demo/notes.csv"):
        os.utime(ROOT / f)  # touched, not changed
    assert _ran(make("report", out=built)) == set()


def test_editing_figures_dpi_reruns_figures_and_what_follows_only(built, tmp_path):
    params = _config_copy(tmp_path, "params.yaml", lambda d: d["figures"].update(dpi=120))
    ran = _ran(make("report", out=built, extra_env={"PARAMS": str(params)}))
    assert ran == DOWNSTREAM_OF_FIGURES


def test_editing_a_codebook_cue_reruns_coding_and_what_follows_never_topics(built, tmp_path):
    def add_cue(data):
        dim = next(d for d in data["dimensions"] if d["id"] == "channel")
        dim["codes"][0]["patterns"].append(r"\bring us\b")
    codebook = _config_copy(tmp_path, "codebook.yaml", add_cue)
    ran = _ran(make("report", out=built, extra_env={"CODEBOOK": str(codebook)}))
    assert ran == {"code", "exports", "review", "findings", "hsds"} | DOWNSTREAM_OF_FIGURES
    assert not ran & {"ingest", "standardise", "dedupe", "privacy", "topics"}


def test_every_stage_has_a_stamp_after_a_run(built):
    for s in stages.STAGES:
        assert (built / s.stamp).exists()
