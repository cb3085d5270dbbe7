"""A large run's stages run one at a time (params.limits.one_stage_from): two stages with their
workers side by side held 5.2 GB at 100,000 records; a small run's overlap."""
import threading

import pandas as pd

from pipeline.lock import one_stage_at_a_time, raw_records
from pipeline.paths import Outputs


def _run_with(tmp_path, services: int, notes: int) -> Outputs:
    out = Outputs(tmp_path)
    out.interim.mkdir(parents=True)
    pd.DataFrame({"id": range(services)}).to_parquet(out.services_raw)
    pd.DataFrame({"id": range(notes)}).to_parquet(out.notes_raw)
    return out


def _second_stage_waits(out: Outputs, threshold: int) -> bool:
    """Whether a second stage waits while a first one is inside its block."""
    entered = threading.Event()

    def second_stage():
        with one_stage_at_a_time(out, "topics", threshold):
            entered.set()

    with one_stage_at_a_time(out, "code", threshold):
        second = threading.Thread(target=second_stage, daemon=True)
        second.start()
        waited = not entered.wait(1.0)
    second.join(10)
    return waited and entered.is_set()


def test_a_large_run_runs_one_stage_at_a_time(tmp_path, capsys):
    out = _run_with(tmp_path, 30, 30)
    assert raw_records(out) == 60
    assert _second_stage_waits(out, 60)
    assert "[topics] waiting for code to finish" in capsys.readouterr().out


def test_a_small_run_lets_stages_overlap(tmp_path):
    out = _run_with(tmp_path, 30, 29)
    assert not _second_stage_waits(out, 60)
    assert not out.stage_lock.exists()
