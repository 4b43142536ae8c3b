"""Ingest: normalisation, encodings, the five readers and every input error."""
from __future__ import annotations

import codecs
import io
import sys
import zipfile
from pathlib import Path

import pytest

from privcompare import Policy, read_policy
from privcompare.errors import InputError, MissingDependencyError
from privcompare.ingest import (DEFAULT_MAX_BYTES, Block, decode_bytes, normalize_text, parse_html,
                                read_document, sniff_utf16)
from privcompare.ingest.pdf import join_pages
from privcompare.structure import build_clauses

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
POLICY = "Privacy Policy\nWe keep your café data for 30 days – “never” longer.\n"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def make_pdf(pages: list[list]) -> bytes:
    """A minimal valid PDF with one Helvetica text line per string (pypdf cannot author text).

    A line may be ``(text, font size)`` or ``(text, font size, extra space above)``; its
    text may be ``[(text, font size), ...]``, runs in different sizes.
    """
    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    objects: list[bytes] = []
    n_pages = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, lines in enumerate(pages):
        if all(isinstance(line, str) for line in lines):
            body = "BT /F1 12 Tf 14 TL 72 720 Td " + " ".join(f"({esc(line)}) Tj T*" for line in lines) + " ET"
        else:  # (text, font size, extra space above): each line placed at its own baseline
            y, parts = 740.0, []
            for line in lines:
                text, size, gap = (line, 12, 0) if isinstance(line, str) else (*line, 0)[:3]
                y -= size * 1.17 + gap
                runs = [(text, size)] if isinstance(text, str) else text  # or [(text, size), ...] runs
                shown = " ".join(f"/F1 {run_size} Tf ({esc(run)}) Tj" for run, run_size in runs)
                parts.append(f"BT /F1 {runs[0][1]} Tf 72 {y:.1f} Td {shown} ET")
            body = " ".join(parts)
        stream = body.encode("cp1252")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                       f"/Contents {5 + 2 * i} 0 R >>".encode())
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


PDF_PAGES = [["Privacy Policy", "1. Data We Collect", "We collect your name and email."],
             ["2. Your Rights", "You may ask for a copy (Art. 15)."]]


# --------------------------------------------------------------- normalisation

def test_normalize_text_rules():
    raw = "Title\r\n  1.\u00a0Item\u200b\u2003x  \rNext\u2028Line\ufeff\t \n\u202fEnd\u00ad"
    assert normalize_text(raw) == "Title\n  1. Item x\nNext\nLine\n End"


def test_plain_whitespace_keeps_offsets_and_agrees_with_normalize_text():
    from privcompare.ingest.text import plain_whitespace
    raw = "Title\u00a0one\u2028two\u3000three\x0cfour"
    assert plain_whitespace(raw) == normalize_text(raw) == "Title one\ntwo three\nfour"
    assert plain_whitespace("a\r\nb") == "a\n\nb"  # one for one: CRLF is two breaks
    plain = "nothing to do"
    assert plain_whitespace(plain) is plain


def test_normalize_text_is_idempotent_and_keeps_indentation():
    text = "a\r\n\r\n    b\u00a0\u00a0\n\tc"
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert once == "a\n\n    b\n\tc"


# --------------------------------------------------------------- encodings

@pytest.mark.parametrize("encoding, prefix", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-16-le", b""), ("utf-16-be", b""),
    ("utf-32-le", codecs.BOM_UTF32_LE), ("cp1252", b""),
])
def test_text_encodings(tmp_path, encoding, prefix):
    path = write(tmp_path, "p.txt", prefix + POLICY.replace("\n", "\r\n").encode(encoding))
    doc = read_document(path)
    assert doc.text == POLICY
    assert doc.format == "text" and doc.blocks is None


def test_detected_encodings_are_reported():
    assert decode_bytes(POLICY.encode("utf-16-le"))[1] == "utf-16-le"
    assert decode_bytes(codecs.BOM_UTF16_BE + POLICY.encode("utf-16-be"))[1] == "utf-16-be"
    assert decode_bytes(POLICY.encode("cp1252"))[1] == "cp1252"
    assert decode_bytes(POLICY.encode("utf-8"))[1] == "utf-8"
    assert sniff_utf16(POLICY.encode("utf-8")) is None


def test_stray_cp1252_bytes_in_utf8_keep_the_utf8_text(tmp_path):
    raw = "Données – “personnelles”: ".encode("utf-8") + b"\x93quoted\x94 and caf\xe9."
    doc = read_document(write(tmp_path, "mixed.txt", raw))
    assert doc.encoding == "utf-8+cp1252"
    assert doc.text == "Données – “personnelles”: “quoted” and café."


def test_latin1_is_the_last_resort(tmp_path):
    # 0x81 is undefined in cp1252, so only latin-1 can decode this file.
    path = write(tmp_path, "p.txt", b"Caf\xe9 \x81data policy")
    doc = read_document(path)
    assert doc.encoding == "latin-1" and doc.text.startswith("Café")


def test_html_declared_charset_beats_cp1252(tmp_path):
    html = '<html><head><meta charset="koi8-r"></head><body><p>Политика</p></body></html>'
    doc = read_document(write(tmp_path, "p.html", html.encode("koi8-r")))
    assert doc.encoding == "koi8-r" and doc.text == "Политика"


# --------------------------------------------------------------- errors

@pytest.mark.parametrize("name, data, problem", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \r\n\t\n \xc2\xa0\n", "whitespace only"),
    ("blank.md", "\u200b\n\n", "whitespace only"),
    ("nul.txt", b"Privacy\x00\x01\x02 policy \x00 binary", "binary file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
    ("controls.md", b"\x01\x02\x03\x04\x05\x06\x07\x08 policy text", "binary file"),
    ("page.html", b"<html><body><script>x()</script></body></html>", "whitespace only"),
    ("policy.doc", b"Privacy policy", "unsupported file type '.doc'"),
    ("policy", b"Privacy policy", "unsupported file type (no extension)"),
    ("fake.pdf", b"Privacy policy, not a PDF", "not a readable PDF"),
    ("fake.docx", b"PK\x03\x04 not really a zip", "not a readable DOCX"),
])
def test_bad_files_raise_one_line_input_error(tmp_path, name, data, problem):
    path = write(tmp_path, name, data)
    with pytest.raises(InputError) as info:
        read_document(path)
    message = str(info.value)
    assert "\n" not in message and message.startswith(str(path) + ": ")
    assert problem in message


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match=r"missing\.txt: file not found"):
        read_document(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_document(tmp_path)


def test_size_limit(tmp_path):
    path = write(tmp_path, "p.txt", POLICY * 100)
    with pytest.raises(InputError, match="file is too large"):
        read_document(path, max_bytes=1000)
    assert read_document(path, max_bytes=len(POLICY.encode()) * 100).text
    assert DEFAULT_MAX_BYTES >= 100 * 1024 * 1024


def test_fifty_megabyte_text_is_read(tmp_path):
    paragraph = "We keep your data for 30 days and then delete it.\r\n"
    path = write(tmp_path, "big.txt", (paragraph * (50 * 1024 * 1024 // len(paragraph) + 1)).encode())
    assert path.stat().st_size > 50 * 1024 * 1024
    doc = read_document(path)
    assert doc.text.startswith(paragraph.rstrip()) and "\r" not in doc.text[:10000]


def test_unknown_extension_lists_the_supported_ones(tmp_path):
    with pytest.raises(InputError, match=r"supported: .*\.docx.*\.pdf"):
        read_document(write(tmp_path, "policy.rtf", b"{\\rtf1 hi}"))


# --------------------------------------------------------------- Markdown and HTML

def test_markdown_is_read_as_text_and_structured():
    doc = read_document(FIXTURES / "policy.md")
    assert doc.format == "markdown" and doc.blocks is None
    table = build_clauses(doc.text)
    heads = table[table.kind == "heading"]
    assert list(zip(heads.level, heads.heading)) == [
        (1, "Privacy Policy"), (2, "1. Data We Collect"), (2, "2. Your Rights"), (2, "Contact")]
    assert table[table.kind == "list_item"].level.tolist() == [1, 1, 2, 2, 1, 1]


def test_html_fixture_text_and_blocks():
    doc = read_document(FIXTURES / "policy.html")
    assert doc.format == "html" and doc.encoding == "utf-8"
    text = doc.text
    assert normalize_text(text) == text
    for dropped in ("window.dataLayer", "font-family", "Pricing", "Blog", "Accept all", "Hidden draft",
                    "enable JavaScript", "Template text", "a comment", "All rights reserved", "Acme Privacy Policy |"):
        assert dropped not in text, dropped
    # The article's own <header> (title and date) is content, not site chrome.
    assert "Privacy Policy\n\nLast updated: 1 March 2025" in text
    assert "Acme Ltd (\"we\") explains here how we handle your personal data." in text
    assert "Backups are deleted after 30 days.\nEncrypted backups after 60 days." in text
    assert "Processor | Purpose\n\nStripe | payments" in text
    blocks = [(b.kind, b.level, b.number, text[b.start:b.end]) for b in doc.blocks]
    assert ("heading", 1, "", "Privacy Policy") in blocks
    assert ("heading", 2, "", "1. Information We Collect") in blocks
    assert ("heading", 3, "", "2.1 Backups") in blocks
    assert ("list_item", 1, "", "Contact data: name and email address") in blocks
    assert ("list_item", 2, "", "pages viewed") in blocks
    assert ("list_item", 1, "2.", "Logs: 90 days.") in blocks
    assert all(b1.end <= b2.start for b1, b2 in zip(doc.blocks, doc.blocks[1:]))


@pytest.mark.parametrize("banner", [
    '<div id="cookie-banner">We use cookies to improve your experience.</div>',
    '<div id="onetrust-banner-sdk" class="otFlat"><p>We use cookies to improve your experience.</p></div>',
    '<section class="cc-window cc-banner">We use cookies to improve your experience.</section>',
    '<div class="cookie-consent">We use cookies to improve your experience.</div>',
])
def test_a_cookie_consent_banner_outside_the_policy_is_chrome(tmp_path, banner):
    page = tmp_path / "p.html"
    page.write_text(f"<html><body>{banner}<main><h1>Privacy</h1>"
                    '<div class="cookie-notice-section"><p>We use cookies for analytics.</p></div>'
                    "</main></body></html>", encoding="utf-8")
    text = read_document(page).text
    assert "improve your experience" not in text
    assert "We use cookies for analytics." in text  # inside <main>: the policy's own words


@pytest.mark.parametrize("attrs", ['id="cookie-policy"', 'class="consent-policy"'])
def test_a_cookie_or_consent_policy_section_is_not_a_banner(tmp_path, attrs):
    page = tmp_path / "p.html"
    page.write_text(f'<html><body><h1>Privacy</h1><div {attrs}><h2>Cookies</h2>'
                    "<p>We use cookies for analytics.</p></div></body></html>", encoding="utf-8")
    assert "We use cookies for analytics." in read_document(page).text


def test_html_blocks_drive_the_clause_table():
    doc = read_document(FIXTURES / "policy.html")
    table = build_clauses(doc.text, doc.blocks)
    heads = table[table.kind == "heading"]
    assert list(zip(heads.level, heads.heading)) == [
        (1, "Privacy Policy"), (2, "1. Information We Collect"), (2, "2. How Long We Keep Data"), (3, "2.1 Backups")]
    items = table[table.kind == "list_item"]
    assert list(zip(items.level, items.number, items.text)) == [
        (1, "", "Contact data: name and email address"), (1, "", "Usage data"), (2, "", "pages viewed"),
        (2, "", "device type"), (1, "1.", "Account data: for 2 years after closure."), (1, "2.", "Logs: 90 days.")]
    assert "Back to top" not in table.text.tolist()


def test_deeply_nested_html_keeps_its_text(tmp_path):
    depth = 20000
    html = "<html><body>" + "<div><span>" * depth + "<p>Deep clause.</p>" + "</span></div>" * depth + "</body></html>"
    doc = read_document(write(tmp_path, "deep.html", html))
    assert doc.text == "Deep clause."
    nested_lists = "<ul><li>level" * 300 + "</li></ul>" * 300
    text, blocks = parse_html(nested_lists)
    assert len(blocks) == 300 and blocks[-1].level == 300


def test_malformed_html_is_read():
    text, blocks = parse_html("<p>Unclosed <b>bold<p>Second<li>stray item</div></span>")
    assert "Unclosed bold" in text and "Second" in text and "stray item" in text


def test_block_writer_offsets_hold_for_unicode():
    text, blocks = parse_html("<h2>Données personnelles</h2><ol start='3'><li>Droit d’accès</li></ol>")
    assert [(b.kind, b.number, text[b.start:b.end]) for b in blocks] == [
        ("heading", "", "Données personnelles"), ("list_item", "3.", "Droit d’accès")]
    assert text == "Données personnelles\n\n3. Droit d’accès"


# --------------------------------------------------------------- PDF

def test_pdf_pages_are_read(tmp_path):
    doc = read_document(write(tmp_path, "p.pdf", make_pdf(PDF_PAGES)))
    assert doc.format == "pdf" and doc.blocks is None
    for line in ("Privacy Policy", "1. Data We Collect", "We collect your name and email.", "2. Your Rights",
                 "You may ask for a copy (Art. 15)."):
        assert line in doc.text
    assert doc.text.index("1. Data We Collect") < doc.text.index("2. Your Rights")
    table = build_clauses(doc.text)
    assert table[table.kind == "heading"].heading.tolist() == ["Privacy Policy", "1. Data We Collect", "2. Your Rights"]


def test_truncated_pdf_is_an_input_error(tmp_path):
    data = make_pdf(PDF_PAGES)
    path = write(tmp_path, "cut.pdf", data[: len(data) // 3])
    with pytest.raises(InputError, match=r"cut\.pdf: (not a readable PDF|PDF has no extractable text)"):
        read_document(path)


def test_encrypted_pdf(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(make_pdf(PDF_PAGES)))

    def encrypted(user_password: str) -> bytes:
        writer = pypdf.PdfWriter(clone_from=reader)
        writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()

    with pytest.raises(InputError, match=r"locked\.pdf: encrypted PDF"):
        read_document(write(tmp_path, "locked.pdf", encrypted("secret")))
    # Owner-only protection (empty user password) opens in any viewer, so it is read.
    assert "Your Rights" in read_document(write(tmp_path, "open.pdf", encrypted(""))).text


def test_missing_pypdf_names_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pypdf", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'privcompare\[pdf\]'"):
        read_document(write(tmp_path, "p.pdf", make_pdf(PDF_PAGES)))


# --------------------------------------------------------------- DOCX

def make_docx(path: Path) -> Path:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Privacy Policy", level=0)  # the "Title" style
    document.add_paragraph("Last updated: 1 May 2025")
    document.add_heading("1. Data We Collect", level=1)
    document.add_paragraph("We collect:")
    document.add_paragraph("Your name", style="List Bullet")
    document.add_paragraph("Your email", style="List Bullet")
    document.add_paragraph("Work email", style="List Bullet 2")
    document.add_heading("1.1 Retention", level=2)
    document.add_paragraph("Deleted after 90 days.", style="List Number")
    document.add_paragraph("Backups after 120 days.", style="List Number")
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([("Processor", "Purpose"), ("Stripe", "Payments")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("")
    document.add_paragraph("Contact privacy@acme.example.")
    document.save(path)
    return path


def test_docx_headings_lists_and_tables(tmp_path):
    doc = read_document(make_docx(tmp_path / "p.docx"))
    assert doc.format == "docx" and normalize_text(doc.text) == doc.text
    blocks = [(b.kind, b.level, text) for b in doc.blocks for text in [doc.text[b.start:b.end]]]
    assert blocks == [
        ("heading", 1, "Privacy Policy"), ("paragraph", 0, "Last updated: 1 May 2025"),
        ("heading", 1, "1. Data We Collect"), ("paragraph", 0, "We collect:"),
        ("list_item", 1, "Your name"), ("list_item", 1, "Your email"), ("list_item", 2, "Work email"),
        ("heading", 2, "1.1 Retention"), ("list_item", 1, "Deleted after 90 days."),
        ("list_item", 1, "Backups after 120 days."), ("paragraph", 0, "Processor | Purpose"),
        ("paragraph", 0, "Stripe | Payments"), ("paragraph", 0, "Contact privacy@acme.example."),
    ]
    table = build_clauses(doc.text, doc.blocks)
    numbered = table[(table.kind == "list_item") & (table.number != "")]
    assert numbered.number.tolist() == ["1.", "2."]
    assert table[table.kind == "heading"].section.tolist()[-1] == "1. Data We Collect > 1.1 Retention"


def test_broken_docx_zip_is_an_input_error(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a Word document")
    with pytest.raises(InputError, match=r"broken\.docx: not a readable DOCX"):
        read_document(write(tmp_path, "broken.docx", buffer.getvalue()))


def test_missing_python_docx_names_the_extra(tmp_path, monkeypatch):
    path = make_docx(tmp_path / "p.docx")
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(MissingDependencyError, match=r"python-docx: pip install 'privcompare\[docx\]'"):
        read_document(path)


def test_block_type_contract():
    block = Block("list_item", 2, 5, 9, "a.")
    assert (block.kind, block.level, block.start, block.end, block.number) == ("list_item", 2, 5, 9, "a.")


def test_a_pdf_paragraph_wrapped_into_lines_gives_the_facts_of_the_same_paragraph_unwrapped(tmp_path):
    # PDFs keep the line ends of their layout; the rules must read through them
    lines = ["Unhappy with how Tern Labs treats your records? You are free to",
             "lodge a complaint with your country's data protection regulator. Our data protection",
             "officer can be reached at dpo@example.com; we answer within thirty days."]
    policy = read_policy(write(tmp_path, "wrapped.pdf", make_pdf([["Your Rights", *lines]])))
    one_line = Policy.from_text("Your Rights\n\n" + " ".join(lines))
    assert "right.complaint" in set(policy.facts.concept)
    assert (set(zip(policy.facts.concept, policy.facts.rule, policy.facts.value))
            == set(zip(one_line.facts.concept, one_line.facts.rule, one_line.facts.value)))
    for fact in policy.facts.itertuples():
        assert policy.text[fact.start:fact.end] == fact.evidence
    assert "data protection\nofficer" in set(policy.facts.evidence)  # the text as written


def test_a_pdf_title_wrapped_over_lines_is_one_heading(tmp_path):
    title = ["Kestrel Outdoor Equipment", "Cooperative Ltd —", "Customer Privacy Notice"]
    body = ["Kestrel Outdoor Equipment Cooperative Ltd sells hiking gear online and in",
            "two shops in the north of the country, and delivers orders by post.",
            "We keep order records for six years to meet tax rules, and then delete them.",
            "Write to privacy@kestrel.example with any question about this notice."]
    lines = [(line, 24) for line in title] + [(line, 12, 6 if i == 0 else 0) for i, line in enumerate(body)]
    policy = read_policy(write(tmp_path, "title.pdf", make_pdf([lines])))
    first = policy.clauses.iloc[0]
    assert (first.kind, first.text) == ("heading", "Kestrel Outdoor Equipment Cooperative Ltd — Customer Privacy Notice")
    assert policy.clauses.iloc[1].text.startswith("Kestrel Outdoor Equipment Cooperative Ltd sells")
    assert "retention.period" in set(policy.facts.concept)


def test_pdf_headings_apart_or_in_body_size_are_not_joined(tmp_path):
    body = ["We use cookies to remember what is in your basket and to count our visitors,",
            "and we keep their records for no longer than thirteen months in any case."]
    lines = [("Cookies", 18), ("Analytics and statistics", 18, 12), *body,
             "Questions about", "this policy", "Email us at help@example.com."]
    text = read_document(write(tmp_path, "apart.pdf", make_pdf([lines]))).text
    assert "Cookies\n\nAnalytics and statistics\n\nWe use cookies" in text  # space between: two headings
    assert "Questions about\nthis policy\n" in text  # body-size lines stay as they are


def test_a_larger_word_inside_pdf_body_lines_makes_no_heading(tmp_path):
    lines = [([("We keep ", 12), ("INVOICES", 16), (" for six years after the sale, as tax law asks,", 12)], 12),
             ([("and ", 12), ("DELETE", 16), (" them at the end of that year, with every copy we hold.", 12)], 12),
             "Nothing else about your orders is kept once an order is closed and paid for in full.",
             "Ask us at help@example.com about anything in this part of the policy, or write to us."]
    text = read_document(write(tmp_path, "inline.pdf", make_pdf([lines]))).text
    assert "\n\n" not in text and text.count("\n") == 3  # four body lines, as printed


def test_pdf_running_headers_footers_and_page_numbers_are_dropped(tmp_path):
    pages = [["Acme Ltd - Privacy Policy", "Privacy Policy", "We keep your invoices for", "Page 1 of 3"],
             ["Acme Ltd - Privacy Policy", "seven years after the sale, then delete them.", "Your Rights",
              "Page 2 of 3"],
             ["Acme Ltd - Privacy Policy", "You may ask for a copy of your data.", "3"]]
    doc = read_document(write(tmp_path, "running.pdf", make_pdf(pages)))
    assert "Acme Ltd - Privacy Policy" not in doc.text and "Page" not in doc.text
    assert not doc.text.rstrip().endswith("3")
    clauses = build_clauses(doc.text)
    # the sentence cut by the page break is one clause again
    assert "We keep your invoices for\nseven years after the sale, then delete them." in set(clauses.text)


def test_pdf_lines_on_only_two_pages_or_not_at_an_edge_are_kept(tmp_path):
    pages = [["Privacy Policy", "Cookies", "We use cookies.", "Contact", "Email us."],
             ["Privacy Policy", "Cookies", "We set no other cookies.", "Security", "We encrypt data."]]
    text = read_document(write(tmp_path, "two.pdf", make_pdf(pages))).text
    assert text.count("Privacy Policy") == 2 and text.count("Cookies") == 2


def test_a_browsers_print_header_and_footer_are_dropped_even_on_two_pages(tmp_path):
    # "Print to PDF": the date and time (and page title) at the top, the address and
    # "page/pages" at the bottom; too few pages for the running-line rule
    pages = [["3/14/26, 9:05 PM Privacy Notice | Acme", "Privacy Notice", "We keep invoices for six years.",
              "https://acme.example/privacy 1/2"],
             ["3/14/26, 9:05 PM Privacy Notice | Acme", "Your rights", "Ask us for a copy of your data.",
              "file:///home/ana/acme.html 2/2"]]
    text = read_document(write(tmp_path, "printed.pdf", make_pdf(pages))).text
    assert "PM" not in text and "acme.example/privacy" not in text and "acme.html" not in text
    assert "We keep invoices for six years." in text and "Ask us for a copy of your data." in text
    # pypdf may give "file" with the "fi" ligature
    assert join_pages(["Notice\nWe sell nothing.\n\ufb01le:///tmp/n.html 1/1"]) == "Notice\nWe sell nothing."


def test_ligatures_become_letters():
    assert normalize_text("a noti\ufb01cation, a \ufb02ag; \ufb03") == "a notification, a flag; ffi"


def test_html_accordion_buttons_keep_their_question_or_title_and_form_buttons_go():
    page = ('<main><h1>Privacy</h1>'
            '<h2 class="accordion-header"><button class="accordion-button" aria-expanded="false">Your rights'
            '</button></h2><div class="collapse"><p>You may ask us to erase your data.</p></div>'
            '<div class="faq"><button class="faq-question">Can I delete my account?</button>'
            '<div class="panel"><p>Yes. Go to Settings.</p></div></div>'
            '<form><button type="submit">Send</button><button>Accept all cookies</button></form></main>')
    text, blocks = parse_html(page)
    assert "Your rights" in text and "Can I delete my account?" in text
    assert "Send" not in text and "Accept all cookies" not in text
    assert text[blocks[1].start:blocks[1].end] == "Your rights" and blocks[1].kind == "heading"
