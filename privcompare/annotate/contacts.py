"""Contact channels in a clause: e-mails, phone numbers, URLs and postal addresses, and
whose they are (the controller's, a DPO's, a representative's, an authority's or a
service provider's). Called by :class:`.extractors.ValueExtractor`."""
from __future__ import annotations

import re

from ..structure.patterns import company_form_regex
from .resources import expand_fragments
from .scan import anchored, scanned, searched, sentence_at, sentence_bounds
from .scan import compile_with_look_aheads as compile_rx  # re.compile, with look-aheads (same matches)
from .values import clean_email, clean_url, phone_e164

_I = re.IGNORECASE

EMAIL = compile_rx(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
PROTECTED_EMAIL = compile_rx(r"\[email\s*(?:&#160;)?\s*protected\]", _I)
# A number's groups are split by a space, "." or "-", or by a spaced hyphen ("+49 (0) 40
# 99999 - 3430"); after a label, a slash too (German "030/123 456 78"). The labels include
# Indonesian "Telp"/"Telepon" and Vietnamese "Điện thoại"/"ĐT".
PHONE = scanned(
    r"(?<![\w+])(?:\+|00)\d{1,3}[\s.-]?(?:\(0\)[\s.-]?)?(?:\(?\d{1,5}\)?(?: - |[\s.-])?){1,5}\d{2,5}(?:-\d{1,2}\b(?!-))?\b"
    r"|\b(?:phone|tel(?:ephone|epon|p)?|call(?: us| cent(?:er|re))?|hotline|helpline|mobile|fax|whatsapp|điện thoại|đt"
    r"|toll[- ]free)\.?"
    r"(?: number)?"
    r"(?: toll[- ]free| \(toll[- ]free\))?(?: at| on)?"
    r"\s*[:\-]?\s*(?P<num>\(?\d[\d\s()./-]{5,}\d)", _I)
MOBILE_LABEL = searched(compile_rx(r"\bmobile(?: (?:phone|number|no\.?))?\s*[:\-]?\s*\(?\d", _I))
# A number written right after an e-mail address without a label: "privacy@x.co.kr,
# 02-1234-5678", "email a@b.example or on 1300 555 123", "... or 02-123-4567". National
# shapes only (a "+" number is PHONE's): digit groups split by spaces or hyphens, 8 to 12
# digits.
PHONE_AFTER_EMAIL = compile_rx(
    r"@[\w-]+(?:\.[\w-]+)+\s*(?:,\s*|\s+(?:or|and)\s+(?:(?:on|at)\s+)?)"
    # not a date, nor a range of years
    r"(?!\d{4}-\d{1,2}-\d{1,2}\b|\d{1,2}[\s-]\d{1,2}[\s-](?:19|20)\d\d\b|(?:19|20)\d\d\s?-\s?(?:19|20)\d\d\b)"
    r"(?P<num>\(?\d{1,5}\)?(?:[\s-]\d{2,5}){1,3})(?![\w-]|[.,/]\d)", _I)
URL = compile_rx(r"\bhttps?://[^\s<>\"')\]]*[^\s<>\"')\].,;:!?]|\bwww\.[^\s<>\"')\]]*[^\s<>\"')\].,;:!?]", _I)
CONTACT_CUE = scanned(r"\b(?:contact\w*|reach (?:us|out)|get in touch|write to|web ?form"
                       r"|online form|submit (?:a|your) request|e-?mail us|website\s*:)", _I)
ADDRESS = scanned(
    r"\b(?:P\.?\s?O\.? Box\s+\d+[^\n;]{0,100}|\d{1,5}[A-Za-z]?,?\s+(?:[A-Z][\w'.-]*\s+){1,4}(?:Street|St\.?|Road|"
    r"Rd\.?|Avenue|Ave\.?|Boulevard|Blvd\.?|Lane|Drive|Way|Square|Place|Parkway|Court|Plaza|Quay|"
    r"View|Walk|Crescent|Terrace|Highway|Hwy\.?|"
    r"Strasse|Straße|Str\.)(?=[\s,.])[^\n;]{0,120})")
# The street word first: French "25 Rue de la Paix, 75002 Paris", and Spanish, Portuguese or
# Italian "Calle Mayor 5, 28013 Madrid", "Avenida Paulista, 1000", "Via Roma 12"
_PARTICLE = r"(?:de|du|des|la|le|del|della|dei|delle|di|do|da|dos|das|l['’])"
ADDRESS_TYPE_FIRST = scanned(
    r"\b\d{1,5}[A-Za-z]?(?: bis| ter)?,?\s+(?:Rue|Avenue|Boulevard|All[ée]e|Chemin|Quai|Impasse|Cours)\s+"
    rf"(?:{_PARTICLE}\s*)*[A-Z][^\n;]{{0,120}}"
    r"|\b(?:Calle|Carrer|Avenida|Paseo|Rua|Via|Viale|Piazza|Corso|Largo)\s+"
    rf"(?:{_PARTICLE}\s+)*[A-Z][\w'.-]*(?:\s+(?:[A-Z][\w'.-]*|{_PARTICLE}))*,?\s+(?:n[º°o]\.?\s*)?"
    r"\d{1,5}[A-Za-z]?\b[^\n;]{0,120}")
# Street name before the number: Indonesian "Jl. Palmerah Selatan No. 22", and (looked
# for under a contact heading only) "Musterstraße 5, 10115 Berlin", "Regeringsgatan 19,
# 111 53 Stockholm": a street word, its number, a postcode and a capitalised place.
ADDRESS_JALAN = compile_rx(r"\b(?:Jln?\.?|Jalan)\s+[A-Z][^\n;]{3,120}")
# Vietnamese: "12 Nguyen Hue, Ben Nghe Ward, District 1, Ho Chi Minh City", "25/3 Lê Văn Sỹ,
# Ward 13, ...": a house number and a street name without a street word, then a ward or
# commune as the next (or next but one) part
ADDRESS_WARD = compile_rx(
    r"\b\d{1,5}[A-Za-z]?(?:/\d{1,5}[A-Za-z]?)*,?\s+(?:[^\W\d_][\w'.-]*\s+){0,5}?[^\W\d_][\w'.-]*,\s*"
    r"(?:[^\n,;]{1,40},\s*)?(?:(?:[^\W\d_][\w'.-]*\s+){1,4}?(?:Ward|Commune)|(?:Ward|Commune)\s+\d{1,3})\b"
    r"[^\n;]{0,100}")
# Japanese and Korean addresses in Latin letters have no street word but a district with
# a suffix: "1-2-3 Marunouchi, Chiyoda-ku, Tokyo 100-0005", "123 Teheran-ro, Gangnam-gu,
# Seoul 06236", "Pangyo-ro 256, Bundang-gu, Seongnam-si" (a road with -ro / -gil / -daero
# before its number).
_DISTRICT = r"[A-Z][\w']*-(?:ku|gu|shi|si|gun)\b"
_ADDRESS_PART = r"(?:[A-Z][\w'.-]*|\d{1,5}(?:-(?:gil|ro|\d{1,5}))?)"
ADDRESS_DISTRICT = compile_rx(
    r"\b(?:(?!(?:19|20)\d\d,)\d{1,5}(?:-\d{1,5}){0,3},?\s+|[A-Z][\w']*-(?:ro|gil|daero)\s+(?=\d))"
    # then one or two comma-separated parts of capitalised words and numbers, then the district
    rf"(?:{_ADDRESS_PART}(?:\s+{_ADDRESS_PART}){{0,2}},\s+){{1,2}}?" + _DISTRICT + r"[^\n;]{0,80}")
# The street words of German, Dutch, Nordic and Finnish names, written as the name's end
# ("Keizersgracht", "Mannerheimintie") or, in Norwegian, as a word of their own after a
# genitive ("Karl Johans gate"); a house number may carry a letter ("12 B").
_STREET_END = ("stra(?:ss|ß)e|str\\.|gasse|platz|allee|damm|ufer|markt|chaussee"
               "|straat|laan|weg|gracht|kade|plein|singel|dreef"
               "|gatan|gata|gaten|vägen|väg|gränd|torget|gade|vej|veien|vegen|torv|plads"
               "|tie|katu|kuja|polku|väylä|kaari|aukio|tori")
ADDRESS_NAME_FIRST = scanned(
    rf"\b(?:[A-ZÄÖÜÅ][\w'.-]*(?:{_STREET_END}|-(?:Str\.|Stra(?:ss|ß)e|Platz|Allee|Weg|Gasse|Ring))"
    r"|(?:[A-ZÄÖÜÅ][\w'.-]* )?[A-ZÄÖÜÅ][\w'.-]*s (?:gate|gata|vei|veg|plass))"
    r"\s+\d{1,5}(?:[a-zA-Z]|\s[A-Z](?=,))?(?:[-/]\d{1,5})?,?\s+(?:[A-Z]{1,2}-)?(?:\d{3}\s?\d{2}|\d{4,5})\s+"
    r"[A-ZÄÖÜÅ][^\n;]{0,80}")
# "Address: ..." / "our postal address is ...": what follows has a number within 80
# characters and is not an e-mail ("an e-mail address is enough", "address: x@y.com");
# nor is an IP or web address one
ADDRESS_LABEL = compile_rx(r"(?<!\bIP )(?<!\bweb )(?<!\bMAC )"
                           r"\b(?:postal |mailing |registered |office |head office |business |main office )?"
                           r"address(?:es)?\s*(?:is|:)\s*:?\s*(?P<addr>(?=\S)(?!\S*@)(?=[^\n]{0,80}?\d)[^\n]{10,200})",
                           _I)
DIGIT = compile_rx(r"\d")
# a sentence that names the controller, as German notices do outside any contact heading:
# "Responsible for data processing on this website is: Acme GmbH, Musterstr. 1, 12345 Berlin"
CONTROLLER_NAMED = searched(compile_rx(
    r"\bresponsible (?:body |party )?for (?:the )?(?:data )?processing\b[^.]{0,40}?\bis\b"
    r"|\b(?:is|are) responsible for (?:the )?processing\b"
    r"|\bcontroller\b[^.]{0,60}?\bis\b|\b(?:is|acts as) (?:the |a )?(?:data )?controller\b", _I))
# Where an address written inline ends (the patterns above read up to a line end): at the
# next sentence, at another channel ("... CA 94104 or by email to ...", "Email: ...", a
# URL, a phone number) or at a clause about the addressee (", is the data controller",
# ", who has been appointed ...").
ADDRESS_TAIL = compile_rx(
    r"[.!?]\s+(?=(?:We|You|Please|If|For|To|This|These|Our|In|As|Any|All|Your|Alternatively|Note|The|It|They|"
    r"There|When|Where|Each|Such|That|Those|"
    r"Requests?|Questions?|Contact|Call|E-?mail|Write|Visit|Phone"
    # a registration number after the address's full stop ("... Amsterdam. KvK 12345678")
    r"|KvK|VAT|CVR|UEN|ABN|ACN|CNPJ|HRB|RCS|Reg(?:istration|istered)?|Company (?:No|Number|Reg)|Org)\b)"
    r"|\s+(?:or|and)\s+(?:by|at|via|through|to|using|e-?mail|write|call|contact|visit|fill)\b"
    r"|,?\s+(?:is|are|was|were|who|which|where|has|have)\s"
    # a sentence that goes on after the postcode: "... Auckland 1010 collects personal information"
    # (not "12 rue de Rivoli": a street word may follow a house number)
    r"|(?<=\d{4})\s+(?=(?!(?:rue|via|avenue|av|calle|carrer|rua|chemin|boulevard|bd|place|piazza|plaza|viale|strada|"
    r"road|rd|street|st|lane|drive|box|floor|suite|unit)\b)[a-z]{3,}\s)"
    # a channel's label ("Email:", "Tel 0303 ...", "Email privacy@..."; not "Tel Aviv")
    # (either case: "..., Hamburg, Germany, phone +49 40 ...")
    r"|[.!?]?\s+(?=(?i:e-?mail|phone|tel(?:ephone)?|fax|web(?:site)?|toll[- ]free)\.?\s*[:+(\d]|(?i:e-?mail)\s+\S+@)"
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
_FULL_STOP_AFTER = compile_rx(r"(?:\d|[a-z]{3}|[A-Z]{2}|\))\.$")
# The officer's titles (patterns/fragments.yaml, shared with the dpo rule), and the "person
# in charge of the protection of personal information" of Quebec's Law 25 and the PIPL (Art. 52)
DPO_CUE = scanned(r"\b(?:" + expand_fragments("<<dpo_title>>", "contacts.DPO_CUE")
                   + r"|person in charge of (?:the protection of personal (?:data|information)"
                   r"|personal (?:data|information) protection))\b", _I)
# The controller's representative in the EU / UK (GDPR Art. 27): not a sales or customer
# service representative, nor the agent a person may send to exercise their rights.
REPRESENTATIVE_CUE = searched(compile_rx(
    r"\b(?:EU|EEA|UK|European(?: Union)?|Swiss|Union|Art(?:icle|\.) ?27(?: GDPR)?) (?:data protection |GDPR )?"
    r"representatives?\b|\brepresentatives? (?:with)?in (?:the (?:EU|EEA|UK|European Union|European Economic Area"
    r"|United Kingdom|Union)|Europe)\b|\brepresentatives? (?:under|pursuant to|according to|within the meaning of) "
    r"Art(?:icle|\.) ?27\b", _I))
# A supervisory authority or an outside dispute-resolution body named before a channel:
# the channel is how to reach that body (a complaint route), not the controller.
AUTHORITY_CUE = scanned(
    r"\b(?:supervisory authorit\w*|data protection (?:authorit\w*|commission\w*|inspectorate|board|office|agency)"
    r"|privacy commissioner\w*|commissioner for (?:data protection|privacy|information)"
    r"|datainspektionen|ombudsm[ae]n|dispute resolution (?:provider|service|body|mechanism|program(?:me)?)"
    # the bodies the complaint rules name (fragments.yaml)
    r"|" + expand_fragments("<<complaint_body>>", "extractors.AUTHORITY_CUE") + r")\b", _I)
_FIRST_PERSON = compile_rx(r"\b(?:us|our|we)\b", _I)
# a later sentence speaking of a body introduced before it (see _introduced_before)
_REFERS_BACK = compile_rx(r"\b(?:they|them|he|she|him|her)\b|\bthe (?:(?:EU|EEA|UK|European) )?(?:representatives?"
                          r"|(?:data protection |privacy )?officer|DPO)\b", _I)
_CHANNEL_LABEL = compile_rx(
    r"\s*(?:Contact(?: details)?|E-?mail|Phone|Tel(?:ephone)?|Hotline|Fax|Address|Reach (?:her|him|them))\s*:", _I)
_NAME_WORD = compile_rx(r"(?<![\w.@/])[A-Z][\w-]+")
# an authority's contact block across sentence ends (see _without_authority_channels)
_AUTHORITY_BLOCK_CHARS = 300
_CHANNEL_TEXT = compile_rx(r"\S+@\S+|https?://\S+|www\.\S+")  # addresses whose letters are no prose
_PROSE_WORD = compile_rx(r"\b(?!(?:e-?mail|phone|tel|telephone|fax|mail|post|web|website|online)\b)[a-z]{4,}\b")
# A street address given for a service the organisation uses ("the tracking pixel of
# Adnet Ltd., 7 Harbour Square"), not for reaching the organisation: a
# provider cue before it in its sentence, or the clause saying that company collects data.
PROVIDER_CUE = scanned(r"\b(?:(?:provided|hosted|operated|supplied|offered|run|developed|owned) by"
                       r"|services? of|(?:the )?provider|(?:pixel|plug-?ins?|tools?|widgets?|buttons?) of)\b", _I)
# A company form's abbreviation with its full stop ("Acme Inc.", "Kestrel Pty. Ltd."): the
# stop ends no sentence, and belongs to the name
COMPANY_FORM_END = compile_rx(r"\b" + company_form_regex(words=False, dotted=True) + r"\.\s*$")
PROVIDER_ROLE = compile_rx(r"\b(?:(?:collected|processed) by (?!us\b|our\b)[A-Z]|jointly responsible"
                           r"|joint controllers?)")


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
UNIT_BEFORE = compile_rx(r"(?:\b(?:Level|Suite|Ste\.?|Unit|Floor|Flat|Apartment|Apt\.?|Room|Building|Bldg\.?)"
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


# characters by which contacts() finds e-mails, phone numbers and URLs without a trigger word
CONTACT_MARKS = ("@", "[email", "+", "http", "www.")


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
_DPO_UNIT = compile_rx(r"\bdata protection (?:department|unit|division)s?\b", re.IGNORECASE)


def _unit_channels(channels: list[tuple]) -> list[tuple]:
    """Under a contact heading, the channels given to a data protection department ("Contact:
    Data Protection Department, Lotus Pay JSC, <address>. Email: ...") are the
    organisation's own as well: copies as ``controller.contact``, the rule saying why."""
    return [f[:2] + ("controller.contact", "contact_" + f[3].removeprefix("dpo_") + "+data_protection_unit") + f[4:]
            for f in channels if f[2] == "dpo" and f[3].startswith("dpo_")]


# "... contact our DPO at dpo@x.example or write to us / to Acme Ltd, 1 Main St": the channels
# after such a turn are the controller's again, though the sentence names the officer
_BACK_TO_CONTROLLER = compile_rx(
    r"\bor (?:write|send (?:a )?letter|post (?:it|them|a letter)|mail (?:it|them|a letter))(?: to)? "
    r"(?:us\b|(?-i:(?:PT|CV) [A-Z])|(?-i:[A-Z][\w&'.-]*(?: [A-Z][\w&'.-]*){0,5}),? "
    + company_form_regex(words=False) + r"\b)", _I)


def _channels_of(text: str, channels: list[tuple], cue: re.Pattern, concept: str,
                 whole_clause: bool = False, carry: bool = False) -> list[tuple]:
    """Give to ``concept`` the controller's channels that sit in a sentence ``cue`` finds (or,
    ``whole_clause``, under a heading it finds, all but those in a sentence saying "us / our /
    we"): a channel beside "our data protection officer" is how to reach the DPO (GoPPC
    3.2), one beside "our EU representative" how to reach the representative (GDPR Art.
    13(1)(a)), not the controller's general contact (1.2) — unless the sentence turns back
    to the controller before the channel ("... or write to us / to Acme Ltd, <address>").
    The rule name keeps the channel kind (``contact_email`` -> ``dpo_email``).

    ``carry``: a later sentence of the clause that refers back to the body the cue
    introduced, by a name given there or as "they / she / the representative", and says
    nothing in the first person, gives that body's channels ("Our representative in Europe
    is Repco BV. Repco BV can be contacted at eu@repco.example"); "contact us at ..." or "For
    orders, write to ..." stay the controller's."""
    bounds, out = sentence_bounds(text), []
    for fact in channels:
        if fact[2] == "controller.contact":
            s, e = sentence_at(text, bounds, fact[0])
            if (whole_clause and not _FIRST_PERSON.search(text, s, e)) or _cue_before(text, cue, s, e, fact[0]) \
                    or (carry and _introduced_before(text, bounds, cue, s, fact[0])):
                fact = fact[:2] + (concept, concept + "_" + fact[3].removeprefix("contact_")) + fact[4:]
        out.append(fact)
    return out


def _cue_before(text: str, cue: re.Pattern, start: int, end: int, channel: int) -> bool:
    """The sentence ``text[start:end]`` names ``cue``'s body, and does not turn back to the
    controller ("or write to us at") between the body's last mention before ``channel``
    and the channel."""
    before = after = None
    for m in cue.finditer(text, start, end):
        if m.start() >= channel:
            after = m
            break
        before = m
    if before is None:  # named only after the channel, if at all: "privacy@x.example (our DPO)"
        return after is not None
    return _BACK_TO_CONTROLLER.search(text, before.end(), channel) is None


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


def contacts(text: str, positions: dict, ctx: frozenset, heading: str, gates: dict) -> list[tuple]:
    """The contact channels of one clause: e-mails, phones, URLs and postal addresses, each
    the controller's (``controller.contact``) unless its sentence or heading gives it to a
    DPO or a representative, dropped when it is a supervisory authority's or a service
    provider's. ``gates`` are the value extractor's trigger-word gates."""
    if not ("@" in text or "http" in text or "www." in text or "[email" in text or DIGIT.search(text)):
        # every channel below needs one of these (a phone, a street address or a labelled
        # one a digit): four clauses in five have none
        return []
    out, trig = [], positions.keys()
    if "@" in text:
        for m in EMAIL.finditer(text):
            email = clean_email(m.group())
            out.append((m.start(), m.end(), "controller.contact", "contact_email", email, "email", None, ""))
    if "[email" in text:
        out += [(m.start(), m.end(), "controller.contact", "contact_email_redacted", "", "email", None, "")
                for m in PROTECTED_EMAIL.finditer(text)]
    if "+" in text or not trig.isdisjoint(gates["phone"]) or ("mobile" in trig and MOBILE_LABEL.search(text)):
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
    if not trig.isdisjoint(gates["address"]):
        out += [(m.start("addr"), e, "controller.contact", "contact_address",
                 text[m.start("addr"):e].strip(), "address", None, "")
                for m in anchored(ADDRESS_LABEL, text, positions, gates["address_label"])
                for e in [address_end(text, m.start("addr"), m.end("addr"))]]
    if not trig.isdisjoint(gates["street"]) and DIGIT.search(text):
        out += _street_addresses(ADDRESS, text)
        if not trig.isdisjoint(gates["jalan"]):
            out += _street_addresses(ADDRESS_JALAN, text)
        if not trig.isdisjoint(gates["type_first"]):
            out += _street_addresses(ADDRESS_TYPE_FIRST, text)
    if not trig.isdisjoint(gates["ward"]) and DIGIT.search(text):
        out += _street_addresses(ADDRESS_WARD, text)
    if not trig.isdisjoint(gates["district"]) and DIGIT.search(text):
        out += _street_addresses(ADDRESS_DISTRICT, text)
    if ("contact" in ctx or not trig.isdisjoint(gates["controller_named"]) and CONTROLLER_NAMED.search(text)) \
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
        out = _without_authority_channels(text, out)
    # an address block under "You can complain to the Information Commissioner's Office:"
    # (its lines are clauses of their own) is the authority's, unless it says "us"
    if out and AUTHORITY_CUE.search(heading.rpartition(" > ")[2]) and not _FIRST_PERSON.search(text):
        out = []
    if any(f[3] == "contact_street_address" for f in out) and (
            PROVIDER_CUE.search(text) or PROVIDER_ROLE.search(text)):
        out = _without_provider_addresses(text, out)
    return out

def _without_provider_addresses(text: str, channels: list[tuple]) -> list[tuple]:
    """Drop street addresses of a service provider the policy describes (see
    ``PROVIDER_CUE``); e-mails, phones and labelled addresses are kept."""
    bounds, role, out = sentence_bounds(text), PROVIDER_ROLE.search(text), []
    for fact in channels:
        if fact[3] == "contact_street_address":
            s, _ = sentence_at(text, bounds, fact[0])
            if s and COMPANY_FORM_END.search(text, max(0, s - 8), s):
                s = sentence_at(text, bounds, s - 1)[0]
            if role or PROVIDER_CUE.search(text, max(s, fact[0] - 120), fact[0]):
                continue
        out.append(fact)
    return out

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
