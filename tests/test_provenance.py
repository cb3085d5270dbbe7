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
