"""Compare: policies x requirements -> coverage and gaps; organisations and laws side by side.

- :func:`compare` -> :class:`Comparison` (``.coverage``, ``.matrix()``, ``.gaps()``,
  ``.summary()``, ``.law_references``), scoring rules in :mod:`privcompare.compare.coverage`.
- :func:`compare_organisations` -> :class:`OrganisationComparison` (rights, retention,
  disclosures, contact, children tables).
- :func:`compare_jurisdictions` -> topics x jurisdictions from the catalogs.

>>> import privcompare as pc
>>> import pandas as pd
>>> p = pc.Policy.from_text("We keep data as long as necessary.", name="demo")
>>> reqs = pd.DataFrame({"requirement": ["x.retention"], "jurisdiction": ["x"],
...     "topic": ["retention"], "concept": ["retention.period"],
...     "condition": [{"require_concrete": True}]})
>>> compare(p, reqs, as_of="2026-11-23").coverage["status"].tolist()
['partial']
"""
from .comparison import Comparison, compare
from .coverage import COVERAGE_COLUMNS, STATUSES, coverage_table, score
from .laws import (LAW_REFERENCE_COLUMNS, compare_jurisdictions, jurisdiction_table,
                   law_references, law_table)
from .organisations import OrganisationComparison, compare_organisations

__all__ = [
    "Comparison", "compare", "coverage_table", "score", "STATUSES", "COVERAGE_COLUMNS",
    "compare_jurisdictions", "jurisdiction_table", "law_references", "law_table",
    "LAW_REFERENCE_COLUMNS", "OrganisationComparison", "compare_organisations",
]


# ``privcompare.compare`` is shadowed by the function of that name in the top-level
# package; code that wants this module imports ``api``.
import sys as _sys

api = _sys.modules[__name__]
