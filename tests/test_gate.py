"""The privacy gate finds each kind of leak, names file and place, and withdraws outputs."""
import shutil
from pathlib import Path

import pytest

from conftest import make
from pipeline.gate import scan_text
from pipeline.paths import Outputs
from pipeline.pii import PublicFacts

PUBLIC = PublicFacts(names=["kalinga youth line"], numbers={"1098", "448081570123"},
                     urls=[], emails={"help@line.example"})
NEEDLES = [("canary", "CANARY-7f3a9c"), ("respondent ID", "cm89165dj0l9ijy03y4ez79cc"),
           ("replaced personal data", "lena.k.2009@mailbox.example"),
           ("replaced name or place", "Chiamaka")]


@pytest.mark.parametrize("text, kind", [
    ("topic,label\n1,the CANARY-7f3a9c nickname\n", "canary"),
    ('{"id": "cm89165dj0l9ijy03y4ez79cc"}', "respondent ID"),
    ("quote: my friend Chiamaka said", "replaced name or place"),
    ("<p>write to LENA.K.2009@mailbox.example</p>", "replaced personal data"),
    ("<td>R-0042</td>", "respondent pseudonym"),
    ("mail someone.else@private.example now", "e-mail address"),
    ("call me on +34 612 345 678", "phone number"),
])
def test_each_kind_of_leak_is_found_with_its_place(text, kind):
    hits = scan_text(Path("report/x.html"), "line one\n" + text, NEEDLES, PUBLIC, ("ES", "GB"))
    assert kind in {h.kind for h in hits}
    assert {h.kind for h in hits} <= {kind, "e-mail address"}
    assert hits[0].line >= 2 and str(hits[0]).startswith("report/x.html:")
    assert "CANARY-7f3a9c" not in str(hits[0])  # the message masks the value


def test_public_service_contacts_and_ordinary_words_pass():
    text = ("Kalinga Youth Line answers on 1098 and +44 808 157 0123, help@line.example. "
            "Chiamakas and chiamaka-like words are not the name; a topic about games.")
    assert scan_text(Path("f.csv"), text, NEEDLES, PUBLIC, ("GB", "PH")) == []


@pytest.mark.e2e
def test_planted_leak_fails_the_build_and_withdraws_outputs(demo_run, tmp_path):
    out, _ = demo_run
    copy = tmp_path / "leaky"
    shutil.copytree(out, copy, symlinks=True)
    o = Outputs(copy)
    with open(o.figures / "channels_offered.csv", "a", encoding="utf-8") as f:
        f.write("my mate CANARY-7f3a9c,1\n")
    proc = make("report", out=copy, check=False)
    assert proc.returncode != 0
    assert "channels_offered.csv:" in proc.stderr and "canary" in proc.stderr
    assert "privacy gate: 1 leak(s)" in proc.stderr
    assert not o.report.exists() and not o.figures.exists()  # withdrawn
    assert list((o.private / "quarantine").glob("*/figures/channels_offered.csv"))
