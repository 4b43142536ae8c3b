"""Value extractors: the normalised values of ``concepts.md`` found in one clause.

:class:`ValueExtractor` is called by the ``privcompare_values`` component with a
Doc and returns fact tuples ``(start, end, concept, rule, value, value_kind,
number, qualifier)``. Each extractor is gated by a cheap test (a trigger word,
or a character such as ``@``) so that most clauses cost nothing. Contact channels are
read by :mod:`.contacts`, recipients named as written (not by the recipient lexicon) by
:mod:`.recipient_names`; :mod:`.scan` holds the regex helpers they share.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from . import breach
from .contacts import CONTACT_MARKS, contacts
from .contacts import ADDRESS_LABEL  # noqa: F401  (tests read the anchored patterns here)
from .recipient_names import BODY_TRIGGERS, PUBLIC_BODY, named_after, named_in_brackets, named_where_data_goes
from .resources import (compiled_lexicon, compiled_unless, expand_braces, load_columns, load_lexicon,
                        load_rules, qualifier_cue)
from .scan import SCANNED  # noqa: F401  (every scanned pattern, for the tests)
from .scan import anchored, scanned, searched, sentence_at, sentence_bounds, trigger_starts
from .scan import compile_with_look_aheads as compile_rx  # re.compile, with look-aheads (same matches)
from .values import (NUMBER_WORDS, compound_days, compound_hours, interest_text, iso_date, parse_number,
                     unit_days)

_I = re.IGNORECASE
_NUM = rf"(?:\d+(?:[.,]\d+)?|{NUMBER_WORDS})"  # digits, or the words parse_number reads
_AGE_WORDS = "thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty-one|twenty one"
# "3 x 24 hours": Indonesian and Vietnamese texts count days in hours ("3 x 24 jam"), and
# write a number twice: "five (5) years", "5 (five) years"
DURATION = scanned(
    rf"\b(?:(?P<times>\d{{1,2}})\s*[x\u00d7]\s*)?(?P<num>{_NUM})(?:\s*\((?:\d+|{NUMBER_WORDS})\))?[\s-]*"
    r"(?P<unit>(?:business |working |calendar )?"
    r"(?:day|week|month|year|hour)s?)\b(?![- ](?:old|of[- ]age))", _I)
# "under the age of 13 years", "users aged 16 years": an age, not a period we keep data
AGE_LEAD = compile_rx(r"(?:\bage of|\baged?|\byounger than|\bolder than|(?<!\bfor )\b(?:under|over))\s*$", _I)
DEADLINE_PREFIX = compile_rx(r"\b(?:within|no later than|not later than|no more than|"
                             r"at the latest|in no more than)\s*(?:a|the)?\s*$", _I)
# "we have one month to respond", "the company has 30 days to reply": a deadline written as
# the time the organisation has (not "you have 30 days to ...")
HAVE_PERIOD = compile_rx(r"\b(?:we|they|it|company|organi[sz]ation|controller)\b[^.;]{0,20}?"
                         r"\b(?:have|has|will have|get|are allowed|is allowed|are given|is given)\s+(?:up to\s+)?"
                         r"(?:a|the)?\s*$", _I)
TO_RESPOND = compile_rx(r"\s*(?:\(\d+\)\s*)?(?:in which\s+)?to\s+(?:respond|reply|answer|comply|complete|fulfil\w*"
                        r"|action|deal with|process|provide|act)\b", _I)
PAST_PERIOD = compile_rx(r"\b(?:past|preceding|previous|last|prior)\s*$", _I)
DEADLINE_TOPIC = compile_rx(r"\b(?:respond\w*|response|reply|answer\w*|request\w*|rights?|inquir\w*|"
                            r"complain\w*|acknowledge?\w*|fulfil\w*)\b", _I)
# "if you do not respond within 1 month", "you may appeal by replying to our response within 60
# days": the user's deadline, not one the organisation promises
USER_DEADLINE = compile_rx(r"\byou (?:do not |don't |did not |fail to |must |need to |should |may |can )?"
                           r"(?:respond|reply|answer|confirm|appeal)\w*\b[^.;]{0,40}$"
                           r"|\bby (?:replying|responding|answering|writing back)\b[^.;]{0,40}$", _I)
# a data subject's request in the sentence of a promised deadline
REQUEST = compile_rx(r"\brequest(?:s|ed)?\b", _I)
# a breach, or the words Vietnamese and Indonesian texts use for one
BREACH = compile_rx(r"\bbreach\w*\b|\b(?:data|security) incidents?\b"
                    r"|\bviolations? of (?:the )?(?:regulations on |rules on )?(?:personal )?data protection\b"
                    r"|\bfailures? (?:of|in) (?:personal )?data protection\b"
                    # data reached by someone who should not have: "accessed without authorisation"
                    r"|\b(?:accessed|acquired|obtained|disclosed|used) without (?:authori[sz]ation|permission)\b"
                    r"|\bunauthori[sz]ed (?:access|acquisition|disclosure)\b|\bcompromised\b", _I)
RETENTION_CUE = scanned(
    # ("stores" after "our", "the", "in", "at" are shops: "collected at our stores")
    r"\b(?:retain\w*|retention|keep|keeps|kept|stored|(?<!\bour )(?<!\bthe )(?<!\bin )(?<!\bat )stores?|storing|storage"
    r"|hold|held|delet\w*|purg\w*|"
    r"eras\w*|destr\w*|anonymi[sz]\w*|archiv\w*|maintain\w*|preserv\w*|overwrit\w*|wip(?:e|es|ed|ing))\b", _I)
_CUE_AFTER = 50  # characters after retention wording in which its keeping/deleting verb may follow
# Vague retention wording and retention criteria. Anchored: each alternative starts
# with one of the *_WORDS below (look-behinds cover the words before it).
VAGUE_RETENTION = compile_rx(
    r"(?:(?<=\bas )|(?<=\bso ))long as\b[^.;]{0,60}?\b(?:necessary|needed|required|reasonabl\w*|appropriate|"
    r"permitted|useful|relevant|need)\b|(?:(?<=\bno )|(?<=\bkept )|(?<=\bstored )|(?<=\bretained )|(?<=\bheld ))"
    r"longer than\b[^.;]{0,40}?\b(?:necessary|needed|required)\b"
    r"|\b(?:reasonable|appropriate|limited|necessary|certain) (?:period|amount) of time\b"
    r"|(?:(?<=\bfor a )|(?<=\bfor an )|(?<=\bfor the ))(?:reasonable|appropriate|limited|certain|required|necessary)"
    r" (?:period|time)\b|(?<=\bonly for the )(?:period|time|duration)\b[^.;]{0,40}?\b(?:necessary|needed|required)\b"
    # PIPL Art. 19: "the shortest period necessary to achieve the purposes"
    r"|(?<=\bthe )shortest (?:period|time)(?: of time)? (?:necessary|needed|required)\b"
    # "for a commercially reasonable time", "for such duration as may be required", "long
    # enough to achieve the purpose": no period either
    r"|(?<=\bcommercially )reasonable (?:period of |amount of )?time\b"
    r"|(?<=\bsuch )(?:duration|period|time)(?: of time)? as (?:may be |is |are |will be )?(?:reasonably )?"
    r"(?:necessary|needed|required)\b|\blong enough to\b",
    _I)
VAGUE_WORDS = ("long", "longer", "reasonable", "appropriate", "limited", "necessary", "certain", "required", "shortest",
               "period", "time", "duration")
CRITERIA = compile_rx(
    r"\bcriteria\b|\bfactors\b[^.;]{0,60}?\b(?:determin\w*|retention|period)"
    r"|\b(?:retention )?periods? (?:will )?(?:depend|vary|varies|differ)"
    r"|\b(?:depend\w*|based) (?:up)?on (?:the )?(?:purpose|type|nature|categor\w*|kind|legal|applicable"
    r"|statutory|how long|context|reason)"
    r"|(?:(?<=\bas )|(?<=\bso ))long as (?:your|you|the|we have an?) (?:account|relationship|contract|subscription|"
    r"user|active|ongoing|maintain|business)\b|\buntil (?:you|your account|the account|such time|the end of)\b"
    # an event that ends the keeping: "until withdrawal of membership", "until the inquiry is resolved"
    r"|\buntil (?:the )?(?:withdrawal|termination|closure|cancellation|expiry|expiration|deletion) of"
    r" (?:(?:your|the|our|his/her|his or her|this|that) )?(?:\w+ )?(?:membership|account|contract|agreement"
    r"|subscription|consent|relationship|service|employment|purpose)s?\b"
    r"|\buntil (?:the|your) (?:inquiry|enquiry|request|complaint|matter|dispute|claim|case|order|contract|account"
    r"|membership|subscription) (?:is|has been) (?:resolved|closed|settled|completed|fulfilled|handled|terminated"
    r"|cancelled|canceled|deleted)\b"
    r"|\b(?:statutory|legal|mandatory) (?:retention|storage) (?:periods?|obligations?|requirements?)"
    # the life of the account or the contract is a criterion too (GDPR Art. 13(2)(a) "the criteria
    # used to determine that period"): "while your account is active", "for the duration of our contract"
    r"|\bwhile (?:(?:your|his/her|his or her|the) (?:account|subscription|membership|contract|agreement) "
    r"(?:is|remains) (?:active|open|valid|in (?:force|effect))|you (?:are|remain) (?:a |an )?(?:active |registered )?"
    r"(?:customer|member|user|subscriber)|you (?:use|have) (?:our|an|the|a))\b"
    r"|(?:(?<=\bfor the )|(?<=\bduring the ))(?:duration|term|length|life(?:time)?) of (?:(?:your|our|the|his/her"
    r"|his or her) )?(?:contract(?:ual relationship)?|account|subscription|membership|(?:business |contractual )?"
    r"relationship|agreement|employment)\b", _I)
CRITERIA_WORDS = ("criteria", "factors", "retention", "period", "periods", "depend", "depends", "depending",
                  "dependent", "based", "long", "until", "statutory", "legal", "mandatory", "while", "duration",
                  "term", "length", "life", "lifetime")
LEAD_IN = compile_rx(r"(?:for )?(?:as|so) $", _I)  # put "as" back in front of an anchored "long as"
AGE = scanned(
    r"\b(?:under|below|younger than|less than|over|above|older than|at least|aged|minimum age(?: of| is)?"
    rf"|(?:the )?age of|not yet)\s+(?:the age of\s+)?(?P<age>\d{{1,2}}|{_AGE_WORDS})\b"
    # "at least 7 years after your last visit" is a period of time, not an age
    r"(?!\s*(?:%|percent|days|months|hours|weeks)|\s*years?\s+(?!of age)(?:after|from|since|following|beyond|of)\b)"
    rf"|\b(?P<age2>\d{{1,2}}|{_AGE_WORDS})\s*(?:years? (?:of age|old)|\+|-years?-old|yrs|or older|and older|or over"
    r"|and over|years? (?:or|and) (?:older|over))", _I)
# "children over 7 need the consent of the child and a parent" (Decree 13, Art. 20): the
# age bounds a group that is still children, not the minimum age of the service's users
CHILD_GROUP = compile_rx(r"\b(?:child(?:ren)?|minors?|kids)\s+(?:who are\s+)?$", _I)
# "We do not sell the personal information of consumers under 16" (CCPA), "users under 18
# may request removal of their posts" (California's minor eraser law): an age for a sale or
# a removal, not the minimum age of the service's users
AGE_OF_SALE = compile_rx(
    r"\b(?:sell|sells|selling|sold|sale|sales|opt[- ]in)\b|\brequest\w*(?: and obtain)? (?:the )?removal\b", _I)
UNDER_AGE = searched(compile_rx(r"\bunder (?:the age of )?\d", _I))  # "individuals under 18" names an age
OR_OLDER = compile_rx(r"\b\d{1,2} (?:years? )?(?:or|and) (?:older|over)\b", _I)  # "you must be 16 or older"
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE = (rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?"
         rf"\s+\d{{4}}|\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{4}}|{_MONTH},?\s+\d{{4}})")
POLICY_DATE = compile_rx(
    r"\b(?:last\s+)?(?:updated|modified|revised|reviewed|amended|changed|effective|published|valid|in effect"
    r"|dated|version(?: date)?|date of (?:last )?(?:update|revision)|(?<=last )update|revision date"
    # German-style "Status: 01.09.2025" ("Stand"), and "current as at 1 March 2024"
    r"|(?:status|stand)(?=\s*[:\-–])|(?:current )?as at)"
    r"(?:\s+(?:date|on|as of|from|since|at|in))*\s*[:\-–]?\s*(?:on\s+)?(?P<date>" + _DATE + r")", _I)
SHARING_CUE = compile_rx(
    r"\b(?:shar(?:e|es|ed|ing)|disclos\w*|transferr?(?:ed|s|ing)?|recipients?|sell|sold|rent|pass(?:es|ed|ing)?|"
    r"forward(?:s|ed|ing)?|transmit(?:s|ted|ting)?|entrust(?:s|ed|ing)?|consign(?:s|ed|ing)?|"
    r"ma(?:de|ke) available|(?:processed|handled) by|hosted (?:by|on|with))\b", _I)
SECURITY_CUE = compile_rx(r"\b(?:secur\w*|protect\w*|safeguard\w*|encrypt\w*|unauthori[sz]ed|breach\w*)\b", _I)
# An initialism's last full stop before a small letter ("U.S. customers") ends no sentence.
_INITIALISM_DOT = r"(?-i:(?<=\b[A-Z]\.[A-Z])\.(?= [a-z]))"
# The interests a policy relies on, spelled out after "legitimate interest(s)": "... lies in
# ensuring the security of the system", "... in preventing fraud", "...: fraud prevention",
# "Legitimate interests (protecting our business)" in a table of purposes and bases.
# Art. 13(1)(d) GDPR asks for these, not for the bare words. Anchored at "legitimate".
LEGITIMATE_INTEREST = compile_rx(
    r"\blegitimate (?:business )?interests?\b(?: \((?:[^()]|\([^()]{0,5}\)){0,40}\))?"
    r"(?:,? (?:is|are|lies?|consists?|here (?:is|are)) (?:in |that |to )?|,? (?:in|to) |,? of (?:us|ours) (?:in|to) "
    r"|,? (?:such as|namely|including|for example|e\.g\.,?|i\.e\.,?) |:[ \t]*"
    # "Legitimate interests (fraud prevention)", but not "(see ...)", "(which is not overridden ...)"
    r"| \((?!(?:GDPR|see|lit|para|Sec|§|\d|as (?:explained|described|set out)|or (?:those|that) of|which|that)\b)"
    r"(?=[^()]{8,160}\)))(?=\S)"
    r"(?!(?:accordance|line|compliance|the meaning|Art(?:icle|\.)?|do so|doing so|not|based on)\b)"
    # an "interest" that names legitimate interests again is the sentence that states them
    # ("Legitimate interest: Processing is necessary for our legitimate interests, such as
    # fraud prevention"): the later match reads the interest itself
    # (a table cell ends it: "Legitimate interest in preventing fraud | 18 months")
    r"(?P<interest>(?:(?!legitimate (?:business )?interest)(?:[^.;:()|]|\.(?!\s|$)|" + _INITIALISM_DOT + r")){8,160}?)"
    # (", and, for marketing, with your consent": an aside that turns to another basis; so
    # does a list of bases going on: "our legitimate interests in preventing fraud, and
    # your consent for marketing")
    r"\s*(?=(?!" + _INITIALISM_DOT + r")[.;:](?:\s|$)|[()|]|,? (?:e\.g|i\.e)\.|, (?:and|or), |$"
    r"|,? (?:and|or) (?:(?:(?:your|his/her|his or her) )?(?:(?:explicit|prior) )?consent\b"
    r"(?! (?:records?|forms?|management|preferences|settings|banners?|tools?|logs?)\b)"
    r"|(?:(?:the|our|a) )?(?:performance of|compliance with|legal obligations?|vital interests?"
    r"|public (?:task|interest))\b))", _I)

_RETENTION_WORDS = ["retain{|s|ed|ing}", "retention", "keep{|s}", "kept", "store{|s|d}", "storing", "storage",
                    "hold{|s}", "held", "delet{e|ed|es|ing|ion}", "purge{|d}", "eras{e|ed|ure}",
                    "destr{oy|oyed|uction}", "anonymi{s|z}{e|ed|ation}", "archive{|d}", "maintain{|ed}",
                    "preserve{|d}"]
_JALAN = ["jl", "jl.", "jln", "jln.", "jalan"]  # Indonesian "street", where ADDRESS_JALAN starts
_TYPE_FIRST = ["rue", "avenue", "boulevard", "allée", "allee", "chemin", "quai", "impasse", "cours", "calle",
               "carrer", "avenida", "paseo", "rua", "via", "viale", "piazza", "corso", "largo"]
_TRIGGERS = {
    "duration": ["day{|s}", "week{|s}", "month{|s}", "year{|s}", "hour{|s}"],
    "age": ["age", "aged", "old", "under", "over", "below", "younger", "older", "least", "not yet", "minimum",
            "years", "+", "yrs"],
    "child": ["child", "children", "minor", "minors", "kid", "kids", "teen", "teens", "teenager", "teenagers",
              "parent", "parents", "parental", "guardian", "guardians", "age", "aged", "old", "underage"],
    # POLICY_DATE is tried where one of these starts ("in effect" starts at "in")
    "date": ["last", "updated", "modified", "revised", "reviewed", "amended", "changed", "effective", "published",
             "valid", "in effect", "dated", "version", "date", "revision", "status", "stand", "current", "as at"],
    # ("mobile" is no gate word: "mobile device" is common; MOBILE_LABEL finds "Mobile: ...")
    "phone": ["phone", "tel", "telephone", "call", "hotline", "helpline", "fax", "whatsapp", "telp", "telepon", "toll",
              "điện thoại", "đt"],
    "retention": _RETENTION_WORDS + ["long", "criteria", "factors", "period", "periods", "until",
                                     "depend{|s|ing}"],
    "address": ["address", "box"],
    "ward": ["ward", "commune"],
    # the district suffixes of ADDRESS_DISTRICT ("Chiyoda-ku" is three tokens)
    "district": ["- ku", "- gu", "- shi", "- si", "- gun"],
    "controller_named": ["controller", "responsible"],
    "jalan": _JALAN,
    # where ADDRESS_LABEL can start: it is tried at these words only
    "address_label": ["postal", "mailing", "registered", "office", "head", "business", "main", "address",
                      "addresses"],
    "security_cue": ["secur{e|ed|ely|ity|ing}", "protect{|s|ed|ing|ion}", "safeguard{|s|ed|ing}",
                     "encrypt{|s|ed|ing|ion}", "unauthori{s|z}ed", "breach{|es}"],
    "street": ["street", "st", "st.", "road", "rd", "rd.", "avenue", "ave", "ave.", "boulevard", "blvd", "blvd.",
               "lane", "drive", "way", "square", "place", "parkway", "court", "plaza", "quay", "view", "walk",
               "crescent", "terrace", "highway", "hwy", "hwy.", "strasse", "straße", "str", "str.", "box",
               *_JALAN, *_TYPE_FIRST],
    "type_first": _TYPE_FIRST,
    # words SHARING_CUE can match: recipients are only looked for where one occurs
    "public_body": list(BODY_TRIGGERS),
    "sharing": ["shar{e|es|ed|ing}", "disclos{e|es|ed|ing|ure|ures}", "transfer{|s|red|ring}", "recipient{|s}",
                "sell", "sold", "rent", "pass{|es|ed|ing}", "available", "processed", "handled", "hosted",
                "forward{|s|ed|ing}", "transmit{|s|ted|ting}", "entrust{|s|ed|ing}", "consign{|s|ed|ing}"],
    # where SHARING_CUE can start: it is tried at these words only
    "sharing_cue": ["shar{e|es|ed|ing}", "disclos{e|es|ed|ing|ure|ures|able}", "transfer{|s|ed|red|ing|ring}",
                    "recipient{|s}", "sell", "sold", "rent", "pass{|es|ed|ing}", "made", "make", "processed", "handled",
                    "hosted", "forward{|s|ed|ing}", "transmit{|s|ted|ting}", "entrust{|s|ed|ing}",
                    "consign{|s|ed|ing}"],
    "vague": list(VAGUE_WORDS),
    "criteria": list(CRITERIA_WORDS),
    "legitimate": ["legitimate"],
}


# "[.!?;] before a space, or a newline", written to start with one character class
# so the regex engine can skip ahead to candidates (about twice as fast).
def trigger_terms() -> set[str]:
    """All trigger words the value extractors and lexicons use."""
    terms = {t for words in _TRIGGERS.values() for w in words for t in expand_braces(w)}
    for name, key in (("laws", "laws"), ("security", "measures")):
        terms |= {t for _, _, trig, _ in compiled_lexicon(name, key) for t in trig}
    return terms


def _gate(kind: str) -> frozenset:
    return frozenset(t for w in _TRIGGERS[kind] for t in expand_braces(w))


# "1 year and 6 months", "2 years, 3 months and 10 days": one duration written in
# units that get smaller; "6 months and 2 years" or "30 days and 30 days" are two
DURATION_JOIN = compile_rx(r"\s*(?:,\s*(?:and\s+)?|and\s+)", _I)


def _amount(m: re.Match) -> str:
    """The number of units a DURATION match states, "3 x 24" read as 72."""
    n = parse_number(m.group("num"))
    return m.group("num") if not m.group("times") or n is None else f"{int(m.group('times')) * n:g}"


def _older_children(text: str, m: re.Match) -> bool:
    """Whether an AGE match is "over N" said of children ("children over 7")."""
    return (m.group().lower().startswith(("over", "above", "older"))
            and CHILD_GROUP.search(text, max(0, m.start() - 25), m.start()) is not None)


# "children between 6 and 12 years old", "aged 6 to 12", "6-12 years old": the upper end
# of an age range is whom a service is for, not the minimum age of its users
_RANGE_BEFORE = compile_rx(r"(?:\bbetween\s+\d{1,2}\s+and|\b\d{1,2}\s*(?:-|–|to))\s*$", _I)


def _range_end(text: str, m: re.Match) -> bool:
    """Whether an AGE match is the upper end of an age range ("between 6 and 12 years old")."""
    return _RANGE_BEFORE.search(text, max(0, m.start() - 16), m.start()) is not None


# "if you were under 18 when we last treated you": an age someone had, not an age limit
_PAST_AGE_BEFORE = compile_rx(r"\b(?:were|was|had been)\s+$", _I)


def _past_age(text: str, m: re.Match) -> bool:
    """Whether an AGE match is an age someone had ("if you were under 18 when ..."), no limit."""
    return _PAST_AGE_BEFORE.search(text, max(0, m.start() - 12), m.start()) is not None


def _age_of_sale(text: str, m: re.Match) -> bool:
    """Whether the clause of its sentence that holds an AGE match is about selling data or
    removing content (``AGE_OF_SALE``): "Our site is not directed to children under 16, and
    we do not sell the data of consumers under 16" has a minimum age, then an age of sale."""
    s, e = sentence_at(text, sentence_bounds(text), m.start())
    for b in qualifier_cue("clause_break").finditer(text, s, e):  # where coordinated clauses meet
        if b.end() <= m.start():
            s = b.end()
        elif b.start() >= m.end():
            e = b.start()
            break
    return AGE_OF_SALE.search(text, s, e) is not None


def cell_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each cell of a table row ("a | b", or Markdown's "| a | b |"), the
    blanks around a cell left out; an empty cell is an empty span.

    >>> row = "| Orders | 5 years |"
    >>> [row[s:e] for s, e in cell_spans(row)]
    ['Orders', '5 years']
    """
    inner = text.strip()
    pos = len(text) - len(text.lstrip())
    if inner.startswith("|"):
        pos, inner = pos + 1, inner[1:]
    if inner.endswith("|"):
        inner = inner[:-1]
    spans = []
    for cell in inner.split("|"):
        start = pos + len(cell) - len(cell.lstrip())
        spans.append((start, max(start, pos + len(cell.rstrip()))))
        pos += len(cell) + 1
    return spans


def _cell(text: str, s: int, e: int, start: int, end: int) -> tuple[int, int]:
    """The bounds, within the sentence ``s:e``, of the table cell holding ``start:end``:
    a table row is read as one line with " | " between cells, and a word in another cell
    ("Customer e-mails | Answering questions | 12 months") does not describe the period."""
    left = text.rfind(" | ", s, start)
    right = text.find(" | ", end, e)
    return (s if left < 0 else left + 3), (e if right < 0 else right)


_EXAMPLE_END = compile_rx(r"\b(?:e\.g|i\.e|esp|incl)\.\s?$", re.IGNORECASE)  # a "sentence" cut after "e.g."
_ITEM_PURPOSE = compile_rx(r"\W*(?:\(?(?:[a-z]|\d{1,2}|[ivx]{1,4})[.)]\s+)?(?P<purpose>[^.;:]{3,200}?)"
                           r"\W*(?:\b(?:and|or)\W*)?(?:[.;:]|$)")


def _purpose_item(text: str, facts: dict) -> list[tuple]:
    """A list item under a lead-in that announces purposes ("... for the following
    purposes:") states one: "Customer support", "Order fulfilment and delivery". The item
    (to its first full stop, semicolon or colon) is the evidence, unless a rule already
    read a purpose in it."""
    if any(attrs["concept"] == "purposes" for attrs in facts.values()):
        return []
    m = _ITEM_PURPOSE.match(text)
    if m is None:
        return []
    return [(m.start("purpose"), m.end("purpose"), "purposes", "purpose_list_item", "", "", None, "")]


# An item under a "How we use ..." heading that starts "to <verb>" ("to run the reading
# games", "to keep the service secure"): a purpose whatever its verb, not "to the extent
# ...", "to exercise your rights"; the evidence runs to the item's first stop. (Read here,
# not by a concept rule: a rule needs a trigger word, and "to" is in every other clause.)
_TO_ITEM = compile_rx(
    r"\W*(?:\(?[a-z0-9]{1,2}[.)]\s*)?(?P<ev>to (?!(?:the|a|an|our|your|his/her|his or her|us|you|him|her|them|these"
    r"|those|such|any|whom|which|this|that|be|do|date|learn|find|read|see|contact|exercise|opt)\b)[a-z]{2,}\b"
    r"[^.;:\n]{0,150}?)(?=\s*(?:[.;:]|,? (?:and|or)$|$))", _I)


def _to_item(text: str) -> list[tuple]:
    """The purpose an infinitive list item states under a purposes heading (``_TO_ITEM``)."""
    m = _TO_ITEM.match(text)
    return [] if m is None else [(m.start("ev"), m.end("ev"), "purposes", "purpose_to_item", "", "", None, "")]


def _duration_groups(text: str) -> Iterator[list[re.Match]]:
    """The DURATION matches of ``text``, those of one compound duration grouped together."""
    group: list[re.Match] = []
    for m in DURATION.finditer(text):
        if group:
            last, size = group[-1], unit_days(m.group("unit"))
            if (DURATION_JOIN.fullmatch(text, last.end(), m.start()) and size is not None
                    and size < (unit_days(last.group("unit")) or 0)):
                group.append(m)
                continue
            yield group
        group = [m]
    if group:
        yield group


class ValueExtractor:
    """Find normalised values in a Doc (see the module docstring)."""

    def __init__(self, nlp, contexts):
        self.contexts = contexts
        self.gates = {k: _gate(k) for k in _TRIGGERS}
        self.gates["retention_words"] = self.gates["vague"] | self.gates["criteria"]
        self.gates["retention_verbs"] = frozenset(t for w in _RETENTION_WORDS for t in expand_braces(w))
        self.laws = compiled_lexicon("laws", "laws")
        self.measures = compiled_lexicon("security", "measures")
        self.law_index = self._index(self.laws)
        self.measure_index = self._index(self.measures)
        self.measure_unless = compiled_unless("security", "measures")
        self.lexicon_terms = frozenset(self.law_index) | frozenset(self.measure_index)
        # the trigger words of the breach rules: whom a breach notice goes to is read where one found a breach
        self.gates["breach"] = frozenset(t for rule in load_rules() if rule.label == breach.CONCEPT
                                         for t in rule.triggers)
        self.column_concepts: dict[tuple, list] = {}  # header cells -> (concept, kind) of each column
        # a cell that answers: "Yes", "No", "No, never" (not "No personal information is sold")
        self.answer_yes, self.answer_no = qualifier_cue("answer_yes"), qualifier_cue("answer_no")
        # every trigger word that lets one of the extractors below run: a clause with none
        # of them, no sharing heading and none of CONTACT_MARKS has no values (two clauses
        # in five of real policies), and skips the gate-by-gate tests
        self.any_gate = self.lexicon_terms.union(*(self.gates[k] for k in (
            "duration", "retention_words", "age", "date", "phone", "address", "street", "ward", "district",
            "controller_named", "sharing", "legitimate")), ("mobile",))
        lex = load_lexicon("recipients")
        self.orgs = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.org_names = {}
        for org in lex["organisations"]:
            key = nlp.vocab.strings.add("org:" + org["name"])
            self.org_names[key] = org["name"]
            self.orgs.add("org:" + org["name"], [nlp.make_doc(a) for a in org["aliases"]])
        self.categories = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.category_names = {}
        for category, phrases in lex["categories"].items():
            key = nlp.vocab.strings.add("category:" + category)
            self.category_names[key] = category
            self.categories.add("category:" + category, [nlp.make_doc(p) for p in phrases])

    def __call__(self, doc, st: dict) -> list[tuple]:
        text, trig, out = st["text"], st["positions"].keys(), []
        if "columns" in st:
            out += self._table_cells(text, st["columns"])
        ctx = self.contexts(st["heading"]) if st["heading"] else frozenset()
        if "purpose_list" in ctx and st.get("clause") and st["clause"][3] == "list_item":
            out += _purpose_item(text, st["facts"])
        elif "purposes" in ctx:
            out += _to_item(text)
        if not trig.isdisjoint(self.gates["breach"]):  # (before the exit below: its gate words are not in any_gate)
            out += breach.addressees(text, st["facts"].values())
        if (trig.isdisjoint(self.any_gate) and "sharing" not in ctx and "contact" not in ctx
                and not any(m in text for m in CONTACT_MARKS)):
            return out
        if not trig.isdisjoint(self.gates["duration"]):
            out += self._durations(text, ctx)
        if (not trig.isdisjoint(self.gates["retention_words"])
                and ("retention" in ctx or not trig.isdisjoint(self.gates["retention_verbs"]))):
            out += self._retention_words(text, st["positions"], ctx)
        if not trig.isdisjoint(self.gates["age"]) and (
                "children" in ctx or not trig.isdisjoint(self.gates["child"])
                or ("under" in trig and UNDER_AGE.search(text))
                or (("older" in trig or "over" in trig) and OR_OLDER.search(text))):
            out += [(m.start(), m.end(), "children", "minimum_age", str(a), "age", float(a), "")
                    for m in AGE.finditer(text)
                    for a in [int(parse_number(m.group("age") or m.group("age2")) or 0)] if 6 <= a <= 21
                    and not _older_children(text, m) and not _age_of_sale(text, m) and not _range_end(text, m)
                    and not _past_age(text, m)]
        if not trig.isdisjoint(self.gates["date"]):
            out += [(m.start(), m.end(), "policy.date", "policy_date", v or "", "date", None, "")
                    for m in anchored(POLICY_DATE, text, st["positions"], self.gates["date"])
                    for v in [iso_date(m.group("date"))]]
        if not trig.isdisjoint(self.gates["legitimate"]):
            out += [(m.start("interest"), m.end("interest"), "legal_basis.legitimate_interest",
                     "legitimate_interest_stated", interest_text(m.group("interest")), "interest", None, "")
                    for m in anchored(LEGITIMATE_INTEREST, text, st["positions"], self.gates["legitimate"])]
        out += contacts(text, st["positions"], ctx, st["heading"], self.gates)
        out += self._lexicons(text, st["positions"], trig)
        if "sharing" in ctx or not trig.isdisjoint(self.gates["sharing"]):
            out += self._recipients(doc, text, st["positions"], ctx)
        return out

    def _table_cells(self, text: str, columns: list[str]) -> list[tuple]:
        """The cells of a table row that state a concept by their column ("Purpose",
        "Personal data": ``patterns/columns.yaml``), each a fact with the cell as evidence;
        and the cells that answer yes or no in a column that asks about a practice ("Sold
        or shared": ``patterns/answer_columns.yaml``), facts of that practice, negative for "No"."""
        kinds = self.column_concepts.get(tuple(columns))
        if kinds is None:
            kinds = self.column_concepts[tuple(columns)] = [
                next(((c, kind) for kind in ("columns", "answer_columns") for c, rx in load_columns(kind)
                      if rx.fullmatch(header.strip())), (None, None)) for header in columns]
        out = []
        for (concept, kind), (start, end) in zip(kinds, cell_spans(text)):
            if concept is None or end <= start:
                continue
            if kind == "columns":
                out.append((start, end, concept, "table_column", "", "", None, ""))
            else:
                cell = text[start:end]
                answer = ("positive" if self.answer_yes.match(cell)
                          else "negative" if self.answer_no.match(cell) else None)
                if answer:
                    out.append((start, end, concept, "table_answer", "", "", None, "", answer))
        return out

    def _durations(self, text: str, ctx: frozenset) -> list[tuple]:
        """Durations: a retention period where the sentence talks about keeping or deleting
        data, else a promised deadline ("within 30 days") for requests or breach notices."""
        out, bounds = [], sentence_bounds(text)
        for group in _duration_groups(text):
            start, end, unit = group[0].start(), group[-1].end(), group[0].group("unit")
            parts = [(_amount(m), m.group("unit")) for m in group]
            if PAST_PERIOD.search(text, max(0, start - 20), start):
                continue  # "in the past 12 months" describes disclosures, not a period we keep data
            if unit.lower().startswith("year") and AGE_LEAD.search(text, max(0, start - 15), start):
                continue
            s, e = sentence_at(text, bounds, start)
            promised = ((DEADLINE_PREFIX.search(text, max(0, start - 25), start)
                         or (TO_RESPOND.match(text, end) and HAVE_PERIOD.search(text, max(s, start - 50), start)))
                        and not USER_DEADLINE.search(text, max(s, start - 60), start))
            # "we delete the data within 72 hours of your request" is how fast a request is met
            request_deadline = promised and REQUEST.search(text, s, e)
            cell = _cell(text, s, e, start, end)  # (a table row's other cells say nothing of this period)
            if not request_deadline and (RETENTION_CUE.search(text, *cell) or (
                    "retention" in ctx and not DEADLINE_TOPIC.search(text, *cell))):
                days = compound_days(parts)
                if days:
                    out.append((start, end, "retention.period", "retention_duration", str(days),
                                "days", float(days), ""))
            elif promised:
                concept = ("breach.notification" if BREACH.search(text, s, e)
                           else "rights.exercise" if DEADLINE_TOPIC.search(text, s, e) else None)
                hours = compound_hours(parts)
                if concept and hours is not None:
                    out.append((start, end, concept, "deadline", str(hours), "hours", float(hours), ""))
        return out

    def _retention_words(self, text: str, positions: dict, ctx: frozenset) -> list[tuple]:
        out, bounds = [], None
        for rx, words, rule, value, qualifier in (
                (VAGUE_RETENTION, VAGUE_WORDS, "retention_vague", "vague", "vague"),
                (CRITERIA, CRITERIA_WORDS, "retention_criteria", "criteria", "")):
            for m in anchored(rx, text, positions, words):
                if "retention" not in ctx:
                    # "depends on the type of device" is retention wording only in a
                    # sentence about keeping or deleting data, and only before or close
                    # after its verb ("Depending on the applicable rules in your country,
                    # your options include: seeing the records held by us" is not)
                    bounds = bounds or sentence_bounds(text)
                    start, end = sentence_at(text, bounds, m.start())
                    if not RETENTION_CUE.search(text, start, min(end, m.end() + _CUE_AFTER)):
                        continue
                lead = LEAD_IN.search(text, max(0, m.start() - 7), m.start())
                start = lead.start() if lead else m.start()
                out.append((start, m.end(), "retention.period", rule, value, "days", None, qualifier))
        return out

    @staticmethod
    def _index(entries) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for i, (_, _, triggers, _) in enumerate(entries):
            for t in triggers:
                index.setdefault(t, []).append(i)
        return index

    def _lexicons(self, text: str, positions: dict, trig: frozenset) -> list[tuple]:
        """Laws and security measures, tried only where one of their triggers starts."""
        out, taken = [], []
        found = self.lexicon_terms.intersection(trig)  # 8x faster than trig & set
        if not found:
            return out
        for i in sorted({i for t in found for i in self.law_index.get(t, ())}):
            law_id, rx, triggers, _ = self.laws[i]
            for m in anchored(rx, text, positions, triggers):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue  # an earlier, more specific law already claimed this text
                taken.append(m.span())
                out.append((m.start(), m.end(), "law.reference", "law:" + law_id, law_id, "law", None, ""))
        for i in sorted({i for t in found for i in self.measure_index.get(t, ())}):
            measure, rx, triggers, needs_cue = self.measures[i]
            if needs_cue and trig.isdisjoint(self.gates["security_cue"]):
                continue
            unless = self.measure_unless.get(i)
            for m in anchored(rx, text, positions, triggers):
                if unless is not None and unless.search(text, *sentence_at(text, sentence_bounds(text), m.start())):
                    continue
                version = m.groupdict().get("version")
                value = f"{measure} {version}" if version else measure
                out.append((m.start(), m.end(), "security", "measure", value, "measure", None, ""))
        return out

    def _recipients(self, doc, text: str, positions: dict, ctx: frozenset) -> list[tuple]:
        in_section = "sharing" in ctx
        # SHARING_CUE only starts at one of its words: tried there, not scanned for
        cues = trigger_starts(positions, self.gates["sharing_cue"])

        def cue_between(lo: int, hi: int) -> bool:
            for p in cues[bisect.bisect_left(cues, lo):]:
                if p >= hi:
                    return False
                if SHARING_CUE.match(text, p, hi):
                    return True
            return False

        # outside a sharing section a recipient needs a sharing cue: tested before the
        # phrase matchers run, as most clauses that reach this point have none
        if not in_section and not cue_between(0, len(text)):
            return []
        orgs = self.orgs(doc, as_spans=True)
        cats = self.categories(doc, as_spans=True)
        bodies = [] if positions.keys().isdisjoint(self.gates["public_body"]) else list(PUBLIC_BODY.finditer(text))
        if not orgs and not cats and not bodies:
            return []
        bounds, out = sentence_bounds(text), []
        spans = filter_spans(list(orgs) + list(cats))
        for span in spans:
            is_org = span.label in self.org_names
            if not in_section:  # the recipient must be in a sentence about sharing
                s, _ = sentence_at(text, bounds, span.start_char)
                while s and text[s - 1] == "." and _EXAMPLE_END.search(text, max(0, s - 7), s):
                    # "payment processors (e.g. Stripe)": an example goes on its sentence
                    s, _ = sentence_at(text, bounds, s - 1)
                # a recipient follows the sharing word ("hosted by X", "we share it with
                # partners"); named before it, it is the one acting ("X shares…")
                if not cue_between(s, span.start_char):
                    continue
            if is_org:
                out.append((span.start_char, span.end_char, "sharing.recipients", "recipient:organisation",
                            self.org_names[span.label], "recipient", None, ""))
            else:
                out.append((span.start_char, span.end_char, "sharing.recipients", "recipient:category",
                            self.category_names[span.label], "recipient_category", None, ""))
                out += named_in_brackets(text, span.end_char, spans) or named_after(text, span.end_char, spans)
        for m in bodies:  # "the Norwegian Tax Administration", in a sentence about sharing
            if not named_where_data_goes(text, m.start()):
                continue  # "clauses approved by the European Commission": not whom data goes to
            if (in_section or cue_between(sentence_at(text, bounds, m.start())[0], m.start())) and not any(
                    span.start_char < m.end(1) and m.start(1) < span.end_char for span in spans):
                out.append((m.start(1), m.end(1), "sharing.recipients", "recipient:public_body", m.group(1),
                            "recipient", None, ""))
        return out
