"""Robustness of the run (issue 14), end to end on the demo data: a second cold run, stopped
twice in the topics stage (SIGKILL of the stage, then Ctrl-C to the whole process group) and
run again, gives byte for byte the tables, findings.json and figure data of the demo run; two
runs into one folder at once run each stage once.

The second run stops at `make figures` (what is compared) and uses another hash seed than
the demo run, so set or dict order that depended on it would show. It shares the session's
embedding cache (tests/conftest.py): embeddings are checked by tests/test_embeddings.py."""
import fcntl
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import ROOT, make

from pipeline.paths import Outputs

pytestmark = pytest.mark.e2e
SEED = "PYTHONHASHSEED=7"  # the Makefile's is 0


def _start(goal: str, out: Path) -> subprocess.Popen:
    """`make GOAL` in a process group of its own, as a terminal runs it."""
    return subprocess.Popen(["make", "--no-print-directory", "-C", str(ROOT), goal, f"OUT={out}", SEED],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True, env={**os.environ, "HF_HUB_OFFLINE": "1"})


def _run_processes(out: Path) -> dict[int, str]:
    """pid -> command line of every live process working for the run into ``out``."""
    found = {}
    for proc in Path("/proc").iterdir():
        try:
            env = (proc / "environ").read_bytes().split(b"\0")
            if f"PIPELINE_OUT={out}".encode() in env:
                found[int(proc.name)] = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, ValueError):
            continue
    return found


def _stage_pid(out: Path, stage: str, proc: subprocess.Popen, timeout: float = 600) -> int:
    """The pid of ``stage``'s process once it has started."""
    end = time.monotonic() + timeout
    while time.monotonic() < end and proc.poll() is None:
        for pid, cmd in _run_processes(out).items():
            if cmd.split()[-1:] == [stage] and "pipeline" in cmd:
                return pid
        time.sleep(0.1)
    raise AssertionError(f"stage {stage} never started: {proc.communicate()[0][-3000:]}")


def _temporaries(out: Path) -> list[Path]:
    return [p for p in out.rglob(".*.tmp*") if "embeddings" not in p.parts]


@pytest.fixture(scope="module")
def stopped_run(demo_run, tmp_path_factory):
    """The second cold run (see the module doc): what each interruption left, then the run
    to the end."""
    out = tmp_path_factory.mktemp("stopped")
    o = Outputs(out)
    # 1. The topics stage killed outright (SIGKILL: no clean-up of any kind), then a temporary
    #    file planted as a kill in the middle of writing its table leaves one.
    proc = _start("figures", out)
    pid = _stage_pid(out, "topics", proc)
    time.sleep(2)
    os.kill(pid, signal.SIGKILL)
    killed = (proc.wait(timeout=600), proc.stdout.read())
    planted = o.topics.parent / ".topics.parquet.k1ll3d.tmp.parquet"
    planted.write_bytes(b"PAR1 half a table")
    # 2. Ctrl-C: SIGINT to the whole process group while topics runs.
    proc = _start("figures", out)
    _stage_pid(out, "topics", proc)
    time.sleep(2)
    os.killpg(proc.pid, signal.SIGINT)
    code = proc.wait(timeout=60)
    after_ctrl_c = {"code": code, "log": proc.stdout.read(), "alive": _run_processes(out),
                    "topics": o.topics.exists(), "temporaries": _temporaries(out)}
    time.sleep(5)  # anything that went on writing after make exited would show now
    after_ctrl_c["later"] = (_run_processes(out), o.topics.exists())
    # 3. Run again, to the end.
    final = make("figures", SEED, out=out)
    return out, killed, planted, after_ctrl_c, final


def test_a_killed_stage_fails_the_run_and_the_next_run_completes(stopped_run):
    out, (code, log), planted, after_ctrl_c, final = stopped_run
    assert code != 0 and "topics" in log
    # the next run of topics (the one then stopped by Ctrl-C) removed the planted temporary
    assert not planted.exists() and f"removed {planted}" in after_ctrl_c["log"]
    assert Outputs(out).topics.exists() and not _temporaries(out)


def test_ctrl_c_stops_every_stage_and_nothing_is_written_after(stopped_run):
    _, _, _, after, _ = stopped_run
    assert after["code"] != 0 and "[topics] interrupted (SIGINT)" in after["log"], after["log"][-2000:]
    assert after["alive"] == {} and after["later"] == ({}, False)
    assert not after["topics"] and not after["temporaries"]


def _bytes(out: Path) -> dict[str, bytes]:
    """What must not differ between runs: every table, the figure data, findings.json with its
    creation time blanked."""
    o = Outputs(out)
    files = sorted(o.processed.glob("*.parquet")) + sorted(o.interim.glob("*.parquet"))
    files += sorted(o.figures.glob("*.csv"))
    found = {str(p.relative_to(out)): p.read_bytes() for p in files}
    findings = json.loads(o.findings.read_text(encoding="utf-8"))
    findings["provenance"].pop("created")
    found["report/findings.json"] = json.dumps(findings, sort_keys=True).encode()
    return found


def test_two_cold_runs_give_identical_tables_findings_and_figure_data(demo_run, stopped_run):
    first, second = _bytes(demo_run[0]), _bytes(stopped_run[0])
    assert len(first) > 20 and set(first) == set(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_two_runs_into_one_folder_run_each_stage_once(tmp_path):
    """Issue 14: both runs did every stage, renaming outputs over each other's. The second
    now waits for the first (it says so), then finds the work done."""
    out = tmp_path / "out"
    first = _start("dedupe", out)
    lock, end = Outputs(out).lock, time.monotonic() + 120
    while time.monotonic() < end:  # until the first run holds the folder's lock
        if lock.exists():
            with open(lock) as f:
                try:
                    fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    fcntl.flock(f, fcntl.LOCK_UN)
                except BlockingIOError:
                    break
        time.sleep(0.05)
    else:
        first.kill()
        pytest.fail(f"the first run never locked {out}")
    second = make("dedupe", SEED, out=out)
    assert first.wait(timeout=300) == 0
    log = first.stdout.read() + second.stdout + second.stderr
    ran = [line.split()[-1] for line in log.splitlines() if line.startswith(".venv/bin/python -m pipeline")]
    assert sorted(ran) == ["dedupe", "ingest", "standardise"]
    assert f"{out} is in use by another run" in second.stderr


def test_processes_the_tests_start_cannot_reach_the_network(network_log):
    """Issue 14: the end-to-end runs are offline too. A Python process started as the tests
    start `make` (same environment) is refused a connection, and the attempt is logged."""
    import sys

    code = ("import socket, urllib.request\n"
            "for call in (lambda: socket.create_connection(('pypi.org', 443), timeout=2),\n"
            "             lambda: socket.socket().connect(('93.184.215.14', 80)),\n"
            "             lambda: urllib.request.urlopen('https://huggingface.co', timeout=2)):\n"
            "    try:\n        call()\n    except OSError as e:\n        print(e)\n")
    before = network_log.read_text()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd="/", timeout=60).stdout
    assert out.count("network blocked in tests") == 3, out
    assert network_log.read_text().count("\n") - before.count("\n") == 3
    network_log.write_text(before)


def test_the_runs_made_no_network_attempt(demo_run, stopped_run, network_log):
    assert network_log.read_text() == ""
