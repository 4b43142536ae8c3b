"""Normalised values: durations, deadlines, ages, contacts, dates, laws, recipients, measures."""
from __future__ import annotations

import pytest

from privcompare import Policy
from privcompare.structure.patterns import company_forms
from privcompare.annotate import annotate, annotate_texts_with_context
from privcompare.annotate.values import (duration_days, duration_hours, iso_date, name_key, parse_number,
                                         phone_e164)


def values(text: str, kind: str, concept: str | None = None) -> list[str]:
    facts = annotate([text])
    facts = facts[facts.value_kind == kind]
    if concept:
        facts = facts[facts.concept == concept]
    return facts.value.tolist()


@pytest.mark.parametrize("amount, unit, days", [
    ("90", "days", 90), ("5", "years", 1826), ("12", "months", 365), ("twelve", "months", 365),
    ("2", "weeks", 14), ("one", "year", 365), ("six (6)", "months", 182), ("twenty-four", "months", 730),
    ("thirty six", "months", 1095), ("fifty", "days", 50),
])
def test_duration_days(amount, unit, days):
    assert duration_days(amount, unit) == days


def test_parse_number_rejects_words_it_does_not_know():
    assert parse_number("several") is None and duration_days("several", "days") is None


@pytest.mark.parametrize("amount, unit, hours", [
    ("30", "days", 720), ("72", "hours", 72), ("one", "month", 720), ("10", "business days", 240)])
def test_duration_hours(amount, unit, hours):
    assert duration_hours(amount, unit) == hours


@pytest.mark.parametrize("sentence, days", [
    ("We retain invoices for 10 years to meet tax law.", "3652"),
    ("Server logs are deleted after 90 days.", "90"),
    ("Lead data is stored for a maximum of 6 months.", "182"),
    ("Backups are kept for a 30-day window.", "30"),
    # a number written twice, as Indonesian and other legal texts do
    ("Personal Data is stored for at least 5 (five) years after the relationship ends.", "1826"),
    ("Records are kept for five (5) years.", "1826"),
])
def test_retention_periods(sentence, days):
    assert values(sentence, "days", "retention.period") == [days]


@pytest.mark.parametrize("sentence, days, evidence", [
    ("We keep your data for 1 year and 6 months.", "547", "1 year and 6 months"),
    ("Records are retained for two years, six months after the account closes.", "913",
     "two years, six months"),
    ("Logs are deleted after 1 year, 2 months and 10 days.", "436", "1 year, 2 months and 10 days"),
])
def test_a_compound_duration_is_one_period(sentence, days, evidence):
    facts = annotate([sentence])
    facts = facts[facts.value_kind == "days"]
    assert facts[["value", "evidence"]].values.tolist() == [[days, evidence]]


@pytest.mark.parametrize("sentence, days", [
    # units that do not get smaller are separate periods, or a range
    ("We keep invoices for 6 months and contracts for 10 years.", ["182", "3652"]),
    ("Data is stored for between 6 months and 2 years.", ["182", "730"]),
    ("We keep logs for 30 days and 30 days more on request.", ["30", "30"]),
])
def test_durations_that_are_not_one_compound_stay_apart(sentence, days):
    assert values(sentence, "days", "retention.period") == days


def test_a_compound_deadline_is_one_deadline():
    assert values("We will respond to your request within 1 month and 15 days.", "hours",
                  "rights.exercise") == ["1080"]


@pytest.mark.parametrize("sentence, evidence", [
    ("Transaction records are kept for 10 years after the account is closed.", "kept for 10 years"),
    ("We retain invoices for seven years.", "retain invoices for seven years"),
    ("We keep logs for 30-day periods.", "keep logs for 30-day"),
])
def test_keeping_evidence_ends_with_the_whole_period(sentence, evidence):
    facts = annotate([sentence])
    assert facts.loc[facts.rule == "retention_keep", "evidence"].tolist() == [evidence]


@pytest.mark.parametrize("sentence, rule, evidence", [
    # evidence that stops at "your" or a bare number leaves the reader to guess the rest
    ("When you close your account, we will delete your personal data.", "we_will_delete",
     "delete your personal data"),
    ("Server logs are deleted after 24 months.", "delete_after", "deleted after 24 months"),
    ("You can ask us to stop using your contact details for marketing.", "stop_processing",
     "stop using your contact details"),
])
def test_evidence_names_what_is_deleted_or_when(sentence, rule, evidence):
    facts = annotate([sentence])
    assert facts.loc[facts.rule == rule, "evidence"].tolist() == [evidence]


def test_durations_outside_retention_are_not_periods():
    assert values("Over the past 12 months we have disclosed identifiers.", "days") == []
    assert values("Our company was founded 20 years ago.", "days") == []


@pytest.mark.parametrize("sentence, concept, hours", [
    ("We will respond to your request within 30 days.", "rights.exercise", "720"),
    ("We will notify the authority of a personal data breach within 72 hours.", "breach.notification", "72"),
    ("We answer access requests within one month.", "rights.exercise", "720"),
    # Decree 13 speaks of a "violation of personal data protection regulations", not a breach
    ("In case of a violation of personal data protection regulations, the Company will notify the Ministry of "
     "Public Security no later than 72 hours after the violation occurs.", "breach.notification", "72"),
    ("We will notify affected users of a personal data incident within 48 hours.", "breach.notification", "48"),
    # the time the organisation has to respond (the ICO template's wording)
    ("If you make a request, we have one month to respond to you.", "rights.exercise", "720"),
    ("The company has forty-five (45) days to reply to a verified request.", "rights.exercise", "1080"),
])
def test_deadlines_in_hours(sentence, concept, hours):
    assert values(sentence, "hours", concept) == [hours]


@pytest.mark.parametrize("sentence, concept", [
    # Indonesian (and Vietnamese) texts count days in hours: "3 x 24 jam" is 72 hours
    ("Requests are answered within 3 x 24 hours.", "rights.exercise"),
    ("We will notify you of a data breach no later than 3x24 hours after we learn of it.",
     "breach.notification"),
    ("We respond to your request within 3 × 24 hours.", "rights.exercise"),
])
def test_a_deadline_written_as_a_product_of_hours(sentence, concept):
    facts = annotate([sentence])
    facts = facts[facts.value_kind == "hours"]
    assert facts[["concept", "value"]].values.tolist() == [[concept, "72"]]
    assert all(e.endswith("24 hours") and e[0] == "3" for e in facts.evidence)


@pytest.mark.parametrize("sentence, hours", [
    ("The Company will carry out a request to restrict or delete data within 72 hours of receiving it.", "72"),
    ("If you ask us to erase your data, we will delete it within 30 days of your request.", "720"),
])
def test_a_deadline_for_meeting_a_request_is_not_a_retention_period(sentence, hours):
    assert values(sentence, "days") == []
    assert values(sentence, "hours", "rights.exercise") == [hours]


def test_a_deadline_set_for_the_user_is_not_one_the_organisation_promises():
    text = "If you do not reply to our reminder within 1 month, your newsletter subscription ends."
    assert values(text, "hours") == []
    assert values("You have 30 days to respond to our request.", "hours") == []
    assert values("We have 10 years of experience in handling requests.", "hours") == []
    assert values("If you do not respond within 1 month, we will respond to your request within 30 days.",
                  "hours", "rights.exercise") == ["720"]
    # a US state law's appeal: the time the person has to appeal, not our answer's
    assert values("If we turn your request down, you can appeal by writing back to our answer within 45 days.",
                  "hours") == []
    assert values("Should we refuse a request, you may appeal within 30 days of our decision.", "hours") == []
    assert values("We will answer your appeal within 60 days.", "hours", "rights.exercise") == ["1440"]


@pytest.mark.parametrize("sentence, age", [
    ("Our Service is not directed to individuals under 18.", "18"),
    ("You must be at least 16 years old to register.", "16"),
    ("We do not knowingly collect data from children under the age of 13.", "13"),
    ("The service is not directed at children under the age of thirteen.", "13"),
    ("You must be 16 or older to use the app.", "16"),
    ("Users aged sixteen and over may register.", "16"),
])
def test_minimum_age(sentence, age):
    assert values(sentence, "age", "children") == [age]


@pytest.mark.parametrize("sentence, ages", [
    # Decree 13 Art. 20: from 7 a child consents together with a parent; 7 bounds a group of
    # children, it is not the minimum age of the service's users
    ("Processing the data of children over 7 years of age requires the consent of the child and "
     "of a parent or guardian.", []),
    ("Our app is meant for people over 16, not for children.", ["16"]),
    ("Children under 13 may not create an account.", ["13"]),
])
def test_an_age_above_which_children_are_still_children_is_no_minimum_age(sentence, ages):
    assert values(sentence, "age") == ages


@pytest.mark.parametrize("sentence", [
    # the CCPA's opt-in age for a sale, and California's "eraser" law for minors' posts
    "We never knowingly sell the personal information of shoppers under 16.",
    "If you are between 13 and 16, we sell your data only if you opt in.",
    "California users under 18 may request removal of things they have posted.",
])
def test_an_age_for_a_sale_or_a_removal_is_no_minimum_age(sentence):
    assert values(sentence, "age") == []
    assert values("Our store is not meant for anyone under 16.", "age") == ["16"]


def test_a_minimum_age_and_an_age_of_sale_in_one_sentence():
    # each clause of the sentence is read for itself
    text = ("Our website is not directed to children under 13, and we do not knowingly sell or share the "
            "personal information of consumers under 16.")
    assert values(text, "age") == ["13"]


def test_a_compound_number_word_is_read_whole():
    # "twenty-four months" was read from its "four": 121 days
    assert values("We store your data for twenty-four months.", "days", "retention.period") == ["730"]


@pytest.mark.parametrize("sentence, ages", [
    # the top of an age range is whom the service is for, not a minimum age
    ("Our reading games are directed to children between 6 and 12 years old.", []),
    ("Designed for children, 6-12 years old, and their teachers.", []),
    ("A game for kids aged 8 to 11 years old.", ["8"]),
    ("Children under 13 years old may not register.", ["13"]),
])
def test_the_top_of_an_age_range_is_no_minimum_age(sentence, ages):
    assert values(sentence, "age") == ages


def test_an_age_someone_had_is_no_minimum_age():
    text = ("We keep health records for at least 7 years after your last consultation, or until you turn 25 "
            "if you were under 18 when we last treated you.")
    facts = annotate([text])
    assert "children" not in set(facts.concept)
    assert values("Our services are not for children under 13.", "age") == ["13"]


def test_ages_need_a_child_or_age_context():
    assert values("Prices start at over 20 euros.", "age") == []
    assert values("Data older than 7 years is deleted.", "age") == []
    assert values("Discounts for people 65 and over.", "age") == []  # not a minimum age in 6-21
    # "under 18" names an age on its own, without a child word
    assert values("The service is not meant for individuals Under 18.", "age") == ["18"]


def test_a_period_in_a_retention_table_row_is_read_beside_other_cells():
    # the row's "Answering questions" cell is the purpose, not a promise to answer in 12 months
    facts = Policy.from_text("How long we keep your data\nData | Purpose | Retention period\n"
                             "Customer e-mails | Answering questions | 12 months").facts
    assert facts.loc[facts.value_kind == "days", "value"].tolist() == ["365"]


@pytest.mark.parametrize("cell", ["Until withdrawal of membership", "Until the complaint is resolved",
                                  "until the termination of your service agreement"])
def test_an_event_that_ends_the_keeping_is_a_retention_criterion(cell):
    # a Korean-style table: the period cell names the event that ends the keeping
    facts = Policy.from_text("Items and retention periods\n\n| Items | Retention period |\n|---|---|\n"
                             f"| Phone number | {cell} |\n").facts
    rows = facts[(facts.concept == "retention.period") & (facts.value == "criteria")]
    assert rows.evidence.tolist() == [cell]


# a table whose heading says nothing of retention: its header row names the columns
_TABLE = ("What we collect and why\n\nPurpose | Data | Legal basis | How long\n"
          "Orders | Name, address | Contract | 5 years after the order\n"
          "Newsletter | E-mail address | Consent | Until you unsubscribe\n"
          "Fraud checks | IP address | Legitimate interest in preventing fraud | 18 months\n")


def test_a_period_in_a_how_long_column_is_a_retention_period():
    facts = Policy.from_text(_TABLE).facts
    periods = facts[facts.concept == "retention.period"]
    assert sorted(periods.value) == ["1826", "547", "criteria"]  # "Until you unsubscribe": criteria
    bases = facts[facts.concept.str.startswith("legal_basis.")]
    assert {"legal_basis.consent", "legal_basis.contract"} <= set(bases.concept)


def test_an_html_table_of_purposes_gives_its_retention_periods(tmp_path):
    from privcompare import read_policy
    html = ("<h2>What we collect and why</h2><table><thead><tr><th>Purpose</th><th>Legal basis</th>"
            "<th>Retention</th></tr></thead><tbody><tr><td>Orders</td><td>Contract</td><td>5 years</td></tr>"
            "<tr><td>Newsletter</td><td>Consent</td><td>2 years</td></tr></tbody></table>")
    path = tmp_path / "table.html"
    path.write_text(html, encoding="utf-8")
    facts = read_policy(path).facts
    assert sorted(facts.loc[facts.concept == "retention.period", "value"]) == ["1826", "730"]


def test_cells_of_a_purpose_or_data_column_are_purposes_and_data_categories():
    facts = Policy.from_text(_TABLE).facts
    cells = facts[facts.rule == "table_column"]
    assert sorted(zip(cells.concept, cells.evidence)) == [
        ("data.categories", "E-mail address"), ("data.categories", "IP address"),
        ("data.categories", "Name, address"), ("purposes", "Fraud checks"), ("purposes", "Newsletter"),
        ("purposes", "Orders")]
    for cell in cells.itertuples():  # the cell as written, at its offsets
        assert _TABLE[cell.start:cell.end] == cell.evidence
    # a column the catalogue of columns does not know gives nothing by its place
    other = _TABLE.replace("Purpose | Data |", "Step | Field |")
    assert "table_column" not in set(Policy.from_text(other).facts.rule)


@pytest.mark.parametrize("header", ["Sources", "Categories of sources", "Where we get it", "Source of the data"])
def test_cells_of_a_sources_column_are_data_sources(header):
    # a US notice at collection names, for each category, where it comes from
    text = (f"Notice at collection\n\n| Category | {header} | Why |\n|---|---|---|\n"
            "| Contact details | Yourself | Delivery |\n| Device data | Your phone, our ad partners | Ads |\n")
    facts = Policy.from_text(text).facts
    cells = facts[(facts.rule == "table_column") & (facts.concept == "data.sources")]
    assert cells.evidence.tolist() == ["Yourself", "Your phone, our ad partners"]


def test_no_fact_spans_two_cells_of_a_row():
    # a Word table read as "cell | cell | cell" rows: "Consent | Until you withdraw consent" is
    # the consent basis and a retention criterion, not the right to withdraw consent
    text = ("What we collect and why\nPurpose | Lawful basis | How long we keep it\n"
            "Appointment reminders by text message | Consent | Until you withdraw consent\n"
            "Handling payments | Contract | 6 years\n")
    facts = Policy.from_text(text).facts
    assert not any(" | " in e for e in facts.evidence), facts[["rule", "evidence"]].values.tolist()
    assert {("legal_basis.consent", "Consent"), ("purposes", "Handling payments")} <= set(
        zip(facts.concept, facts.evidence))


def test_a_word_in_another_cell_makes_no_period_a_retention_period():
    # a cookie's lifetime, its row saying "IP anonymised" of the analytics in another cell
    text = ("Cookies\nName | Purpose | Expires\nnimbus_session | Keeps you logged in | Session\n"
            "_pk_id | Matomo analytics (self-hosted, IP anonymised) | 13 months\n")
    assert "retention.period" not in set(Policy.from_text(text).facts.concept)
    # the cue in the period's own cell still makes it one
    text = "Records\nRecord | Use | Kept\nSupport tickets | Answering questions | deleted after 12 months\n"
    facts = Policy.from_text(text).facts
    assert facts.loc[facts.concept == "retention.period", "value"].tolist() == ["365"]


def test_a_category_column_of_a_us_notice_at_collection_holds_data_categories():
    text = ("Notice at Collection\nCategory | Examples | Disclosed to | Retention period\n"
            "Identifiers | Name, email address | Service providers | 3 years\n"
            "Geolocation data | Approximate location | Analytics providers | 13 months\n")
    facts = Policy.from_text(text).facts
    cells = facts[facts.rule == "table_column"]
    assert sorted(zip(cells.concept, cells.evidence)) == [("data.categories", "Geolocation data"),
                                                          ("data.categories", "Identifiers")]


def test_a_yes_no_column_answers_for_its_practice():
    # a US notice at collection: "Sold or shared" and "Disclosed for a business purpose"
    # columns answered per category; "No" denies the practice, "Yes" states it
    text = ("Notice at Collection\n\n| Category | Sold or shared | Disclosed for a business purpose | Retention |\n"
            "|---|---|---|---|\n| Identifiers | No | Yes | 3 years |\n| Biometric information | No. | No | 1 year |\n"
            "| Geolocation | Yes | No personal information disclosed | 1 year |\n")
    facts = Policy.from_text(text).facts
    answers = facts[facts.rule == "table_answer"]
    assert sorted(zip(answers.concept, answers.evidence, answers.polarity)) == [
        ("sharing.recipients", "No", "negative"), ("sharing.recipients", "Yes", "positive"),
        ("sharing.sale", "No", "negative"), ("sharing.sale", "No.", "negative"),
        ("sharing.sale", "Yes", "positive")]  # "No personal information ..." is no answer
    for fact in answers.itertuples():
        assert text[fact.start:fact.end] == fact.evidence
    # the same cells under a column that asks nothing state nothing
    other = text.replace("Sold or shared | Disclosed for a business purpose", "Sensitive | Required")
    assert "table_answer" not in set(Policy.from_text(other).facts.rule)


def test_an_organisation_whose_table_answers_no_does_not_sell():
    from privcompare.compare import compare_organisations
    text = ("Notice at Collection\nCategory | Examples | Sold or shared | Retention period\n"
            "Identifiers | Name, email address | No | 3 years\n"
            "Internet activity | Pages you visit | No | 13 months\n")
    policy = Policy.from_text(text, name="acme")
    assert compare_organisations([policy]).disclosures.loc["acme", "sale"] == "does not sell"


def test_a_negation_in_one_cell_of_a_row_denies_nothing_in_the_next():
    text = ("Notice at Collection\nCategory | Sold | Disclosed to | Retention\n"
            "Commercial information | Not sold | Shared with advertising partners | 7 years\n")
    facts = Policy.from_text(text).facts
    assert set(facts.loc[facts.concept == "sharing.sale", "polarity"]) == {"negative"}
    shared = facts[facts.concept == "sharing.recipients"]
    assert len(shared) and set(shared.polarity) == {"positive"}, shared[["evidence", "polarity"]].values.tolist()


def test_rows_are_read_under_their_header_only():
    # the same rows without the header row: nothing says the periods are retention periods
    rows = _TABLE.split("\n", 3)[3]
    facts = Policy.from_text("What we collect and why\n\n" + rows).facts
    assert "retention.period" not in set(facts.concept) and "table_column" not in set(facts.rule)
    # a row of another width belongs to another table
    other = _TABLE + "\nSupport tickets | 30 days\n"
    facts = Policy.from_text(other).facts
    assert "30" not in set(facts.loc[facts.concept == "retention.period", "value"])


def test_a_legitimate_interest_ends_with_its_table_cell():
    facts = annotate([_TABLE.splitlines()[-1]])
    assert facts.loc[facts.value_kind == "interest", "value"].tolist() == ["preventing fraud"]


def test_a_period_of_years_in_a_clause_about_children_is_no_age():
    text = ("We keep health records for at least 7 years after your last consultation, or until you "
            "turn 25 if you were a child when treated.")
    assert values(text, "age") == []
    assert "2556" in values(text, "days", "retention.period")
    assert values("Children under 13 years of age may not use the app.", "age") == ["13"]


@pytest.mark.parametrize("raw, e164", [
    ("+84 377 316 720", "+84377316720"), ("+44 (0)20 7946 0018", "+442079460018"),
    ("0084 24 3826 1234", "+842438261234"), ("020 7946 0018", "02079460018")])
def test_phone_e164(raw, e164):
    assert phone_e164(raw) == e164


def test_an_address_broken_at_its_hyphen_across_lines():
    # a PDF wraps "datenschutz@brunnen-mobility.de" after its hyphen
    text = ("Controller\nThe controller is Brunnen Mobility GmbH, phone +49 40 1234567, e-mail datenschutz@brunnen-\n"
            "mobility.de. We keep cross-\nborder transfers to a minimum.")
    facts = Policy.from_text(text).facts
    email = facts[facts.value_kind == "email"]
    assert email.value.tolist() == ["datenschutz@brunnen-mobility.de"]
    assert text[email.start.iloc[0]:email.end.iloc[0]] == "datenschutz@brunnen-\nmobility.de"
    assert "transfer.international" in set(facts.concept)  # "cross-border transfers"


def test_contact_channels():
    text = ("Contact us: Email: Privacy@Acme.example, Phone: +84 377 316 720, "
            "Website: https://acme.example/contact.")
    assert values(text, "email") == ["privacy@acme.example"]
    assert values(text, "phone") == ["+84377316720"]
    assert values(text, "url") == ["https://acme.example/contact"]
    # the sentence's full stop or a comma after an address is no part of its evidence
    facts = annotate([text + " Or write to www.acme.example, any time."])
    assert facts.loc[facts.value_kind == "url", "evidence"].tolist() == ["https://acme.example/contact",
                                                                         "www.acme.example"]
    # "by phone on ..." (British usage) introduces the number like "phone:"
    assert values("You can reach our privacy lead by phone on 01225 555 014.", "phone") == ["01225555014"]
    # a German switchboard extension after the hyphen belongs to the number
    assert values("Contact us. Tel.: +49 30 555012-0, Fax: +49 30 555012-99", "phone") == [
        "+49305550120", "+493055501299"]


@pytest.mark.parametrize("text, phones", [
    # a spaced hyphen between groups is still one number
    ("Questions? Phone +49 (0) 40 55501 - 2790 on weekdays.", ["+4940555012790"]),
    # Indonesian and Vietnamese labels, a German area code before a slash
    ("Hubungi kami. Telp: (021) 5550 1234, Telepon 021-5550-9876", ["02155501234", "02155509876"]),
    ("Văn phòng: 12 Lê Lợi, Quận 1. Điện thoại: 028 3555 0123. ĐT: (028) 3555 0456", ["02835550123",
                                                                                   "02835550456"]),
    ("Datenschutz: phone 030/555 012 34", ["03055501234"]),
    ("Our WhatsApp line is open too, Mobile: 0912 555 678", ["0912555678"]),
    ("Mobile: 0912 555 679", ["0912555679"]),
    ("Use our mobile app, open 24 hours a day.", []),
    # US style: "toll-free" between the label and the number
    ("Call us toll-free at 1-888-555-0142 or write to us.", ["18885550142"]),
    ("Phone (toll-free): 1 888 555 0177", ["18885550177"]),
    ("Summit Outdoor Co., 800 Trailhead Way, Boulder, CO 80302. Toll-free: 1-877-555-0190.", ["18775550190"]),
    ("Questions? Call Center: 1500-123 or Helpline: 0800 555 0199", ["1500123", "08005550199"]),
])
def test_phone_numbers_in_national_writing(text, phones):
    assert values(text, "phone") == phones


@pytest.mark.parametrize("text, phones", [
    # a number written after an e-mail address, without a label (Australian, Korean styles)
    ("Reach the Privacy Desk at desk@wattle.example or on 1300 222 818 on weekdays.", ["1300222818"]),
    ("Privacy lead: Park Jiwoo, jiwoo@lotus.example, 031-555-0199", ["0315550199"]),
    ("Write to desk@wattle.example or at (07) 3555 0142.", ["0735550142"]),
    ("Reach our officer at officer@lotus.example or 02-765-4321.", ["027654321"]),
    # a date or a short number after an e-mail address is no phone
    ("Send it to desk@wattle.example, 2025-03-14 at the latest.", []),
    ("Mail desk@wattle.example, 14 03 2025 was the last change.", []),
    ("Mail desk@wattle.example, 12 34 times.", []),
    ("Contact desk@wattle.example, 2023-2025 season tickets only.", []),
    # a number without an e-mail before it still needs a label or a "+"
    ("We have served customers on 1300 222 818 occasions.", []),
])
def test_a_number_right_after_an_email_is_a_phone(text, phones):
    assert values(text, "phone") == phones


@pytest.mark.parametrize("text, address", [
    ("Write to Level 9, 44 Wattle Street, Brisbane QLD 4000.", "Level 9, 44 Wattle Street, Brisbane QLD 4000"),
    ("Our office is at Suite 3, Level 2, 7 Harbour Road, Auckland 1010.",
     "Suite 3, Level 2, 7 Harbour Road, Auckland 1010"),
    ("Post it to 4th Floor, 18 Mill Lane, Leeds LS1 4AB.", "4th Floor, 18 Mill Lane, Leeds LS1 4AB"),
])
def test_the_floor_or_suite_before_a_street_number_is_part_of_the_address(text, address):
    assert values(text, "address") == [address]
    # a number before the street number without a floor or suite word stays out
    assert values("Since 2019, 40 Mill Lane, Leeds LS1 4AB is our office.", "address")[0].startswith("40 ")


def test_an_address_ends_at_its_postcode_when_the_sentence_goes_on():
    text = "Tui Parcels Limited of 61 Karaka Street, Dunedin 9016 keeps records of every delivery."
    assert values(text, "address") == ["61 Karaka Street, Dunedin 9016"]


def test_postal_address():
    assert values("Write to us at 12 Baker Street, London NW1 6XE, United Kingdom.", "address")
    # "St." is one token in running text but two in a trigger list: both must match
    assert values("Attention: Privacy, Acme Inc. 460 Bryant St., #100 San Francisco, CA 94107", "address") == [
        "460 Bryant St., #100 San Francisco, CA 94107"]


@pytest.mark.parametrize("text, heading, address", [
    ("Kantor pusat: Jl. Jend. Sudirman Kav. 52-53, Jakarta 12190", "", "Jl. Jend. Sudirman Kav. 52-53, Jakarta 12190"),
    ("Acme AB, Regeringsgatan 19, 111 53 Stockholm, Sweden", "Contact us",
     "Regeringsgatan 19, 111 53 Stockholm, Sweden"),
    ("Pexels GmbH, Franz-Stenzer-Str. 5, 12679 Berlin", "How to reach us", "Franz-Stenzer-Str. 5, 12679 Berlin"),
])
def test_street_name_before_number_addresses(text, heading, address):
    facts = annotate_texts_with_context([text], [heading])
    assert facts.loc[facts.value_kind == "address", "value"].tolist() == [address]


@pytest.mark.parametrize("text, addresses", [
    # German notices name the controller in a sentence, outside any contact heading
    ("Responsible for data processing on this website is: Example GmbH, Musterstr. 1, 12345 Berlin.",
     ["Musterstr. 1, 12345 Berlin"]),
    ("The controller within the meaning of the GDPR is Beispiel AG, Hafenweg 12, 20457 Hamburg.",
     ["Hafenweg 12, 20457 Hamburg"]),
    # the controller's sentence said the other way round
    ("Stride GmbH, Torstraße 49, 10119 Berlin, Germany (\"Stride\") is responsible for the processing of your data.",
     ["Torstraße 49, 10119 Berlin, Germany"]),
    # Dutch, Finnish and Norwegian street names; a house number with a letter
    ("The controller is Tulip B.V., Keizersgracht 123, 1015 CJ Amsterdam, the Netherlands.",
     ["Keizersgracht 123, 1015 CJ Amsterdam, the Netherlands"]),
    ("PixelForge Games Oy, Mannerheimintie 12 B, 00100 Helsinki, Finland, is the controller.",
     ["Mannerheimintie 12 B, 00100 Helsinki, Finland"]),
    ("The controller is Fjord AS, Karl Johans gate 22, 0159 Oslo, Norway.", ["Karl Johans gate 22, 0159 Oslo, Norway"]),
    # a word that merely ends like a street name, before numbers, is none
    ("The controller is named in Offering 10, 2020 Annual Report.", []),
    # without such a sentence (or a contact heading) a street-name-first address is not read
    ("Our processor, Cloudy GmbH, Wolkenweg 3, 10115 Berlin, hosts the site.", []),
])
def test_street_name_first_address_in_a_sentence_naming_the_controller(text, addresses):
    assert values(text, "address") == addresses


@pytest.mark.parametrize("text, address", [
    # Vietnamese addresses: number and street, then a ward or commune (and, before the
    # 2025 reform, a district), then the city or province; no word such as "Street"
    ("Contact: dpo@luaviet.vn, 12 Nguyen Hue, Ben Nghe Ward, District 1, Ho Chi Minh City.",
     "12 Nguyen Hue, Ben Nghe Ward, District 1, Ho Chi Minh City"),
    ("Head office: 25/3 Lê Văn Sỹ, Ward 13, Phu Nhuan District, Ho Chi Minh City, Vietnam",
     "25/3 Lê Văn Sỹ, Ward 13, Phu Nhuan District, Ho Chi Minh City, Vietnam"),
    ("Write to us at 88 Đinh Tiên Hoàng, Sai Gon Ward, Ho Chi Minh City.",
     "88 Đinh Tiên Hoàng, Sai Gon Ward, Ho Chi Minh City"),
])
def test_vietnamese_addresses(text, address):
    assert values(text, "address") == [address]


@pytest.mark.parametrize("text, address", [
    # the street word first (French, Spanish, Portuguese, Italian), or a street word English
    # addresses use outside the common list (Singapore's "Marina View")
    ("You can write to our Privacy Team, 25 Rue de la Paix, 75002 Paris, France.",
     "25 Rue de la Paix, 75002 Paris, France"),
    ("Contact us: Calle Mayor 5, 28013 Madrid, Spain, or privacy@example.es", "Calle Mayor 5, 28013 Madrid, Spain"),
    ("Our office is at Avenida Paulista, 1000, São Paulo - SP, Brazil.",
     "Avenida Paulista, 1000, São Paulo - SP, Brazil"),
    ("Send letters to Via Roma 12, 00184 Roma RM, Italy.", "Via Roma 12, 00184 Roma RM, Italy"),
    ("Write to us at 8 Marina View, #20-01, Singapore 018960.", "8 Marina View, #20-01, Singapore 018960"),
    # one address read by two patterns is one address
    ("Postal address: Level 5, 100 George Street, Sydney NSW 2000, Australia",
     "Level 5, 100 George Street, Sydney NSW 2000, Australia"),
    ("Address: 92 Third Street Brooklyn, NY 11231", "92 Third Street Brooklyn, NY 11231"),
    # a sentence that starts "The ..." after the address's full stop
    ("Its registered office is at 14 Gray's Inn Square, London WC1R 5JA. The Firm is the controller.",
     "14 Gray's Inn Square, London WC1R 5JA"),
    # a channel's label in lower case after the address
    ("The controller is Brunnen GmbH, Hafenstraße 12, 20457 Hamburg, Germany, phone +49 40 1234567.",
     "Hafenstraße 12, 20457 Hamburg, Germany"),
    # the controller's own address after its name, a registration number in brackets after it
    ("Fjord Bikes AS, Storgata 12, 0155 Oslo, Norway (org. no. 912 345 678) is the controller for this processing.",
     "Storgata 12, 0155 Oslo, Norway"),
])
def test_addresses_in_other_styles(text, address):
    assert values(text, "address") == [address]


@pytest.mark.parametrize("text, address", [
    ("Questions go to our Inquiry Desk, 4-5-6 Ginza, Chuo-ku, Tokyo 104-0061.",
     "4-5-6 Ginza, Chuo-ku, Tokyo 104-0061"),
    ("Post: 88 Sejong-daero, Jung-gu, Seoul 04519, Korea", "88 Sejong-daero, Jung-gu, Seoul 04519, Korea"),
    ("Post: 7, Yeoksam-ro 12-gil, Gangnam-gu, Seoul", "7, Yeoksam-ro 12-gil, Gangnam-gu, Seoul"),
    ("Our office is at Jeongja-ro 95, Bundang-gu, Seongnam-si 13561.", "Jeongja-ro 95, Bundang-gu, Seongnam-si 13561"),
])
def test_japanese_and_korean_addresses(text, address):
    assert values(text, "address") == [address]


@pytest.mark.parametrize("text", ["We opened 4 stores in Chuo-ku last spring.",
                                  "In 2021, Seoul, Jung-gu hosted our event."])
def test_a_district_alone_makes_no_address(text):
    assert values(text, "address") == []


@pytest.mark.parametrize("text", ["You can reach us via Google Play 5 times a day.",
                                  "Use the app via Chrome 12 or later.",
                                  "Over 100 Happy Gardens customers wrote to us."])
def test_words_that_only_look_like_a_street_are_no_address(text):
    assert values(text, "address") == []


def test_a_ward_without_a_street_number_is_no_address():
    assert values("Our 3 stores are in Ben Nghe Ward and Tan Dinh Ward.", "address") == []


@pytest.mark.parametrize("text, found", [
    # a service provider's address, given where the policy describes the service
    ("Our advert tracking uses the pixel of Adnet Europe Ltd., 7 Harbour Square, Dublin 2, Ireland.", False),
    ("We also rely on the services of Speedy CDN, Inc. (55 Market Street, San Francisco, CA 94105, USA).", False),
    ("Chirp Inc., 900 Mission Street, San Francisco, CA 94103, USA. For details of the data collected by "
     "Chirp, see its own policy.", False),
    # the organisation's own
    ("If you have questions, write to us at: Acme Inc., 12 Baker Street, London NW1 6XE.", True),
    ("Our website is hosted by a provider in Germany. Acme Ltd., 12 Baker Street, London NW1 6XE, is the "
     "controller.", True),
])
def test_service_providers_addresses_are_not_the_controllers(text, found):
    assert bool(values(text, "address")) is found


@pytest.mark.parametrize("text, found", [
    ("Our registered address is: Acme Ltd, Unit 4, Harbour Road, Cork T12 X7Y2.",
     {"Acme Ltd, Unit 4, Harbour Road, Cork T12 X7Y2"}),
    ("Email address: privacy@acme.example Postal address: Hauptplatz 5, 1010 Wien",
     {"Hauptplatz 5, 1010 Wien"}),
    # other kinds of address, and "address" the verb, are not postal addresses
    ("An e-mail address is all you need to get the newsletter.", set()),
    ("With IP anonymisation your IP address is truncated before it is forwarded.", set()),
    ("We may disclose data to address issues of national security.", set()),
    ("Questions should be addressed to this e-mail address: legal@acme.example.", set()),
])
def test_labelled_postal_address(text, found):
    facts = annotate([text])
    assert set(facts.loc[facts["rule"].isin(["contact_address", "dpo_address"]), "value"]) == found


@pytest.mark.parametrize("text, address", [
    # the next sentence starts with a channel's verb
    ("Harbor Books, Inc., 12 Pier Avenue, Santa Monica, CA 90401. Call 1-800-555-0111 for help.",
     "12 Pier Avenue, Santa Monica, CA 90401"),
    # an address written inline ends where the sentence or another channel begins
    ("Write to us at 350 Main Street, Springfield, IL 62701 or by email to privacy@acme.example.",
     "350 Main Street, Springfield, IL 62701"),
    ("Acme Inc., 12 Harbour Road, Cork T12 X7Y2, Ireland, is the controller of your data.",
     "12 Harbour Road, Cork T12 X7Y2, Ireland"),
    # the defined name after it is not part of the address
    ('Acme GmbH, 12 Harbour Road, Cork T12 X7Y2, Ireland ("Acme", "we") is the controller.',
     "12 Harbour Road, Cork T12 X7Y2, Ireland"),
    ("Acme Ltd, 1 High Street, London SW1A 1AA (hereinafter \u201cAcme\u201d) processes your data.",
     "1 High Street, London SW1A 1AA"),
    # text flattened from a web page: no line break, no full stop after the address
    ("Contact: Acme Ltd 77 King Street London EC2V 8AA Questions about this policy can be e-mailed too.",
     "77 King Street London EC2V 8AA"),
    ("Acme Ltd, 9 Market Square, Leeds LS1 6AE and VAT registration number GB 123 4567 89.",
     "9 Market Square, Leeds LS1 6AE"),
    ("Letters go to our Irish office (Acme Ltd, 5 Quay Street, Galway).", "5 Quay Street, Galway"),
    ("Our office is at 40 Harbour St., Tel Aviv, Israel. We answer within a month.",
     "40 Harbour St., Tel Aviv, Israel"),
    # a phone label after the address's full stop
    ("Summit Outdoor Co., 800 Trailhead Way, Boulder, CO 80302. Toll-free: 1-877-555-0190.",
     "800 Trailhead Way, Boulder, CO 80302"),
    # a registration number after the address's full stop
    ("Write to Acme Ltd, 1 High Street, London EC1A 1AA. Registered in England and Wales.",
     "1 High Street, London EC1A 1AA"),
    ("The controller is Tallyflow B.V., Herengracht 500, 1017 CB Amsterdam, the Netherlands. KvK 12345678.",
     "Herengracht 500, 1017 CB Amsterdam, the Netherlands"),
])
def test_inline_street_address_ends_with_the_address(text, address):
    facts = annotate([text])
    (row,) = facts.loc[facts["value_kind"] == "address"].itertuples()
    assert (row.value, text[row.start:row.end]) == (address, address)


@pytest.mark.parametrize("text, kept", [
    # the authority's block goes on past "Co." and past a sentence end: its channels, not ours
    ("You may complain to the Data Protection Commissioner, Canal House, Station Road, Portarlington, "
     "Co. Laois, R32 AP23, Ireland Phone +353 57 868 4757 Email: info@dataprotection.example", set()),
    ("Please contact the Berlin Commissioner for Data Protection and Freedom. https://www.dp-berlin.example/ "
     "Tel.: +49 30 13889-0 E-Mail: mailbox@dp-berlin.example", set()),
    # prose after the authority's sentence: the channel is the organisation's again
    ("You can complain to the ICO. For other questions, email privacy@acme.example.", {"privacy@acme.example"}),
    ("You can complain to the ICO. Or email us at privacy@acme.example.", {"privacy@acme.example"}),
])
def test_an_authoritys_channels_after_a_sentence_end_are_not_the_controllers(text, kept):
    facts = annotate([text])
    contact = facts[(facts.concept == "controller.contact") & facts.value_kind.isin(["email", "phone", "url"])]
    assert set(contact.value) == kept


def test_an_authoritys_address_block_under_its_own_heading_is_not_the_controllers():
    policy = Policy.from_text(
        "Complaints\nIf you are unhappy with how we handled your data, you can complain to the regulator.\n"
        "Information Commissioner's Office\nWycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF\n"
        "Tel: 0303 123 1113\n\nContact us\nAcme Ltd, 1 High Street, Leeds LS1 1AA. Email privacy@acme.example.")
    contacts = policy.facts.query("concept == 'controller.contact' and value != ''")
    assert sorted(contacts["value"]) == ["1 High Street, Leeds LS1 1AA", "privacy@acme.example"]


@pytest.mark.parametrize("raw, iso", [
    ("March 13, 2026", "2026-03-13"), ("13 March 2026", "2026-03-13"), ("2024-12-02", "2024-12-02"),
    ("5th January 2024", "2024-01-05"), ("31/12/2023", "2023-12-31"), ("August 2019", "2019-08"),
    ("04.03.2024", "2024-03-04"), ("31.12.2023.", "2023-12-31"), ("31.02.2024", None)])
def test_iso_date(raw, iso):
    assert iso_date(raw) == iso


def test_policy_date_in_markdown_italics():
    import privcompare as pc

    facts = pc.Policy.from_text("# Privacy Policy\n\n_Effective: June 1, 2023_\n\nWe keep data.").facts
    assert facts.loc[facts.value_kind == "date", "value"].tolist() == ["2023-06-01"]


def test_policy_date():
    assert values("Last updated: March 13, 2026", "date", "policy.date") == ["2026-03-13"]
    assert values("Effective date: 2024-12-02", "date", "policy.date") == ["2024-12-02"]
    # other ways policies date themselves
    assert values("Last update: June 2025", "date", "policy.date") == ["2025-06"]
    assert values("This notice was last modified in May 2024.", "date", "policy.date") == ["2024-05"]
    assert values("Revision Date: 3 February 2023", "date", "policy.date") == ["2023-02-03"]
    assert values("This page was last reviewed on 9 October 2022.", "date", "policy.date") == ["2022-10-09"]
    assert values("Status: 01.09.2025", "date", "policy.date") == ["2025-09-01"]
    assert values("This notice is current as at 1 March 2024.", "date", "policy.date") == ["2024-03-01"]
    assert values("Your order status 12/05/2024 is shown in the app.", "date", "policy.date") == []
    # ... but a promise to update is not a date
    assert values("We may update this policy in June 2026 to add new rights.", "date", "policy.date") == []


@pytest.mark.parametrize("text, iso, rule", [
    # a US notice: month first
    ("Privacy Notice\nEffective date: 03/04/2025\nCalifornia residents may opt out of the sale of "
     "their personal information.", "2025-03-04", "policy_date+month_first"),
    # the policy's other numeric dates show the order either way
    ("Notice\nLast updated: 03/04/2025\nOrders placed by 12/31/2024 ship free.", "2025-03-04", "policy_date+month_first"),
    ("Notice\nLast updated: 03/04/2025\nOrders placed by 31/12/2024 ship free. California residents ...",
     "2025-04-03", "policy_date"),
    # a global notice citing European and US laws, or no cue at all: day first as before
    ("Notice\nLast updated: 03/04/2025\nEEA and California residents have rights.", "2025-04-03", "policy_date"),
    ("Notice\nLast updated: 03-04-2025\nWe keep data for a year.", "2025-04-03", "policy_date"),
    # only two-way dates are re-read: "13/04/2025" and "04.03.2025" have one reading
    ("Notice\nLast updated: 13/04/2025\nCalifornia residents ...", "2025-04-13", "policy_date"),
    ("Notice\nStatus: 04.03.2025\nCalifornia residents ...", "2025-03-04", "policy_date"),
])
def test_a_numeric_policy_date_is_read_in_the_policys_own_order(text, iso, rule):
    facts = Policy.from_text(text).facts
    assert facts.loc[facts.value_kind == "date", ["value", "rule"]].values.tolist() == [[iso, rule]]


@pytest.mark.parametrize("text, law", [
    ("We comply with Decree 13/2023/ND-CP on personal data protection.", "vn-decree-13"),
    ("This notice follows Law 91/2025/QH15 on Personal Data Protection.", "vn-pdpl-2025"),
    ("as implemented by Decree 356/2025/ND-CP", "vn-pdpl-2025"),
    ("in accordance with Law No. 27 of 2022 on Personal Data Protection", "id-pdp"),
    ("sesuai UU PDP", "id-pdp"),
    ("Undang-Undang Republik Indonesia Nomor 27 Tahun 2022", "id-pdp"),
    ("the General Data Protection Regulation (GDPR)", "gdpr"),
    ("California residents have rights under the CCPA.", "ccpa"),
    ("Brazil's LGPD applies.", "lgpd"),
    ("We follow COPPA.", "coppa"),
    # Indonesia's rules before UU PDP
    ("as required by Law No. 11 of 2008 on Electronic Information and Transactions", "id-ite"),
    ("in line with Government Regulation No. 71 of 2019 (PP PSTE)", "id-gr-71-2019"),
    ("under Minister of Communication and Informatics Regulation No. 20 of 2016", "id-mcit-20-2016"),
    ("sesuai Permenkominfo 20/2016", "id-mcit-20-2016"),
    # Vietnam's cybersecurity rules: the 2025 law by its number or year, the 2018 one otherwise
    ("in accordance with the Law on Cybersecurity 2025", "vn-cybersecurity-2025"),
    ("under Law No. 116/2025/QH15", "vn-cybersecurity-2025"),
    ("under the Law on Cybersecurity No. 24/2018/QH14", "vn-cybersecurity-2018"),
    ("as required by Decree 53/2022/ND-CP", "vn-decree-53-2022"),
    # Germany: the TTDSG (renamed TDDDG in 2024) is not the Telemedia Act it took the cookie rules from
    ("Optional cookies are only set with consent under § 25 para. 1 TTDSG.", "ttdsg"),
    ("as permitted by § 25 (2) TDDDG", "ttdsg"),
    ("our imprint under § 5 TMG", "tmg"),
    # Quebec: the private-sector act by its name, or by the amending "Law 25" with Quebec beside it
    ("and Quebec's Act respecting the protection of personal information in the private sector.", "qc-law-25"),
    ("Quebec Law 25 requires a person in charge of the protection of personal information.", "qc-law-25"),
    # US state laws beyond California and Virginia
    ("Colorado residents have rights under the Colorado Privacy Act.", "cpa-co"),
    ("as defined in the Connecticut Data Privacy Act", "ctdpa"),
    ("the Utah Consumer Privacy Act", "ucpa"),
    ("Texas residents: see the TDPSA.", "tdpsa"),
    ("the Oregon Consumer Privacy Act", "ocpa"),
    ("Nevada residents may opt out under NRS 603A.", "nrs-603a"),
    ("under Chapter 603A of the Nevada Revised Statutes", "nrs-603a"),
])
def test_law_references(text, law):
    assert law in values(text, "law", "law.reference")


def test_the_ttdsg_is_not_cited_as_the_telemedia_act():
    assert values("Cookies are set under § 25 TTDSG.", "law") == ["ttdsg"]


def test_the_quebec_dpos_email_is_the_dpos():
    text = "The person in charge of the protection of personal information is Jane Roy (privacy@example.ca)."
    assert values(text, "email", "dpo") == ["privacy@example.ca"]


@pytest.mark.parametrize("text, laws", [
    ("Under Art. 8 DSG you may ask us what we hold.", ["ch-fadp"]),
    ("The revised nDSG applies to our Zurich office.", ["ch-fadp"]),
    # a retailer whose name begins with the same letters cites no Swiss law
    ("DSG Retail Limited is the controller of your data.", []),
    ("Write to DSG Holdings at the address below.", []),
])
def test_dsg_is_the_swiss_act_only_where_it_is_no_company_name(text, laws):
    assert values(text, "law") == laws


def test_a_bare_law_number_names_no_law():
    assert values("Under Law 25 we must keep records.", "law") == []


def test_more_specific_law_wins():
    assert values("Your rights under the UK GDPR", "law") == ["uk-gdpr"]


def test_a_pdpa_named_with_its_country_is_that_countrys():
    assert sorted(values("Rights under the Thailand PDPA and the Singapore PDPA.", "law")) == ["pdpa-sg", "pdpa-th"]


@pytest.mark.parametrize("text, measure", [
    ("All traffic uses TLS 1.2 or higher.", "TLS 1.2"),
    ("Backups are encrypted with AES-256.", "AES-256"),
    ("We protect data with strict access controls.", "access controls"),
    ("Your notes are end-to-end encrypted. We cannot read them.", "end-to-end encryption"),
])
def test_security_measures(text, measure):
    assert measure in values(text, "measure", "security")


def test_weak_measures_need_a_security_context():
    assert "hashing" not in values("We share hashed email addresses with advertisers.", "measure")


def test_hashing_for_ad_matching_is_not_a_safeguard():
    """A hashed identifier shared to match adverts is not a security measure, even in a
    clause that also says "secure"; hashing stored passwords is."""
    shared = ("To keep it secure, we share a hashed identifier with partners so they can "
              "match it and show you relevant ads.")
    assert "hashing" not in values(shared, "measure")
    assert "hashing" in values("Passwords are stored hashed and salted to keep them secure.", "measure")
    # the veto is per sentence: a later sentence about ads does not cancel it
    assert "hashing" in values("Passwords are stored hashed to keep them secure. We show ads.", "measure")


@pytest.mark.parametrize("text, kind, value", [
    ("Payments are processed by PayPal and hosted on Amazon Web Services.", "recipient", "PayPal"),
    ("We disclose transaction data to the National Payment Corporation of Vietnam to settle top-ups.",
     "recipient", "NAPAS"),
    ("Payments are processed by PayPal and hosted on Amazon Web Services.", "recipient", "AWS"),
    ("We share your data with payment processors.", "recipient_category", "payment processors"),
    ("We may disclose data to law enforcement agencies.", "recipient_category", "government authorities"),
    ("We share information with our affiliates.", "recipient_category", "affiliates"),
    ("Data may be passed to courier companies to deliver your order.", "recipient_category", "delivery companies"),
    # an e-mail delivery service sends mail for us: a service provider, not a courier
    ("We share data with email delivery services.", "recipient_category", "service providers"),
    # the verbs German-style notices use, and the carrier a shop names
    ("We pass your delivery address on to the shipping company (DHL Paket GmbH).", "recipient", "DHL"),
    ("We pass your delivery address on to the shipping company (DHL Paket GmbH).", "recipient_category",
     "delivery companies"),
    ("Card data are forwarded to our payment service provider.", "recipient_category", "payment processors"),
    ("Your order details are transmitted to UPS for delivery.", "recipient", "UPS"),
    ("Before lending, we share your details with credit reference agencies.", "recipient_category",
     "credit and fraud agencies"),
    ("We may disclose your records to fraud prevention agencies.", "recipient_category", "credit and fraud agencies"),
    ("Test results may be shared with your doctors and your health plan.", "recipient_category",
     "health care providers and plans"),
    # "entrust" and "consign": the sharing verbs of Japanese, Chinese and Korean notices
    ("We entrust Alibaba Cloud with hosting.", "recipient", "Alibaba Cloud"),
    ("We consign payment processing to our payment processors.", "recipient_category", "payment processors"),
])
def test_recipients(text, kind, value):
    assert value in values(text, kind, "sharing.recipients")


@pytest.mark.parametrize("text, measure, found", [
    ("Passwords are hashed.", "hashing", True),  # a stored password's hash is a safeguard by itself
    ("Our staff receive data protection training.", "staff training", True),
    ("Our staff receive training in customer service.", "staff training", False),  # no security cue
])
def test_security_measures_in_short_statements(text, measure, found):
    assert (measure in values(text, "measure")) is found


def test_a_data_protection_departments_channels_under_contact_are_the_organisations_too():
    text = ("Article 9. Contact\nData Protection Department, Lotus Pay JSC, 25 Nguyen Hue Street, Ben Nghe "
            "Ward, District 1, Ho Chi Minh City. Email: privacy@lotuspay.example. Hotline: 1900 6868.")
    facts = Policy.from_text(text).facts
    channels = facts[facts.value_kind.isin(["email", "phone"])]
    assert sorted(channels.loc[channels.concept == "dpo", "value"]) == ["19006868", "privacy@lotuspay.example"]
    assert sorted(channels.loc[channels.concept == "controller.contact", "value"]) == [
        "19006868", "privacy@lotuspay.example"]
    # an officer is a person in a role: their channels stay theirs alone
    officer = Policy.from_text("Contact\nOur Data Protection Officer can be reached at dpo@lotuspay.example.").facts
    assert set(officer.loc[officer.value_kind == "email", "concept"]) == {"dpo"}


@pytest.mark.parametrize("text, name", [
    # processors an app or a fintech commonly names (identity checks, push, hosting, analytics)
    ("We share device identifiers with OneSignal to send notifications.", "OneSignal"),
    ("Identity documents are shared with Onfido for verification.", "Onfido"),
    ("We share server logs with OVHcloud.", "OVHcloud"),
    ("Usage data is shared with Matomo.", "Matomo"),
    ("Bank details are shared with Plaid Inc. to link your account.", "Plaid"),
    # a mobile game's advertising networks, and an acquirer shops name
    ("We share your device identifiers with Unity Ads, AppLovin and ironSource.", "Unity"),
    ("We share your device identifiers with Unity Ads, AppLovin and ironSource.", "AppLovin"),
    ("We share your device identifiers with Unity Ads, AppLovin and ironSource.", "ironSource"),
    ("Card payments are processed by Worldpay.", "Worldpay"),
    # a dental practice's recipients
    ("We share treatment records with NHS England and with dental laboratories.", "NHS"),
    ("We share treatment records with NHS England and with dental laboratories.", "health care providers and plans"),
    ("We share your records with our practice management software provider.", "service providers"),
    # a Canadian grocer's card processor and drivers
    ("Payment information is handled by Moneris.", "Moneris"),
    ("We share your name and delivery address with our delivery drivers.", "delivery companies"),
    # a letting agent's recipients: tax authority, council, tenant referencing, utilities
    ("We share your details with HM Revenue & Customs and your local council.", "HMRC"),
    ("We share your details with HM Revenue & Customs and your local council.", "government authorities"),
    ("We share your information with referencing agencies (such as Goodlord) and utility providers.", "Goodlord"),
    ("We share your information with referencing agencies (such as Goodlord) and utility providers.",
     "credit and fraud agencies"),
    ("We share your information with referencing agencies (such as Goodlord) and utility providers.",
     "utility providers"),
    ("We share data with advertising partners, including Google, The Trade Desk and Taboola.", "The Trade Desk"),
])
def test_recipient_lexicon_names(text, name):
    facts = annotate([text])
    assert name in set(facts.loc[facts.concept == "sharing.recipients", "value"])


def test_recipients_need_a_sharing_sentence():
    assert values("Google is a search engine. Stripe is a pattern.", "recipient") == []
    # "Unity" alone is a word, not the advertising network
    assert values("We share data with partners in the spirit of Unity.", "recipient") == []


@pytest.mark.parametrize("text, named", [
    # names the lexicon does not know, in brackets after their category, are read as written
    ("We share delivery details with our delivery partners (Ahamove, GrabExpress).", ["Ahamove", "GrabExpress"]),
    ("Card data are forwarded to payment processors (e.g. Zalopay and Momo Pay).", ["Momo Pay", "Zalopay"]),
    ("We pass it to fraud prevention agencies (such as Veriscan Nordic AS).", ["Veriscan Nordic AS"]),
    # the lexicon's names keep their canonical form, and its names after "e.g." are found
    ("We disclose data to payment processors (e.g. Stripe and Adyen).", ["Adyen", "Stripe"]),
    ("We share order data with our logistics partners (Paxel, SiCepat).", ["Paxel", "SiCepat"]),
    ("We pass it to our hosting provider (Amazon Web Services, Ireland).", ["AWS"]),  # where, not who
    ("We pass your data to payment service providers (Adyen N.V., Amsterdam).", ["Adyen"]),
    ("We share order data with our logistics partners (Nordvik Data, Inc. and Paxel).",
     ["Nordvik Data, Inc.", "Paxel"]),  # a company form stays with its name
    # not a list of names
    ("We share data with service providers (as described below).", []),
    ("We share data with service providers (Processors) acting for us.", []),
    ("We share data with our partners (the “Partners”).", []),
    ("Our office (Fjordline House) holds paper records of our partners.", []),  # no sharing
])
def test_recipients_named_in_brackets_after_their_category(text, named):
    assert sorted(values(text, "recipient", "sharing.recipients")) == named


@pytest.mark.parametrize("text, named", [
    # a name in apposition after its category, read as written ...
    ("We share data with our auditors and our IT provider Fiserv.", ["Fiserv"]),
    ("We share data with our hosting provider Kestrel Cloud Inc. in Ohio.", ["Kestrel Cloud Inc."]),
    ("We pass your order to our couriers Parcelwise and Nordpost AB.", ["Nordpost AB", "Parcelwise"]),
    ("Your details are passed to our payment processor Stripe.", ["Stripe"]),  # the lexicon's own
    # ... not a place, a day, a clause's next word, or a Title Case heading run on
    ("We share data with service providers In the EU and elsewhere.", []),
    ("We disclose information to our partners Monday to Friday.", []),
    ("We share data with our hosting provider Germany-based servers.", []),
    ("We share data with Third Parties Involved in Payments", []),
    # set off by a comma, when the name ends the clause or its part
    ("We share your records with our practice management software provider, Dentally.", ["Dentally"]),
    ("We share data with our IT provider, Fiserv, which hosts it.", ["Fiserv"]),
    ("We share data with our service providers, Acme said today.", []),
    # a category word inside a body's name ("the Singapore Police Force"), and a list running on
    ("We may disclose your data to our banking partners DBS Bank and OCBC and to the Singapore Police Force.",
     ["DBS Bank", "OCBC"]),
])
def test_recipients_named_right_after_their_category(text, named):
    assert sorted(values(text, "recipient", "sharing.recipients")) == named


@pytest.mark.parametrize("text, named", [
    ("We use Lumora Payroll, Inc. to run our staff payroll.", ["Lumora Payroll, Inc."]),
    ("Our shop is hosted by Fjordhost AS in Norway.", ["Fjordhost AS"]),
    ("Refunds are handled by Kvadrat Pay B.V. on our behalf.", ["Kvadrat Pay B.V."]),
    ("Our tracking system is hosted in Australia by Wattle Systems Pty Ltd.", ["Wattle Systems Pty Ltd."]),
    # a provider needs a company form to be told from a product or a team
    ("We use Mailbird to send newsletters.", []),
    ("Orders are handled by Customer Care within two days.", []),
    # the organisation that runs the site is the controller, not a recipient
    ("This website is operated by Fjordhost AS.", []),
])
def test_a_provider_named_by_what_it_does_for_us(text, named):
    assert values(text, "recipient", "sharing.recipients") == named


@pytest.mark.parametrize("text, named", [
    # public bodies named with "the", in a list of recipients
    ("We share data with the Norwegian Tax Administration, the Norwegian Labour and Welfare Administration "
     "(NAV) and our payroll processor Lonnix.",
     ["Lonnix", "Norwegian Labour and Welfare Administration", "Norwegian Tax Administration"]),
    ("We share data with the Central Credit Register and our auditors.", ["Central Credit Register"]),
    ("We disclose data to the Internal Revenue Service when required.", ["Internal Revenue Service"]),
    ("We may share data with the Department of Labor or the Office of the Privacy Commissioner.",
     ["Department of Labor", "Office of the Privacy Commissioner"]),
    # the organisation's own units, a body whose view or approval is cited, a bare noun: no recipient
    ("Our Customer Service team shares your ticket with the Billing Department.", []),
    ("We transfer data under standard clauses approved by the European Commission.", []),
    ("Transfers to countries without adequate protection according to the European Commission are shared "
     "with care.", []),
    ("We share it with the Agency.", []),
    # a filing goes to the body, not the data (Law 91 asks for transfer impact dossiers); a
    # report may hold the data
    ("If a transfer abroad becomes necessary, we will prepare a transfer impact assessment dossier and "
     "submit it to the Department of Cybersecurity and High-Tech Crime Prevention (A05).", []),
    ("We transfer your tax reports to the Norwegian Tax Administration.", ["Norwegian Tax Administration"]),
])
def test_public_bodies_named_as_recipients(text, named):
    assert sorted(values(text, "recipient", "sharing.recipients")) == named


def test_clauses_without_value_words_skip_the_extractors_and_lose_nothing():
    """The value extractor's early exit (no gate word, no contact mark) is a shortcut
    only: with it disabled, the bundled policies give the same values."""
    from pathlib import Path

    from privcompare.annotate import get_pipeline
    from privcompare.annotate.components import state

    nlp = get_pipeline()
    extract = next(c.cell_contents for c in nlp.get_pipe("privcompare_values").__closure__
                   if type(c.cell_contents).__name__ == "ValueExtractor")
    root = Path(__file__).resolve().parents[1] / "data" / "policies"
    texts = [line for p in sorted(root.glob("*.txt")) for line in p.read_text(encoding="utf-8").splitlines()
             if line.strip()] + ["Write to dpo@example.com", "Call +44 20 7946 0958", "Contact us at https://x.example/form"]
    docs = [nlp.get_pipe("privcompare_triggers")(nlp.make_doc(t)) for t in texts]
    fast = [extract(d, state(d)) for d in docs]
    skipped = sum(not f for f in fast)
    everything = extract.any_gate
    try:
        extract.any_gate = frozenset(w for d in docs for w in state(d)["positions"]) | {"@"}
        slow = [extract(d, state(d)) for d in docs]
    finally:
        extract.any_gate = everything
    assert skipped > 0 and fast == slow
    assert all(fast[-3:])  # contact marks alone still reach the extractors


@pytest.mark.parametrize("text, kept", [
    ("You can also reach the regulator, the Information Commissioner's Office, at 12 Example Lane, "
     "Wilmslow, Tel: 0303 555 0100", []),
    ("Still not satisfied? Contact our independent dispute resolution provider, at no cost, via "
     "https://feedback-form.example.org/request.", []),
    ("You may also complain to the Commissioner for Data Protection and Freedom of Information "
     "(telephone +49 30 1388 9000).", []),
    ("Write to us at privacy@acme.example, or complain to the Spanish Data Protection Agency at www.aepd.es.",
     ["privacy@acme.example"]),
    # our own channel stays, before or after the authority is named
    ("You may complain to the supervisory authority, or contact us first at privacy@acme.com.",
     ["privacy@acme.com"]),
    ("Contact us at privacy@acme.com. You can also complain to the ICO.", ["privacy@acme.com"]),
    ("For remedies, you may contact the Personal Information Dispute Mediation Committee (www.kopico.go.kr).", []),
    ("You may complain to the Information Regulator, 9 Sample Road, Pretoria, or at ir@regulator.example.", []),
    ("Patients may file a complaint with the U.S. Department of Health and Human Services, 12 Sample Avenue SW, "
     "Washington, DC 20001.", []),
    # the same body by its initials (the complaint rules and this cue share one list of named bodies)
    ("To complain about our privacy practices, write to HHS, 12 Sample Avenue SW, Washington, DC 20001.", []),
])
def test_an_authoritys_channels_are_not_the_controllers(text, kept):
    facts = annotate([text])
    channels = facts[facts.value_kind.isin(["email", "phone", "url", "address"])]
    assert channels.loc[channels.concept == "controller.contact", "value"].tolist() == kept


@pytest.mark.parametrize("text, interest", [
    ("Our legitimate interest lies in ensuring the stability and security of the system.",
     "ensuring the stability and security of the system"),
    ("We rely on our legitimate interests in preventing fraud.", "preventing fraud"),
    ("Legitimate interests: network security, fraud prevention.", "network security, fraud prevention"),
    ("The basis is our legitimate interest (Art. 6(1)(f) GDPR) in marketing our own products.",
     "marketing our own products"),
    ("We have a legitimate interest to measure reach, e.g. to plan campaigns.", "measure reach"),
    ("Our legitimate interest lies in serving U.S. customers quickly. We also use cookies.",
     "serving U.S. customers quickly"),
    ("We have a legitimate interest in selling in the U.S. Cookies are used as well.", "selling in the U.S"),
    ("| To prevent voucher fraud | Legitimate interests (protecting our business) |", "protecting our business"),
    # an aside after ", and," turns to another basis
    ("We rely on our legitimate interest in improving our services, and, for marketing, on your consent.",
     "improving our services"),
    # a list of bases goes on after the interest ...
    ("We rely on a contract, our legitimate interests in preventing fraud, and your consent for marketing.",
     "preventing fraud"),
    ("We process it for our legitimate interests in improving the app or the performance of our contract.",
     "improving the app"),
    # ... but consent as a topic of the interest stays in it
    ("Our legitimate interest is to keep the service secure and our consent records accurate.",
     "keep the service secure and our consent records accurate"),
])
def test_the_legitimate_interests_a_policy_names(text, interest):
    assert values(text, "interest", "legal_basis.legitimate_interest") == [interest]


@pytest.mark.parametrize("text", [
    "We process data on the basis of legitimate interests in accordance with Art. 6(1)(f) GDPR.",
    "We do so where it is in our legitimate interests to do so.",
    "Processing is based on legitimate interests (Art. 6(1)(f) GDPR).",
    "Processing is based on our legitimate interests (see section 4 above).",
    "We rely on our legitimate interests (or those of another party) when they are not overridden.",
    "Legitimate Interest:\nProcessing is necessary for our legitimate interests.",
])
def test_naming_legitimate_interests_is_not_stating_them(text):
    assert values(text, "interest", "legal_basis.legitimate_interest") == []


@pytest.mark.parametrize("text, kind, value", [
    ("Our representative in the European Union under Article 27 GDPR is Harbour Rep Ltd, 5 Quay Street, Dublin.",
     "address", "5 Quay Street, Dublin"),
    ("We have appointed an EU representative, who can be reached at eurep@example.org.", "email",
     "eurep@example.org"),
    ("Our local representative in Europe is Repco BV, which you can reach at eu-rep@repco.example.", "email",
     "eu-rep@repco.example"),
])
def test_the_eu_representatives_channels_are_the_representatives(text, kind, value):
    assert values(text, kind, "representative") == [value]
    assert values(text, kind, "controller.contact") == []


@pytest.mark.parametrize("text, concept, kind, value", [
    # the body is introduced in one sentence and its channels given in the next
    ("Our local representative in Europe is Repco BV, Rue Neuve 5, 1000 Brussels. Repco BV can be contacted "
     "at eu-rep@repco.example.", "representative", "email", "eu-rep@repco.example"),
    ("Our EU representative is Harbour Rep Ltd. You can write to them at 5 Quay Street, Dublin 2, Ireland. "
     "You may also email us at privacy@acme.example.", "representative", "address", "5 Quay Street, Dublin 2, Ireland"),
    ("We have appointed a data protection officer, Jane Roe. Jane can be reached at jroe@acme.example.",
     "dpo", "email", "jroe@acme.example"),
    # ... unless the later sentence speaks of "us"
    ("Our EU representative is Harbour Rep Ltd. You may also email us at privacy@acme.example.",
     "controller.contact", "email", "privacy@acme.example"),
])
def test_channels_after_the_sentence_naming_a_representative_or_dpo_are_theirs(text, concept, kind, value):
    assert values(text, kind, concept) == [value]


@pytest.mark.parametrize("text, concept, kind, value", [
    # the sentence names the officer, then turns back to the company: its address is the controller's
    ("For questions, contact our Data Protection Officer at privacy@kopi.example or write to PT Kopi "
     "Nusantara, Jl. Sudirman Kav. 52-53, Jakarta Selatan 12190.", "dpo", "email", "privacy@kopi.example"),
    ("For questions, contact our Data Protection Officer at privacy@kopi.example or write to PT Kopi "
     "Nusantara, Jl. Sudirman Kav. 52-53, Jakarta Selatan 12190.", "controller.contact", "address",
     "Jl. Sudirman Kav. 52-53, Jakarta Selatan 12190"),
    ("Contact our DPO at dpo@acme.example or write to us at 1 Main Street, Springfield, IL 62701.",
     "controller.contact", "address", "1 Main Street, Springfield, IL 62701"),
    # ... but not when the turn is to the officer again
    ("Contact our DPO, Jane Roe, at dpo@acme.example or write to her at 1 Main Street, Springfield, IL 62701.",
     "dpo", "address", "1 Main Street, Springfield, IL 62701"),
])
def test_a_sentence_naming_the_officer_may_turn_back_to_the_controller(text, concept, kind, value):
    assert values(text, kind, concept) == [value]


@pytest.mark.parametrize("text, concept, value", [
    # several label sentences in a row, after a Vietnamese-style data protection department
    ("Data protection department, 9 Hang Bai, Hanoi. Address: same as above. Email: dp@acme.example",
     "dpo", "dp@acme.example"),
    # a channel label right after the sentence naming the officer
    ("Our data protection officer is Jane Roe. Contact: jroe@acme.example.", "dpo", "jroe@acme.example"),
    # South Africa's POPIA names an Information Officer where the GDPR has a DPO
    ("Our Information Officer is Sipho Dube. Email: io@acme.example", "dpo", "io@acme.example"),
    ("Our Chief Information Officer can be reached at cio@acme.example.", "controller.contact", "cio@acme.example"),
    # the label sentence must follow the officer's directly
    ("Our data protection officer is Jane Roe. Orders ship daily. Contact: shop@acme.example.",
     "controller.contact", "shop@acme.example"),
])
def test_the_officers_channels_after_a_label(text, concept, value):
    assert values(text, "email", concept) == [value]


@pytest.mark.parametrize("body, concept", [
    ("Harbour Data Ltd, 5 Quay Street, Dublin. Email: officer@harbour.example", "dpo"),
    # a sentence about "us" under the officer's heading is still the controller's channel
    ("For anything else, email us at hello@harbour.example.", "controller.contact"),
])
def test_channels_under_a_dpo_heading_are_the_officers(body, concept):
    facts = Policy.from_text(f"# Privacy\n\n## Data Protection Officer\n\n{body}").facts
    assert set(facts.loc[facts.value_kind == "email", "concept"]) == {concept}


def test_a_representative_in_europe_is_a_representative():
    assert "representative" in set(annotate(["Our local representative in Europe is Repco BV."])["concept"])


@pytest.mark.parametrize("text", [
    "You may ask an authorised representative to send your request to privacy@example.com.",
    "Call a customer service representative on +1 800 555 0199.",
])
def test_other_representatives_channels_stay_the_controllers(text):
    assert values(text, "email", "representative") == values(text, "phone", "representative") == []


@pytest.mark.parametrize("text, name", [
    ('Brightleaf Analytics Ltd ("Brightleaf", "we", "us") runs this site.', "Brightleaf Analytics Ltd"),
    ('Kestrel Apps, Inc. (“Kestrel,” “we” or “us”) respects your privacy.', "Kestrel Apps, Inc."),
    ('Nordwind Software GmbH and its Group Companies (together, “Nordwind”, “we”) process data.',
     "Nordwind Software GmbH"),
    ("At Lumen Health (LH), we value your trust.", "Lumen Health (LH)"),
    ("Welcome to the privacy policy of PT. Sinar Data Nusantara (our company).", "PT. Sinar Data Nusantara"),
    ("This website is operated by Harbor Labs S.A. We respect your privacy.", "Harbor Labs S.A."),
    ("The app is owned and operated by Tallow Mobile GmbH. Questions go to our team.", "Tallow Mobile GmbH"),
    ("If you live in the EEA, Orchard Media B.V. is the data controller of your information.", "Orchard Media B.V."),
    ("Quill Labs, Inc., a company registered in Delaware, USA, is the controller of account data.",
     "Quill Labs, Inc."),
    ("Fennel Books will be the controller of the data you give us.", "Fennel Books"),
    ("The data controller for the personal data we hold is Ridgeway Travel Ltd.", "Ridgeway Travel Ltd."),
    ("Company name: PT. Sinar Data Nusantara", "PT. Sinar Data Nusantara"),
    ('Lua Viet Company Limited (the "Company") acts as the Personal Data Controller under Decree 13.',
     "Lua Viet Company Limited"),
    # two-part company forms, and a registration number or address between the name and "we"
    ('Pulsewise Pte. Ltd. (UEN 201912345K), 8 Marina View, #20-01, Singapore 018960 ("Pulsewise", "we", '
     '"us") operates the app.', "Pulsewise Pte. Ltd."),
    ('Harrow Loom GmbH, Hauptstr. 5, 10115 Berlin ("we", "us") runs this site.', "Harrow Loom GmbH"),
    ("Quayside Ltd (Company No. 0123), a company registered in Scotland (“we”) runs this site.", "Quayside Ltd"),
    ('Maju Data Sdn. Bhd. ("we") runs this site.', "Maju Data Sdn. Bhd."),
    ("The app is operated by Kestrel Pty. Ltd., a company registered in Australia.", "Kestrel Pty. Ltd."),
    # a product's name before its company's: the company's is the controller
    ("Welcome to Skyloft, the online service of Skyloft Pty Ltd (“Skyloft,” “we”).", "Skyloft Pty Ltd"),
    # a title naming the company, its company form included
    ("Privacy Notice of Brightwater Energy Ltd", "Brightwater Energy Ltd"),
    ('Harbor Foods plc ("we") runs this site.', "Harbor Foods plc"),
    # an address and registration number between the name and "is the controller"
    ("Fjord Bikes AS, Storgata 12, 0155 Oslo, Norway (org. no. 912 345 678) is the controller for this processing.",
     "Fjord Bikes AS"),
    # ... with a registration number written with abbreviations, or a street abbreviated
    ("Nordlys Engineering AS, org. no. 912 345 678, Storgata 12, 0155 Oslo, Norway, is the data controller.",
     "Nordlys Engineering AS"),
    ("Kestrel Apps Ltd, Reg. No. 01234567, 1 High Street, Leeds, is the controller.", "Kestrel Apps Ltd"),
    ("Harrow Loom GmbH, Hauptstr. 5, 10115 Berlin, is the controller.", "Harrow Loom GmbH"),
    ("For the purposes of the GDPR, Tidewater Pty Ltd is the data controller.", "Tidewater Pty Ltd"),
    # a company named as registered or incorporated somewhere, with its company form
    ("Ledgerly Ltd is registered in England and Wales (company number 09876543).", "Ledgerly Ltd"),
    ("Nordlys AS is a private limited company incorporated under the laws of Norway.", "Nordlys AS"),
    # ... described by its trade first ("a letting and property management agency")
    ("Hearth & Home Lettings Ltd is a letting and property management agency registered in England and Wales.",
     "Hearth & Home Lettings Ltd"),
    # a company with its company form, called "the Company" in the rest of the text
    ('Sakura Denki Co., Ltd. (the "Company") complies with the APPI.', "Sakura Denki Co., Ltd."),
    ("Acme GmbH (hereinafter referred to as the “Controller”) runs the site.", "Acme GmbH"),
    ('Hanbit Games Corp. ("Hanbit") processes personal information under the PIPA.', "Hanbit Games Corp."),
    # a registration number in brackets that holds brackets itself (Malaysia's company numbers)
    ('Kenari Foods Sdn. Bhd. (Registration No. 201901009876 (1320001-K)) ("Kenari", "we") runs the app.',
     "Kenari Foods Sdn. Bhd."),
    # "responsible for processing ... is" names the controller, also before a trading name
    ("The body responsible for processing your data is: Marlow Ridge LLC (trading as Ridgeline), 5 Elm Road, Dover.",
     "Marlow Ridge LLC"),
    ("Responsible for data processing on this site is Kranich Medien GmbH.", "Kranich Medien GmbH"),
    # a company (by its company form) stating the duty an organisation has to its users' privacy
    ("Willow Creek Family Clinic, LLC is required by the Health Insurance Portability and Accountability Act "
     "(HIPAA) to maintain the privacy of your health information.", "Willow Creek Family Clinic, LLC"),
    ("Acme Widgets LLC operates the acme.example website.", "Acme Widgets LLC"),
    ("Harbor Foods plc respects your privacy.", "Harbor Foods plc"),
    ("Kestrel Apps Ltd is committed to protecting your personal data.", "Kestrel Apps Ltd"),
])
def test_the_controller_a_policy_names(text, name):
    assert values(text, "name", "controller.identity") == [name]


@pytest.mark.parametrize("text", [
    "Your account is registered in our system.",
    "We are registered in England.",
    "Payment data is registered in Stripe Payments Europe.",
    'This Website (the "Operator") is run for fun.',
    'We use Google Analytics, provided by Google LLC ("Google"), to measure traffic.',
    "The team responsible for processing is The Privacy Desk.",
    # the town after a postcode or a house number is no controller's name
    "Acme, 12 Main St. Suite 4, Springfield, is the controller.",
    # a third party's product, or a name without a company form
    "Google LLC operates Google Analytics.",
    "Acme respects your privacy.",
    # a service provider described as registered somewhere is not named the controller
    "Stripe, Inc. is a payment processor registered in the United States.",
])
def test_registered_without_a_company_names_no_controller(text):
    assert values(text, "name", "controller.identity") == []


def test_a_place_in_the_controllers_address_is_not_its_name():
    text = ('Samba Viagens Ltda., enrolled with the CNPJ under No. 12.345.678/0001-90, with headquarters at Avenida '
            'Paulista, 1000, São Paulo/SP, CEP 01310-100 ("Samba", "we"), is the controller of your personal data.')
    assert values(text, "name", "controller.identity") == ["Samba Viagens Ltda."]  # (its stop is the form's)


def test_a_names_evidence_ends_before_the_sentences_full_stop():
    facts = annotate(["This website is operated by Tallow Mobile. Questions go to our team.",
                      "We do not share your data with Acme.", "Acme Ltd. (\"we\") runs this site."])
    named = facts[facts.value_kind.isin(["name", "recipient"]) & (facts.value != "")]
    assert sorted(named.evidence) == ['Acme Ltd. ("we")', "operated by Tallow Mobile",
                                      "share your data with Acme"]


def test_naming_no_organisation_gives_no_controller_name():
    facts = annotate(["We are the controller of your personal data.",
                      'This Privacy Policy ("Policy") explains what we do.',
                      "Workspace owners upload Customer Data and Customer is the controller of it.",
                      "Card payments go to Paystream, which acts as an independent controller.",
                      "Company Name or Legal Entity:"])
    assert not (facts.value_kind == "name").any()


@pytest.mark.parametrize("text", [
    "Social plug-ins appear on our pages. This service is offered by Loomnet Inc. If you click, data flows.",
    "Web analytics is a service provided by Metricly Ltd, 1 Dock Street, Dublin.",
    "Web analytics services are provided by Metricly Ltd, 1 Dock Street, Dublin.",
])
def test_the_operator_of_a_third_partys_tool_is_no_controller(text):
    assert not (annotate([text]).concept == "controller.identity").any()


@pytest.mark.parametrize("text, named, polarity", [
    ("We disclose workout data to Strava only if you connect your Strava account.", "Strava", "positive"),
    ("We may send your order details to Royal Mail for delivery.", "Royal Mail", "positive"),
    ("We share your data with Kestrel Analytics Ltd to measure our campaigns.", "Kestrel Analytics Ltd", "positive"),
    ("We do not share your data with Acme.", "Acme", "negative"),
])
def test_a_company_we_share_with_is_a_named_recipient_even_outside_the_lexicon(text, named, polarity):
    facts = annotate([text])
    rows = facts[(facts.concept == "sharing.recipients") & (facts.value == named)]
    assert rows.value_kind.tolist() == ["recipient"] and rows.polarity.tolist() == [polarity]


@pytest.mark.parametrize("text", [
    "Information you provide to Lumo is stored in Sydney.",               # given to the controller itself
    "We may disclose your details to contractors who report to Lumo.",
    "We transfer your data to the United States under standard contractual clauses.",
])
def test_no_named_recipient_without_us_sharing_with_a_named_company(text):
    facts = annotate([text])
    assert not ((facts.concept == "sharing.recipients") & (facts.rule == "we_share_with_named")).any()


@pytest.mark.parametrize("heading, name", [
    ("1. Name and contact details of the controller", "Kranich Werkstatt GmbH"),
    ("Who we are", "Kranich Werkstatt GmbH"),
    ("4. Payment providers", None),  # a company named in an address line elsewhere is not the controller
])
def test_the_company_atop_a_contact_block_is_the_controller(heading, name):
    facts = Policy.from_text(f"{heading}\n\nKranich Werkstatt GmbH, Hafenstrasse 12, 20457 Hamburg, Germany\n").facts
    names = facts.loc[(facts.concept == "controller.identity") & (facts.value_kind == "name"), "value"].tolist()
    assert names == ([name] if name else [])


@pytest.mark.parametrize("block, name, address", [
    # an HTML contact block whose lines are <br>-separated, so one clause with line breaks
    ("Harbor Labs Ltd\n12 Baker Street\nLondon NW1 6XE\nUnited Kingdom\nEmail: privacy@harbor.example",
     "Harbor Labs Ltd", "12 Baker Street London NW1 6XE United Kingdom"),
    # the same flattened onto one line, addressed to a desk first
    ("Privacy Administrator Legal Department Move, Inc. 30 Russell Ranch Road, Westlake Village, CA 91362",
     "Move, Inc.", "30 Russell Ranch Road, Westlake Village, CA 91362"),
])
def test_a_contact_block_names_the_organisation_and_its_whole_address(block, name, address):
    facts = annotate_texts_with_context([block], ["Contact us"])
    assert facts.loc[facts.value_kind == "name", "value"].tolist() == [name]
    assert facts.loc[facts.value_kind == "address", "value"].tolist() == [address]


def test_a_company_under_who_we_are_is_no_recipient():
    # "Who we are" introduces the controller; only "who we share with" headings are about recipients
    facts = Policy.from_text("Who we are\nHearth & Home Lettings Ltd is a letting agency in Norwich.\n"
                             "Who we share it with\n- Brightwater Referencing Ltd, for tenant references\n").facts
    named = facts[facts.value_kind == "recipient"]
    assert named.value.tolist() == ["Brightwater Referencing Ltd"]


def test_a_list_item_that_names_a_provider_after_its_category():
    facts = Policy.from_text("Who we share it with\n- Dental laboratories that make crowns\n"
                             "- Our practice management software provider, Dentally\n").facts
    assert "Dentally" in set(facts.loc[facts.value_kind == "recipient", "value"])


@pytest.mark.parametrize("text", [
    "Cookies are stored for 2 years. We keep your account for 5 years.",
    "We keep your account for 5 years. Cookies are stored for 2 years.",
])
def test_a_sentence_veto_is_decided_for_each_sentence_of_a_clause(text):
    # rules find the same concept in several sentences of a clause; the cookie-lifetime
    # veto holds in the cookie sentence only, in whichever order the facts are met
    periods = annotate([text]).query("concept == 'retention.period' and value_kind == 'days'")
    assert periods.evidence.tolist() == ["5 years"]


def test_an_email_address_hidden_by_the_web_page_is_still_a_contact_channel():
    # copied from a page whose e-mail addresses a script hides: no "@" and no digit left
    facts = annotate(["For questions about your data, write to [email protected] or use our contact form."])
    assert "contact_email_redacted" in set(facts.loc[facts.concept == "controller.contact", "rule"])


@pytest.mark.parametrize("text, addressees", [
    ("If a personal data breach occurs, we will notify the Ministry of Public Security within 72 hours.",
     [("authority", "Ministry of Public Security")]),
    ("In the event of a failure of Personal Data protection, we will notify you and the relevant authority "
     "in writing no later than 3 x 24 hours.", [("individuals", "notify you"), ("authority", "relevant authority")]),
    ("If a breach of security compromises your information, we will notify those individuals whose data "
     "may have been affected.", [("individuals", "notify those individuals")]),
    ("Should a data breach put you at risk, you will be notified without undue delay.",
     [("individuals", "you will be notified")]),
    # the PDP Law's words in English: the Personal Data Subject and the institution
    ("After any failure of Personal Data protection we will notify the Personal Data Subject and the institution in writing "
     "within 3 x 24 hours.", [("individuals", "notify the Personal Data Subject"), ("authority", "the institution")]),
    ("If a personal data breach occurs, we will inform the data subjects concerned and report it to A05.",
     [("individuals", "inform the data subjects"), ("authority", "A05")]),
    # a regulator known by its initials or its name as a commission (Singapore's PDPC)
    ("Should a breach of account data be likely to harm you, we will alert you and the PDPC within three days.",
     [("individuals", "alert you"), ("authority", "PDPC")]),
    ("Breaches involving customer records are reported to the Personal Data Protection Commission.",
     [("authority", "Personal Data Protection Commission")]),
    # the Philippines' National Privacy Commission by its initials
    ("If a breach of personal data occurs, we will notify the NPC and the people affected within 72 hours.",
     [("authority", "NPC"), ("individuals", "people affected")]),
    # India's DPDP Act: the Data Protection Board, the Data Principals
    ("After a breach we will inform the Board and every affected Data Principal.",
     [("authority", "the Board"), ("individuals", "affected Data Principal")]),
    ("Should a breach occur, we will tell the Data Protection Board of India and the Data Principals concerned.",
     [("authority", "Data Protection Board"), ("individuals", "Data Principals concerned")]),
    ("We report qualifying breaches of patient data to HHS's Office for Civil Rights.",
     [("authority", "HHS"), ("authority", "Office for Civil Rights")]),
    # whom to tell is read only where a breach is: no breach, no addressee
    ("Please notify us and the relevant authority if your details change.", []),
])
def test_whom_a_breach_notice_goes_to(text, addressees):
    facts = Policy.from_text(text).facts
    found = facts[facts.value_kind == "addressee"]
    assert set(found.concept) <= {"breach.notification"}
    assert sorted(zip(found.value, found.evidence)) == sorted(addressees)
    for f in found.itertuples():
        assert text[f.start:f.end] == f.evidence


def test_a_breach_the_user_tells_us_of_is_no_breach_notice():
    assert "breach.notification" not in set(annotate(["If you notice a breach of your account, please inform us."]).concept)
    assert "breach.notification" in set(annotate(["We will inform you of any data breach that affects you."]).concept)


def test_data_accessed_without_authorisation_is_a_breach():
    facts = annotate(["If pupil records are accessed without authorisation, we will notify the affected schools within 72 hours."])
    assert set(facts.loc[facts.concept == "breach.notification", "rule"]) == {"compromise_notify", "deadline"}
    assert facts.loc[facts.value_kind == "hours", ["concept", "value"]].values.tolist() == [["breach.notification", "72"]]


def test_a_breach_the_user_reports_to_us_is_no_breach_notice():
    # "report ... to us" is the reader's duty, as "inform us" is; "report ... to" a regulator is ours
    assert "breach.notification" not in set(annotate(["Please report any suspected breach of your login to us."]).concept)
    assert "breach.notification" in set(annotate(["We report breaches of personal data to the regulator."]).concept)
    assert "breach.notification" in set(annotate(["Data incidents are reported to the competent authority."]).concept)


@pytest.mark.parametrize("form", company_forms(words=False))
def test_every_company_form_ends_a_controllers_name(form):
    # one list of forms (structure/company_forms.yaml) drives every reader of a name's end:
    # the name before an address that opens with its house number, and the comparing key
    text = f"Nimbus Notes {form}, 12 Harbour Road, Exampletown, is the controller of your data."
    assert [name_key(name) for name in values(text, "name", "controller.identity")] == ["nimbus notes"]


def test_a_company_then_its_address_then_is_the_controller():
    text = "Sakura Denki K.K., 2-7-1 Marunouchi, Chiyoda-ku, Tokyo, is the controller of your data."
    assert values(text, "name", "controller.identity") == ["Sakura Denki K.K."]
    # a registry number written with full stops (a Brazilian CNPJ) is part of the insert
    text = ('Jabuti Livros Ltda., CNPJ 11.222.333/0001-44, Rua das Flores 20, Curitiba/PR ("Jabuti"), '
            'is the controller of your data.')
    assert values(text, "name", "controller.identity") == ["Jabuti Livros Ltda."]
    # (the town is no name: the company's, before the address, is)
    assert values("Acme Inc., 12 Main St. Suite 4, Springfield, is the controller.", "name",
                  "controller.identity") == ["Acme Inc."]


@pytest.mark.parametrize("text, name", [
    ("Get in touch\nSakura Denki K.K.\n2-7-1 Marunouchi, Tokyo", "Sakura Denki K.K."),
    ("This is the privacy notice of Sakura Denki K.K. It explains what we do.", "Sakura Denki K.K."),
    ('Sakura Denki K.K. (hereinafter "the Company") handles personal information as set out below.',
     "Sakura Denki K.K."),
    ("Sakura Denki K.K. respects your privacy.", "Sakura Denki K.K."),
    ("Sakura Denki K.K. is registered in Tokyo under number 0100-01-123456.", "Sakura Denki K.K."),
    ("Nordlys Data UG (haftungsbeschränkt) is registered in Kiel.", "Nordlys Data UG"),
    # a Turkish notice: "As <company>, in our capacity as data controller"
    ('As Papatya Gıda A.Ş. ("Company"), in our capacity as data controller, we explain our processing.',
     "Papatya Gıda A.Ş."),
])
def test_controller_rules_know_every_company_form(text, name):
    # the rules that need a company form read the one list (a K.K., a German UG)
    facts = Policy.from_text(text).facts
    assert facts.loc[facts.value_kind == "name", "value"].tolist() == [name]


def test_sharing_with_a_company_named_by_its_form():
    facts = annotate(["We share order data with Yamato Transport K.K. for deliveries."])
    assert "share_with" in set(facts.rule)
    assert values("We share order data with Yamato Transport K.K. for deliveries.", "recipient") == ["Yamato Transport K.K."]
