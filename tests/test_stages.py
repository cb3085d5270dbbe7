"""The stage registry is the one declaration of each stage: Make rules, `make help`, the CLI,
the README's stage table and the content stamps all derive from it."""
import re
import subprocess

import pytest
from conftest import ROOT

from pipeline import cli, config, stages


def test_stages_mk_is_generated_from_the_registry():
    assert (ROOT / "stages.mk").read_text(encoding="utf-8") == stages.render_makefile(), \
        "stages.mk is stale: run `make makefile`"


def test_readme_stage_table_is_the_registry():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert stages.render_stage_table() in readme, \
        "README's stage table differs from pipeline/stages.py (render_stage_table())"


def test_make_help_lists_every_stage_and_verb_once():
    text = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "help"],
                          capture_output=True, text=True, check=True).stdout
    listed = re.findall(r"^  (\S+)\s", text, flags=re.M)
    assert sorted(listed) == sorted([s.name for s in stages.STAGES] + list(stages.VERBS))
    for s in stages.STAGES:
        assert s.help in text


def test_every_stage_runs_from_the_cli():
    with pytest.raises(SystemExit):
        cli.main(["no-such-stage"])
    for s in stages.STAGES:
        assert s.module.startswith("pipeline.")
        assert set(s.reads) <= set(stages.producers()), f"{s.name} reads a table nobody writes"


def test_code_dependencies_are_found_from_imports():
    privacy = stages.stage_code(stages.stage("privacy"))
    assert "pipeline/pii/recognisers.py" in privacy and "pipeline/normalise.py" in privacy
    topics = stages.stage_code(stages.stage("topics"))
    assert "pipeline/topics.py" in topics and "pipeline/coding.py" not in topics


def test_a_stage_reading_an_undeclared_parameter_section_fails():
    with config.params_sections("dedupe", ("linkage",)):
        params = config.load_params()
        assert params.linkage.window >= 3
        with pytest.raises(config.ConfigError, match="reads params.topics"):
            params.topics  # noqa: B018
    assert config.load_params().topics.min_docs  # outside a stage: everything


def test_every_file_an_adapter_reads_is_a_stamped_input(tmp_path, monkeypatch):
    """Editing a survey's answer dictionary or an HSDS sub-table must rerun ingest."""
    from pipeline import stamp

    (tmp_path / "answers.csv").write_text("short_id,original,lang,en,ATYPE\n", encoding="utf-8")
    (tmp_path / "survey.csv").write_text("id\n1\n", encoding="utf-8")
    (tmp_path / "phone.csv").write_text("id,service_id,number\n", encoding="utf-8")
    (tmp_path / "datapackage.json").write_text(
        '{"resources": [{"name": "phone", "path": "phone.csv"}]}', encoding="utf-8")
    origin = "origin: {title: t, submitter: s, licence: CC0-1.0}"
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "label: t\nsources:\n"
        f"  - id: dir\n    adapter: hsds_datapackage\n    path: {tmp_path}/datapackage.json\n"
        f"    {origin}\n"
        f"  - id: survey\n    adapter: survey_wide_csv\n    path: {tmp_path}/survey.csv\n"
        f"    {origin}\n    options: {{answer_dictionary: {tmp_path}/answers.csv}}\n",
        encoding="utf-8")
    monkeypatch.setenv("PIPELINE_SOURCES", str(sources))
    before = stamp.raw_inputs()
    assert str(tmp_path / "answers.csv") in before["raw"]["survey"]
    assert str(tmp_path / "phone.csv") in before["raw"]["dir"]
    (tmp_path / "phone.csv").write_text("id,service_id,number\np,s,116111\n", encoding="utf-8")
    assert stamp.raw_inputs() != before
