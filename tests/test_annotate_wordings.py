"""Each concept in the wordings a policy may use (tests/fixtures/annotate/wordings.yaml)."""
from pathlib import Path

import pytest
import yaml

from privcompare.annotate import annotate
from privcompare.jurisdictions import catalog_api as jur

WORDINGS = yaml.safe_load((Path(__file__).parent / "fixtures" / "annotate" / "wordings.yaml")
                          .read_text(encoding="utf-8"))
CASES = [pytest.param(concept, case["text"], case["found"], id=f"{concept}: {case['text'][:50]}",
                      marks=[pytest.mark.xfail(strict=True, reason="known miss")] if case.get("known_miss") else [])
         for concept, cases in WORDINGS.items() for case in cases]


@pytest.fixture(scope="module")
def facts():
    texts = sorted({case["text"] for cases in WORDINGS.values() for case in cases})
    table = annotate(texts)
    return {text: table[table.segment == i] for i, text in enumerate(texts)}


@pytest.mark.parametrize("concept, text, found", CASES)
def test_wording(facts, concept, text, found):
    rows = facts[text]
    if found:
        assert concept in set(rows["concept"])
    else:
        assert concept not in set(rows.loc[rows["polarity"] == "positive", "concept"])


def test_the_wordings_cover_every_core_concept():
    core = {"right.access", "right.rectification", "right.erasure", "right.restriction", "right.objection",
            "right.portability", "right.withdraw_consent", "right.automated_decision", "right.complaint",
            "retention.period", "retention.deletion", "sharing.recipients", "transfer.international",
            "transfer.safeguards", "dpo", "controller.contact", "children", "security", "policy.changes",
            "legal_basis", "cookies", "data.categories", "purposes"}
    assert core <= set(WORDINGS)


def test_every_concept_a_catalog_asks_for_has_wordings_the_annotator_finds():
    # A requirement whose concept no rule produces is reported missing for every policy,
    # whatever the policy says (GDPR Art. 14(2)(f)'s data.sources was, until it had rules).
    reqs = jur.requirements()
    asked = set()
    for concept in reqs["concept"].dropna():
        asked.update([concept] if isinstance(concept, str) else concept)
    asked.update(cond["when_concept"] for cond in reqs["condition"].dropna() if cond.get("when_concept"))
    found = {concept for concept, cases in WORDINGS.items()
             if any(case["found"] and not case.get("known_miss") for case in cases)}
    assert sorted(asked - found) == []


def test_every_concept_of_the_public_list_has_wordings_the_annotator_finds():
    # concepts.md is a contract: an id no rule produces is one an analyst filters on in vain
    # (data.sources and retention.location once had none)
    found = {concept for concept, cases in WORDINGS.items()
             if any(case["found"] and not case.get("known_miss") for case in cases)}
    assert sorted(set(jur.known_concepts()) - found) == []
