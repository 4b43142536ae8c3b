"""privcompare.display: the Jupyter HTML view of a policy."""
from __future__ import annotations

import pandas as pd

import privcompare as pc
from privcompare.display import highlight, policy_html


def test_policy_text_is_escaped():
    policy = pc.Policy.from_text('Notice\nWe never sell data. <script>alert("x")</script> & more')
    out = policy_html(policy)
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp; more" in out


def test_evidence_is_highlighted_with_concept_and_rule():
    policy = pc.Policy.from_text("Our Rules\nWe never sell your personal data.")
    out = policy._repr_html_()
    sale = policy.facts[policy.facts.concept == "sharing.sale"].iloc[0]
    assert f"sharing.sale ({sale.rule}, negative)" in out
    assert f">{sale.evidence}</mark>" in out


def test_overlapping_facts_merge_into_one_mark():
    facts = pd.DataFrame({"start": [0, 3], "end": [6, 9], "concept": ["a", "b"], "rule": ["r1", "r2"]})
    out = highlight("abcdefghij", facts)
    assert out == '<mark title="a (r1); b (r2)">abcdefghi</mark>j'


def test_offsets_outside_the_clause_are_ignored():
    facts = pd.DataFrame({"start": [50], "end": [55], "concept": ["a"], "rule": ["r"]})
    assert highlight("x < y", facts) == "x &lt; y"


def test_headings_and_list_items_are_rendered():
    policy = pc.Policy.from_text("1. Your Rights\n- Access: Request a copy of your data\n- Deletion: remove it")
    out = policy_html(policy)
    kinds = set(policy.clauses.kind)
    if "list_item" in kinds:
        assert "<ul>" in out and "<li" in out
    if "heading" in kinds:
        assert "<h2>" in out
    assert "clauses" in out and policy.name in out
