"""The :class:`Policy` object: one privacy policy, its clause table and its facts.

A ``Policy`` ties the pipeline stages together lazily: ``Policy.text`` is the
normalised text, ``Policy.clauses`` the clause table (``privcompare.structure``)
and ``Policy.facts`` the annotated facts (``privcompare.annotate``). Each table
is computed once, on first access.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd


@dataclass(eq=False)
class Policy:
    """A privacy policy as normalised text, with its clause table and facts.

    Build one with :func:`privcompare.read_policy` or :meth:`Policy.from_text`.

    >>> p = Policy.from_text("1. Your Rights\\nYou may access your data.", name="demo")
    >>> p.clauses[["clause_id", "kind", "text"]].values.tolist()[0][1]
    'heading'
    """

    text: str
    name: str = "policy"
    source: str | None = None
    format: str = "text"
    metadata: dict[str, Any] = field(default_factory=dict)
    blocks: list | None = field(default=None, repr=False)

    @classmethod
    def from_text(cls, text: str, name: str = "policy", **metadata: Any) -> "Policy":
        """Make a policy from a string (normalised the same way as files; no blocks).

        >>> Policy.from_text("Hello\\r\\nworld", name="x").text
        'Hello\\nworld'
        """
        from .ingest import normalize_text

        return cls(text=normalize_text(text), name=name, metadata=dict(metadata))

    @property
    def organisation(self) -> str:
        """The organisation behind the policy: the manifest's ``organisation``, else the
        controller the policy names (its ``controller.identity`` name stated most often,
        the first on a tie; this reads the facts), else the policy's name.

        >>> Policy.from_text('Acme Ltd ("we") runs this shop.', name="shop").organisation
        'Acme Ltd'
        >>> Policy.from_text("We run this shop.", name="shop").organisation
        'shop'
        """
        if self.metadata.get("organisation"):
            return str(self.metadata["organisation"])
        facts = self.facts
        if not {"concept", "value_kind", "value"} <= set(facts.columns):  # a caller's own partial table
            return self.name
        named = (facts["concept"] == "controller.identity") & (facts["value_kind"] == "name") & (facts["value"] != "")
        if "polarity" in facts.columns:
            named &= facts["polarity"] != "negative"
        named = facts.loc[named, "value"]
        if len(named):
            counts = named.value_counts(sort=False)  # in order of first appearance
            return str(counts.idxmax())  # (idxmax keeps the first of equal counts)
        return self.name

    @cached_property
    def clauses(self) -> pd.DataFrame:
        """The clause table (columns in ``docs/architecture.md``)."""
        from .structure import build_clauses

        return build_clauses(self.text, blocks=self.blocks)

    @cached_property
    def facts(self) -> pd.DataFrame:
        """One row per fact stated by a clause, with evidence and offsets.

        The annotator reads English: for a policy in another language (see
        :func:`privcompare.ingest.language.not_english_problem`) a ``UserWarning``
        says so, since most of its facts will be missing.
        """
        import warnings

        from .annotate import annotate_clauses
        from .ingest.language import not_english_problem

        problem = not_english_problem(self.text)
        if problem:
            # stacklevel 3: the caller's line, past cached_property's
            warnings.warn(f"{self.source or self.name}: {problem}", UserWarning, stacklevel=3)
        return annotate_clauses(self.clauses)

    def _repr_html_(self) -> str:
        from .display import policy_html

        return policy_html(self)

    def __repr__(self) -> str:
        return f"Policy(name={self.name!r}, chars={len(self.text)}, source={self.source!r})"


def read_policy(path: str | os.PathLike, name: str | None = None, *, max_bytes: int | None = None,
                **metadata: Any) -> Policy:
    """Read a policy from ``.txt``, ``.md``, ``.html``/``.htm``, ``.pdf`` or ``.docx``.

    ``name`` defaults to the file's stem; extra keyword arguments (organisation,
    country, date, ...) become ``Policy.metadata``. Files larger than
    ``max_bytes`` (default :data:`privcompare.ingest.DEFAULT_MAX_BYTES`) are refused.

    Raises :class:`privcompare.errors.InputError` (one line naming the file) when
    the file cannot be read, and :class:`privcompare.errors.MissingDependencyError`
    when a PDF or DOCX needs an optional extra that is not installed.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "acme.txt"
    >>> _ = f.write_text("Privacy Policy\\nWe keep data for 30 days.")
    >>> read_policy(f).name
    'acme'
    """
    from .ingest import DEFAULT_MAX_BYTES, read_document

    doc = read_document(path, max_bytes=DEFAULT_MAX_BYTES if max_bytes is None else max_bytes)
    return Policy(
        text=doc.text,
        name=name or Path(path).stem,
        source=os.fspath(path),
        format=doc.format,
        metadata=dict(metadata),
        blocks=doc.blocks,
    )
