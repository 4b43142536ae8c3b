"""Facts the bundled real policies state (data/policies), pinned per policy."""
from __future__ import annotations

from pathlib import Path

import pytest

import privcompare as pc

ROOT = Path(__file__).resolve().parents[1]
POLICIES = next((p for p in (ROOT / "data" / "policies", ROOT.parent / "shared" / "policies")
                 if (p / "oxalis-monitor.txt").exists()), ROOT / "data" / "policies")


@pytest.fixture(scope="module")
def facts():
    cache = {}

    def get(name: str):
        if name not in cache:
            path = POLICIES / f"{name}.txt"
            if not path.exists():
                pytest.skip(f"{path} not bundled")
            policy = pc.read_policy(path)
            cache[name] = (policy, policy.facts)
        return cache[name]
    return get


def of(facts, concept):
    return facts[facts.concept == concept]


def test_oxalis_names_paypal_and_aws_as_recipients(facts):
    _, f = facts("oxalis-monitor")
    named = set(of(f, "sharing.recipients").query("value_kind == 'recipient'").value)
    assert {"PayPal", "AWS"} <= named


def test_oxalis_minimum_age_is_18(facts):
    _, f = facts("oxalis-monitor")
    ages = of(f, "children").query("value_kind == 'age'")
    assert ages.number.tolist() == [18.0]


def test_oxalis_states_no_right_to_complain(facts):
    _, f = facts("oxalis-monitor")
    assert of(f, "right.complaint").empty


def test_oxalis_keeps_data_as_long_as_necessary(facts):
    _, f = facts("oxalis-monitor")
    retention = of(f, "retention.period")
    assert (retention.value == "vague").any()
    assert retention.qualifier.str.contains("vague").any()
    assert retention.number.isna().all()  # no concrete period stated


def test_oxalis_does_not_sell_data_and_dates_the_policy(facts):
    _, f = facts("oxalis-monitor")
    assert set(of(f, "sharing.sale").polarity) == {"negative"}
    assert of(f, "policy.date").value.tolist() == ["2026-03-13"]
    assert "+84377316720" in set(of(f, "controller.contact").value)


def test_iot_platform_keeps_lead_data_at_most_90_days(facts):
    policy, f = facts("iot-energy-monitoring")
    periods = of(f, "retention.period").query("value_kind == 'days'")
    lead = periods[periods.start < policy.text.index("IoT Telemetry")]
    assert lead.number.tolist() == [90.0]
    assert set(periods.number) == {90.0}


def test_iot_platform_has_a_dpo_and_cites_decree_13(facts):
    _, f = facts("iot-energy-monitoring")
    assert not of(f, "dpo").empty
    assert "vn-decree-13" in set(of(f, "law.reference").value)
    assert "TLS 1.2" in set(of(f, "security").value)


def test_mailcamp_lists_five_legal_bases(facts):
    _, f = facts("mailcamp")
    bases = set(of(f, "legal_basis").value)
    assert {"consent", "contract", "legitimate_interest", "legal_obligation", "vital_interest"} <= bases
    for sub in ("consent", "contract", "legitimate_interest", "legal_obligation", "vital_interest"):
        assert not of(f, f"legal_basis.{sub}").empty


@pytest.mark.parametrize("name", ["oxalis-monitor", "iot-energy-monitoring", "mailcamp", "ocis", "onxtra"])
def test_evidence_is_the_policy_text_at_the_offsets(facts, name):
    policy, f = facts(name)
    assert len(f)
    for row in f.itertuples():
        assert policy.text[row.start:row.end] == row.evidence
        assert row.polarity in {"positive", "negative"}
        assert row.qualifier in {"", "vague", "conditional", "vague;conditional"}


@pytest.mark.parametrize("name, words, controller", [
    ("oxalis-monitor", "Oxalis Monitor", "Oxalis Monitor"), ("onxtra", "Onxtra", "Onxtra"),
    ("mailcamp", "Oxobyte", "PT. Oxobyte Teknologi Indonesia"), ("ocis", "OCIS", "OCIS"),
])
def test_controller_identity_names_the_organisation(facts, name, words, controller):
    _, f = facts(name)
    identity = of(f, "controller.identity")
    assert words in " ".join(identity["evidence"])
    # ... and carries the name as its value
    assert controller in set(identity.query("value_kind == 'name'")["value"])
