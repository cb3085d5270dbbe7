"""Shared fixtures. Tests make no network connection beyond loopback (pytest-socket, see
pyproject addopts); the pipeline itself runs with HF_HUB_OFFLINE=1."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from _pytest.nodeid import NodeId  # pytest 9.2's node ID (see the grouping hook)

from pipeline import paths

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = paths.ROOT
# Every Python process the tests start (make, each stage, the notebook kernel) blocks network
# connections beyond loopback (tests/offline/sitecustomize.py); pytest-socket guards this one.
OFFLINE = ROOT / "tests" / "offline"
USER_EMBEDDINGS = os.environ.get("PIPELINE_EMBEDDINGS")  # a cache kept across sessions, if set
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(OFFLINE)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])
# Under pytest-xdist every worker runs its own pipeline runs, side by side on the same cores: each
# run gets its share (PIPELINE_CPUS, pipeline.workers.cpus), so that its stages neither run
# side by side (the Makefile's JOBS) nor fork workers onto cores already busy. Measured on
# 2 cores: make test 11 min 30 s with every run using both cores.
if os.environ.get("PYTEST_XDIST_WORKER_COUNT") and not os.environ.get("PIPELINE_CPUS"):
    os.environ["PIPELINE_CPUS"] = str(max(1, (os.cpu_count() or 1)
                                          // int(os.environ["PYTEST_XDIST_WORKER_COUNT"])))


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist (`make test`: ``--dist loadgroup``) the tests that read one session
    run (:func:`demo_run`, :func:`shared_run`, directly, through another fixture or as the
    ``run`` parameter) go to one worker, so each run is built once, not once per worker.

    xdist (3.8) groups tests by an ``@group`` suffix it appends to ``item._nodeid`` in its own
    hook of this name; since pytest 9.2 the node ID is derived from ``item._id`` instead, so
    the suffix was lost and every run was built on both workers (measured: the demo and
    shared runs and the bully run twice each, about 15 of 28 minutes). The suffix is set here,
    the way xdist meant it, before xdist's hook runs (``tryfirst``). Checked by
    tests/test_xdist_groups.py."""
    loadgroup = config.getvalue("loadgroup") if hasattr(config.option, "loadgroup") else False
    for item in items:
        names = set(item.fixturenames)
        if hasattr(item, "callspec"):
            names.add(item.callspec.params.get("run"))
        group = next((run for run in ("shared_run", "demo_run") if run in names), None)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))
            if loadgroup and not item.nodeid.endswith(f"@{group}"):
                item._id = NodeId.parse(f"{item.nodeid}@{group}")


@pytest.fixture(autouse=True)
def all_cores_in_process(request, monkeypatch):
    """Unit and stage tests run the worker paths as a user's run does (all cores); only the
    end-to-end runs keep their share of the cores (above)."""
    if request.node.get_closest_marker("e2e") is None:
        monkeypatch.delenv("PIPELINE_CPUS", raising=False)


def shared_available() -> bool:
    return paths.SHARED_DATA.is_dir()


def require_shared():
    """Skip without ../shared/data, except under CI, where its absence is a failure."""
    if not shared_available():
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {paths.SHARED_DATA} is missing")
        pytest.skip("../shared/data is absent")


# What wrong_review_files writes, and the reason each file is rejected with.
WRONG_FILES = {"A1.csv": "wrong_file_type", "B2.xlsx": "wrong_file_type",
               "with space.xlsx": "bad_file_name", "C3.xlsx": "not_a_review_sheet",
               "D4.xlsx": "bad_header"}


def wrong_review_files(folder: Path, pack: Path, sheet: str, other: str) -> None:
    """Returned files a review import must reject whole (:data:`WRONG_FILES`), made from the
    pack ``pack`` whose sheet ``sheet`` is read (renamed ``other`` in C3.xlsx), and an Excel
    lock file it must ignore."""
    from openpyxl import load_workbook

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "A1.csv").write_text("ID,decision\n", encoding="utf-8")
    (folder / "B2.xlsx").write_bytes(b"not a zip")
    (folder / "~$A1.xlsx").write_bytes(b"Excel lock file")  # ignored
    (folder / "with space.xlsx").write_bytes(pack.read_bytes())
    wb = load_workbook(pack)
    wb[sheet].title = other
    wb.save(folder / "C3.xlsx")
    wb = load_workbook(pack)
    wb[sheet].insert_cols(2)
    wb.save(folder / "D4.xlsx")


def make(*args: str, out: Path, sources: str = "config/sources.yaml", check: bool = True,
         extra_env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", **(extra_env or {})}
    cmd = ["make", "--no-print-directory", "-C", str(ROOT), *args, f"OUT={out}",
           f"SOURCES={sources}"]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=1800)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed ({proc.returncode}):\n"
                             f"{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
    return proc


@pytest.fixture(scope="session", autouse=True)
def embedding_cache(tmp_path_factory):
    """One embedding cache for every output root of the session (``make`` runs inherit it), so
    each text is embedded once per session. Set PIPELINE_EMBEDDINGS to keep one across sessions.

    Under pytest-xdist every worker uses the same folder, beside the workers' own temporary
    roots: each text is embedded once per run, not once per worker. The cache is safe for
    several processes (content-named shards written atomically: :mod:`pipeline.embeddings`)."""
    if not USER_EMBEDDINGS:
        os.environ["PIPELINE_EMBEDDINGS"] = str(session_cache_dir(tmp_path_factory, "embeddings"))
    return Path(os.environ["PIPELINE_EMBEDDINGS"])


def session_cache_dir(tmp_path_factory, name: str) -> Path:
    """``name`` under the test run's temporary root: one folder per pytest worker process, or,
    under pytest-xdist, one folder shared by all workers of the run (the parent of their
    roots, which pytest creates fresh for each run)."""
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session", autouse=True)
def network_log(tmp_path_factory):
    """The file where test subprocesses record each blocked network attempt (empty: none)."""
    log = tmp_path_factory.mktemp("network") / "blocked.log"
    log.touch()
    os.environ["PIPELINE_NETWORK_LOG"] = str(log)
    return log


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory):
    """One full `make report` on the project's demo data, in a temporary output root."""
    out = tmp_path_factory.mktemp("demo")
    proc = make("report", out=out)
    return out, proc


def spy_workers(monkeypatch) -> list[bool]:
    """Record whether each :func:`pipeline.workers.ordered_map` call ran on workers."""
    from pipeline import workers

    calls, real = [], workers.ordered_map
    monkeypatch.setattr(workers, "ordered_map", lambda fn, tasks, in_parallel:
                        calls.append(in_parallel) or real(fn, tasks, in_parallel))
    return calls


def copy_run(run: Path, out: Path) -> Path:
    """A copy of a session run's output root at ``out``, modification times kept, so ``make``
    there reruns only what a test changes (a cold run costs minutes)."""
    shutil.copytree(run, out, copy_function=shutil.copy2, symlinks=True)
    return out


@pytest.fixture(scope="session")
def shared_run(tmp_path_factory):
    """One full `make report` on ../shared/data, in a temporary output root."""
    require_shared()
    out = tmp_path_factory.mktemp("shared")
    proc = make("report", out=out, sources="config/sources.shared.yaml")
    return out, proc
