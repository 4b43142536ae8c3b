"""Load the annotator's data files (patterns and lexicons) from the package.

Legal and linguistic knowledge lives in data files next to this module, not in
code: ``patterns/concepts.jsonl`` (one rule per line), ``patterns/contexts.yaml``
(heading contexts), ``patterns/vetoes.yaml`` (sentences in which a concept's
wording means something else), ``lexicons/*.yaml`` (recipients, laws, security
measures, qualifier cues). This module validates and compiles them once.

A concept rule is a SpanRuler-like record::

    {"label": "right.access", "id": "access_copy", "pattern": "<regex>",
     "triggers": ["copy", "copies"], "context": "rights"}

``label`` is the concept id, ``id`` the rule name kept on every fact (audit
trail), ``pattern`` a case-insensitive regular expression (a named group
``ev`` narrows the evidence), ``triggers`` the lower-case words or phrases of
which at least one must occur in the clause before the regex is tried (a fast
token-level pre-filter) and the optional ``context`` names a heading context
the clause must sit under. ``"anchored": true`` says the regex can only start
where a trigger starts, so it is tried at those positions only (much faster
than scanning the clause). A named group ``value`` makes the text it matched the
fact's value, with the record's ``"value_kind"`` (the controller's name in
``Oxalis Monitor ("we")``); the two come together. ``<<name>>`` in a pattern or
``requires`` stands for a piece several rules share (``patterns/fragments.yaml``, e.g.
``<<org_name>>``). ``"requires": "<regex>"`` must also match somewhere in the clause
(e.g. a transfer safeguard only counts in a clause about transfers);
``"requires_waived_in": "<context>"`` drops that test for clauses under the named
heading context (a list item "Legal requirements: when required by law" under "Who we
share data with" is about disclosure without saying "disclose").
``"also": [...]`` lists words or phrases of which at least one must occur in
the clause as well, checked on the trigger table before the regex is tried:
the cheap form of ``requires`` (e.g. "share ... with partners" needs a
recipient word), which keeps a rule with common triggers from running its
regex on every clause that has one. ``"max_chars": N`` skips clauses longer
than ``N`` characters (title and list-item rules: a length test instead of a
regex look-ahead over the clause).

Where a rule reads the data subject's possessive it writes ``(?:your|his/her|his or
her)``: laws and the notices that follow their English wording (Decree 13, UU PDP) say
"the data subject ... his/her personal data" (a test keeps the rules to this).

Rule patterns and ``requires`` compile with ASCII classes and ASCII case folding
(``RULE_FLAGS``): Python's regex engine tests ``\\b``, ``\\w`` and case per
character through Unicode look-ups otherwise, about 5% of all the instructions
annotation runs (docs/benchmarks.md). The rules are English wording; a rule that reads a
name that may be spelled with other letters ("Café Müller", "Công Ty") says so
with a scoped ``(?u:...)`` group. Texts reach the rules with plain spaces (see
``ingest.plain_whitespace``).

Every pattern from the data files is compiled with look-aheads for the characters a
large group of alternatives can start with, and a rule searched through a clause with
one for the characters its match can start with (``scan.compile_with_look_aheads``,
``scan.searched``): a speed-up only, derived from the pattern itself (the same matches;
tests compare both forms). Write patterns as usual.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..structure.patterns import company_form_regex, company_forms
from .scan import compile_with_look_aheads, searched

_PACKAGE = "privcompare.annotate"


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a mapping key given twice: PyYAML keeps the last
    silently, so a pattern could be replaced by a stray line without anyone noticing."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"key {key!r} given twice",
                                                        key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def _load_yaml(*parts: str):
    """A YAML data file of the package; a malformed one raises ``ValueError`` naming it."""
    try:
        return yaml.load(_read_text(*parts), Loader=_UniqueKeyLoader)
    except yaml.YAMLError as err:
        raise ValueError(f"{'/'.join(parts)}: {err}") from None


@dataclass(frozen=True)
class Rule:
    """One compiled concept rule (see the module docstring for the record format)."""

    label: str
    id: str
    regex: re.Pattern
    triggers: tuple[str, ...]
    context: str | None = None
    anchored: bool = False
    requires: re.Pattern | None = None
    also: frozenset[str] = frozenset()
    max_chars: int | None = None
    requires_waived_in: str | None = None
    value_kind: str | None = None


def expand_braces(term: str) -> list[str]:
    """Expand ``stem{a|b|}`` shorthands used in trigger lists.

    >>> expand_braces("delet{e|ed|ion}")
    ['delete', 'deleted', 'deletion']
    >>> expand_braces("child{|ren}")
    ['child', 'children']
    """
    m = re.search(r"\{([^{}]*)\}", term)
    if not m:
        return [term]
    out = []
    for alt in m.group(1).split("|"):
        out.extend(expand_braces(term[: m.start()] + alt + term[m.end():]))
    return out


# Company forms that are English words as well ("as"; "co" of "co-operate"): as trigger words
# they would wake a rule at every "as" (the rule's pattern still reads "AS" only); "Co." stays
_COMMON_WORD_FORMS = frozenset({"as", "co"})


def _expand_trigger(term: str) -> list[str]:
    """A trigger or ``also`` entry in lower case, with ``{a|b}`` shorthands expanded; the entry
    ``<<company_form>>`` stands for the company forms (``structure/company_forms.yaml``), each
    with and without its final full stop (the English words among them with it only).

    >>> {"gmbh", "inc", "inc."} <= set(_expand_trigger("<<company_form>>")), "as" in _expand_trigger("<<company_form>>")
    (True, False)
    """
    if term == "<<company_form>>":
        forms = {f.lower() for f in company_forms(words=False)}
        return sorted((forms - _COMMON_WORD_FORMS) | {f + "." for f in forms})
    return expand_braces(term.lower())


def _read_text(*parts: str) -> str:
    return resources.files(_PACKAGE).joinpath(*parts).read_text(encoding="utf-8")


# Flags of the rules' ``pattern`` and ``requires`` (see the module docstring)
RULE_FLAGS = re.IGNORECASE | re.ASCII


def compile_pattern(pattern: str, where: str, flags: int = re.IGNORECASE) -> re.Pattern:
    """Compile a pattern from a data file; a bad one raises ``ValueError`` naming ``where``.

    >>> compile_pattern("(", "lexicons/x.yaml:1")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: lexicons/x.yaml:1: bad regular expression (...)
    """
    try:
        return compile_with_look_aheads(pattern, flags)  # the same matches, found faster
    except re.error as exc:
        raise ValueError(f"{where}: bad regular expression ({exc})") from None


_FRAGMENT = re.compile(r"<<(\w+)>>")


def _company_form_fragments() -> dict[str, str]:
    """The pieces built from the company forms (``structure/company_forms.yaml``): any form,
    and the look-behinds for "just after a form" (alone, and with ", " or " " after it)."""
    forms = company_forms(words=False)

    def after(seps: tuple[str, ...]) -> str:
        # one look-behind per length (a look-behind's alternatives must be as long as each
        # other): a few dozen look-behinds tried one by one had made a rule 3x slower
        by_length: dict[int, list[str]] = {}
        for ending in (f + stop + sep for f in forms for stop in ("", ".") for sep in seps):
            by_length.setdefault(len(ending), []).append(re.escape(ending))
        return "(?-i:" + "|".join(f"(?<=\\b(?:{'|'.join(alts)}))" for _, alts in sorted(by_length.items())) + ")"

    return {"company_form": company_form_regex(words=False), "after_company_form": after(("",)),
            "after_company_form_sep": after((", ", " "))}


@lru_cache(maxsize=None)
def load_fragments() -> dict[str, str]:
    """The shared pattern pieces of ``patterns/fragments.yaml`` and the company forms' (name
    -> regex text); a piece may use another (``<<company_form>>`` in ``org_name``)."""
    pieces = _company_form_fragments()
    pieces.update((name, str(rx)) for name, rx in (_load_yaml("patterns", "fragments.yaml") or {}).items())
    for name, rx in pieces.items():
        pieces[name] = _FRAGMENT.sub(lambda m: pieces[m.group(1)] if m.group(1) in pieces else m.group(0), rx)
    return pieces


def expand_fragments(pattern: str, where: str = "") -> str:
    """``pattern`` with each ``<<name>>`` replaced by its shared piece; an unknown name
    raises ``ValueError`` naming ``where``.

    >>> expand_fragments("At <<org_name>>, we").startswith("At (?u-i:")
    True
    """
    fragments = load_fragments()

    def piece(m: re.Match) -> str:
        if m.group(1) not in fragments:
            raise ValueError(f"{where}: unknown pattern fragment <<{m.group(1)}>>")
        return fragments[m.group(1)]

    return _FRAGMENT.sub(piece, pattern)


@lru_cache(maxsize=None)
def load_rules(name: str = "concepts.jsonl") -> tuple[Rule, ...]:
    """The concept rules of ``patterns/<name>``, validated and compiled.

    >>> rules = load_rules()
    >>> any(r.label == "right.access" for r in rules)
    True
    """
    rules = []
    contexts = load_contexts()
    for lineno, line in enumerate(_read_text("patterns", name).splitlines(), start=1):
        if not line.strip():
            continue
        where = f"patterns/{name}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{where}: not JSON ({exc.msg})") from None
        missing = {"label", "pattern", "id", "triggers"} - set(rec)
        if missing:
            raise ValueError(f"{where}: missing {', '.join(sorted(missing))}")
        for field in ("context", "requires_waived_in"):
            if rec.get(field) and rec[field] not in contexts:
                raise ValueError(f"{where}: unknown context {rec[field]!r}")
        if rec.get("requires_waived_in") and not rec.get("requires"):
            raise ValueError(f"{where}: requires_waived_in without requires")
        triggers = tuple(t for trig in rec["triggers"] for t in _expand_trigger(trig))
        requires = (searched(
            compile_pattern(expand_fragments(rec["requires"], where), where, RULE_FLAGS))
            if rec.get("requires") else None)
        also = frozenset(t for word in rec.get("also", ()) for t in _expand_trigger(word))
        max_chars = rec.get("max_chars")
        if max_chars is not None and not (isinstance(max_chars, int) and max_chars > 0):
            raise ValueError(f"{where}: max_chars must be a positive whole number")
        regex = compile_pattern(expand_fragments(rec["pattern"], where), where, RULE_FLAGS)
        if ("value" in regex.groupindex) != bool(rec.get("value_kind")):
            raise ValueError(f"{where}: a named group 'value' and value_kind come together")
        if not rec.get("anchored"):  # searched through the clause: skip what cannot start a match
            regex = searched(regex)
        rules.append(Rule(rec["label"], rec["id"], regex, triggers, rec.get("context"), bool(rec.get("anchored")),
                          requires, also, max_chars, rec.get("requires_waived_in"), rec.get("value_kind")))
    return tuple(rules)


@lru_cache(maxsize=None)
def load_contexts() -> dict[str, re.Pattern]:
    """Heading contexts: name -> regex matched against a clause's heading path."""
    data = _load_yaml("patterns", "contexts.yaml")
    return {name: compile_pattern(rx, f"patterns/contexts.yaml:{name}") for name, rx in data.items()}


@lru_cache(maxsize=None)
def load_columns(name: str = "columns") -> tuple[tuple[str, re.Pattern], ...]:
    """Table columns that state a concept: ``(concept, regex)`` pairs, each regex matched
    against a whole header cell: ``patterns/columns.yaml`` (cells that are facts by their
    place) or, with ``name="answer_columns"``, ``patterns/answer_columns.yaml`` (cells
    that answer yes or no).

    >>> dict(load_columns("answer_columns"))["sharing.sale"].fullmatch("Sold or shared") is not None
    True
    """
    data = _load_yaml("patterns", f"{name}.yaml")
    return tuple((concept, compile_pattern(rf"(?:{rx})", f"patterns/{name}.yaml:{concept}"))
                 for concept, rx in data.items())


@dataclass(frozen=True)
class Veto:
    """One compiled sentence veto (see ``patterns/vetoes.yaml``)."""

    id: str
    concepts: frozenset[str]
    triggers: frozenset[str]
    sentence: re.Pattern
    unless: re.Pattern | None = None


@lru_cache(maxsize=None)
def load_vetoes() -> tuple[Veto, ...]:
    """Sentence vetoes: a fact of a veto's concepts is not recorded in a sentence its
    ``sentence`` pattern matches (and its ``unless`` pattern does not).

    >>> veto = load_vetoes()[0]
    >>> veto.id, sorted(veto.concepts)
    ('cookie_lifetime', ['retention.deletion', 'retention.period'])
    """
    vetoes = []
    for i, entry in enumerate(_load_yaml("patterns", "vetoes.yaml")):
        where = f"patterns/vetoes.yaml[{i}]"
        missing = {"id", "concepts", "triggers", "sentence", "why"} - set(entry)
        if missing:
            raise ValueError(f"{where}: missing {', '.join(sorted(missing))}")
        unless = entry.get("unless")
        sentence = compile_pattern(expand_fragments(entry["sentence"], where), f"{where}.sentence")
        unless = compile_pattern(expand_fragments(unless, where), f"{where}.unless") if unless else None
        vetoes.append(Veto(entry["id"], frozenset(entry["concepts"]), frozenset(entry["triggers"]),
                           searched(sentence),
                           unless and searched(unless)))
    return tuple(vetoes)


@lru_cache(maxsize=None)
def load_lexicon(name: str) -> dict:
    """A YAML lexicon from ``lexicons/<name>.yaml``.

    >>> "PayPal" in {r["name"] for r in load_lexicon("recipients")["organisations"]}
    True
    """
    return _load_yaml("lexicons", f"{name}.yaml")


@lru_cache(maxsize=None)
def qualifier_cue(name: str) -> re.Pattern:
    """A cue regex of ``lexicons/qualifiers.yaml``, compiled once (case-insensitive).

    >>> bool(qualifier_cue("answer_no").match("No, never."))
    True
    """
    return compile_pattern(load_lexicon("qualifiers")[name], "lexicons/qualifiers.yaml")


@lru_cache(maxsize=None)
def compiled_lexicon(name: str, key: str) -> tuple[tuple[str, re.Pattern, tuple[str, ...], bool], ...]:
    """Entries ``{value/id, pattern, triggers, needs_cue}`` of a lexicon list, compiled.

    Returns ``(value, regex, triggers, needs_cue)`` tuples.

    >>> compiled_lexicon("laws", "laws")[0][0]
    'uk-gdpr'
    """
    out = []
    for i, entry in enumerate(load_lexicon(name)[key]):
        value = entry.get("id") or entry.get("value") or entry.get("name")
        flags = 0 if entry.get("case_sensitive") else re.IGNORECASE
        rx = compile_pattern(entry["pattern"], f"lexicons/{name}.yaml:{key}[{i}]", flags)
        triggers = tuple(t for trig in entry.get("triggers", []) for t in expand_braces(trig.lower()))
        out.append((value, rx, triggers, bool(entry.get("needs_cue"))))
    return tuple(out)


@lru_cache(maxsize=None)
def compiled_unless(name: str, key: str) -> dict[int, re.Pattern]:
    """The ``unless`` patterns of a lexicon list, by entry index: an entry's match does not
    count when its ``unless`` pattern matches in the same sentence.

    >>> unless = compiled_unless("security", "measures")
    >>> [compiled_lexicon("security", "measures")[i][0] for i in unless]
    ['hashing']
    >>> [bool(rx.search("a hashed e-mail to match ads")) for rx in unless.values()]
    [True]
    """
    return {i: compile_pattern(entry["unless"], f"lexicons/{name}.yaml:{key}[{i}].unless")
            for i, entry in enumerate(load_lexicon(name)[key]) if entry.get("unless")}
