"""Command-line entry: ``python -m pipeline STAGE`` (or the ``pipeline`` console script).

Stages run in Make order: stamp, ingest, clean, dedupe, privacy, code, topics, findings, figures,
hsds, report, gate. Errors in configuration or input files print one clear line naming the file and the
problem and exit with status 2; nothing half-written is left behind (outputs are written to a
temporary file and renamed).
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach a model hub
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

STAGES = {
    "stamp": ("pipeline.stamp", "Record which inputs this run uses (rewritten only on change)"),
    "ingest": ("pipeline.ingest", "Read every raw submission into tidy interim tables"),
    "clean": ("pipeline.clean", "Validate and normalise services; reject with reasons"),
    "dedupe": ("pipeline.dedupe", "Link and merge the same service submitted twice"),
    "privacy": ("pipeline.privacy", "Pseudonymise consultation notes before any analysis"),
    "code": ("pipeline.coding", "Apply the codebook to every service, with evidence"),
    "topics": ("pipeline.topics", "BERTopic over descriptions and notes"),
    "findings": ("pipeline.findings", "Write report/findings.json"),
    "figures": ("pipeline.figures", "Draw figures with the data behind them"),
    "hsds": ("pipeline.hsds", "Export the directory as an HSDS 3.0 data package"),
    "report": ("pipeline.report", "Render the report notebook to HTML and PDF"),
    "gate": ("pipeline.gate", "Privacy gate: fail if personal data reached a published file"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pipeline", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stage", choices=list(STAGES),
                        help="; ".join(f"{k}: {v[1]}" for k, v in STAGES.items()))
    args = parser.parse_args(argv)

    from pipeline import io as pio
    from pipeline.config import ConfigError
    from pipeline.paths import outputs
    from pipeline.schema import TableError

    out = outputs()
    try:
        module = importlib.import_module(STAGES[args.stage][0])
        if args.stage == "stamp":
            module.run(out)
        else:
            with pio.stage_timer(args.stage, out):
                module.run(out)
    except (ConfigError, TableError, OSError) as e:  # OSError: e.g. OUT not writable
        where = f"{e.filename}: {e.strerror}" if isinstance(e, OSError) and e.filename else e
        print(f"error: {where}", file=sys.stderr)
        try:
            _withdraw_published(args.stage, out)
        except OSError:
            pass
        return 2
    except BaseException:
        _withdraw_published(args.stage, out)
        raise
    return 0


def _withdraw_published(stage: str, out) -> None:
    """After a failed data stage the inputs have changed (the stamp is new) but report/ and
    figures/ still show the last run: remove them rather than leave a stale report that looks
    valid. (The stamp stage fails before recording anything; the gate quarantines itself.)"""
    import shutil

    if stage in ("stamp", "gate"):
        return
    removed = [d for d in (out.report, out.figures) if d.exists()]
    for d in removed:
        shutil.rmtree(d)
    if removed:
        print(f"error: published outputs from the previous run removed ({', '.join(map(str, removed))}): "
              "they no longer match the inputs", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
