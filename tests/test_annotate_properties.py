"""Property: for any text, every fact's offsets point at its evidence."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from privcompare.annotate import annotate

# Words that fire rules and value extractors, mixed with arbitrary text.
VOCAB = ["We", "do not", "never", "sell", "share", "your personal data", "with", "third parties",
         "PayPal", "AWS", "retain", "for", "90", "days", "5 years", "as long as necessary", "children",
         "under", "16", "contact us", "a@b.co", "+84 377 316 720", "https://x.example", "GDPR",
         "Decree 13/2023/ND-CP", "UU PDP", "TLS 1.2", "within 30 days", "breach", "notify", "72 hours",
         "cookies", "Last updated:", "March 13, 2026", "if you are in the EEA", "right to access",
         "Deletion:", "legitimate interests", "consent", ".", ",", "\n", "  ", "é", "’", "(", ")",
         "\u00a0", "\r\n"]
pieces = st.one_of(st.sampled_from(VOCAB), st.text(max_size=12))
texts = st.lists(pieces, max_size=40).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(texts, min_size=1, max_size=3))
def test_offsets_always_point_at_evidence(batch):
    facts = annotate(batch)
    for row in facts.itertuples():
        text = batch[row.segment]
        assert 0 <= row.start < row.end <= len(text)
        assert text[row.start:row.end] == row.evidence
