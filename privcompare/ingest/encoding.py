"""Bytes -> str for text formats: BOMs, BOM-less UTF-16, legacy fallbacks, binary guard.

Order of trust: a byte-order mark; then a UTF-16 NUL pattern; then strict
UTF-8; then a charset the document declares itself (HTML ``<meta charset>``);
then UTF-8 with stray cp1252 bytes (when valid UTF-8 sequences outnumber the
errors); then cp1252 (the usual "ANSI" of Windows-made policies); then
latin-1, which decodes any byte and so always succeeds.
"""
from __future__ import annotations

import codecs
import re

from ..errors import InputError

_BOMS = (  # UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF_BYTES = 4096
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
# More than this share of control characters in a "text" file means it is binary.
MAX_CONTROL_RATIO = 0.05
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)


def sniff_utf16(raw: bytes) -> str | None:
    """Guess BOM-less UTF-16 from where the NUL bytes fall in the first 4 KB.

    Mostly-ASCII UTF-16 text has a NUL in every other byte: odd positions for
    little-endian, even positions for big-endian.

    >>> sniff_utf16("Privacy".encode("utf-16-le"))
    'utf-16-le'
    >>> sniff_utf16(b"Privacy") is None
    True
    """
    head = raw[:_SNIFF_BYTES]
    half = len(head) // 2
    if half < 2:
        return None
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    if odd_nuls >= 0.4 * half and even_nuls <= 0.05 * half:
        return "utf-16-le"
    if even_nuls >= 0.4 * half and odd_nuls <= 0.05 * half:
        return "utf-16-be"
    return None


def declared_charset(raw: bytes) -> str | None:
    """The charset an HTML document declares in ``<meta>``, if Python knows it.

    >>> declared_charset(b'<meta charset="windows-1252">')
    'cp1252'
    """
    m = _META_CHARSET.search(raw[:_SNIFF_BYTES])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def decode_bytes(raw: bytes, path: str | None = None, *, html: bool = False) -> tuple[str, str]:
    """Decode a text file's bytes; return ``(text, encoding)``.

    Raises :class:`InputError` for binary data (NUL bytes outside UTF-16/32,
    or too many control characters).

    >>> decode_bytes("café".encode("cp1252"))
    ('café', 'cp1252')
    >>> decode_bytes(codecs.BOM_UTF8 + b"hi")
    ('hi', 'utf-8-sig')
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise InputError(f"not valid {encoding} text despite its byte-order mark", path) from None
            name = "utf-8-sig" if encoding == "utf-8" else encoding
            return _check_not_binary(text, path), name
    utf16 = sniff_utf16(raw)
    if utf16:
        try:
            return _check_not_binary(raw.decode(utf16), path), utf16
        except UnicodeDecodeError:
            pass  # fall through: the NUL check below reports it as binary
    if b"\x00" in raw:
        raise InputError("binary file (contains NUL bytes), not text", path)
    try:
        return _check_not_binary(raw.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = declared_charset(raw) if html else None
    if declared and declared != "utf-8":
        try:
            return _check_not_binary(raw.decode(declared), path), declared
        except UnicodeDecodeError:
            pass
    if _mostly_utf8(raw):
        # Mostly UTF-8 with a few stray legacy bytes (copy-paste from Word into a
        # UTF-8 file): decoding the whole file as cp1252 would garble every
        # accented letter, so only the stray bytes are read as cp1252.
        return _check_not_binary(raw.decode("utf-8", errors=_STRAY_BYTES), path), "utf-8+cp1252"
    for encoding in ("cp1252", "latin-1"):
        try:
            return _check_not_binary(raw.decode(encoding), path), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_STRAY_BYTES = "privcompare-cp1252-bytes"


def _decode_stray_bytes(error: UnicodeDecodeError) -> tuple[str, int]:
    bad = error.object[error.start:error.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), error.end


codecs.register_error(_STRAY_BYTES, _decode_stray_bytes)


def _mostly_utf8(raw: bytes) -> bool:
    """For bytes that are not valid UTF-8: do they hold more UTF-8 sequences than errors?"""
    valid = len(_UTF8_MULTIBYTE.findall(raw))
    if not valid:
        return False
    invalid = len(raw.decode("utf-8", errors="replace").split("\ufffd")) - 1
    return valid >= invalid


def _check_not_binary(text: str, path: str | None) -> str:
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > MAX_CONTROL_RATIO * len(sample):
        raise InputError("binary file (too many control characters), not text", path)
    return text
