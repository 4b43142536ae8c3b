"""Read laws laid out as plain text (or Markdown) into clause rows with offsets.

Recognised layout, line by line (leading indentation, ``#`` headings and
``-``/``*`` bullets are tolerated):

* chapters: ``Chapter I`` / ``CHAPTER I`` / ``Chương I`` / ``BAB I``, title after
  ``.``/``:``/dash on the same line or alone on the next line;
* sections: ``Section 1`` / ``Mục 1`` / ``Bagian Kesatu`` (same title rules);
* articles: ``Article 13`` / ``Điều 13`` / ``Pasal 13``, title as for chapters;
* paragraphs: ``1.`` or ``(1)``; a number in the *other* style inside a
  paragraph is a numbered point (Indonesian ``angka``);
* points: ``(a)``, ``a)``, ``a.`` (Vietnamese letters include ``đ``), and
  roman sub-points ``(i)``, ``(ii)`` inside a lettered point;
* recitals: ``(1)`` lines before the first chapter or article;
* any other line continues the open clause when the previous line does not
  end a sentence (hard-wrapped text), else starts a new subparagraph.

A numbered line that is not the next number in sequence and follows an
unfinished sentence is treated as wrapped text, not structure, so
"...referred to in\\nArticle 6." stays inside its paragraph.
Every row satisfies ``text[row.start:row.end] == row.text``; wrapped lines
keep their line breaks because offsets must map back to the source.
"""
from __future__ import annotations

import re

from .law import ClauseRow

_SEP_TITLE = r"\s*(?:[.:\-–—]\s*(?P<title>.*?)|\s+(?P<bare>\S.*?))?\s*$"
_CHAPTER = re.compile(r"(?:chapter|chương|bab)\s+(?P<num>[IVXLCDM]+|\d+)" + _SEP_TITLE, re.I)
_SECTION = re.compile(r"(?:(?:section|mục)\s+(?P<num>\d+|[IVXLCDM]+)|bagian\s+(?P<word>\w+))" + _SEP_TITLE, re.I)
_ARTICLE = re.compile(r"(?:article|art\.|điều|pasal)\s+(?P<num>\d+[a-z]?)" + _SEP_TITLE, re.I)
_ENUM = re.compile(r"(?P<open>\()?(?P<label>\d+|[a-zđ]|[ivx]+)(?P<close>[.)])(?:\s+(?P<rest>\S.*))?$")
_MARKUP = re.compile(r"(?:#{1,6}\s+|>\s*|[-*+•]\s+)")
_TERMINAL = re.compile(r"[.:;!?。…][\"'”’)\]*_]*$")

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_VN_LETTERS = "abcdđeghiklmnopqrstuvxy"
_ROMANS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]


def _next_letters(last: str | None) -> set[str]:
    """Letters that may follow ``last`` (English or Vietnamese order)."""
    if last is None:
        return {"a"}
    nexts = set()
    for alphabet in (_LETTERS, _VN_LETTERS):
        i = alphabet.find(last)
        if 0 <= i < len(alphabet) - 1:
            nexts.add(alphabet[i + 1])
    return nexts


def _heading(regex: re.Pattern, line: str):
    """Match a heading; a title without separator must look like a title (capitalised, unfinished)."""
    m = regex.fullmatch(re.sub(r"\*\*|__", "", line).strip())
    if not m:
        return None, ""
    title = m.group("title") or ""
    bare = m.group("bare")
    if bare is not None:
        if not bare[0].isupper() or _TERMINAL.search(bare):
            return None, ""
        title = bare
    return m, title.strip()


def _title_like(line: str) -> bool:
    return 0 < len(line) <= 200 and not re.search(r"[.;:,]$", line) and not _ENUM.match(line)


def _int(num: str) -> int:
    return int(re.match(r"\d+", num).group())


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.rows: list[ClauseRow] = []
        self.articles: list[dict] = []
        self.chapter = {"num": "", "title": ""}
        self.section = {"num": "", "title": ""}
        self.article: dict | None = None
        self.pending_title: dict | None = None  # heading dict still waiting for its title line
        self.open: ClauseRow | None = None       # clause the next wrapped line would extend
        self.awaiting_text = False               # enumerator seen alone on its line
        self.prev_open = False                   # previous line ended mid-sentence
        self.with_text: set[int] = set()         # ids of article dicts that got clauses
        self._reset_article()

    def _reset_article(self):
        self.paragraph = ""
        self.paragraph_style = ""
        self.subparagraph = 0
        self.path: list[tuple[str, str]] = []  # (level kind, label) of the current point
        self.last_at: dict[str, str] = {}      # last label per point level kind

    # -- emitting --------------------------------------------------------
    def _start(self, row: ClauseRow, start: int, end: int) -> None:
        row.start, row.end = start, end
        self.rows.append(row)
        if self.article is not None and row.article:
            self.with_text.add(id(self.article))
        self.open = row
        self.awaiting_text = start == end

    def _base(self) -> dict:
        art = self.article or {}
        return dict(chapter=self.chapter["num"], article=art.get("article", ""), title=art.get("title", ""))

    # -- line handlers ---------------------------------------------------
    def feed(self, line: str, start: int) -> None:
        m = _MARKUP.match(line)
        if m:
            line, start = line[m.end():], start + m.end()
        end = start + len(line)
        if self._structural_heading(line):
            self.prev_open = False
            return
        if self.pending_title is not None:
            target, self.pending_title = self.pending_title, None
            if _title_like(line) and not self._enumerated(line, dry_run=True):
                target["title"] = line
                self.prev_open = False
                return
        if self.article is None and not self.chapter["num"]:
            self._preamble_line(line, start, end)
        elif not self._enumerated(line, start=start):
            self._text_line(start, end)
        self.prev_open = not _TERMINAL.search(line)

    def _structural_heading(self, line: str) -> bool:
        m, title = _heading(_ARTICLE, line)
        if m and self._accept_article(m.group("num")):
            self.article = {"article": m.group("num"), "title": title, "chapter": self.chapter["num"],
                            "chapter_title": self.chapter["title"], "section": self.section["num"],
                            "section_title": self.section["title"]}
            self.articles.append(self.article)
            self.pending_title = None if title else self.article
            self.open = None
            self._reset_article()
            return True
        for regex, kind in ((_CHAPTER, "chapter"), (_SECTION, "section")):
            m, title = _heading(regex, line)
            if m and not self.prev_open:
                number = m.group("num") or m.groupdict().get("word") or ""
                heading = {"num": number, "title": title}
                if kind == "chapter":
                    self.chapter, self.section = heading, {"num": "", "title": ""}
                else:
                    self.section = heading
                self.pending_title = None if title else heading
                self.article, self.open = None, None
                return True
        return False

    def _accept_article(self, num: str) -> bool:
        if not self.prev_open or not self.articles:
            return True
        last = _int(self.articles[-1]["article"])
        return _int(num) in (last, last + 1)

    def _preamble_line(self, line: str, start: int, end: int) -> None:
        m = re.match(r"\((\d+)\)\s+\S", line)
        if m:
            self._start(ClauseRow("recital", recital=m.group(1)), start + m.end() - 1, end)
        elif self.open is not None and (self.prev_open or self.awaiting_text):
            self.open.end = end
        else:
            self._start(ClauseRow("text"), start, end)

    def _text_line(self, start: int, end: int) -> None:
        if self.open is not None and (self.prev_open or self.awaiting_text):
            if self.awaiting_text:
                self.open.start = start
                self.awaiting_text = False
            self.open.end = end
            return
        if self.article is None:  # text between a chapter heading and its first article
            self._start(ClauseRow("text"), start, end)
            return
        self.subparagraph += 1
        self.path = []
        if self.subparagraph == 1:
            kind = "paragraph" if self.paragraph else "article"
        else:
            kind = "subparagraph"
        self._start(ClauseRow(kind, paragraph=self.paragraph, subparagraph=self.subparagraph,
                              **self._base()), start, end)

    def _enumerated(self, line: str, start: int = 0, dry_run: bool = False) -> bool:
        """Handle a line starting with a paragraph or point enumerator; False if it is plain text."""
        m = _ENUM.match(line)
        if not m or self.article is None or (m.group("open") and m.group("close") != ")"):
            return False
        label, style = m.group("label"), f"{m.group('open') or ''}{{}}{m.group('close')}"
        if label.isdigit():
            if not self.paragraph_style or style == self.paragraph_style or not self.paragraph:
                level, expected = "paragraph", int(label) == (int(self.paragraph or 0) + 1)
            else:
                level, expected = "num", int(label) == int(self.last_at.get("num", "0")) + 1
        else:
            level = self._letter_or_roman(label)
            last = self.last_at.get(level)
            if level == "letter":
                expected = label in _next_letters(last)
            else:
                expected = label == (_ROMANS[_ROMANS.index(last) + 1] if last in _ROMANS[:-1] else "i")
        if not expected and self.prev_open:
            return False
        if dry_run:
            return True
        text_start = start + (m.start("rest") if m.group("rest") else len(line))
        if level == "paragraph":
            self.paragraph, self.paragraph_style = label, style
            self.subparagraph, self.path, self.last_at = 1, [], {}
            row = ClauseRow("paragraph", paragraph=label, subparagraph=1, **self._base())
        else:
            kinds = [k for k, _ in self.path]
            self.path = self.path[:kinds.index(level)] if level in kinds else self.path
            self.path.append((level, label))
            for deeper in [k for k in self.last_at if k not in [p for p, _ in self.path]]:
                del self.last_at[deeper]
            row = ClauseRow("point", paragraph=self.paragraph,
                            point=".".join(lbl for _, lbl in self.path), **self._base())
        self.last_at[level] = label
        self._start(row, text_start, start + len(line))
        return True

    def _letter_or_roman(self, label: str) -> str:
        if len(label) > 1:
            return "roman"
        letter_active = "letter" in self.last_at
        if label in "ivx" and letter_active and label not in _next_letters(self.last_at["letter"]):
            return "roman"
        return "letter"


def parse_plaintext(text: str) -> tuple[list[ClauseRow], list[dict]]:
    """Parse normalised law text into ``(clause rows, article dicts)``.

    >>> rows, arts = parse_plaintext("Pasal 1\\n(1) Setiap Orang berhak.\\n(2) Hak itu meliputi:\\na. akses;")
    >>> [(r.kind, r.paragraph, r.point, text[r.start:r.end]) for r in rows for text in
    ...  ["Pasal 1\\n(1) Setiap Orang berhak.\\n(2) Hak itu meliputi:\\na. akses;"]]
    [('paragraph', '1', '', 'Setiap Orang berhak.'), ('paragraph', '2', '', 'Hak itu meliputi:'), ('point', '2', 'a', 'akses;')]
    """
    parser = _Parser(text)
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            parser.feed(stripped, pos + (len(raw) - len(raw.lstrip())))
        else:
            parser.prev_open = False
        pos += len(raw) + 1
    # A table of contents repeats "Article N Title" lines before the body: keep only
    # the occurrence of a number that has clauses.
    numbers_with_text = {a["article"] for a in parser.articles if id(a) in parser.with_text}
    articles = [a for a in parser.articles
                if id(a) in parser.with_text or a["article"] not in numbers_with_text]
    rows = []
    for row in parser.rows:
        if row.start is None or row.end is None or row.end <= row.start:
            continue  # an enumerator that never received text
        row.text = text[row.start:row.end]
        rows.append(row)
    return rows, articles
