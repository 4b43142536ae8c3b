"""Ingest: files -> normalised text, plus block hints for HTML and DOCX.

>>> from privcompare.ingest import normalize_text
>>> normalize_text("a\\u00a0b\\r\\n")
'a b\\n'
"""
from .blocks import BLOCK_KINDS, Block, BlockWriter, Document
from .encoding import decode_bytes, sniff_utf16
from .html import parse_html
from .reader import DEFAULT_MAX_BYTES, FORMATS, read_document
from .text import normalize_text

__all__ = [
    "BLOCK_KINDS",
    "Block",
    "BlockWriter",
    "DEFAULT_MAX_BYTES",
    "Document",
    "FORMATS",
    "decode_bytes",
    "normalize_text",
    "parse_html",
    "read_document",
    "sniff_utf16",
]
