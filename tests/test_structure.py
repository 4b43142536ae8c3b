"""Clause table: the five bundled policies as a reader sees them, plus the general rules."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privcompare.ingest import Block, normalize_text, read_document
from privcompare.structure import COLUMNS, KINDS, build_clauses, debris_patterns, is_debris
from privcompare.structure.patterns import BULLET, ENUMERATOR

ROOT = Path(__file__).resolve().parents[1]
POLICIES = ROOT / "data" / "policies"
FIXTURES = Path(__file__).parent / "fixtures" / "structure"
BUNDLED = sorted(p.name for p in POLICIES.glob("*.txt"))


def clauses_of(name: str) -> tuple[str, pd.DataFrame]:
    doc = read_document(POLICIES / name)
    return doc.text, build_clauses(doc.text, doc.blocks)


def headings(table: pd.DataFrame) -> list[tuple[int, str]]:
    rows = table[table.kind == "heading"]
    return [(level, heading) for level, heading in zip(rows.level, rows.heading)]


def items_under(table: pd.DataFrame, heading: str) -> pd.DataFrame:
    return table[(table.kind == "list_item") & (table.heading == heading)]


def texts(table: pd.DataFrame) -> list[str]:
    return table.text.tolist()


# --------------------------------------------------------------- invariants on all bundled policies

def test_all_five_policies_are_bundled():
    assert BUNDLED == ["iot-energy-monitoring.txt", "mailcamp.txt", "ocis.txt", "onxtra.txt",
                       "oxalis-monitor.txt"]


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_policy_table_contract(name):
    text, table = clauses_of(name)
    assert list(table.columns) == COLUMNS
    assert table.clause_id.is_unique
    assert set(table.kind) <= set(KINDS)
    assert all(text[s:e] == t for s, e, t in zip(table.start, table.end, table.text))
    assert (table.start.diff().dropna() > 0).all()
    assert (table.start.iloc[1:].to_numpy() >= table.end.iloc[:-1].to_numpy()).all()
    for row in table.itertuples():
        assert row.text == row.text.strip() and row.text
        if row.kind == "heading":
            assert row.section.endswith(row.heading) and row.level >= 1
        elif row.kind == "list_item":
            assert row.level >= 1
        else:
            assert row.level == 0
        if row.section:
            assert row.heading == row.section.split(" > ")[-1]


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_policy_loses_no_text_but_debris_and_markers(name):
    text, table = clauses_of(name)
    covered = bytearray(len(text))
    for s, e in zip(table.start, table.end):
        covered[s:e] = b"\x01" * (e - s)
    offset = 0
    for line in text.split("\n"):
        uncovered = "".join(ch for i, ch in enumerate(line) if not covered[offset + i]).strip()
        offset += len(line) + 1
        if not uncovered:
            continue
        # What is left of a line must be a bullet/enumerator ("•", "1.") or a whole debris line.
        marker = BULLET.match(uncovered + " X") or ENUMERATOR.match(uncovered + " X")
        marker = marker is not None and marker.end() == len(uncovered) + 1
        assert is_debris(uncovered) or marker, f"dropped text: {uncovered!r}"


# --------------------------------------------------------------- oxalis-monitor

def test_oxalis_sections_and_levels():
    text, table = clauses_of("oxalis-monitor.txt")
    assert headings(table) == [
        (1, "Privacy Policy"), (1, "1. Introduction"), (1, "2. Information We Collect"),
        (2, "2.1 Information You Provide Directly"), (2, "2.2 Information Collected Automatically"),
        (1, "3. How We Use Your Information"), (1, "4. Data Security"), (1, "5. Data Retention"),
        (1, "6. Third-Party Sharing"), (1, "7. International Data Transfers"), (1, "8. Your Rights"),
        (1, "9. Cookies"), (1, "10. Children's Privacy"), (1, "11. Changes to This Policy"),
        (1, "12. Contact Us"),
    ]
    sub = table[table.heading == "2.1 Information You Provide Directly"]
    assert set(sub.section) == {"2. Information We Collect > 2.1 Information You Provide Directly"}


def test_oxalis_rights_are_list_items_under_their_heading():
    _, table = clauses_of("oxalis-monitor.txt")
    rights = items_under(table, "8. Your Rights")
    assert [t.split(":")[0] for t in rights.text] == ["Access", "Correction", "Deletion", "Portability", "Opt-Out"]
    assert set(rights.level) == {1}
    assert rights.clause_id.tolist() == ["8-2", "8-3", "8-4", "8-5", "8-6"]
    heading = table[(table.kind == "heading") & (table.heading == "8. Your Rights")].iloc[0]
    assert (heading.clause_id, heading.number, heading.text) == ("8-0", "8.", "Your Rights")
    assert len(items_under(table, "3. How We Use Your Information")) == 8
    assert len(items_under(table, "2.1 Information You Provide Directly")) == 4


def test_oxalis_debris_and_date_line():
    _, table = clauses_of("oxalis-monitor.txt")
    joined = "\n".join(table.text)
    assert "Back to Home" not in joined and "All rights reserved" not in joined
    date = table[table.text == "Last updated: March 13, 2026"]
    assert date.kind.tolist() == ["paragraph"]
    # The paragraph after a list stays a paragraph of the same section.
    row = table[table.text.str.startswith("However, no security system")].iloc[0]
    assert (row.kind, row.heading) == ("paragraph", "4. Data Security")


# --------------------------------------------------------------- mailcamp

def test_mailcamp_outline():
    _, table = clauses_of("mailcamp.txt")
    assert headings(table) == [
        (1, "Privacy Policy"),
        (1, "Information about the Business or Service"),
        (2, "Company Name or Legal Entity:"), (2, "Main Office Address and Contact Information:"),
        (1, "Types of Collected Information"),
        (2, "Personal Information:"), (2, "Non-Personal Information:"), (2, "Automatically Collected Data:"),
        (1, "Information Collection"),
        (2, "Automatic Information Collection:"), (2, "Information Collection through Direct User Interaction:"),
        (1, "Purposes of Data Collection and Processing"),
        (1, "Legal Basis for Data Processing"),
        (1, "Sharing Information with Third Parties"),
        (1, "Information Security"), (2, "Data Security:"), (2, "Data Storage Duration:"),
        (1, "User Privacy Rights"),
        (1, "Changes to the Privacy Policy"),
        (1, "Privacy Support Contacts"),
    ]


def test_mailcamp_debris_is_not_a_clause():
    _, table = clauses_of("mailcamp.txt")
    assert "×" not in set(table.text)
    assert not table.text.str.contains("Back to the top").any()
    last = table.iloc[-1]
    assert (last.kind, last.text) == ("paragraph", "[Updated Date: January 5, 2024]")


def test_mailcamp_indented_numbered_items_with_continuations():
    text, table = clauses_of("mailcamp.txt")
    legal = items_under(table, "Legal Basis for Data Processing")
    assert len(legal) == 7
    assert legal.number.tolist() == [f"{i}." for i in range(1, 8)]
    assert [t.split(":")[0] for t in legal.text] == [
        "User Consent", "Contractual Necessity", "Legitimate Interest", "Legal Obligation",
        "Protection of Vital Interests", "User Consent", "Contractual Necessity"]
    first = legal.iloc[0].text
    assert first.startswith("User Consent:\n") and first.endswith("when registering for our services.")
    assert len(items_under(table, "Purposes of Data Collection and Processing")) == 10
    personal = items_under(table, "Personal Information:")
    assert personal.text.iloc[0] == "Personal Identification Data: Full name, address, phone number, and email address."
    assert len(personal) == 4 and set(personal.section) == {"Types of Collected Information > Personal Information:"}


def test_mailcamp_label_heading_is_followed_by_its_value():
    _, table = clauses_of("mailcamp.txt")
    value = table[table.text == "PT. Oxobyte Teknologi Indonesia (www.mailcamp.io)"].iloc[0]
    assert (value.kind, value.heading) == ("paragraph", "Company Name or Legal Entity:")
    address = table[table.text.str.startswith("Kristal Garden")].iloc[0]
    assert (address.kind, address.heading) == ("paragraph", "Main Office Address and Contact Information:")


# --------------------------------------------------------------- ocis

def test_ocis_outline_and_numbered_subsections():
    _, table = clauses_of("ocis.txt")
    assert headings(table) == [
        (1, "Privacy Policy"), (1, "Information We Collect"),
        (2, "1- Personal Information:"), (2, "2- Automatically Collected Information:"),
        (2, "3- Cookies and Tracking Technologies:"), (2, "4- Third-Party Information:"),
        (1, "How We Use Your Information"), (1, "How We Share Your Information"),
        (1, "Data Security and Retention"), (1, "Your Rights Under GDPR"), (1, "Children’s Privacy"),
        (1, "International Data Transfers"), (1, "Changes to This Privacy Policy"), (1, "Contact Us"),
    ]
    personal = table[table.heading == "1- Personal Information:"]
    assert personal.kind.tolist() == ["heading", "paragraph", "list_item", "list_item", "list_item"]
    assert set(personal.section) == {"Information We Collect > 1- Personal Information:"}


def test_ocis_label_items_keep_their_explanation():
    _, table = clauses_of("ocis.txt")
    uses = items_under(table, "How We Use Your Information")
    assert [t.split(":")[0] for t in uses.text] == [
        "Service Provision", "Improvement of Services", "Security and Compliance",
        "Marketing and Communication", "Legal Obligations"]
    assert uses.text.iloc[0].startswith("Service Provision:\nYour personal data allows us")
    rights = items_under(table, "Your Rights Under GDPR")
    assert len(rights) == 6 and rights.text.iloc[0].startswith("Right to Access:")


def test_ocis_debris_is_not_a_clause():
    _, table = clauses_of("ocis.txt")
    assert not table.text.str.contains("Still have a question").any()
    assert table.iloc[-1].heading == "Contact Us"


# --------------------------------------------------------------- onxtra

def test_onxtra_unnumbered_subheadings_are_level_two():
    _, table = clauses_of("onxtra.txt")
    hs = headings(table)
    assert hs[:5] == [(1, "Privacy Policy"), (1, "1. Information We Collect"), (2, "Personal Information"),
                      (2, "Technical Information"), (2, "Transaction Information")]
    assert [h for level, h in hs if level == 1][1:] == [f"{i}. {t}" for i, t in enumerate([
        "Information We Collect", "How We Use Your Information", "Identity Verification",
        "Sharing Your Information", "Payment Processing", "Data Security", "Data Retention",
        "Your Rights and Choices", "Cookies and Tracking Technologies", "International Data Transfers",
        "Children's Privacy", "Changes to This Policy", "Contact Us"], start=1)]
    assert [len(items_under(table, h)) for h in ("Personal Information", "Technical Information",
                                                  "Transaction Information")] == [4, 3, 3]
    assert set(items_under(table, "Technical Information").section) == {
        "1. Information We Collect > Technical Information"}


def test_onxtra_preamble_and_truncated_end():
    _, table = clauses_of("onxtra.txt")
    preamble = table[table.section == "Privacy Policy"]
    assert preamble.kind.tolist() == ["heading"] + ["paragraph"] * 4
    assert "Last Updated: December 2, 2024" in preamble.text.tolist()
    last = table.iloc[-1]
    assert (last.kind, last.heading) == ("paragraph", "13. Contact Us")
    assert last.text.endswith("please contact us:")


# --------------------------------------------------------------- iot-energy-monitoring

def test_iot_numbered_sentences_are_items_and_headings_stay_headings():
    _, table = clauses_of("iot-energy-monitoring.txt")
    assert headings(table) == [
        (1, "Privacy Policy"), (1, "1. Information Collection"), (1, "2. Use of Information"),
        (1, "3. Storage, Localization and Security"), (1, "4. Data Subject Rights (Decree 13/2023/ND-CP)"),
        (1, "5. Third-Party Disclosures"), (1, "6. DPO & Contact Information"),
    ]
    disclosures = items_under(table, "5. Third-Party Disclosures")
    assert disclosures.number.tolist() == ["1.", "2."]
    assert disclosures.text.iloc[0].startswith("With partners providing cloud hosting")
    assert [len(items_under(table, h)) for h in ("1. Information Collection", "2. Use of Information",
                                                  "4. Data Subject Rights (Decree 13/2023/ND-CP)")] == [3, 5, 3]
    assert table[table.text == "Last updated: May 20, 2026"].kind.tolist() == ["paragraph"]


# --------------------------------------------------------------- general rules

def kinds_and_text(text: str) -> list[tuple[str, str]]:
    return [(k, t) for k, t in zip(*build_clauses(text)[["kind", "text"]].T.values)]


def test_short_numbered_lines_without_body_are_a_list():
    out = kinds_and_text("Data We Collect\nWe collect:\n1. Name\n2. Email\n3. Phone\nWe use it to bill you.")
    assert [k for k, _ in out] == ["heading", "paragraph", "list_item", "list_item", "list_item", "paragraph"]


def test_numbering_chain_stays_consistent():
    out = build_clauses("1. Introduction\nWe are Acme.\n2. Contact\nWrite to us.\n"
                        "3. Sharing\nWe share with:\n1. Hosting providers that run our servers.\n"
                        "2. Authorities\nOnly when the law requires it.\n4. Rights\nYou may ask.")
    heads = out[out.kind == "heading"]
    assert heads.number.tolist() == ["1.", "2.", "3.", "4."]
    assert out[out.kind == "list_item"].number.tolist() == ["1.", "2."]


def test_next_numbered_heading_may_have_a_long_title():
    out = build_clauses("1. Who is responsible for your data\nAcme GmbH, Berlin.\n"
                        "2. What we record when you use the shop, why we record it and how long we keep it\n"
                        "a) When you browse the shop\nWe log your IP address.\n"
                        "3. Disclosure of data\nWe do not sell data.")
    heads = out[out.kind == "heading"]
    assert heads.number.tolist() == ["1.", "2.", "a)", "3."]
    assert out.loc[out.text == "We do not sell data.", "section"].item() == "3. Disclosure of data"
    out = build_clauses("1. Introduction\nWe are Acme.\n2. Your rights and your preferences: Giving you choice "
                        "and control\nYou may ask us.\n3. Sharing your personal data\nWe share little.")
    assert out[out.kind == "heading"].number.tolist() == ["1.", "2.", "3."]
    # a long numbered sentence after a heading is still an item of a list, not a heading
    out = build_clauses("1. Rights\nYou may:\n2. Ask us whenever you like for a free copy of every record that "
                        "we keep on you.\nWe answer within a month.")
    assert out.loc[out.number == "2.", "kind"].item() == "list_item"


def test_a_line_that_opens_with_a_company_form_continues_the_name():
    # a PDF wrapped the controller's name before its legal form (a Japanese K.K. here)
    out = build_clauses("Your data are held by Sakura Denki\nK.K., 2-7-1 Marunouchi, Tokyo.\nWe keep data briefly.")
    assert out.text.tolist() == ["Your data are held by Sakura Denki\nK.K., 2-7-1 Marunouchi, Tokyo.",
                                 "We keep data briefly."]


def test_a_line_that_stops_on_an_article_runs_on_into_a_title_case_line():
    # a PDF's wrapped sentence, shorter than the document's wrap width: the capitalised law
    # name on the next line is no heading, for "of the" ends no sentence
    body = "We note the name, the e-mail address and the books a reader orders when an account is opened, and guard them.\n"
    text = ("Mirae Books Privacy Policy\n\nMirae Books sets out and publishes this privacy policy in keeping with Article 30 "
            "of the\nPersonal Information Protection Act of Korea.\nEffective date: 1 July 2026\n\nArticle 1 (Purposes)\n\n"
            + body * 3 + "Who we share it with\nOur couriers get your address.\n")
    out = build_clauses(text)
    assert out.loc[out.kind == "heading", "text"].tolist() == [
        "Mirae Books Privacy Policy", "Article 1 (Purposes)", "Who we share it with"]
    assert out.text.iloc[1].endswith("of the\nPersonal Information Protection Act of Korea.")


def test_faq_question_and_answer_marks():
    out = build_clauses("Help\n\nQ: Do you pass my details to insurers?\nA: No. They never see them.\n\n"
                        "Question: Where are backups kept?\nAnswer: In Frankfurt.\n\n"
                        "Q: We keep logs.\nA: 12 Main Street is our office.")
    assert out[["kind", "text"]].values.tolist() == [
        ["heading", "Help"], ["heading", "Do you pass my details to insurers?"], ["paragraph", "No. They never see them."],
        ["heading", "Where are backups kept?"], ["paragraph", "In Frankfurt."],
        # a "Q:" that asks nothing, and the "A:" after it, keep their marks
        ["paragraph", "Q: We keep logs."], ["paragraph", "A: 12 Main Street is our office."]]


def test_a_numbered_title_may_end_with_etc():
    # the full stop of "etc." is no sentence's end: the chain of numbered headings goes on
    out = build_clauses("6. Safeguards\nWe lock our servers away.\n7. Copies, Corrections, etc.\n"
                        "You may ask for a copy or a fix.\n8. Keeping Records\nWe keep files two years.")
    assert out[out.kind == "heading"].number.tolist() == ["6.", "7.", "8."]
    assert out.loc[out.text == "We keep files two years.", "section"].item() == "8. Keeping Records"


def test_question_and_run_in_label_headings():
    out = build_clauses("What information do we collect?\nWe collect your name.\n"
                        "How does Acme.com share or disclose my information?\nWe share it with our host.\n"
                        "Your Rights\nYou have rights.\nAccess and Porting.\nYou can download your data.\n"
                        "Acme Inc.\nWe are based in Berlin.")
    heads = out[out.kind == "heading"]
    assert heads.text.tolist() == ["What information do we collect?",
                                   "How does Acme.com share or disclose my information?", "Your Rights",
                                   "Access and Porting."]
    # a run-in "Label." heading sits below the plain heading before it
    assert out.loc[out.text == "You can download your data.", "section"].item() == "Your Rights > Access and Porting."
    # a question inside running text is no heading
    assert build_clauses("Contact\nWhy not write to us? We answer within a day.").kind.tolist() == [
        "heading", "paragraph"]


def test_decimal_numbers_nest_and_unnumbered_headings_go_below_numbered():
    out = build_clauses("2. Data\nWe collect data.\n2.1 Provided Data\nYou give us data.\n"
                        "2.1.1 Contact Details\nName and email.\nCookies\nWe use cookies.\n3. Rights\nAsk us.")
    heads = out[out.kind == "heading"]
    assert heads.level.tolist() == [1, 2, 3, 4, 1]
    assert heads.section.iloc[3] == "2. Data > 2.1 Provided Data > 2.1.1 Contact Details > Cookies"


def test_sentences_and_label_values_are_not_headings():
    out = kinds_and_text("Your Choices\nWe use the information we collect to:\n- bill you\n"
                         "Contact:\nAcme Support Team\nEmail: privacy@acme.example")
    assert out == [("heading", "Your Choices"), ("paragraph", "We use the information we collect to:"),
                   ("list_item", "bill you"), ("heading", "Contact:"), ("paragraph", "Acme Support Team"),
                   ("paragraph", "Email: privacy@acme.example")]


def test_longer_sentence_case_headings_that_start_with_a_question_word():
    # UK notices (the ICO's template) write headings such as these; a body follows each
    body = "We hold your name, your contact details and the records of the tenancies we manage for you."
    out = kinds_and_text(f"What information we hold\n{body}\n"
                         "How we use it and our lawful bases\n- To manage tenancies.\n"
                         f"How we get the information and why we have it\n{body}\n"
                         "How we keep it safe depends on the kind of\ndata and where it is stored.")
    # (the last: a line wrapped mid-sentence, whose next line goes on in lower case)
    assert [k for k, _ in out] == ["heading", "paragraph", "heading", "list_item", "heading", "paragraph",
                                   "paragraph"]


def test_a_heading_directly_followed_by_its_sub_heading():
    out = kinds_and_text("We may transfer data abroad under contracts that protect it.\n"
                         "How We Protect Your Personal Data\nPhysical Safeguards\n"
                         "We lock doors and file cabinets and control access to our offices.\n"
                         "Who we share it with\nOur service providers\n"
                         "We work with suppliers who process data on our behalf.")
    assert [k for k, _ in out] == ["paragraph", "heading", "heading", "paragraph", "heading", "heading",
                                   "paragraph"]


@pytest.mark.parametrize("text", [
    # three or more title lines in a row are a list of names, not headings over each other
    "Our products are listed below.\nCloud Backup\nOnline Store\nWeb Hosting\n"
    "Each product has its own terms of service and settings.",
    # after a line ending in ":" two title lines are that line's list
    "We collect the following:\nContact Details\nUsage Data\nWe use both to run and improve the service.",
])
def test_title_lines_in_a_list_are_not_sub_headings(text):
    out = kinds_and_text(text)
    assert out[1][0] == "paragraph"  # the first title line does not head the next one


def test_addresses_and_phone_numbers_are_not_headings():
    out = kinds_and_text("Contact Us\nAcme Inc.\n123 Main Street\nSpringfield IL 62701\nPhone +84 377 316 720\n"
                         "Write to us any time.")
    assert [k for k, _ in out] == ["heading"] + ["paragraph"] * 5
    # a UK postcode makes an address line, not a heading over the lines after it
    out = kinds_and_text("Contact us\nAcme Ltd, 1 High Street, Leeds LS1 1AA\nEmail: privacy@acme.example")
    assert [k for k, _ in out] == ["heading", "paragraph", "paragraph"]
    # an address block of short Title Case lines: none of them heads the lines below it
    out = kinds_and_text("How to complain\nYou can complain to the regulator:\nWycliffe House\nWater Lane\n"
                         "Wilmslow SK9 5AF\nTel: 0303 123 1113")
    assert [k for k, _ in out][2:] == ["paragraph"] * 4


def test_markdown_headings_lists_and_rules():
    text = ("# Privacy Policy #\n\n**Summary**\n\nWe keep little.\n\n---\n\n## 1. Data\n\n"
            "* Name\n  * first name\n+ Email\n\nRights\n======\n\nAsk us.\n")
    out = build_clauses(text)
    assert out[["kind", "level", "number", "text"]].values.tolist() == [
        ["heading", 1, "", "Privacy Policy"], ["heading", 2, "", "Summary"], ["paragraph", 0, "", "We keep little."],
        ["heading", 2, "1.", "Data"], ["list_item", 1, "", "Name"], ["list_item", 2, "", "first name"],
        ["list_item", 1, "", "Email"], ["heading", 1, "", "Rights"], ["paragraph", 0, "", "Ask us."]]
    # A bold line under a Markdown h1 is a sub-heading of it.
    assert out.section.iloc[2] == "Privacy Policy > Summary"


def test_a_line_in_markdown_italics_is_read_without_its_marks():
    text = "# Policy\n\n_Effective: June 1, 2023_\n\n*Your rights*\nYou can ask us about your data.\n\n* a bullet"
    out = build_clauses(text)
    assert out[["kind", "text"]].values.tolist() == [
        ["heading", "Policy"], ["paragraph", "Effective: June 1, 2023"], ["heading", "Your rights"],
        ["paragraph", "You can ask us about your data."], ["list_item", "a bullet"]]
    assert all(text[s:e] == t for s, e, t in zip(out.start, out.end, out.text))


def test_wrapped_and_indented_continuations_join_their_clause():
    out = kinds_and_text("We collect your name\nand your email address.\n- Payment data, processed\n"
                         "  by our payment provider.\n- Logs")
    assert out == [("paragraph", "We collect your name\nand your email address."),
                   ("list_item", "Payment data, processed\n  by our payment provider."), ("list_item", "Logs")]


def test_a_company_form_that_opens_a_line_goes_with_the_name_before_it():
    # a PDF's line ended inside the controller's name
    out = kinds_and_text("Controller\nThe controller is Brunnen Mobility\nGmbH, Hafenstraße 12, 20457 Hamburg.\n"
                         "We pay partners a fee\nIncentives are paid monthly.")
    assert out[1] == ("paragraph", "The controller is Brunnen Mobility\nGmbH, Hafenstraße 12, 20457 Hamburg.")
    assert out[-1] == ("paragraph", "Incentives are paid monthly.")  # a word that starts with the letters is no form


def test_markdown_table_rows_are_clauses_of_their_own_however_long():
    # long rows looked like a hard-wrapped paragraph and were joined into one clause, so a
    # row's cells were no longer read under the table's header ("Retention" -> "3 years")
    rows = ["| Category | Examples of what we collect | Sold or shared | Retention |", "|---|---|---|---|",
            "| Identifiers | name, email address, IP address, account number | Shared with advertising partners | 3 years |",
            "| Commercial information | purchase history and product returns | Not sold or shared | 7 years |",
            "| Geolocation data | approximate location derived from your IP address | No | 1 year |"]
    text = "Notice at Collection\n\nWe collect the following categories of personal information.\n\n" + "\n".join(rows)
    # (the delimiter row under the header is layout, not a clause)
    assert [t for k, t in kinds_and_text(text)][-4:] == rows[:1] + rows[2:]
    assert [t for k, t in kinds_and_text(text.replace("|---|---|---|---|", "| :--- | :---: | --- | ---: |"))][-4:] \
        == rows[:1] + rows[2:]


@pytest.mark.parametrize("delimiter", ["|---|---|", "| :--- | ---: |", "---|---", "+-----+-----+"])
def test_a_tables_delimiter_or_border_row_is_no_clause(delimiter):
    text = f"Retention\n\n| Data | How long |\n{delimiter}\n| Orders | 7 years |\n| Logs | 90 days |"
    assert [t for k, t in kinds_and_text(text)] == ["Retention", "| Data | How long |", "| Orders | 7 years |",
                                                    "| Logs | 90 days |"]


def test_hard_wrapped_fixture():
    doc = read_document(FIXTURES / "hard-wrapped.txt")
    out = build_clauses(doc.text)
    assert out.kind.tolist() == ["heading", "heading", "paragraph", "heading", "paragraph", "list_item", "list_item"]
    assert out.text.iloc[2].count("\n") == 3  # one four-line paragraph
    assert out.number.tolist()[-2:] == ["a)", "b)"]
    assert out.text.iloc[-1].endswith("security incident.")


def test_nested_list_levels_follow_indentation():
    out = build_clauses(read_document(FIXTURES / "nested-lists.md").text)
    items = out[out.kind == "list_item"]
    assert list(zip(items.level, items.text)) == [
        (1, "Processors"), (2, "Hosting providers"), (2, "Payment providers"), (3, "Stripe"), (3, "PayPal"),
        (1, "Authorities, when the law requires it")]


def test_long_single_line_paragraph_is_one_clause():
    line = "We process data " + "and more data " * 500 + "for you."
    out = build_clauses(f"Intro\n{line}")
    assert out.text.tolist() == ["Intro", line]


def test_clause_ids_are_readable_and_deduplicated():
    out = build_clauses("Overview\nHello.\n1. Terms\nText.\nHelp\nMore.\n1. Terms Again\nText again.")
    assert out.clause_id.tolist() == ["s1-0", "s1-1", "1-0", "1-1", "s3-0", "s3-1", "1_2-0", "1_2-1"]
    assert out.clause_id.is_unique


def test_text_before_first_heading_has_empty_section():
    out = build_clauses("We respect your privacy and explain how below.\nData\nWe collect data.")
    first = out.iloc[0]
    assert (first.clause_id, first.section, first.heading) == ("s0-1", "", "")


def test_empty_or_debris_only_text_gives_empty_table_with_columns():
    for text in ("", "\n\n  \n", "× \nBack to top\n"):
        out = build_clauses(text)
        assert list(out.columns) == COLUMNS and len(out) == 0
        assert str(out.level.dtype) == str(out.start.dtype) == "int64"


def test_blocks_are_used_as_given():
    text = "Your Rights\n\nAccess\n\n1. Contact us"
    blocks = [Block("heading", 2, 0, 11), Block("list_item", 1, 13, 19), Block("paragraph", 0, 21, 34)]
    out = build_clauses(text, blocks)
    assert out[["kind", "level", "number", "text"]].values.tolist() == [
        ["heading", 2, "", "Your Rights"], ["list_item", 1, "", "Access"], ["list_item", 1, "1.", "Contact us"]]
    # Overlapping or out-of-range hints are ignored instead of corrupting offsets.
    bad = blocks + [Block("heading", 1, 5, 15), Block("paragraph", 0, 30, 99)]
    again = build_clauses(text, bad)
    assert all(text[s:e] == t for s, e, t in zip(again.start, again.end, again.text))


# --------------------------------------------------------------- debris

def test_every_debris_example_matches_and_ids_are_unique():
    max_chars, entries = debris_patterns()
    assert len({e[0] for e in entries}) == len(entries)
    for pattern_id, _, example in entries:
        assert is_debris(example), pattern_id


@pytest.mark.parametrize("line", ["× ", "Back to top", "Skip to content", "Accept all", "Reject All Cookies",
                                  "↑ Back to top", "Page 2 of 9", "Home > Privacy Policy"])
def test_debris_lines(line):
    assert is_debris(line)


@pytest.mark.parametrize("line", [
    "Back to top of this section we describe how we return data to you.",
    "You can accept all cookies or only necessary ones.",
    "Contact us", "Still, we share data with processors.", "Close your account at any time.",
    "© 2024 Acme keeps your data in Frankfurt, Germany, and in Dublin, Ireland, under contracts approved by "
    "the European Commission.",
])
def test_substantive_lines_are_not_debris(line):
    assert not is_debris(line)
    assert line.strip() in build_clauses(line).text.tolist()


# --------------------------------------------------------------- property test

_ALPHABET = st.sampled_from(list("abcXYZ 019.:-•*#()\n\t=_|×") + ["  ", "\n\n", "1. ", "- ", "2.1 ", "Back to top"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), st.lists(_ALPHABET, max_size=120).map("".join)))
def test_build_clauses_never_crashes_and_offsets_hold(text):
    for candidate in (text, normalize_text(text)):
        out = build_clauses(candidate)
        assert list(out.columns) == COLUMNS
        assert set(out.kind) <= set(KINDS)
        assert out.clause_id.is_unique
        previous_end = 0
        for row in out.itertuples():
            assert candidate[row.start:row.end] == row.text and row.text.strip()
            assert row.start >= previous_end
            previous_end = row.end
            assert row.level >= (1 if row.kind != "paragraph" else 0)


def test_property_test_can_fail():
    """Guard against a vacuous property: broken offsets must be caught by the same checks."""
    out = build_clauses("Title\nBody text.")
    out.loc[1, "start"] += 1
    assert not all("Title\nBody text."[s:e] == t for s, e, t in zip(out.start, out.end, out.text))


def test_clause_id_grammar():
    # The id grammar documented in docs/architecture.md: <prefix>-<n>.
    for name in BUNDLED:
        _, table = clauses_of(name)
        assert all(re.fullmatch(r"[0-9A-Za-z.]+(?:_\d+)?-\d+", cid) for cid in table.clause_id)


def test_repeated_numbering_keeps_ids_unique_and_stays_fast_enough_to_finish():
    # a file of the same policy pasted many times: ids stay unique (no quadratic search)
    text = "\n".join(f"{n}. Heading {n}\nBody text for section {n}." for n in range(1, 6)) + "\n"
    table = build_clauses(text * 400)
    assert table["clause_id"].is_unique
    assert set(table.loc[table["kind"] == "heading", "clause_id"].head(7)) >= {"1-0", "1_2-0"}


def test_lower_case_lettered_items_with_a_full_stop_are_a_list():
    # Indonesian and Vietnamese policies letter their rights "a. obtain ...; b. correct ..."
    text = ("C. YOUR RIGHTS\nYou have the right to:\na. obtain information about the processing;\n"
            "b. correct errors in your data;\nc. access your data.\nWe reply within 3 days.")
    clauses = build_clauses(text)
    assert clauses["kind"].tolist() == ["heading", "paragraph", "list_item", "list_item", "list_item", "paragraph"]
    assert clauses["text"].tolist()[2] == "obtain information about the processing;"
    # "e. g." and "i. e." at a line's start stay text
    assert "list_item" not in build_clauses("We may use:\ne. g. your name and address.")["kind"].tolist()


def test_a_date_line_is_no_heading():
    clauses = build_clauses("Privacy Policy\nLast updated on 20 August 2025\nWe collect your name.\n\n"
                            "Effective 1 March 2024\nWe keep it for a year.")
    assert clauses["kind"].tolist() == ["heading", "paragraph", "paragraph", "paragraph", "paragraph"]
    assert set(clauses["section"]) == {"Privacy Policy"}
