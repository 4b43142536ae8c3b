"""Score each policy against each requirement: the coverage table.

Scoring rules (one requirement, one policy), applied in this order:

1. ``not_applicable`` when the requirement cannot be shown in a notice
   (``applies_to_notice`` false: a duty on conduct such as keeping records), or
   the notice itself is how it is met (``not_scored``, whose text is the note), or
   its ``when_concept`` is not stated positively by the policy (e.g. "say what the
   legitimate interests are" when the policy never relies on legitimate
   interests), or no concept is mapped to it (cannot be checked from a text).
2. ``missing`` when no fact of the requirement's concept(s) is found. A list of
   concepts means "any of"; a fact of a sub-concept counts (``legal_basis.consent``
   for ``legal_basis``). But ``partial`` when a ``partial_concept`` is stated
   positively instead (with a ``require_value_kind`` value, if one is set): a
   notice that gives only its DPO's channels, not the controller's.
3. Only negative facts ("we do not sell your data"): for a disclosure duty the
   negative statement *is* the disclosure, so ``met`` with a note; for a
   right (``right.*``, ``rights.*``) it means the right is refused or limited,
   so ``partial``. A catalog may override with ``condition: {negative: met|partial|missing}``.
4. ``partial`` when fewer than ``min_count`` distinct concepts (several concepts)
   or distinct values (one concept) are stated; the note lists what is absent.
5. ``partial`` when ``require_value_kind`` is set and no fact has that kind
   (e.g. a DPO is mentioned but no e-mail to reach them).
6. ``partial`` when ``require_concrete`` is set and no supporting fact is
   concrete, i.e. not vague and carrying a value or number (``90`` days,
   ``criteria``). A bare mention (a "Data Retention" heading) is not concrete;
   the note quotes the vague wording when there is one (``"as long as necessary"``).
7. ``partial`` when ``require_value`` names values of a value kind ("addressee":
   "individuals") that the supporting facts of that kind do not include: a breach
   notice to the supervisory authority only, against a duty to tell the people affected.
   No fact of that kind: no check, and a note says so.
8. ``partial`` when the requirement sets ``deadline_hours`` and every deadline the
   policy states for it (facts with value kind ``hours``) is longer: "we respond
   within 45 days" against the GDPR's one month. No stated deadline: no check.
9. ``partial`` when the requirement sets ``children_age`` and the highest minimum
   age the policy states (facts with value kind ``age``) is lower: "not directed to
   children under 13" against the GDPR's 16 (unless a Member State lowered it).
10. ``met`` otherwise. Facts that exist only in a conditional form ("if you are
   in the EEA you may ...") still count as ``met``; the note quotes the condition.
"""
from __future__ import annotations

import json
from typing import Any

import pandas as pd

from ._facts import (as_list, concept_matches, facts_of, join_evidence, join_ids, label, policy_labels, value_label,
                     quote, row_conditional, row_negative, row_vague)

STATUSES = ["met", "partial", "missing", "not_applicable"]

COVERAGE_COLUMNS = ["policy", "organisation", "jurisdiction", "requirement", "concept", "topic",
                    "citation", "status", "evidence", "clause_ids", "note", "severity",
                    "confidence", "summary", "deadline_text"]

REQUIREMENT_COLUMNS = ["requirement", "jurisdiction", "topic", "concept", "condition",
                       "citation", "summary", "deadline_hours", "deadline_text", "severity",
                       "confidence", "source"]


def parse_condition(condition: Any) -> dict:
    """A requirement's condition as a dict (catalogs may give a dict, JSON/YAML text or nothing).

    >>> parse_condition('{"require_concrete": true}')
    {'require_concrete': True}
    >>> parse_condition(None)
    {}
    """
    if isinstance(condition, dict):
        return dict(condition)
    if condition is None or (isinstance(condition, float) and pd.isna(condition)):
        return {}
    text = str(condition).strip()
    if not text:
        return {}
    try:
        parsed = json.loads(text)
    except ValueError:
        import yaml

        parsed = yaml.safe_load(text)
    return parsed if isinstance(parsed, dict) else {}


def requirement_concepts(req: pd.Series | dict, condition: dict) -> list[str]:
    """The concepts that satisfy a requirement: ``condition['concept']`` else the concept column."""
    return [str(c) for c in as_list(condition.get("concept") or req.get("concept"))]


def _truthy(value: Any, default: bool) -> bool:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return default
    if isinstance(value, str):
        return value.strip().lower() not in {"false", "no", "0", ""}
    return bool(value)


def score(facts: pd.DataFrame, req: pd.Series | dict) -> dict:
    """Score one requirement against one policy's facts (rules in the module docstring).

    Returns a dict with ``status``, ``evidence``, ``clause_ids`` and ``note``.

    >>> facts = pd.DataFrame({"clause_id": ["5-1"], "concept": ["retention.period"],
    ...     "polarity": ["positive"], "qualifier": ["vague"], "value": ["vague"],
    ...     "value_kind": ["days"], "number": [float("nan")],
    ...     "evidence": ["as long as necessary"], "start": [0], "end": [20], "rule": ["r"]})
    >>> req = {"concept": "retention.period", "condition": {"require_concrete": True}}
    >>> r = score(facts, req)
    >>> r["status"], r["note"]
    ('partial', "retention stated only vaguely ('as long as necessary')")
    """
    return _score_rows(_Rows(facts.to_dict("records")), req)


# The scoring below works on a policy's facts as a list of dicts (``facts_of(...)
# .to_dict("records")``, in text order): the same rules as pandas filters, without
# the fixed cost of a dozen small DataFrame operations per requirement, which made
# scoring slower than annotating the policy.

class _Rows(list):
    """A policy's fact rows in text order, indexed by concept once (a policy has hundreds of
    facts but a few dozen concepts, and every requirement asks for some of them)."""

    def __init__(self, rows: list[dict]):
        super().__init__(rows)
        self.by_concept: dict[str, list[int]] = {}
        for i, row in enumerate(rows):
            self.by_concept.setdefault(row["concept"], []).append(i)


def _matching(rows: list[dict], concepts: list[str]) -> list[dict]:
    """Rows whose concept is one of ``concepts`` or a sub-concept (:func:`._facts.concept_matches`)."""
    if isinstance(rows, _Rows):
        hits = [ids for c, ids in rows.by_concept.items() if concept_matches(c, concepts)]
        ids = hits[0] if len(hits) == 1 else sorted(i for h in hits for i in h)
        return [rows[i] for i in ids]
    return [r for r in rows if concept_matches(r["concept"], concepts)]


def _score_rows(rows: list[dict], req: pd.Series | dict) -> dict:
    condition = parse_condition(req.get("condition"))
    concepts = requirement_concepts(req, condition)
    if not _truthy(condition.get("applies_to_notice", req.get("applies_to_notice")), True):
        return _result("not_applicable", note="a duty on conduct; it cannot be shown in a notice")
    if condition.get("not_scored"):
        return _result("not_applicable", note=str(condition["not_scored"]))
    when = [str(c) for c in as_list(condition.get("when_concept"))]
    if when:
        if not any(not row_negative(r) for r in _matching(rows, when)):
            return _result("not_applicable",
                           note=f"applies only when the policy states {_names(when)}; it does not")
    if not concepts:
        return _result("not_applicable", note="no policy concept is mapped to this requirement")

    found = _matching(rows, concepts)
    if not found:
        return _stand_in(rows, concepts, condition) or _result("missing", note=f"not stated: {_names(concepts)}")
    positive = [r for r in found if not row_negative(r)]
    if not positive:
        return _negative_only(found, concepts, condition)

    notes: list[str] = []
    status = "met"
    min_count = condition.get("min_count")
    if min_count is not None:
        status = _check_count(positive, concepts, min_count, notes)

    kinds = [str(k) for k in as_list(condition.get("require_value_kind"))]
    support = positive
    if kinds:
        with_kind = [r for r in positive if r["value_kind"] in kinds]
        if not with_kind:
            status = "partial"
            notes.append(f"{_names(concepts)} stated, but no {_or(kinds)} given "
                         f"({quote(positive)})")
        else:
            support = with_kind

    if _truthy(condition.get("require_concrete"), False):
        concrete = [r for r in support
                    if not row_vague(r) and (r["value"] != "" or not pd.isna(r["number"]))]
        if not concrete:
            status = "partial"
            vague = [r for r in support if row_vague(r)]
            if vague:
                notes.append(f"{_names(concepts)} stated only vaguely "
                             f"({quote(_normalised_first(vague))})")
            else:
                notes.append(f"{_names(concepts)} mentioned without a concrete "
                             f"value ({quote(support)})")
        else:
            support = concrete

    for kind, values in (condition.get("require_value") or {}).items():
        # "we will notify the supervisory authority" says nothing of telling the people
        # affected: the values stated must include the ones asked for; no value, no check
        stated = [r for r in positive if r["value_kind"] == kind]
        named = sorted({str(r["value"]) for r in stated})
        absent = [str(v) for v in as_list(values) if str(v) not in named]
        if not stated:
            notes.append(f"no {kind} stated")
        elif absent:
            status = "partial"
            notes.append(f"stated for {_or([value_label(kind, v) for v in named])} only ({quote(stated)}), "
                         f"not for {_or([value_label(kind, v) for v in absent])}")

    limit = pd.to_numeric(req.get("deadline_hours"), errors="coerce")
    promised = [r for r in support if r["value_kind"] == "hours" and not pd.isna(r["number"])]
    if promised and not pd.isna(limit) and min(r["number"] for r in promised) > limit:
        status = "partial"
        law = req.get("deadline_text") or f"{limit:g} hours"
        notes.append(f"the deadline stated ({quote(promised)}) is longer than the law's ({law})")

    age = pd.to_numeric(req.get("children_age"), errors="coerce")
    ages = [r for r in support if r["value_kind"] == "age" and not pd.isna(r["number"])]
    if ages and not pd.isna(age) and max(r["number"] for r in ages) < age:
        status = "partial"
        law = req.get("deadline_text") or f"age {age:g}"
        notes.append(f"the minimum age stated ({quote(ages)}) is below the law's ({law})")

    if status == "met" and all(row_conditional(r) for r in support):
        notes.append(f"stated only under a condition ({quote(support)})")
    return _result(status, support, "; ".join(notes))


def _normalised_first(rows: list[dict]) -> list[dict]:
    """Facts whose value the annotator normalised first: their evidence is the telling phrase."""
    return sorted(rows, key=lambda r: r["value"] == "")  # stable: text order otherwise


def _stand_in(rows: list[dict], concepts: list[str], condition: dict) -> dict | None:
    """``partial`` when the requirement's concepts are absent but a ``partial_concept``
    stands in for them: a notice that gives only its DPO's e-mail still says how to
    reach someone about the processing (with ``require_value_kind``, the stand-in must
    carry one of those kinds too)."""
    others = [str(c) for c in as_list(condition.get("partial_concept"))]
    if not others:
        return None
    kinds = [str(k) for k in as_list(condition.get("require_value_kind"))]
    stand_ins = [r for r in _matching(rows, others)
                 if not row_negative(r) and (not kinds or r["value_kind"] in kinds)]
    if not stand_ins:
        return None
    return _result("partial", stand_ins,
                   f"not stated: {_names(concepts)}; only {_names(others)} given ({quote(stand_ins)})")


def _negative_only(found: list[dict], concepts: list[str], condition: dict) -> dict:
    is_right = any(c.startswith(("right.", "rights.")) for c in concepts)
    status = condition.get("negative") or ("partial" if is_right else "met")
    if status not in STATUSES:
        status = "partial"
    what = "refused or limited" if is_right and status != "met" else "stated negatively"
    return _result(status, found, f"{_names(concepts)} {what} ({quote(found)})")


def _check_count(positive: list[dict], concepts: list[str], min_count: Any,
                 notes: list[str]) -> str:
    if len(concepts) > 1:
        stated = [c for c in concepts if _matching(positive, [c])]
        need = len(concepts) if str(min_count).lower() == "all" else int(min_count)
        if len(stated) < need:
            absent = [c for c in concepts if c not in stated]
            notes.append(f"states {len(stated)} of the {need} needed; not stated: "
                         f"{', '.join(label(c) for c in absent)}")
            return "partial"
        return "met"
    distinct = len({r["value"] if r["value"] != "" else r["evidence"] for r in positive})
    need = 1 if str(min_count).lower() == "all" else int(min_count)
    if distinct < need:
        notes.append(f"only {distinct} of the {need} needed stated")
        return "partial"
    return "met"


def _names(concepts: list[str]) -> str:
    """Plain words for concepts; sub-concepts of the first one are folded into it
    (``legal_basis`` plus its named grounds reads "the legal basis for processing")."""
    head = concepts[0]
    concepts = [head] + [c for c in concepts[1:] if not c.startswith(head + ".")]
    names = [label(c) for c in concepts]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " or " + names[-1]


def _or(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _result(status: str, support: list[dict] | None = None, note: str = "") -> dict:
    if not support:
        return {"status": status, "evidence": "", "clause_ids": "", "note": note}
    return {"status": status, "evidence": join_evidence(r["evidence"] for r in support),
            "clause_ids": join_ids(r["clause_id"] for r in support), "note": note}


def coverage_table(policies: list, requirements: pd.DataFrame) -> pd.DataFrame:
    """One row per policy x requirement (policy order, then catalog order).

    ``policy`` is the policy's name (repeated names get `` (2)``, ... appended).

    >>> import privcompare as pc
    >>> p = pc.Policy.from_text("We keep data for 30 days.", name="demo")
    >>> reqs = pd.DataFrame({"requirement": ["x.retention"], "jurisdiction": ["x"],
    ...     "topic": ["retention"], "concept": ["right.complaint"], "condition": [None]})
    >>> coverage_table([p], reqs)[["policy", "requirement", "status"]].values.tolist()
    [['demo', 'x.retention', 'missing']]
    """
    table = pd.DataFrame(coverage_rows(policies, prepare_requirements(requirements)),
                         columns=COVERAGE_COLUMNS)
    table["status"] = pd.Categorical(table["status"], categories=STATUSES)
    return table


def prepare_requirements(requirements: pd.DataFrame) -> list[dict]:
    """Requirements as plain dicts with every documented column and their concepts
    (``"_concepts"``), made once for any number of policies (see :func:`coverage_rows`).

    >>> reqs = pd.DataFrame({"requirement": ["x.dpo"], "concept": ["dpo"], "condition": [None]})
    >>> prepare_requirements(reqs)[0]["_concepts"]
    'dpo'
    """
    requirements = requirements.reindex(
        columns=list(dict.fromkeys(REQUIREMENT_COLUMNS + list(requirements.columns))))
    # Plain dicts, made once: a row Series per requirement and policy cost more than the scoring.
    records = requirements.to_dict("records")
    for req in records:
        req["_concepts"] = ",".join(requirement_concepts(req, parse_condition(req["condition"])))
    return records


def coverage_rows(policies: list, records: list[dict]) -> list[dict]:
    """The rows of :func:`coverage_table` as dicts, for requirements from
    :func:`prepare_requirements` (a streamed report scores policy by policy with it)."""
    rows = []
    for name, policy in zip(policy_labels(policies), policies):
        facts = _Rows(facts_of(policy).to_dict("records"))
        for req in records:
            result = _score_rows(facts, req)
            rows.append({
                "policy": name, "organisation": policy.organisation,
                "jurisdiction": req["jurisdiction"], "requirement": req["requirement"],
                "concept": req["_concepts"], "topic": req["topic"], "citation": req["citation"],
                **result, "severity": req["severity"], "confidence": req["confidence"],
                "summary": req["summary"], "deadline_text": req["deadline_text"],
            })
    return rows
