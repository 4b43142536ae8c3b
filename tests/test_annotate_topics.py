"""Topic rules: what a paragraph is about when no heading says so, and passing mentions
that do not make a paragraph about a concept (hand-written example sentences)."""
from __future__ import annotations

import pytest

from privcompare import Policy
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


@pytest.mark.parametrize("title, found", [
    ("Privacy & Cookie Statement", False),      # the document's name, not a statement about cookies
    ("Acme Privacy and Cookies Policy", False),
    ("Cookie and Privacy Notice", False),
    ("Cookie Policy", True),                    # a cookie policy is about cookies
    ("6. Cookies and similar technologies", True),
    ("Privacy & Cookie Statement: how we use cookies", True),
])
def test_cookie_titles_but_not_a_combined_notice_name(title, found):
    assert ("cookies_title" in rules(title, "cookies")) is found


def test_cookie_topic_rule_needs_a_paragraph_without_heading():
    text = "Our shop sets small cookies in your browser so that the basket survives a reload."
    with_heading = annotate_texts_with_context([text], ["Shopping basket"])
    assert "cookies_topic" not in set(with_heading["rule"])


@pytest.mark.parametrize("text, found", [
    ("7. Contact information", True),
    ("How can I reach the company?", True),
    ("Who should I contact about this notice?", True),
    ("Contact data, order data, usage data", False),  # a data category list, not a contact heading
])
def test_contact_headings(text, found):
    assert ("contact_title" in rules(text, "controller.contact")) is found


def test_channels_in_a_sentence_naming_the_dpo_reach_the_dpo():
    facts = annotate(["Our data protection officer answers at officer@shop.example. "
                      "For orders, write to help@shop.example."])
    by_value = dict(zip(facts["value"], facts["concept"]))
    assert by_value["officer@shop.example"] == "dpo"
    assert by_value["help@shop.example"] == "controller.contact"
    dpo = facts[facts["value"] == "officer@shop.example"]
    assert set(dpo["rule"]) == {"dpo_email"} and set(dpo["value_kind"]) == {"email"}


@pytest.mark.parametrize("text, found", [
    ("If you have questions about a delivery, contact your courier directly.", False),
    ("We use this data to get in touch with our suppliers.", False),
    ("Questions about this notice can be sent to our data protection officer.", False),
    ("If you have questions about this notice, please contact us.", True),
    ("Please get in touch if anything is unclear.", True),
])
def test_contact_us_means_contacting_the_controller(text, found):
    assert ("contact_us" in rules(text, "controller.contact")) is found


@pytest.mark.parametrize("text, found", [
    ("Device information", True),
    ("2.3 Payment and billing data", True),
    ("Information from business partners", True),
    ("Sale of personal information", False),   # a topic, not a kind of data
    ("Managing your information", False),
    ("Contact information", False),             # the contact section's heading
])
def test_data_type_headings(text, found):
    assert ("data_type_title" in rules(text, "data.categories")) is found


@pytest.mark.parametrize("text, found", [
    ("How does the shop use my details?", True),
    ("Why we collect and process data", True),
    ("Data collection and use", True),
    ("How we use cookies", False),              # the cookie section
    ("Information on how you use the app", False),
])
def test_purpose_question_headings(text, found):
    assert ("use_question_title" in rules(text, "purposes")) is found


@pytest.mark.parametrize("text, concept, rule, found", [
    ("Viewing and accessing your account data", "right.access", "access_topic_title", True),
    ("Staff access limits", "right.access", "access_topic_title", False),
    ("4. Closing and deleting your profile", "right.erasure", "erasure_topic_title", True),
    ("Retention and deletion", "right.erasure", "erasure_topic_title", False),  # storage, not the right
    ("Moving data between countries: transfers", "transfer.international", "transfer_title", True),
    ("Business transfers", "transfer.international", "transfer_title", False),  # a merger, not abroad
    ("12. Amendments", "policy.changes", "changes_title", True),
    ("When this notice is updated", "policy.changes", "changes_title", True),
    ("Changes to our shop", "policy.changes", "changes_title", False),
    ("Whom do we share your details with?", "sharing.recipients", "recipients_title", True),
    ("Sharing with our courier partners", "sharing.recipients", "recipients_title", True),
])
def test_topic_headings(text, concept, rule, found):
    assert (rule in rules(text, concept)) is found


@pytest.mark.parametrize("row, concept", [
    ("CCTV recordings in our stores | Security | 7 days", "security"),
    ("Data | Purpose | Retention period", "purposes"),
])
def test_a_table_row_is_not_a_title(row, concept):
    # short like a title, but its cells are fields: "Security" is the row's purpose
    facts = annotate([row])
    assert not facts["rule"].str.endswith("_title").any()
    assert concept not in set(facts["concept"])


@pytest.mark.parametrize("text, found", [
    # a transfer said to rest on a transfer mechanism is an international transfer
    ("Our chat provider is based in the United States; transfers to it are covered by the EU-U.S. Data "
     "Privacy Framework and, as a fallback, Standard Contractual Clauses.", True),
    ("Acme transferred these records relying on the Privacy Shield framework.", True),
    ("We transfer your subscription to your new address when you move.", False),
])
def test_a_transfer_under_a_transfer_mechanism_is_international(text, found):
    assert ("transfer.international" in set(annotate([text])["concept"])) is found


def test_how_long_question_is_about_retention():
    assert "retention_period" in rules("How long does the club keep my records?", "retention.period")


@pytest.mark.parametrize("text, found", [
    ("Paper forms are kept in locked cabinets at our office.", True),
    ("Only authorised staff can open customer files.", True),
    ("If a security breach affects your account, we will tell you.", True),
    ("Our servers are located in Frankfurt.", False),
    ("Only customers who sign up receive the newsletter.", False),
])
def test_concrete_security_practices(text, found):
    assert ("security_practice" in rules(text, "security")) is found


@pytest.mark.parametrize("text, days", [
    ("We do not knowingly collect data from children under the age of 13 years and delete it if we do.", []),
    ("Members aged 16 years or older may keep a profile, which we store until it is closed.", []),
    ("We keep invoices for at least 2 years.", ["730"]),
    ("We keep server logs for over 2 years.", ["730"]),
])
def test_ages_are_not_retention_periods(text, days):
    facts = annotate([text])
    assert facts.loc[facts["value_kind"] == "days", "value"].dropna().loc[lambda v: v != ""].tolist() == days


@pytest.mark.parametrize("text, found", [
    # the retention sentence is another one: the criteria wording is about something else
    ("Which cookies we set depends on the type of device you use. We store your data for as long as needed.", False),
    ("Which features you see depends on the type of device you use.", False),
    ("The legal basis we rely on is dependent on the context in which we collect your data.", False),
    ("How long we keep records depends on the type of record.", True),
    # the keeping verb must come before the wording or close after it
    ("Depending on the applicable rules in your country, your options can include: seeing the records "
     "held by us; fixing wrong entries.", False),
    ("Depending on the type of account, we retain your data for longer.", True),
])
def test_retention_criteria_need_a_sentence_about_keeping_data(text, found):
    assert ("retention_criteria" in rules(text, "retention.period")) is found


@pytest.mark.parametrize("text, found", [
    ("Our shop is hosted by Cloudflare in Frankfurt.", {"Cloudflare"}),
    ("We share order details with our couriers and payment processors.", {"delivery companies", "payment processors"}),
    # named before the sharing word, the company is the one acting, not a recipient
    ("Stripe shares fraud signals only with card issuers.", set()),
])
def test_recipients_follow_the_sharing_word(text, found):
    facts = annotate([text])
    rows = facts[(facts["concept"] == "sharing.recipients") & facts["rule"].str.startswith("recipient:")]
    assert set(rows["value"]) == found


@pytest.mark.parametrize("text, found", [
    ("If we cannot settle the matter, you may contact your local data protection authority.", True),
    ("You can also escalate the issue to the competent supervisory authority.", True),
    ("Contact our support team if your parcel is late.", False),
])
def test_turning_to_an_authority_is_the_complaint_right(text, found):
    assert ("right.complaint" in concepts(text)) is found


@pytest.mark.parametrize("text, found", [
    ("3. How we use the information we collect", False),   # a purposes heading
    ("Why do we collect your data?", False),
    ("What we collect and how we use it", True),            # names the data first
    ("Information we collect about you", True),
    ("Our support team collects your order number and e-mail address when you write to us.", True),
])
def test_data_categories_not_read_from_purposes_headings(text, found):
    assert ("data.categories" in concepts(text)) is found


@pytest.mark.parametrize("text", ["Shop Contact Information", "Aggregated Information", "Non-Personal Data"])
def test_kind_of_data_headings_exclude_contact_and_non_personal(text):
    assert "data.categories" not in concepts(text)


@pytest.mark.parametrize("text, found", [
    ("Depending on where you live, these rights may include the right to: access the data we hold.", True),
    ("You may obtain information about the personal data we process about you.", True),
    ("You can request access to, a copy of, or corrections to your records.", True),
    ("You may obtain information about our products from our sales team.", False),
])
def test_access_wordings(text, found):
    assert ("right.access" in concepts(text)) is found


@pytest.mark.parametrize("text, found", [
    ("How we use cookies", False),
    ("Disclosures for business purposes", False),
    ("How we use your data", True),
])
def test_use_headings_exclude_cookie_and_disclosure_sections(text, found):
    assert ("use_title" in rules(text, "purposes")) is found


@pytest.mark.parametrize("text, found", [
    ("We analyse the order history of each store to detect card fraud early.", True),
    ("We use IP addresses and session tokens to authenticate your visits.", True),
    ("We are a small team based in Porto.", False),
    # safeguards used to protect data are security, not a purpose of the processing
    ("We use sensible physical and technical safeguards to protect the records we hold.", False),
    ("We use encryption and firewalls to protect your data.", False),
    ("We use appropriate technical measures to ensure a level of security.", False),
])
def test_we_use_something_to_do_something_states_a_purpose(text, found):
    assert ("we_use_to" in rules(text, "purposes")) is found


@pytest.mark.parametrize("text, found", [
    ("For the purposes of the UK GDPR and the Data Protection Act 2018, we are the controller.", False),
    ("For the purpose of this notice, Acme acts as controller.", False),
    ("We use your data for the purposes of providing the service.", True),
])
def test_for_the_purposes_of_a_law_is_no_purpose(text, found):
    assert ("purposes" in rules(text, "purposes")) is found


@pytest.mark.parametrize("text, found", [
    # when the purpose is over: a deletion, not a use
    ("We delete your data when it is no longer needed for any business or legal purpose.", False),
    ("Profiles stay on file until they are no longer needed to run the app.", False),
    ("We use your data to provide the Services and delete it after two years.", True),
])
def test_a_purpose_that_has_ended_is_no_purpose(text, found):
    assert bool(rules(text, "purposes")) is found


@pytest.mark.parametrize("text, concept, found", [
    # rectification and account deletion
    ("You can see your profile and, where it is wrong, have it corrected or completed.", "right.rectification", True),
    ("Tell us about any inaccuracies in your records.", "right.rectification", True),
    ("You can edit your delivery details at any time.", "right.rectification", True),
    ("We edit the newsletter every Friday.", "right.rectification", False),
    ("You can delete your shop account from the settings page.", "right.erasure", True),
    ("An account manager will help you set up the shop.", "right.erasure", False),
    # objecting to, or opting out of, kinds of processing other than "processing" itself
    ("Members may object to the collection of their location for analytics.", "right.objection", True),
    ("Customers can opt out of certain uses and disclosures of their contact details.", "right.objection", True),
    ("Customers can opt out of the use of your e-mail address for surveys.", "right.objection", True),
    ("Our lawyers object to the proposed merger terms.", "right.objection", False),
    # the objection right's consequence, in the law's words
    ("After an objection the shop stops, except where it shows compelling legitimate grounds that "
     "outweigh yours.", "right.objection", True),
    # restriction named in other words
    ("The right of restriction.", "right.restriction", True),
    ("You may ask for your records to be corrected, deleted or restricted.", "right.restriction", True),
    ("Our tools let members object, restrict, or withdraw their consent.", "right.restriction", True),
    ("You may limit how we use the records of your purchases.", "right.restriction", True),
    # a profile field the user can hide is a visibility setting, not restriction of processing
    ("Your display name can be modified, updated, and restricted in your settings.", "right.restriction", False),
    # portability to another body
    ("You may ask the shop to transmit the records it keeps about you to another body.", "right.portability", True),
    # correction named in a list of what the user can do, or in a heading
    ("Members can access, update or request deletion of their records in the app.", "right.rectification", True),
    ("The right to review, update or to delete what the shop holds on you.", "right.rectification", True),
    ("REVIEWING, CORRECTING AND ERASING YOUR RECORDS", "right.rectification", True),
    ("Acme may revise, modify, or update this notice at any time.", "right.rectification", False),
    ("Amendment to this policy", "right.rectification", False),
    # short withdrawal headings
    ("Right to withdraw", "right.withdraw_consent", True),
    ("3. Revocation", "right.withdraw_consent", True),
    ("Withdrawal of this offer", "right.withdraw_consent", False),
    # transfers between / to listed countries, out of a region, moved abroad
    ("Records may be stored in and transferred between any of the countries where we have offices.",
     "transfer.international", True),
    ("Records may be transferred to the following countries: Canada and Japan.", "transfer.international", True),
    ("We may need to send your records out of the EEA.", "transfer.international", True),
    ("When your records are moved from your home country to another country, other laws apply.",
     "transfer.international", True),
    ("You can opt out of the newsletter at any time.", "transfer.international", False),
    # access in gerunds, long topic headings, CCPA "right to know" wordings
    ("Questions about reviewing or modifying your profile go to the help desk.", "right.access", True),
    ("ACCESSING, CORRECTING, AND DELETING THE RECORDS WE KEEP ABOUT YOU", "right.access", True),
    ("You may request that we disclose certain information to you about our collection of your records.",
     "right.access", True),
    ("To use the access, data portability, and deletion rights, send us a signed request.", "right.access", True),
    ("Staff access is limited to two engineers.", "right.access", False),
    # erasure last in a list of what the user can do, or as "want it to be removed"
    ("Write to the help desk to see, fix, amend, or delete your records.", "right.erasure", True),
    ("Members may withdraw their consent and / or delete their stored records in the app.", "right.erasure", True),
    ("If you want it to be removed from our systems, write to the support desk.", "right.erasure", True),
    ("Exercising Access, Data Portability, and Deletion Rights", "right.erasure", True),
    # automated decisions named as systems that decide
    ("We use automated systems to make decisions about loan applications.", "right.automated_decision", True),
    # contact headings naming the organisation, and questions "submitted" to a channel
    ("Acme Contact Information", "controller.contact", True),
    ("Contacting Acme", "controller.contact", True),
    ("Address Book Contact Information", "controller.contact", False),
    ("Questions about this notice may be submitted by mail to the address below.", "controller.contact", True),
])
def test_rights_and_contact_wordings(text, concept, found):
    assert (concept in concepts(text)) is found


def test_third_parties_as_a_source_are_not_a_sharing_heading():
    """Partners listed under "collected from third-party sources" gave us data; they are
    not recipients. The same list under a sharing heading names recipients."""
    item = ["c. marketing partners and resellers;"]

    def recipients(heading):
        facts = annotate_texts_with_context(item, [heading])
        return set(facts.loc[facts.concept == "sharing.recipients", "value"])

    assert recipients("How we collect information > Information collected from third-party sources") == set()
    assert recipients("How we collect information > Information we receive from third parties") == set()
    assert recipients("Sharing with third parties") != set()


@pytest.mark.parametrize("text, found", [
    # how long cookies last describes the technology, not how long data is kept
    ("Persistent cookies will remain on your computer until you delete them.", set()),
    ("Session cookies are deleted when you close your browser.", set()),
    ("A long-lived cookie will be stored by your browser and will stay valid until the date it expires.",
     set()),
    # data collected through cookies is personal data the organisation keeps
    ("Information collected by cookies is deleted after 26 months.", {"retention.period", "retention.deletion"}),
    ("We keep your account data for 2 years. Cookies are deleted when you close your browser.",
     {"retention.period"}),
    # a flattened cookie table: the row names the cookie, not the word "cookie"
    ("Our cookies: Name Purpose Expiry _pcx_sess Keeps you signed in. 1 day __pcx_ref Stores the page "
     "that referred you, as data for our statistics. 2 years", set()),
    ("We keep your account data for 2 years after you close it. Our cookie is called remember_me.",
     {"retention.period"}),
])
def test_cookie_lifetimes_are_not_retention_statements(text, found):
    concepts = set(annotate([text])["concept"])
    assert concepts & {"retention.period", "retention.deletion"} == found


@pytest.mark.parametrize("text, found", [
    ("We may disclose your personal information where required by law or by a court order.", True),
    ("We keep your data for as long as necessary or as required by law, and then delete it.", False),
    ("We will obtain your consent before sending marketing e-mails where required by law.", False),
])
def test_legal_conditions_of_disclosure_need_a_disclosure(text, found):
    assert bool(rules(text, "sharing.conditions")) is found


def test_legal_conditions_listed_under_a_sharing_heading():
    policy = Policy.from_text("Who we share data with\n\n- Service providers that host our site\n"
                              "- Legal requirements: when required by law or a court order\n")
    assert set(policy.facts.loc[policy.facts["concept"] == "sharing.conditions", "rule"]) == {
        "legal_disclosure"}


@pytest.mark.parametrize("text, found", [
    ("We provide your e-mail address to our payment processors.", True),
    ("We team up with other firms to provide our apps, and our apps can link to websites that third parties "
     "run.", False),
    ("Before we provide the goods you order to you, we ask third parties to run fraud checks.", False),
])
def test_providing_to_third_parties_means_providing_data(text, found):
    assert ("share_with" in rules(text, "sharing.recipients")) is found


def test_a_web_storage_heading_is_not_a_retention_section():
    facts = Policy.from_text("Cookies and Web Storage\n\n_ga Used to distinguish users. 2 years\n\n"
                             "Data Storage\n\nAccount data: 2 years after your last login\n").facts
    periods = facts[facts.concept == "retention.period"]
    assert periods.evidence.tolist() == ["2 years"] and periods.start.item() > 60


@pytest.mark.parametrize("text, bases", [
    # the bases a "legal basis is ..." sentence lists, whatever their wording
    ("The legal basis is the performance of our agreement with you, compliance with our legal "
     "obligations and, for promotions, your explicit consent.",
     {"consent", "contract", "legal_obligation"}),
    ("Our legal bases are your consent and our legitimate interests.", {"consent", "legitimate_interest"}),
    ("We process your data because it is necessary to fulfil our agreement with you.", {"contract"}),
    # consent named outside a statement of the basis is not one
    ("The legal basis is our legitimate interest. You can manage your consent in the settings.",
     {"legitimate_interest"}),
    ("Our legal basis is not your consent but the performance of our contract with you.", {"contract"}),
])
def test_legal_bases_listed_in_a_sentence(text, bases):
    facts = annotate([text])
    found = facts[facts.concept.str.startswith("legal_basis.") & (facts.polarity == "positive")]
    assert {c.split(".", 1)[1] for c in found.concept} == bases


def test_basis_headings_under_a_processing_grounds_section():
    policy = Policy.from_text("3. Processing grounds\n\nConsent:\n\nWe send newsletters to subscribers.\n\n"
                              "Contract:\n\nWe need your address to ship orders.\n\n"
                              "4. Our contracts\n\nContract:\n\nWe sign contracts with suppliers.\n")
    facts = policy.facts[policy.facts.concept.str.startswith("legal_basis.")]
    assert sorted(facts.concept) == ["legal_basis.consent", "legal_basis.contract"]
    assert set(facts.evidence) == {"Consent", "Contract"}
    assert facts.start.max() < policy.text.index("4. Our contracts")  # not the supplier contracts


def test_bases_in_a_table_under_a_lawful_basis_heading():
    policy = Policy.from_text("## Why we use your data and our lawful basis\n\n| Purpose | Lawful basis |\n"
                              "|---|---|\n| To send our newsletter | Consent |\n| To deliver orders | Contract |\n")
    facts = policy.facts[policy.facts.concept.str.startswith("legal_basis.")]
    assert sorted(zip(facts.concept, facts.evidence)) == [("legal_basis.consent", "Consent"),
                                                          ("legal_basis.contract", "Contract")]


def test_a_markdown_table_is_read_under_its_header_row():
    policy = Policy.from_text("## What we collect\n\n| Purpose | Lawful basis | How long |\n|---|---|---|\n"
                              "| To send our newsletter | Consent | 2 years |\n")
    facts = policy.facts
    assert ("legal_basis.consent", "Consent") in set(zip(facts.concept, facts.evidence))
    assert facts.loc[facts.concept == "retention.period", "value"].tolist() == ["730"]
    assert not any(e.startswith("|") for e in facts.evidence)  # a cell's text, not the row's pipe


def test_items_under_a_we_use_your_data_to_lead_in_are_purposes():
    policy = Policy.from_text("Our shop\n\nWe may use your personal information to:\n\n"
                              "(a) send invoices and payment reminders, and collect payments from you;\n"
                              "(b) keep our shop secure and prevent fraud;\n(c) contact us with questions.\n\n"
                              "What we collect\n\nWe collect:\n\n- send dates of your orders;\n")
    purposes = policy.facts[policy.facts.rule == "use_verb_item"]
    assert sorted(purposes.evidence) == [
        "keep our shop secure and prevent fraud",
        "send invoices and payment reminders, and collect payments from you"]


def test_items_under_a_lead_in_that_announces_purposes_are_purposes():
    policy = Policy.from_text("Why we hold your data\n\nThe details you give us serve these purposes:\n\n"
                              "- Customer support;\n- Order fulfilment and delivery; and\n- Improving our website.\n\n"
                              "Who gets it\n\nWe share your data with:\n\n- Couriers;\n- Banks.\n")
    facts = policy.facts[policy.facts.concept == "purposes"]
    items = facts[facts.clause_id.isin(policy.clauses.loc[policy.clauses.kind == "list_item", "clause_id"])]
    assert sorted(items.evidence) == ["Customer support", "Improving our website", "Order fulfilment and delivery"]
    assert len(items) == 3  # one purpose an item, not one from each reading


def test_a_company_listed_under_a_recipients_heading_is_a_recipient():
    policy = Policy.from_text("Who receives your data\n\n- Posten Bring AS, which delivers your parcels;\n"
                              "- Fjellheim Regnskap AS, our accountants.\n\nAbout us\n\n"
                              "- Fjordline Bikes AS runs this shop.\n")
    facts = policy.facts[policy.facts.value_kind == "recipient"]
    assert sorted(facts.value) == ["Fjellheim Regnskap AS", "Posten Bring AS"]
    # a sentence opener is no part of the name
    facts = Policy.from_text("Who receives your data\n\nWhile Nordvik Data AS hosts our shop, it reads nothing.").facts
    assert "While Nordvik Data AS" not in set(facts.value)


def test_an_agreement_with_a_recipient_is_not_the_contract_basis():
    text = ("Recipients outside the EU must protect your data: we sign mirror agreements with them, "
            "and a hosting firm we use abroad has to enter into an agreement with safeguards first.")
    assert "legal_basis.contract" not in set(annotate([text]).concept)


@pytest.mark.parametrize("text, found", [
    ("Before we act on your request, we will verify your identity.", True),
    ("We may ask for a copy of your ID to verify your identity when you exercise your rights.", True),
    # checking identity as a purpose of processing, not as a step of a rights request
    ("We process your data to open your wallet and to verify your identity as required by banking rules.", False),
    ("An outside firm runs our anti-fraud screening and helps us verify your identity.", False),
])
def test_verifying_identity_is_a_step_of_a_request_only_beside_one(text, found):
    assert ("rights.exercise" in concepts(text)) is found


@pytest.mark.parametrize("text, found", [
    ("2. Name and contact details of the controller", True),
    ("The regulator can be reached as follows; this is the contact information for the Dutch "
     "Data Protection Authority: Autoriteit Persoonsgegevens, The Hague.", False),
    ("The payment firm is named in the table, with the contact details of the payment provider.", False),
    ("Your employer may hand us your business contact information for the setup of a team "
     "account.", False),
])
def test_contact_details_of_the_organisation_itself(text, found):
    assert ("contact_us" in rules(text, "controller.contact")) is found


def test_items_under_a_how_we_use_heading_are_purposes_whatever_their_verb():
    text = ("How we use information\n- to run the reading games and show progress to teachers;\n"
            "- to keep the service secure.\n- To the extent the law allows, we combine data.\n\n"
            "Your rights\n- to run a copy of the export tool yourself.")
    facts = Policy.from_text(text).facts
    purposes = facts.loc[facts.rule == "purpose_to_item", "evidence"].tolist()
    assert purposes == ["to run the reading games and show progress to teachers", "to keep the service secure"]


def test_an_item_obtaining_information_under_a_rights_lead_in_is_the_right_to_be_informed():
    text = ("Your rights\nYou have the right to:\na. obtain information about the identity of the Controller and "
            "the purpose of processing;\nb. withdraw your consent.\n\nContact\n- get information about our hours")
    facts = Policy.from_text(text).facts
    assert facts.loc[facts.rule == "information_item", "evidence"].tolist() == ["obtain information about"]


@pytest.mark.parametrize("text, found", [
    ("How we protect your data", True),
    ("5. Security", True),
    # a short sentence ending in a full stop, after a bracket too, is no security heading
    ("To protect deposits in a government-approved tenancy deposit scheme (legal obligation).", False),
    ("We protect deposits in a tenancy deposit scheme.", False),
])
def test_security_headings_are_not_short_sentences(text, found):
    assert ("security_title" in rules(text, "security")) is found
