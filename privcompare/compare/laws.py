"""Laws: which laws a policy cites (and whether they are still in force), and how
jurisdictions compare topic by topic.

Both read the requirement catalogs through :mod:`privcompare.jurisdictions`;
nothing about a law is hard-coded here.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from ._facts import facts_of, join_evidence, policy_labels

LAW_REFERENCE_COLUMNS = ["policy", "organisation", "law", "cited_as", "in_force",
                         "in_force_from", "in_force_until", "note"]

# Column names the jurisdictions table may use for the same thing; the first present wins.
_LAW_ALIASES = {
    "law": ["jurisdiction", "id", "law"],
    "name": ["short_name", "name", "title", "official_name"],
    "in_force_from": ["in_force_from", "applies_from", "effective_from", "in_force"],
    "in_force_until": ["in_force_until", "ceased", "ceased_on", "repealed", "until"],
    "replaced_by": ["replaced_by", "successor", "superseded_by"],
}


def law_table() -> pd.DataFrame:
    """The catalogued laws with ``law``, ``name``, ``in_force_from``, ``in_force_until``
    (dates or NaT; ``in_force_until`` is the last day the law applies) and ``replaced_by``.

    >>> "gdpr" in set(law_table()["law"])
    True
    """
    from ..jurisdictions import catalog_api as catalogs

    return normalise_law_table(catalogs.jurisdictions())


def normalise_law_table(table: pd.DataFrame) -> pd.DataFrame:
    """Map a jurisdictions table onto the columns :func:`law_table` documents."""
    out = pd.DataFrame(index=table.index)
    for column, candidates in _LAW_ALIASES.items():
        present = [c for c in candidates if c in table.columns]
        out[column] = table[present[0]] if present else None
    out["name"] = out["name"].fillna(out["law"])
    for column in ("in_force_from", "in_force_until"):
        out[column] = pd.to_datetime(out[column], errors="coerce").dt.date
    return out.reset_index(drop=True)


def in_force(law: pd.Series | dict, as_of: dt.date) -> bool:
    """Whether a law (a :func:`law_table` row) applies on ``as_of`` (both ends inclusive).

    >>> in_force({"in_force_from": dt.date(2023, 7, 1), "in_force_until": dt.date(2025, 12, 31)},
    ...          dt.date(2026, 11, 23))
    False
    """
    start, until = law.get("in_force_from"), law.get("in_force_until")
    if _is_date(start) and as_of < start:
        return False
    return not (_is_date(until) and as_of > until)


def laws_in_force(as_of: dt.date, laws: pd.DataFrame | None = None) -> list[str]:
    """Ids of the catalogued laws in force on ``as_of``, in catalog order."""
    laws = law_table() if laws is None else laws
    return [row["law"] for _, row in laws.iterrows() if in_force(row, as_of)]


def _is_date(value) -> bool:
    return isinstance(value, dt.date) and not pd.isna(value)


def law_references(policies: list, as_of: dt.date, laws: pd.DataFrame | None = None
                   ) -> pd.DataFrame:
    """One row per policy x cited law (facts with concept ``law.reference``).

    ``in_force`` is NA for laws the catalogs do not know (e.g. ``ccpa``).

    >>> import privcompare as pc
    >>> p = pc.Policy.from_text("Rights under Decree 13/2023/ND-CP.", name="demo")
    >>> p.__dict__["facts"] = pd.DataFrame({"clause_id": ["c0"], "concept": ["law.reference"],
    ...     "value": ["vn-decree-13"], "evidence": ["Decree 13/2023/ND-CP"]})
    >>> laws = pd.DataFrame({"jurisdiction": ["vn-decree-13"], "name": ["Decree 13/2023/ND-CP"],
    ...     "in_force_from": ["2023-07-01"], "in_force_until": ["2025-12-31"],
    ...     "replaced_by": ["vn-pdpl-2025"]})
    >>> refs = law_references([p], dt.date(2026, 11, 23), normalise_law_table(laws))
    >>> bool(refs.loc[0, "in_force"]), refs.loc[0, "note"]
    (False, 'Decree 13/2023/ND-CP ceased to apply on 2025-12-31; replaced by vn-pdpl-2025')
    """
    laws = law_table() if laws is None else laws
    known = {row["law"]: row for _, row in laws.iterrows()}
    rows = []
    for name, policy in zip(policy_labels(policies), policies):
        facts = facts_of(policy)
        cited = facts[facts["concept"] == "law.reference"]
        cited = cited.assign(law=cited["value"].where(cited["value"] != "", cited["evidence"]))
        for law_id, group in cited.groupby("law", sort=False):
            law = known.get(law_id)
            row = {"policy": name, "organisation": policy.organisation, "law": law_id,
                   "cited_as": join_evidence(group["evidence"])}
            if law is None:
                row.update(in_force=pd.NA, in_force_from=None, in_force_until=None,
                           note=f"{law_id} is not in the requirement catalogs; "
                                "its status was not checked")
            else:
                row.update(in_force=in_force(law, as_of), in_force_from=law["in_force_from"],
                           in_force_until=law["in_force_until"], note=_status_note(law, as_of))
            rows.append(row)
    table = pd.DataFrame(rows, columns=LAW_REFERENCE_COLUMNS)
    table["in_force"] = table["in_force"].astype("boolean")
    return table


def _status_note(law: pd.Series, as_of: dt.date) -> str:
    name, start, until = law["name"], law["in_force_from"], law["in_force_until"]
    if _is_date(start) and as_of < start:
        return f"{name} applies only from {start.isoformat()}"
    if _is_date(until) and as_of > until:
        replaced = law.get("replaced_by")
        tail = f"; replaced by {replaced}" if isinstance(replaced, str) and replaced else ""
        return f"{name} ceased to apply on {until.isoformat()}{tail}"
    return ""


TIDY_COLUMNS = ["topic", "concept", "jurisdiction", "requirement", "summary", "citation",
                "deadline_text", "deadline_hours", "confidence"]


def compare_jurisdictions(ids=None, tidy: bool = False) -> pd.DataFrame:
    """How laws compare, topic by topic, straight from the catalogs.

    Wide form (default): rows ``(topic, concept)``, one column per jurisdiction,
    each cell ``"summary (citation; deadline)"`` for every requirement of that
    law on that row, joined by newlines; empty when the law has none.
    ``tidy=True`` returns one row per requirement with the columns
    ``topic, concept, jurisdiction, requirement, summary, citation, deadline_text,
    deadline_hours, confidence`` instead.

    >>> table = compare_jurisdictions(["gdpr"])
    >>> "(Art. 33(1),(3)-(5); 72 hours" in table.loc[("breach", "breach.notification"), "gdpr"]
    True
    """
    from ..jurisdictions import catalog_api as catalogs

    return jurisdiction_table(catalogs.requirements(ids), tidy=tidy)


def jurisdiction_table(requirements: pd.DataFrame, tidy: bool = False) -> pd.DataFrame:
    """:func:`compare_jurisdictions` for an already loaded requirements table."""
    reqs = requirements.reindex(columns=list(dict.fromkeys(TIDY_COLUMNS + list(requirements))))
    reqs = reqs.assign(concept=reqs["concept"].map(_concept_text))
    topics = list(dict.fromkeys(reqs["topic"]))
    reqs = reqs.assign(_order=reqs["topic"].map(topics.index))
    tidy_table = reqs.sort_values(["_order", "concept"], kind="stable")[TIDY_COLUMNS]
    tidy_table = tidy_table.reset_index(drop=True)
    if tidy:
        return tidy_table
    cells = tidy_table.assign(cell=tidy_table.apply(_cell, axis=1))
    laws = list(dict.fromkeys(requirements["jurisdiction"]))
    wide = cells.pivot_table(index=["topic", "concept"], columns="jurisdiction", values="cell",
                             aggfunc="\n".join, sort=False)
    return wide.reindex(columns=laws).fillna("")


def _concept_text(value) -> str:
    from ._facts import as_list

    return ",".join(str(v) for v in as_list(value))


def _cell(row: pd.Series) -> str:
    bits = [str(b) for b in (row["citation"], row["deadline_text"])
            if isinstance(b, str) and b.strip() and b.strip() not in {"-", "—"}]
    return f"{row['summary']} ({'; '.join(bits)})" if bits else str(row["summary"])
