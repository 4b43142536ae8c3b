"""privcompare.annotate: the spaCy pipeline, its public functions and the qualifiers."""
from __future__ import annotations

import math

import pandas as pd
import pytest

import privcompare as pc
from privcompare.annotate import (FACT_COLUMNS, annotate, annotate_clauses, annotate_many, annotate_texts_with_context,
                                  doc_facts, get_pipeline)
from privcompare.structure import COLUMNS as CLAUSE_COLUMNS


def facts_of(text: str) -> pd.DataFrame:
    return annotate([text])


def one(facts: pd.DataFrame, concept: str) -> pd.Series:
    rows = facts[facts.concept == concept]
    assert len(rows), f"no {concept} fact in {facts[['concept', 'evidence']].values.tolist()}"
    return rows.iloc[0]


def clause_table(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """A clause table from (kind, section, heading, text) with offsets into '\\n'.join(texts)."""
    out, pos = [], 0
    for i, (kind, section, heading, text) in enumerate(rows):
        out.append((f"c{i}", kind, section, heading, 1 if kind != "paragraph" else 0, "", text,
                    pos, pos + len(text)))
        pos += len(text) + 1
    return pd.DataFrame(out, columns=CLAUSE_COLUMNS)


def test_pipeline_is_blank_english_plus_own_components_built_once():
    nlp = get_pipeline()
    assert nlp is get_pipeline()
    assert nlp.lang == "en" and nlp.meta.get("vectors", {}).get("width", 0) == 0
    assert nlp.pipe_names == ["privcompare_triggers", "privcompare_concepts", "privcompare_values",
                              "privcompare_negation", "privcompare_qualifiers"]


def test_tokenizer_caches_more_chunks_than_spacys_default():
    # spaCy stops caching after 10,000 chunks; a batch of policies meets far more
    import spacy

    assert spacy.blank("en").tokenizer.max_cache_size == 10_000  # the default this raises
    assert get_pipeline().tokenizer.max_cache_size >= 50_000


def test_facts_are_spans_with_extensions():
    doc = get_pipeline()("We do not sell your personal data.")
    (span,) = [s for s in doc.spans["facts"] if s.label_ == "sharing.sale"]
    assert (span._.polarity, span.id_) == ("negative", "sale")
    assert span.text in doc.text
    assert doc_facts(doc)[0][0] == "sharing.sale"


def test_annotate_columns_and_segment_offsets():
    texts = ["Nothing here.", "Email privacy@acme.example for help."]
    facts = annotate(texts)
    assert list(facts.columns) == ["segment"] + FACT_COLUMNS[1:]
    email = one(facts, "controller.contact")
    assert email.segment == 1
    assert texts[1][email.start:email.end] == email.evidence


def test_segments_are_read_with_plain_spaces_and_evidence_is_the_callers_text():
    # text from a web page keeps its NBSPs and CRLFs; annotate() does not normalise it
    # (offsets are the caller's) but its rules must read it as ordinary spaces
    text = "We keep your data for\u00a05\u00a0years.\r\nWe\u00a0never sell your personal data."
    facts = annotate([text])
    assert "retention_keep" in set(facts["rule"])
    assert set(facts.query("concept == 'sharing.sale'")["polarity"]) == {"negative"}
    assert [text[s:e] for s, e in zip(facts.start, facts.end)] == facts.evidence.tolist()
    assert any("\u00a0" in e for e in facts.evidence)


def test_empty_inputs_give_empty_frames_with_columns():
    assert list(annotate([]).columns) == ["segment"] + FACT_COLUMNS[1:]
    assert annotate_clauses(clause_table([])).empty
    assert list(annotate_clauses(clause_table([])).columns) == FACT_COLUMNS


@pytest.mark.parametrize("text, concept", [
    ("We do not sell your personal data.", "sharing.sale"),
    ("We will never share your data with third parties.", "sharing.recipients"),
    ("We don't sell personal information to anyone.", "sharing.sale"),
    ("Personal data is never sold.", "sharing.sale"),
    # what is not sold may be named instead of "data": a name, an e-mail address, a list
    ("We do not sell your name or email address to third parties.", "sharing.sale"),
    ("We will never sell, rent or trade your e-mail address.", "sharing.sale"),
    ("We never sell our mailing list.", "sharing.sale"),
    # a denial of automated decisions reaches past the decisions' object to "based"
    ("We don't make decisions about you based solely on automated processing.", "right.automated_decision"),
])
def test_negation(text, concept):
    assert one(facts_of(text), concept).polarity == "negative"


@pytest.mark.parametrize("text, polarity", [
    # GDPR Art. 22 states the right with "not": it is still a right the policy grants
    ("You have the right not to be subject to automated decision-making.", "positive"),
    ("You also have the right not to be subjected to automated individual decision making.", "positive"),
    ("You have the right to: not let robots make big decisions about you", "positive"),
    ("Your rights may include: getting a copy of your data; Not be subject to a decision based solely on "
     "automated processing", "positive"),
    # a practice without a right
    ("We do not use automated decision-making.", "negative"),
    ("You will not be subject to automated decisions.", "negative"),
    # the denial reaches past "use your personal information for"
    ("Our shop does not use any of your personal data for automated decisions with legal "
     "effects.", "negative"),
    ("We don't process your personal data for automated decision-making.", "negative"),
    ("We never use the information we collect for automated decision-making.", "negative"),
])
def test_automated_decision_right_worded_with_not(text, polarity):
    assert one(facts_of(text), "right.automated_decision").polarity == polarity


@pytest.mark.parametrize("text, sold", [
    ("Such data is never sold to anyone.", True),
    # goods rented or sold are no data sold: the clause names no data
    ("Our e-scooters may only be rented by persons aged 18 or over.", False),
    ("Our products are sold through selected retailers.", False),
])
def test_a_passive_sale_needs_data_in_its_clause(text, sold):
    assert ("sharing.sale" in set(facts_of(text).concept)) is sold


def test_a_gdpr_article_cited_to_define_a_term_states_nothing_of_its_own():
    # the denial is out of the negation's reach, the citation only says what is meant
    facts = facts_of("We do not use automated decision-making including profiling within the meaning of "
                     "Art. 22 GDPR.")
    assert set(facts.loc[facts.concept == "right.automated_decision", "polarity"]) == {"negative"}
    assert one(facts_of("You have the right not to be subject to automated decisions (Art. 22 GDPR)."),
               "right.automated_decision").polarity == "positive"


def test_a_legal_basis_cited_by_article_and_letter_is_quoted_whole():
    facts = facts_of("Name, e-mail address | Customer account | Art. 6(1)(b) GDPR | 3 years")
    assert set(facts.loc[facts.concept == "legal_basis", "evidence"]) == {"Art. 6(1)(b)"}


@pytest.mark.parametrize("text, polarity", [
    # a US notice owning that its sharing is a "sale" as the law defines one
    ('We share internet activity with advertising partners, which may be considered "selling" under California law.',
     "positive"),
    ("Sharing identifiers with ad networks may constitute a sale under the CCPA.", "positive"),
    ("This is not deemed a sale of personal information.", "negative"),
])
def test_sharing_the_law_counts_as_a_sale(text, polarity):
    assert set(facts_of(text).query("concept == 'sharing.sale'").polarity) == {polarity}


def test_positive_statements_stay_positive():
    assert one(facts_of("We may sell your personal data to partners."), "sharing.sale").polarity == "positive"
    assert one(facts_of("We share data with service providers."), "sharing.recipients").polarity == "positive"
    # "do not hesitate", "aggregated or not", "Do-Not-Call", "not limited to" negate nothing
    facts = facts_of("If you have questions, please do not hesitate to contact us at privacy@acme.example.")
    assert set(facts.loc[facts.rule == "contact_us", "polarity"]) == {"positive"}
    facts = facts_of("We may share anonymous data, aggregated or not, with third parties.")
    assert set(facts.loc[facts.concept == "sharing.recipients", "polarity"]) == {"positive"}
    facts = facts_of("To be added to our Do-Not-Call register, please contact us by phone.")
    assert set(facts.loc[facts.rule == "contact_us", "polarity"]) == {"positive"}
    facts = facts_of("We rely on other legal bases, including but not limited to the performance of a contract.")
    assert set(facts.loc[facts.concept == "legal_basis", "polarity"]) == {"positive"}
    facts = facts_of("For transfers abroad we rely on safeguards, which may include but are not limited to "
                     "the standard contractual clauses of the European Commission.")
    assert set(facts.loc[facts.concept == "transfer.safeguards", "polarity"]) == {"positive"}


@pytest.mark.parametrize("text, concept, polarity", [
    # a negation inside a condition that a comma closes negates the condition only
    ("Use the settings page or, if that does not work, you can contact us at help@acme.example.",
     "controller.contact", "positive"),
    ("Once your records are no longer needed, we will securely erase them.", "retention.deletion", "positive"),
    ("Even if you never sign in, usage data is automatically collected by the app.", "data.categories",
     "positive"),
    # the user's wish is an opt-out, not a practice the organisation denies
    ("If you do not wish to receive promotional e-mails from us, you can use the unsubscribe link.",
     "right.opt_out_marketing", "positive"),
    ("If you don't want to receive marketing e-mails from us, you can unsubscribe at any time.",
     "right.opt_out_marketing", "positive"),
    ("We do not want to sell your personal data.", "sharing.sale", "negative"),
    # the CCPA link's name: a business that sells must show it
    ("California residents can opt out with the Do Not Sell My Personal Information link.", "sharing.sale",
     "positive"),
    ("Do Not Sell or Share My Personal Information", "sharing.sale", "positive"),  # the CPRA's name for it
    # ... but a negation whose comma is a list's or an aside's still negates
    ("We do not sell, rent or trade your personal data.", "sharing.sale", "negative"),
    ("We do not, under any circumstances, sell your personal data.", "sharing.sale", "negative"),
    ("When you close your account, we do not sell your personal data.", "sharing.sale", "negative"),
    ("If you do not opt in, we will not sell your personal data.", "sharing.sale", "negative"),
    # a new clause with its own subject after a denial is not denied
    ("We never sell your data, we don't show ads, and you can export or delete everything whenever you like.",
     "right.erasure", "positive"),
    ("We do not sell, rent, or share your personal data with advertisers.", "sharing.recipients", "negative"),
    # the exception is inside the fact when the fact runs on to the recipient it names
    ("We do not transfer customer data abroad, except backups stored with Amazon Web Services in Ireland.",
     "sharing.recipients", "positive"),
    # a negation in a bracketed aside that closes before the fact denies nothing after it ...
    ("Upon a sale of the shop (not planned), we would share your order history with the buyer.",
     "sharing.recipients", "positive"),
    # ... but one before the bracket still does
    ("We do not (and never will) share your order history with advertisers.", "sharing.recipients", "negative"),
    # a long condition that opens more than a window's width before the fact
    ("Where we move personal data to a country whose privacy rules our regulator has found to be not adequate, "
     "we use standard contractual clauses.", "transfer.safeguards", "positive"),
])
def test_negation_in_a_condition_stays_in_it(text, concept, polarity):
    assert set(facts_of(text).query("concept == @concept")["polarity"]) == {polarity}


@pytest.mark.parametrize("text, concept, polarity", [
    # an exception after a denial: the practice happens, under a condition
    ("We do not share your personal data with third parties except as described in this policy.",
     "sharing.recipients", "positive"),
    ("We will not disclose your information to law enforcement unless required by law.",
     "sharing.recipients", "positive"),
    ("We will not share your data with partners without your consent.", "sharing.recipients", "positive"),
    # ... not across a full stop, nor from an "except that" clause
    ("We do not share your data with advertisers. Unless you opt in, we show generic ads.",
     "sharing.recipients", "negative"),
    ("We do not sell your data, except that we may share it with partners.", "sharing.sale", "negative"),
    # a denial of sale stays one: the exception belongs to the sharing denied with it
    ("We do not sell or disclose your data except as described below.", "sharing.sale", "negative"),
    # whole short sentences are no headings: their own "not" counts
    ("We do not use cookies.", "cookies", "negative"),
    ("This website does not use cookies.", "cookies", "negative"),
    ("We do not transfer your data outside the EEA.", "transfer.international", "negative"),
    ("Our website uses cookies.", "cookies", "positive"),
    # the CCPA's non-discrimination denies the discrimination, not the exercise of rights
    ("We will not discriminate against you for exercising your rights.", "rights.exercise", "positive"),
    ("You have the right not to be discriminated against for exercising these rights.", "rights.exercise",
     "positive"),
])
def test_exceptions_and_short_denials(text, concept, polarity):
    facts = facts_of(text).query("concept == @concept")
    assert set(facts["polarity"]) == {polarity}
    if polarity == "positive" and any(w in text for w in ("except", "unless", "without")):
        assert set(facts["qualifier"]) == {"conditional"}


def test_a_word_of_a_web_address_is_no_recipient():
    facts = facts_of("We make public posts available to everyone, see https://partners.example.org for our partners.")
    evidence = facts.loc[facts.concept == "sharing.recipients", "evidence"]
    assert not evidence.str.contains("example.org", regex=False).any()


@pytest.mark.parametrize("text, polarity", [
    # the recipient of a denied sharing is denied with it, however far from the "not"
    ("We do not sell or share your personal information with third-party advertisers.", "negative"),
    ("We never pass your e-mail address on to our newsletter partners.", "negative"),
    ("We do not rent, sell or otherwise disclose your data to data brokers or advertising networks.", "negative"),
    # ... unless the sentence turns before it
    ("We do not sell your data, but we share it with service providers that host our website.", "positive"),
    ("We will not sell your data to third parties outside our group of affiliated companies.", None),
])
def test_the_recipients_of_a_denied_sharing_are_denied(text, polarity):
    facts = facts_of(text)
    recipients = facts[facts["value_kind"].isin(["recipient", "recipient_category"])]
    assert len(recipients)
    if polarity is None:  # "outside our group": the group companies are no denied recipient
        assert set(recipients.loc[recipients["value"] == "affiliates", "polarity"]) == {"positive"}
    else:
        assert set(recipients["polarity"]) == {polarity}


@pytest.mark.parametrize("text, conditional", [
    ("California residents may request to know the categories of personal information we collect.", True),
    ("EEA users can object to processing based on legitimate interests.", True),
    ("You can object to processing based on legitimate interests.", False),
    # the law's name is no group of people
    ("Under the California Consumer Privacy Act you can request deletion of your data.", False),
])
def test_rights_for_residents_of_a_place_are_conditional(text, conditional):
    rights = facts_of(text).query("concept.str.startswith('right.')", engine="python")
    assert len(rights) and set(rights["qualifier"].str.contains("conditional")) == {conditional}


@pytest.mark.parametrize("text, conditional", [
    # "if you have questions" is how to use the channel, not a condition on it
    ("If you have any questions about this notice, please email privacy@acme.example.", False),
    ("If you have concerns, our data protection officer can be reached at dpo@acme.example.", False),
    ("If you have an account with us, we may email you at the address you gave us, privacy@acme.example.", True),
])
def test_a_question_to_ask_is_no_condition_on_a_contact(text, conditional):
    channels = facts_of(text).query("value_kind == 'email'")
    assert len(channels) and set(channels["qualifier"].str.contains("conditional")) == {conditional}


def test_the_organisation_named_as_the_subject_of_deletion():
    text = "If you close your account, Acme will delete the information it holds about you."
    assert "name_will_delete" in set(facts_of(text)["rule"])
    text = "If you close your account, You will delete the information you hold about others."
    assert "name_will_delete" not in set(facts_of(text)["rule"])
    # "We" is no name: the we-rule reads it, also for accounts left unused
    assert set(facts_of("We will destroy your records.")["rule"]) & {"name_will_delete"} == set()
    assert "we_will_delete" in set(facts_of("We will purge inactive accounts after two years.")["rule"])


def test_selling_data_is_still_found():
    for text in ("We sell your Personal Data to advertisers.", "We may trade your information with partners.",
                 "Your personal data may be sold to data brokers."):
        assert "sharing.sale" in set(facts_of(text)["concept"]), text
    # a sale that is no sale of data
    for text in ("We will notify you of any sale by email.", "If you buy on sale, your name appears on the receipt.",
                 # a letting agent's rent is no renting out of data
                 "This includes proof of identity and right to rent documents, employment and income details.",
                 "We check that you can pay the rent from your bank details.",
                 "Your rent payments and bank details are processed by our accounting team."):
        assert "sharing.sale" not in set(facts_of(text)["concept"]), text


def test_a_laws_amendment_is_not_a_policy_change():
    text = ("Some sharing may count as a \"sale\" under the CCPA, as amended, within the meaning used in "
            "this Privacy Policy.")
    assert "policy.changes" not in set(facts_of(text)["concept"])
    assert "policy.changes" in set(facts_of("We may amend this Privacy Policy from time to time.")["concept"])


@pytest.mark.parametrize("text", [
    "We retain your personal data for as long as necessary to provide the service.",
    "We keep your information for a reasonable period of time.",
    "Data is stored no longer than is necessary for the purposes.",
    "Records are kept for the shortest period necessary to meet these purposes.",  # PIPL Art. 19's words
    "Customer files will not be kept longer than is necessary for these purposes.",
    "Once a trial ends, the studio keeps the uploaded sketches for a commercially reasonable time.",
    "Invoices are retained for such period as may be required by tax rules.",
    "Survey answers are stored just long enough to produce the yearly report.",
])
def test_vague_retention(text):
    facts = facts_of(text)
    vague = facts[(facts.concept == "retention.period") & (facts.value == "vague")]
    assert len(vague) == 1 and "vague" in vague.iloc[0].qualifier


@pytest.mark.parametrize("text, criteria", [
    ("How long we retain data depends on the type of data and our legal obligations.", True),
    # the life of the account or the contract determines the period (GDPR Art. 13(2)(a))
    ("We keep your profile while your account is active.", True),
    ("Order data is stored for the duration of our contractual relationship.", True),
    ("We retain your messages for the term of your subscription.", True),
    ("While you use the app, we show you offers.", False),
])
def test_retention_criteria(text, criteria):
    facts = facts_of(text)
    assert ("criteria" in set(facts[facts.concept == "retention.period"].value)) is criteria


@pytest.mark.parametrize("text, concept", [
    ("If you are in the EEA, you have the right to object to processing.", "right.objection"),
    ("Where required by law, we share data with government authorities.", "sharing.recipients"),
    ("Depending on your location, you can request a copy of your personal data.", "right.access"),
    # a practice that happens only when it becomes necessary
    ("If a transfer abroad becomes necessary, we use standard contractual clauses.", "transfer.international"),
    ("Where such a transfer is required, we rely on standard contractual clauses.", "transfer.safeguards"),
    ("If it is necessary to transfer your data outside the EEA, we rely on an adequacy decision.",
     "transfer.international"),
    ("Should we need to transfer your details to a country outside the EEA, we rely on standard contractual clauses.",
     "transfer.international"),
    ("In the event that we sell our business, we may disclose your data to the buyer.", "sharing.recipients"),
    ("If our reply does not settle it and you are located in the EEA, a supervisory authority can hear your "
     "complaint.", "right.complaint"),
    ("Nobody under 13 (16 in the EU) may open an account.", "children"),
    # a condition that opens the sentence holds across its coordinated clauses
    ("If you are in the EEA, you may obtain a copy of what we hold, and you can object to processing.",
     "right.objection"),
    ("We pass your data to the police if this is necessary to investigate an accident.", "sharing.recipients"),
])
def test_conditions(text, concept):
    assert "conditional" in one(facts_of(text), concept).qualifier


@pytest.mark.parametrize("text", [
    "Unhappy with how we handled it? You can complain to the OAIC at www.oaic.gov.au.",
    "You may lodge a complaint with the PDPC.",
    "You can also complain to Datatilsynet.",
])
def test_a_complaint_to_a_regulator_known_by_its_initials(text):
    assert "right.complaint" in set(facts_of(text).concept)


@pytest.mark.parametrize("text, concept", [
    ("You are free to obtain a copy of your records from us.", "right.access"),
    # an aside that qualifies the next right only, and a reason to write to us
    ("You may obtain a copy of your records and, if necessary, have them amended.", "right.access"),
    ("In the event that you have a complaint, please contact us at privacy@example.com.", "controller.contact"),
    # a place named in passing is no condition on who is concerned
    ("We use your data to check that you are legally entitled to work in the UK.", "purposes"),
    ("Complaints can go to the Information Commissioner's Office, the regulator for data protection in the UK.",
     "right.complaint"),
    # a condition in the next coordinated clause is that clause's
    ("We do not sell your personal information and we do not use it for direct marketing without your consent.",
     "sharing.sale"),
    ("The app is not meant for kids under 16, and we won't gather their data unless a parent agrees.",
     "children"),
])
def test_unconditional_statement_has_no_condition(text, concept):
    assert one(facts_of(text), concept).qualifier == ""


def test_heading_context_turns_terse_items_into_rights():
    table = clause_table([
        ("heading", "", "Your Rights", "Your Rights"),
        ("list_item", "Your Rights", "Your Rights", "Access: Request a copy"),
        ("list_item", "Your Rights", "Your Rights", "Deletion: Request removal"),
        ("heading", "", "Payments", "Payments"),
        ("list_item", "Payments", "Payments", "Access: card details are tokenised"),
    ])
    facts = annotate_clauses(table)
    by_clause = facts.groupby("clause_id").concept.agg(set)
    assert "right.access" in by_clause["c1"]
    assert "right.erasure" in by_clause["c2"]
    assert "right.access" not in by_clause.get("c4", set())


def test_clause_offsets_point_into_the_policy_text():
    policy = pc.Policy.from_text("Privacy\nWe keep logs for 30 days.\nEmail dpo@acme.example.")
    facts = policy.facts
    assert len(facts) and set(facts.columns) >= set(FACT_COLUMNS)
    for row in facts.itertuples():
        assert policy.text[row.start:row.end] == row.evidence
        assert row.clause_id in set(policy.clauses.clause_id)


def test_legal_basis_sub_ids_also_state_the_parent():
    facts = facts_of("We process your data on the basis of our legitimate interests.")
    sub = one(facts, "legal_basis.legitimate_interest")
    parent = facts[(facts.concept == "legal_basis") & (facts.value == "legitimate_interest")]
    assert len(parent) == 1 and parent.iloc[0].evidence == sub.evidence
    assert parent.iloc[0].value_kind == "basis"


def test_annotate_many_streams_one_frame_per_table_in_order():
    tables = [pc.Policy.from_text(t).clauses for t in
              ["We keep data for 2 years.", "", "Children under 13 may not use the app."]]
    frames = list(annotate_many(iter(tables)))
    assert len(frames) == 3 and frames[1].empty
    assert "retention.period" in set(frames[0].concept) and "children" in set(frames[2].concept)
    assert "children" not in set(frames[0].concept)
    # the same as annotating each table alone
    for table, frame in zip(tables, frames):
        pd.testing.assert_frame_equal(annotate_clauses(table), frame)


@pytest.mark.parametrize("batch_size", [1, 5])
def test_batches_give_the_facts_of_one_doc_at_a_time(batch_size):
    # components run over a whole batch before the next component: no fact may depend on
    # where a batch ends (a yes/no question and its answer, a lead-in and its items, the
    # next policy's first clauses in the same batch)
    texts = ["Do we sell your data?\nNo.\nWe will never:\n- sell your data\n- rent it",
             "Your rights\nYou may ask us to delete your data. Contact privacy@example.com.",
             "We keep logs for 90 days.\nChildren under 13 may not use the app."]
    tables = [pc.Policy.from_text(t).clauses for t in texts]
    for got, want in zip(annotate_many(tables, batch_size=batch_size), annotate_many(tables, batch_size=1000)):
        pd.testing.assert_frame_equal(got, want)
    assert annotate(texts, batch_size=batch_size).equals(annotate(texts, batch_size=1000))


def test_number_is_nan_without_a_numeric_value():
    facts = facts_of("We use cookies. We keep logs for 90 days.")
    assert all(math.isnan(n) for n in facts[facts.value_kind != "days"].number)
    assert 90.0 in set(facts.number)


def test_annotated_docs_survive_multiprocessing():
    """Docs carry their facts in serialisable user data, so nlp.pipe(n_process=2) works."""
    texts = ["We never sell your personal data.", "Email privacy@acme.example."] * 2
    docs = list(get_pipeline().pipe(texts, n_process=2, batch_size=2))
    sale = [s for s in docs[0].spans["facts"] if s.label_ == "sharing.sale"]
    assert sale and sale[0]._.polarity == "negative"
    assert "privacy@acme.example" in {f[3] for f in doc_facts(docs[1])}


@pytest.mark.parametrize("text, rule", [
    ('Acme Widgets ("we," "us," or "our") operates the acme.example website.', "identity_we_alias"),
    ("Borealis Ltd (“Borealis”, “we”, “us”) provides the app.", "identity_we_alias"),
    ("Larkspur Media and its subsidiaries and affiliates (jointly “Larkspur”, “we”) publish the app.",
     "identity_we_alias"),
    ("At Northwind Traders, we respect your privacy.", "identity_at_name"),
    ("At Larkspur Books we care about your privacy.", "identity_at_name"),
    ("This privacy notice applies to data processing by: Wendel Tools GmbH, Example Street 4, Kassel",
     "identity_processing_by"),
    ("Example Media GmbH is the controller of your personal data.", "identity_is_controller"),
    ("The data controller is Example Media GmbH.", "identity_is_controller"),
    ("The controller within the meaning of the General Data Protection Regulation (GDPR) is Brunnen GmbH, "
     "Hafenstraße 12, 20457 Hamburg.", "identity_controller_is_name"),
    ("Company Name or Legal Entity:", "identity_legal_entity_heading"),
    ("Registered in England and Wales with company number 01234567.", "identity_legal_entity_heading"),
    ('This website ("Site") is operated by Example Media Ltd.', "identity_operated_by"),
    ("The app is operated by or on behalf of Lumen Games Corporation.", "identity_operated_by"),
    ("Welcome to the Privacy Policy of PT. Contoh Teknologi (www.contoh.example).", "identity_policy_of"),
])
def test_controller_identity(text, rule):
    rules = set(facts_of(text).query("concept == 'controller.identity'")["rule"])
    assert rule in rules


@pytest.mark.parametrize("text", ["At Times we may ask you questions.", "At Any Time, we may update this notice.",
                                  "Analytics processing by Google LLC helps us measure visits.",
                                  "The Firm is the controller of the personal data you give us."])
def test_no_controller_name_from_an_adverbial_or_a_service_provider(text):
    assert facts_of(text).query("concept == 'controller.identity' and value != ''").empty


def test_the_country_that_ends_an_address_is_no_controller():
    facts = facts_of('Fjordline Bikes AS (org. no. 912 345 678), Strandgata 14, 5013 Bergen, Norway ("Fjordline", '
                     '"we") is the controller of your data.').query("concept == 'controller.identity' and value != ''")
    assert set(facts.value) == {"Fjordline Bikes AS"}
    assert set(facts_of("US Bank is the controller.").value) >= {"US Bank"}  # a name that starts with one is


@pytest.mark.parametrize("text, rule, name", [
    ("At Café Müller, we respect your privacy.", "identity_at_name", "Café Müller"),
    ("This app is operated by Công Ty Cổ Phần Ví Dụ.", "identity_operated_by", "Công Ty Cổ Phần Ví Dụ"),
    ("Registered under the laws of Curaçao with company number 123.", "identity_legal_entity_heading", "Curaçao"),
    ("Once you close your account, Zoë will delete the data it holds.", "name_will_delete", "Zoë"),
])
def test_rules_read_names_spelled_with_non_english_letters(text, rule, name):
    # rules compile with ASCII classes (resources.RULE_FLAGS); names must say (?u:...)
    evidence = " ".join(facts_of(text).query("rule == @rule")["evidence"])
    assert name in evidence


@pytest.mark.parametrize("text", [
    "We use your data for (we think) good reasons.",
    "Contact us (we respond quickly).",
    "We collect your name, phone number and company name.",
    "Some cookies are operated by third parties.",
    "Welcome to our website.",
])
def test_no_controller_identity_without_a_name(text):
    assert "controller.identity" not in set(facts_of(text)["concept"])


@pytest.mark.parametrize("text, concept", [
    ("If we send your data outside the EEA, there will be a contract in place so that the recipient protects it.", "transfer.safeguards"),
    ("When we transfer data to other countries we make sure it is protected to the same standard as in the UK.", "transfer.safeguards"),
    ("Data transfers out of the UK and EEA", "transfer.international"),
    ("Some of our service providers are located outside the European Economic Area.", "transfer.international"),
    ("We take reasonable measures to protect your personal data against loss and misuse.", "security"),
    ("Our support staff may access your data from outside the EEA when you call us.", "transfer.international"),
    ("No transfer to another country takes place unless adequate controls are in place.", "transfer.safeguards"),
    ("You may request (iv) deletion or restriction of your personal data.", "right.erasure"),
    ("You may request (iv) deletion or restriction of your personal data.", "right.restriction"),
    ("You can ask us to provide access to, correct or erase the records we keep on you.", "right.access"),
])
def test_general_wordings_found(text, concept):
    assert concept in set(facts_of(text)["concept"])


@pytest.mark.parametrize("text, concept", [
    ("We reserve the right to pass your details on when government authorities ask us for them.", "right.complaint"),
    ("If you are a California resident you can limit your use of the app.", "right.restriction"),
    ("You can block the use of cookies in your browser settings.", "right.restriction"),
    ("We sign contracts with our suppliers.", "transfer.safeguards"),
    # where a caller phones from or the user is, and a business sale, are not international transfers
    ("Some of our streaming features are unavailable if you're outside the UK.", "transfer.international"),
    ("Ring our helpline on 0300 555 0100 (or +44 20 7946 0000 when calling from outside the UK).",
     "transfer.international"),
    ("Company mergers, takeovers and transfers of products or services", "transfer.international"),
    # a transfer needed to perform the contract with the user is a derogation, not a safeguard
    ("We move your data outside the EEA only as far as we need to for the contract between us.",
     "transfer.safeguards"),
    ("We transfer data outside the EEA where necessary for the performance of a contract with you.",
     "transfer.safeguards"),
    ("Unresolved disputes go to binding arbitration.", "right.complaint"),
    # a practice of ours, not a right of the user's
    ("We limit the use of your content so that no employee can read it.", "right.restriction"),
    ("Our cookies keep some settings on your phone, and we also access certain details kept on the "
     "devices you use, as our cookie notice explains.", "right.access"),
    ("Our service providers may access your personal information; they can access the data only as needed.",
     "right.access"),
    # "reasonable measures" to do something else are no security safeguards
    ("Should we find an account opened by a child, we will take reasonable measures to quickly erase it "
     "along with its history.", "security"),
    # advice about the internet is no deletion practice
    ("Remember that it is hard to delete a post once other people have copied it, so think before you "
     "share.", "retention.deletion"),
    ("Once others have copied a post it can be very difficult to remove it from the web, so think first.",
     "right.erasure"),
    # the policy's own date is no correction right
    ("This notice was last updated and amended on 3 March 2024.", "right.rectification"),
    # a sale of the business's assets is not selling personal data
    ("Should our company be merged, acquired or go through a sale of assets, customer data could move to the "
     "new owner.", "sharing.sale"),
    ("If any part of our business is sold to or merged with another business entity, your data may be part "
     "of the transferred assets.", "sharing.sale"),
    ("We collect your transaction history, trading data and tax identification number.", "sharing.sale"),
    ("We do not process criminal records or trade union membership information.", "sharing.sale"),
    ("We keep you up to date with offers, promotions and Sale information unless you opt out.", "sharing.sale"),
    # a heading of the retention practice is not the right to erasure
    ("Retention and Deletion of Your Personal Data", "right.erasure"),
    # reaching the website is not access to one's data
    ("Giving us these details is optional, but it is not possible to access the app if the data is "
     "missing from the sign-up form.", "right.access"),
    # telling the user what a partner will receive is not the right of access
    ("When you connect a partner app, we will tell you what information the partner may receive before "
     "anything is shared.", "right.access"),
    # what the organisation itself may or may not delete is not the user's right to erasure
    ("If we find out that we processed the data of a child without parental consent, we reserve the right "
     "to delete it.", "right.erasure"),
    ("In that case we will be able to delete our own copy of a chat with you, but the social network may still "
     "keep its copy.", "right.erasure"),
    ("Public posts can be seen by anyone. Sometimes we may not be able to remove what you posted from those "
     "pages.", "right.erasure"),
    # clearing cookies in a browser is not the right to erasure
    ("You can delete cookies already stored on your computer.", "right.erasure"),
    ("In Firefox you can remove all cookies under Privacy settings.", "right.erasure"),
    ("Most browsers let you choose to remove or block first- and third-party cookies in their privacy "
     "settings.", "right.erasure"),
])
def test_near_misses_not_found(text, concept):
    assert concept not in set(facts_of(text)["concept"])


@pytest.mark.parametrize("text, found", [
    ("If we learn that we collected data from a child, we will promptly take steps to delete such information.", True),
    ("If the account stays inactive, we will delete their account.", True),
    ("We reserve the right to delete it.", True),
    ("You may request that we delete your data.", False),
])
def test_first_person_deletion_statement(text, found):
    rules = set(facts_of(text).query("concept == 'retention.deletion'")["rule"])
    assert ("we_will_delete" in rules) is found


@pytest.mark.parametrize("text, concept", [
    ("You can ask us to restrict the processing of your data for a while.", "right.restriction"),
    ("You can ask us to limit the use of your data.", "right.restriction"),
    ("You can also access your personal information in your account settings.", "right.access"),
    ("You can ask us to delete your data and the cookies we set.", "right.erasure"),
])
def test_rights_next_to_the_near_misses(text, concept):
    assert concept in set(facts_of(text)["concept"])


@pytest.mark.parametrize("text, found", [
    ("We delete log files following the end of the retention period.", True),
    ("Your data is deleted once your account is closed.", True),
    # instructions, not a time: "by following the process"
    ("You can request to delete the information we hold by following the process described below.", False),
])
def test_deletion_time_statement(text, found):
    rules = set(facts_of(text).query("concept == 'retention.deletion'")["rule"])
    assert ("delete_after" in rules) is found


@pytest.mark.parametrize("text, concept, found", [
    ("You can switch these cookies off at any time in the preference centre.", "right.withdraw_consent", True),
    ("You can ask us to stop processing your data.", "right.withdraw_consent", True),
    ("If you don't agree, you can always stop using our services.", "right.withdraw_consent", False),
    ("You can delete your account in the settings.", "right.withdraw_consent", False),
    ("We do not sell your information to third parties.", "sharing.sale", True),
    ("We may provide links to third-party websites.", "sharing.recipients", False),
    ("We share your data with our service providers.", "sharing.recipients", True),
    ("We may disclose information where such disclosure is necessary to comply with applicable law.", "legal_basis.legal_obligation", True),
])
def test_concept_boundaries(text, concept, found):
    assert (concept in set(facts_of(text)["concept"])) is found


def test_selling_is_not_sharing_with():
    rules = set(facts_of("We do not sell your information to third parties.")["rule"])
    assert "sale" in rules and "share_with" not in rules


@pytest.mark.parametrize("text, found", [
    ("On request we will send your records, in a reusable file, to a company that you choose.", True),
    ("You may ask us to transmit your data to another controller.", True),
    ("In some situations we may transfer your personal details to other organisations.", False),
    # "port" as the verb of the right, also at the end of a list of rights
    ("Account users may access, rectify, erase or port their data.", True),
    ("The port of Rotterdam handles the data of our shipments.", False),
])
def test_portability_is_transmission_at_the_users_choice(text, found):
    assert ("right.portability" in set(facts_of(text)["concept"])) is found


@pytest.mark.parametrize("text, found", [
    ("Legal bases\nOrders are handled to fulfil the sales contract and, for newsletters, with your consent.", True),
    ("Sharing\nWe share your data with partners only with your consent.", False),
])
def test_with_your_consent_under_a_legal_basis_heading_is_the_consent_basis(text, found):
    assert ("legal_basis.consent" in set(pc.Policy.from_text(text).facts["concept"])) is found


def test_a_basis_in_brackets_after_each_purpose_under_a_lawful_bases_heading():
    text = ("How we use it and our lawful bases\n- To arrange and manage tenancies (contract).\n"
            "- To send you details of properties, where you have agreed to this (consent).\n")
    facts = pc.Policy.from_text(text).facts
    assert {("legal_basis.contract", "contract"), ("legal_basis.consent", "consent")} <= set(
        zip(facts.concept, facts.evidence))
    # under another heading a bracketed word is no basis
    other = pc.Policy.from_text("Marketing\n- Offers we send (consent).\n- Tenancies (contract).\n").facts
    assert not {"legal_basis.consent", "legal_basis.contract"} & set(other.concept)


def test_a_legal_basis_table_under_a_why_and_on_what_basis_heading():
    facts = pc.Policy.from_text("Why and on what basis\nPurpose | Lawful basis\n"
                                "Providing the service you signed up for | Contract\n"
                                "Product newsletter | Consent").facts
    assert {"legal_basis.contract", "legal_basis.consent"} <= set(facts["concept"])


@pytest.mark.parametrize("text, concept, found", [
    # the organisation erasing data on its own schedule is deletion, not the erasure right
    ("We erase personal data when you withdraw consent or when the purpose is no longer served.",
     "retention.deletion", True),
    ("We erase personal data when you withdraw consent or when the purpose is no longer served.",
     "right.erasure", False),
    ("Otherwise, we securely erase your information once it is no longer needed.", "right.erasure", False),
    ("Members can ask that we erase the records we keep about them.", "right.erasure", True),
    ("Request we delete personal data gathered during your visits.", "retention.deletion", False),
    # a longer list of what the data subject may have done to their data
    ("Your profile: you may have it corrected, completed, updated or erased at any time.",
     "right.erasure", True),
    # an item of a marked list of what may be requested (LGPD Art. 18 style)
    ("You may request: (i) confirmation of the existence of processing; (ii) access to the data; "
     "(iii) correction of incomplete data; (vi) deletion of data processed with your consent.", "right.erasure", True),
    ("Retention: (a) deletion of order data after 30 days; (b) archiving of logs.", "right.erasure", False),
])
def test_erasing_as_a_right_and_as_a_practice(text, concept, found):
    assert (concept in set(facts_of(text)["concept"])) is found


@pytest.mark.parametrize("text, portability, sharing", [
    ("Where the law gives you these rights, you may ask that we: Transfer your data to a third-party "
     "service of your choosing.", True, False),
    ("Members may also ask us to send their data, as given to us, to a third party.", True, False),
    ("Customers may request that we transmit their records to another service provider.", True, False),
    ("You may request that we move your personal data to another controller.", True, False),
    ("We transfer your data to a third-party provider of payment services.", False, True),
    ("Transfer of your data to third parties: we share it with our payment processor.", False, True),
    # Japanese notices' word for handing data to a processor
    ("The Company may entrust the handling of personal information to contractors, such as couriers.", False, True),
    ("Hanbit consigns the processing of personal information as follows: payment processing to KG Inicis Co., Ltd.",
     False, True),
])
def test_moving_data_on_at_the_users_request_is_portability_not_sharing(text, portability, sharing):
    concepts = set(facts_of(text)["concept"])
    assert ("right.portability" in concepts) is portability
    assert ("sharing.recipients" in concepts) is sharing


def test_appropriate_safeguards_for_transfers_are_not_security_measures():
    concepts = set(facts_of("When we transfer your data outside the EEA we put appropriate safeguards in place.")["concept"])
    assert "transfer.safeguards" in concepts and "security" not in concepts
    assert "security" in set(facts_of("We use technical and organisational security measures.")["concept"])


def test_a_who_sees_heading_is_about_sharing():
    facts = pc.Policy.from_text("Who sees pupil data\n\nTeachers at the pupil's school. Our hosting provider, "
                                "Google Cloud, keeps the data in Iowa.").facts
    assert "Google" in set(facts.loc[facts.concept == "sharing.recipients", "value"])


def test_an_faq_answer_gives_its_question_its_polarity():
    text = ("Privacy questions\n\nQ: Do you pass my details to advertisers?\nA: No.\n\n"
            "Q: Do you use automated decision-making?\nA: No, a person looks at every case.\n")
    facts = pc.Policy.from_text(text).facts
    polarity = dict(zip(facts.concept, facts.polarity))
    assert polarity["sharing.recipients"] == "negative"
    assert polarity["right.automated_decision"] == "negative"


def test_a_table_of_trustees_under_an_entrustment_heading_names_recipients():
    # a Korean or Japanese notice calls its processors trustees, to whom processing is entrusted
    text = ("Article 4 (Entrustment of Processing)\n\n| Trustee | Entrusted work |\n|---|---|\n"
            "| Hanbit Parcel Corporation | Delivering orders |\n| Mirae Pay Co., Ltd. | Card settlement |\n")
    facts = pc.Policy.from_text(text).facts
    names = facts.loc[(facts.concept == "sharing.recipients") & (facts.value_kind == "recipient"), "value"]
    assert sorted(names) == ["Hanbit Parcel Corporation", "Mirae Pay Co., Ltd."]


@pytest.mark.parametrize("heading, found", [
    ("6. Sending Data to Foreign Countries", True),
    ("International transfers", True),
    ("Cross-border provision", True),
    # the same words under another heading: whose measures, for what, is not said
    ("Our suppliers", False),
])
def test_equivalent_measures_are_a_transfer_safeguard_in_a_transfer_section(heading, found):
    text = f"{heading}\nWe have checked that the recipient takes measures equivalent to those required of us by the Act."
    facts = pc.Policy.from_text(text).facts
    assert ("transfer.safeguards" in set(facts.concept)) is found


@pytest.mark.parametrize("text, concept, found", [
    # the clauses' full names only ever mean transfer safeguards; "SCC" alone needs a transfer
    ("We use standard contractual clauses approved by the European Commission.", "transfer.safeguards", True),
    ("Model Clauses", "transfer.safeguards", True),
    ("Our SCC team reviews every contract.", "transfer.safeguards", False),
    ("Transfers outside the EEA rely on SCCs.", "transfer.safeguards", True),
    # Art. 15's wording of the right of access
    ("You can obtain confirmation as to whether or not we process your personal data.", "right.access", True),
    ("You will receive confirmation if your order has shipped.", "right.access", False),
    # the UK authority by name, without "supervisory authority"
    ("You can also raise a concern with the ICO.", "right.complaint", True),
    ("Details of how to contact the Information Commissioner are on its website.", "right.complaint", True),
    ("Our ICO registration number is Z1234567.", "right.complaint", False),
    ("Here is the contact information for the Information Commissioner's Office.", "right.complaint", False),
    # "object at any time to", the GDPR's own order of words
    ("You may object at any time to our use of your data for direct marketing.", "right.objection", True),
    ("You can ask for your data to be deleted, subject to legal retention obligations.", "right.erasure", True),
    ("You may request that your personal information be erased.", "right.erasure", True),
    ("Account data is retained while your account is active.", "retention.period", True),
    ("We retain the right to refuse service while reviewing your request.", "retention.period", False),
    ("We take reasonable steps to protect your personal information.", "security", True),
    ("We maintain physical, electronic and procedural safeguards.", "security", True),
    ("If we make significant changes, we will notify you by email.", "policy.changes", True),
    ("Please review this policy periodically for updates.", "policy.changes", True),
    ("We made significant changes to our product line this year.", "policy.changes", False),
    # the EU-U.S. Data Privacy Framework (2023), Privacy Shield's successor
    ("Such transfers are protected by the EU-US Data Privacy Framework.", "transfer.safeguards", True),
    ("You can complain to the Commission Nationale de l'Informatique et des Libertés.", "right.complaint", True),
    # a short sentence about what *we* remove is not a heading about the user's erasure
    ("We may delete content that violates our terms.", "right.erasure", False),
    ("Deleting your account", "right.erasure", True),
    ("Data is archived for five years and then destroyed.", "retention.deletion", True),
    ("We then deleted the duplicate entry from the list.", "retention.deletion", False),
    # the CCPA's "right to know" is the right of access
    ("California residents may request to know the categories of personal information we collect.",
     "right.access", True),
    ("We would like to know what you think of our service.", "right.access", False),
    # where the user is, or where ads appear, is no transfer of data
    ("We show you advertising when you access our service from outside the UK.", "transfer.international", False),
    ("We deliver advertising to websites outside of the UK.", "transfer.international", False),
    ("Some providers run their services from outside the UK.", "transfer.international", True),
    ("Your data may be accessed from outside the EEA by our support staff.", "transfer.international", True),
])
def test_rights_and_safeguards_in_their_less_common_wordings(text, concept, found):
    assert (concept in set(facts_of(text)["concept"])) is found


@pytest.mark.parametrize("text, found", [
    ("You may ask that your account be erased or that we restrict access to it.", True),
    ("You can ask us to limit the use of your data.", True),
    ("We restrict access to your data to staff who need it.", False),
])
def test_restriction_requested_by_the_user(text, found):
    assert ("right.restriction" in set(facts_of(text)["concept"])) is found


def test_long_single_paragraph_is_annotated_not_rejected():
    # over spaCy's default 1,000,000-character max_length
    text = ("We keep your data for 30 days and we do not sell it. " * 20000).strip()
    facts = annotate([text])
    assert len(text) > 1_000_000
    assert (facts["concept"] == "retention.period").any()


def test_access_in_a_list_of_rights_and_who_receives_heading():
    import privcompare as pc

    policy = pc.Policy.from_text(
        "Who receives your data\nWe use Stripe for payments and Amazon Web Services for hosting.\n\n"
        "Your rights\nYou may request access to, rectification or erasure of your data.\n")
    facts = policy.facts
    assert {"Stripe", "AWS"} <= set(facts.loc[facts["concept"] == "sharing.recipients", "value"])
    assert "right.access" in set(facts["concept"])


def test_a_clause_wrapped_into_lines_reads_as_one_line():
    wrapped = ("Unhappy with Tern Labs? You are free to\nlodge a complaint with the data protection\n  "
               "authority. Our data protection\nofficer is at dpo@example.com.  Quebec's Act respecting "
               "the protection of\npersonal information in the private sector applies, and we keep your "
               "data for as long as\nnecessary.")
    policy = pc.Policy.from_text("Your rights\n\n" + wrapped)
    one_line = pc.Policy.from_text("Your rights\n\n" + " ".join(wrapped.split()))
    assert (sorted(zip(policy.facts.concept, policy.facts.rule, policy.facts.value))
            == sorted(zip(one_line.facts.concept, one_line.facts.rule, one_line.facts.value)))
    assert {"right.complaint", "dpo", "law.reference"} <= set(policy.facts.concept)
    for fact in policy.facts.itertuples():  # offsets and evidence are the text as written
        assert policy.text[fact.start:fact.end] == fact.evidence
    segment = annotate([wrapped])
    assert sorted(segment.evidence) == sorted(policy.facts.evidence)


def test_a_label_before_the_sentence_naming_the_legitimate_interest_is_not_the_interest():
    for text in ["Legitimate Interest:\n    Processing of your data is necessary for our legitimate interests, such as "
                 "internal analysis or service improvement purposes.",
                 "Legitimate interest: processing is necessary for our legitimate interests, such as fraud prevention."]:
        interests = annotate([text]).query("value_kind == 'interest'")["value"].tolist()
        assert interests and all("necessary" not in v for v in interests)


@pytest.mark.parametrize("answer, polarity", [
    ("No, never. We also keep your notes to ourselves.", "negative"),
    ("We do not sell personal information to anyone.", "negative"),
    ("Yes: we sell aggregated statistics to research partners.", "positive"),
    ("We may sell your data to partners if you opt in.", "positive"),
    ("No we do not.", "negative"),
    # "No" before a noun is a determiner, not the answer "No"
    ("No sale happens without your written consent.", "positive"),
    ("No partner may resell what we sell them.", "positive"),
])
def test_a_yes_no_question_heading_takes_its_answers_polarity(answer, polarity):
    policy = pc.Policy.from_text(f"Privacy FAQ\n\nDo you sell my data?\n\n{answer}\n\nCookies?\n\nWe use none.")
    question = policy.facts[(policy.facts.concept == "sharing.sale")
                            & policy.facts.evidence.str.contains("my data")]
    assert question.polarity.tolist() == [polarity]
    assert question.rule.str.endswith("+answered_no").all() == (polarity == "negative")


def test_a_question_that_ends_a_policy_keeps_its_facts():
    tables = [pc.Policy.from_text(t).clauses for t in ["FAQ\n\nDo you sell my data?", "We sell data."]]
    first, second = annotate_many(tables)
    assert first.polarity.tolist() == ["positive"] and len(second) == 1


def test_a_list_under_a_denying_lead_in_is_denied():
    policy = pc.Policy.from_text("Our promises\n\nWe will never:\n- sell your personal data;\n"
                                 "- share your data with advertisers.\n\nWe share your data with:\n- couriers.")
    facts = policy.facts
    sale = facts[facts.concept == "sharing.sale"]
    assert sale.polarity.tolist() == ["negative"] and sale.rule.str.endswith("+negative_lead_in").all()
    advertisers = facts[facts.evidence == "advertisers"]
    assert advertisers.polarity.tolist() == ["negative"]
    assert facts[facts.evidence == "couriers"].polarity.tolist() == ["positive"]


@pytest.mark.parametrize("lead_in", ["We do not share your data unless:", "We never sell data, except:"])
def test_a_lead_in_that_turns_denies_nothing(lead_in):
    facts = pc.Policy.from_text(f"Sharing\n\n{lead_in}\n- we sell your data to a buyer of our business.").facts
    assert facts.loc[facts.evidence == "sell your data", "polarity"].tolist() == ["positive"]


def test_list_items_are_read_under_their_lead_in():
    policy = pc.Policy.from_text("About this notice\n\nWe disclose your details to:\n- our payment provider, Stripe;\n"
                                 "- couriers.\n\nYou can complain to the Information Commissioner:\n"
                                 "- Wycliffe House, Water Lane, Wilmslow SK9 5AF")
    facts = policy.facts
    assert {"Stripe", "delivery companies"} <= set(facts.loc[facts.concept == "sharing.recipients", "value"])
    assert "controller.contact" not in set(facts.concept)  # the regulator's address is not ours


@pytest.mark.parametrize("text, polarity", [
    ("Do we sell your personal information? No, we do not.", "negative"),
    ("Does the app sell my data? Never.", "negative"),
    ("Do we sell your personal information? Yes, to advertisers.", "positive"),
    ("We sell usage data. No refunds are given for it.", "positive"),
])
def test_a_question_answered_no_in_the_same_clause_is_denied(text, polarity):
    assert facts_of(text).query("concept == 'sharing.sale'")["polarity"].tolist() == [polarity]


@pytest.mark.parametrize("heading, found", [("1. Data we collect", True), ("", True), ("Your rights", False)])
def test_a_labelled_data_item_is_read_in_a_collection_section_or_alone(heading, found):
    facts = annotate_texts_with_context(["Usage data: pages you visit and buttons you press."], [heading])
    assert ("data_label_item" in set(facts.rule)) == found


@pytest.mark.parametrize("controller", ["Stripe, Inc.", "Stripe Payments Europe Limited"])
def test_the_controller_is_no_recipient_of_its_own_policy(controller):
    # a policy names its own organisation where data goes; the recipient lexicon knows the
    # name, but the controller is no recipient of its own processing
    text = (f"Privacy Notice\n\n{controller} (\"Stripe\", \"we\") runs the payment service.\n\n"
            "We share your data with PayPal. The details you share with Stripe are encrypted.")
    facts = pc.Policy.from_text(text, name="probe").facts
    named = facts.loc[facts.value_kind == "recipient", "value"]
    assert set(named) == {"PayPal"}
    # a segment on its own has no controller to compare with: the name stays a recipient there
    assert "Stripe" in set(annotate(["The details you share with Stripe are encrypted."]).value)


def test_a_heading_names_a_practice_its_section_denies():
    facts = pc.Policy.from_text("Transfers outside the UK\nWe do not transfer your personal data outside the UK.\n"
                                "Selling your data\nWe do not sell your personal information.").facts
    topics = facts[facts.concept.isin(["transfer.international", "sharing.sale"])]
    assert set(topics.polarity) == {"negative"}
    assert "transfer_title+section_denies" in set(topics.rule)
    # a section that states the practice as well as a limit keeps its heading positive
    mixed = pc.Policy.from_text("International transfers\nWe transfer data to the United States under "
                                "standard contractual clauses. We do not transfer data to other countries.").facts
    heading = mixed[(mixed.clause_id == mixed.clause_id.min()) & (mixed.concept == "transfer.international")]
    assert len(heading) and set(heading.polarity) == {"positive"}


def test_transfer_safeguards_do_not_apply_to_a_notice_that_denies_transfers():
    policy = pc.Policy.from_text("Who we are\nAcme Ltd runs the shop.\nTransfers outside the UK\n"
                                 "We do not transfer your personal data outside the UK.")
    cov = pc.compare([policy], jurisdictions=["gdpr"]).coverage.set_index("requirement")
    assert cov.loc["gdpr.notice.transfer_safeguards", "status"] == "not_applicable"


def test_a_notice_that_makes_no_automated_decisions_meets_the_right_about_them():
    policy = pc.Policy.from_text("Automated decision-making\nWe do not use automated decision-making "
                                 "including profiling.")
    assert set(policy.facts.loc[policy.facts.concept == "right.automated_decision", "polarity"]) == {"negative"}
    cov = pc.compare([policy], jurisdictions=["gdpr"]).coverage.set_index("requirement")
    row = cov.loc["gdpr.rights.automated_decision"]
    assert row["status"] == "met" and "stated negatively" in row["note"]


def test_wordings_of_a_dental_practices_notice():
    # erasure asked for without a possessive; what we have done by a vendor is no right
    assert "right.erasure" in set(facts_of("In some cases you can have data erased or restricted.")["concept"])
    assert "right.erasure" not in set(facts_of("We have data deleted by our vendor every month.")["concept"])
    # a purpose item in a table row is its first cell
    row = pc.Policy.from_text("How we use your data\n- Handling payments | Contract | 6 years\n").facts
    assert row.loc[row.rule == "use_verb_item", "evidence"].tolist() == ["Handling payments"]


def test_bare_rights_nouns_in_a_list_of_rights_under_a_rights_heading():
    facts = pc.Policy.from_text("Your rights\nYou have the rights under Art. 15 to 21 GDPR: access, rectification, "
                                "erasure, restriction, data portability and objection.").facts
    assert {"right.restriction", "right.objection"} <= set(facts.concept)
    # the nouns alone, outside such a list, state no right
    other = pc.Policy.from_text("Your rights\nThere is no restriction on how often you may write to us. "
                                "Each objection is answered by our team within a week.").facts
    assert not {"right.restriction", "right.objection"} & set(other.concept)


def test_a_markdown_tables_long_rows_are_read_under_its_header():
    text = ("Notice at Collection\n\nWe collect the following categories of personal information.\n\n"
            "| Category | Examples of what we collect | Sold or shared | Retention |\n|---|---|---|---|\n"
            "| Identifiers | name, email address, IP address, account number | Shared with advertising partners | 3 years |\n"
            "| Commercial information | purchase history and product returns | Not sold or shared | 7 years |\n"
            "| Geolocation data | approximate location derived from your IP address | No | 1 year |\n")
    facts = pc.Policy.from_text(text).facts
    periods = facts.query("concept == 'retention.period' and value_kind == 'days'")
    assert sorted(periods.number) == [365, 1095, 2556]
    assert "Commercial information" in facts.query("rule == 'table_column'").evidence.tolist()
