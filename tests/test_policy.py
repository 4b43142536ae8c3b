"""The Policy object: construction, reading files, lazy clause table."""
from __future__ import annotations

from pathlib import Path

import pytest

import privcompare
from privcompare import InputError, Policy, read_policy
from privcompare.structure import COLUMNS

POLICIES = Path(__file__).resolve().parents[1] / "data" / "policies"


def test_from_text_normalises_and_keeps_metadata():
    policy = Policy.from_text("Your Rights\r\nYou may\u00a0ask.\u200b  ", name="demo", organisation="Acme")
    assert policy.text == "Your Rights\nYou may ask."
    assert (policy.name, policy.organisation, policy.source, policy.format, policy.blocks) == (
        "demo", "Acme", None, "text", None)
    assert policy.clauses.kind.tolist() == ["heading", "paragraph"]


def test_organisation_falls_back_to_the_named_controller_then_the_name():
    assert Policy.from_text("x", name="acme").organisation == "acme"
    text = ('Welcome to Skyloft. Skyloft Pty Ltd ("Skyloft", "we") runs it. Questions? Write to Skyloft Pty Ltd ("we").'
            ' Orchard Media B.V. is the data controller for EU users.')
    assert Policy.from_text(text, name="skyloft-privacy").organisation == "Skyloft Pty Ltd"
    # the manifest's name wins over what the text says
    assert Policy.from_text(text, name="p", organisation="Skyloft Group").organisation == "Skyloft Group"


@pytest.mark.parametrize("path", sorted(POLICIES.glob("*.txt")), ids=lambda p: p.stem)
def test_read_bundled_policy(path):
    policy = read_policy(path, country="VN")
    assert policy.name == path.stem and policy.source == str(path) and policy.format == "text"
    assert policy.metadata == {"country": "VN"}
    table = policy.clauses
    assert list(table.columns) == COLUMNS and len(table) > 10
    assert policy.clauses is table  # computed once
    assert all(policy.text[s:e] == t for s, e, t in zip(table.start, table.end, table.text))


def test_read_policy_passes_blocks_from_html(tmp_path):
    path = tmp_path / "acme.html"
    path.write_text("<h1>Privacy</h1><ul><li>We never sell data.</li></ul>", encoding="utf-8")
    policy = read_policy(path, name="Acme Inc")
    assert policy.name == "Acme Inc" and policy.format == "html" and policy.blocks
    assert policy.clauses[["kind", "level", "text"]].values.tolist() == [
        ["heading", 1, "Privacy"], ["list_item", 1, "We never sell data."]]


def test_read_policy_errors_name_the_file(tmp_path):
    with pytest.raises(InputError, match=r"nope\.txt: file not found"):
        read_policy(tmp_path / "nope.txt")
    big = tmp_path / "big.txt"
    big.write_text("Privacy policy text. " * 100, encoding="utf-8")
    with pytest.raises(InputError, match=r"big\.txt: file is too large"):
        read_policy(big, max_bytes=100)


def test_public_api_and_repr():
    assert privcompare.read_policy is read_policy and privcompare.Policy is Policy
    policy = Policy.from_text("Hello", name="x")
    assert repr(policy) == "Policy(name='x', chars=5, source=None)"
