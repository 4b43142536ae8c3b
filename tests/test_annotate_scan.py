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


import re  # noqa: E402

import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# patterns whose first characters are easy to get wrong: optional and repeated starts,
# zero-width starts, flags switched inside a group, ranges and class escapes
TRICKY = [
    r"(?:the )?cat",
    r"(?:a|b)?c",
    r"x*y+z",
    r"(?:ab){0,2}c",
    r"\b(?:(?<!no )never|(?-i:[A-Z])\w+)",
    r"(?<=, )to (?:go|stay)",
    r"(?=\w)(?!x)[a-f]\d",
    r"(?i:Q)r|(?-i:S)t",
    r"(?:\d{2}|[Ee]-?mail)\b",
    r"\s*(?:-|–)\s*\w",
    r"(?>ab|a)c",
    r"(?:)?k",
]


@pytest.mark.parametrize("pattern", TRICKY)
@pytest.mark.parametrize("flags", [0, re.IGNORECASE, re.IGNORECASE | re.ASCII])
def test_a_first_character_look_ahead_never_loses_a_match(pattern, flags):
    slow = re.compile(pattern, flags)
    fast = scan.searched(slow)
    texts = ["The cat and the Cat; a cat", "bc ac c Cc", "xxyz yz Y zyz", "ababc abc c", "no never, Never Bob",
             ", to go, to stay", "a1 x1 F2 f3", "QR qr St st sT Qr", "12 e-mail Email", " - x – y", "abc ac",
             "k K", "É cat Ünder"]
    for text in texts:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in slow.finditer(text)], (pattern, text)


def test_no_look_ahead_where_it_could_not_help_or_would_be_wrong():
    ahead = scan.first_character_look_ahead
    assert ahead(re.compile(r"x*")) is None  # a match may be empty, anywhere
    assert ahead(re.compile(r"(?:a|.)b")) is None  # any character may start it
    assert ahead(re.compile(r"[^a]b")) is None  # negated set: nearly any character
    assert ahead(re.compile(r"cat|dog")) is None  # the engine's own literal search is faster
    assert ahead(re.compile(r"\bcat")) == "(?=(?u-i:[c]))"
    assert ahead(re.compile(r"\b(?:the )?cat", re.I | re.A)) == "(?=(?ai:[tc]))"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcxyzABC -,.1é", max_size=40))
def test_look_ahead_matches_as_the_plain_pattern_on_any_text(text):
    for pattern in TRICKY:
        slow = re.compile(pattern, re.IGNORECASE)
        fast = scan.searched(slow)
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in slow.finditer(text)], pattern


# patterns with groups of many alternatives, in the places a look-ahead could break them
ALTERNATIONS = [
    r"with\b[^.;]{0,20}?\b(?:third part(?:y|ies)|partners?|vendors?|banks?|courts?|police)\b",
    r"x(?:ab|cd|ef|gh|ij|kl)?y",  # optional: no look-ahead
    r"x(?:ab|cd|ef|gh|ij|kl)+y",  # repeated: no look-ahead either
    r"(?:ab|cd|ef|gh|ij|)y",  # may be empty
    r"(?<=(?:ab|cd|ef|gh|ij|kl))z",  # inside a look-behind
    r"(?P<w>ab|cd|ef|gh|ij|kl)-(?P=w)",  # a named group and a back reference to it
    r"(?-i:(?:Ab|Cd|Ef|Gh|Ij|Kl))z",  # case-sensitive inside a case-insensitive pattern
    r"[(|](?:ab|cd|ef|gh|ij|kl)\)",  # brackets and bars inside a character class
    r"\((?:ab|cd|ef|gh|ij|kl)\|",  # escaped brackets and bars
    r"(?:(?:a|b)c|dd|e?f|gg|hh|ii)",  # a group whose alternatives start optionally
]


@pytest.mark.parametrize("pattern", ALTERNATIONS)
def test_alternation_look_aheads_keep_every_match(pattern):
    for flags in (re.IGNORECASE, re.IGNORECASE | re.ASCII):
        slow = re.compile(pattern, flags)
        fast = re.compile(scan.with_alternation_look_aheads(pattern, flags), flags)
        for text in ["we share it with our Partners, banks and the police", "xaby xy xgh y xklkly", "y cdy ijy",
                     "abz klz qz", "ab-ab cd-ef", "AbZ abz Klz", "(ab) |cd) (xy)", "(ab| (kl|", "ac bc f ef gg"]:
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in slow.finditer(text)], (pattern, text)


def test_alternation_look_aheads_go_where_they_are_safe():
    rewrite = scan.with_alternation_look_aheads
    assert rewrite(ALTERNATIONS[0], re.I) != ALTERNATIONS[0]
    for pattern in ALTERNATIONS[1:5]:  # optional, repeated, possibly empty, in a look-behind
        assert rewrite(pattern, re.I) == pattern, pattern
    assert rewrite(ALTERNATIONS[5], re.I).startswith("(?=(?ui:[acegik]))(?P<w>")  # a capturing group
    assert rewrite(ALTERNATIONS[6], re.I).startswith("(?-i:(?=(?u-i:[ACEGIK]))")
    # flags the scan does not follow: the pattern is left as it is
    assert rewrite("(?i)x(?:ab|cd|ef|gh|ij|kl)", 0) == "(?i)x(?:ab|cd|ef|gh|ij|kl)"
    assert rewrite("x(?:ab|cd|ef|gh|ij|kl) # (a|b|c|d|e|f)", re.VERBOSE) == "x(?:ab|cd|ef|gh|ij|kl) # (a|b|c|d|e|f)"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdefghijklxyz-()|AKz ", max_size=40))
def test_alternation_look_aheads_match_as_the_plain_pattern_on_any_text(text):
    for pattern in ALTERNATIONS:
        slow = re.compile(pattern, re.IGNORECASE)
        fast = re.compile(scan.with_alternation_look_aheads(pattern, re.IGNORECASE, min_alternatives=3), re.IGNORECASE)
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in slow.finditer(text)], pattern


def test_trigger_starts_of_a_large_gate_are_those_of_its_words():
    positions = {"share": [30, 4], "with": [12], "sell": [50], "we": [0, 30]}
    gate = frozenset({"share", "sell", "disclose", "transfer", "sold", "pass", "rent"})
    assert scan.trigger_starts(positions, gate) == scan.trigger_starts(positions, tuple(gate)) == [4, 30, 50]
    assert scan.trigger_starts(positions, frozenset({"we"})) == [0, 30]
    assert scan.trigger_starts({}, gate) == []


def test_a_scanned_pattern_gets_its_look_ahead_from_itself():
    assert scan.scanned(r"\b(?:tel|phone)\b", re.I).pattern.startswith("(?=(?ui:[tp]))")
    with pytest.raises(ValueError, match="no first-character look-ahead"):
        scan.scanned(r".?x")  # any character may start a match
