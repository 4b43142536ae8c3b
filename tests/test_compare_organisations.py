"""compare_organisations and the catalog-driven jurisdiction table, on hand-made inputs."""
import pandas as pd
import pytest

import privcompare as pc
from privcompare.compare import compare_organisations, jurisdiction_table


def fact(concept, evidence="text", polarity="positive", qualifier="", value="", value_kind="",
         number=float("nan"), start=0):
    return dict(clause_id="c1", concept=concept, polarity=polarity, qualifier=qualifier,
                value=value, value_kind=value_kind, number=number, evidence=evidence,
                start=start, end=start + len(evidence), rule="test")


def policy(name, facts, organisation=""):
    p = pc.Policy.from_text("irrelevant", name=name, organisation=organisation)
    p.__dict__["facts"] = pd.DataFrame(facts, columns=list(fact("x")))
    return p


@pytest.fixture
def orgs():
    alpha = policy("alpha", [
        fact("right.access", "a copy of your data"),
        fact("right.erasure", "if you are in the EEA, erase", qualifier="conditional"),
        fact("right.rectification", "you cannot correct", polarity="negative"),
        fact("retention.period", "30 days", value="30", value_kind="days", number=30, start=5),
        fact("retention.period", "1 year", value="365", value_kind="days", number=365, start=9),
        fact("sharing.recipients", "PayPal", value="PayPal", value_kind="recipient"),
        fact("sharing.recipients", "AWS", value="AWS", value_kind="recipient"),
        fact("sharing.recipients", "service providers", value="service providers",
             value_kind="recipient_category"),
        fact("sharing.sale", "We do not sell", polarity="negative"),
        fact("transfer.international", "other countries", qualifier="conditional"),
        fact("transfer.safeguards", "standard contractual clauses",
             value="standard contractual clauses", value_kind="measure"),
        fact("controller.contact", "contact@alpha.io", value="contact@alpha.io",
             value_kind="email"),
        fact("controller.contact", "+84377316720", value="+84377316720", value_kind="phone"),
        fact("dpo", "our DPO"),
        fact("children", "under 13, or 16 in the EEA", value="13", value_kind="age", number=13),
        fact("children", "16 in the EEA", value="16", value_kind="age", number=16),
        fact("right.custom_thing", "a right we invented"),
    ], organisation="Alpha")
    beta = policy("beta", [
        fact("retention.period", "as long as necessary", qualifier="vague", value="vague",
             value_kind="days"),
        fact("sharing.sale", "we may sell your data"),
        fact("dpo", "we have not appointed a DPO", polarity="negative"),
    ])
    return compare_organisations([alpha, beta])


def test_tables_are_named_and_dict_like(orgs):
    assert list(orgs.keys()) == ["rights", "retention", "disclosures", "contact", "children"]
    for name, table in orgs.items():
        assert orgs[name] is table and getattr(orgs, name) is table
        assert list(table.index) == ["Alpha", "beta"]
    with pytest.raises(AttributeError):
        orgs.no_such_table


def test_rights_yes_conditional_no(orgs):
    rights = orgs.rights
    assert rights.loc["Alpha", "right.access"] == "yes"
    assert rights.loc["Alpha", "right.erasure"] == "conditional"
    assert rights.loc["Alpha", "right.rectification"] == "no"  # refused
    assert rights.loc["beta", "right.access"] == "no"  # not stated
    assert "right.complaint" in rights.columns and "right.custom_thing" in rights.columns
    assert set(rights.stack()) <= {"yes", "conditional", "no"}


def test_retention_periods_and_vague(orgs):
    ret = orgs.retention
    assert ret.loc["Alpha", "retention"] == "period"
    assert (ret.loc["Alpha", "min_days"], ret.loc["Alpha", "max_days"]) == (30, 365)
    assert ret.loc["Alpha", "periods_days"] == "30, 365"
    assert ret.loc["beta", "retention"] == "vague" and pd.isna(ret.loc["beta", "min_days"])
    assert ret.loc["beta", "evidence"] == "as long as necessary"


def test_disclosures(orgs):
    d = orgs.disclosures
    assert d.loc["Alpha", "named_recipients"] == "PayPal, AWS"
    assert d.loc["Alpha", "recipient_categories"] == "service providers"
    assert d.loc["Alpha", "sale"] == "does not sell" and d.loc["beta", "sale"] == "sells"
    assert d.loc["Alpha", "international_transfers"] == "conditional"
    assert d.loc["beta", "international_transfers"] == "not stated"
    assert d.loc["Alpha", "safeguards"] == "standard contractual clauses"


def test_the_organisation_is_not_its_own_named_recipient():
    # "the Salesforce corporate group", "so that Salesforce can market" in Salesforce's policy
    own = policy("sf", [fact("sharing.recipients", "Salesforce", value="Salesforce", value_kind="recipient"),
                        fact("sharing.recipients", "Google", value="Google", value_kind="recipient")],
                 organisation="Salesforce, Inc.")
    other = policy("acme", [fact("sharing.recipients", "Salesforce", value="Salesforce", value_kind="recipient")],
                   organisation="Acme")
    d = compare_organisations([own, other]).disclosures
    assert d.loc["Salesforce, Inc.", "named_recipients"] == "Google"
    assert d.loc["Acme", "named_recipients"] == "Salesforce"


def test_a_controller_name_the_policy_states_is_not_its_own_recipient():
    # a policy read without a manifest: the organisation is the controller it names
    p = policy("kestrel-privacy", [fact("controller.identity", "Kestrel Apps, Inc. (\"we\")", value="Kestrel Apps, Inc.",
                                        value_kind="name"),
                                   fact("sharing.recipients", "Kestrel", value="Kestrel", value_kind="recipient"),
                                   fact("sharing.recipients", "Stripe", value="Stripe", value_kind="recipient")])
    orgs = compare_organisations([p])
    assert orgs.disclosures.loc["Kestrel Apps, Inc.", "named_recipients"] == "Stripe"
    assert orgs.contact.loc["Kestrel Apps, Inc.", "controller"] == "Kestrel Apps, Inc."


def test_a_recipient_named_twice_is_listed_once_in_its_shortest_form():
    # the lexicon's canonical "Klarna" and the "Klarna Bank AB" a list item names
    p = policy("p", [fact("sharing.recipients", v, value=v, value_kind="recipient")
                     for v in ("Klarna", "Klarna Bank AB", "Posten Bring AS", "Klarna", "Klarnafin")],
               organisation="Acme")
    assert compare_organisations([p]).disclosures.loc["Acme", "named_recipients"] == \
        "Klarna, Posten Bring AS, Klarnafin"


def test_recipients_come_from_statements_that_are_not_negative():
    p = policy("p", [fact("sharing.recipients", "service providers", value="service providers",
                          value_kind="recipient_category"),
                     fact("sharing.recipients", "third parties", polarity="negative", value="third parties",
                          value_kind="recipient_category"),
                     fact("sharing.recipients", "Meta", polarity="negative", value="Meta", value_kind="recipient")],
               organisation="Acme")
    d = compare_organisations([p]).disclosures
    assert (d.loc["Acme", "recipient_categories"], d.loc["Acme", "named_recipients"]) == ("service providers", "")


def test_contact_and_children(orgs):
    c = orgs.contact
    assert c.loc["Alpha", "emails"] == "contact@alpha.io"
    assert c.loc["Alpha", "phones"] == "+84377316720"
    assert (c.loc["Alpha", "dpo"], c.loc["beta", "dpo"]) == ("yes", "no")
    kids = orgs.children
    assert kids.loc["Alpha", "minimum_age"] == 13 and kids.loc["Alpha", "ages"] == "13, 16"
    assert pd.isna(kids.loc["beta", "minimum_age"])


def test_sale_denied_and_stated_is_mixed():
    p = policy("p", [fact("sharing.sale", "never sell", polarity="negative"),
                     fact("sharing.sale", "sale of assets")])
    assert compare_organisations([p]).disclosures.loc["p", "sale"] == "mixed"


def test_same_organisation_twice_keeps_rows_apart():
    a, b = policy("v1", [], "Acme"), policy("v2", [], "Acme")
    assert list(compare_organisations([a, b]).rights.index) == ["Acme (v1)", "Acme (v2)"]


REQS = pd.DataFrame([
    dict(requirement="a.breach", jurisdiction="a", topic="breach", concept="breach.notification",
         citation="Art. 1", summary="Tell the authority.", deadline_text="72 hours",
         deadline_hours=72.0, confidence="verified"),
    dict(requirement="a.access", jurisdiction="a", topic="rights", concept="right.access",
         citation="Art. 2", summary="Give a copy.", deadline_text="1 month",
         deadline_hours=720.0, confidence="verified"),
    dict(requirement="b.access", jurisdiction="b", topic="rights", concept="right.access",
         citation="Art. 7", summary="Access and copy.", deadline_text="3 x 24 hours",
         deadline_hours=72.0, confidence="verified"),
    dict(requirement="b.access2", jurisdiction="b", topic="rights", concept="right.access",
         citation="Art. 32", summary="Show the trail.", deadline_text=None,
         deadline_hours=None, confidence="single-source"),
])


def test_jurisdiction_table_wide_and_tidy():
    wide = jurisdiction_table(REQS)
    assert list(wide.columns) == ["a", "b"]
    assert list(wide.index) == [("breach", "breach.notification"), ("rights", "right.access")]
    assert wide.loc[("breach", "breach.notification"), "a"] == "Tell the authority. (Art. 1; 72 hours)"
    assert wide.loc[("breach", "breach.notification"), "b"] == ""
    assert wide.loc[("rights", "right.access"), "b"] == ("Access and copy. (Art. 7; 3 x 24 hours)"
                                                        "\nShow the trail. (Art. 32)")
    tidy = jurisdiction_table(REQS, tidy=True)
    assert len(tidy) == 4 and tidy["requirement"].tolist()[0] == "a.breach"
    assert {"deadline_hours", "citation", "summary"} <= set(tidy.columns)
