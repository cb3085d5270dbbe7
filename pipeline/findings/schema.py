"""The JSON Schema of ``report/findings.json`` and the check every build runs before writing it.

The schema (JSON Schema draft 2020-12) is :data:`pipeline.paths.FINDINGS_SCHEMA`
(``pipeline/findings/findings.schema.json``): every key findings.json has, with types, ranges
(shares and intervals in [0, 1]), patterns (finding IDs, evidence hashes, segment and quote IDs)
and controlled values (kinds, confidence grades, review statuses). Objects with fixed keys
reject unknown ones, so a key renamed in the code without the schema fails the build rather
than the figures or the report. Validation uses the ``jsonschema`` package.
"""
from __future__ import annotations

import json
from functools import cache
from itertools import islice

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from pipeline import paths
from pipeline.schema import TableError

MAX_LISTED = 20  # problems printed; the count says how many more


class FindingsSchemaError(TableError):
    """findings.json does not match its schema: the message names each JSON path (``$.findings
    [3].confidence.grade``) and what is wrong there. A :class:`~pipeline.schema.TableError`, so
    the CLI reports it in one block like any output that does not match its declaration."""


@cache
def validator() -> Draft202012Validator:
    """The compiled validator of :data:`pipeline.paths.FINDINGS_SCHEMA` (the schema itself is
    checked first: ``jsonschema.exceptions.SchemaError`` if it is not a valid draft 2020-12
    schema)."""
    schema = json.loads(paths.FINDINGS_SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def problems(findings: dict) -> list[str]:
    """``"<JSON path>: <what is wrong>"`` for every place ``findings`` breaks the schema, in
    document order; empty when it is valid. Where several alternatives failed (``oneOf``), the
    most specific reason is given."""
    out = []
    for error in sorted(validator().iter_errors(findings), key=_document_order):
        error = best_match(error.context) if error.context else error
        out.append(f"{error.json_path}{_which_finding(findings, error.absolute_path)}: "
                   f"{error.message}")
    return out


def _which_finding(findings: dict, path) -> str:
    """' (finding ING.delivery.free)' for a path inside ``findings[i]`` that has an ID."""
    path = list(path)
    if len(path) > 1 and path[0] == "findings" and isinstance(path[1], int):
        found = findings["findings"][path[1]]
        if isinstance(found, dict) and isinstance(found.get("id"), str) and path[2:] != ["id"]:
            return f" (finding {found['id']})"
    return ""


def _document_order(error) -> list[tuple[int, int | str]]:
    """Sort key of an error's path: list indexes numerically, keys by name."""
    return [(0, p) if isinstance(p, int) else (1, p) for p in error.absolute_path]


def validate(findings: dict, target=None) -> None:
    """Raise :class:`FindingsSchemaError` if ``findings`` (the dict the findings stage is about
    to write to ``target``) does not match the schema; the message lists the first
    :data:`MAX_LISTED` problems by JSON path. Nothing is written either way."""
    found = problems(findings)
    if not found:
        return
    schema = paths.FINDINGS_SCHEMA.relative_to(paths.ROOT)
    listed = "\n".join(f"  {p}" for p in islice(found, MAX_LISTED))
    more = f"\n  ... and {len(found) - MAX_LISTED} more" if len(found) > MAX_LISTED else ""
    raise FindingsSchemaError(
        f"{target or 'findings.json'} does not match its schema {schema} ({len(found)} "
        f"problem(s); nothing written). Fix the code that builds it, or the schema if the "
        f"change is intended:\n{listed}{more}")
