"""Tests for privcompare.laws: GDPR Formex XML, plain-text laws in three languages, errors."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from privcompare.errors import InputError
from privcompare.laws import ARTICLE_COLUMNS, CLAUSE_COLUMNS, Law, read_law
from privcompare.laws.plaintext import parse_plaintext

ROOT = Path(__file__).resolve().parents[1]
GDPR_DIR = ROOT / "data" / "laws" / "gdpr"
FIXTURES = Path(__file__).parent / "fixtures" / "laws"


@pytest.fixture(scope="module")
def gdpr():
    return read_law(GDPR_DIR / "gdpr-consolidated-with-preamble-en.xml", jurisdiction="gdpr")


@pytest.fixture(scope="module")
def gdpr_articles_only():
    return read_law(GDPR_DIR / "gdpr-consolidated-en.xml", jurisdiction="gdpr")


def by_citation(law: Law):
    return law.clauses.set_index("citation")


def assert_offsets_map_back(law: Law):
    for row in law.clauses.itertuples():
        assert law.text[row.start:row.end] == row.text, row.clause_id


# --- GDPR (Formex XML) -------------------------------------------------------

def test_gdpr_has_99_articles_with_titles_and_chapters(gdpr, gdpr_articles_only):
    for law in (gdpr, gdpr_articles_only):
        assert list(law.articles.columns) == ARTICLE_COLUMNS
        assert law.articles["article"].tolist() == [str(n) for n in range(1, 100)]
        assert (law.articles["title"] != "").all()
        assert set(law.clauses["article"]) - {""} == {str(n) for n in range(1, 100)}
    assert list(gdpr.clauses.columns) == CLAUSE_COLUMNS
    assert gdpr.format == "formex" and gdpr.jurisdiction == "gdpr"
    assert gdpr.metadata["celex"] == "32016R0679"


def test_gdpr_article_13_paragraphs_and_points(gdpr):
    art13 = gdpr.clauses[gdpr.clauses["article"] == "13"]
    paragraphs = art13[art13["kind"] == "paragraph"]
    assert paragraphs["citation"].tolist() == [f"Art. 13({n})" for n in range(1, 5)]
    points_2 = art13[(art13["kind"] == "point") & (art13["paragraph"] == "2")]
    assert points_2["point"].tolist() == list("abcdef")
    assert points_2["citation"].tolist() == [f"Art. 13(2)({p})" for p in "abcdef"]
    row = by_citation(gdpr).loc["Art. 13(2)(b)"]
    assert row["clause_id"] == "art13-2-b"
    assert row["title"] == "Information to be provided where personal data are collected from the data subject"
    assert row["text"].startswith("the existence of the right to request from the controller access")
    assert row["chapter"] == "III"
    # a paragraph's text is its own text, not its points
    assert "the period for which" not in by_citation(gdpr).loc["Art. 13(2)", "text"]


def test_gdpr_titles_chapters_and_text(gdpr):
    articles = gdpr.articles.set_index("article")
    assert articles.loc["17", "title"] == "Right to erasure (‘right to be forgotten’)"
    assert articles.loc["15", "chapter"] == "III"
    assert articles.loc["15", "chapter_title"] == "Rights of the data subject"
    assert articles.loc["15", "section"] == "2"
    assert set(gdpr.clauses.loc[gdpr.clauses["article"] == "15", "chapter"]) == {"III"}
    art77 = " ".join(gdpr.clauses.loc[gdpr.clauses["article"] == "77", "text"])
    assert "supervisory authority" in art77
    # quotation marks restored from QUOT.START/QUOT.END, footnotes left out
    assert by_citation(gdpr).loc["Art. 4(1)", "text"].startswith("‘personal data’ means")
    assert "OJ L" not in " ".join(gdpr.clauses["text"])


def test_gdpr_recitals(gdpr, gdpr_articles_only):
    recitals = gdpr.clauses[gdpr.clauses["kind"] == "recital"]
    assert len(recitals) == 173
    assert recitals["citation"].iloc[41] == "Recital 42"
    assert recitals["clause_id"].iloc[41] == "rec42"
    assert (recitals["article"] == "").all()
    assert "consent" in recitals["text"].iloc[41]
    assert (gdpr_articles_only.clauses["kind"] != "recital").all()


def test_gdpr_definitions_nested_points_and_subparagraphs(gdpr):
    cites = by_citation(gdpr)
    definitions = gdpr.clauses[(gdpr.clauses["article"] == "4") & (gdpr.clauses["point"].str.fullmatch(r"\d+"))]
    assert definitions["citation"].tolist() == [f"Art. 4({n})" for n in range(1, 27)]
    assert cites.loc["Art. 4", "kind"] == "article"
    assert cites.loc["Art. 4(16)(a)", "point"] == "16.a"
    assert cites.loc["Art. 6(1)(a)", "text"].startswith("the data subject has given consent")
    assert cites.loc["Art. 6(1), second subparagraph", "kind"] == "subparagraph"
    assert cites.loc["Art. 6(1), second subparagraph", "text"].startswith("Point (f) of the first subparagraph")
    # dash indents are not citable on their own; they stay in their paragraph
    assert "– their government;" in cites.loc["Art. 53(1)", "text"]
    assert gdpr.clauses["clause_id"].is_unique
    assert (gdpr.clauses["text"] != "").all()


def test_gdpr_offsets_map_into_rendered_text(gdpr):
    assert_offsets_map_back(gdpr)
    assert "\nArticle 13\nInformation to be provided" in gdpr.text


def test_gdpr_rendered_text_reads_back_the_same_with_the_text_parser(gdpr):
    """Two independent readers agree: the Formex rendering parsed as plain text."""
    again = Law.from_text(gdpr.text, name="gdpr-as-text")
    cols = ["citation", "chapter", "title", "text"]
    formex = gdpr.clauses[cols].reset_index(drop=True)
    text = again.clauses[again.clauses["kind"] != "text"][cols].reset_index(drop=True)
    assert formex.equals(text)
    assert gdpr.articles.equals(again.articles)


def test_select_returns_a_provision_and_its_parts(gdpr):
    assert gdpr.select("Art. 13(2)")["citation"].tolist() == ["Art. 13(2)"] + [f"Art. 13(2)({p})" for p in "abcdef"]
    assert len(gdpr.select("Art. 1")) == 3  # not Art. 10-19


# --- plain text in three languages ------------------------------------------

def test_english_fixture():
    law = read_law(FIXTURES / "synthetic-en.txt", jurisdiction="test")
    assert law.name == "synthetic-en" and law.format == "text"
    articles = law.articles.set_index("article")
    assert articles["title"].tolist() == ["Purpose", "Meanings", "Telling people", "Asking for a copy"]
    assert articles["chapter"].tolist() == ["I", "I", "II", "II"]
    assert articles.loc["3", "chapter_title"] == "Duties of holders"
    cites = by_citation(law)
    assert cites.loc["Art. 1", "kind"] == "article"
    assert cites.loc["Art. 2", "text"] == "For this Act:"
    assert cites.loc["Art. 2(2)", "text"] == "'person' means the individual the information is about."
    assert cites.loc["Art. 3(1)(b)(ii)", "point"] == "b.ii"
    assert cites.loc["Art. 3(1)(c)", "text"] == "how long the information is kept."
    sub = cites.loc["Art. 3(1), second subparagraph"]
    assert (sub["kind"], sub["text"]) == ("subparagraph", "A holder may give this notice in layers.")
    # a hard-wrapped line continues its paragraph and keeps its line break
    assert cites.loc["Art. 3(2)", "text"].endswith("and it shall be\nwritten in plain words that a child can follow.")
    assert cites.loc["Art. 4(2)", "title"] == "Asking for a copy"
    assert law.clauses.loc[law.clauses["kind"] == "text", "clause_id"].tolist() == ["text1"]
    assert_offsets_map_back(law)


def test_vietnamese_fixture():
    law = read_law(FIXTURES / "synthetic-vi.txt", jurisdiction="test")
    articles = law.articles.set_index("article")
    assert articles.loc["3", "title"] == "Thông báo cho chủ thể"
    assert articles.loc["3", "chapter"] == "II"
    assert articles.loc["1", "chapter_title"] == "NHỮNG ĐIỀU CHUNG"
    points = law.clauses[(law.clauses["article"] == "3") & (law.clauses["kind"] == "point")]
    assert points["point"].tolist() == ["a", "b", "c", "d", "đ", "e"]
    cites = by_citation(law)
    assert cites.loc["Art. 3(1)(đ)", "text"] == "Rủi ro có thể xảy ra;"
    assert cites.loc["Art. 3(1)(đ)", "clause_id"] == "art3-1-đ"
    assert cites.loc["Art. 2(1)", "kind"] == "paragraph"
    assert cites.loc["Art. 4", "kind"] == "article"
    assert "72 giờ" in cites.loc["Art. 4", "text"]
    assert_offsets_map_back(law)


def test_indonesian_fixture():
    law = read_law(FIXTURES / "synthetic-id.txt", jurisdiction="test")
    articles = law.articles.set_index("article")
    assert articles.loc["1", "chapter_title"] == "KETENTUAN UMUM"
    assert (articles.loc["2", "section"], articles.loc["2", "section_title"]) == ("Kesatu", "Umum")
    assert articles["title"].tolist() == ["", "", ""]  # Pasal headings carry no title
    cites = by_citation(law)
    assert cites.loc["Art. 1", "text"] == "Dalam Undang-Undang ini yang dimaksud dengan:"
    assert cites.loc["Art. 1(2)", "text"].startswith("Penjaga Data adalah")
    assert cites.loc["Art. 2(1)(b)", "text"] == "tujuan pemakaian data; dan"
    # "ayat (1)" inside a sentence is a reference, not a paragraph
    assert cites.loc["Art. 2(2)", "text"].startswith("Keterangan sebagaimana dimaksud pada ayat (1)")
    assert cites.loc["Art. 3(2)", "chapter"] == "II"
    assert_offsets_map_back(law)


def test_from_text_titles_on_heading_line_and_wrapped_article_reference():
    law = Law.from_text(
        "Article 7 - Consent\n"
        "1. The holder shall follow the rules in\n"
        "Article 3.\n"
        "2. Consent may be withdrawn.\n"
        "Article 8: Children\n"
        "Parents decide for children.\n",
        name="demo",
    )
    assert law.articles["title"].tolist() == ["Consent", "Children"]
    cites = by_citation(law)
    assert cites.loc["Art. 7(1)", "text"] == "The holder shall follow the rules in\nArticle 3."
    assert cites.loc["Art. 8", "text"] == "Parents decide for children."


def test_table_of_contents_does_not_duplicate_articles():
    law = Law.from_text("Contents\nArticle 1 Scope\nArticle 2 Duties\n\n"
                        "Article 1. Scope\n1. It applies.\nArticle 2. Duties\n1. Do things.\n", name="toc")
    assert law.articles["article"].tolist() == ["1", "2"]
    assert law.clauses["citation"].tolist() == ["", "Art. 1(1)", "Art. 2(1)"]  # "" is the "Contents" line


def test_markdown_headings_and_bullets(tmp_path):
    f = tmp_path / "law.md"
    f.write_text("# Chapter I: Basics\n\n## Article 1. Scope\n\n1. It applies to:\n- (a) firms;\n- (b) clubs.\n",
                 encoding="utf-8")
    law = read_law(f)
    assert law.articles.iloc[0][["title", "chapter", "chapter_title"]].tolist() == ["Scope", "I", "Basics"]
    assert law.clauses["citation"].tolist() == ["Art. 1(1)", "Art. 1(1)(a)", "Art. 1(1)(b)"]
    assert_offsets_map_back(law)


# --- property test: any text, no crash, offsets map back ----------------------

_LINES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["Article 1", "Article 2. Title", "Điều 3. Tên", "Pasal 4", "CHAPTER II", "Chương I",
                     "BAB III", "Bagian Kesatu", "1.", "2. Text.", "(1) Text", "(a) point;", "a) điểm;",
                     "đ) điểm", "b. huruf", "(i) sub", "(ii)", "  indented text", "", "- (a) item",
                     "## Article 9", "ends mid", "ends.", "Title Line"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, max_size=30))
def test_any_text_parses_and_offsets_map_back(lines):
    text = "\n".join(lines)
    try:
        law = Law.from_text(text, name="prop")
    except InputError:
        return
    assert law.clauses["clause_id"].is_unique
    assert set(law.clauses["kind"]) <= {"recital", "article", "paragraph", "point", "subparagraph", "text"}
    assert_offsets_map_back(law)
    assert (law.clauses["start"] < law.clauses["end"]).all()


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_parse_plaintext_never_crashes(text):
    rows, _ = parse_plaintext(text)
    for row in rows:
        assert text[row.start:row.end] == row.text


# --- errors -------------------------------------------------------------------

@pytest.mark.parametrize("name, content, problem", [
    ("empty.xml", b"", "empty file"),
    ("blank.txt", b"  \n\n", "empty file"),
    ("broken.xml", b"<CONS.ACT><ARTICLE><TI.ART>Arti", "broken XML"),
    ("notformex.xml", b"<html><body><p>Article 1</p></body></html>", "not a Formex XML law"),
    ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 20, "binary file"),
    ("law.exe", b"MZ", "unsupported law format"),
    ("noarticles.txt", "Just a note about privacy.\n".encode(), "no article headings"),
])
def test_bad_files_raise_one_line_input_error(tmp_path, name, content, problem):
    f = tmp_path / name
    f.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_law(f)
    message = str(info.value)
    assert message.startswith(str(f) + ": ")
    assert problem in message
    assert "\n" not in message


def test_missing_file_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="missing.xml"):
        read_law(tmp_path / "missing.xml")


def test_truncated_formex_is_recovered_with_a_warning(tmp_path):
    data = (GDPR_DIR / "gdpr-consolidated-en.xml").read_bytes()
    f = tmp_path / "truncated.xml"
    f.write_bytes(data[: len(data) // 2])
    with pytest.warns(UserWarning, match="truncated.xml"):
        law = read_law(f)
    assert 10 < len(law.articles) < 99
    assert_offsets_map_back(law)
