"""benchmarks/check_floor.py at a tiny size: it runs end to end, measures every part of the floor,
the check and the registry load, and prints them (no timings asserted)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

import check_floor


@pytest.mark.slow
def test_check_floor_runs_at_a_tiny_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(check_floor.SIZES, "tiny", (3, 40))
    out = tmp_path / "floor.json"
    assert check_floor.main(["--sizes", "tiny", "--rounds", "1", "--work", str(tmp_path), "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    (result,) = json.loads(out.read_text(encoding="utf-8"))
    # the floor's child parsed every page (3 generated, index and facts) and the check saw as many
    assert result["pages"] == 5 and result["facts"] == 40
    assert result["summary"].startswith("5 pages, 40 facts")
    for part in ("start", "imports", "yaml", "markdown", "floor", "check", "load"):
        assert result["median"][part] > 0, part
    assert result["ratio"] == result["median"]["check"] / result["median"]["floor"]
    assert "| check / floor |" in printed and "| load average (before, after) |" in printed
