"""Command-line entry: ``python -m pipeline STAGE`` (or the ``pipeline`` console script).

The stages are those of :mod:`pipeline.stages`, run by Make in that order after ``stamp``.
A stage may read only the parameter sections it declares there. Errors in configuration or
input files print one clear line naming the file and the problem and exit with status 2;
nothing half-written is left behind (outputs are written to a temporary file and renamed).
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach a model hub
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

# Verbs of the CLI that are not stages ('makefile' is also a Make verb: its help comes from
# pipeline.stages.VERBS).
VERBS = {"stamp": "Record what each stage depends on, by content (rewritten only on change)",
         "run-locked": "Run a command (make) holding the output folder's lock (pipeline/lock.py)",
         "try-privacy": "Print sentences pseudonymised as the privacy stage would ([--language spa] TEXT...)"}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["validate"]:  # its own arguments; imports nothing of the stages
        from pipeline.validate import main as validate

        return validate(argv[1:])
    if argv[:1] == ["try-privacy"]:  # try-privacy [--language L] TEXT...: writes nothing
        from pipeline.privacy import try_text

        return try_text(argv[1:])
    if argv[:1] == ["run-locked"]:  # run-locked COMMAND...: COMMAND holding OUT's lock (Makefile)
        from pipeline.lock import main as lock

        return lock(argv[1:])
    from pipeline.stages import STAGES
    from pipeline.stages import VERBS as MAKE_VERBS

    helps = {**{s.name: s.help for s in STAGES}, **VERBS,
             **{v: MAKE_VERBS[v] for v in ("makefile", "submitter-kit", "validate", "report-variants")}}
    parser = argparse.ArgumentParser(prog="pipeline", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stage", choices=list(helps),
                        help="; ".join(f"{k}: {v}" for k, v in helps.items()))
    args = parser.parse_args(argv)

    from pipeline import config, interrupt, provenance, stages, storage
    from pipeline.config import ConfigError
    from pipeline.paths import ROOT, outputs
    from pipeline.schema import TableError

    out = outputs()
    try:
        if args.stage == "makefile":
            storage.write_text(ROOT / "stages.mk", stages.render_makefile())
            return 0
        if args.stage == "submitter-kit":
            for path in importlib.import_module("pipeline.submitter").run(out):
                print(f"[submitter-kit] {path}")
            return 0
        if args.stage == "report-variants":
            built = importlib.import_module("pipeline.variants").run(out)
            print(f"[report-variants] {len(built)} variants in {out.report / 'variants'}")
            return 0
        if args.stage == "stamp":
            importlib.import_module("pipeline.stamp").run(out)
            return 0
        declared = stages.stage(args.stage)
        interrupt.install(declared.name)  # Ctrl-C and kill stop it promptly, writing nothing
        for attr in declared.writes:
            for tmp in storage.remove_temporaries(getattr(out, attr)):
                print(f"[{declared.name}] removed {tmp}, left by a run that was killed")
        module = importlib.import_module(declared.module)
        from pipeline.lock import one_stage_at_a_time

        with one_stage_at_a_time(out, declared.name, config.load_params().limits.one_stage_from), \
                config.params_sections(declared.name, declared.params), \
                provenance.stage_timer(args.stage, out):
            module.run(out)
    except (ConfigError, TableError, OSError) as e:  # OSError: e.g. OUT not writable
        where = f"{e.filename}: {e.strerror}" if isinstance(e, OSError) and e.filename else e
        print(f"error: {where}", file=sys.stderr)
        try:
            _withdraw_published(args.stage, out)
        except OSError:
            pass
        return 2
    except KeyboardInterrupt:  # Ctrl-C (pipeline.interrupt): no traceback
        _withdraw_published(args.stage, out)
        print(f"[{args.stage}] stopped", file=sys.stderr)
        return 130
    except BaseException:
        _withdraw_published(args.stage, out)
        raise
    return 0


def _withdraw_published(stage: str, out) -> None:
    """After a failed data stage the inputs have changed (the stamp is new) but report/ and
    figures/ still show the last run: remove them rather than leave a stale report that looks
    valid. (The stamp stage fails before recording anything; the gate quarantines itself.)"""
    import shutil

    if stage in ("stamp", "makefile", "gate", "submitter-kit", "report-variants"):
        return
    removed = [d for d in (out.report, out.figures) if d.exists()]
    for d in removed:
        shutil.rmtree(d)
    if removed:
        print(f"error: published outputs from the previous run removed ({', '.join(map(str, removed))}): "
              "they no longer match the inputs", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
