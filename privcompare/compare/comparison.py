"""``compare()``: policies x requirements -> a :class:`Comparison`."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

import pandas as pd

from ._facts import load_policies
from .coverage import STATUSES, coverage_table
from .laws import law_references, law_table, laws_in_force


@dataclass
class Comparison:
    """The result of :func:`compare`.

    ``coverage``: one row per policy x requirement (columns in
    ``docs/architecture.md`` plus ``summary`` and ``deadline_text``);
    ``law_references``: the laws each policy cites and whether they are in force on
    ``as_of``; ``errors``: policy files that could not be read (``source``, ``error``);
    ``policies``: the :class:`~privcompare.Policy` objects compared (reuse them, e.g.
    for :func:`compare_organisations`, instead of reading files again);
    ``jurisdictions``: the law ids compared, in catalog order.
    """

    coverage: pd.DataFrame
    law_references: pd.DataFrame
    as_of: dt.date
    errors: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["source", "error"]))
    policies: list = field(default_factory=list, repr=False)
    jurisdictions: list = field(default_factory=list)

    def matrix(self, jurisdiction: str | None = None) -> pd.DataFrame:
        """Wide status table: rows ``(policy, organisation)``, columns a MultiIndex
        ``(jurisdiction, requirement)`` in catalog order; ``jurisdiction`` keeps one law.

        >>> c = Comparison(pd.DataFrame({"policy": ["p"], "organisation": ["P"],
        ...     "jurisdiction": ["gdpr"], "requirement": ["gdpr.x"], "status": ["met"]}),
        ...     pd.DataFrame(), dt.date(2026, 1, 1))
        >>> c.matrix().loc[("p", "P"), ("gdpr", "gdpr.x")]
        'met'
        """
        cov = self._rows(jurisdiction)
        cov = cov.assign(status=cov["status"].astype(str))
        columns = pd.MultiIndex.from_frame(
            cov[["jurisdiction", "requirement"]].drop_duplicates())
        rows = pd.MultiIndex.from_frame(cov[["policy", "organisation"]].drop_duplicates())
        wide = cov.pivot(index=["policy", "organisation"], columns=["jurisdiction", "requirement"],
                         values="status")
        return wide.reindex(index=rows, columns=columns)

    def gaps(self, jurisdiction: str | None = None) -> pd.DataFrame:
        """The ``partial`` and ``missing`` coverage rows (same columns, same order)."""
        cov = self._rows(jurisdiction)
        return cov[cov["status"].isin(["partial", "missing"])].reset_index(drop=True)

    def summary(self) -> pd.DataFrame:
        """Per policy x jurisdiction: counts of each status and ``score``.

        ``score`` = (met + 0.5 x partial) / (met + partial + missing), in [0, 1];
        not_applicable rows do not count; NaN when nothing applies.
        """
        cov = self.coverage.assign(status=self.coverage["status"].astype(str))
        keys = ["policy", "organisation", "jurisdiction"]
        counts = (cov.groupby(keys, sort=False)["status"].value_counts()
                  .unstack(fill_value=0).reindex(columns=STATUSES, fill_value=0))
        applicable = counts[["met", "partial", "missing"]].sum(axis=1)
        counts["score"] = ((counts["met"] + 0.5 * counts["partial"])
                           / applicable.where(applicable > 0)).round(3)
        counts.columns.name = None
        return counts.reset_index()

    def _rows(self, jurisdiction: str | None) -> pd.DataFrame:
        if jurisdiction is None:
            return self.coverage
        return self.coverage[self.coverage["jurisdiction"] == jurisdiction].reset_index(drop=True)

    def __repr__(self) -> str:
        n_pol = len(self.policies) or self.coverage["policy"].nunique()
        laws = self.jurisdictions or list(dict.fromkeys(self.coverage["jurisdiction"]))
        return f"Comparison(policies={n_pol}, jurisdictions={laws}, as_of={self.as_of})"


def compare(policies, jurisdictions=None, as_of: dt.date | str | None = None) -> Comparison:
    """Compare policies with the requirements of one or more laws.

    ``policies``: a :class:`~privcompare.Policy`, a path, or a list of either
    (paths are read with :func:`privcompare.read_policy`; unreadable files are
    skipped with a warning and listed in ``Comparison.errors``).
    ``jurisdictions``: ``None`` for every catalogued law in force on ``as_of``;
    ids or catalog paths (passed to :func:`privcompare.jurisdictions.requirements`);
    or an already loaded requirements DataFrame. ``as_of`` defaults to today.

    >>> import privcompare as pc
    >>> p = pc.Policy.from_text("You may lodge a complaint with the supervisory authority.",
    ...                         name="demo")
    >>> c = compare(p, "gdpr", as_of="2026-11-23")
    >>> c.coverage.set_index("requirement").loc["gdpr.notice.complaint", "status"]
    'met'
    """
    as_of = _to_date(as_of)
    loaded, errors = load_policies(policies)
    requirements = resolve_requirements(jurisdictions, as_of)
    return Comparison(coverage=coverage_table(loaded, requirements),
                      law_references=law_references(loaded, as_of, known_laws()),
                      as_of=as_of, errors=errors, policies=loaded,
                      jurisdictions=list(dict.fromkeys(requirements["jurisdiction"])))


def resolve_requirements(jurisdictions=None, as_of: dt.date | str | None = None) -> pd.DataFrame:
    """The requirements :func:`compare` scores against (same arguments as :func:`compare`).

    Resolved once, it can score policies chunk by chunk (the streaming report does).

    >>> sorted(set(resolve_requirements("gdpr")["jurisdiction"]))
    ['gdpr']
    """
    if isinstance(jurisdictions, pd.DataFrame):
        return jurisdictions
    from ..jurisdictions import catalog_api as catalogs

    if jurisdictions is None:
        jurisdictions = laws_in_force(_to_date(as_of))
    elif isinstance(jurisdictions, (str, os.PathLike)):
        jurisdictions = [jurisdictions]
    return catalogs.requirements(list(jurisdictions))


def known_laws() -> pd.DataFrame:
    """:func:`~privcompare.compare.laws.law_table`, or an empty one when no catalogs are installed
    (law references then get ``in_force`` NA)."""
    try:
        return law_table()
    except ImportError:
        return pd.DataFrame(columns=["law", "name", "in_force_from", "in_force_until", "replaced_by"])


def _to_date(value) -> dt.date:
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
