"""Figures agencies can reuse as they are (issue 12): text SVG with title and description,
data and licence beside each figure, one bundle."""
import json
import zipfile
from xml.etree import ElementTree

import pytest

from pipeline import figures
from pipeline.paths import Outputs


@pytest.fixture()
def drawn(tmp_path, monkeypatch):
    out = Outputs(tmp_path)
    topics = [{"id": i, "label": f"topic {i}", "size": size, "is_outlier": i == -1}
              for i, size in [(-1, 40), (0, 30), (1, 12), (2, None), (3, 4)]]
    findings = {
        "inputs": [{"kind": "services", "title": "Directory A", "licence": "CC0-1.0"},
                   {"kind": "notes", "title": "Survey B", "licence": "CC BY 4.0"}],
        "services": {"by_region": {"Europe": 5, "Africa": 3},
                     "by_channel": {"phone": 7, "=sms": 2}},
        "topics": {"descriptions": topics[:3], "notes": topics}}
    out.findings.parent.mkdir(parents=True)
    out.findings.write_text(json.dumps(findings))
    monkeypatch.chdir(tmp_path)
    return out, figures.run(out)


def test_svg_keeps_text_with_title_and_description(drawn):
    out, index = drawn
    for e in index:
        root = ElementTree.parse(out.figures / e["svg"]).getroot()
        ns = "{http://www.w3.org/2000/svg}"
        assert root.get("role") == "img"
        assert root.find(f"{ns}title").text == e["title"]
        assert root.find(f"{ns}desc").text == e["alt"]
        assert "<text" in (out.figures / e["svg"]).read_text()  # text, not outlines


def test_each_figure_has_exact_data_licence_and_a_description_file(drawn):
    out, index = drawn
    channels = next(e for e in index if e["id"] == "channels_offered")
    assert "=sms" in (out.figures / channels["csv"]).read_text()  # exact, no formula prefix
    for e in index:
        described = json.loads((out.figures / e["json"]).read_text())
        assert described["licence"].startswith("Figure and data: CC BY 4.0")
        assert "Directory A: CC0-1.0" in described["licence"] or "Survey B" in described["licence"]
        assert set(described) >= {"title", "alt", "caption", "source", "licence", "n"}
    notes = next(e for e in index if e["id"] == "topics_notes")
    assert notes["n"] == 42 and "the 2 largest of 4 topics" in notes["alt"]


def test_bundle_holds_every_file_and_a_readme(drawn):
    out, index = drawn
    with zipfile.ZipFile(out.figures_zip) as z:
        names = set(z.namelist())
        assert "README.txt" in names
        assert names >= {e[ext] for e in index for ext in ("png", "svg", "csv", "json")}
        assert "CC BY 4.0" in z.read("README.txt").decode()


def test_a_title_stays_inside_the_figure_beside_long_labels():
    """Long topic labels push the axes right: a title on the axes ran off the figure."""
    import matplotlib.pyplot as plt
    import pandas as pd

    df = pd.DataFrame({"topic": ["1: physical appearance / body especially / negative comments",
                                 "2: check phone / help app / free number"], "documents": [169, 28]})
    fig = figures._bar(df, "topic", "documents", "Largest topics in consultation notes", "notes")
    fig.canvas.draw()
    width = fig.bbox.width
    titles = [t for t in fig.findobj(lambda a: hasattr(a, "get_text"))
              if t.get_text() == "Largest topics in consultation notes"]
    assert titles and all(t.get_window_extent().x1 <= width for t in titles)
    plt.close(fig)
