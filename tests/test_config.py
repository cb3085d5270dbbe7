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
