"""The annotator's data files: rule records, lexicons, and the trigger/anchor contract."""
from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest
import yaml

from privcompare.annotate import get_pipeline
from privcompare.annotate.components import state
from privcompare.annotate.resources import compiled_lexicon, expand_fragments, load_lexicon, load_rules, load_vetoes
from privcompare.jurisdictions import known_concepts

ROOT = Path(__file__).resolve().parents[1]
POLICIES = next((p for p in (ROOT / "data" / "policies", ROOT.parent / "shared" / "policies")
                 if (p / "oxalis-monitor.txt").exists()), ROOT / "data" / "policies")
CONCEPTS_MD = ROOT.parent / "shared" / "reference" / "concepts.md"
# ids this project adds to the shared vocabulary (the vocabulary allows new dotted ids)
OWN_IDS = {"right.opt_out_sale"}


def test_rule_records_are_well_formed_and_ids_unique():
    text = resources.files("privcompare.annotate").joinpath("patterns", "concepts.jsonl").read_text()
    records = [json.loads(line) for line in text.splitlines() if line.strip()]
    assert len(records) == len(load_rules()) > 50
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))
    for rec in records:
        assert {"label", "pattern", "id", "triggers"} <= set(rec) and rec["triggers"]


@pytest.mark.skipif(not CONCEPTS_MD.exists(), reason="shared concept vocabulary not available")
def test_rule_labels_are_concept_ids():
    vocabulary = set(re.findall(r"`([a-z_]+(?:\.[a-z_]+)*)`", CONCEPTS_MD.read_text()))
    vocabulary |= {f"legal_basis.{s}" for s in ("consent", "contract", "legitimate_interest",
                                                "legal_obligation", "vital_interest", "public_task")}
    labels = {r.label for r in load_rules()} | {"policy.date", "law.reference"}
    assert labels - vocabulary - OWN_IDS == set()
    assert OWN_IDS <= set(known_concepts())  # catalogs may key on them too


def test_vetoes_name_rule_concepts_and_trigger_words():
    vetoes = load_vetoes()
    assert vetoes and len({v.id for v in vetoes}) == len(vetoes)
    labels = {r.label for r in load_rules()}
    for veto in vetoes:
        assert veto.concepts and veto.concepts <= labels
        assert veto.triggers and all(t == t.lower() for t in veto.triggers)


def test_lexicons_load():
    assert {e[0] for e in compiled_lexicon("laws", "laws")} >= {"gdpr", "vn-decree-13", "vn-pdpl-2025", "id-pdp"}
    assert load_lexicon("recipients")["categories"]["payment processors"]


def _clause_docs():
    nlp = get_pipeline()
    trig = nlp.get_pipe("privcompare_triggers")
    texts = [line.strip() for p in sorted(POLICIES.glob("*.txt"))
             for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += ["Decree 13/2023/ND-CP", "the UK GDPR and Law No. 27 of 2022", "TLS 1.2 and AES-256",
              "If you are in the EEA, where required by law, for as long as necessary",
              "Last updated: March 13, 2026", "We do not sell personal data to third parties.",
              "Postal address: 1 Main Street, Springfield", "Our registered office address is 12 Rue X, Paris",
              "Addresses: head office address: 4 Quay Road, Dublin", "Registered address: 9 Plaza Mayor, Madrid"]
    # words that start a rule's match but were once missing from its triggers
    texts += ["Processing is needed for the fulfillment of our contract with you.",
              "The app maintains records for as long as your account is open.",
              "Customers can refuse disclosures of their contact details to third parties.",
              "You have been unsubscribed from our newsletter.",
              "Changes show up as a new date because we are revising this notice.",
              "Closing your account leads to the deletion and/or anonymisation of its data.",
              "Your data is kept securely and protected against loss.",
              "The period of retention depends on the purpose.",
              "We collect your usernames, birthdate, phone number and postal address.",
              "You may ask to be provided with your personal data.", "Complaints", "Accessing your records"]
    # and every sentence of the wordings fixture (each concept in many wordings)
    wordings = yaml.safe_load((Path(__file__).parent / "fixtures" / "annotate" / "wordings.yaml")
                              .read_text(encoding="utf-8"))
    texts += [case["text"] for cases in wordings.values() for case in cases]
    return [state(trig(nlp.make_doc(t))) for t in texts]


def _starts_outside_triggers(rx, triggers, docs):
    bad = []
    for st in docs:
        allowed = {p for t in triggers for p in st["positions"].get(t, ())}
        bad += [(st["text"], m.group()) for m in rx.finditer(st["text"]) if m.start() not in allowed]
    return bad


def test_anchored_rules_only_start_at_their_triggers():
    """An anchored rule is only tried at trigger positions; a match elsewhere would be lost."""
    docs = _clause_docs()
    for rule in load_rules():
        if rule.anchored:
            assert _starts_outside_triggers(rule.regex, rule.triggers, docs) == [], rule.id


def test_scanning_rules_have_a_trigger_wherever_they_match():
    """A scanning rule runs only in a clause holding one of its triggers."""
    docs = _clause_docs()
    for rule in load_rules():
        if not rule.anchored:
            missed = [st["text"] for st in docs if st["positions"].keys().isdisjoint(rule.triggers)
                      and rule.regex.search(st["text"])]
            assert missed == [], rule.id


@pytest.mark.parametrize("name, key", [("laws", "laws"), ("security", "measures")])
def test_anchored_lexicons_only_start_at_their_triggers(name, key):
    docs = _clause_docs()
    for value, rx, triggers, _ in compiled_lexicon(name, key):
        assert _starts_outside_triggers(rx, triggers, docs) == [], value


@pytest.mark.parametrize("regex, gate", [("ADDRESS_LABEL", "address_label"), ("POLICY_DATE", "date"),
                                         ("SHARING_CUE", "sharing_cue")])
def test_anchored_value_patterns_only_start_at_their_triggers(regex, gate):
    from privcompare.annotate import extractors

    triggers = [t for w in extractors._TRIGGERS[gate] for t in extractors.expand_braces(w)]
    assert _starts_outside_triggers(getattr(extractors, regex), triggers, _clause_docs()) == []


def test_qualifier_cues_only_start_at_their_triggers():
    lex = load_lexicon("qualifiers")
    docs = _clause_docs()
    for cue in ("vague", "conditional"):
        rx = re.compile(lex[cue], re.IGNORECASE)
        assert _starts_outside_triggers(rx, lex[f"{cue}_triggers"], docs) == [], cue


def test_rules_gated_by_also_lose_no_match():
    """A rule's ``also`` words are a pre-filter only: wherever the rule matches, one occurs."""
    docs = _clause_docs()
    for rule in load_rules():
        if rule.also:
            missed = [st["text"] for st in docs if rule.regex.search(st["text"])
                      and (rule.requires is None or rule.requires.search(st["text"]))
                      and rule.also.isdisjoint(st["positions"])]
            assert missed == [], rule.id


def test_also_words_gate_a_rule(monkeypatch):
    import spacy

    from privcompare.annotate import components
    from privcompare.annotate.resources import Rule

    rule = Rule("sharing.recipients", "test_share", re.compile(r"\bshare\b[^.]*", re.I), ("share",),
                also=frozenset({"partners"}))
    monkeypatch.setattr(components, "load_rules", lambda: (rule,))
    nlp = spacy.blank("en")
    nlp.add_pipe("privcompare_triggers")
    nlp.add_pipe("privcompare_concepts")
    docs = [nlp(t) for t in ("We share data with partners.", "We share data with nobody.")]
    found = [[s.id_ for s in doc.spans.get("facts", [])] for doc in docs]
    assert found == [["test_share"], []]


def test_max_chars_skips_longer_clauses(monkeypatch):
    import spacy

    from privcompare.annotate import components
    from privcompare.annotate.resources import Rule

    rule = Rule("cookies", "test_title", re.compile(r"\bcookies\b", re.I), ("cookies",), max_chars=20)
    monkeypatch.setattr(components, "load_rules", lambda: (rule,))
    nlp = spacy.blank("en")
    nlp.add_pipe("privcompare_triggers")
    nlp.add_pipe("privcompare_concepts")
    docs = [nlp(t) for t in ("Cookies", "We use cookies to remember your language.")]
    assert [len(doc.spans.get("facts", [])) for doc in docs] == [1, 0]


def test_requires_is_waived_under_its_heading_context(monkeypatch):
    import spacy

    from privcompare.annotate import components
    from privcompare.annotate.resources import Rule

    rule = Rule("sharing.conditions", "test_legal", re.compile(r"\brequired by law\b", re.I), ("required",),
                requires=re.compile(r"\bdisclos", re.I), requires_waived_in="sharing")
    monkeypatch.setattr(components, "load_rules", lambda: (rule,))
    nlp = spacy.blank("en")
    nlp.add_pipe("privcompare_triggers")
    nlp.add_pipe("privcompare_concepts")

    def found(text, heading):
        doc = nlp.make_doc(text)
        doc._.heading = heading
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        return len(doc.spans.get("facts", []))

    assert found("We disclose data when required by law.", "") == 1
    assert found("Legal requirements: when required by law.", "Who we share data with") == 1
    assert found("Legal requirements: when required by law.", "How long we keep data") == 0


def test_rule_records_that_contradict_themselves_are_refused(monkeypatch):
    from privcompare.annotate import resources

    base = {"label": "sharing.conditions", "id": "x", "pattern": "law", "triggers": ["law"]}
    real = resources._read_text
    for extra, message in (({"requires_waived_in": "sharing"}, "without requires"),
                           ({"requires": "a", "requires_waived_in": "nowhere"}, "unknown context"),
                           ({"pattern": "(?P<value>law)"}, "'value' and value_kind come together"),
                           ({"value_kind": "name"}, "'value' and value_kind come together"),
                           ({"pattern": "<<no_such_piece>>"}, "unknown pattern fragment <<no_such_piece>>")):
        monkeypatch.setattr(resources, "_read_text", lambda *parts, rec={**base, **extra}, real=real: (
            json.dumps(rec) if parts[-1] == "bad.jsonl" else real(*parts)))
        resources.load_rules.cache_clear()
        with pytest.raises(ValueError, match=message):
            resources.load_rules("bad.jsonl")
    resources.load_rules.cache_clear()


def test_a_key_given_twice_in_a_data_file_is_an_error(monkeypatch):
    # PyYAML keeps the last of two equal keys silently: a stray line would replace a pattern
    from privcompare.annotate import resources

    real = resources._read_text
    monkeypatch.setattr(resources, "_read_text", lambda *parts: (
        "negation: 'not'\nnegation: a comment that lost its '#'\n" if parts[-1] == "twice.yaml" else real(*parts)))
    with pytest.raises(ValueError, match=r"lexicons/twice.yaml: .*'negation' given twice"):
        resources.load_lexicon("twice")
    assert resources.load_lexicon("qualifiers")["negation_exception_keeps"] == ["sharing.sale"]


def test_rules_with_max_chars_lose_no_match():
    docs = _clause_docs()
    for rule in load_rules():
        if rule.max_chars:
            long_hits = [st["text"] for st in docs
                         if len(st["text"]) > rule.max_chars and rule.regex.search(st["text"])]
            assert long_hits == [], rule.id


def test_scanned_patterns_match_as_without_their_look_ahead():
    """The first-character look-ahead in front of a scanned pattern is a speed-up only:
    on the bundled policies (and awkward starts) both forms find the same matches. This
    covers the look-aheads derived from the patterns themselves too (concept rules searched
    through a clause, their ``requires``, the vetoes and the negation cues)."""
    from privcompare.annotate import get_pipeline
    from privcompare.annotate.extractors import SCANNED

    get_pipeline()  # the components compile (and register) their patterns
    derived = {id(fast) for fast, _ in SCANNED}
    assert any(id(rule.regex) in derived for rule in load_rules() if not rule.anchored)
    assert any(id(rule.requires) in derived for rule in load_rules() if rule.requires is not None)
    assert any(id(veto.sentence) in derived for veto in load_vetoes())

    texts = [line for p in sorted(POLICIES.glob("*.txt")) for line in p.read_text(encoding="utf-8").splitlines()]
    texts += ["Phone: +44 20 7946 0958", "Tel. 0044 20 1234 5678", "Call us at (555) 123-4567",
              "Kept for Thirty days", "Eighteen months, 2 Years", "users Aged 16+", "P.O. Box 123, Springfield",
              "10 Downing Street, London", "Website: www.example.com", "Submit a request via our web form",
              # each first letter the look-aheads must let through
              "ninety days, seven years, one week, six months, eleven hours, 2 weeks",
              "under 13, below the age of 16, younger than 14, minimum age is 18, not yet 16, at least 18,"
              " over 21, less than 16, older than 18, the age of 13, aged 16, 17 years old",
              "hotline 0800 123 456; Fax: 020 1234 5678; WhatsApp: +44 7700 900123; mobile 07700 900123",
              "reach out, get in touch, write to us, online form, e-mail us, contact our team",
              "retained, kept, stored, held, deleted, purged, erased, destroyed, anonymised, archived, "
              "maintained, preserved, storage, hold, keeps",
              "the Supervisory Authority, Information Commissioner, ICO, CNIL, Data Protection Commission, "
              "Datainspektionen, an Ombudsman, our dispute resolution provider, the privacy commissioner"]
    assert len(SCANNED) >= 5
    for fast, pattern in SCANNED:
        slow = re.compile(pattern, fast.flags)
        for text in texts:
            assert [(m.span(), m.groups()) for m in fast.finditer(text)] == \
                   [(m.span(), m.groups()) for m in slow.finditer(text)], (pattern[:40], text)


def test_patterns_read_the_data_subjects_possessive_in_the_laws_words_too():
    # Decree 13, UU PDP and policies that follow their English wording say "the data subject
    # ... his/her data" where most policies say "your data": a rule written with "your" must
    # read both, and an FAQ's "my data" too (look-behinds, which must keep a fixed width, are exempt)
    possessive = "(?:your|his/her|his or her|my)"
    lookbehind = re.compile(r"\(\?<[=!][^()]*(?:\([^()]*\)[^()]*)*\)")
    for rec in map(json.loads, resources.files("privcompare.annotate").joinpath(
            "patterns", "concepts.jsonl").read_text().splitlines()):
        rest = lookbehind.sub("", expand_fragments(rec["pattern"])).replace(possessive, "")
        assert not re.search(r"\byour\b", rest), rec["id"]


def _regex_parser():
    """Python's own regex parser (private, but stable since 2.x; renamed in 3.11)."""
    try:
        from re import _constants, _parser
    except ImportError:  # Python < 3.11
        import sre_constants as _constants
        import sre_parse as _parser
    return _parser, _constants


def _literal_starts(seq) -> set[str] | None:
    """The literal (lower-case) text a match of a parsed regex sequence starts with, one
    string per alternative, or None where it is not literal."""
    C = _regex_parser()[1]
    items = list(seq)
    i = 0
    while i < len(items) and items[i][0] in (C.AT, C.ASSERT, C.ASSERT_NOT):
        i += 1  # zero-width: \b, ^, look-arounds
    if i == len(items):
        return None
    op, av = items[i]
    if op is C.LITERAL:
        text = ""
        while i < len(items) and items[i][0] is C.LITERAL:
            text += chr(items[i][1]).lower()
            i += 1
        return {text}
    if op is C.SUBPATTERN:
        return _literal_starts(list(av[-1]))
    if op is C.BRANCH:
        starts = [_literal_starts(list(alt)) for alt in av[1]]
        return None if None in starts else set().union(*starts)
    return None


def test_every_alternative_of_an_anchored_rule_starts_at_a_trigger():
    """An anchored rule is tried only where a trigger starts: a top-level alternative whose
    words no trigger begins (or is begun by) can never match."""
    _parser, C = _regex_parser()
    for rule in load_rules():
        if not rule.anchored:
            continue
        items = list(_parser.parse(rule.regex.pattern, re.IGNORECASE))
        while len(items) == 1 and items[0][0] is C.SUBPATTERN:
            items = list(items[0][1][-1])
        alternatives = [list(a) for a in items[0][1][1]] if len(items) == 1 and items[0][0] is C.BRANCH else [items]
        for alternative in alternatives:
            for start in _literal_starts(alternative) or ():
                assert not start.strip() or any(start.startswith(t) or t.startswith(start) for t in rule.triggers), \
                    (rule.id, start)
