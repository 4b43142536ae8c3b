"""spaCy components of the annotation pipeline and the fact extensions they share.

Facts are spans in ``doc.spans["facts"]``: the span label is the concept id,
``span.id_`` the rule name, and ``Span._.polarity / qualifier / value /
value_kind / number`` carry the rest. (spaCy keys span extension values by
character offsets only, so two facts on the same words would overwrite each
other's values; the extensions are therefore getters over one per-doc table
keyed by offsets, concept and rule. The table lives in ``doc.user_data`` and holds
only strings, numbers, lists and dicts, so Docs still serialise for ``n_process > 1``.)

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

from spacy.attrs import IDX
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..ingest.blocks import TABLE_CELL_SEPARATOR
from . import extractors
from .extractors import sentence_at, sentence_bounds
from .resources import compile_pattern, load_contexts, load_lexicon, load_rules, load_vetoes, qualifier_cue
from .scan import searched
from .values import name_text

FACTS_KEY = "facts"
# Value kinds that name something rather than state a practice: never negated.
NOT_NEGATABLE = {"email", "phone", "url", "address", "date", "law", "days", "age", "hours"}


STATE = "privcompare"  # key of the per-doc state dict in doc.user_data
_TOKEN_STARTS = "token_starts"  # state key: the tokens' start offsets, while facts are added


def state(doc: Doc) -> dict:
    """The per-doc state behind the extensions: clause text, heading, triggers, fact table.

    Components read and write this dict directly (Underscore look-ups and
    ``doc.text`` rebuild objects on every access, which dominated run time).
    """
    st = doc.user_data.get(STATE)
    if st is None:
        st = doc.user_data[STATE] = {"text": None, "heading": "", "positions": {}, "facts": {},
                                     "clause": None}
    if st["text"] is None:
        st["text"] = doc.text
    return st


def fact_key(start: int, end: int, concept: str, rule: str) -> str:
    """Key of a fact in the per-doc table (a string, so the table survives msgpack)."""
    return f"{start}\t{end}\t{concept}\t{rule}"


def _attrs(span: Span) -> dict:
    table = state(span.doc)["facts"]
    return table.get(fact_key(span.start_char, span.end_char, span.label_, span.id_), {})


def _getter(name: str, default):
    return lambda span: _attrs(span).get(name, default)


def _setter(name: str):
    def set_attr(span: Span, value) -> None:
        key = fact_key(span.start_char, span.end_char, span.label_, span.id_)
        attrs = state(span.doc)["facts"].setdefault(key, {
            "start": span.start_char, "end": span.end_char, "concept": span.label_, "rule": span.id_,
            "value": "", "value_kind": "", "number": None, "qualifier": "", "polarity": "positive"})
        attrs[name] = value
    return set_attr


def _doc_getter(name: str):
    if name == "triggers":  # the trigger words found: the keys of the positions table
        return lambda doc: frozenset(state(doc)["positions"])
    return lambda doc: state(doc)[name]


def _doc_setter(name: str):
    def set_attr(doc: Doc, value) -> None:
        state(doc)[name] = value
    return set_attr


def register_extensions() -> None:
    """Register the Doc/Span extensions (idempotent).

    ``Doc._.heading`` (context path), ``Doc._.triggers``, ``Doc._.fact_table``,
    ``Doc._.clause``; ``Span._.polarity / qualifier / value / value_kind / number``.
    """
    for name, key in (("heading", "heading"), ("triggers", "triggers"), ("fact_table", "facts"),
                      ("clause", "clause")):
        if not Doc.has_extension(name):
            Doc.set_extension(name, getter=_doc_getter(key), setter=_doc_setter(key))
    for name, default in (("polarity", "positive"), ("qualifier", ""), ("value", ""),
                          ("value_kind", ""), ("number", None)):
        if not Span.has_extension(name):
            Span.set_extension(name, getter=_getter(name, default), setter=_setter(name))


def add_fact(doc: Doc, start: int, end: int, concept: str, rule: str, value: str = "",
             value_kind: str = "", number: float | None = None, qualifier: str = "",
             polarity: str = "positive", st: dict | None = None) -> Span | tuple | None:
    """Record a fact over ``doc.text[start:end]`` (widened to whole tokens).

    ``polarity`` is for facts whose polarity is known where they are found (a "No" in a
    table's "Sold or shared" column); the negation component decides the others'.

    Returns the new span (or its ``(start, end)`` when the doc keeps no spans, see
    :func:`privcompare.annotate._make_doc`), or ``None`` if an identical fact is
    already recorded. ``st`` is the doc's :func:`state`, when the caller has it.
    """
    if st is None:
        st = state(doc)
    if concept in _VETOED and not st["positions"].keys().isdisjoint(_VETO_TRIGGERS[concept]) \
            and _vetoed(st, start, concept):  # (a veto's trigger words first: most clauses have none)
        return None
    if st.get("keep_spans", True):
        fact = doc.char_span(start, end, label=concept, span_id=rule, alignment_mode="expand")
        if fact is None or not len(fact):
            return None
        start, end = fact.start_char, fact.end_char
    else:
        # Callers that only want the fact table skip the Span objects (they were a
        # large share of run time): offsets already on token boundaries stay as they
        # are, anything else is widened by char_span exactly as above.
        idx = st.get(_TOKEN_STARTS)
        if idx is None:
            idx = st[_TOKEN_STARTS] = doc.to_array(IDX).tolist()  # ascending
        fact = None
        first = bisect.bisect_right(idx, start) - 1  # token holding `start`
        last = bisect.bisect_right(idx, end - 1) - 1  # token holding the last character
        if not (start < end and first >= 0 and idx[first] == start
                and idx[last] + len(doc[last]) == end):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or not len(span):
                return None
            start, end = span.start_char, span.end_char
    key = fact_key(start, end, concept, rule)
    if key in st["facts"]:
        return None
    st["facts"][key] = {"start": start, "end": end, "concept": concept, "rule": rule,
                        "value": value, "value_kind": value_kind, "number": number,
                        "qualifier": qualifier, "polarity": polarity}
    if fact is None:
        return start, end
    st.setdefault("spans", []).append(fact)
    return fact


_VETOES = load_vetoes()
_VETOED = frozenset(c for veto in _VETOES for c in veto.concepts)
_VETOES_OF = {c: tuple(veto for veto in _VETOES if c in veto.concepts) for c in _VETOED}
_VETO_TRIGGERS = {c: frozenset().union(*(veto.triggers for veto in vetoes)) for c, vetoes in _VETOES_OF.items()}
_VETO_VERDICTS = "veto_verdicts"  # state key: (concept, sentence start) -> vetoed, while facts are added


def _vetoed(st: dict, start: int, concept: str) -> bool:
    """Whether a sentence veto (``patterns/vetoes.yaml``) keeps a fact of ``concept``
    starting at ``start`` from being recorded."""
    positions, text = st["positions"], st["text"]
    vetoes = [veto for veto in _VETOES_OF[concept] if not veto.triggers.isdisjoint(positions)]
    if not vetoes:
        return False
    where = sentence_at(text, sentence_bounds(text), start)
    # several rules often find the same concept in one sentence: its verdict is kept
    verdicts = st.get(_VETO_VERDICTS)
    if verdicts is None:
        verdicts = st[_VETO_VERDICTS] = {}
    key = (concept, where[0])
    verdict = verdicts.get(key)
    if verdict is None:
        verdict = verdicts[key] = any(
            veto.sentence.search(text, *where) and not (veto.unless and veto.unless.search(text, *where))
            for veto in vetoes)
    return verdict


def publish_spans(doc: Doc) -> None:
    """Expose the facts recorded so far as ``doc.spans["facts"]`` (one assignment per doc).

    The span list leaves the state, which must stay serialisable (``nlp.pipe(n_process=2)``
    sends Docs, user data included, between processes).
    """
    st = state(doc)
    st.pop(_TOKEN_STARTS, None)  # no longer needed: keep the serialised state small
    st.pop(_VETO_VERDICTS, None)
    spans = st.pop("spans", None)
    if spans:
        if FACTS_KEY in doc.spans:
            spans = list(doc.spans[FACTS_KEY]) + spans
        doc.spans[FACTS_KEY] = spans


class ContextMatcher:
    """Caches which heading contexts a heading path belongs to."""

    def __init__(self):
        self.contexts = load_contexts()
        self._cache: dict[str, frozenset] = {}

    def __call__(self, heading: str) -> frozenset:
        hit = self._cache.get(heading)
        if hit is None:
            # an empty heading path matches only contexts that accept it (``no_heading``)
            hit = frozenset(n for n, rx in self.contexts.items() if rx.search(heading))
            if len(self._cache) < 50_000:
                self._cache[heading] = hit
        return hit


def all_trigger_terms() -> set[str]:
    """Every trigger word or phrase used by rules, lexicons and value extractors."""
    terms = {t for rule in load_rules() for t in (*rule.triggers, *rule.also)}
    terms |= extractors.trigger_terms()
    terms |= {t for veto in load_vetoes() for t in veto.triggers}
    lex = load_lexicon("qualifiers")
    terms |= {t for key in ("vague_triggers", "conditional_triggers", "negation_triggers") for t in lex[key]}
    bad = sorted(repr(t) for t in terms if not isinstance(t, str) or t != t.lower() or not t.strip())
    if bad:  # e.g. YAML reads an unquoted `no` as False
        raise ValueError(f"trigger terms must be non-empty lower-case strings: {', '.join(bad)}")
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
        patterns = [nlp.make_doc(term)]
        if " " not in term and len(patterns[0]) > 1:
            # "st." alone tokenises as "st" + ".", but "12 Main St., Springfield" keeps
            # "St." as one token (a tokenizer exception): match both forms
            patterns.append(Doc(nlp.vocab, words=[term]))
        matcher.add("trigger:" + term, patterns)

    def triggers(doc: Doc) -> Doc:
        positions: dict[str, list[int]] = {}
        st = state(doc)
        matches = matcher(doc)
        if matches:
            # the tokens' start offsets, exported once (a Token object per look-up costs
            # more); add_fact reuses them to check that a fact starts and ends on tokens
            idx = st[_TOKEN_STARTS] = doc.to_array(IDX).tolist()
            for m_id, start, _ in matches:
                term = names[m_id]
                have = positions.get(term)
                if have is None:
                    positions[term] = [idx[start]]
                else:
                    have.append(idx[start])
        st["positions"] = positions
        return doc

    return triggers


@Language.factory("privcompare_concepts")
def make_concepts(nlp: Language, name: str):
    """Concept facts from the rules in ``patterns/concepts.jsonl``."""
    register_extensions()
    rules = load_rules()
    contexts = ContextMatcher()
    # A clause's heading contexts and its length decide, before any trigger is looked
    # at, which rules can fire at all (a rule's ``context`` and ``max_chars``). The
    # trigger index is therefore built per (length band, contexts) and cached: the
    # loop below never sees rules the clause cannot satisfy (over a quarter of the
    # candidates on real policies were rejected by these two tests, one at a time).
    limits = sorted({rule.max_chars for rule in rules if rule.max_chars})
    rule_contexts = frozenset(c for rule in rules for c in (rule.context, rule.requires_waived_in) if c)
    indexes: dict[tuple, dict] = {}

    def index_for(band: int, ctx: frozenset) -> dict:
        anchored: dict[str, list[int]] = {}   # trigger -> rules tried where the trigger starts
        scanning: dict[str, list[int]] = {}   # trigger -> rules that scan the clause
        too_short = set(limits[:band])  # max_chars values the clause is longer than
        for i, rule in enumerate(rules):
            if rule.max_chars in too_short or (rule.context and rule.context not in ctx):
                continue
            for t in rule.triggers:
                (anchored if rule.anchored else scanning).setdefault(t, []).append(i)
        # one look-up per trigger occurrence: term -> (anchored rule ids, scanning rule ids)
        return {t: (tuple(anchored.get(t, ())), tuple(scanning.get(t, ())))
                for t in set(anchored) | set(scanning)}

    publish_here: list = [None]
    # per rule, the attributes the loop below reads, unpacked once (attribute look-ups
    # on the Rule dataclass were a visible share of the per-clause cost)
    plan = [(rule.regex.match if rule.anchored else rule.regex.finditer, rule.anchored,
             rule.requires.search if rule.requires is not None else None,
             "ev" in rule.regex.groupindex, rule.label, rule.id, rule.requires_waived_in, rule.value_kind)
            for rule in rules]
    alsos = [rule.also or None for rule in rules]

    def concepts(doc: Doc) -> Doc:
        st = state(doc)
        positions = st["positions"]
        if not positions:
            return doc
        text, starts, scan, piped = st["text"], {}, set(), None
        key = (bisect.bisect_left(limits, len(text)), rule_contexts.intersection(contexts(st["heading"])))
        index = indexes.get(key)
        if index is None:
            index = indexes[key] = index_for(*key)
        for term, where in positions.items():
            entry = index.get(term)
            if entry is None:
                continue
            if entry[1]:
                scan.update(entry[1])
            for i in entry[0]:
                have = starts.get(i)
                starts[i] = where if have is None else have + where
        if scan:
            starts.update(dict.fromkeys(scan))
        for i, where in starts.items():
            also = alsos[i]
            if also is not None and positions.keys().isdisjoint(also):  # iterates the smaller side
                continue  # (tested before the plan is unpacked: 4 candidates in 10 stop here)
            find, anchored, requires, has_ev, label, rule_id, waived_in, value_kind = plan[i]
            if anchored:  # tried at trigger starts, without overlaps (like finditer)
                found, end = [], -1
                # (a repeated start is tried twice at most: the second try cannot add a match)
                for p in (sorted(where) if len(where) > 1 else where):
                    if p >= end:
                        m = find(text, p)
                        if m:
                            found.append(m)
                            end = m.end()
            else:
                found = list(find(text))
            if found and (requires is None or waived_in in key[1] or requires(text)):
                if piped is None:
                    piped = "|" in text
                for m in found:
                    s, e = m.span("ev") if has_ev and m.start("ev") >= 0 else m.span()
                    if piped:
                        while s < e - 1 and text[s] in " |":  # a Markdown row's "| " before a cell
                            s += 1
                        if TABLE_CELL_SEPARATOR in text[s:e].rstrip(" |"):
                            continue  # a table row's cells are read one by one ("Consent | Until you withdraw")
                    if value_kind is None:
                        add_fact(doc, s, e, label, rule_id, st=st)
                    else:  # a rule whose value group is optional may find no value
                        value = name_text(m.group("value") or "")
                        if value and e == m.end("value") and text[e - 1] == "." and not value.endswith("."):
                            e -= 1  # "offered by Acme." : the sentence's full stop is no evidence
                        add_fact(doc, s, e, label, rule_id, value, value_kind if value else "", st=st)
        if publish_here[0] is None:  # decided on first use, when the pipeline is complete
            publish_here[0] = "privcompare_values" not in nlp.pipe_names
        if publish_here[0]:  # else the values component publishes the spans once
            publish_spans(doc)
        return doc

    return concepts


@Language.factory("privcompare_values")
def make_values(nlp: Language, name: str):
    """Normalised values: retention periods, ages, recipients, contacts, dates, laws,
    deadlines and security measures (see :mod:`privcompare.annotate.extractors`)."""
    register_extensions()
    extract = extractors.ValueExtractor(nlp, ContextMatcher())

    def values(doc: Doc) -> Doc:
        st = state(doc)
        for fact in extract(doc, st):
            add_fact(doc, *fact, st=st)
        publish_spans(doc)
        return doc

    return values


@Language.factory("privcompare_negation")
def make_negation(nlp: Language, name: str):
    """Set ``Span._.polarity = "negative"`` when the sentence negates the fact."""
    register_extensions()
    lex = load_lexicon("qualifiers")
    # (the cues searched for get a look-ahead for their first characters: a speed-up only)
    cue, inside, condition, exception, turn = (
        searched(compile_pattern(lex[key], f"lexicons/qualifiers.yaml:{key}"))
        for key in ("negation", "negation_inside", "negation_condition", "negation_exception", "denial_turn"))
    exempt = compile_pattern(lex["negation_exempt"], "lexicons/qualifiers.yaml:negation_exempt")
    keeps_denial = frozenset(lex["negation_exception_keeps"])  # e.g. a denial of sale
    question, answer_no = qualifier_cue("yes_no_question"), qualifier_cue("answer_no")  # shared with annotate_many

    def answered_no(text: str, s: int, e: int) -> bool:
        """Whether the fact's sentence asks a yes/no question the next one answers "No"
        ("Do we sell your data? No, never.")."""
        return text[s:e].rstrip().endswith("?") and question.match(text, s, e) is not None \
            and answer_no.match(text, e) is not None

    def negates(text: str, s: int, lo: int, start: int) -> bool:
        """Whether the window ``text[lo:start]`` before a fact negates it; ``s`` is where its
        sentence starts (a condition may open before the window: "Where we send data to a
        country whose data protection standards are not adequate, we use ...")."""
        window = text[lo:start]
        m = cue.search(window)
        if m is None:
            return False
        close = window.find(")", m.start())
        if close >= 0 and window.rfind(")", 0, m.start()) < window.rfind("(", 0, m.start()):
            # the negation is an aside in brackets that closes before the fact: "if we are
            # ever sold (hopefully not), the buyer receives the data" denies nothing after it
            return cue.search(window, close + 1) is not None
        comma = window.rfind(",", m.start())
        if comma < 0 or not condition.search(text, s, lo + m.start()):
            return True
        return cue.search(window, comma + 1) is not None  # a negation in the main clause
    gate = frozenset(lex["negation_triggers"])

    def excepted(text: str, start: int, end: int, sentence_end: int, concept: str) -> bool:
        """Whether an exception in or right after a denied fact turns it into a condition
        ("we do not share it with third parties except our service providers"; "we do not
        transfer data abroad, except backups stored with AWS" is one fact up to "AWS")."""
        if concept in keeps_denial:
            return False
        m = exception.search(text, start, min(sentence_end, end + 100))
        return m is not None and "." not in text[end:m.start()]

    def negation(doc: Doc) -> Doc:
        st = state(doc)
        words = gate.intersection(st["positions"])  # (dict_keys & set costs 10x more)
        if not (st["facts"] and words):
            return doc  # no negation word in the clause
        text, bounds = st["text"], None
        asks = "?" in text  # (a question answered "No" below)
        row = "|" in text  # a table row: each cell is read as a sentence of its own
        negators = sorted(p for w in words for p in st["positions"][w])
        for attrs in st["facts"].values():
            start, end = attrs["start"], attrs["end"]
            if attrs["value_kind"] in NOT_NEGATABLE:
                continue
            bounds = bounds or sentence_bounds(text)
            s, e = sentence_at(text, bounds, start)
            if row:  # "Not sold | Shared with advertising partners": the "Not" is another cell's
                s = max(s, text.rfind("|", s, start) + 1)
                after = text.find("|", end, e)
                e = e if after < 0 else after
            lo = max(s, start - 80)
            # a negation word must occur in the window (or inside the fact) before the regex is asked
            i = bisect.bisect_left(negators, lo)
            if i < len(negators) and negators[i] < end:
                if ((negators[i] < start and negates(text, s, lo, start) and not exempt.match(text, start))
                        or inside.search(text, start, end)) and not excepted(text, start, end, e, attrs["concept"]):
                    attrs["polarity"] = "negative"
            if asks and attrs["polarity"] == "positive" and negators[-1] >= e and answered_no(text, s, e):
                attrs["polarity"] = "negative"
        if bounds is not None:
            _recipients_of_denials(text, bounds, st["facts"].values(), turn)
        return doc

    return negation


_DENIABLE_SHARING = frozenset({"sharing.recipients", "sharing.sale"})
_RECIPIENT_KINDS = frozenset({"recipient", "recipient_category"})


def _recipients_of_denials(text: str, bounds: list[int], facts, turn: re.Pattern) -> None:
    """Deny the recipients named after a denied sharing in its sentence, unless the sentence
    turns in between (``denial_turn`` in lexicons/qualifiers.yaml)."""
    denials = [a for a in facts if a["polarity"] == "negative" and a["concept"] in _DENIABLE_SHARING
               and a["value_kind"] not in _RECIPIENT_KINDS]
    if not denials:
        return
    for attrs in facts:
        if attrs["value_kind"] not in _RECIPIENT_KINDS or attrs["polarity"] != "positive":
            continue
        s, _ = sentence_at(text, bounds, attrs["start"])
        if any(s <= d["start"] < attrs["start"] and not turn.search(text, d["start"], attrs["start"])
               for d in denials):
            attrs["polarity"] = "negative"


@Language.factory("privcompare_qualifiers")
def make_qualifiers(nlp: Language, name: str):
    """Add ``vague`` / ``conditional`` to ``Span._.qualifier`` from the fact's sentence."""
    register_extensions()
    lex = load_lexicon("qualifiers")
    cues = tuple((qualifier, compile_pattern(lex[qualifier], f"lexicons/qualifiers.yaml:{qualifier}"),
                  frozenset(lex[f"{qualifier}_triggers"])) for qualifier in ("vague", "conditional"))

    # a cue in a fact's sentence qualifies it when it comes before the fact (not across a
    # table row's cells), or after it with no clause break between them
    clause_break = qualifier_cue("clause_break").search

    def qualifiers(doc: Doc) -> Doc:
        st = state(doc)
        if not st["facts"]:
            return doc
        text, positions, bounds, marked = st["text"], st["positions"], None, []
        for qualifier, rx, gate in cues:
            sentences: dict[int, list[int]] = {}  # sentence number -> where its cues start
            for term in gate.intersection(positions):
                for p in positions[term]:
                    if rx.match(text, p):
                        bounds = bounds or sentence_bounds(text)
                        sentences.setdefault(bisect.bisect_right(bounds, p), []).append(p)
            if sentences:
                marked.append((qualifier, sentences))
        if not marked:
            return doc
        for attrs in st["facts"].values():
            start = attrs["start"]
            sentence = bisect.bisect_right(bounds, start)
            hits = []
            for q, sentences in marked:  # (inlined: this loop runs for every fact of a clause with a cue)
                for p in sentences.get(sentence, ()):
                    if ("|" not in text[p:start]) if p < start else (clause_break(text, attrs["end"], p) is None):
                        hits.append(q)
                        break
            if hits:
                quals = set(filter(None, attrs["qualifier"].split(";"))) | set(hits)
                attrs["qualifier"] = ";".join(q for q in ("vague", "conditional") if q in quals)
        return doc

    return qualifiers
