"""Value extractors: the normalised values of ``concepts.md`` found in one clause.

:class:`ValueExtractor` is called by the ``privcompare_values`` component with a
Doc and returns fact tuples ``(start, end, concept, rule, value, value_kind,
number, qualifier)``. Each extractor is gated by a cheap test (a trigger word,
or a character such as ``@``) so that most clauses cost nothing. Recipients named as
written (not by the recipient lexicon) are read by :mod:`.recipient_names`.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from .resources import (compiled_lexicon, compiled_unless, expand_braces, expand_fragments, load_columns,
                        load_lexicon)
from .recipient_names import BODY_TRIGGERS, PUBLIC_BODY, named_after, named_in_brackets, named_where_data_goes
from .values import (NUMBER_WORDS, clean_email, clean_url, compound_days, compound_hours, interest_text,
                     iso_date, parse_number, phone_e164, unit_days)

_I = re.IGNORECASE
SCANNED: list[tuple[re.Pattern, str]] = []  # (pattern, its form without the look-ahead), for tests


def _scanned(first: str, pattern: str, flags: int = 0) -> re.Pattern:
    """Compile a pattern that is searched through whole clauses behind a look-ahead for the
    characters it can start with (``first``, a character class). Python's regex engine
    then skips every other position cheaply instead of trying each alternative there:
    1.5-2.5x faster on real clauses, same matches (tests compare both forms)."""
    compiled = re.compile(f"(?={first})(?:{pattern})", flags)
    SCANNED.append((compiled, pattern))
    return compiled


_NUM = rf"(?:\d+(?:[.,]\d+)?|{NUMBER_WORDS})"  # digits, or the words parse_number reads
_AGE_WORDS = "thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty-one|twenty one"
# "3 x 24 hours": Indonesian and Vietnamese texts count days in hours ("3 x 24 jam"), and
# write a number twice: "five (5) years", "5 (five) years"
DURATION = _scanned(
    r"[\dotfsen]",
    rf"\b(?:(?P<times>\d{{1,2}})\s*[x\u00d7]\s*)?(?P<num>{_NUM})(?:\s*\((?:\d+|{NUMBER_WORDS})\))?[\s-]*"
    r"(?P<unit>(?:business |working |calendar )?"
    r"(?:day|week|month|year|hour)s?)\b(?![- ](?:old|of[- ]age))", _I)
# "under the age of 13 years", "users aged 16 years": an age, not a period we keep data
AGE_LEAD = re.compile(r"(?:\bage of|\baged?|\byounger than|\bolder than|(?<!\bfor )\b(?:under|over))\s*$", _I)
DEADLINE_PREFIX = re.compile(r"\b(?:within|no later than|not later than|no more than|"
                             r"at the latest|in no more than)\s*(?:a|the)?\s*$", _I)
PAST_PERIOD = re.compile(r"\b(?:past|preceding|previous|last|prior)\s*$", _I)
DEADLINE_TOPIC = re.compile(r"\b(?:respond\w*|response|reply|answer\w*|request\w*|rights?|inquir\w*|"
                            r"complain\w*|acknowledge?\w*|fulfil\w*)\b", _I)
# "if you do not respond within 1 month": the user's deadline, not one the organisation promises
USER_DEADLINE = re.compile(r"\byou (?:do not |don't |did not |fail to |must |need to |should )?"
                           r"(?:respond|reply|answer|confirm)\w*\b[^.;]{0,40}$", _I)
# a data subject's request in the sentence of a promised deadline
REQUEST = re.compile(r"\brequest(?:s|ed)?\b", _I)
# a breach, or the words Vietnamese and Indonesian texts use for one
BREACH = re.compile(r"\bbreach\w*\b|\b(?:data|security) incidents?\b"
                    r"|\bviolations? of (?:the )?(?:regulations on |rules on )?(?:personal )?data protection\b"
                    r"|\bfailures? (?:of|in) (?:personal )?data protection\b", _I)
RETENTION_CUE = _scanned(
    r"[rkshdpeamow]",
    r"\b(?:retain\w*|retention|keep|keeps|kept|store[sd]?|storing|storage|hold|held|delet\w*|purg\w*|"
    r"eras\w*|destr\w*|anonymi[sz]\w*|archiv\w*|maintain\w*|preserv\w*|overwrit\w*|wip(?:e|es|ed|ing))\b", _I)
_CUE_AFTER = 50  # characters after retention wording in which its keeping/deleting verb may follow
# Vague retention wording and retention criteria. Anchored: each alternative starts
# with one of the *_WORDS below (look-behinds cover the words before it).
VAGUE_RETENTION = re.compile(
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
CRITERIA = re.compile(
    r"\bcriteria\b|\bfactors\b[^.;]{0,60}?\b(?:determin\w*|retention|period)"
    r"|\b(?:retention )?periods? (?:will )?(?:depend|vary|varies|differ)"
    r"|\b(?:depend\w*|based) (?:up)?on (?:the )?(?:purpose|type|nature|categor\w*|kind|legal|applicable"
    r"|statutory|how long|context|reason)"
    r"|(?:(?<=\bas )|(?<=\bso ))long as (?:your|you|the|we have an?) (?:account|relationship|contract|subscription|"
    r"user|active|ongoing|maintain|business)\b|\buntil (?:you|your account|the account|such time|the end of)\b"
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
LEAD_IN = re.compile(r"(?:for )?(?:as|so) $", _I)  # put "as" back in front of an anchored "long as"
AGE = _scanned(
    r"[ubyloamtnfse\d]",
    r"\b(?:under|below|younger than|less than|over|above|older than|at least|aged|minimum age(?: of| is)?"
    rf"|(?:the )?age of|not yet)\s+(?:the age of\s+)?(?P<age>\d{{1,2}}|{_AGE_WORDS})\b"
    # "at least 7 years after your last visit" is a period of time, not an age
    r"(?!\s*(?:%|percent|days|months|hours|weeks)|\s*years?\s+(?!of age)(?:after|from|since|following|beyond|of)\b)"
    rf"|\b(?P<age2>\d{{1,2}}|{_AGE_WORDS})\s*(?:years? (?:of age|old)|\+|-years?-old|yrs|or older|and older|or over"
    r"|and over|years? (?:or|and) (?:older|over))", _I)
# "children over 7 need the consent of the child and a parent" (Decree 13, Art. 20): the
# age bounds a group that is still children, not the minimum age of the service's users
CHILD_GROUP = re.compile(r"\b(?:child(?:ren)?|minors?|kids)\s+(?:who are\s+)?$", _I)
# "We do not sell the personal information of consumers under 16" (CCPA), "users under 18
# may request removal of their posts" (California's minor eraser law): an age for a sale or
# a removal, not the minimum age of the service's users
AGE_OF_SALE = re.compile(
    r"\b(?:sell|sells|selling|sold|sale|sales|opt[- ]in)\b|\brequest\w*(?: and obtain)? (?:the )?removal\b", _I)
UNDER_AGE = re.compile(r"\bunder (?:the age of )?\d", _I)  # "individuals under 18" names an age
OR_OLDER = re.compile(r"\b\d{1,2} (?:years? )?(?:or|and) (?:older|over)\b", _I)  # "you must be 16 or older"
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE = (rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?"
         rf"\s+\d{{4}}|\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{4}}|{_MONTH},?\s+\d{{4}})")
POLICY_DATE = re.compile(
    r"\b(?:last\s+)?(?:updated|modified|revised|reviewed|amended|changed|effective|published|valid|in effect"
    r"|dated|version(?: date)?|date of (?:last )?(?:update|revision)|(?<=last )update|revision date"
    # German-style "Status: 01.09.2025" ("Stand"), and "current as at 1 March 2024"
    r"|(?:status|stand)(?=\s*[:\-–])|(?:current )?as at)"
    r"(?:\s+(?:date|on|as of|from|since|at|in))*\s*[:\-–]?\s*(?:on\s+)?(?P<date>" + _DATE + r")", _I)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
PROTECTED_EMAIL = re.compile(r"\[email\s*(?:&#160;)?\s*protected\]", _I)
# A number's groups are split by a space, "." or "-", or by a spaced hyphen ("+49 (0) 40
# 99999 - 3430"); after a label, a slash too (German "030/123 456 78"). The labels include
# Indonesian "Telp"/"Telepon" and Vietnamese "Điện thoại"/"ĐT".
PHONE = _scanned(
    r"[+0ptchmfwđ]",
    r"(?<![\w+])(?:\+|00)\d{1,3}[\s.-]?(?:\(0\)[\s.-]?)?(?:\(?\d{1,5}\)?(?: - |[\s.-])?){1,5}\d{2,5}(?:-\d{1,2}\b(?!-))?\b"
    r"|\b(?:phone|tel(?:ephone|epon|p)?|call(?: us| cent(?:er|re))?|hotline|helpline|mobile|fax|whatsapp|điện thoại|đt)\.?"
    r"(?: number)?"
    r"(?: toll[- ]free| \(toll[- ]free\))?(?: at| on)?"
    r"\s*[:\-]?\s*(?P<num>\(?\d[\d\s()./-]{5,}\d)", _I)
MOBILE_LABEL = re.compile(r"\bmobile(?: (?:phone|number|no\.?))?\s*[:\-]?\s*\(?\d", _I)
# A number written right after an e-mail address without a label: "privacy@x.co.kr,
# 02-1234-5678", "email a@b.example or on 1300 555 123", "... or 02-123-4567". National
# shapes only (a "+" number is PHONE's): digit groups split by spaces or hyphens, 8 to 12
# digits.
PHONE_AFTER_EMAIL = re.compile(
    r"@[\w-]+(?:\.[\w-]+)+\s*(?:,\s*|\s+(?:or|and)\s+(?:(?:on|at)\s+)?)"
    # not a date, nor a range of years
    r"(?!\d{4}-\d{1,2}-\d{1,2}\b|\d{1,2}[\s-]\d{1,2}[\s-](?:19|20)\d\d\b|(?:19|20)\d\d\s?-\s?(?:19|20)\d\d\b)"
    r"(?P<num>\(?\d{1,5}\)?(?:[\s-]\d{2,5}){1,3})(?![\w-]|[.,/]\d)", _I)
URL = re.compile(r"\bhttps?://[^\s<>\"')\]]+|\bwww\.[^\s<>\"')\]]+", _I)
CONTACT_CUE = _scanned(r"[crgwose]", r"\b(?:contact\w*|reach (?:us|out)|get in touch|write to|web ?form"
                       r"|online form|submit (?:a|your) request|e-?mail us|website\s*:)", _I)
ADDRESS = _scanned(
    r"[P\d]",
    r"\b(?:P\.?\s?O\.? Box\s+\d+[^\n;]{0,100}|\d{1,5}[A-Za-z]?,?\s+(?:[A-Z][\w'.-]*\s+){1,4}(?:Street|St\.?|Road|"
    r"Rd\.?|Avenue|Ave\.?|Boulevard|Blvd\.?|Lane|Drive|Way|Square|Place|Parkway|Court|Plaza|Quay|"
    r"View|Walk|Crescent|Terrace|Highway|Hwy\.?|"
    r"Strasse|Straße|Str\.)(?=[\s,.])[^\n;]{0,120})")
# The street word first: French "25 Rue de la Paix, 75002 Paris", and Spanish, Portuguese or
# Italian "Calle Mayor 5, 28013 Madrid", "Avenida Paulista, 1000", "Via Roma 12"
_PARTICLE = r"(?:de|du|des|la|le|del|della|dei|delle|di|do|da|dos|das|l['’])"
ADDRESS_TYPE_FIRST = _scanned(
    r"[\dCARVPL]",
    r"\b\d{1,5}[A-Za-z]?(?: bis| ter)?,?\s+(?:Rue|Avenue|Boulevard|All[ée]e|Chemin|Quai|Impasse|Cours)\s+"
    rf"(?:{_PARTICLE}\s*)*[A-Z][^\n;]{{0,120}}"
    r"|\b(?:Calle|Carrer|Avenida|Paseo|Rua|Via|Viale|Piazza|Corso|Largo)\s+"
    rf"(?:{_PARTICLE}\s+)*[A-Z][\w'.-]*(?:\s+(?:[A-Z][\w'.-]*|{_PARTICLE}))*,?\s+(?:n[º°o]\.?\s*)?"
    r"\d{1,5}[A-Za-z]?\b[^\n;]{0,120}")
# Street name before the number: Indonesian "Jl. Palmerah Selatan No. 22", and (looked
# for under a contact heading only) "Musterstraße 5, 10115 Berlin", "Regeringsgatan 19,
# 111 53 Stockholm": a street word, its number, a postcode and a capitalised place.
ADDRESS_JALAN = re.compile(r"\b(?:Jln?\.?|Jalan)\s+[A-Z][^\n;]{3,120}")
# Vietnamese: "12 Nguyen Hue, Ben Nghe Ward, District 1, Ho Chi Minh City", "25/3 Lê Văn Sỹ,
# Ward 13, ...": a house number and a street name without a street word, then a ward or
# commune as the next (or next but one) part
ADDRESS_WARD = re.compile(
    r"\b\d{1,5}[A-Za-z]?(?:/\d{1,5}[A-Za-z]?)*,?\s+(?:[^\W\d_][\w'.-]*\s+){0,5}?[^\W\d_][\w'.-]*,\s*"
    r"(?:[^\n,;]{1,40},\s*)?(?:(?:[^\W\d_][\w'.-]*\s+){1,4}?(?:Ward|Commune)|(?:Ward|Commune)\s+\d{1,3})\b"
    r"[^\n;]{0,100}")
# Japanese and Korean addresses in Latin letters have no street word but a district with
# a suffix: "1-2-3 Marunouchi, Chiyoda-ku, Tokyo 100-0005", "123 Teheran-ro, Gangnam-gu,
# Seoul 06236", "Pangyo-ro 256, Bundang-gu, Seongnam-si" (a road with -ro / -gil / -daero
# before its number).
_DISTRICT = r"[A-Z][\w']*-(?:ku|gu|shi|si|gun)\b"
_ADDRESS_PART = r"(?:[A-Z][\w'.-]*|\d{1,5}(?:-(?:gil|ro|\d{1,5}))?)"
ADDRESS_DISTRICT = re.compile(
    r"\b(?:(?!(?:19|20)\d\d,)\d{1,5}(?:-\d{1,5}){0,3},?\s+|[A-Z][\w']*-(?:ro|gil|daero)\s+(?=\d))"
    # then one or two comma-separated parts of capitalised words and numbers, then the district
    rf"(?:{_ADDRESS_PART}(?:\s+{_ADDRESS_PART}){{0,2}},\s+){{1,2}}?" + _DISTRICT + r"[^\n;]{0,80}")
ADDRESS_NAME_FIRST = _scanned(
    r"[A-ZÄÖÜÅ]",
    r"\b[A-ZÄÖÜÅ][\w'.-]*(?:stra(?:ss|ß)e|str\.|gatan|gata|vägen|weg|laan|straat|gade|vej|gasse|platz|allee"
    r"|-(?:Str\.|Stra(?:ss|ß)e|Platz|Allee|Weg|Gasse|Ring))"
    r"\s+\d{1,5}[a-zA-Z]?(?:[-/]\d{1,5})?,?\s+(?:[A-Z]{1,2}-)?(?:\d{3}\s?\d{2}|\d{4,5})\s+[A-ZÄÖÜÅ][^\n;]{0,80}")
# "Address: ..." / "our postal address is ...": what follows has a number within 80
# characters and is not an e-mail ("an e-mail address is enough", "address: x@y.com");
# nor is an IP or web address one
ADDRESS_LABEL = re.compile(r"(?<!\bIP )(?<!\bweb )(?<!\bMAC )"
                           r"\b(?:postal |mailing |registered |office |head office |business |main office )?"
                           r"address(?:es)?\s*(?:is|:)\s*:?\s*(?P<addr>(?=\S)(?!\S*@)(?=[^\n]{0,80}?\d)[^\n]{10,200})",
                           _I)
DIGIT = re.compile(r"\d")
# a sentence that names the controller, as German notices do outside any contact heading:
# "Responsible for data processing on this website is: Acme GmbH, Musterstr. 1, 12345 Berlin"
CONTROLLER_NAMED = re.compile(r"\bresponsible (?:body |party )?for (?:the )?(?:data )?processing\b[^.]{0,40}?\bis\b"
                              r"|\bcontroller\b[^.]{0,60}?\bis\b|\b(?:is|acts as) (?:the |a )?(?:data )?controller\b", _I)
# Where an address written inline ends (the patterns above read up to a line end): at the
# next sentence, at another channel ("... CA 94104 or by email to ...", "Email: ...", a
# URL, a phone number) or at a clause about the addressee (", is the data controller",
# ", who has been appointed ...").
ADDRESS_TAIL = re.compile(
    r"[.!?]\s+(?=(?:We|You|Please|If|For|To|This|These|Our|In|As|Any|All|Your|Alternatively|Note|"
    r"Requests?|Questions?|Contact|Call|E-?mail|Write|Visit|Phone)\b)"
    r"|\s+(?:or|and)\s+(?:by|at|via|through|to|using|e-?mail|write|call|contact|visit|fill)\b"
    r"|,?\s+(?:is|are|was|were|who|which|where|has|have)\s"
    # a channel's label ("Email:", "Tel 0303 ...", "Email privacy@..."; not "Tel Aviv")
    r"|[.!?]?\s+(?=(?:E-?mail|Phone|Tel(?:ephone)?|Fax|Web(?:site)?)\.?\s*[:+(\d]|E-?mail\s+\S+@)"
    r"|\s+(?=\S+@|https?://|www\.|\+\d|\(\d{3}\)\s?\d|\d{1,3}-\d{3}-\d{3,4}\b)"
    # text flattened from a page loses the line break after the address: a sentence
    # starts with one of these words and goes on in lower case
    r"|\s+(?=(?:We|We['’]re|You|If|Please|Questions|Alternatively|To|For|Our|This|Note)\b,?\s+[a-z])"
    r"|,?\s+(?:and\s+)?(?=VAT\b|(?:company|registration) (?:number|no)\b|\(\d\)\s)"
    # a registration number in brackets: "(org. no. 912 345 678)", "(Company No. 0123)", "(ABN ...)"
    r"|,?\s*\((?=(?i:org(?:ani[sz]ation)?\.? ?(?:no|nr|number)|company (?:no|nr|number|reg)|registration|reg\. ?no"
    r"|CVR|UEN|ABN|ACN|CNPJ|KvK|HRB|RCS|VAT)\b)"
    # the defined name that follows the controller's address: ("Acme", "we"), (hereinafter "Acme")
    r"|,?\s*\((?=(?:hereinafter(?: referred to as)?|the|collectively|together|jointly)?\s*[\"“‘'])")
# the sentence's full stop after an address (not an abbreviation's: "... Tel Aviv St.")
_FULL_STOP_AFTER = re.compile(r"(?:\d|[a-z]{3}|[A-Z]{2}|\))\.$")
# The officer's titles (patterns/fragments.yaml, shared with the dpo rule), and the "person
# in charge of the protection of personal information" of Quebec's Law 25 and the PIPL (Art. 52)
DPO_CUE = _scanned(r"[dpci]", r"\b(?:" + expand_fragments("<<dpo_title>>", "extractors.DPO_CUE")
                   + r"|person in charge of (?:the protection of personal (?:data|information)"
                   r"|personal (?:data|information) protection))\b", _I)
# The controller's representative in the EU / UK (GDPR Art. 27): not a sales or customer
# service representative, nor the agent a person may send to exercise their rights.
REPRESENTATIVE_CUE = re.compile(
    r"\b(?:EU|EEA|UK|European(?: Union)?|Swiss|Union|Art(?:icle|\.) ?27(?: GDPR)?) (?:data protection |GDPR )?"
    r"representatives?\b|\brepresentatives? (?:with)?in (?:the (?:EU|EEA|UK|European Union|European Economic Area"
    r"|United Kingdom|Union)|Europe)\b|\brepresentatives? (?:under|pursuant to|according to|within the meaning of) "
    r"Art(?:icle|\.) ?27\b", _I)
# A supervisory authority or an outside dispute-resolution body named before a channel:
# the channel is how to reach that body (a complaint route), not the controller.
AUTHORITY_CUE = _scanned(
    r"[sdipcomh]",
    r"\b(?:supervisory authorit\w*|data protection (?:authorit\w*|commission\w*|inspectorate|board|office|agency)"
    r"|privacy commissioner\w*|commissioner for (?:data protection|privacy|information)"
    r"|datainspektionen|ombudsm[ae]n|dispute resolution (?:provider|service|body|mechanism|program(?:me)?)"
    # the bodies the complaint rules name (fragments.yaml)
    r"|" + expand_fragments("<<complaint_body>>", "extractors.AUTHORITY_CUE") + r")\b", _I)
_FIRST_PERSON = re.compile(r"\b(?:us|our|we)\b", _I)
# a later sentence speaking of a body introduced before it (see _introduced_before)
_REFERS_BACK = re.compile(r"\b(?:they|them|he|she|him|her)\b|\bthe (?:(?:EU|EEA|UK|European) )?(?:representatives?"
                          r"|(?:data protection |privacy )?officer|DPO)\b", _I)
_CHANNEL_LABEL = re.compile(
    r"\s*(?:Contact(?: details)?|E-?mail|Phone|Tel(?:ephone)?|Hotline|Fax|Address|Reach (?:her|him|them))\s*:", _I)
_NAME_WORD = re.compile(r"(?<![\w.@/])[A-Z][\w-]+")
# an authority's contact block across sentence ends (see _without_authority_channels)
_AUTHORITY_BLOCK_CHARS = 300
_CHANNEL_TEXT = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")  # addresses whose letters are no prose
_PROSE_WORD = re.compile(r"\b(?!(?:e-?mail|phone|tel|telephone|fax|mail|post|web|website|online)\b)[a-z]{4,}\b")
# A street address given for a service the organisation uses ("the tracking pixel of
# Adnet Ltd., 7 Harbour Square"), not for reaching the organisation: a
# provider cue before it in its sentence, or the clause saying that company collects data.
PROVIDER_CUE = _scanned(r"[phosrdfutwbPHOSRDFUTWB]",
                        r"\b(?:(?:provided|hosted|operated|supplied|offered|run|developed|owned) by"
                        r"|services? of|(?:the )?provider|(?:pixel|plug-?ins?|tools?|widgets?|buttons?) of)\b", _I)
_COMPANY_ABBREVIATION = re.compile(r"\b(?:Inc|Ltd|Corp|Co|LLC|L\.P|S\.A|B\.V)\.\s*$")  # "Inc." ends no sentence
PROVIDER_ROLE = re.compile(r"\b(?:(?:collected|processed) by (?!us\b|our\b)[A-Z]|jointly responsible"
                           r"|joint controllers?)")
SHARING_CUE = re.compile(
    r"\b(?:shar(?:e|es|ed|ing)|disclos\w*|transferr?(?:ed|s|ing)?|recipients?|sell|sold|rent|pass(?:es|ed|ing)?|"
    r"forward(?:s|ed|ing)?|transmit(?:s|ted|ting)?|entrust(?:s|ed|ing)?|consign(?:s|ed|ing)?|"
    r"ma(?:de|ke) available|(?:processed|handled) by|hosted (?:by|on|with))\b", _I)
SECURITY_CUE = re.compile(r"\b(?:secur\w*|protect\w*|safeguard\w*|encrypt\w*|unauthori[sz]ed|breach\w*)\b", _I)
# An initialism's last full stop before a small letter ("U.S. customers") ends no sentence.
_INITIALISM_DOT = r"(?-i:(?<=\b[A-Z]\.[A-Z])\.(?= [a-z]))"
# The interests a policy relies on, spelled out after "legitimate interest(s)": "... lies in
# ensuring the security of the system", "... in preventing fraud", "...: fraud prevention",
# "Legitimate interests (protecting our business)" in a table of purposes and bases.
# Art. 13(1)(d) GDPR asks for these, not for the bare words. Anchored at "legitimate".
LEGITIMATE_INTEREST = re.compile(
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
    "phone": ["phone", "tel", "telephone", "call", "hotline", "helpline", "fax", "whatsapp", "telp", "telepon",
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
# The full stop of a citation ends no sentence ("our representative under Art. 27 GDPR is
# ..."). ("e.g." and "i.e." still do: conditions are read per sentence, and joining the
# example to its sentence would let "where ..." in it qualify everything before.)
_SENTENCE_END = re.compile(r"[.!?;\n](?:(?<=\n)|(?=\s))(?<!\b[Aa]rt\.)(?<!\bNo\.)(?<!\b[Pp]ara\.)(?<!\bSec\.)")
_last_bounds: tuple = (None, [0])  # (text, bounds) of the last call: components ask per clause


def sentence_bounds(text: str) -> list[int]:
    """Start offsets of the rough sentences of ``text`` (no model needed).

    Several components ask for the same clause's sentences in turn, so the
    last answer is kept (callers must not modify the list).

    >>> sentence_bounds("We sell. We do not! Ok")
    [0, 8, 19]
    >>> sentence_bounds("Under Art. 27 GDPR by post. Next")
    [0, 27]
    """
    global _last_bounds
    last_text, bounds = _last_bounds
    if text is not last_text:
        bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
        _last_bounds = (text, bounds)
    return bounds


def sentence_at(text: str, bounds: list[int], start: int) -> tuple[int, int]:
    """``(start, end)`` of the sentence holding offset ``start`` (bounds from :func:`sentence_bounds`)."""
    i = bisect.bisect_right(bounds, start) - 1
    end = bounds[i + 1] if i + 1 < len(bounds) else len(text)
    return bounds[i], end


def trigger_terms() -> set[str]:
    """All trigger words the value extractors and lexicons use."""
    terms = {t for words in _TRIGGERS.values() for w in words for t in expand_braces(w)}
    for name, key in (("laws", "laws"), ("security", "measures")):
        terms |= {t for _, _, trig, _ in compiled_lexicon(name, key) for t in trig}
    return terms


def _gate(kind: str) -> frozenset:
    return frozenset(t for w in _TRIGGERS[kind] for t in expand_braces(w))


def _trigger_starts(positions: dict, triggers) -> list[int]:
    """Sorted offsets where one of ``triggers`` starts (each offset once)."""
    return sorted({p for t in triggers for p in positions.get(t, ())})


def _anchored(rx, text: str, positions: dict, triggers) -> list:
    """Matches of ``rx`` starting where one of ``triggers`` starts, in text order,
    without overlaps (as ``finditer`` would give them)."""
    starts = _trigger_starts(positions, triggers)
    out, end = [], -1
    for m in map(rx.match, [text] * len(starts), starts):
        if m and m.start() >= end:
            out.append(m)
            end = m.end()
    return out


def address_end(text: str, start: int, end: int) -> int:
    """The end of the address in ``text[start:end]``, before whatever follows it inline.

    >>> t = "Write to 350 Main Street, Springfield, IL 62701 or by email to a@b.example."
    >>> t[9:address_end(t, 9, len(t))]
    '350 Main Street, Springfield, IL 62701'
    """
    m = ADDRESS_TAIL.search(text, start + 8, end)  # past the number and street name
    if m is not None:
        end = m.start()
    while True:  # separators and a dangling "and" / "or" ("..., USA, and")
        while end > start and text[end - 1] in " ,;:-–—(":
            end -= 1
        word = text.rfind(" ", start, end)
        if word < 0 or text[word + 1:end] not in ("and", "or"):
            break
        end = word
    if _FULL_STOP_AFTER.search(text, start, end):
        end -= 1
    # a bracket closed after the address: "(... at 3 Elia Zammit Street, Malta)."
    if text[end - 1:end] == ")" and text.count("(", start, end) < text.count(")", start, end):
        end -= 1
    return end


# The floor, suite or unit written before the street number is part of the address:
# "Level 5, 100 George Street", "Suite 300, 200 Main Street", "3rd Floor, 25 Queen Street"
UNIT_BEFORE = re.compile(r"(?:\b(?:Level|Suite|Ste\.?|Unit|Floor|Flat|Apartment|Apt\.?|Room|Building|Bldg\.?)"
                         r"\s+\d{1,4}[A-Za-z]?|\b\d{1,3}(?:st|nd|rd|th)\s+Floor),\s*$")


def _with_unit(text: str, start: int) -> int:
    """``start`` moved back over the floor, suite or unit written before it (if any)."""
    while True:
        m = UNIT_BEFORE.search(text, max(0, start - 30), start)
        if m is None:
            return start
        start = m.start()


def _street_addresses(rx: re.Pattern, text: str) -> list[tuple]:
    return [(s, e, "controller.contact", "contact_street_address", text[s:e].strip(), "address", None, "")
            for m in rx.finditer(text) for e in [address_end(text, m.start(), m.end())]
            for s in [_with_unit(text, m.start()) if text[m.start()].isdigit() else m.start()]]


# characters by which _contacts finds e-mails, phone numbers and URLs without a trigger word
_CONTACT_MARKS = ("@", "[email", "+", "http", "www.")

# "1 year and 6 months", "2 years, 3 months and 10 days": one duration written in
# units that get smaller; "6 months and 2 years" or "30 days and 30 days" are two
DURATION_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)", _I)


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
_RANGE_BEFORE = re.compile(r"(?:\bbetween\s+\d{1,2}\s+and|\b\d{1,2}\s*(?:-|–|to))\s*$", _I)


def _range_end(text: str, m: re.Match) -> bool:
    """Whether an AGE match is the upper end of an age range ("between 6 and 12 years old")."""
    return _RANGE_BEFORE.search(text, max(0, m.start() - 16), m.start()) is not None


def _age_of_sale(text: str, m: re.Match) -> bool:
    """Whether an AGE match's sentence is about selling data or removing content (``AGE_OF_SALE``)."""
    s, e = sentence_at(text, sentence_bounds(text), m.start())
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


_EXAMPLE_END = re.compile(r"\b(?:e\.g|i\.e|esp|incl)\.\s?$", re.IGNORECASE)  # a "sentence" cut after "e.g."
_ITEM_PURPOSE = re.compile(r"\W*(?:\(?(?:[a-z]|\d{1,2}|[ivx]{1,4})[.)]\s+)?(?P<purpose>[^.;:]{3,200}?)"
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
_TO_ITEM = re.compile(
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


def _without_nested_addresses(channels: list[tuple]) -> list[tuple]:
    """Drop an address found again, or inside a longer one ("100 George Street, Sydney"
    within "Level 5, 100 George Street, Sydney"): it is the same address, read by another
    pattern."""
    spans = {(f[0], f[1]) for f in channels if f[5] == "address"}
    out, seen = [], set()
    for f in channels:
        if f[5] == "address":
            if (f[0], f[1]) in seen or any(s <= f[0] and f[1] <= e and (s, e) != (f[0], f[1]) for s, e in spans):
                continue
            seen.add((f[0], f[1]))
        out.append(f)
    return out


# A data protection department or unit is part of the organisation (Vietnam's Law 91/2025
# has organisations designate one), unlike an officer, a person in a role.
_DPO_UNIT = re.compile(r"\bdata protection (?:department|unit|division)s?\b", re.IGNORECASE)


def _unit_channels(channels: list[tuple]) -> list[tuple]:
    """Under a contact heading, the channels given to a data protection department ("Contact:
    Data Protection Department, Lotus Pay JSC, <address>. Email: ...") are the
    organisation's own as well: copies as ``controller.contact``, the rule saying why."""
    return [f[:2] + ("controller.contact", "contact_" + f[3].removeprefix("dpo_") + "+data_protection_unit") + f[4:]
            for f in channels if f[2] == "dpo" and f[3].startswith("dpo_")]


def _channels_of(text: str, channels: list[tuple], cue: re.Pattern, concept: str,
                 whole_clause: bool = False, carry: bool = False) -> list[tuple]:
    """Give to ``concept`` the controller's channels that sit in a sentence ``cue`` finds (or,
    ``whole_clause``, under a heading it finds, all but those in a sentence saying "us / our /
    we"): a channel beside "our data protection officer" is how to reach the DPO (GoPPC
    3.2), one beside "our EU representative" how to reach the representative (GDPR Art.
    13(1)(a)), not the controller's general contact (1.2). The rule name keeps the channel
    kind (``contact_email`` -> ``dpo_email``).

    ``carry``: a later sentence of the clause that refers back to the body the cue
    introduced, by a name given there or as "they / she / the representative", and says
    nothing in the first person, gives that body's channels ("Our representative in Europe
    is Repco BV. Repco BV can be contacted at eu@repco.example"); "contact us at ..." or "For
    orders, write to ..." stay the controller's."""
    bounds, out = sentence_bounds(text), []
    for fact in channels:
        if fact[2] == "controller.contact":
            s, e = sentence_at(text, bounds, fact[0])
            if (whole_clause and not _FIRST_PERSON.search(text, s, e)) or cue.search(text, s, e) \
                    or (carry and _introduced_before(text, bounds, cue, s, fact[0])):
                fact = fact[:2] + (concept, concept + "_" + fact[3].removeprefix("contact_")) + fact[4:]
        out.append(fact)
    return out


def _introduced_before(text: str, bounds: list[int], cue: re.Pattern, sentence_start: int, channel: int) -> bool:
    """A sentence before ``sentence_start`` names ``cue``'s body, nothing from the end of
    that sentence to the channel says "us / our / we", and the channel's sentence refers
    back to the body (a pronoun, "the representative", or a name the cue's sentence gave)."""
    last = None
    for last in cue.finditer(text, 0, sentence_start):
        pass
    if last is None:
        return False
    cue_start, cue_end = sentence_at(text, bounds, last.start())
    if _FIRST_PERSON.search(text, cue_end, channel):
        return False
    if _REFERS_BACK.search(text, sentence_start, channel):
        return True
    # the sentences after the cue's are channel labels and channels, up to this one: "Our DPO
    # is Jane Roe. Contact: ...", "Data protection department, <address>. Email: ... Hotline: ..."
    start = cue_end
    while start <= sentence_start and _CHANNEL_LABEL.match(text, start):
        if start == sentence_start:
            return True
        start = sentence_at(text, bounds, start)[1]
    # names: capitalised words inside the cue's sentence (not its first word)
    first = len(text) - len(text[cue_start:].lstrip()) + 1
    names = {m.group() for m in _NAME_WORD.finditer(text, first, cue_end)}
    return any(m.group() in names for m in _NAME_WORD.finditer(text, sentence_start, channel))


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
        self.column_concepts: dict[tuple, list] = {}  # header cells -> concept of each column
        # every trigger word that lets one of the extractors below run: a clause with none
        # of them, no sharing heading and none of _CONTACT_MARKS has no values (two clauses
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
        if (trig.isdisjoint(self.any_gate) and "sharing" not in ctx and "contact" not in ctx
                and not any(m in text for m in _CONTACT_MARKS)):
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
                    and not _older_children(text, m) and not _age_of_sale(text, m) and not _range_end(text, m)]
        if not trig.isdisjoint(self.gates["date"]):
            out += [(m.start(), m.end(), "policy.date", "policy_date", v or "", "date", None, "")
                    for m in _anchored(POLICY_DATE, text, st["positions"], self.gates["date"])
                    for v in [iso_date(m.group("date"))]]
        if not trig.isdisjoint(self.gates["legitimate"]):
            out += [(m.start("interest"), m.end("interest"), "legal_basis.legitimate_interest",
                     "legitimate_interest_stated", interest_text(m.group("interest")), "interest", None, "")
                    for m in _anchored(LEGITIMATE_INTEREST, text, st["positions"], self.gates["legitimate"])]
        out += self._contacts(text, st["positions"], ctx, st["heading"])
        out += self._lexicons(text, st["positions"], trig)
        if "sharing" in ctx or not trig.isdisjoint(self.gates["sharing"]):
            out += self._recipients(doc, text, st["positions"], ctx)
        return out

    def _table_cells(self, text: str, columns: list[str]) -> list[tuple]:
        """The cells of a table row that state a concept by their column ("Purpose",
        "Personal data": ``patterns/columns.yaml``), each a fact with the cell as evidence."""
        concepts = self.column_concepts.get(tuple(columns))
        if concepts is None:
            concepts = self.column_concepts[tuple(columns)] = [
                next((c for c, rx in load_columns() if rx.fullmatch(header.strip())), None) for header in columns]
        if not any(concepts):
            return []
        return [(start, end, concept, "table_column", "", "", None, "")
                for concept, (start, end) in zip(concepts, cell_spans(text)) if concept and end > start]

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
            promised = (DEADLINE_PREFIX.search(text, max(0, start - 25), start)
                        and not USER_DEADLINE.search(text, max(s, start - 60), start))
            # "we delete the data within 72 hours of your request" is how fast a request is met
            request_deadline = promised and REQUEST.search(text, s, e)
            if not request_deadline and (RETENTION_CUE.search(text, s, e) or (
                    "retention" in ctx and not DEADLINE_TOPIC.search(text, *_cell(text, s, e, start, end)))):
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
            for m in _anchored(rx, text, positions, words):
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

    def _contacts(self, text: str, positions: dict, ctx: frozenset, heading: str = "") -> list[tuple]:
        out, trig = [], positions.keys()
        if "@" in text:
            for m in EMAIL.finditer(text):
                email = clean_email(m.group())
                out.append((m.start(), m.end(), "controller.contact", "contact_email", email, "email", None, ""))
        if "[email" in text:
            out += [(m.start(), m.end(), "controller.contact", "contact_email_redacted", "", "email", None, "")
                    for m in PROTECTED_EMAIL.finditer(text)]
        if "+" in text or not trig.isdisjoint(self.gates["phone"]) or ("mobile" in trig and MOBILE_LABEL.search(text)):
            for m in PHONE.finditer(text):
                raw = m.group("num") or m.group()
                digits = sum(c.isdigit() for c in raw)
                if 7 <= digits <= 15:
                    out.append((m.start(), m.end(), "controller.contact", "contact_phone", phone_e164(raw),
                                "phone", None, ""))
        if "@" in text:
            for m in PHONE_AFTER_EMAIL.finditer(text):
                digits = sum(c.isdigit() for c in m.group("num"))
                if 8 <= digits <= 12:
                    out.append((m.start("num"), m.end("num"), "controller.contact", "contact_phone",
                                phone_e164(m.group("num")), "phone", None, ""))
        if ("http" in text or "www." in text) and ("contact" in ctx or CONTACT_CUE.search(text)):
            bounds = sentence_bounds(text)
            out += [(m.start(), m.end(), "controller.contact", "contact_url", clean_url(m.group()), "url",
                     None, "") for m in URL.finditer(text)
                    if "contact" in ctx or CONTACT_CUE.search(text, *sentence_at(text, bounds, m.start()))]
        if not trig.isdisjoint(self.gates["address"]):
            out += [(m.start("addr"), e, "controller.contact", "contact_address",
                     text[m.start("addr"):e].strip(), "address", None, "")
                    for m in _anchored(ADDRESS_LABEL, text, positions, self.gates["address_label"])
                    for e in [address_end(text, m.start("addr"), m.end("addr"))]]
        if not trig.isdisjoint(self.gates["street"]) and DIGIT.search(text):
            out += _street_addresses(ADDRESS, text)
            if not trig.isdisjoint(self.gates["jalan"]):
                out += _street_addresses(ADDRESS_JALAN, text)
            if not trig.isdisjoint(self.gates["type_first"]):
                out += _street_addresses(ADDRESS_TYPE_FIRST, text)
        if not trig.isdisjoint(self.gates["ward"]) and DIGIT.search(text):
            out += _street_addresses(ADDRESS_WARD, text)
        if not trig.isdisjoint(self.gates["district"]) and DIGIT.search(text):
            out += _street_addresses(ADDRESS_DISTRICT, text)
        if ("contact" in ctx or not trig.isdisjoint(self.gates["controller_named"]) and CONTROLLER_NAMED.search(text)) \
                and DIGIT.search(text):
            out += _street_addresses(ADDRESS_NAME_FIRST, text)
        if len(out) > 1 and sum(f[5] == "address" for f in out) > 1:
            out = _without_nested_addresses(out)
        if out:
            # under a "Data Protection Officer" / "Information Officer" heading, every channel is the officer's
            dpo_heading = (DPO_CUE.search(heading.rpartition(" > ")[2]) is not None
                           and "representative" not in text.lower())
            if dpo_heading or DPO_CUE.search(text):
                out = _channels_of(text, out, DPO_CUE, "dpo", whole_clause=dpo_heading, carry=True)
                if "contact" in ctx and _DPO_UNIT.search(heading.rpartition(" > ")[2] if dpo_heading else text):
                    out += _unit_channels(out)
        if out:
            rep_heading = REPRESENTATIVE_CUE.search(heading.rpartition(" > ")[2]) is not None
            if rep_heading or REPRESENTATIVE_CUE.search(text):
                out = _channels_of(text, out, REPRESENTATIVE_CUE, "representative", whole_clause=rep_heading,
                                  carry=True)
        if out and AUTHORITY_CUE.search(text):
            out = self._without_authority_channels(text, out)
        # an address block under "You can complain to the Information Commissioner's Office:"
        # (its lines are clauses of their own) is the authority's, unless it says "us"
        if out and AUTHORITY_CUE.search(heading.rpartition(" > ")[2]) and not _FIRST_PERSON.search(text):
            out = []
        if any(f[3] == "contact_street_address" for f in out) and (
                PROVIDER_CUE.search(text) or PROVIDER_ROLE.search(text)):
            out = self._without_provider_addresses(text, out)
        return out

    @staticmethod
    def _without_provider_addresses(text: str, channels: list[tuple]) -> list[tuple]:
        """Drop street addresses of a service provider the policy describes (see
        ``PROVIDER_CUE``); e-mails, phones and labelled addresses are kept."""
        bounds, role, out = sentence_bounds(text), PROVIDER_ROLE.search(text), []
        for fact in channels:
            if fact[3] == "contact_street_address":
                s, _ = sentence_at(text, bounds, fact[0])
                if s and _COMPANY_ABBREVIATION.search(text, max(0, s - 8), s):
                    s = sentence_at(text, bounds, s - 1)[0]
                if role or PROVIDER_CUE.search(text, max(s, fact[0] - 120), fact[0]):
                    continue
            out.append(fact)
        return out

    @staticmethod
    def _without_authority_channels(text: str, channels: list[tuple]) -> list[tuple]:
        """Drop channels that follow, in the same sentence, the name of a supervisory
        authority or dispute-resolution body with no "us / our / we" in between ("the
        Information Commissioner's Office, Wycliffe House, … Tel: 0303 …"). Past a
        sentence end the body's channels may go on ("..., Portarlington, Co. Laois, …
        Phone +353 …", "... the Berlin Commissioner. https://… Tel.: …") as long as only
        an address and channels come between: no word in lower case but a channel label."""
        bounds, out = sentence_bounds(text), []
        for fact in channels:
            s, _ = sentence_at(text, bounds, fact[0])
            body = None
            for body in AUTHORITY_CUE.finditer(text, s, fact[0]):
                pass  # the last body named before the channel
            if body is None:
                for body in AUTHORITY_CUE.finditer(text, max(0, fact[0] - _AUTHORITY_BLOCK_CHARS), s):
                    pass
                if body is not None and _PROSE_WORD.search(_CHANNEL_TEXT.sub(" ", text[body.end():fact[0]])):
                    body = None  # a sentence of prose in between: the channel is someone else's
            if body is not None and not _FIRST_PERSON.search(text, body.end(), fact[0]):
                continue
            out.append(fact)
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
            for m in _anchored(rx, text, positions, triggers):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue  # an earlier, more specific law already claimed this text
                taken.append(m.span())
                out.append((m.start(), m.end(), "law.reference", "law:" + law_id, law_id, "law", None, ""))
        for i in sorted({i for t in found for i in self.measure_index.get(t, ())}):
            measure, rx, triggers, needs_cue = self.measures[i]
            if needs_cue and trig.isdisjoint(self.gates["security_cue"]):
                continue
            unless = self.measure_unless.get(i)
            for m in _anchored(rx, text, positions, triggers):
                if unless is not None and unless.search(text, *sentence_at(text, sentence_bounds(text), m.start())):
                    continue
                version = m.groupdict().get("version")
                value = f"{measure} {version}" if version else measure
                out.append((m.start(), m.end(), "security", "measure", value, "measure", None, ""))
        return out

    def _recipients(self, doc, text: str, positions: dict, ctx: frozenset) -> list[tuple]:
        orgs = self.orgs(doc, as_spans=True)
        cats = self.categories(doc, as_spans=True)
        bodies = [] if positions.keys().isdisjoint(self.gates["public_body"]) else list(PUBLIC_BODY.finditer(text))
        if not orgs and not cats and not bodies:
            return []
        in_section = "sharing" in ctx
        # SHARING_CUE only starts at one of its words: tried there, not scanned for
        cues = _trigger_starts(positions, self.gates["sharing_cue"])

        def cue_between(lo: int, hi: int) -> bool:
            for p in cues[bisect.bisect_left(cues, lo):]:
                if p >= hi:
                    return False
                if SHARING_CUE.match(text, p, hi):
                    return True
            return False

        if not in_section and not cue_between(0, len(text)):
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
