"""privcompare: privacy policies and data-protection laws as tidy tables.

Read a policy, inspect its clauses and the facts it states, and compare it
with the requirements of one or more laws::

    >>> import privcompare as pc
    >>> p = pc.Policy.from_text("Your Rights\\nYou can request a copy of your data.")
    >>> "right.access" in set(p.facts["concept"])
    True
"""
from .errors import InputError, MissingDependencyError, PrivcompareError
from .policy import Policy, read_policy

__version__ = "0.1.0"

__all__ = [
    "Policy",
    "read_policy",
    "InputError",
    "MissingDependencyError",
    "PrivcompareError",
    "__version__",
]
