"""Regex helpers the value extractors share: patterns scanned through whole clauses,
rough sentence bounds, and matches tried only where a trigger word starts."""
from __future__ import annotations

import bisect
import re

# every pattern given look-aheads for speed: (pattern, its form without them), for the tests
SCANNED: list[tuple[re.Pattern, str]] = []


def scanned(pattern: str, flags: int = 0) -> re.Pattern:
    """Compile a pattern that is searched through whole clauses behind a look-ahead for the
    characters it can start with (derived from it: :func:`searched`). Python's regex
    engine then skips every other position cheaply instead of trying each alternative
    there: 1.5-2.5x faster on real clauses, same matches (tests compare both forms). A
    pattern with no such look-ahead is an error: it would scan slowly without saying so."""
    compiled = compile_with_look_aheads(pattern, flags)
    fast = searched(compiled)
    if fast is compiled:
        raise ValueError(f"no first-character look-ahead for a scanned pattern: {pattern[:60]!r}")
    return fast


def _char(code: int) -> str:
    # letters and digits as they are, anything else escaped (safe inside a character class)
    return chr(code) if chr(code).isascii() and chr(code).isalnum() else f"\\U{code:08x}"


# character-class escapes a first character may be given by (the negated ones are left
# out: they would let nearly every position through, so no look-ahead is built for them)
_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w"}


def _first_of(items, state: tuple[bool, bool]) -> tuple[list | None, bool]:
    """The characters a sequence of parsed regex items can start with: ``(pieces, can be
    empty)``, each piece a character-class body with the flags ``(ignore case, unicode)``
    it is read under; ``None`` when any character may come first."""
    from re import _constants as c

    pieces: list = []
    for op, av in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):  # zero-width: look at what follows
            continue
        if op is c.LITERAL:
            return pieces + [(_char(av), state)], False
        if op is c.CATEGORY or op is c.IN:
            members = [(op, av)] if op is c.CATEGORY else av
            body = []
            for mop, mav in members:
                if mop is c.LITERAL:
                    body.append(_char(mav))
                elif mop is c.RANGE:
                    body.append(_char(mav[0]) + "-" + _char(mav[1]))
                elif mop is c.CATEGORY and str(mav) in _CATEGORIES:
                    body.append(_CATEGORIES[str(mav)])
                else:  # a negated set or category, or anything unforeseen
                    return None, False
            return pieces + [("".join(body), state)], False
        if op is c.BRANCH:
            empty = False
            for alternative in av[1]:
                first, alt_empty = _first_of(alternative, state)
                if first is None:
                    return None, False
                pieces += first
                empty = empty or alt_empty
            if not empty:
                return pieces, False
        elif op is c.SUBPATTERN:
            _, add, remove, sub = av
            ignore_case = (state[0] or bool(add & c.SRE_FLAG_IGNORECASE)) and not remove & c.SRE_FLAG_IGNORECASE
            unicode = (state[1] or bool(add & c.SRE_FLAG_UNICODE)) and not add & c.SRE_FLAG_ASCII
            first, empty = _first_of(sub, (ignore_case, unicode))
            if first is None:
                return None, False
            pieces += first
            if not empty:
                return pieces, False
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            low, _, sub = av
            first, empty = _first_of(sub, state)
            if first is None:
                return None, False
            pieces += first
            if low > 0 and not empty:
                return pieces, False
        elif op is getattr(c, "ATOMIC_GROUP", None):
            first, empty = _first_of(av, state)
            if first is None:
                return None, False
            pieces += first
            if not empty:
                return pieces, False
        else:  # any character, a back reference, a conditional group ...
            return None, False
    return pieces, True


def first_character_look_ahead(pattern: re.Pattern) -> str | None:
    """A look-ahead for the characters every match of ``pattern`` starts with, derived
    from the pattern itself, or ``None`` when there is none worth having (a match may be
    empty or start with anything, or the regex engine already skips ahead to a
    leading literal or character set of its own).

    >>> print(first_character_look_ahead(re.compile(r"\\b(?:(?<!no )never|(?-i:[A-Z])\\w+)", re.I | re.A)))
    (?=(?ai:[n])|(?a-i:[A-Z]))
    >>> first_character_look_ahead(re.compile(r"never")) is None  # a literal prefix is searched for anyway
    True
    >>> first_character_look_ahead(re.compile(r"(?:a|.)b")) is None
    True
    """
    return _look_ahead_for(pattern.pattern, pattern.flags, skip_prefixed=True)


def _look_ahead_for(source: str, flags: int, skip_prefixed: bool) -> str | None:
    from re import _compiler, _constants as c, _parser

    try:
        parsed = _parser.parse(source, flags)
        flags = parsed.state.flags
        if skip_prefixed and (_compiler._get_literal_prefix(parsed, flags)[0]
                              or _compiler._get_charset_prefix(parsed, flags)):
            return None  # the engine skips ahead to its own prefix already
        pieces, empty = _first_of(parsed, (bool(flags & c.SRE_FLAG_IGNORECASE), not flags & c.SRE_FLAG_ASCII))
    except Exception:  # noqa: BLE001 - a private module may change: no look-ahead then
        return None
    if pieces is None or empty or not pieces:
        return None
    merged: dict[tuple[bool, bool], dict[str, None]] = {}
    for body, state in pieces:
        merged.setdefault(state, {})[body] = None  # (a repeated member is listed once)
    return "(?=" + "|".join(f"(?{'u' if uni else 'a'}{'i' if ci else '-i'}:[{''.join(bodies)}])"
                            for (ci, uni), bodies in merged.items()) + ")"


def searched(pattern: re.Pattern) -> re.Pattern:
    """``pattern`` behind :func:`first_character_look_ahead` (the same matches, found
    faster by ``search`` and ``finditer``), or ``pattern`` itself when there is none."""
    ahead = first_character_look_ahead(pattern)
    if ahead is None:
        return pattern
    compiled = re.compile(f"{ahead}(?:{pattern.pattern})", pattern.flags)
    SCANNED.append((compiled, pattern.pattern))
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
    if isinstance(triggers, frozenset) and len(triggers) > len(positions):
        # a large gate (the sharing cues, ~100 words) against a clause's dozen trigger
        # words: look the clause's words up in the gate, not every gate word in the clause
        triggers = triggers.intersection(positions)
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


_QUANTIFIER_AFTER = frozenset("?*+{")
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")  # "(?i)" at a pattern's start


def _scoped_flags(spec: str, ignore_case: bool, unicode: bool) -> tuple[bool, bool]:
    """The (ignore case, unicode) state inside a ``(?spec:`` group."""
    on, _, off = spec.partition("-")
    if "i" in on:
        ignore_case = True
    if "i" in off:
        ignore_case = False
    if "u" in on:
        unicode = True
    if "a" in on:
        unicode = False
    return ignore_case, unicode


def with_alternation_look_aheads(source: str, flags: int, min_alternatives: int = 6) -> str:
    """``source`` with a first-character look-ahead in front of each group of at least
    ``min_alternatives`` alternatives that is matched once (no quantifier after it) and
    cannot be empty: ``(?:third part(?:y|ies)|partners?|...)`` after a lazy
    ``[^.;]{0,40}?`` is otherwise entered branch by branch at every position (the regex
    engine's quick test of a branch's first character does not apply to case-insensitive
    letters). Groups inside look-behinds, and patterns with conditional groups, are left
    as they are.

    >>> with_alternation_look_aheads("x(?:ab|cd|ef)y", 0, min_alternatives=3)
    'x(?=(?u-i:[ace]))(?:ab|cd|ef)y'
    >>> with_alternation_look_aheads("x(?:ab|cd|ef)?y", 0, min_alternatives=3)  # optional: unchanged
    'x(?:ab|cd|ef)?y'
    """
    if "(?(" in source or flags & re.VERBOSE or _GLOBAL_FLAGS.search(source):
        return source  # (conditional groups; comments and flags the scan below does not follow)
    insertions: list[tuple[int, str]] = []
    # open groups: [start, kind, alternatives, (ignore case, unicode) inside, in a look-behind]
    stack: list[list] = []
    state = (bool(flags & re.IGNORECASE), not flags & re.ASCII)
    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":  # a character class: skip to its closing bracket
            i += 1
            if i < n and source[i] == "^":
                i += 1
            if i < n and source[i] == "]":
                i += 1
            while i < n and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
            i += 1
            continue
        if ch == "(":
            outer = stack[-1][3] if stack else state
            behind = bool(stack) and stack[-1][4]
            m = re.match(r"\(\?([aiLmsux]*(?:-[imsx]+)?):", source[i:])
            if m and (m.group(1) or source.startswith("(?:", i)):
                inner, kind = _scoped_flags(m.group(1), *outer), "group"
            elif source.startswith(("(?<=", "(?<!"), i):
                inner, kind, behind = outer, "behind", True
            elif source.startswith("(?", i) and not source.startswith("(?P<", i):
                inner, kind = outer, "other"  # look-ahead, atomic group, comment, back reference
            else:
                inner, kind = outer, "group"  # a capturing group, named or not
            stack.append([i, kind, 1, inner, behind])
        elif ch == "|" and stack:
            stack[-1][2] += 1
        elif ch == ")" and stack:
            start, kind, alternatives, inner, behind = stack.pop()
            if (kind == "group" and alternatives >= min_alternatives and not behind
                    and (i + 1 >= n or source[i + 1] not in _QUANTIFIER_AFTER)):
                ahead = _group_look_ahead(source[start:i + 1], inner)
                if ahead:
                    insertions.append((start, ahead))
        i += 1
    for at, ahead in sorted(insertions, reverse=True):
        source = source[:at] + ahead + source[at:]
    return source


def compile_with_look_aheads(source: str, flags: int = 0) -> re.Pattern:
    """``re.compile(source, flags)``, with :func:`with_alternation_look_aheads` applied
    (the same matches). Raises ``re.error`` for a bad ``source``."""
    faster = with_alternation_look_aheads(source, flags)
    if faster != source:
        try:
            compiled = re.compile(faster, flags)
        except re.error:  # (a bad pattern: let its own compilation say why)
            pass
        else:
            SCANNED.append((compiled, source))
            return compiled
    return re.compile(source, flags)


def _group_look_ahead(group: str, state: tuple[bool, bool]) -> str | None:
    flags = (re.IGNORECASE if state[0] else 0) | (0 if state[1] else re.ASCII)
    return _look_ahead_for(group, flags, skip_prefixed=False)  # (a group that cannot stand alone gives None)
