"""Policies not in English are named as such instead of reported as stating nothing."""
from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

import privcompare as pc
from privcompare.cli import main
from privcompare.ingest.language import MIN_WORDS, english_share, not_english_problem

ROOT = Path(__file__).resolve().parent.parent

# Written for these tests: a small shop's notice in Vietnamese and in Indonesian.
VIETNAMESE = """Chính sách bảo vệ dữ liệu cá nhân
Chúng tôi thu thập họ tên, số điện thoại, địa chỉ email và địa chỉ giao hàng khi khách hàng đặt hàng.
Dữ liệu được dùng để giao hàng, chăm sóc khách hàng và gửi thông tin khuyến mại khi khách hàng đồng ý.
Khách hàng có quyền được biết, quyền truy cập, quyền rút lại sự đồng ý, quyền xóa dữ liệu và quyền
khiếu nại theo Nghị định 13/2023/NĐ-CP. Dữ liệu được lưu trữ trong 5 năm kể từ giao dịch cuối cùng.
Liên hệ: Công ty TNHH Cà Phê Sài Gòn, Điện thoại: 028 3555 0123, Email: baomat@caphe.example
"""
INDONESIAN = """Kebijakan Privasi
Kami mengumpulkan nama, alamat email dan nomor telepon Anda ketika Anda mendaftar untuk layanan kami.
Data pribadi Anda digunakan untuk memproses pesanan dan untuk mengirimkan informasi promosi jika Anda
setuju. Anda berhak untuk mengakses, memperbaiki dan menghapus data pribadi Anda sesuai dengan
Undang-Undang Nomor 27 Tahun 2022. Kami menyimpan data Anda selama lima tahun setelah transaksi terakhir
dan tidak akan menjual data Anda kepada pihak ketiga. Hubungi kami di privasi@kopi.example.
"""
ENGLISH = ("We collect your name and e-mail address when you sign up. You may ask us for a copy of "
           "your data, and we keep it for as long as your account is open. ")


@pytest.mark.parametrize("text, language", [(VIETNAMESE, "Vietnamese"), (INDONESIAN, "Indonesian"),
                                            ("Wir speichern Ihre Daten nur so lange wie nötig. " * 12,
                                             "a language other than English")])
def test_a_policy_in_another_language_is_named(text, language):
    problem = not_english_problem(text)
    assert problem is not None and problem.startswith(f"reads as {language} (")
    assert "\n" not in problem


def test_english_and_bilingual_texts_pass_and_short_texts_are_not_judged():
    assert not_english_problem(ENGLISH * 5) is None
    assert not_english_problem(VIETNAMESE + "\n\nEnglish version\n" + ENGLISH * 3) is None
    # a bilingual policy whose long Vietnamese version comes first is read across its length
    assert not_english_problem(VIETNAMESE * 12 + "\n\nEnglish version\n" + ENGLISH * 40) is None
    assert not_english_problem(VIETNAMESE * 12 + "\n\nEnglish summary\n" + ENGLISH) is not None
    assert english_share(VIETNAMESE)[1] >= MIN_WORDS
    short = " ".join(VIETNAMESE.split()[:MIN_WORDS - 10])
    assert not_english_problem(short) is None


def test_a_table_of_english_labels_is_english():
    # a CCPA notice at collection is mostly a table of labels, with few function words (8%
    # of its "words" were common English ones, and it was left out of reports): rows are
    # not judged, only prose
    rows = ["| Category | Examples | Sold or shared | Retention |", "|---|---|---|---|"] + [
        f"| {category} | {examples} | {sold} | {years} years |" for category, examples, sold, years in [
            ("Identifiers", "name, email address, IP address, account number", "Shared with advertising partners", 3),
            ("Commercial information", "purchase history, product returns, gift cards", "Not sold or shared", 7),
            ("Geolocation data", "approximate location, postcode", "No", 1),
            ("Internet activity", "pages viewed, searches, email clicks", "Shared with analytics partners", 2),
            ("Inferences", "preferences, interests", "Not sold or shared", 2),
            ("Biometric data", "none collected", "No", 0)]]
    table = "Notice at Collection\n\n" + "\n".join(rows)
    assert not_english_problem(table) is None
    # its prose is judged as before: a Vietnamese notice with a table is still named as such
    assert not_english_problem(VIETNAMESE + "\n".join(rows)).startswith("reads as Vietnamese")
    assert not_english_problem(ENGLISH * 5 + "\n".join(rows)) is None


def test_the_bundled_policies_read_as_english():
    for path in sorted((ROOT / "data" / "policies").glob("*.txt")):
        assert not_english_problem(path.read_text(encoding="utf-8")) is None, path.name


def test_extract_and_report_leave_a_non_english_policy_out_with_one_line(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "saigon-shop.txt").write_text(VIETNAMESE, encoding="utf-8")
    (folder / "acme.txt").write_text("Privacy Policy\n" + ENGLISH * 3, encoding="utf-8")
    out = tmp_path / "facts.csv"
    assert main(["extract", str(folder), "--out", str(out), "--quiet"]) == 1  # some inputs left out
    err = capsys.readouterr().err
    assert "saigon-shop.txt: reads as Vietnamese" in err and "acme" not in err
    assert set(pd.read_csv(out)["document"]) == {"acme"}

    assert main(["report", str(folder), "--out", str(tmp_path / "report"), "--quiet"]) == 1
    assert "(1 policies, 1 left out: see errors.csv)" in capsys.readouterr().err
    assert main(["report", str(folder / "acme.txt"), "--out", str(tmp_path / "r2"), "--quiet"]) == 0
    assert capsys.readouterr().err.rstrip().endswith("(1 policies)")
    errors = pd.read_csv(tmp_path / "report" / "errors.csv")
    assert errors["problem"].str.startswith("reads as Vietnamese").tolist() == [True]
    assert "Files left out" in (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    # the clause table is built in any language
    assert main(["clauses", str(folder), "--out", str(tmp_path / "clauses.csv"), "--quiet"]) == 0


def test_policy_facts_warn_about_a_non_english_policy(tmp_path):
    f = tmp_path / "kopi.txt"
    f.write_text(INDONESIAN, encoding="utf-8")
    with pytest.warns(UserWarning, match=r"kopi\.txt: reads as Indonesian"):
        pc.read_policy(f).facts  # noqa: B018
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pc.Policy.from_text("Privacy Policy\n" + ENGLISH * 3).facts  # noqa: B018
