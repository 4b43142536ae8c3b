"""Organisations side by side: what each policy says about rights, retention,
disclosures, contact and children, read only from ``Policy.facts``.

Rows are organisations (``Policy.organisation``; the policy name is added in
brackets when two policies share an organisation), in the order given.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from ..annotate.values import name_key
from ._facts import (RIGHT_CONCEPTS, facts_of, is_conditional, is_negative, is_vague,
                     join_evidence, load_policies)

TABLES = ["rights", "retention", "disclosures", "contact", "children"]


@dataclass
class OrganisationComparison:
    """Named tables, also reachable as attributes: ``oc.rights`` or ``oc["rights"]``.

    - ``rights``: organisation x right concept -> ``yes``, ``conditional`` or ``no``
      (``no`` = not stated, or only refused).
    - ``retention``: ``retention`` (``period``, ``criteria``, ``vague``, ``not stated``),
      ``min_days``, ``max_days``, ``periods_days`` (all stated periods), ``evidence``.
    - ``disclosures``: ``named_recipients`` (not the organisation itself: "Salesforce"
      in Salesforce's own policy, by its manifest name or a controller name the policy
      states) and ``recipient_categories``, from statements that are not negative
      ("we do not share ... with third parties" names none), ``sale``
      (``sells``, ``does not sell``, ``mixed`` = a denial and a positive statement,
      read the evidence; ``not stated``), ``international_transfers``
      (``yes``, ``no``, ``conditional``, ``not stated``), ``safeguards``, ``evidence``.
    - ``contact``: ``controller`` (the names the policy gives itself, e.g. ``Kestrel Apps, Inc.``),
      ``emails``, ``phones``, ``urls``, ``addresses`` (comma-joined), ``dpo`` (yes/no).
    - ``children``: ``minimum_age`` (the lowest age stated, NaN when none), ``ages``
      (every age stated, e.g. ``13, 16`` for "13, or 16 in the EEA"), ``evidence``.
    """

    tables: dict = field(default_factory=dict)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    def __iter__(self):
        return iter(self.tables)

    def keys(self):
        return self.tables.keys()

    def items(self):
        return self.tables.items()


def compare_organisations(policies) -> OrganisationComparison:
    """Compare what organisations' policies say (see :class:`OrganisationComparison`).

    >>> import privcompare as pc
    >>> p = pc.Policy.from_text("You can ask for a copy of your data.", name="acme")
    >>> p.__dict__["facts"] = pd.DataFrame({"clause_id": ["c0"], "concept": ["right.access"],
    ...     "polarity": ["positive"], "evidence": ["ask for a copy"]})
    >>> compare_organisations([p]).rights.loc["acme", "right.access"]
    'yes'
    """
    loaded, _ = load_policies(policies)
    names = _row_names(loaded)
    facts = {name: facts_of(p) for name, p in zip(names, loaded)}
    tables = {
        "rights": _rights(facts),
        "retention": _per_org(facts, _retention),
        "disclosures": _per_org(facts, _disclosures, [p.organisation for p in loaded]),
        "contact": _per_org(facts, _contact),
        "children": _per_org(facts, _children),
    }
    return OrganisationComparison(tables)


def _row_names(policies: list) -> list[str]:
    orgs = [p.organisation for p in policies]
    return [o if orgs.count(o) == 1 else f"{o} ({p.name})" for o, p in zip(orgs, policies)]


def _per_org(facts: dict, build, *per_policy: list) -> pd.DataFrame:
    table = pd.DataFrame([build(f, *extra) for f, *extra in zip(facts.values(), *per_policy)],
                         index=list(facts))
    table.index.name = "organisation"
    return table


def _rights(facts: dict) -> pd.DataFrame:
    extra = sorted({c for f in facts.values() for c in f["concept"]
                    if c.startswith("right.") and c not in RIGHT_CONCEPTS})
    columns = RIGHT_CONCEPTS + extra
    rows = {}
    for org, f in facts.items():
        rows[org] = {c: _offered(f[f["concept"] == c]) for c in columns}
    table = pd.DataFrame.from_dict(rows, orient="index", columns=columns)
    table.index.name = "organisation"
    return table


def _offered(facts: pd.DataFrame) -> str:
    positive = facts[~is_negative(facts)]
    if positive.empty:
        return "no"
    return "conditional" if is_conditional(positive).all() else "yes"


def _values(facts: pd.DataFrame, kinds: list[str]) -> str:
    chosen = facts[facts["value_kind"].isin(kinds) & (facts["value"] != "")]
    return ", ".join(dict.fromkeys(chosen["value"]))


def _shortest_names(names) -> list[str]:
    """``names`` once each, without a name that is a longer form of another one listed:
    the recipient lexicon's "Klarna" and the "Klarna Bank AB" a rule read as written are one
    recipient.

    >>> _shortest_names(["Posten Bring AS", "Klarna", "Klarna Bank AB", "AWS", "Klarna"])
    ['Posten Bring AS', 'Klarna', 'AWS']
    """
    listed = list(dict.fromkeys(names))
    keys = {name_key(n) for n in listed}
    return [n for n in listed if not any(k and name_key(n).startswith(k + " ") for k in keys)]


def _retention(f: pd.DataFrame) -> dict:
    ret = f[(f["concept"] == "retention.period") & ~is_negative(f)]
    days = ret.loc[ret["number"].notna() & ~is_vague(ret), "number"]
    if len(days):
        kind = "period"
    elif ret["value"].str.lower().eq("criteria").any():
        kind = "criteria"
    elif len(ret):
        kind = "vague"
    else:
        kind = "not stated"
    periods = sorted(set(days.astype(int)))
    return {"retention": kind,
            "min_days": float(min(periods)) if periods else float("nan"),
            "max_days": float(max(periods)) if periods else float("nan"),
            "periods_days": ", ".join(str(d) for d in periods),
            "evidence": join_evidence(ret["evidence"])}


def _disclosures(f: pd.DataFrame, organisation: str = "") -> dict:
    sharing = f[f["concept"] == "sharing.recipients"]
    # "Scribd does not share Personal Information with third parties" names no recipient
    stated = sharing[~is_negative(sharing)]
    controller = f.loc[(f["concept"] == "controller.identity") & (f["value_kind"] == "name"), "value"]
    own = set(re.findall(r"\w+", " ".join([organisation, *controller]).lower()))
    named = stated[(stated["value_kind"] == "recipient")
                   & ~stated["value"].map(lambda v: set(re.findall(r"\w+", v.lower())) <= own)]
    sale = f[f["concept"] == "sharing.sale"]
    transfer = f[f["concept"] == "transfer.international"]
    safeguards = f[f["concept"] == "transfer.safeguards"]
    sells, denies = (~is_negative(sale)).any(), is_negative(sale).any()
    if sells and denies:
        sale_text = "mixed"
    elif sells:
        sale_text = "sells"
    elif denies:
        sale_text = "does not sell"
    else:
        sale_text = "not stated"
    positive_transfer = transfer[~is_negative(transfer)]
    if len(positive_transfer):
        transfer_text = "conditional" if is_conditional(positive_transfer).all() else "yes"
    else:
        transfer_text = "no" if len(transfer) else "not stated"
    evidence = pd.concat([sharing, sale, transfer, safeguards])["evidence"]
    return {"named_recipients": ", ".join(_shortest_names(named.loc[named["value"] != "", "value"])),
            "recipient_categories": _values(stated, ["recipient_category"]),
            "sale": sale_text,
            "international_transfers": transfer_text,
            "safeguards": _values(safeguards, list(set(safeguards["value_kind"]) - {""}))
            or join_evidence(safeguards["evidence"]),
            "evidence": join_evidence(evidence)}


def _contact(f: pd.DataFrame) -> dict:
    dpo = f[(f["concept"] == "dpo") & ~is_negative(f)]
    identity = f[(f["concept"] == "controller.identity") & ~is_negative(f)]
    return {"controller": _values(identity, ["name"]),
            "emails": _values(f, ["email"]), "phones": _values(f, ["phone"]),
            "urls": _values(f, ["url"]), "addresses": _values(f, ["address"]),
            "dpo": "yes" if len(dpo) else "no"}


def _children(f: pd.DataFrame) -> dict:
    kids = f[f["concept"] == "children"]
    ages = kids.loc[kids["value_kind"].eq("age"), "number"].dropna()
    return {"minimum_age": float(ages.min()) if len(ages) else float("nan"),
            "ages": ", ".join(dict.fromkeys(str(int(a)) for a in ages)),
            "evidence": join_evidence(kids["evidence"])}
