"""Topic rules: what a paragraph is about when no heading says so, and passing mentions
that do not make a paragraph about a concept (hand-written example sentences)."""
from __future__ import annotations

import pytest

from privcompare.annotate import annotate, annotate_texts_with_context


def concepts(text: str) -> set[str]:
    return set(annotate([text])["concept"])


def rules(text: str, concept: str) -> set[str]:
    facts = annotate([text])
    return set(facts.loc[facts["concept"] == concept, "rule"])


@pytest.mark.parametrize("text, found", [
    ("Our shop sets small cookies in your browser so that the basket survives a reload.", True),
    ("A cookie is a tiny text file a site stores on your device.", True),
    # cookies only mentioned in passing, after the paragraph has said what it is about
    ("We answer support tickets within two working days. Our help pages also explain how "
     "to clear your cookies.", False),
    # a navigation line listing page names is not a statement
    ("Terms of Service Community Rules Cookie Notice Press Careers Help Centre", False),
])
def test_cookie_topic_read_from_the_first_sentence(text, found):
    assert ("cookies_topic" in rules(text, "cookies")) is found


def test_cookie_topic_rule_needs_a_paragraph_without_heading():
    text = "Our shop sets small cookies in your browser so that the basket survives a reload."
    with_heading = annotate_texts_with_context([text], ["Shopping basket"])
    assert "cookies_topic" not in set(with_heading["rule"])
