from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "nantong-2022-minzheng.txt"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
#: The hand-built figures of the sample report (a copy of shared/fixtures/seed-figures.csv,
#: committed so the acceptance test runs on every clone; test_gold_copy checks for drift).
GOLD = Path(__file__).resolve().parent / "fixtures" / "seed-figures.csv"
SHARED_GOLD = SHARED / "fixtures" / "seed-figures.csv"


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
