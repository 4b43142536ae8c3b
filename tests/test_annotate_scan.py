"""Sentence bounds and anchored matching shared by the annotation components."""
from __future__ import annotations

import importlib

scan = importlib.import_module("privcompare.annotate.scan")


def test_sentence_bounds_of_clauses_asked_for_in_turn_by_batch():
    # components ask for every clause of a batch, then again for each: each answer is the
    # clause's own, however the questions interleave and after the kept answers are dropped
    texts = [f"Clause {i}. It has {'two' if i % 2 else 'three'} sentences." + (" Yes." * (i % 2 == 0))
             for i in range(scan._BOUNDS_KEPT + 10)]
    want = {t: [0] + [i + 1 for i, ch in enumerate(t) if ch == "." and i + 1 < len(t)] for t in texts}
    for _ in range(2):
        for t in texts:
            assert scan.sentence_bounds(t) == want[t]
    assert len(scan._bounds) <= scan._BOUNDS_KEPT
