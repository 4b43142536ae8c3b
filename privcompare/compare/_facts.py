"""Small helpers shared by the compare modules: fact tables, concept matching, evidence text.

Kept separate so that coverage scoring, the organisation tables and the law
references all read ``Policy.facts`` the same way.
"""
from __future__ import annotations

import os
import re
import warnings
from typing import Any, Iterable

import pandas as pd

FACT_COLUMNS = ["clause_id", "concept", "polarity", "qualifier", "value", "value_kind",
                "number", "evidence", "start", "end", "rule"]

# Plain-word names used in notes ("not stated: the right to complain to an authority").
# Wording follows the "the policy says ..." column of reference/concepts.md.
CONCEPT_LABELS = {
    "controller.identity": "who the controller is",
    "controller.contact": "how to contact the controller",
    "representative": "a representative in the jurisdiction",
    "dpo": "a data protection officer",
    "data.categories": "the kinds of personal data collected",
    "data.sources": "where the data come from",
    "purposes": "the purposes of processing",
    "legal_basis": "the legal basis for processing",
    "legal_basis.legitimate_interest": "the legitimate interests relied on",
    "legal_basis.consent": "consent as a legal basis",
    "legal_basis.contract": "a contract as a legal basis",
    "legal_basis.legal_obligation": "a legal obligation as a legal basis",
    "legal_basis.vital_interest": "vital interests as a legal basis",
    "legal_basis.public_task": "a public task as a legal basis",
    "sharing.recipients": "who receives the data",
    "sharing.conditions": "when data are disclosed",
    "sharing.sale": "whether data are sold",
    "transfer.international": "transfers to other countries",
    "transfer.safeguards": "the safeguards for international transfers",
    "retention.period": "retention",
    "retention.location": "where data are stored",
    "retention.deletion": "how data are deleted",
    "right.information": "the right to be informed",
    "right.access": "the right of access",
    "right.rectification": "the right to rectification",
    "right.erasure": "the right to erasure",
    "right.restriction": "the right to restrict processing",
    "right.objection": "the right to object",
    "right.portability": "the right to data portability",
    "right.automated_decision": "rights about automated decisions",
    "right.withdraw_consent": "the right to withdraw consent",
    "right.complaint": "the right to complain to an authority",
    "right.compensation": "the right to compensation",
    "right.opt_out_marketing": "opting out of marketing",
    "right.opt_out_sale": "opting out of the sale of data",
    "rights.exercise": "how to exercise rights",
    "children": "children's data / minimum age",
    "security": "security measures",
    "breach.notification": "breach notification",
    "policy.changes": "how policy changes are announced",
    "policy.date": "the policy date",
    "cookies": "cookies",
    "law.reference": "the laws relied on",
}

RIGHT_CONCEPTS = ["right.information", "right.access", "right.rectification", "right.erasure",
                  "right.restriction", "right.objection", "right.portability",
                  "right.automated_decision", "right.withdraw_consent", "right.complaint",
                  "right.compensation", "right.opt_out_marketing"]

EVIDENCE_PIECE_CHARS = 200
EVIDENCE_TOTAL_CHARS = 600


# Plain words for the values a catalog's ``require_value`` may ask for, by value kind.
VALUE_LABELS = {"addressee": {"individuals": "the people affected", "authority": "an authority"}}


def value_label(kind: str, value: str) -> str:
    """Plain words for a fact value of a kind (the value itself when unknown).

    >>> value_label("addressee", "individuals")
    'the people affected'
    """
    return VALUE_LABELS.get(kind, {}).get(value, value)


def label(concept: str) -> str:
    """Plain words for a concept id (the id itself when unknown).

    >>> label("right.complaint")
    'the right to complain to an authority'
    """
    return CONCEPT_LABELS.get(concept, concept)


def as_list(value: Any) -> list:
    """A catalog value that may be a scalar, a list or a comma/semicolon string, as a list.

    >>> as_list("right.access; right.erasure"), as_list(None), as_list(["a"])
    (['right.access', 'right.erasure'], [], ['a'])
    """
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    if isinstance(value, (list, tuple, set)):
        return [v for v in value if v is not None and str(v).strip()]
    if isinstance(value, str):
        return [v for v in re.split(r"[,;|\s]+", value.strip()) if v]
    return [value]


def facts_of(policy) -> pd.DataFrame:
    """``policy.facts`` with every documented column present and no NaN in text columns."""
    facts = policy.facts
    facts = facts.reindex(columns=list(dict.fromkeys(FACT_COLUMNS + list(facts.columns))))
    for col in ("clause_id", "concept", "polarity", "qualifier", "value", "value_kind",
                "evidence", "rule"):
        facts[col] = facts[col].fillna("").astype(str)
    facts["number"] = pd.to_numeric(facts["number"], errors="coerce")
    if facts["start"].notna().all():
        facts = facts.sort_values("start", kind="stable")
    return facts.reset_index(drop=True)


def policy_labels(policies: list) -> list[str]:
    """Policy names, with `` (2)``, `` (3)`` ... added to repeats so tables never merge two
    policies that share a file stem.

    >>> import privcompare as pc
    >>> policy_labels([pc.Policy("a", name="x"), pc.Policy("b", name="x")])
    ['x', 'x (2)']
    """
    seen: dict[str, int] = {}
    labels = []
    for p in policies:
        seen[p.name] = seen.get(p.name, 0) + 1
        labels.append(p.name if seen[p.name] == 1 else f"{p.name} ({seen[p.name]})")
    return labels


def concept_matches(concept: str, concepts: Iterable[str]) -> bool:
    """Whether a fact's concept is one of ``concepts`` or a sub-concept
    (``legal_basis.consent`` matches ``legal_basis``).

    >>> concept_matches("legal_basis.consent", ["legal_basis"]), concept_matches("purposes", ["legal_basis"])
    (True, False)
    """
    return any(concept == k or concept.startswith(k + ".") for k in concepts)


# Polarity and qualifier tests, for a facts table (organisation tables) and for one fact
# row as a dict (coverage scoring works on rows): keep each pair saying the same.
def is_negative(facts: pd.DataFrame) -> pd.Series:
    return facts["polarity"].str.lower().eq("negative")


def is_vague(facts: pd.DataFrame) -> pd.Series:
    return facts["qualifier"].str.contains("vague") | facts["value"].str.lower().eq("vague")


def is_conditional(facts: pd.DataFrame) -> pd.Series:
    return facts["qualifier"].str.contains("conditional")


def row_negative(row: dict) -> bool:
    return row["polarity"].lower() == "negative"


def row_vague(row: dict) -> bool:
    return "vague" in row["qualifier"] or row["value"].lower() == "vague"


def row_conditional(row: dict) -> bool:
    return "conditional" in row["qualifier"]


def shorten(text: str, limit: int = EVIDENCE_PIECE_CHARS) -> str:
    """Whitespace-normalised text cut at a word boundary with an ellipsis.

    >>> shorten("as long as necessary to provide the Service", 20)
    'as long as…'
    """
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def join_evidence(evidence: Iterable[str]) -> str:
    """Unique evidence texts in order, each shortened, joined ``" | "``, total capped."""
    pieces = [shorten(e) for e in dict.fromkeys(e for e in evidence if e)]
    return shorten(" | ".join(pieces), EVIDENCE_TOTAL_CHARS)


def join_ids(ids: Iterable[str]) -> str:
    return ",".join(dict.fromkeys(i for i in ids if i))


def quote(rows: list[dict], limit: int = 60) -> str:
    """The first fact row's evidence as a short quotation for notes: ``'as long as necessary'``."""
    return "'" + shorten(rows[0]["evidence"], limit) + "'" if rows else ""


def load_policies(policies) -> tuple[list, pd.DataFrame]:
    """Policies from a Policy, a file or folder path, or a list of these.

    Paths go through :func:`privcompare.inputs.read_policies` (folder expansion,
    ``manifest.csv`` organisation names). A file that cannot be read is skipped
    with a warning and listed in the returned errors table (``source``, ``error``),
    so one bad file never costs the results of the others.
    """
    from ..inputs import read_policies
    from ..policy import Policy

    if isinstance(policies, (Policy, str, os.PathLike)):
        policies = [policies]
    loaded, errors = [], []
    for item in policies:
        if isinstance(item, Policy):
            loaded.append(item)
            continue
        found, problems = read_policies(item, errors="collect")
        loaded.extend(found)
        for problem in problems:
            warnings.warn(problem.line(), stacklevel=3)
            errors.append((problem.path, problem.line()))
    return loaded, pd.DataFrame(errors, columns=["source", "error"])
