"""`make test` builds each end-to-end run once: every test reading the demo run (or the shared
run) is sent to the same pytest-xdist worker (tests/conftest.py, pytest_collection_modifyitems)."""
import os
import subprocess
import sys
from collections import defaultdict

import pytest
from conftest import ROOT

RECORD = "XDIST_GROUPS_RECORD"


@pytest.mark.parametrize("run", ["demo_run", "shared_run", None])
@pytest.mark.parametrize("i", range(6))
def test_worker_of(run, i):
    """Run only by the test below (in a child pytest): records which worker ran it."""
    if not os.environ.get(RECORD):
        pytest.skip("a probe for test_tests_of_one_run_share_a_worker")
    with open(os.environ[RECORD], "a", encoding="utf-8") as f:
        f.write(f"{run} {os.environ.get('PYTEST_XDIST_WORKER', '-')}\n")


def test_tests_of_one_run_share_a_worker(tmp_path):
    record = tmp_path / "workers.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2",
         "--dist", "loadgroup", f"{__file__}::test_worker_of"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, RECORD: str(record)})
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    workers = defaultdict(set)
    for line in record.read_text(encoding="utf-8").splitlines():
        run, worker = line.split()
        workers[run].add(worker)
    assert sum(1 for _ in record.read_text().splitlines()) == 18
    assert len(workers["demo_run"]) == 1 and len(workers["shared_run"]) == 1, dict(workers)
