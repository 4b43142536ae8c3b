"""Coverage scoring, Comparison views and law references on hand-made facts.

Facts are set directly on the Policy so these tests check the compare stage,
not annotation accuracy.
"""
import datetime as dt

import pandas as pd
import pytest

import privcompare as pc
from privcompare.compare import (COVERAGE_COLUMNS, LAW_REFERENCE_COLUMNS, compare, law_references,
                                 score)
from privcompare.compare.laws import normalise_law_table


def fact(concept, evidence="some text", polarity="positive", qualifier="", value="",
         value_kind="", number=float("nan"), clause_id="c1", start=0):
    return dict(clause_id=clause_id, concept=concept, polarity=polarity, qualifier=qualifier,
                value=value, value_kind=value_kind, number=number, evidence=evidence,
                start=start, end=start + len(evidence), rule="test")


def policy(name, facts, organisation=None):
    p = pc.Policy.from_text("irrelevant text", name=name, organisation=organisation or "")
    p.__dict__["facts"] = pd.DataFrame(facts)  # cached_property: bypass the annotator
    return p


REQUIREMENTS = pd.DataFrame([
    dict(requirement="t.retention", jurisdiction="t", topic="retention",
         concept="retention.period", condition={"require_concrete": True}),
    dict(requirement="t.rights", jurisdiction="t", topic="rights",
         concept=["right.access", "right.erasure", "right.portability"],
         condition={"min_count": "all"}),
    dict(requirement="t.complaint", jurisdiction="t", topic="complaint",
         concept="right.complaint", condition=None),
    dict(requirement="t.legit", jurisdiction="t", topic="legal_basis",
         concept="legal_basis.legitimate_interest",
         condition={"when_concept": "legal_basis.legitimate_interest"}),
    dict(requirement="t.ropa", jurisdiction="t", topic="other", concept="",
         condition={"applies_to_notice": False}),
    dict(requirement="u.sale", jurisdiction="u", topic="recipients", concept="sharing.sale",
         condition={}),
    dict(requirement="u.dpo", jurisdiction="u", topic="dpo", concept="dpo",
         condition={"require_value_kind": "email"}),
    dict(requirement="u.access", jurisdiction="u", topic="rights", concept="right.access",
         condition={}),
])

LAWS = normalise_law_table(pd.DataFrame({
    "jurisdiction": ["gdpr", "vn-decree-13", "vn-pdpl-2025"],
    "name": ["GDPR", "Decree 13/2023/ND-CP", "Law 91/2025/QH15"],
    "in_force_from": ["2018-05-25", "2023-07-01", "2026-01-01"],
    "in_force_until": [None, "2025-12-31", None],
    "replaced_by": [None, "vn-pdpl-2025", None],
}))


VAGUE_RETENTION = fact("retention.period", "as long as necessary", qualifier="vague",
                       value="vague", value_kind="days")


def status_of(comparison, policy_name, requirement):
    cov = comparison.coverage.set_index(["policy", "requirement"])
    return cov.loc[(policy_name, requirement)]


@pytest.fixture(autouse=True)
def known_laws(monkeypatch):
    """Law dates come from the catalogs; pin a small table so these tests do not depend on them."""
    import sys

    # by module object: the attribute path is shadowed by the top-level compare() function
    monkeypatch.setattr(sys.modules["privcompare.compare.comparison"], "law_table", lambda: LAWS)


@pytest.fixture
def comparison():
    full = policy("full", [
        fact("retention.period", "for 90 days", value="90", value_kind="days", number=90,
             clause_id="3-1", start=10),
        fact("right.access", "a copy of your data", clause_id="4-1", start=20),
        fact("right.erasure", "delete your account", clause_id="4-2", start=30),
        fact("right.portability", "if you are in the EEA, export your data",
             qualifier="conditional", clause_id="4-3", start=40),
        fact("sharing.sale", "We do not sell your data", polarity="negative", start=50),
        fact("dpo", "Our DPO: dpo@x.com", value="dpo@x.com", value_kind="email", start=60),
    ], organisation="Full Ltd")
    sparse = policy("sparse", [
        VAGUE_RETENTION,
        fact("right.access", "request a copy", start=5),
        fact("legal_basis.legitimate_interest", "our legitimate interests", start=9),
        fact("dpo", "we have a data protection officer", start=12),
        fact("right.access", "you cannot access", polarity="negative", start=15),
    ])
    return compare([full, sparse], REQUIREMENTS, as_of="2026-11-23")


def test_coverage_has_documented_columns_and_row_order(comparison):
    cov = comparison.coverage
    assert list(cov.columns) == COVERAGE_COLUMNS
    assert comparison.jurisdictions == ["t", "u"]
    assert [p.name for p in comparison.policies] == ["full", "sparse"]
    assert repr(comparison) == "Comparison(policies=2, jurisdictions=['t', 'u'], as_of=2026-11-23)"
    assert cov["policy"].tolist() == ["full"] * 8 + ["sparse"] * 8
    assert cov["requirement"].tolist()[:8] == REQUIREMENTS["requirement"].tolist()
    assert set(cov["status"].astype(str)) <= {"met", "partial", "missing", "not_applicable"}


def test_organisation_falls_back_to_policy_name(comparison):
    orgs = comparison.coverage.drop_duplicates("policy")["organisation"].tolist()
    assert orgs == ["Full Ltd", "sparse"]


def test_concrete_retention_met_and_vague_retention_partial(comparison):
    full = status_of(comparison, "full", "t.retention")
    assert full["status"] == "met" and full["evidence"] == "for 90 days"
    assert full["clause_ids"] == "3-1"
    sparse = status_of(comparison, "sparse", "t.retention")
    assert sparse["status"] == "partial"
    assert sparse["note"] == "retention stated only vaguely ('as long as necessary')"


def test_min_count_all_lists_what_is_missing(comparison):
    row = status_of(comparison, "sparse", "t.rights")
    assert row["status"] == "partial"
    assert "the right to erasure" in row["note"] and "the right to data portability" in row["note"]
    assert "the right of access" not in row["note"]


def test_conditional_right_counts_as_met_with_note(comparison):
    row = status_of(comparison, "full", "t.rights")
    assert row["status"] == "met"
    assert row["clause_ids"] == "4-1,4-2,4-3"
    assert row["evidence"].count(" | ") == 2
    only_conditional = score(pd.DataFrame([fact("right.portability", "if in the EEA, export",
                                                qualifier="conditional")]),
                             {"concept": "right.portability"})
    assert only_conditional["status"] == "met"
    assert "condition" in only_conditional["note"] and "if in the EEA" in only_conditional["note"]


def test_missing_note_says_what_is_absent(comparison):
    row = status_of(comparison, "full", "t.complaint")
    assert row["status"] == "missing" and row["evidence"] == ""
    assert row["note"] == "not stated: the right to complain to an authority"


def test_when_concept_and_applies_to_notice(comparison):
    assert status_of(comparison, "full", "t.legit")["status"] == "not_applicable"
    assert "applies only when" in status_of(comparison, "full", "t.legit")["note"]
    assert status_of(comparison, "sparse", "t.legit")["status"] == "met"
    assert status_of(comparison, "full", "t.ropa")["status"] == "not_applicable"
    assert "notice" in status_of(comparison, "full", "t.ropa")["note"]


def test_negative_statement_answers_disclosure_but_limits_a_right(comparison):
    sale = status_of(comparison, "full", "u.sale")
    assert sale["status"] == "met" and "negatively" in sale["note"]
    assert status_of(comparison, "sparse", "u.sale")["status"] == "missing"
    refused = score(pd.DataFrame([fact("right.access", "you cannot access", polarity="negative")]),
                    {"concept": "right.access"})
    assert refused["status"] == "partial" and "refused" in refused["note"]
    # a positive statement elsewhere in the policy wins over a negative one
    assert status_of(comparison, "sparse", "u.access")["status"] == "met"


def test_require_value_kind(comparison):
    assert status_of(comparison, "full", "u.dpo")["status"] == "met"
    row = status_of(comparison, "sparse", "u.dpo")
    assert row["status"] == "partial" and "but no email given" in row["note"]


@pytest.mark.parametrize("facts, status", [
    # only the DPO's e-mail: the controller's channel stands in partly
    ([fact("dpo", "privacy@acme.example", value="privacy@acme.example", value_kind="email")], "partial"),
    # a DPO mentioned without a channel is no way to reach anyone
    ([fact("dpo", "our Data Protection Officer")], "missing"),
    ([fact("dpo", "dpo@acme.example", polarity="negative", value="dpo@acme.example", value_kind="email")], "missing"),
    ([fact("controller.contact", "hello@acme.example", value="hello@acme.example", value_kind="email"),
      fact("dpo", "dpo@acme.example", value="dpo@acme.example", value_kind="email")], "met"),
])
def test_a_partial_concept_stands_in_for_a_missing_one(facts, status):
    req = {"concept": "controller.contact",
           "condition": {"require_value_kind": ["email", "phone"], "partial_concept": "dpo"}}
    result = score(pd.DataFrame(facts, columns=list(fact("x"))), req)
    assert result["status"] == status
    if status == "partial":
        assert result["note"].startswith("not stated: how to contact the controller; only a data protection officer")
        assert result["evidence"] == "privacy@acme.example"


def test_a_requirement_the_notice_itself_meets_is_not_scored():
    req = {"concept": "right.information", "condition": {"not_scored": "the notice itself meets it"}}
    for facts in ([], [fact("right.information", "you have the right to be informed")]):
        result = score(pd.DataFrame(facts, columns=list(fact("x"))), req)
        assert (result["status"], result["note"]) == ("not_applicable", "the notice itself meets it")


def test_the_gdpr_right_to_be_informed_is_no_gap_for_a_notice_that_does_not_name_it():
    p = policy("p", [fact("right.access", "you can ask for a copy")])
    rows = compare([p], jurisdictions=["gdpr"], as_of="2026-11-23").coverage.set_index("requirement")
    assert rows.loc["gdpr.rights.information", "status"] == "not_applicable"
    assert "Art. 12(1)" in rows.loc["gdpr.rights.information", "note"]
    assert rows.loc["gdpr.rights.access", "status"] == "met"


def test_catalog_can_override_negative_rule():
    negative = pd.DataFrame([fact("transfer.international", "we do not transfer abroad",
                                  polarity="negative")])
    assert score(negative, {"concept": "transfer.international"})["status"] == "met"
    assert score(negative, {"concept": "transfer.international",
                            "condition": {"negative": "missing"}})["status"] == "missing"


def test_condition_given_as_text_and_concept_as_string_list():
    facts = pd.DataFrame([VAGUE_RETENTION])
    req = {"concept": "retention.period, retention.deletion",
           "condition": '{"require_concrete": true}'}
    assert score(facts, req)["status"] == "partial"


def test_empty_facts_table_means_everything_missing():
    p = policy("empty", [])
    cov = compare(p, REQUIREMENTS).coverage
    applicable = cov[cov["status"] != "not_applicable"]
    assert (applicable["status"] == "missing").all() and len(applicable) == 6


def test_matrix_gaps_and_summary(comparison):
    matrix = comparison.matrix()
    assert list(matrix.index) == [("full", "Full Ltd"), ("sparse", "sparse")]
    assert matrix.columns.names == ["jurisdiction", "requirement"]
    assert matrix.loc[("sparse", "sparse"), ("t", "t.retention")] == "partial"
    assert list(comparison.matrix("u").columns.get_level_values(0).unique()) == ["u"]

    gaps = comparison.gaps()
    assert set(gaps["status"].astype(str)) == {"partial", "missing"}
    assert len(gaps) == (comparison.coverage["status"].isin(["partial", "missing"])).sum()

    summary = comparison.summary().set_index(["policy", "jurisdiction"])
    full_t = summary.loc[("full", "t")]
    assert (full_t["met"], full_t["partial"], full_t["missing"]) == (2, 0, 1)
    assert full_t["not_applicable"] == 2
    assert full_t["score"] == pytest.approx(2 / 3, abs=1e-3)


def test_law_references_flag_laws_no_longer_in_force():
    p = policy("iot", [
        fact("law.reference", "Decree 13/2023/ND-CP", value="vn-decree-13", value_kind="law"),
        fact("law.reference", "Decree No. 13", value="vn-decree-13", value_kind="law", start=9),
        fact("law.reference", "GDPR", value="gdpr", value_kind="law", start=20),
        fact("law.reference", "CCPA", value="ccpa", value_kind="law", start=30),
    ], organisation="IoT")
    refs = law_references([p], dt.date(2026, 11, 23), LAWS)
    assert list(refs.columns) == LAW_REFERENCE_COLUMNS
    refs = refs.set_index("law")
    assert list(refs.index) == ["vn-decree-13", "gdpr", "ccpa"]  # one row per law
    d13 = refs.loc["vn-decree-13"]
    assert not d13["in_force"] and d13["cited_as"] == "Decree 13/2023/ND-CP | Decree No. 13"
    assert d13["note"] == ("Decree 13/2023/ND-CP ceased to apply on 2025-12-31; "
                           "replaced by vn-pdpl-2025")
    assert refs.loc["gdpr", "in_force"] and refs.loc["gdpr", "note"] == ""
    assert pd.isna(refs.loc["ccpa", "in_force"]) and "not in the requirement catalogs" in \
        refs.loc["ccpa", "note"]
    # the same citation was fine while the decree applied
    earlier = law_references([p], dt.date(2024, 1, 1), LAWS).set_index("law")
    assert earlier.loc["vn-decree-13", "in_force"]
    assert "applies only from 2026-01-01" in law_references(
        [policy("x", [fact("law.reference", "Law 91", value="vn-pdpl-2025")])],
        dt.date(2025, 6, 1), LAWS).loc[0, "note"]


def test_compare_reads_paths_and_skips_bad_files(tmp_path):
    good = tmp_path / "acme.txt"
    good.write_text("Privacy Policy\nWe keep data for 30 days.")
    with pytest.warns(UserWarning, match="missing.txt"):
        result = compare([good, tmp_path / "missing.txt"], REQUIREMENTS, as_of="2026-01-01")
    assert result.coverage["policy"].unique().tolist() == ["acme"]
    assert len(result.errors) == 1 and "missing.txt" in result.errors.loc[0, "error"]
    assert result.as_of == dt.date(2026, 1, 1)


def test_policies_sharing_a_name_stay_apart():
    a = policy("acme", [fact("right.access", "copy")])
    b = policy("acme", [])
    result = compare([a, b], REQUIREMENTS)
    assert result.coverage["policy"].unique().tolist() == ["acme", "acme (2)"]
    assert result.matrix().loc[("acme (2)", "acme"), ("u", "u.access")] == "missing"


def test_bare_mention_is_not_a_concrete_value():
    heading = fact("retention.period", "Data Retention")
    vague = fact("retention.period", "retain your data for as long as", qualifier="vague", start=5)
    normalised = fact("retention.period", "as long as necessary", qualifier="vague",
                      value="vague", value_kind="days", start=9)
    req = {"concept": "retention.period", "condition": {"require_concrete": True}}
    result = score(pd.DataFrame([heading, vague, normalised]), req)
    assert result["status"] == "partial"
    assert result["note"] == "retention stated only vaguely ('as long as necessary')"
    only_heading = score(pd.DataFrame([heading]), req)
    assert only_heading["status"] == "partial" and "without a concrete value" in only_heading["note"]
    criteria = fact("retention.period", "based on legal duties", value="criteria")
    assert score(pd.DataFrame([heading, criteria]), req)["status"] == "met"


@pytest.mark.parametrize("req, worse, better, note", [
    # a deadline the policy promises is compared with the law's (the shortest promise counts)
    ({"concept": "rights.exercise", "deadline_hours": 720, "deadline_text": "1 month"},
     ("45 days", "hours", 1080.0), ("30 days", "hours", 720.0),
     "the deadline stated ('45 days') is longer than the law's (1 month)"),
    # a minimum age is compared with the law's children_age (the highest age stated counts:
    # "under 13, or 16 in the EU")
    ({"concept": "children", "children_age": 16, "deadline_text": "age 16 by default"},
     ("under 13", "age", 13.0), ("16 in the EU", "age", 16.0),
     "the minimum age stated ('under 13') is below the law's (age 16 by default)"),
])
def test_a_stated_value_worse_than_the_laws_is_partial(req, worse, better, note):
    mention = fact(req["concept"], "a mention")
    bad, good = (fact(req["concept"], text, value=str(int(n)), value_kind=kind, number=n, start=20 + i * 20)
                 for i, (text, kind, n) in enumerate((worse, better)))
    result = score(pd.DataFrame([mention, bad]), req)
    assert (result["status"], result["note"]) == ("partial", note)
    assert score(pd.DataFrame([mention, bad, good]), req)["status"] == "met"
    assert score(pd.DataFrame([mention]), req)["status"] == "met"  # nothing stated: no check
    assert score(pd.DataFrame([mention, bad]), {"concept": req["concept"]})["status"] == "met"


@pytest.mark.parametrize("wanted, stated, status, note", [
    # a notice to the supervisory authority only, against a duty to tell the people affected
    ("individuals", ["authority"], "partial", "stated for an authority only ('the relevant authority'), not for the people affected"),
    ("individuals", ["authority", "individuals"], "met", ""),
    (["individuals", "authority"], ["individuals"], "partial", "stated for the people affected only ('notify you'), not for an authority"),
    # the policy does not say whom it tells: nothing to hold against it
    ("individuals", [], "met", "no addressee stated"),
])
def test_a_required_value_must_be_among_those_stated(wanted, stated, status, note):
    evidence = {"individuals": "notify you", "authority": "the relevant authority"}
    facts = [fact("breach.notification", "a breach occurs, we will notify")] + [
        fact("breach.notification", evidence[v], value=v, value_kind="addressee", start=10 + i * 10)
        for i, v in enumerate(stated)]
    req = {"concept": "breach.notification", "condition": {"require_value": {"addressee": wanted}}}
    result = score(pd.DataFrame(facts), req)
    assert (result["status"], result["note"]) == (status, note)


def test_the_gdpr_breach_duties_are_told_apart_by_whom_the_policy_tells():
    # GDPR Art. 33 (the supervisory authority) and Art. 34 (the people affected)
    text = "Data breaches\nIf a personal data breach occurs, we will notify the supervisory authority within 72 hours."
    rows = compare([pc.Policy.from_text(text, name="p")], jurisdictions=["gdpr"],
                   as_of="2026-11-23").coverage.set_index("requirement")
    assert rows.loc["gdpr.breach.authority", "status"] == "met"
    assert rows.loc["gdpr.breach.individuals", "status"] == "partial"
    assert "not for the people affected" in rows.loc["gdpr.breach.individuals", "note"]
