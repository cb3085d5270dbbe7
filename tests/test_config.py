"""Configuration is validated on load: unknown keys are errors naming the file."""
import pytest
import yaml

from pipeline.config import ConfigError, load_params, load_sources


def test_misspelled_parameter_is_an_error(tmp_path):
    p = tmp_path / "params.yaml"
    p.write_text("seed: 1\nnotes: {survey_free_text: [a]}\ntopcis: {}\n")
    with pytest.raises(ConfigError, match=r"params.yaml: topcis: Extra inputs"):
        load_params(p)


def test_sources_need_known_adapters_and_unique_ids(tmp_path):
    p = tmp_path / "sources.yaml"
    p.write_text(yaml.safe_dump({"label": "x", "sources": [
        {"id": "a", "adapter": "services_table", "path": "x.csv"},
        {"id": "a", "adapter": "services_table", "path": "y.csv"}]}))
    with pytest.raises(ConfigError, match="duplicate source ids"):
        load_sources(p)
    p.write_text(yaml.safe_dump({"label": "x", "sources": [
        {"id": "a", "adapter": "pdf_scraper", "path": "x.pdf"}]}))
    with pytest.raises(ConfigError, match="adapter"):
        load_sources(p)


def test_source_without_origin_is_an_error(tmp_path):
    p = tmp_path / "sources.yaml"
    (tmp_path / "s.csv").write_text("id,name\n")
    p.write_text(yaml.safe_dump({"label": "x", "sources": [
        {"id": "a", "adapter": "services_table", "path": str(tmp_path / "s.csv")}]}))
    with pytest.raises(ConfigError, match="no origin record"):
        load_sources(p).sources[0].resolved_origin()


def test_shipped_configs_load():
    from pathlib import Path

    from pipeline import paths
    for f in ("sources.yaml", "sources.shared.yaml"):
        cfg = load_sources(Path(paths.CONFIG / f))
        assert cfg.sources
    assert load_params().disclosure.min_cell_count == 10


@pytest.mark.parametrize("line, key", [
    ("topics: {min_docs: '30'}", "topics.min_docs"), ("seed: '42'", "seed"),
    ("figures: {dpi: 150.0}", "figures.dpi"),
    ("scope: {survey_finished_only: 'no'}", "scope.survey_finished_only"),
    ("notes: {survey_free_text: [a], untranslated_is_non_answer: 1}",
     "notes.untranslated_is_non_answer"),
    ("linkage: {weights: {name: '0.6'}}", "linkage.weights.name"),
])
def test_a_parameter_of_the_wrong_type_is_an_error_naming_the_key(tmp_path, line, key):
    p = tmp_path / "params.yaml"
    notes = "" if line.startswith("notes") else "notes: {survey_free_text: [a]}\n"
    p.write_text(notes + line + "\n")
    with pytest.raises(ConfigError, match=rf"params.yaml: {key}: Input should be a valid"):
        load_params(p)


def test_numbers_and_switches_written_as_such_are_accepted(tmp_path):
    p = tmp_path / "params.yaml"
    p.write_text("notes: {survey_free_text: [a]}\nlinkage: {threshold: 1}\n"
                 "scope: {survey_finished_only: no}\n")  # YAML's bare no is a boolean
    params = load_params(p)
    assert params.linkage.threshold == 1.0 and params.scope.survey_finished_only is False


def test_broken_yaml_is_one_line_naming_file_line_and_column(tmp_path):
    p = tmp_path / "params.yaml"
    p.write_text("seed: 1\ntopics:\n  min_topic_size: [5\n")
    with pytest.raises(ConfigError) as e:
        load_params(p)
    message = str(e.value)
    assert message.startswith(f"{p}:4:1: cannot be read as YAML"), message
    assert "\n" not in message and "<unicode string>" not in message


@pytest.mark.parametrize("sources", ["config/sources.yaml", "config/sources.shared.yaml",
                                     "config/local/agency_x.yaml"])
def test_output_folder_defaults_per_sources_file_in_make_and_python(sources, monkeypatch):
    """Another sources file without OUT never overwrites the demo report (issue 12)."""
    import subprocess

    from pipeline import paths

    monkeypatch.delenv("PIPELINE_OUT", raising=False)
    monkeypatch.setenv("PIPELINE_SOURCES", sources)
    dry = subprocess.run(["make", "-s", "-n", "-C", str(paths.ROOT), "clean", f"SOURCES={sources}"],
                         capture_output=True, text=True, check=True).stdout
    make_out = (paths.ROOT / dry.split()[2]).resolve().parents[1]  # rm -rf OUT/data/interim ...
    assert make_out == paths.out_root().resolve()
    assert (make_out == paths.ROOT) == (sources == paths.DEFAULT_SOURCES)
