"""Ingest: files -> normalised text. (Placeholder, replaced by the full reader.)"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError


@dataclass
class Document:
    text: str
    blocks: list | None
    source: str
    format: str


def normalize_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def read_document(path: str | os.PathLike) -> Document:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or "cannot read file", path) from None
    return Document(normalize_text(raw.decode("utf-8-sig")), None, os.fspath(path), "text")
