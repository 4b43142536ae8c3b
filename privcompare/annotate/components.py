"""spaCy components of the annotation pipeline and the fact extensions they share.

Facts are spans in ``doc.spans["facts"]``: the span label is the concept id,
``span.id_`` the rule name, and ``Span._.polarity / qualifier / value /
value_kind / number`` carry the rest. (spaCy keys span extension values by
character offsets only, so two facts on the same words would overwrite each
other's values; the extensions are therefore getters over one per-doc table
keyed by offsets, concept and rule.)

Components, in pipeline order:

``privcompare_triggers``  one PhraseMatcher pass that records which trigger words
                          occur, so later regexes only run on clauses that can match
``privcompare_concepts``  concept rules from ``patterns/concepts.jsonl``
``privcompare_values``    normalised values (see :mod:`.extractors`)
``privcompare_negation``  polarity ("we do not sell")
``privcompare_qualifiers`` vagueness and conditions
"""
from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from . import extractors
from .resources import load_contexts, load_lexicon, load_rules

FACTS_KEY = "facts"
# Value kinds that name something rather than state a practice: never negated.
_NOT_NEGATABLE = {"email", "phone", "url", "address", "date", "law", "days", "age", "hours"}


def _attrs(span: Span) -> dict:
    table = span.doc._.fact_table or {}
    return table.get((span.start_char, span.end_char, span.label_, span.id_), {})


def _getter(name: str, default):
    return lambda span: _attrs(span).get(name, default)


def _setter(name: str):
    def set_attr(span: Span, value) -> None:
        if span.doc._.fact_table is None:
            span.doc._.fact_table = {}
        key = (span.start_char, span.end_char, span.label_, span.id_)
        span.doc._.fact_table.setdefault(key, {})[name] = value
    return set_attr


def register_extensions() -> None:
    """Register the Doc/Span extensions (idempotent)."""
    for name, default in (("heading", ""), ("triggers", frozenset()), ("fact_table", None),
                          ("clause", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in (("polarity", "positive"), ("qualifier", ""), ("value", ""),
                          ("value_kind", ""), ("number", None)):
        if not Span.has_extension(name):
            Span.set_extension(name, getter=_getter(name, default), setter=_setter(name))


def add_fact(doc: Doc, start: int, end: int, concept: str, rule: str, value: str = "",
             value_kind: str = "", number: float | None = None, qualifier: str = "") -> Span | None:
    """Record a fact over ``doc.text[start:end]`` (widened to whole tokens).

    Returns the new span, or ``None`` if an identical fact is already recorded.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    table = doc._.fact_table
    if table is None:
        table = doc._.fact_table = {}
    key = (span.start_char, span.end_char, concept, rule)
    if key in table:
        return None
    table[key] = {"value": value, "value_kind": value_kind, "number": number,
                  "qualifier": qualifier, "polarity": "positive"}
    fact = Span(doc, span.start, span.end, label=concept, span_id=rule)
    if FACTS_KEY not in doc.spans:
        doc.spans[FACTS_KEY] = []
    doc.spans[FACTS_KEY].append(fact)
    return fact


class ContextMatcher:
    """Caches which heading contexts a heading path belongs to."""

    def __init__(self):
        self.contexts = load_contexts()
        self._cache: dict[str, frozenset] = {}

    def __call__(self, heading: str) -> frozenset:
        hit = self._cache.get(heading)
        if hit is None:
            hit = frozenset(n for n, rx in self.contexts.items() if heading and rx.search(heading))
            if len(self._cache) < 50_000:
                self._cache[heading] = hit
        return hit


def all_trigger_terms() -> set[str]:
    """Every trigger word or phrase used by rules, lexicons and value extractors."""
    terms = {t for rule in load_rules() for t in rule.triggers}
    terms |= extractors.trigger_terms()
    return terms


@Language.factory("privcompare_triggers")
def make_triggers(nlp: Language, name: str):
    """Record in ``doc._.triggers`` which trigger words/phrases occur (lower case)."""
    register_extensions()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    names = {}
    for term in sorted(all_trigger_terms()):
        key = nlp.vocab.strings.add("trigger:" + term)
        names[key] = term
        matcher.add("trigger:" + term, [nlp.make_doc(term)])

    def triggers(doc: Doc) -> Doc:
        doc._.triggers = frozenset(names[m_id] for m_id, _, _ in matcher(doc))
        return doc

    return triggers


@Language.factory("privcompare_concepts")
def make_concepts(nlp: Language, name: str):
    """Concept facts from the rules in ``patterns/concepts.jsonl``."""
    register_extensions()
    rules = load_rules()
    by_trigger: dict[str, list[int]] = {}
    for i, rule in enumerate(rules):
        for t in rule.triggers:
            by_trigger.setdefault(t, []).append(i)
    contexts = ContextMatcher()

    def concepts(doc: Doc) -> Doc:
        found = doc._.triggers
        if not found:
            return doc
        candidates = sorted({i for t in found for i in by_trigger.get(t, ())})
        text, ctx = doc.text, None
        for i in candidates:
            rule = rules[i]
            if rule.context:
                ctx = contexts(doc._.heading) if ctx is None else ctx
                if rule.context not in ctx:
                    continue
            has_ev = "ev" in rule.regex.groupindex
            for m in rule.regex.finditer(text):
                s, e = m.span("ev") if has_ev and m.start("ev") >= 0 else m.span()
                add_fact(doc, s, e, rule.label, rule.id)
        return doc

    return concepts


@Language.factory("privcompare_values")
def make_values(nlp: Language, name: str):
    """Normalised values: retention periods, ages, recipients, contacts, dates, laws,
    deadlines and security measures (see :mod:`privcompare.annotate.extractors`)."""
    register_extensions()
    extract = extractors.ValueExtractor(nlp, ContextMatcher())

    def values(doc: Doc) -> Doc:
        for fact in extract(doc):
            add_fact(doc, *fact)
        return doc

    return values


_SENTENCE_END = re.compile(r"[.!?;](?=\s)|\n")


def sentence_bounds(text: str) -> list[int]:
    """Start offsets of the rough sentences of ``text`` (no model needed).

    >>> sentence_bounds("We sell. We do not! Ok")
    [0, 8, 19]
    """
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]


def _sentence(text: str, bounds: list[int], start: int) -> tuple[int, int]:
    i = bisect.bisect_right(bounds, start) - 1
    end = bounds[i + 1] if i + 1 < len(bounds) else len(text)
    return bounds[i], end


@Language.factory("privcompare_negation")
def make_negation(nlp: Language, name: str):
    """Set ``Span._.polarity = "negative"`` when the sentence negates the fact."""
    register_extensions()
    cue = re.compile(load_lexicon("qualifiers")["negation"], re.IGNORECASE)

    def negation(doc: Doc) -> Doc:
        if FACTS_KEY not in doc.spans:
            return doc
        text, bounds = doc.text, None
        for fact in doc.spans[FACTS_KEY]:
            if fact._.value_kind in _NOT_NEGATABLE:
                continue
            bounds = bounds or sentence_bounds(text)
            s, _ = _sentence(text, bounds, fact.start_char)
            left = text[max(s, fact.start_char - 80):fact.start_char]
            if left and cue.search(left):
                fact._.polarity = "negative"
        return doc

    return negation


@Language.factory("privcompare_qualifiers")
def make_qualifiers(nlp: Language, name: str):
    """Add ``vague`` / ``conditional`` to ``Span._.qualifier`` from the fact's sentence."""
    register_extensions()
    lex = load_lexicon("qualifiers")
    vague = re.compile(lex["vague"], re.IGNORECASE)
    conditional = re.compile(lex["conditional"], re.IGNORECASE)

    def qualifiers(doc: Doc) -> Doc:
        if FACTS_KEY not in doc.spans:
            return doc
        text, bounds, seen = doc.text, None, {}
        for fact in doc.spans[FACTS_KEY]:
            bounds = bounds or sentence_bounds(text)
            sent = _sentence(text, bounds, fact.start_char)
            found = seen.get(sent)
            if found is None:
                chunk = text[sent[0]:sent[1]]
                found = seen[sent] = (bool(vague.search(chunk)), bool(conditional.search(chunk)))
            quals = set(filter(None, fact._.qualifier.split(";")))
            if found[0]:
                quals.add("vague")
            if found[1]:
                quals.add("conditional")
            if quals:
                fact._.qualifier = ";".join(q for q in ("vague", "conditional") if q in quals)
        return doc

    return qualifiers
