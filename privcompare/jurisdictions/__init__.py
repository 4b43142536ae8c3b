"""Requirement catalogs: what each data-protection law asks of a privacy notice, as tables.

Each law is a YAML file in ``privcompare/jurisdictions/catalogs/`` validated against
``schema.json`` on load (see ``docs/catalogs.md``). Bundled: ``gdpr``, ``vn-decree-13``
(historical, 2023-07-01 to 2025-12-31), ``vn-pdpl-2025`` (from 2026-01-01) and ``id-pdp``.
Your own catalog is a YAML file in the same format; pass its path wherever an id is accepted.
``privcompare.jurisdictions`` and ``privcompare.requirements`` are also the top-level
functions, so import this module as ``catalog_api`` (the function shadows the module name).

    >>> from privcompare.jurisdictions import catalog_api as jur
    >>> jur.in_force("2026-11-23")
    ['gdpr', 'id-pdp', 'vn-pdpl-2025']
    >>> reqs = jur.requirements(["gdpr", "id-pdp"]).set_index("requirement")
    >>> reqs.loc[["gdpr.rights.access", "id-pdp.rights.access"], "citation"].tolist()
    ['Art. 15(1)-(3)', 'Art. 7; 32(1)-(2)']

The catalogs paraphrase the laws from a research fact sheet; they are not legal advice.
"""
from __future__ import annotations

import copy
import datetime as dt
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import CatalogError
from .catalog import CATALOG_DIR, Catalog, known_concepts, read_catalog

__all__ = ["Catalog", "CatalogError", "JURISDICTION_COLUMNS", "REQUIREMENT_COLUMNS",
           "bundled_ids", "in_force", "jurisdictions", "known_concepts", "load_catalog",
           "requirements"]

JURISDICTION_COLUMNS = ["id", "name", "short_name", "official_name", "in_force_from",
                        "in_force_until", "promulgated", "replaced_by", "territorial_scope",
                        "languages", "n_requirements", "file"]

REQUIREMENT_COLUMNS = ["requirement", "jurisdiction", "topic", "concept", "condition",
                       "applies_to_notice", "citation", "summary", "deadline_hours",
                       "deadline_text", "severity", "confidence", "source", "children_age",
                       "confidence_note", "note"]


def bundled_ids() -> list[str]:
    """Ids of the catalogs shipped with privcompare (file ``<id>.yaml``), sorted.

    >>> bundled_ids()
    ['gdpr', 'id-pdp', 'vn-decree-13', 'vn-pdpl-2025']
    """
    return sorted(p.stem for p in CATALOG_DIR.glob("*.yaml"))


@lru_cache(maxsize=None)
def _bundled(law_id: str) -> Catalog:
    catalog = read_catalog(CATALOG_DIR / f"{law_id}.yaml")
    if catalog.id != law_id:  # the file name is how ids are found without reading every file
        raise CatalogError(f"{catalog.path}: id: {catalog.id!r} does not match the file name")
    return catalog


def _looks_like_path(spec: Any) -> bool:
    if isinstance(spec, os.PathLike):
        return True
    text = str(spec)
    return text.lower().endswith((".yaml", ".yml")) or "/" in text or os.sep in text


def load_catalog(spec: str | os.PathLike | Catalog) -> Catalog:
    """One catalog by bundled id (``"gdpr"``) or by path to a YAML file (your own law).

    Raises :class:`~privcompare.errors.CatalogError` for an unknown id (listing the known
    ones) or an invalid file (naming the file and the key).

    >>> load_catalog("gdpr").short_name
    'GDPR'
    >>> load_catalog("ccpa")
    Traceback (most recent call last):
    ...
    privcompare.errors.CatalogError: unknown jurisdiction 'ccpa' (known: gdpr, id-pdp, vn-decree-13, vn-pdpl-2025; or give the path to a catalog .yaml file)
    """
    if isinstance(spec, Catalog):
        return spec
    if _looks_like_path(spec):
        return read_catalog(spec)
    if str(spec) in bundled_ids():
        return _bundled(str(spec))
    raise CatalogError(f"unknown jurisdiction {str(spec)!r} (known: {', '.join(bundled_ids())}; "
                       "or give the path to a catalog .yaml file)")


def _as_specs(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, (str, os.PathLike, Catalog)):
        return [value]
    return list(value)


def _catalogs(selected: Any = None, extra: Any = None) -> list[Catalog]:
    """``selected`` (default: every bundled catalog) plus ``extra``, each id once."""
    specs = (bundled_ids() if selected is None else _as_specs(selected)) + _as_specs(extra)
    chosen: dict[str, Catalog] = {}
    for spec in specs:
        catalog = load_catalog(spec)
        previous = chosen.get(catalog.id)
        if previous is None:
            chosen[catalog.id] = catalog
        elif Path(previous.path).resolve() != Path(catalog.path).resolve():
            raise CatalogError(f"{catalog.path}: id: {catalog.id!r} is already used by "
                               f"{previous.path}; give your catalog its own id")
    return list(chosen.values())


def jurisdictions(extra: Any = None) -> pd.DataFrame:
    """One row per catalogued law: the bundled ones plus ``extra`` (paths or ids).

    Columns: ``id, name, short_name, official_name, in_force_from, in_force_until``
    (datetime64; ``in_force_until`` is the last day the law applied, NaT while in force),
    ``promulgated, replaced_by, territorial_scope, languages`` (list), ``n_requirements``
    and ``file`` (the catalog it came from).

    >>> table = jurisdictions()
    >>> table.set_index("id").loc["vn-decree-13", ["in_force_until", "replaced_by"]].tolist()
    [Timestamp('2025-12-31 00:00:00'), 'vn-pdpl-2025']
    """
    rows = [{
        "id": c.id, "name": c.name, "short_name": c.short_name, "official_name": c.official_name,
        "in_force_from": c.in_force_from, "in_force_until": c.in_force_until,
        "promulgated": c.promulgated, "replaced_by": c.replaced_by,
        "territorial_scope": c.territorial_scope, "languages": list(c.languages),
        "n_requirements": len(c.requirements), "file": c.path,
    } for c in _catalogs(None, extra)]
    table = pd.DataFrame(rows, columns=JURISDICTION_COLUMNS)
    for column in ("in_force_from", "in_force_until", "promulgated"):
        table[column] = pd.to_datetime(table[column])
    return table


def requirements(jurisdictions: Any = None, extra: Any = None) -> pd.DataFrame:
    """One row per requirement of the chosen laws, in catalog order.

    ``jurisdictions``: ``None`` (every bundled law), an id, a path to your own catalog,
    or a list mixing both; ``extra`` adds more (ids or paths). Columns:
    ``requirement, jurisdiction, topic, concept`` (a concept id or None),
    ``condition`` (a dict, ``{}`` when the requirement has none; vocabulary in
    docs/catalogs.md), ``applies_to_notice`` (bool), ``citation, summary,
    deadline_hours`` (float, NaN when the law sets no hour count), ``deadline_text,
    severity, confidence, source`` (list of source keys), ``children_age`` (float, NaN
    when not set), ``confidence_note, note``.

    >>> reqs = requirements("vn-pdpl-2025")
    >>> row = reqs.set_index("requirement").loc["vn-pdpl-2025.breach.authority"]
    >>> float(row["deadline_hours"]), row["citation"], row["confidence"]
    (72.0, 'Law Art. 23(1)-(3)', 'verified-2-sources')
    """
    rows = []
    for catalog in _catalogs(jurisdictions, extra):
        for req in catalog.requirements:
            row = copy.deepcopy(req)  # callers may edit their frame without touching the cache
            row["condition"] = row["condition"] or {}
            row["source"] = list(row["source"])
            rows.append(row)
    table = pd.DataFrame(rows, columns=REQUIREMENT_COLUMNS)
    for column in ("deadline_hours", "children_age"):
        table[column] = pd.to_numeric(table[column]).astype(float)
    table["applies_to_notice"] = table["applies_to_notice"].astype(bool)
    return table


def _to_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return pd.Timestamp(value).date()
    except (ValueError, TypeError):
        raise CatalogError(f"as_of: {value!r} is not a date (use YYYY-MM-DD)") from None


def in_force(as_of: Any, extra: Any = None) -> list[str]:
    """Ids of the laws (bundled plus ``extra``) that apply on ``as_of`` (a date or
    ``"YYYY-MM-DD"``), in the order of :func:`jurisdictions`.

    >>> in_force("2025-06-01")
    ['gdpr', 'id-pdp', 'vn-decree-13']
    """
    day = _to_date(as_of)
    return [c.id for c in _catalogs(None, extra) if c.in_force(day)]


# ``privcompare.jurisdictions`` is shadowed by the function of that name in the
# top-level package; code that wants this module imports ``catalog_api``.
import sys as _sys

catalog_api = _sys.modules[__name__]
