"""Regex helpers the value extractors share: patterns scanned through whole clauses,
rough sentence bounds, and matches tried only where a trigger word starts."""
from __future__ import annotations

import bisect
import re

SCANNED: list[tuple[re.Pattern, str]] = []  # (pattern, its form without the look-ahead), for tests


def scanned(first: str, pattern: str, flags: int = 0) -> re.Pattern:
    """Compile a pattern that is searched through whole clauses behind a look-ahead for the
    characters it can start with (``first``, a character class). Python's regex engine
    then skips every other position cheaply instead of trying each alternative there:
    1.5-2.5x faster on real clauses, same matches (tests compare both forms)."""
    compiled = re.compile(f"(?={first})(?:{pattern})", flags)
    SCANNED.append((compiled, pattern))
    return compiled


# The full stop of a citation ends no sentence ("our representative under Art. 27 GDPR is
# ..."). ("e.g." and "i.e." still do: conditions are read per sentence, and joining the
# example to its sentence would let "where ..." in it qualify everything before.)
_SENTENCE_END = re.compile(r"[.!?;\n](?:(?<=\n)|(?=\s))(?<!\b[Aa]rt\.)(?<!\bNo\.)(?<!\b[Pp]ara\.)(?<!\bSec\.)")
# Several components ask for the same clause's sentences, each over a whole batch of
# clauses in turn (``annotate._run``): the answers for the clauses of the last batches are
# kept, by text (a clause's text is one string object, its hash computed once).
_BOUNDS_KEPT = 2048
_bounds: dict[str, list[int]] = {}


def sentence_bounds(text: str) -> list[int]:
    """Start offsets of the rough sentences of ``text`` (no model needed).

    Answers are kept for the clauses of the last batches (callers must not
    modify the list).

    >>> sentence_bounds("We sell. We do not! Ok")
    [0, 8, 19]
    >>> sentence_bounds("Under Art. 27 GDPR by post. Next")
    [0, 27]
    """
    bounds = _bounds.get(text)
    if bounds is None:
        if len(_bounds) >= _BOUNDS_KEPT:
            _bounds.clear()
        bounds = _bounds[text] = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
    return bounds


def sentence_at(text: str, bounds: list[int], start: int) -> tuple[int, int]:
    """``(start, end)`` of the sentence holding offset ``start`` (bounds from :func:`sentence_bounds`)."""
    i = bisect.bisect_right(bounds, start) - 1
    end = bounds[i + 1] if i + 1 < len(bounds) else len(text)
    return bounds[i], end


def trigger_starts(positions: dict, triggers) -> list[int]:
    """Sorted offsets where one of ``triggers`` starts (each offset once)."""
    return sorted({p for t in triggers for p in positions.get(t, ())})


def anchored(rx, text: str, positions: dict, triggers) -> list:
    """Matches of ``rx`` starting where one of ``triggers`` starts, in text order,
    without overlaps (as ``finditer`` would give them)."""
    starts = trigger_starts(positions, triggers)
    out, end = [], -1
    for m in map(rx.match, [text] * len(starts), starts):
        if m and m.start() >= end:
            out.append(m)
            end = m.end()
    return out
