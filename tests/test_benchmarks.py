"""The GoPPC benchmark script reads a corpus it does not control: unreadable files are
reported and left out, never fatal. (Synthetic files written here; no corpus data.)"""
import importlib
import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture()
def goppc(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))  # the script imports its sibling _common
    spec = importlib.util.spec_from_file_location("goppc_under_test", BENCH / "goppc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GOOD = ('<policy><url>https://example.org</url><segment>'
        '<title category="19;19">Your rights</title>'
        '<paragraph category="4.2,4.4s;4.2">You can ask for a copy of your data.</paragraph>'
        '</segment></policy>')


def test_load_policy_reads_texts_and_gold_concepts(goppc, tmp_path):
    path = tmp_path / "3.xml"
    path.write_text(GOOD, encoding="utf-8")
    assert goppc.load_policy(path) == [("Your rights", set()),
                                       ("You can ask for a copy of your data.", {"right.access"})]


def test_load_policy_recovers_from_unclosed_elements(goppc, tmp_path):
    path = tmp_path / "6.xml"
    path.write_text(GOOD.replace("</segment></policy>", ""), encoding="utf-8")
    assert [t for t, _ in goppc.load_policy(path)] == ["Your rights", "You can ask for a copy of your data."]


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02 not xml at all"])
def test_load_policy_names_an_unreadable_file(goppc, tmp_path, content):
    path = tmp_path / "9.xml"
    path.write_bytes(content)
    with pytest.raises(ValueError, match="9.xml: not readable as XML"):
        goppc.load_policy(path)


def test_one_unreadable_file_does_not_cost_the_others(goppc, tmp_path, capsys):
    (tmp_path / "3.xml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "6.xml").write_bytes(b"")
    assert goppc.main(["--corpus", str(tmp_path), "--no-write", "--speed-repeats", "1"]) == 0
    out, err = capsys.readouterr()
    assert "6.xml" in err and "3.xml" not in err
    assert "(1 policies, 2 titles/paragraphs)" in out and "Skipped as unreadable: 6.xml." in out


def test_a_corpus_with_no_readable_file_fails(goppc, tmp_path, capsys):
    (tmp_path / "3.xml").write_bytes(b"")
    assert goppc.main(["--corpus", str(tmp_path), "--no-write"]) == 1
    assert "no readable policy" in capsys.readouterr().err


def test_a_policy_that_makes_privcompare_fail_is_scored_as_finding_nothing(goppc, monkeypatch, capsys):
    import privcompare

    real = privcompare.Policy.from_text

    def fail_on_b(text, name=None, **kw):
        if name == "b":
            raise RuntimeError("boom")
        return real(text, name=name, **kw)

    monkeypatch.setattr(privcompare.Policy, "from_text", staticmethod(fail_on_b))
    segs = [("You can ask for a copy of your data.", {"right.access"})]
    result = goppc.policy_level({"a": segs, "b": segs})
    assert result["failed"] == ["b"] and result["counts"]["right.access"] == [1, 0, 1]
    assert "policy b: privcompare failed: RuntimeError('boom')" in capsys.readouterr().err


def test_segments_of_a_policy_annotate_fails_on_count_as_found_nothing(goppc, monkeypatch, capsys):
    # the module, not the function privcompare re-exports under the same name
    module = importlib.import_module("privcompare.annotate")
    real = module.annotate

    def fail_on_marker(texts):
        if any("MARK" in t for t in texts):
            raise RuntimeError("boom")
        return real(texts)

    monkeypatch.setattr(module, "annotate", fail_on_marker)
    result = goppc.segment_level({"a": [("You can ask for a copy of your data.", {"right.access"})],
                                  "b": [("MARK You can ask for a copy of your data.", {"right.access"})]})
    assert result["counts"]["right.access"] == [1, 0, 1] and result["segments"] == 2
    assert "policy b: annotate() failed" in capsys.readouterr().err


def test_per_policy_counts_add_up_to_the_totals(goppc):
    policies = {"a": [("Each member has the right to access the details the club keeps on them.", {"right.access"})],
                "b": [("We keep logs for 30 days.", {"right.erasure"}), ("Cookies", {"cookies"})]}
    for result in (goppc.policy_level(policies), goppc.segment_level(policies)):
        assert len(result["per_policy"]) == 2
        for k, concept in enumerate(goppc.CORE):
            assert [sum(row[k][j] for row in result["per_policy"]) for j in range(3)] == result["counts"][concept]


def test_the_interval_of_a_sample_of_identical_policies_is_its_value(goppc):
    segs = [("Each member has the right to access the details the club keeps on them.", {"right.access"}), ("We sell data.", {"right.erasure"})]
    policies = {name: segs for name in "abc"}
    pol, seg = goppc.policy_level(policies), goppc.segment_level(policies)
    ci = goppc.bootstrap(pol["per_policy"], gaps=True)
    for key in ("macro_f1", "gap_precision", "gap_recall"):
        assert ci[key] == pytest.approx((pol[key], pol[key]))
    assert goppc.bootstrap(seg["per_policy"])["macro_f1"] == pytest.approx((seg["macro_f1"],) * 2)


def test_the_interval_widens_when_policies_differ(goppc):
    good = [("Each member has the right to access the details the club keeps on them.", {"right.access"})]
    missed = [("Nothing here.", {"right.access"})]
    pol = goppc.policy_level({"a": good, "b": missed, "c": good, "d": missed})
    lo, hi = goppc.bootstrap(pol["per_policy"], gaps=True)["macro_f1"]
    assert lo < pol["macro_f1"] < hi
