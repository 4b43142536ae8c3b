"""The requirement catalogs against the annotator, end to end: every requirement that a
notice can meet is met by some wording, so no gap in a report is there whatever the policy says."""
from pathlib import Path

import pytest

import privcompare as pc
from privcompare.compare import compare
from privcompare.compare.coverage import parse_condition
from privcompare.jurisdictions import catalog_api as jur


def gdpr_status(text: str, requirement: str) -> str:
    """The status one requirement of the GDPR catalog gets for a one-text policy."""
    cov = compare(pc.Policy.from_text(text, name="p"), "gdpr", as_of="2026-11-23").coverage
    return cov.set_index("requirement").loc[requirement, "status"]


@pytest.mark.parametrize("requirement, text, status", [
    # Art. 14(2)(f): until data.sources had rules, every policy was reported as missing it
    ("gdpr.notice.source", "We receive your contact details from our resellers and from public registers.", "met"),
    ("gdpr.notice.source", "We collect your name and e-mail address to run your account.", "missing"),
    # Art. 13(1)(d): until stated interests were values, this requirement could never be met
    ("gdpr.notice.legitimate_interests",
     "We process usage data on the basis of our legitimate interest in preventing fraud.", "met"),
    ("gdpr.notice.legitimate_interests", "We process usage data on the basis of our legitimate interests.",
     "partial"),
    # Art. 13(1)(a): a representative's channels were filed as the controller's, so never met
    ("gdpr.notice.representative", "Our EU representative under Art. 27 GDPR can be reached at rep@example.eu.",
     "met"),
    ("gdpr.notice.representative", "We have appointed a representative in the European Union.", "partial"),
])
def test_gdpr_requirements_that_no_policy_could_meet_before(requirement, text, status):
    assert gdpr_status(text, requirement) == status


def test_a_notice_that_states_everything_meets_every_requirement_of_every_bundled_catalog():
    # A requirement that no wording can meet is a gap in every report, whatever the policy
    # says (data.sources, stated legitimate interests and a representative's channels were
    # such requirements). The model notice (written for this test) states each practice
    # concretely and within the shortest deadlines the catalogs carry.
    policy = pc.read_policy(Path(__file__).parent / "fixtures" / "compare" / "model_notice.md")
    cov = compare(policy, jur.bundled_ids(), as_of="2026-12-04").coverage
    reqs = jur.requirements().set_index("requirement")
    on_notice = cov["requirement"].map(reqs["applies_to_notice"]).astype(bool)
    # rows the notice itself meets (the GDPR's right to be informed) are never scored
    unscored = cov["requirement"].map(reqs["condition"]).map(lambda c: bool(parse_condition(c).get("not_scored")))
    scored = on_notice & ~unscored
    assert cov.loc[scored & (cov["status"] != "met"), ["requirement", "status", "note"]].values.tolist() == []
    assert set(cov.loc[~scored, "status"]) == {"not_applicable"}
