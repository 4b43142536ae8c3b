"""Text normalisation shared by every reader (and by ``Policy.from_text``).

Normalised text is what all offsets in privcompare point into, so the rules
are few, line-local and idempotent: ``normalize_text(normalize_text(t)) ==
normalize_text(t)``.
"""
from __future__ import annotations

import re

# Line and paragraph separators, form feeds (PDF page breaks) and vertical tabs
# all end a line (CRLF is replaced first, so a lone CR is one break).
_NEWLINES = re.compile("[\r\x0b\x0c\x85\u2028\u2029]")
# NBSP, the Unicode space family, narrow NBSP, medium maths space, ideographic space.
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Zero-width and invisible characters (incl. BOM and soft hyphen), plus C0/C1
# control characters other than tab and newline: they carry no text and break
# regexes and offsets downstream.
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")
# Any character one of the three substitutions above would change: most texts have
# none, and one scan for them is a third of the cost of the three substitutions.
_ANY_ODD = re.compile("[" + "".join(rx.pattern[1:-1] for rx in (_NEWLINES, _SPACES, _INVISIBLE)) + "]")
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)


def normalize_text(text: str) -> str:
    """Normalise line endings, spaces and invisible characters; keep indentation.

    ``\\r\\n``/``\\r`` become ``\\n``; NBSP and other Unicode spaces become a
    plain space; zero-width characters are removed; trailing spaces are
    stripped from every line. Leading indentation is kept because list nesting
    depends on it.

    >>> normalize_text("Title\\r\\n  1.\\u00a0Item\\u200b  \\rEnd")
    'Title\\n  1. Item\\nEnd'
    """
    # Each step is a single C-level pass, so a 50 MB file stays fast; steps that
    # cannot change the text are skipped (normalising took ~10% of annotating).
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    if _ANY_ODD.search(text):
        text = _NEWLINES.sub("\n", text)
        text = _SPACES.sub(" ", text)
        text = _INVISIBLE.sub("", text)
    if " \n" in text or "\t\n" in text or text.endswith((" ", "\t")):
        text = _TRAILING.sub("", text)
    return text
