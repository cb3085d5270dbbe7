"""Each stage's timing record counts the memory of its children too (forked workers, the
notebook kernel), which its own peak does not show (`make bench` reports both)."""
import json
import subprocess
import sys
import textwrap


def test_a_stage_records_its_largest_childs_peak_memory(tmp_path):
    # a fresh interpreter: RUSAGE_CHILDREN counts every child a process has ever waited for
    script = textwrap.dedent(f"""
        import subprocess, sys
        from pipeline import provenance
        from pathlib import Path
        from pipeline.paths import Outputs
        with provenance.stage_timer("code", Outputs(Path({str(tmp_path)!r}))):
            subprocess.run([sys.executable, "-c", "x = b'1' * 300_000_000"],
                           check=True)
        """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    [record] = [json.loads(p.read_text()) for p in tmp_path.rglob("timings/code.json")]
    # (not compared with the stage's own peak: Linux carries a process's peak across exec, so
    # a process started by a large pytest worker reports the worker's peak as its own)
    assert record["peak_child_rss_mib"] > 280 and record["peak_rss_mib"] > 0


def test_the_code_and_package_versions_are_looked_up_once_per_process(monkeypatch):
    """Every table a stage writes records them: asked per table, the bad-input tests spent a
    quarter of their time in ``git`` and package metadata."""
    from importlib import metadata

    from pipeline import provenance

    calls = {"git": 0, "version": 0}
    real_run, real_version = subprocess.run, metadata.version

    def counting_run(cmd, *a, **k):
        calls["git"] += cmd[0] == "git"
        return real_run(cmd, *a, **k)

    def counting_version(name):
        calls["version"] += 1
        return real_version(name)

    monkeypatch.setattr(provenance.subprocess, "run", counting_run)
    monkeypatch.setattr(provenance.metadata, "version", counting_version)
    for cached in (provenance.code_version, provenance._package_versions):
        cached.cache_clear()
    first = [provenance.record() for _ in range(3)]
    assert calls == {"git": 2, "version": len(provenance.PROVENANCE_PACKAGES)}
    assert all(r["packages"] == first[0]["packages"] and r["code_version"] == first[0]["code_version"]
               for r in first)
    first[0]["packages"]["pandas"] = "changed by a caller"
    assert provenance.record()["packages"]["pandas"] != "changed by a caller"
