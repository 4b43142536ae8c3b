"""Whom a breach notice goes to: the people affected, or an authority.

A policy that promises to tell "the supervisory authority" about a breach has said
nothing about telling the people affected, and the other way round; laws ask for both
separately (GDPR Art. 33 and 34). :func:`addressees` reads the sentences of a clause's
breach facts for the addressees the lexicon ``lexicons/breach.yaml`` knows.
"""
from __future__ import annotations

from functools import lru_cache

from .resources import compile_pattern, expand_fragments, load_lexicon
from .scan import sentence_at, sentence_bounds

CONCEPT = "breach.notification"


@lru_cache(maxsize=None)
def _patterns() -> tuple:
    where = "lexicons/breach.yaml:addressees"
    return tuple((name, compile_pattern(expand_fragments(rx, f"{where}.{name}"), f"{where}.{name}"))
                 for name, rx in load_lexicon("breach")["addressees"].items())


def addressees(text: str, facts) -> list[tuple]:
    """Fact tuples (see :mod:`.extractors`) for each addressee named in the sentence of a
    breach fact among ``facts`` (the per-doc fact table's values), the addressee's name
    (``individuals``, ``authority``) as value of kind ``addressee``.

    >>> facts = [{"concept": "breach.notification", "start": 3, "end": 9}]
    >>> [(f[4], text[f[0]:f[1]]) for text in ["If a breach occurs, we will notify you and the relevant authority."]
    ...  for f in addressees(text, facts)]
    [('individuals', 'notify you'), ('authority', 'relevant authority')]
    """
    starts = [f["start"] for f in facts if f["concept"] == CONCEPT]
    if not starts:
        return []
    bounds = sentence_bounds(text)
    sentences = sorted({sentence_at(text, bounds, start) for start in starts})
    return [(m.start(), m.end(), CONCEPT, "breach_addressee", name, "addressee", None, "")
            for s, e in sentences for name, rx in _patterns() for m in rx.finditer(text, s, e)]
