"""Recipients named as written, where the recipient lexicon (big names only) has none.

Three readers, each used by the values extractor (:mod:`.extractors`) on a sentence
about sharing: names in brackets after a recipient category ("our delivery partners
(Ahamove, GrabExpress)"), a name right after its category ("our IT provider Fiserv"),
and public bodies named with "the" ("the Norwegian Tax Administration"). Each gives
``(start, end, concept, rule, value, value_kind, number, qualifier)`` tuples.
"""
from __future__ import annotations

import re

from ..structure.patterns import company_form_regex
from .contacts import COMPANY_FORM_END
from .resources import expand_fragments
from .scan import compile_with_look_aheads as compile_rx  # re.compile, with look-aheads (same matches)

# the head nouns of a public body's name ("the Norwegian Tax Administration"): PUBLIC_BODY
# (a board, council, department or office only with "of"/"for" after it, and a service only
# as one of the state's: "the Executive Board" or "the Billing Department" is the
# organisation itself, "the Department of Labor" is not)
_BODY_NOUNS = ("Administration", "Agency", "Authority", "Bureau", "Commission", "Directorate", "Inspectorate",
               "Ministry", "Register", "Registry")
_BODY_NOUNS_OF = ("Board", "Council", "Department", "Office")
_STATE_SERVICES = ("Revenue", "Tax", "Health", "Postal", "Police", "Immigration", "Employment", "Customs")
BODY_TRIGGERS = frozenset(w.lower() for w in _BODY_NOUNS + _BODY_NOUNS_OF + ("Service",))

# Recipients named in brackets after their category: "our delivery partners (Ahamove,
# GrabExpress)", "payment processors (e.g. Stripe and Adyen)". The recipient lexicon knows
# the big names only; these are read as written.
_BRACKETED_NAMES = compile_rx(r"\s?\((?:e\.g\.,?|for example,?|such as|including|namely|like)?\s*([^()]{2,160})\)")
# (", Inc." stays with its name: "(Nordvik Data, Inc. and Paxel)")
_NAME_LIST_SPLIT = compile_rx(r",(?!\s*" + company_form_regex(words=False) + r"\b)\s*(?:and\s+|or\s+)?"
                              r"|;\s*|\s+(?:and|or)\s+")
# "(Amazon Web Services, Ireland)", "(Adyen N.V., Amsterdam)"
_PLACE = compile_rx(expand_fragments("(?-i:<<place_name>>|<<seat_city>>)"))
_BRACKETED_NAME = compile_rx(expand_fragments("<<org_name>>", "recipient_names._BRACKETED_NAME"))


def named_in_brackets(text: str, after: int, spans) -> list[tuple]:
    """Named recipients in brackets right after a recipient category ending at ``after``.
    Names the lexicons found there (``spans``) are left to them ("(Paxel, SiCepat)" gives
    Paxel here, SiCepat from the lexicon); a bracket that is not a list of capitalised
    names gives nothing, and a category in it ("service providers (Processors)") is no name."""
    m = _BRACKETED_NAMES.match(text, after) if "(" in text[after:after + 2] else None
    if m is None:
        return []
    lo, hi = m.span(1)
    found = [(span.start_char, span.end_char) for span in spans if lo <= span.start_char < hi]
    out, pos = [], lo
    for part in _NAME_LIST_SPLIT.split(text[lo:hi]):
        start = text.index(part, pos)
        pos = start + len(part)
        name = part.strip()
        if not name:
            continue
        if not _BRACKETED_NAME.fullmatch(name) or len(name.split()) > 5:
            return []  # "(as described below)", "(the “Partners”)": not a list of names
        first = start + len(part) - len(part.lstrip())
        if any(s < first + len(name) and first < e for s, e in found) or _PLACE.fullmatch(name):
            continue  # a name the lexicons read (theirs is the canonical value), or where it is
        out.append((first, first + len(name), "sharing.recipients", "recipient:named_in_brackets",
                    name, "recipient", None, ""))
    return out


# A name right after a recipient category, in apposition: "our IT provider Fiserv", "our
# hosting provider Hetzner Online GmbH", "our payment processor Adyen". Not a capitalised
# word that opens a clause or names a place or a day ("service providers In the EU").
_NAME_AFTER = compile_rx(expand_fragments(r" (<<org_name>>)(?![\w'’-])", "recipient_names._NAME_AFTER"))
_NOT_A_NAME = compile_rx(r"(?:In|On|At|For|To|With|From|By|As|If|When|Where|We|Our|You|Your|They|The|This|That|These|"
                         r"Those|It|Its|And|Or|But|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")

_TRAILING_JOINER = compile_rx(r"\s+(?:and|or|&)$")
_APPOSITION_END = compile_rx(r"\s*(?:[.;,)]|$)")
# "our IT provider", or at the start of a list item "Our practice management software provider"
_OWNED_CATEGORY = compile_rx(r"(?:\b(?:our|its|their|the|an?)|^\W*(?:Our|Its|Their|The|An?))\s(?:[\w-]+\s){0,3}[\w-]+$")


def named_after(text: str, after: int, spans) -> list[tuple]:
    """A named recipient written right after the recipient category ending at ``after``
    ("our IT provider Fiserv"); ``[]`` when none, or when the lexicons read the name."""
    m = _NAME_AFTER.match(text, after) if text[after:after + 1] == " " else None
    if m is None and text[after:after + 2] == ", ":
        # set off by a comma, the name must end the clause or its part ("our practice
        # management software provider, Dentally."), not open a sentence going on
        m = _NAME_AFTER.match(text, after + 1)
        if m is not None and not _APPOSITION_END.match(text, m.end()):
            m = None
    if m is None or _NOT_A_NAME.match(m.group(1)):
        return []
    # in prose: "our IT provider Fiserv", not a Title Case heading run into the next one
    # ("Service Providers Geolocation Data")
    if not text[after - 1].islower() or not _OWNED_CATEGORY.search(text, max(0, after - 60), after):
        return []
    word = text.rfind(" ", 0, after) + 1  # the category's last word
    if word > 1 and text[word].isupper() and text[word - 2].isalpha():
        return []  # a category word inside a name: "the Singapore Police Force" names no "Force"
    out, pos = [], m.start(1)
    for part in _NAME_LIST_SPLIT.split(m.group(1)):  # "our couriers DPD and GLS"
        start = text.index(part, pos)
        pos = start + len(part)
        name = _TRAILING_JOINER.sub("", part.strip())  # "... OCBC and to the MAS": not "OCBC and"
        if name.endswith(".") and not COMPANY_FORM_END.search(name):
            name = name[:-1]  # the sentence's full stop ("our IT provider Fiserv.")
        place = _PLACE.match(name)
        if (not name or len(name.split()) > 5 or _NOT_A_NAME.match(name)
                or place and name[place.end():place.end() + 1] in ("", "-")  # "Germany", "EU-based"
                or any(span.start_char < start + len(name) and start < span.end_char for span in spans)):
            continue
        out.append((start, start + len(name), "sharing.recipients", "recipient:named_after_category",
                    name, "recipient", None, ""))
    return out


# A public body named with "the": "the Norwegian Tax Administration", "the Central Credit
# Register", "the Ministry of Public Security". Its head noun (_BODY_NOUNS, whose lower-case
# forms gate the search) says what it is; the words before it are capitalised (or "of",
# "and", "for").
_BODY_OF = r"(?: (?:of|for) (?:the )?[A-Z][\w'’-]*(?: (?:and )?[A-Z][\w'’-]*)*)"
# a body named where data goes: "with / to the ...", or next in a list ("according to the
# European Commission" is whose view, not where data goes)
_LIST_BEFORE = compile_rx(r"(?:\bwith|(?<!according )(?<!pursuant )(?<!subject )(?<!due )(?<!addition )(?<!similar )"
                          r"(?<!equivalent )(?<!compared )(?<!relating )\bto|,|\band|\bor)\s*$", re.IGNORECASE)
_BODY_NAME = r"[A-Z][\w'’-]* (?:(?:[A-Z][\w'’-]*|of|and|for|on) )*?"  # "Norwegian Labour and Welfare "
# (written to start with the literal "the ", whose word boundary is checked behind it, and a
# capital ahead: the regex engine then jumps from one "the " to the next, ~4x faster than "\bthe")
PUBLIC_BODY = compile_rx(
    # a name before the head noun, or "of ..." after it, or one of the state's services
    r"the (?<!\wthe )(?=[A-Z])((?-i:" + _BODY_NAME + "(?:" + "|".join(_BODY_NOUNS) + ")" + _BODY_OF + "?"
    + "|(?:" + _BODY_NAME + ")?(?:" + "|".join(_BODY_NOUNS + _BODY_NOUNS_OF) + ")" + _BODY_OF
    + r"|(?:[A-Z][\w'’-]* )*?(?:" + "|".join(_STATE_SERVICES) + r") Service))\b")


# a filing sent to a body, not personal data: "prepare a transfer impact assessment dossier
# and submit it to the Department of Cybersecurity ..." (Vietnam's Law 91 asks for such
# dossiers), "send the notification to the ..." (not "reports": "tax reports" hold personal data)
_FILING_BEFORE = compile_rx(r"\b(?:dossiers?|(?:impact )?assessments?|notifications?|applications?|filings?|"
                            r"registrations?)\b[^.;,]{0,30}?\b(?:to|with)\s*$", re.IGNORECASE)


def named_where_data_goes(text: str, start: int) -> bool:
    """Whether a body named at ``start`` follows "with"/"to" or a list's comma or "and":
    where data goes, not whose approval or view is cited ("approved by the ..."), nor
    where a filing goes ("submit the assessment dossier to the ...")."""
    return (_LIST_BEFORE.search(text, max(0, start - 24), start) is not None
            and _FILING_BEFORE.search(text, max(0, start - 80), start) is None)
