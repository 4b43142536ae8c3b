"""Line patterns of the text parser: bullets, enumerators, Markdown, debris, company forms.

The debris list and the company forms are data (``debris.yaml``, ``company_forms.yaml``) so
they can be reviewed and extended without touching the parser; the annotators read the
company forms from here too.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

# "- item", "* item", "+ item" need a space; typographic bullets may touch the text.
BULLET = re.compile(r"(?:[-*+–](?=\s)|[•·▪◦●○■□➢►‣⁃✓✔➤])\s*(?=\S)")

ENUMERATOR = re.compile(
    r"""(?:
        (?P<dec>\d{1,3}(?:\.\d{1,3})+)(?P<decdot>\.?)(?=\s+[^\sa-z])   # 2.1 / 2.1.3 / 2.1.  (not "1.5 million")
      | (?P<num>\d{1,3})(?P<numdelim>[.)-])(?=\s+\S)                 # 1.  1)  1-
      | \((?P<pnum>\d{1,3})\)(?=\s+\S)                                # (1)
      | \((?P<palpha>[a-z]{1,2}|[ivxlc]{1,6})\)(?=\s+\S)              # (a)  (iv)
      | (?P<roman>[ivxlc]{2,6}|[IVXLC]{2,6})(?P<romandelim>[.)])(?=\s+\S)   # iv.  IV)
      | (?P<alpha>[a-zA-Z])(?P<alphadelim>\))(?=\s+\S)                    # a)  A)
      | (?P<alphadot>[a-zA-Z])\.(?=\s+(?:[A-Z(\"“'‘0-9]|[a-z]{2,}))      # A.  a. then a capital or a word (not "e. g.")
    )\s+""",
    re.X,
)

# an FAQ's question and answer marks: "Q: Do you sell my data?" / "A: No."
QA_MARKER = re.compile(r"(?:(?P<q>Q|Question)|A|Answer)[ \t]*:[ \t]+(?=\S)")
MARKDOWN_HEADING = re.compile(r"(#{1,6})[ \t]+(?=\S)")
MARKDOWN_CLOSING = re.compile(r"[ \t]+#+$")
BOLD_LINE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1:?")
# a whole line in Markdown italics ("_Effective: June 1, 2023_"): its text without the marks
ITALIC_LINE = re.compile(r"([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1")
RULE_LINE = re.compile(r"(?:([-=*_~])[ \t]*)\1(?:[ \t]*\1)+")
# the delimiter row under a Markdown table's header ("|---|:---:|", "| --- | --- |",
# "---|---") or a grid table's border ("+----+----+"): layout, not content
TABLE_DELIMITER_ROW = re.compile(r"[ \t]*[|+]?(?:[ \t]*:?-+:?[ \t]*[|+])+(?:[ \t]*:?-+:?[ \t]*)?")

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def roman_value(s: str) -> int:
    """Value of a (lower- or upper-case) Roman numeral; ``roman_value('iv') == 4``."""
    total, prev = 0, 0
    for ch in reversed(s.lower()):
        v = _ROMAN.get(ch, 0)
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


def parse_enumerator(m: re.Match) -> tuple[str, tuple, int, int]:
    """``(number as written, style key, depth, value)`` for an ENUMERATOR match.

    The style key groups enumerators that belong to one numbering scheme:
    ``2.`` and ``2.1`` share ``("dec", ".")`` with depths 1 and 2.
    """
    g = m.groupdict()
    if g["dec"]:
        parts = g["dec"].split(".")
        return g["dec"] + g["decdot"], ("dec", "."), len(parts), int(parts[-1])
    if g["num"]:
        return g["num"] + g["numdelim"], ("dec", g["numdelim"]), 1, int(g["num"])
    if g["pnum"]:
        return f"({g['pnum']})", ("pnum",), 1, int(g["pnum"])
    if g["palpha"]:
        s = g["palpha"]
        if len(s) > 1 or s in "ivx":
            return f"({s})", ("proman",), 1, roman_value(s)
        return f"({s})", ("palpha",), 1, ord(s) - 96
    if g["roman"]:
        s = g["roman"]
        return s + g["romandelim"], ("roman", s.isupper(), g["romandelim"]), 1, roman_value(s)
    s, delim = (g["alpha"], ")") if g["alpha"] else (g["alphadot"], ".")
    if s in "iIvVxX":  # "I." / "V." start Roman lists far more often than the 9th letter
        return s + delim, ("roman", s.isupper(), delim), 1, roman_value(s)
    return s + delim, ("alpha", s.isupper(), delim), 1, ord(s.lower()) - 96


@lru_cache(maxsize=None)
def debris_patterns(path: str | None = None) -> tuple[int, list[tuple[str, re.Pattern, str]]]:
    """Load ``debris.yaml``: ``(max_chars, [(id, compiled pattern, example), ...])``."""
    source = Path(path) if path else Path(__file__).with_name("debris.yaml")
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    compiled = [(e["id"], re.compile(e["pattern"], re.I), e["example"]) for e in data["patterns"]]
    return int(data["max_chars"]), compiled


@lru_cache(maxsize=1)
def _debris_regex() -> tuple[int, re.Pattern]:
    max_chars, entries = debris_patterns()
    combined = "|".join(f"(?:{p.pattern})" for _, p, _ in entries)
    return max_chars, re.compile(combined, re.I)


def is_debris(line: str) -> bool:
    """True if the whole (stripped) line is web-page chrome such as "Back to top".

    >>> is_debris("← Back to Home"), is_debris("Back to our home page we go, with your data.")
    (True, False)
    """
    max_chars, regex = _debris_regex()
    line = line.strip()
    return 0 < len(line) <= max_chars and regex.fullmatch(line) is not None


@lru_cache(maxsize=None)
def company_forms(words: bool = True, dotted: bool = False) -> tuple[str, ...]:
    """Company legal forms from ``company_forms.yaml``, without a final full stop, longest
    first (so an alternation tries "ASA" before "AS"); ``words=False`` leaves out the forms
    that are ordinary words too ("Company"), ``dotted=True`` keeps only the abbreviations
    usually written with a final stop ("Inc.", not "GmbH").

    >>> "GmbH" in company_forms(), "Company" in company_forms(words=False), "AB" in company_forms(dotted=True)
    (True, False, False)
    """
    data = yaml.safe_load(Path(__file__).with_name("company_forms.yaml").read_text(encoding="utf-8"))
    forms = [str(f) for f in data["forms"]] + ([str(f) for f in data["words"]] if words else [])
    forms = [f.removesuffix(".") for f in forms if f.endswith(".") or not dotted]
    return tuple(sorted(dict.fromkeys(forms), key=lambda f: (-len(f), f)))


def company_form_regex(words: bool = True, dotted: bool = False) -> str:
    """An alternation of the company forms (see :func:`company_forms`), case-sensitive, for
    a longer regex: a form's own full stops are literal, its final one is the caller's to allow.

    >>> re.fullmatch(company_form_regex() + r"\\.?", "S.r.l.") is not None
    True
    """
    return "(?-i:" + "|".join(re.escape(f) for f in company_forms(words, dotted)) + ")"
