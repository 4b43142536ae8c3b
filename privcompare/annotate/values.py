"""Normalisers that turn what a policy writes into comparable values.

Each function takes the text as written and returns the normalised value, or
``None`` when the text cannot be normalised, so callers can keep the fact and
leave ``value`` empty rather than invent one.
"""
from __future__ import annotations

import re
from datetime import date

from ..structure.patterns import company_form_regex, company_forms
from .scan import compile_with_look_aheads as compile_rx  # re.compile, with look-aheads (same matches)

# Days per unit; a year is 365.25 days so "5 years" -> 1826 as in concepts.md.
_UNIT_DAYS = {"day": 1.0, "week": 7.0, "month": 365.25 / 12, "year": 365.25, "hour": 1 / 24}
_UNIT_HOURS = {"hour": 1.0, "day": 24.0, "week": 168.0, "month": 720.0, "business day": 24.0,
               "working day": 24.0, "calendar day": 24.0}
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_WORD_NUMBERS = {
    **_UNITS, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, **_TENS,
    # "twenty-four", "thirty six": every compound of a ten and a unit
    **{f"{ten}{sep}{unit}": n + u for ten, n in _TENS.items() for unit, u in _UNITS.items() for sep in ("-", " ")},
    "hundred": 100, "a": 1, "an": 1, "a single": 1,
}
# The number words a duration can start with, as a regex alternation over the tables above
# (tens first, with their units, so "twenty-four" is not read from its "four"); every word
# it matches is one parse_number reads.
_TEENS = [w for w, n in _WORD_NUMBERS.items() if 10 <= n <= 19]
NUMBER_WORDS = (f"(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_UNITS)}))?"
                f"|{'|'.join(_UNITS)}|{'|'.join(_TEENS)}")
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9


def parse_number(word: str) -> float | None:
    """A number written in digits or words.

    >>> parse_number("90"), parse_number("twelve"), parse_number("1,000"), parse_number("twenty-four")
    (90.0, 12.0, 1000.0, 24.0)
    """
    w = word.strip().lower().replace(",", "")
    w = re.sub(r"\s*\(\d+\)$", "", w)  # "six (6)"
    try:
        return float(w)
    except ValueError:
        return float(_WORD_NUMBERS[w]) if w in _WORD_NUMBERS else None


def _unit(unit: str) -> str:
    u = unit.lower().rstrip("s")
    return "business day" if u.endswith(("business day", "working day")) else u.split()[-1]


def duration_days(amount: str, unit: str) -> int | None:
    """A duration in whole days, rounded down.

    >>> duration_days("90", "days"), duration_days("5", "years"), duration_days("twelve", "months")
    (90, 1826, 365)
    """
    return compound_days([(amount, unit)])


def unit_days(unit: str) -> float | None:
    """Days in one unit of a duration ("months" -> 30.4375), or None for a unit it does not know.

    >>> unit_days("years") > unit_days("month") > unit_days("days")
    True
    """
    return _UNIT_DAYS.get(_unit(unit))


def compound_days(parts: list[tuple[str, str]]) -> int | None:
    """A duration written in several units ("1 year and 6 months"), in whole days.

    Parts are summed before rounding down, so the result is the duration written.

    >>> compound_days([("1", "year"), ("6", "months")]), compound_days([("90", "days")])
    (547, 90)
    """
    total = 0.0
    for amount, unit in parts:
        n, factor = parse_number(amount), unit_days(unit)
        if n is None or factor is None:
            return None
        total += n * factor
    return int(total + 1e-9)


def compound_hours(parts: list[tuple[str, str]]) -> int | None:
    """A deadline written in several units ("1 month and 15 days"), in hours.

    >>> compound_hours([("1", "month"), ("15", "days")])
    1080
    """
    hours = [duration_hours(amount, unit) for amount, unit in parts]
    return None if None in hours else sum(hours)


def duration_hours(amount: str, unit: str) -> int | None:
    """A deadline in hours ("one month" counts as 30 days, as the GDPR's Art. 12(3) is read).

    >>> duration_hours("30", "days"), duration_hours("72", "hours"), duration_hours("one", "month")
    (720, 72, 720)
    """
    n = parse_number(amount)
    u = unit.lower().rstrip("s")
    factor = _UNIT_HOURS.get(u) or _UNIT_HOURS.get(_unit(unit))
    if n is None or factor is None:
        return None
    return int(n * factor)


def phone_e164(raw: str) -> str:
    """A phone number in E.164 when it carries a country code, else digits as written.

    >>> phone_e164("+84 377 316 720"), phone_e164("020 7946 0018")
    ('+84377316720', '02079460018')
    >>> phone_e164("+44 (0)20 7946 0018")
    '+442079460018'
    """
    s = raw.strip()
    intl = s.startswith("+") or s.startswith("00")
    s = re.sub(r"\(0\)", "", s) if intl else s
    digits = re.sub(r"\D", "", s)
    if s.startswith("00"):
        digits = digits[2:]
    return ("+" + digits) if intl else digits


def iso_date(raw: str) -> str | None:
    """An ISO date from the common ways policies write one (day-first for d/m/y).

    >>> iso_date("March 13, 2026"), iso_date("13 March 2026"), iso_date("2024-12-02")
    ('2026-03-13', '2026-03-13', '2024-12-02')
    >>> iso_date("05/01/2024"), iso_date("January 2024"), iso_date("13th of March 2026")
    ('2024-01-05', '2024-01', '2026-03-13')
    >>> iso_date("04.03.2024")  # dots: always day.month.year (German, Vietnamese, Indonesian)
    '2024-03-04'
    """
    dotted = re.fullmatch(r"\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\.?\s*", raw)
    if dotted:
        try:
            return date(int(dotted[3]), int(dotted[2]), int(dotted[1])).isoformat()
        except ValueError:
            return None
    s = raw.strip().lower().replace(",", " ").replace(".", " ")
    s = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", s)
    s = re.sub(r"\bof\b", " ", s)
    parts = s.split()
    try:
        m = re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", s)
        if m:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        m = re.fullmatch(r"(\d{1,2})[-/](\d{1,2})[-/](\d{4})", s)
        if m:
            a, b, y = int(m[1]), int(m[2]), int(m[3])
            day, month = (a, b) if a > 12 or b <= 12 else (b, a)
            return date(y, month, day).isoformat()
        if len(parts) == 3 and parts[0] in _MONTHS:
            return date(int(parts[2]), _MONTHS[parts[0]], int(parts[1])).isoformat()
        if len(parts) == 3 and parts[1] in _MONTHS:
            return date(int(parts[2]), _MONTHS[parts[1]], int(parts[0])).isoformat()
        if len(parts) == 2 and parts[0] in _MONTHS and re.fullmatch(r"\d{4}", parts[1]):
            return f"{int(parts[1]):04d}-{_MONTHS[parts[0]]:02d}"  # ISO 8601 year-month
    except ValueError:
        return None
    return None


# A numeric date with slashes or hyphens: "03/04/2025", "13-05-2024".
_NUMERIC_DATE = compile_rx(r"(?<![\d/-])(\d{1,2})([/-])(\d{1,2})\2(\d{4})(?![\d/-])")
# A notice written for US state laws only: its numeric dates are month first.
_US_STATE_LAW = compile_rx(r"\b(?:California|CCPA|CPRA|Nevada|Virginia|Colorado|Connecticut|Utah|Texas|Oregon)\b")
_EUROPEAN_LAW = compile_rx(r"\b(?:GDPR|DSGVO|European|EEA|EU|UK|Member States?)\b")


def ambiguous_numeric_date(raw: str) -> bool:
    """Whether ``raw`` holds a numeric date that reads as two different days ("03/04/2025":
    3 April or March 4), so that :func:`iso_date`'s day-first reading is a guess.

    >>> ambiguous_numeric_date("Effective: 03/04/2025"), ambiguous_numeric_date("13/04/2025")
    (True, False)
    """
    m = _NUMERIC_DATE.search(raw)
    return m is not None and int(m[1]) <= 12 and int(m[3]) <= 12 and m[1].lstrip("0") != m[3].lstrip("0")


def reads_month_first(text: str) -> bool:
    """Whether a policy writes numeric dates month first (US style), judged from the whole
    text: by its numeric dates that can only be read one way ("05/13/2024" month first,
    "13/05/2024" day first; the majority wins), else by a notice that cites US state laws
    and no European one. Day first otherwise, as :func:`iso_date` reads them.

    >>> reads_month_first("Updated 03/04/2025. Prices as of 12/31/2024.")
    True
    >>> reads_month_first("Updated 03/04/2025. California residents may opt out.")
    True
    >>> reads_month_first("Updated 03/04/2025. California residents and EEA residents ...")
    False
    """
    day_first = month_first = 0
    for m in _NUMERIC_DATE.finditer(text):
        a, b = int(m[1]), int(m[3])
        day_first += a > 12 >= b
        month_first += b > 12 >= a
    if day_first or month_first:
        return month_first > day_first
    return _US_STATE_LAW.search(text) is not None and _EUROPEAN_LAW.search(text) is None


def month_first_iso(raw: str) -> str | None:
    """The ISO date of the numeric date in ``raw`` read month first.

    >>> month_first_iso("Effective date: 03/04/2025")
    '2025-03-04'
    """
    m = _NUMERIC_DATE.search(raw)
    if m is None:
        return None
    try:
        return date(int(m[4]), int(m[1]), int(m[3])).isoformat()
    except ValueError:
        return None


def interest_text(raw: str) -> str:
    r"""A stated legitimate interest as one line, without a dangling conjunction or comma.

    >>> interest_text("ensuring the security of\n our systems, and ")
    'ensuring the security of our systems'
    """
    s = " ".join(raw.split())
    return re.sub(r"(?:[\s,]+(?:and|or|as well as))*[\s,]*$", "", s)


# The desk or role a contact block is addressed to, before the organisation's name
_ADDRESSEE_ROLE = compile_rx(
    r"^(?:(?:Attn\.?|Attention|(?:Privacy|Legal|Data Protection|Compliance|Customer Service|Customer Support|Support)"
    r" (?:Department|Team|Office|Desk|Administrator|Officer|Manager))[:,]? )+")


# a name that ends on an abbreviation written with its full stop: initials ("PT.", "S.A.") or
# a company form so written (structure/company_forms.yaml: "Inc.", "K.K.", "A.Ş.")
_ABBREVIATED_END = re.compile(r"(?:^|[\s,])(?:[A-Z]{1,2}|(?:[A-Z]\.)+[A-Z]|"
                              + company_form_regex(words=False, dotted=True) + r")\.$")


def name_text(raw: str) -> str:
    r"""An organisation's name as one line, without a leading article or trailing comma.

    >>> name_text("The Oxalis\n Monitor, ")
    'Oxalis Monitor'
    >>> name_text("PT. Oxobyte Teknologi Indonesia")
    'PT. Oxobyte Teknologi Indonesia'
    >>> name_text("Evernote Corporation and its Group Companies"), name_text("Acme GmbH.")
    ('Evernote Corporation', 'Acme GmbH')
    >>> name_text("Acme, Inc."), name_text("Beta S.A."), name_text("Maju Sdn. Bhd.")
    ('Acme, Inc.', 'Beta S.A.', 'Maju Sdn. Bhd.')
    >>> name_text("Privacy Administrator Legal Department Move, Inc.")
    'Move, Inc.'
    >>> name_text("Lumo Fitness Pty Ltd (ABN 12 345 678 901)"), name_text("OCIS (Online Customer System)")
    ('Lumo Fitness Pty Ltd', 'OCIS (Online Customer System)')
    """
    s = " ".join(raw.split())
    s = _ADDRESSEE_ROLE.sub("", s)  # "Legal Department Move, Inc." in a flattened contact block
    s = re.split(r" and (?:its|their) ", s)[0]  # "Acme Corporation and its Group Companies"
    s = re.sub(r"^the ", "", s, flags=re.IGNORECASE).rstrip(" ,;:")
    s = re.sub(r"\s*\([^()]*\d[^()]*\)$", "", s)  # "(ABN 12 345 678 901)": a number, not the name
    # a sentence's full stop goes, the one of "PT.", "S.A." or "Inc." stays
    if s.endswith(".") and not _ABBREVIATED_END.search(s):
        s = s[:-1]
    return s


# company forms that end an organisation's name, dropped when names are compared
# (the full stops inside a form are optional here: "S.A" and "SA" are one form)
_FORMS_ANY_STOPS = "|".join(re.escape(form).replace(r"\.", r"\.?")
                            for form in dict.fromkeys(f.lower() for f in company_forms()))
_COMPANY_FORM = compile_rx(r"[,\s]+(?:" + _FORMS_ANY_STOPS + r")\.?$", re.IGNORECASE)


def name_key(name: str) -> str:
    """An organisation's name for comparing: lower case, without its company forms.

    >>> name_key("Kestrel Apps Pty. Ltd."), name_key("Twitter International Company"), name_key("Acme, Inc.")
    ('kestrel apps', 'twitter international', 'acme')
    """
    key = " ".join(name.lower().split()).strip(" .,")
    while True:
        shorter = _COMPANY_FORM.sub("", key).strip(" .,")
        if shorter == key:
            return key
        key = shorter


def clean_email(raw: str) -> str:
    """An e-mail address in lower case, without trailing punctuation.

    >>> clean_email("Contact@Ngoc.info.")
    'contact@ngoc.info'
    """
    return raw.strip().rstrip(".,;:)").lower()


def clean_url(raw: str) -> str:
    """A URL without trailing punctuation.

    >>> clean_url("https://example.com/privacy).")
    'https://example.com/privacy'
    """
    return raw.strip().rstrip(".,;:)]\"'")
