"""Is a short line title-like? The shape tests behind unnumbered/numbered headings.

Shape alone never makes a heading: the parser also checks what follows (body
text) and what precedes (a "Label:" heading is followed by its value, not by
another heading). These functions only answer "could this line be a title?".
"""
from __future__ import annotations

import re

from .patterns import company_form_regex

MAX_TITLE_WORDS = 12
MAX_CHAINED_TITLE_WORDS = 20  # a numbered title after a numbered heading of the same chain
MAX_TITLE_CHARS = 100
_MAX_ANY_TITLE_CHARS = MAX_TITLE_CHARS * MAX_CHAINED_TITLE_WORDS // MAX_TITLE_WORDS
# Short sentence-case headings ("How we use data") are accepted only when a body follows.
MAX_SENTENCE_CASE_WORDS = 6
# Those that start with a question word run longer in UK-style notices: "How we use it and
# our lawful bases", "How we get the information and why we have it" (the ICO's template).
MAX_WH_SENTENCE_CASE_WORDS = 10
_WH_START = re.compile(r"(?:How|What|Who|Why|When|Where|Which)\b")
MIN_TITLE_CASE_RATIO = 0.6

# Function words that stay lower-case in Title Case.
STOPWORDS = frozenset("""
a an the and or nor but of to in on at by for from with within without about above below under over
into onto upon through throughout via per as vs than then so if is are be our your their its this that
these those we you us they it his her my me do does not no how what who when where why which
""".split())
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_BAD_END = frozenset(".,;!?")
# E-mail/web addresses, table rows ("Stripe | payments"), postcodes and phone
# numbers ("Springfield, IL 62701", "Wilmslow SK9 5AF", "+84 377 316 720") are
# content, not titles.
_ADDRESS_MARK = re.compile(r"\d{5,}|\d{3}[-\s]\d{3}|\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b")
_CONTENT_MARK = rf"@|://|www\.|\s\|\s|(?-i:{_ADDRESS_MARK.pattern})"
_NOT_TITLE = re.compile(_CONTENT_MARK + r"|\.(?:com|org|net|io)\b", re.I)
# "Last updated on 20 August 2025", "Effective 1.3.2024": a document's date line, not the
# title of what follows
_DATE_LINE = re.compile(r"\W*(?:(?:last|date)\s+)?(?:updated|modified|revised|amended|effective|valid|version"
                        r"|in effect)\b.*\d{4}\W*$", re.I)
# in a question heading a domain is a brand ("Why does Booking.com collect data?")
_NOT_QUESTION_TITLE = re.compile(_CONTENT_MARK, re.I)


_QUESTION = re.compile(r"[\"'“‘(]?(?:what|how|why|who|whom|whose|when|where|which|do|does|can|will|is|are"
                       r"|should|may)\b", re.I)
# "Acme Inc." / "St." / "Acme GmbH.": a name or an abbreviation, not a title's full stop
_ETC_END = re.compile(r"[\s,]etc\.$")
_ABBREVIATION_END = re.compile(r"\b(?:\w{1,3}|" + company_form_regex() + r")\.$")


def _title_body(s: str) -> str:
    """``s`` without the end mark a title may carry: the "?" of a question heading ("What
    information do we collect?") or the "." after a Title Case label ("User Data.")."""
    if len(s) > _MAX_ANY_TITLE_CHARS or len(s) < 2:  # most lines are paragraphs: decide on length first
        return s
    if s.endswith("etc.") and _ETC_END.search(s):  # "Requests for Disclosure, etc." (a Japanese notice's title)
        return s[:-1]
    if s[-1] == "?" and s[-2] not in "?!" and _QUESTION.match(s):
        return s[:-1].rstrip()
    if (s[-1] == "." and s[-2] != "." and "," not in s and 2 <= s.count(" ") + 1 <= MAX_CHAINED_TITLE_WORDS
            and s[0].isupper() and s.split()[0].lower() not in STOPWORDS  # "We are Acme." is a sentence
            and not _ABBREVIATION_END.search(s) and title_case_ratio(s) >= MIN_TITLE_CASE_RATIO):
        return s[:-1].rstrip()
    return s


def _shape_ok(s: str, max_words: int = MAX_TITLE_WORDS, label_value: bool = False) -> bool:
    question = s.endswith("?")
    s = _title_body(s)
    if not s or len(s) > MAX_TITLE_CHARS * max_words // MAX_TITLE_WORDS or s[-1] in _BAD_END:
        return False
    colon = s.find(":")
    if colon != -1 and colon < len(s) - 1 and not label_value:  # "Last updated: May 2026" is a label with a value
        return False
    if (_NOT_QUESTION_TITLE if question else _NOT_TITLE).search(s):  # (a question that passed lost its "?")
        return False
    if s[-1].isdigit() and _DATE_LINE.match(s):
        return False
    return len(s.split()) <= max_words


def address_line(s: str) -> bool:
    """A short line with a postcode, ZIP code or phone number: a line of a postal address.

    >>> address_line("Wilmslow SK9 5AF"), address_line("Springfield, IL 62701"), address_line("Water Lane")
    (True, True, False)
    """
    return len(s.split()) <= 8 and bool(_ADDRESS_MARK.search(s))


def title_case_ratio(s: str) -> float:
    """Share of capitalised content words after the first word (1.0 if none).

    >>> title_case_ratio("Information about the Business or Service")
    1.0
    >>> title_case_ratio("We use the information we collect to:")
    0.0
    """
    words = [w for w in _WORD.findall(s)[1:] if w.lower() not in STOPWORDS]
    if not words:
        return 1.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


def title_shape(s: str) -> str:
    """Classify an unnumbered line: ``"title"``, ``"sentence"`` (short, sentence case) or ``""``.

    >>> title_shape("Your Rights Under GDPR"), title_shape("How we use data"), title_shape("We keep data.")
    ('title', 'sentence', '')
    >>> title_shape("How does Acme share or disclose my information?"), title_shape("Account Data.")
    ('title', 'title')
    """
    if not _shape_ok(s):
        return ""
    first = next((ch for ch in s if ch.isalpha()), "")
    if not first or not first.isupper() or not s[0].isalpha() and s[0] not in "\"'“‘(":
        return ""
    if s.endswith("?") or title_case_ratio(s) >= MIN_TITLE_CASE_RATIO:
        return "title"
    if not s.endswith(":") and len(s.split()) <= (MAX_WH_SENTENCE_CASE_WORDS if _WH_START.match(s)
                                                   else MAX_SENTENCE_CASE_WORDS):
        return "sentence"
    return ""


def numbered_title(s: str, max_words: int = MAX_TITLE_WORDS, label_value: bool = False) -> bool:
    """Could the text after an enumerator be a section title? (No case requirement.)

    For the next number of a chain of numbered headings, ``max_words`` is raised and
    ``label_value`` allows a colon inside: those titles may run longer ("2. What we record
    when you use the shop, why we record it and how long we keep it", "3. Your choices: how
    to control what we do with your data").

    >>> numbered_title("Data Subject Rights (Decree 13/2023/ND-CP)")
    True
    >>> numbered_title("Personal Identification Data: Full name, address, and email.")
    False
    """
    if not _shape_ok(s, max_words, label_value):
        return False
    first = next((ch for ch in s if ch.isalpha()), "")
    return bool(first) and first.isupper()
