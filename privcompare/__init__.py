"""privcompare: privacy policies and data-protection laws as tidy tables.

The pipeline runs one way, and every stage is a pandas DataFrame you can stop at:

- :func:`read_policy` / :meth:`Policy.from_text` -> ``Policy.clauses`` (clause table)
  -> ``Policy.facts`` (what each clause states, with evidence);
- :func:`read_law` -> ``Law.clauses`` (articles, paragraphs, points, citations);
- :func:`jurisdictions` and :func:`requirements` -> the requirement catalogs;
- :func:`compare` -> coverage of requirements, gaps and law references;
  :func:`compare_organisations` and :func:`compare_jurisdictions` side by side.

>>> import privcompare as pc
>>> p = pc.Policy.from_text("Your Rights\\nYou can request a copy of your personal data.")
>>> "right.access" in set(p.facts["concept"])
True
"""
from .annotate import annotate
from .compare import compare, compare_jurisdictions, compare_organisations
from .errors import CatalogError, InputError, MissingDependencyError, PrivcompareError
from .inputs import read_policies
from .jurisdictions import jurisdictions, requirements
from .laws import Law, read_law
from .policy import Policy, read_policy

__version__ = "0.1.0"

__all__ = [
    "Policy",
    "read_policy",
    "read_policies",
    "Law",
    "read_law",
    "annotate",
    "jurisdictions",
    "requirements",
    "compare",
    "compare_organisations",
    "compare_jurisdictions",
    "PrivcompareError",
    "InputError",
    "MissingDependencyError",
    "CatalogError",
    "__version__",
]
