"""Structure: normalised text (+ reader blocks) -> clause table.

>>> from privcompare.structure import build_clauses
>>> build_clauses("Your Rights\\n- Access: get a copy.")["kind"].tolist()
['heading', 'list_item']
"""
from .clauses import COLUMNS, KINDS, SECTION_SEPARATOR, build_clauses
from .patterns import debris_patterns, is_debris

__all__ = ["COLUMNS", "KINDS", "SECTION_SEPARATOR", "build_clauses", "debris_patterns", "is_debris"]
