"""Annotate: clause table -> facts, with evidence, on a rule-based spaCy pipeline.

The pipeline is ``spacy.blank("en")`` plus the project's own components (see
:mod:`privcompare.annotate.components`); rules and lexicons are data files in
``patterns/`` and ``lexicons/``. No statistical model is needed or downloaded.

>>> facts = annotate(["We do not sell your personal data.",
...                   "We keep invoices for 5 years."])
>>> facts[["segment", "concept", "polarity"]].values.tolist()[0]
[0, 'sharing.sale', 'negative']
>>> facts.loc[facts.value_kind == "days", ["segment", "value", "evidence"]].values.tolist()
[[1, '1826', '5 years']]
"""
from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections import deque
from functools import lru_cache
from itertools import islice
from operator import itemgetter
from typing import Iterable, Iterator, Sequence

import numpy as np
import pandas as pd
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..ingest.blocks import TABLE_CELL_SEPARATOR
from ..ingest.text import plain_whitespace
from ..structure.patterns import TABLE_DELIMITER_ROW
from . import components  # noqa: F401  (registers the factories)
from .components import NOT_NEGATABLE, STATE, register_extensions, state
from .extractors import cell_spans
from .resources import qualifier_cue as _cue
from .values import ambiguous_numeric_date, month_first_iso, name_key, reads_month_first

FACT_COLUMNS = ["clause_id", "concept", "polarity", "qualifier", "value", "value_kind",
                "number", "evidence", "start", "end", "rule"]
SEGMENT_COLUMNS = ["segment"] + FACT_COLUMNS[1:]
_DTYPES = {"number": float, "start": np.int64, "end": np.int64, "segment": np.int64}
TOKENIZER_CACHE_CHUNKS = 50_000
PIPE_NAMES = ["privcompare_triggers", "privcompare_concepts", "privcompare_values",
              "privcompare_negation", "privcompare_qualifiers"]
# Legal-basis sub-ids also state the parent concept (a catalog may ask for either).
_PARENT = {"legal_basis.consent", "legal_basis.contract", "legal_basis.legitimate_interest",
           "legal_basis.legal_obligation", "legal_basis.vital_interest", "legal_basis.public_task"}

__all__ = ["FACT_COLUMNS", "annotate", "annotate_clauses", "annotate_many", "annotate_texts_with_context",
           "doc_facts", "get_pipeline"]


@lru_cache(maxsize=1)
def get_pipeline() -> Language:
    """The annotation pipeline, built once per process.

    >>> get_pipeline().pipe_names[:2]
    ['privcompare_triggers', 'privcompare_concepts']
    """
    register_extensions()
    nlp = spacy.blank("en")
    # spaCy's 1,000,000-character guard protects parsers and NER from their memory
    # use; this pipeline only tokenises, and ingest already caps files at 100 MB, so
    # a long one-paragraph policy must not be rejected.
    nlp.max_length = 100 * 1024 * 1024
    # The tokeniser caches how it split each whitespace-delimited chunk, but spaCy
    # stops adding chunks after 10,000. Fifty policies hold ~14,000 distinct chunks and
    # a batch meets ~250 new ones per policy, so the default cap was full early and
    # every later rare chunk was split again each time. 50,000 chunks cost ~10 MB
    # more than the default; on 15 unseen policies after 35 others, tokenising took
    # ~11% less time.
    nlp.tokenizer.max_cache_size = TOKENIZER_CACHE_CHUNKS
    for name in PIPE_NAMES:
        nlp.add_pipe(name)
    # The pipeline, its patterns and the imported libraries live as long as the
    # process. Moving them (and whatever else exists now) out of the cyclic garbage
    # collector's view means its full collections, frequent while policies' fact
    # tables build up, no longer traverse them: ~10% of annotation time. Objects
    # frozen here are still freed by reference counting.
    gc.freeze()
    return nlp


def doc_facts(doc: Doc, prefix: tuple = (), offset: int = 0) -> list[tuple]:
    """The facts of an annotated Doc as ``prefix + (concept, polarity, qualifier, value,
    value_kind, number, evidence, start, end, rule)`` tuples sorted by position;
    offsets are into doc.text, shifted by ``offset``.

    >>> doc = get_pipeline()("We never sell personal data.")
    >>> [f[:2] for f in doc_facts(doc)]
    [('sharing.sale', 'negative')]
    """
    st = state(doc)
    text, rows, nan, marks = st.get("source", st["text"]), [], float("nan"), st.get("marks")
    for a in st["facts"].values():
        start, end, concept, rule = a["start"], a["end"], a["concept"], a["rule"]
        if marks is not None:
            start, end = _source_offset(marks, start), _source_offset(marks, end - 1) + 1
        number = a["number"]
        number = nan if number is None else float(number)
        evidence = text[start:end]
        rows.append(prefix + (concept, a["polarity"], a["qualifier"], a["value"], a["value_kind"], number,
                              evidence, start + offset, end + offset, rule))
        if concept in _PARENT:
            rows.append(prefix + ("legal_basis", a["polarity"], a["qualifier"], concept.split(".", 1)[1],
                                  "basis", number, evidence, start + offset, end + offset, rule))
    if len(rows) > 1:
        k = len(prefix)
        rows.sort(key=itemgetter(k + 7, k + 8, k, k + 9))  # start, end, concept, rule
    return rows


# Line breaks inside one clause are a paragraph wrapped to a width (PDFs, plain-text files
# with hard line ends: "the right to\nlodge a complaint"), and runs of spaces are layout;
# the rules are written with single spaces, so they read each such run as one space. A
# line that ends in a hyphen inside a word goes on without one ("privacy@brunnen-\n
# mobility.de", "cross-\nborder"): the line was broken at the hyphen.
_LAYOUT_SPACE = re.compile(r"(?P<hyphen>(?<=\w-)\n[ \t]*(?=[a-z0-9]))|[ \t]*\n[ \t]*|[ \t]{2,}|\t")


def unwrap(text: str) -> tuple[str, list[tuple[int, int]] | None]:
    r"""``text`` with each line break or run of spaces inside it as one space (none after
    a hyphen that breaks a word), and the marks that map offsets in the result back to
    ``text`` (None when nothing changed).

    >>> unwrap("the right to\n  lodge a complaint")
    ('the right to lodge a complaint', [(0, 0), (13, 15)])
    >>> unwrap("write to privacy@acme-\nshop.example")
    ('write to privacy@acme-shop.example', [(0, 0), (22, 23)])
    >>> unwrap("one line")
    ('one line', None)
    """
    if "\n" not in text and "  " not in text and "\t" not in text:
        return text, None
    parts, marks, pos, read = [], [(0, 0)], 0, 0
    for m in _LAYOUT_SPACE.finditer(text):
        parts.append(text[pos:m.start()])
        joined = m.start("hyphen") >= 0  # a word broken at its hyphen
        read += m.start() - pos + (0 if joined else 1)
        if not joined:
            parts.append(" ")
        pos = m.end()
        marks.append((read, pos))
    if len(marks) == 1:
        return text, None
    parts.append(text[pos:])
    return "".join(parts), marks


def _source_offset(marks: list[tuple[int, int]], offset: int) -> int:
    """The offset in the original text of ``offset`` in the unwrapped one (see ``unwrap``)."""
    read, source = marks[bisect_right(marks, (offset, float("inf"))) - 1]
    return source + offset - read


def _make_doc(nlp: Language, text: str, heading: str = "", clause=None, source: str | None = None,
              columns: list[str] | None = None) -> Doc:
    """A Doc for the table-building functions below: they read the fact table only and
    drop the Doc, so no ``doc.spans["facts"]`` is built (``keep_spans``). The rules read
    the clause unwrapped (``unwrap``); offsets and evidence are mapped back to ``source``
    (default ``text``), so the evidence is the text exactly as written."""
    # (the test is repeated here: most clauses have nothing to unwrap, and the call costs)
    read, marks = unwrap(text) if "\n" in text or "  " in text or "\t" in text else (text, None)
    doc = nlp.make_doc(read)
    doc.user_data[STATE] = {"text": read, "heading": heading, "positions": {}, "facts": {},
                            "clause": clause, "keep_spans": False}
    if marks is not None or source is not None:
        doc.user_data[STATE]["source"] = text if source is None else source
    if marks is not None:
        doc.user_data[STATE]["marks"] = marks
    if columns:  # a table row: its table's header cells, column by column
        doc.user_data[STATE]["columns"] = columns
    return doc


def _make_segment_doc(nlp: Language, text: str, heading: str = "") -> Doc:
    """Like ``_make_doc`` for a caller's own text, which is not normalised like a
    policy's: the rules read it with plain spaces and line breaks for NBSP, CRLF and
    the like (same length, same offsets), the evidence is cut from ``text`` itself."""
    plain = plain_whitespace(text)
    return _make_doc(nlp, plain, heading, source=None if plain is text else text)


def _run(nlp: Language, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
    """Run the pipeline's components over made Docs, ``batch_size`` Docs at a time.

    Equivalent to ``nlp.pipe(docs)`` for this pipeline (its components are plain
    functions without a batch ``.pipe``), without the per-component generator
    chain and error-handler wrapping, which cost several per cent of run time on
    policies of a few thousand short clauses. Like ``nlp.pipe``, it tokenises a
    batch and then runs each component over the whole batch: the tokeniser's and
    each component's tables stay in the CPU's caches, which made the pipeline about
    8% faster than running all components over one Doc before the next.
    """
    procs = [proc for _, proc in nlp.pipeline]
    if any(hasattr(proc, "pipe") for proc in procs):  # a batch component was added: let spaCy batch
        yield from nlp.pipe(docs, batch_size=batch_size)
        return
    docs = iter(docs)
    while True:
        batch = list(islice(docs, batch_size))
        if not batch:
            return
        for proc in procs:
            batch = [proc(doc) for doc in batch]
        yield from batch


def annotate(texts: Iterable[str], batch_size: int = 256) -> pd.DataFrame:
    """Annotate independent text segments.

    Returns the fact columns with ``segment`` (index into ``texts``) instead of
    ``clause_id``; ``start``/``end`` are offsets into ``texts[segment]``. The texts
    are not normalised (that would move offsets), but NBSP and other Unicode spaces
    are read as spaces, and CR and line separators as line breaks.

    >>> facts = annotate(["Contact us at privacy@example.com."])
    >>> facts.loc[facts.value_kind == "email", ["segment", "value", "start", "end"]].values.tolist()
    [[0, 'privacy@example.com', 14, 33]]
    """
    nlp = get_pipeline()
    rows = []
    docs = (_make_segment_doc(nlp, t) for t in texts)
    for i, doc in enumerate(_run(nlp, docs, batch_size)):
        rows.extend(doc_facts(doc, (i,)))
    return _frame(rows, SEGMENT_COLUMNS)


def _frame(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    if not rows:
        return pd.DataFrame(rows, columns=columns).astype({"number": float, "start": int, "end": int})
    # column-wise numpy arrays: several times faster than building from row tuples;
    # the dict already holds the columns in order, and passing columns= as well makes
    # pandas re-index the dict through a Series (about 3x the construction time)
    data = {name: np.array(values, dtype=_DTYPES.get(name, object))
            for name, values in zip(columns, zip(*rows))}
    return pd.DataFrame(data, copy=False)


_LAST_SENTENCE = re.compile(r"(?:^|(?<=[.!?] ))[^.!?]*$|[^ ]*$")  # (the second branch: "e.g.:" endings)


def _cells(text: str) -> list[str] | None:
    """The cells of a table row ("a | b", or Markdown's "| a | b |"), or ``None`` for a clause
    that is no row."""
    if TABLE_CELL_SEPARATOR not in text:
        return None
    return [text[s:e] for s, e in cell_spans(text)]


def _header_cells(cells: list[str]) -> list[str] | None:
    """``cells`` when they read as a table's header ("Purpose | Data | Legal basis | How
    long"): two or more short labels without numbers or full stops. ``None`` otherwise.

    >>> _header_cells(_cells("| Purpose | Legal basis | How long we keep it |"))
    ['Purpose', 'Legal basis', 'How long we keep it']
    >>> _header_cells(_cells("Orders | Contract | 5 years")) is None
    True
    """
    if len(cells) < 2 or not all(1 <= len(cell.split()) <= 6 and not any(ch.isdigit() for ch in cell)
                                 and not cell.endswith((".", ":", ";")) for cell in cells):
        return None
    return cells


def _clause_docs(nlp: Language, clauses: pd.DataFrame, key: int) -> Iterator[Doc]:
    cols = [clauses[c].tolist() for c in ("clause_id", "kind", "section", "heading", "text", "start")]
    lead_in = ""  # the clause that introduces a list ("You have the following rights:")
    header = None  # the header cells of the table being read, one row per clause
    for clause_id, kind, section, heading, text, start in zip(*cols):
        text = str(text)
        context = str(section or "") if kind == "heading" else f"{section or ''} > {heading or ''}"
        if kind == "heading":  # a heading's own text is not its context
            context = context.rpartition(" > ")[0]
        cells, columns = _cells(text), None
        if cells is None:
            if header is not None and not TABLE_DELIMITER_ROW.fullmatch(text):
                header = None
        elif header is not None and len(cells) == len(header):
            # a row is read under its table's header as under a heading: a "How long" or
            # "Legal basis" column gives its cells' topic ("Newsletter | Consent | 2 years")
            context = f"{context.strip(' >')} > {TABLE_CELL_SEPARATOR.join(header)}"
            columns = header
        else:
            header = _header_cells(cells)
        if kind == "list_item":
            if lead_in:  # a list's items are read under their lead-in, as under a heading
                context = f"{context.strip(' >')} > {lead_in}"
        elif lead_in or ":" in text:
            # its last sentence only: the context rules were written for headings
            lead_in = _LAST_SENTENCE.search(" ".join(text.split())).group()[-200:] \
                if text.rstrip().endswith(":") else ""
        yield _make_doc(nlp, text, context.strip(" >"), (key, clause_id, int(start), kind), columns=columns)


def annotate_clauses(clauses: pd.DataFrame, batch_size: int = 256) -> pd.DataFrame:
    """Facts of one policy's clause table (columns in ``docs/architecture.md``).

    Offsets are into the policy text (``clause.start`` + offset in the clause), so
    ``policy.text[start:end] == evidence``. A clause's heading path is used as
    context, e.g. a list item "Deletion: remove your data" under "Your Rights".

    >>> import privcompare as pc
    >>> p = pc.Policy.from_text("Children\\nOur service is not for anyone under 16.")
    >>> p.facts.loc[p.facts.value_kind == "age", ["concept", "value"]].values.tolist()
    [['children', '16']]
    """
    return next(annotate_many([clauses], batch_size=batch_size))


def annotate_many(tables: Iterable[pd.DataFrame], batch_size: int = 256) -> Iterator[pd.DataFrame]:
    """Annotate many policies' clause tables in one ``nlp.pipe`` stream.

    Yields one facts DataFrame per input table, in order (empty tables give
    empty frames). Tables are consumed lazily, so a generator of policies
    streams with bounded memory.

    >>> import privcompare as pc
    >>> tables = (pc.Policy.from_text(t).clauses for t in ["We sell data.", "", "Email a@b.co"])
    >>> [len(f) > 0 for f in annotate_many(tables)]
    [True, False, True]
    """
    nlp = get_pipeline()
    pending: deque[int] = deque()

    tables_open: dict[int, pd.DataFrame] = {}  # each policy's clause table until its facts are yielded

    def docs() -> Iterator[Doc]:
        for key, table in enumerate(tables):
            pending.append(key)
            if len(table):
                tables_open[key] = table
                yield from _clause_docs(nlp, table, key)

    def finished(rows: list[tuple], key: int) -> pd.DataFrame:
        table = tables_open.pop(key, None)
        rows = _with_dates_read_in_policy_order(_without_own_name_as_recipient(rows),
                                                () if table is None else table["text"])
        if table is not None:
            rows = _with_topics_their_sections_deny(rows, table)
        return _frame(rows, FACT_COLUMNS)

    rows: list[tuple] = []
    question: tuple | None = None  # (policy key, facts) of a yes/no question awaiting its answer
    denied = None  # policy key of a list whose lead-in denies its items ("We will never:")
    negative_lead_in, yes_no_question = _cue("negative_lead_in"), _cue("yes_no_question")
    for doc in _run(nlp, docs(), batch_size):
        st = doc.user_data[STATE]  # set by _make_doc
        key, clause_id, offset, kind = st["clause"]
        if question is not None and question[0] < key:
            rows.extend(question[1])
            question = None
        while pending[0] < key:
            yield finished(rows, pending.popleft())
            rows = []
        facts = doc_facts(doc, (clause_id,), offset) if st["facts"] else []
        text = st["text"]
        if kind == "list_item":
            if denied == key and facts:
                facts = _negated(facts, "+negative_lead_in")
        elif denied is not None or ":" in text:
            denied = key if text.rstrip().endswith(":") and negative_lead_in.match(text) else None
        if question is not None:
            rows.extend(answered(question[1], text, facts))
            question = None
        if facts and "?" in text and text.rstrip().endswith("?") and yes_no_question.match(text):
            question = (key, facts)
        else:
            rows.extend(facts)
    if question is not None:
        rows.extend(question[1])
    while pending:
        yield finished(rows, pending.popleft())
        rows = []


# positions in a clause fact tuple, which holds FACT_COLUMNS in order (clause_id first)
_CONCEPT, _POLARITY, _VALUE, _VALUE_KIND, _RULE = map(FACT_COLUMNS.index,
                                                ("concept", "polarity", "value", "value_kind", "rule"))


def answered(question: list[tuple], answer: str, answer_facts: list[tuple]) -> list[tuple]:
    """The facts of a yes/no question clause, given the clause that answers it.

    An answer starting "No" (or "Never") makes them negative; one starting "Yes" keeps
    them; otherwise a question's fact takes the negative polarity of the answer's facts
    of its concept when they are all negative ("Do you sell my data?" / "We do not sell
    personal data."). A changed fact's rule says so (``sale+answered_no``).

    >>> q = [("5-0", "sharing.sale", "positive", "", "", "", float("nan"), "sell my data", 3, 15, "sale")]
    >>> [(f[2], f[10]) for f in answered(q, "No, never.", [])]
    [('negative', 'sale+answered_no')]
    >>> [f[2] for f in answered(q, "Yes, to partners.", [])]
    ['positive']
    """
    if _cue("answer_yes").match(answer):
        return question
    if _cue("answer_no").match(answer):
        return _negated(question, "+answered_no")
    said: dict[str, set[str]] = {}
    for f in answer_facts:
        said.setdefault(f[_CONCEPT], set()).add(f[_POLARITY])
    return _negated(question, "+answered_no", lambda f: said.get(f[_CONCEPT]) == {"negative"})


_EVIDENCE = FACT_COLUMNS.index("evidence")


def _with_dates_read_in_policy_order(facts: list[tuple], texts: Sequence[str]) -> list[tuple]:
    """One policy's facts with each ambiguous numeric policy date ("03/04/2025") read the
    way the policy writes dates: month first when :func:`~.values.reads_month_first` says
    so for its whole text (a US notice), else day first as the extractor read it. The
    whole text is only read when such a date was found.
    """
    if not any(f[_VALUE_KIND] == "date" and ambiguous_numeric_date(f[_EVIDENCE]) for f in facts):
        return facts
    if not reads_month_first("\n".join(map(str, texts))):
        return facts
    return [f[:_VALUE] + (month_first_iso(f[_EVIDENCE]) or f[_VALUE],) + f[_VALUE + 1:_RULE]
            + (f[_RULE] + "+month_first",)
            if f[_VALUE_KIND] == "date" and ambiguous_numeric_date(f[_EVIDENCE]) else f for f in facts]


def _without_own_name_as_recipient(facts: list[tuple]) -> list[tuple]:
    """One policy's facts without the named recipients that are the controller itself.

    A policy names its own organisation where data goes ("Salesforce may share it within
    the Salesforce corporate group", "the information you share with Twitter"), and the
    recipient lexicon reads that name as a recipient; the controller is no recipient of
    its own processing. The controller is who the policy says it is (positive
    ``controller.identity`` names); "Twitter" is the controller named "Twitter
    International Company" too. Without such a name nothing is dropped.
    """
    own = {name_key(f[_VALUE]) for f in facts if f[_CONCEPT] == "controller.identity"
           and f[_VALUE_KIND] == "name" and f[_POLARITY] == "positive" and f[_VALUE]}
    own.discard("")
    if not own:
        return facts

    def is_own(name: str) -> bool:
        key = name_key(name)
        return any(key == o or o.startswith(key + " ") for o in own)

    return [f for f in facts if f[_VALUE_KIND] != "recipient" or not is_own(f[_VALUE])]


# Practices a section can deny under a heading that names them: "Transfers outside the UK"
# over "We do not transfer your personal data outside the UK" states no transfer, and
# "Automated decision-making" over "We do not use automated decision-making" none.
_DENIABLE_TOPICS = frozenset({"transfer.international", "sharing.sale", "cookies", "dpo", "right.automated_decision"})


def _with_topics_their_sections_deny(facts: list[tuple], clauses: pd.DataFrame) -> list[tuple]:
    """One policy's facts with a heading's fact of a practice made negative when every fact
    of that practice in the heading's own section (the clauses under it, not sub-headings)
    is negative; the rule says so (``transfer_title+section_denies``). A heading names a
    topic, and the section is what the policy says about it: a notice that denies
    transfers under a "Transfers" heading does not transfer data, so the law's duty to name
    transfer safeguards does not apply to it."""
    polarities: dict[str, set[str]] = {}
    for f in facts:
        if f[_CONCEPT] in _DENIABLE_TOPICS:
            polarities.setdefault(f[_CONCEPT], set()).add(f[_POLARITY])
    topics = {c for c, seen in polarities.items() if len(seen) == 2}  # both positive and negative facts
    if not topics:
        return facts
    kinds = dict(zip(clauses["clause_id"], clauses["kind"]))
    sections = dict(zip(clauses["clause_id"], clauses["section"]))
    body: dict[tuple, set[str]] = {}  # (section, concept) -> polarities of the facts under that heading
    for f in facts:
        if f[_CONCEPT] in topics and kinds.get(f[0]) != "heading":
            body.setdefault((sections.get(f[0]), f[_CONCEPT]), set()).add(f[_POLARITY])

    def denied(f: tuple) -> bool:
        return (f[_CONCEPT] in topics and kinds.get(f[0]) == "heading"
                and body.get((sections.get(f[0]), f[_CONCEPT])) == {"negative"})

    return _negated(facts, "+section_denies", denied)


def _negated(facts: list[tuple], why: str, which=lambda f: True) -> list[tuple]:
    """``facts`` with the positive ones ``which`` selects made negative, ``why`` added to their rule."""
    return [f[:_POLARITY] + ("negative",) + f[_POLARITY + 1:_RULE] + (f[_RULE] + why,)
            if f[_POLARITY] == "positive" and f[_VALUE_KIND] not in NOT_NEGATABLE and which(f) else f
            for f in facts]


def annotate_texts_with_context(texts: Sequence[str], headings: Sequence[str]) -> pd.DataFrame:
    """Like :func:`annotate`, with a heading path per text used as context.

    >>> set(annotate_texts_with_context(["Deletion: remove your data"], ["Your Rights"]).concept)
    {'right.erasure'}
    """
    nlp = get_pipeline()
    rows = []
    docs = (_make_segment_doc(nlp, t, h) for t, h in zip(texts, headings))
    for i, doc in enumerate(_run(nlp, docs)):
        rows.extend(doc_facts(doc, (i,)))
    return _frame(rows, SEGMENT_COLUMNS)
