"""Text normalisation shared by every reader (and by ``Policy.from_text``).

Normalised text is what all offsets in privcompare point into, so the rules
are few, line-local and idempotent: ``normalize_text(normalize_text(t)) ==
normalize_text(t)``.
"""
from __future__ import annotations

import re

# Line and paragraph separators, form feeds (PDF page breaks) and vertical tabs
# all end a line (CRLF is replaced first, so a lone CR is one break).
_NEWLINE_CHARS = "\r\x0b\x0c\x85\u2028\u2029"
_NEWLINES = re.compile(f"[{_NEWLINE_CHARS}]")
# NBSP, the Unicode space family, narrow NBSP, medium maths space, ideographic space.
_SPACE_CHARS = "\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_SPACES = re.compile(f"[{_SPACE_CHARS}]")
# Zero-width and invisible characters (incl. BOM and soft hyphen), plus C0/C1
# control characters other than tab and newline: they carry no text and break
# regexes and offsets downstream.
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")
# Typographic ligatures, which PDF text extraction often returns as one character
# ("notiﬁcation", "ﬁle a complaint"): the rules and a reader's search want the letters.
_LIGATURE_TABLE = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                                 "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
_LIGATURES = re.compile("[\ufb00-\ufb06]")
# Any character one of the substitutions above would change: most texts have none,
# and one scan for them is a third of the cost of the substitutions.
_ANY_ODD = re.compile("[" + "".join(rx.pattern[1:-1] for rx in (_NEWLINES, _SPACES, _INVISIBLE, _LIGATURES))
                      + "]")
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)


# The one-for-one substitutions of normalize_text (a space or a line break for another
# character): text that passes through them keeps every offset.
_ONE_FOR_ONE = re.compile(f"[{_NEWLINE_CHARS}{_SPACE_CHARS}]")
_ONE_FOR_ONE_TABLE = str.maketrans({**dict.fromkeys(_NEWLINE_CHARS, "\n"), **dict.fromkeys(_SPACE_CHARS, " ")})


def plain_whitespace(text: str) -> str:
    """``text`` with NBSP and the other Unicode spaces as " " and carriage returns and
    line separators as "\\n": the same length, so offsets into it are offsets into
    ``text``. For text that cannot be normalised because its offsets are the caller's.

    >>> plain_whitespace("a\\u00a0b\\r\\nc")
    'a b\\n\\nc'
    """
    return text.translate(_ONE_FOR_ONE_TABLE) if _ONE_FOR_ONE.search(text) else text


def normalize_text(text: str) -> str:
    """Normalise line endings, spaces and invisible characters; keep indentation.

    ``\\r\\n``/``\\r`` become ``\\n``; NBSP and other Unicode spaces become a
    plain space; zero-width characters are removed; ligatures ("\\ufb01") become
    their letters; trailing spaces are stripped from every line. Leading
    indentation is kept because list nesting depends on it.

    >>> normalize_text("Title\\r\\n  1.\\u00a0Item\\u200b  \\rEnd")
    'Title\\n  1. Item\\nEnd'
    >>> normalize_text("noti\\ufb01cation")
    'notification'
    """
    # Each step is a single C-level pass, so a 50 MB file stays fast; steps that
    # cannot change the text are skipped (normalising took ~10% of annotating).
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    if _ANY_ODD.search(text):
        text = _NEWLINES.sub("\n", text)
        text = _SPACES.sub(" ", text)
        text = _INVISIBLE.sub("", text)
        if _LIGATURES.search(text):
            text = text.translate(_LIGATURE_TABLE)
    if " \n" in text or "\t\n" in text or text.endswith((" ", "\t")):
        text = _TRAILING.sub("", text)
    return text
