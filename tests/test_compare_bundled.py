"""End-to-end checks on the bundled policies (data/policies) with the real annotator and
catalogs. They pin findings an analyst can verify by reading the policies; they depend on
privcompare.annotate and privcompare.jurisdictions, so a failure here can come from either.
"""
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from privcompare.compare import compare, compare_organisations

POLICIES = Path(__file__).resolve().parents[1] / "data" / "policies"
AS_OF = dt.date(2026, 11, 23)
IOT = "iot-energy-monitoring"
OXALIS = "oxalis-monitor"


@pytest.fixture(scope="module")
def gdpr():
    assert len(list(POLICIES.glob("*.txt"))) == 5, f"expected the five bundled policies in {POLICIES}"
    return compare(POLICIES, ["gdpr"], as_of=AS_OF)


@pytest.fixture(scope="module")
def coverage(gdpr):
    return gdpr.coverage.assign(status=gdpr.coverage["status"].astype(str))


def _rows(coverage, policy, concept):
    """Applicable gdpr rows of one policy whose requirement is about exactly this concept."""
    rows = coverage[(coverage["policy"] == policy) & (coverage["concept"] == concept)
                    & (coverage["status"] != "not_applicable")]
    assert len(rows), f"no applicable gdpr requirement with concept {concept}"
    return rows


def test_all_five_read_with_manifest_organisations(gdpr):
    assert sorted(p.name for p in gdpr.policies) == sorted(
        ["iot-energy-monitoring", "mailcamp", "ocis", "onxtra", "oxalis-monitor"])
    orgs = dict(zip(gdpr.coverage["policy"], gdpr.coverage["organisation"]))
    assert orgs[OXALIS] == "Oxalis Monitor"
    assert gdpr.errors.empty


def test_no_policy_states_a_right_to_complain(coverage):
    complaint = coverage[coverage["concept"].str.split(",").map(lambda c: "right.complaint" in c)
                         & (coverage["status"] != "not_applicable")]
    assert complaint["policy"].nunique() == 5
    assert (complaint["status"] == "missing").all(), complaint[["policy", "requirement", "status",
                                                                "evidence"]]


def test_iot_platform_has_no_rectification_but_a_concrete_retention_period(coverage):
    rectification = _rows(coverage, IOT, "right.rectification")
    assert (rectification["status"] == "missing").all()
    retention = _rows(coverage, IOT, "retention.period")
    assert (retention["status"] == "met").all()
    assert retention["evidence"].str.contains("90 days|90-day").all()


def test_oxalis_retention_is_vague(coverage):
    retention = _rows(coverage, OXALIS, "retention.period")
    assert (retention["status"] == "partial").all()
    assert retention["note"].str.contains("vaguely").all()
    assert retention["evidence"].str.contains("as long as necessary").all()


def test_iot_platform_cites_decree_13_which_no_longer_applies(gdpr):
    refs = gdpr.law_references
    d13 = refs[(refs["policy"] == IOT) & (refs["law"] == "vn-decree-13")]
    assert len(d13) == 1
    in_force = d13["in_force"].iloc[0]
    assert not pd.isna(in_force), d13["note"].iloc[0]  # NA: the catalog does not know the law
    assert not in_force
    assert "13/2023" in d13["cited_as"].iloc[0]
    assert "ceased" in d13["note"].iloc[0] and "vn-pdpl-2025" in d13["note"].iloc[0]


def test_same_citation_was_in_force_in_2024():
    refs = compare(POLICIES / f"{IOT}.txt", ["gdpr"], as_of="2024-06-01").law_references
    d13 = refs[refs["law"] == "vn-decree-13"]
    assert not pd.isna(d13["in_force"].iloc[0]), d13["note"].iloc[0]
    assert d13["in_force"].iloc[0]


def test_default_jurisdictions_are_the_laws_in_force():
    ids = compare(POLICIES / f"{OXALIS}.txt", as_of=AS_OF).jurisdictions
    assert "gdpr" in ids and "vn-decree-13" not in ids


def test_organisation_tables_match_what_the_policies_say(gdpr):
    orgs = compare_organisations(gdpr.policies)
    iot = orgs.rights.index[orgs.rights.index.str.startswith("IoT")][0]
    assert orgs.rights.loc[iot, "right.rectification"] == "no"
    assert orgs.rights.loc["Oxalis Monitor", "right.access"] in {"yes", "conditional"}
    assert orgs.retention.loc[iot, "min_days"] == 90
    assert orgs.retention.loc["Oxalis Monitor", "retention"] == "vague"
    assert orgs.disclosures.loc["Oxalis Monitor", "sale"] == "does not sell"
    assert {"PayPal", "AWS"} <= set(orgs.disclosures.loc["Oxalis Monitor",
                                                         "named_recipients"].split(", "))
    assert "contact@ngoc.info" in orgs.contact.loc["Oxalis Monitor", "emails"]
    assert orgs.contact.loc["Oxalis Monitor", "controller"] == "Oxalis Monitor"
    assert orgs.contact.loc[iot, "controller"] == ""  # the IoT platform's policy names no one
    assert orgs.contact.loc[iot, "dpo"] == "yes"
    assert orgs.children.loc["Oxalis Monitor", "minimum_age"] == 18
    assert pd.isna(orgs.children.loc[iot, "minimum_age"])
