"""Read EU laws published in the Publications Office's Formex XML (e.g. the GDPR).

Formex structure used here: ``DIVISION`` (chapters, nested ``DIVISION`` for
sections) holding ``ARTICLE``; an article has ``TI.ART`` ("Article 13"),
``STI.ART`` (its title) and either numbered ``PARAG`` (``NO.PARAG`` +
``ALINEA``...) or bare ``ALINEA``; points are ``LIST/ITEM/NP`` with ``NO.P``
and ``TXT``; recitals are ``GR.CONSID/CONSID/NP`` in the preamble. Footnotes
(``NOTE``) are left out of clause text; ``QUOT.START``/``QUOT.END`` become
the quotation marks they encode.

The reader also renders the law as plain text (chapter, article and title
lines, one clause per line) so that ``Law.text[start:end] == text`` holds
for Formex laws as it does for plain-text ones.
"""
from __future__ import annotations

import re
import warnings

from lxml import etree

from ..errors import InputError
from .law import ClauseRow

_SKIP = {"NOTE", "LIST"}
_ARTICLE_NO = re.compile(r"(\d+[a-z]*)", re.I)
_LABEL = re.compile(r"^\(?\s*([0-9]+[a-z]*|[a-zđ]+)\s*[.)]?$", re.I)


def parse_formex(data: bytes, path: str = "<xml>"):
    """Parse Formex XML bytes into ``(text, rows, articles, metadata)``.

    Raises :class:`InputError` naming ``path`` for broken or non-Formex XML.

    >>> xml = b'''<ACT><ENACTING.TERMS><ARTICLE><TI.ART>Article 1</TI.ART>
    ... <STI.ART>Scope</STI.ART><PARAG><NO.PARAG>1.</NO.PARAG>
    ... <ALINEA>It applies.</ALINEA></PARAG></ARTICLE></ENACTING.TERMS></ACT>'''
    >>> text, rows, articles, meta = parse_formex(xml)
    >>> [(r.kind, r.article, r.paragraph, r.text) for r in rows]
    [('paragraph', '1', '1', 'It applies.')]
    """
    root = _parse_xml(data, path)
    if root is None or not isinstance(root.tag, str):
        raise InputError("not a Formex XML law (no document element)", path)
    renderer = _Renderer()
    for consid in root.iter("CONSID"):
        renderer.recital(consid)
    article_elements = [a for a in root.iter("ARTICLE") if _article_number(a)]
    if not article_elements:
        raise InputError(f"not a Formex XML law (root <{etree.QName(root).localname}> has no ARTICLE "
                         "elements with an 'Article N' heading)", path)
    final = root.find(".//PREAMBLE/PREAMBLE.FINAL")
    if final is not None and renderer.rows:  # "HAVE ADOPTED THIS REGULATION:" closes the recitals
        renderer.blank()
        renderer._line(_normalise(_inline(final)))
    for art in article_elements:
        renderer.article(art)
    bib = root.find(".//BIB.DATA")  # the act's own; later BIB.DATA describe corrigenda
    bib = bib if bib is not None else etree.Element("BIB.DATA")
    metadata = {
        "celex": (bib.findtext("NO.CELEX") or "").strip(),
        "title": _normalise(" ".join(_inline(p) for p in bib.iterfind("TITLE/TI/P"))),
        "date": bib.find("DATE").get("ISO", "") if bib.find("DATE") is not None else "",
    }
    return "".join(renderer.parts), renderer.rows, renderer.articles, metadata


def _parse_xml(data: bytes, path: str):
    """Parse strictly; fall back to lxml's recovery and warn when that salvages a tree."""
    safe = dict(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True)
    try:
        return etree.fromstring(data, etree.XMLParser(**safe))
    except etree.XMLSyntaxError as exc:
        first_error = re.sub(r"\s*\(<string>, line \d+\)$", "", str(exc).splitlines()[0]) if str(exc) else "syntax error"
    root = etree.fromstring(data, etree.XMLParser(recover=True, **safe))
    if root is None or not any(_article_number(a) for a in root.iter("ARTICLE")):
        raise InputError(f"broken XML ({first_error})", path)
    warnings.warn(f"{path}: XML has errors, read what lxml could recover ({first_error})", stacklevel=3)
    return root


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _inline(el, skip=_SKIP) -> str:
    """Text of an element without footnotes or nested lists, quotation marks restored."""
    out = [el.text or ""]
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in ("QUOT.START", "QUOT.END"):
            code = child.get("CODE", "")
            out.append(chr(int(code, 16)) if re.fullmatch(r"[0-9A-Fa-f]{2,6}", code) else '"')
        elif tag == "FT" and child.get("TYPE") == "NUMBER" and (child.text or "").isdigit():
            out.append(f"{int(child.text):,}".replace(",", " "))  # OJ prints 10 000 000
        elif tag and tag not in skip:
            out.append(_inline(child, skip))
        out.append(child.tail or "")
        if tag in ("P", "ALINEA", "TXT"):
            out.append(" ")  # block elements must not glue words together
    return "".join(out)


def _label(text: str | None) -> str:
    """'(a)' -> 'a', '1.' -> '1', '(16)' -> '16'."""
    text = (text or "").strip()
    m = _LABEL.match(text)
    return m.group(1) if m else text.strip("().")


def _article_number(art) -> str:
    m = _ARTICLE_NO.search(art.findtext("TI.ART") or "")
    return m.group(1) if m else ""


def _top_lists(el):
    """LIST elements inside ``el`` that are not nested in another LIST."""
    for child in el:
        if not isinstance(child.tag, str) or child.tag == "NOTE":
            continue
        if child.tag == "LIST":
            yield child
        else:
            yield from _top_lists(child)


def _division_heading(div) -> tuple[str, str, str]:
    """('chapter'|'section'|..., number, title) of a DIVISION."""
    ti = div.find("TITLE/TI")
    heading = _normalise(_inline(ti)) if ti is not None else ""
    sti = div.find("TITLE/STI")
    title = _normalise(_inline(sti)) if sti is not None else ""
    word, _, number = heading.partition(" ")
    return word.lower(), number.strip(), title


class _Renderer:
    """Walks articles and recitals, writing the rendered text and the clause rows."""

    def __init__(self):
        self.parts: list[str] = []
        self.pos = 0
        self.rows: list[ClauseRow] = []
        self.articles: list[dict] = []
        self._chapter = self._section = None

    def _line(self, text: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(text + "\n")
        self.pos += len(text) + 1
        return start, start + len(text)

    def blank(self) -> None:
        """Blank line between blocks, so re-reading the text cannot merge them."""
        if self.parts and self.parts[-1] != "\n":
            self._line("")

    def _clause(self, prefix: str, text: str, row: ClauseRow) -> None:
        start, end = self._line(f"{prefix} {text}" if prefix and text else prefix or text)
        row.text = text
        row.start, row.end = end - len(text), end
        self.rows.append(row)

    def recital(self, consid) -> None:
        np = consid.find("NP")
        number = _label(np.findtext("NO.P")) if np is not None else ""
        text = _normalise(_inline(np, _SKIP | {"NO.P"}) if np is not None else _inline(consid))
        if not self.rows:
            self._line("Whereas:")
        self._clause(f"({number})", text, ClauseRow("recital", recital=number))

    def article(self, art) -> None:
        chapter = section = ("", "", "")
        for div in reversed(list(art.iterancestors("DIVISION"))):  # outermost first
            kind, number, title = _division_heading(div)
            if kind == "section":
                section = (kind, number, title)
            else:
                chapter = (kind, number, title)
        if chapter != self._chapter:
            self._chapter, self._section = chapter, None
            if chapter[1]:
                self.blank()
                self._line(f"CHAPTER {chapter[1]}")
                if chapter[2]:
                    self._line(chapter[2])
        if section != self._section:
            self._section = section
            if section[1]:
                self.blank()
                self._line(f"Section {section[1]}")
                if section[2]:
                    self._line(section[2])
        number = _article_number(art)
        title = _normalise(_inline(art.find("STI.ART"))) if art.find("STI.ART") is not None else ""
        self.articles.append({"article": number, "title": title, "chapter": chapter[1],
                              "chapter_title": chapter[2], "section": section[1],
                              "section_title": section[2]})
        self.blank()
        self._line(f"Article {number}")
        if title:
            self._line(title)
        base = dict(chapter=chapter[1], article=number, title=title)
        subparagraph = 0
        for child in art:
            if child.tag == "PARAG":
                self._paragraph(child, base)
            elif child.tag in ("ALINEA", "LIST"):
                subparagraph += 1
                self._alinea(child, base, "", subparagraph)

    def _paragraph(self, parag, base: dict) -> None:
        number = _label(parag.findtext("NO.PARAG"))
        for n, alinea in enumerate((c for c in parag if c.tag in ("ALINEA", "LIST")), start=1):
            self._alinea(alinea, base, number, n, prefix=f"{number}." if n == 1 else "")

    def _alinea(self, alinea, base: dict, paragraph: str, n: int, prefix: str = "") -> None:
        if n > 1:
            kind = "subparagraph"
        else:
            kind = "paragraph" if paragraph else "article"
        lists = [alinea] if alinea.tag == "LIST" else list(_top_lists(alinea))
        own = "" if alinea.tag == "LIST" else _inline(alinea)
        own = _normalise(own + " " + self._indents(lists))
        self._clause(prefix, own, ClauseRow(kind, paragraph=paragraph, subparagraph=n, **base))
        for lst in lists:
            self._points(lst, base, paragraph, [])

    @staticmethod
    def _indents(lists) -> str:
        """Unnumbered (dash) items are not citable on their own: keep them in the parent's text."""
        return " ".join(f"– {_normalise(_inline(item))}" for lst in lists for item in lst.iter("ITEM")
                        if item.find("NP/NO.P") is None and next(item.iterancestors("LIST")) is lst)

    def _points(self, lst, base: dict, paragraph: str, path: list[str]) -> None:
        for item in lst:
            np = item.find("NP") if item.tag == "ITEM" else None
            if np is None or np.find("NO.P") is None:
                continue  # dash items were folded into the parent text
            label = _label(np.findtext("NO.P"))
            sub_lists = list(_top_lists(np))
            own = _normalise(_inline(np, _SKIP | {"NO.P"}) + " " + self._indents(sub_lists))
            point = ".".join(path + [label])
            self._clause(f"({label})", own, ClauseRow("point", paragraph=paragraph, point=point, **base))
            for sub in sub_lists:
                self._points(sub, base, paragraph, path + [label])
