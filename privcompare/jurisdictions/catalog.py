"""Read one requirement catalog (YAML) and check it against ``schema.json`` and ``concepts.yaml``.

Legal content is data: each law is a YAML file with a header and a list of
requirements. Loading validates the file so that a typo fails loudly, with one
line naming the file and the key, instead of silently producing a requirement
that can never be met::

    >>> from privcompare.jurisdictions.catalog import read_catalog, CATALOG_DIR
    >>> gdpr = read_catalog(CATALOG_DIR / "gdpr.yaml")
    >>> gdpr.id, gdpr.in_force_from.isoformat(), gdpr.in_force_until
    ('gdpr', '2018-05-25', None)
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from ..errors import CatalogError

PACKAGE_DIR = Path(__file__).resolve().parent
CATALOG_DIR = PACKAGE_DIR / "catalogs"
SCHEMA_PATH = PACKAGE_DIR / "schema.json"
CONCEPTS_PATH = PACKAGE_DIR / "concepts.yaml"

# Optional requirement fields and the value a requirement has when the file omits them.
REQUIREMENT_DEFAULTS: dict[str, Any] = {
    "condition": None, "applies_to_notice": True, "deadline_hours": None, "deadline_text": None,
    "children_age": None, "confidence_note": "", "note": "",
}


class _Loader(yaml.SafeLoader):
    """Safe YAML that keeps dates as text (the schema checks them, so ``2025-13-45`` is a
    clear error rather than a crash) and refuses duplicate keys (YAML would keep the last)."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            self.flatten_mapping(node)
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Catalog:
    """One validated catalog: the header fields plus ``requirements`` (list of dicts with
    every optional field filled in) and ``path`` (the file it came from)."""

    id: str
    name: str
    official_name: str
    short_name: str
    in_force_from: dt.date
    in_force_until: dt.date | None
    promulgated: dt.date | None
    replaced_by: str | None
    territorial_scope: str
    languages: tuple
    sources: dict
    notes: str
    requirements: tuple
    path: str

    def in_force(self, on: dt.date) -> bool:
        """Whether the law applies on ``on`` (``in_force_from`` and ``in_force_until`` inclusive).

        >>> from privcompare.jurisdictions import load_catalog
        >>> d13 = load_catalog("vn-decree-13")
        >>> d13.in_force(dt.date(2025, 12, 31)), d13.in_force(dt.date(2026, 1, 1))
        (True, False)
        """
        return self.in_force_from <= on and (self.in_force_until is None
                                             or on <= self.in_force_until)


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@lru_cache(maxsize=1)
def known_concepts() -> dict[str, str]:
    """Concept id -> short description: the ids a catalog may use (a public contract).

    >>> from privcompare.jurisdictions import known_concepts
    >>> "right.access" in known_concepts()
    True
    """
    data = yaml.safe_load(CONCEPTS_PATH.read_text(encoding="utf-8"))
    return dict(data["concepts"])


def read_catalog(path: str | os.PathLike) -> Catalog:
    """Read and validate one catalog file; raise :class:`CatalogError` naming file and key.

    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "mycat.yaml"
    >>> _ = bad.write_text("id: mycat\\n")
    >>> try:
    ...     read_catalog(bad)
    ... except CatalogError as error:
    ...     print(str(error).split(": ", 1)[1])
    name: required property missing (and 9 more problems)
    """
    label = os.fspath(path)
    data = _read_yaml(Path(path), label)
    problems = schema_problems(data)
    if not problems:
        problems = meaning_problems(data)
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        error = CatalogError(f"{label}: {problems[0]}{more}")
        error.path, error.problems = label, problems
        raise error
    return _to_catalog(data, label)


def _read_yaml(path: Path, label: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogError(f"{label}: file not found") from None
    except IsADirectoryError:
        raise CatalogError(f"{label}: is a directory, not a catalog file") from None
    except UnicodeDecodeError as exc:
        raise CatalogError(f"{label}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise CatalogError(f"{label}: cannot be read ({exc.strerror})") from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise CatalogError(f"{label}: not valid YAML: {' '.join(str(problem).split())}{where}") \
            from None


def schema_problems(data: Any) -> list[str]:
    """Every schema violation as ``"<key path>: <problem>"``, in document order.

    >>> schema_problems({"id": "x"})[0]
    'name: required property missing'
    """
    errors = sorted(_validator().iter_errors(data), key=lambda e: _order(e.absolute_path))
    return [_describe(error, data) for error in errors]


def _order(path) -> tuple:
    return tuple((0, f"{part:09d}") if isinstance(part, int) else (1, str(part)) for part in path)


def _where(path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else ("." if text else "") + str(part)
    return text or "(top level)"


def _short(value: Any, limit: int = 60) -> str:
    text = " ".join(repr(value).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _describe(error, data: Any) -> str:
    path = list(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "required":
        named = re.match(r"^'(.+)' is a required property$", error.message)
        missing = [key for key in error.validator_value if key not in error.instance]
        path.append(named.group(1) if named else missing[0])
        problem = "required property missing"
    elif error.validator == "additionalProperties":
        allowed = set(schema.get("properties", {}))
        extra = sorted(str(key) for key in error.instance if key not in allowed)
        path.append(extra[0])
        problem = "unknown key (not in the catalog schema; a typo?)"
    elif error.validator == "propertyNames":
        problem = f"key {error.instance!r} {schema.get('propertyNames', {}).get('x-error', 'is not allowed')}"
    elif "x-error" in schema:
        problem = f"{_short(error.instance)} {schema['x-error']}"
    elif error.validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) \
            else [error.validator_value]
        problem = f"expected {' or '.join(wanted)}, got {_short(error.instance)}"
    elif error.validator == "enum":
        problem = f"{_short(error.instance)} is not one of: " + ", ".join(
            str(v) for v in error.validator_value)
    else:
        problem = " ".join(error.message.split())
    return f"{_where(path)}: {problem}{_requirement_hint(path, data)}"


def _requirement_hint(path: list, data: Any) -> str:
    """Name the requirement id too: ``requirements[17]`` alone is hard to find in a long file."""
    if len(path) >= 2 and path[0] == "requirements" and isinstance(path[1], int):
        try:
            rid = data["requirements"][path[1]]["requirement"]
        except (KeyError, IndexError, TypeError):
            return ""
        if isinstance(rid, str) and path[2:3] != ["requirement"]:
            return f" (requirement {rid})"
    return ""


def meaning_problems(data: dict) -> list[str]:
    """Checks a JSON schema cannot express: ids, source keys and concept ids resolve, dates
    are in order. ``data`` must already pass :func:`schema_problems`."""
    problems = []
    law, sources, concepts = data["id"], data["sources"], known_concepts()
    start, until = data["in_force_from"], data["in_force_until"]
    if until is not None and until < start:
        problems.append(f"in_force_until: {until} is before in_force_from {start}")
    seen: dict[str, int] = {}
    for i, req in enumerate(data["requirements"]):
        at, rid = f"requirements[{i}]", req["requirement"]
        hint = f" (requirement {rid})"
        if not rid.startswith(law + "."):
            problems.append(f"{at}.requirement: {rid!r} must start with the catalog id '{law}.'")
        if rid in seen:
            problems.append(f"{at}.requirement: duplicate id {rid!r} "
                            f"(also requirements[{seen[rid]}])")
        seen.setdefault(rid, i)
        if req["jurisdiction"] != law:
            problems.append(f"{at}.jurisdiction: {req['jurisdiction']!r} is not the catalog id "
                            f"{law!r}{hint}")
        for key in req["source"]:
            if key not in sources:
                problems.append(f"{at}.source: {key!r} is not in the header's sources map "
                                f"(known: {', '.join(sources)}){hint}")
        condition = req.get("condition") or {}
        named = [("concept", req["concept"]), ("condition.concept", condition.get("concept")),
                 ("condition.when_concept", condition.get("when_concept")),
                 ("condition.partial_concept", condition.get("partial_concept"))]
        for key, value in named:
            for concept in _as_list(value):
                if concept not in concepts:
                    problems.append(f"{at}.{key}: unknown concept {concept!r} (not in "
                                    f"privcompare/jurisdictions/concepts.yaml){hint}")
        listed = _as_list(condition.get("concept") or req["concept"])
        count = condition.get("min_count")
        if isinstance(count, int) and count > max(len(listed), 1) and len(listed) > 1:
            problems.append(f"{at}.condition.min_count: {count} is more than the {len(listed)} "
                            f"concepts listed{hint}")
    return problems


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _to_catalog(data: dict, label: str) -> Catalog:
    requirements = tuple({**REQUIREMENT_DEFAULTS, **req} for req in data["requirements"])
    return Catalog(
        id=data["id"], name=data["name"], official_name=data["official_name"],
        short_name=data["short_name"],
        in_force_from=dt.date.fromisoformat(data["in_force_from"]),
        in_force_until=_date(data["in_force_until"]),
        promulgated=_date(data.get("promulgated")), replaced_by=data.get("replaced_by"),
        territorial_scope=" ".join(data["territorial_scope"].split()),
        languages=tuple(data["languages"]), sources=dict(data["sources"]),
        notes=data["notes"].strip(), requirements=requirements, path=label,
    )


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)
