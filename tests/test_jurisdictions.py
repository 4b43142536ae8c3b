"""Requirement catalogs: every bundled catalog is valid data, citations are traceable to the
fact sheet, broken catalogs fail with one line naming file and key, user catalogs work."""
import datetime as dt
import doctest
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from privcompare.jurisdictions import catalog_api as jur
from privcompare.errors import CatalogError
from privcompare.jurisdictions import catalog as catalog_module

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "catalogs"
THAILAND = FIXTURES / "th-pdpa.yaml"
SHARED = Path("/work/shared/reference")
FACT_SHEET = SHARED / "legal-requirements.md"
CONCEPTS_MD = SHARED / "concepts.md"
BUNDLED = ["gdpr", "id-pdp", "vn-decree-13", "vn-pdpl-2025"]
CONFIDENCE = {"verified-official-text", "verified-2-sources", "single-source", "unverified"}
RIGHTS = ["access", "rectification", "erasure", "restriction", "objection", "portability",
          "withdraw_consent", "automated_decision", "complaint", "compensation", "information"]

# The rights each law grants, from the fact sheet's cross-jurisdiction table
# (a "partial" there counts as granted when the law has its own article for it).
GRANTED = {
    "gdpr": set(RIGHTS),
    "vn-decree-13": set(RIGHTS) - {"portability", "automated_decision"},
    "vn-pdpl-2025": set(RIGHTS) - {"portability", "automated_decision"},
    "id-pdp": set(RIGHTS) - {"objection"},
}


@pytest.fixture(scope="module")
def reqs():
    return jur.requirements()


# --- bundled catalogs are valid, traceable data ------------------------------------------

def test_bundled_catalogs_all_load_and_ids_match_file_names():
    assert jur.bundled_ids() == BUNDLED
    for law_id in BUNDLED:
        catalog = jur.load_catalog(law_id)
        assert catalog.id == law_id
        assert Path(catalog.path).name == f"{law_id}.yaml"
        assert catalog.requirements, law_id


def test_every_requirement_has_citation_and_resolving_sources(reqs):
    for law_id in BUNDLED:
        catalog = jur.load_catalog(law_id)
        for req in catalog.requirements:
            assert req["citation"].strip(), req["requirement"]
            assert req["source"], req["requirement"]
            unknown = [key for key in req["source"] if key not in catalog.sources]
            assert not unknown, (req["requirement"], unknown)
        for key, url in catalog.sources.items():
            assert url.startswith(("http://", "https://", "no URL: ")), (law_id, key)
    assert reqs["requirement"].is_unique


def test_confidence_values_are_the_fact_sheet_levels(reqs):
    assert set(reqs["confidence"]) <= CONFIDENCE
    assert set(reqs["severity"]) <= {"high", "medium", "low"}


def test_unverified_citations_are_marked(reqs):
    unverified = reqs[reqs["confidence"] == "unverified"]
    assert unverified["citation"].str.contains("unverified").all()
    says_unverified = reqs[reqs["citation"].str.contains("unverified")]
    # The fact sheet's rows whose article could not be confirmed keep saying so.
    assert {"id-pdp.other.merger_notice", "id-pdp.rights.complaint",
            "vn-pdpl-2025.other.sensitive_data"} <= set(says_unverified["requirement"])
    assert not (says_unverified["confidence"].isin(["verified-official-text"])).any()


def test_every_concept_id_is_in_the_concept_list(reqs):
    known = jur.known_concepts()
    used = set(reqs["concept"].dropna())
    for condition in reqs["condition"]:
        for key in ("concept", "when_concept"):
            value = condition.get(key)
            used |= set(value if isinstance(value, list) else [value] if value else [])
    assert used and used <= set(known), used - set(known)


@pytest.mark.skipif(not CONCEPTS_MD.exists(), reason="shared concept reference not available")
def test_packaged_concept_list_matches_the_public_contract():
    ids = set(re.findall(r"^\| `([a-z_.]+)`", CONCEPTS_MD.read_text(encoding="utf-8"), re.M))
    # the legal_basis row lists its sub-ids as `legal_basis.consent` / `.contract` / ...
    ids |= {f"legal_basis.{sub}" for sub in ["consent", "contract", "legitimate_interest",
                                             "legal_obligation", "vital_interest", "public_task"]}
    assert len(ids) > 30
    # every public id, plus the ones this project adds (the contract allows new dotted ids)
    assert set(jur.known_concepts()) == ids | {"right.opt_out_sale"}


def test_each_law_has_one_row_per_right_it_grants_and_none_for_others(reqs):
    for law_id, granted in GRANTED.items():
        mine = reqs[reqs["jurisdiction"] == law_id]
        right_rows = mine[mine["requirement"].str.fullmatch(
            re.escape(law_id) + r"\.rights\.(" + "|".join(RIGHTS) + ")")]
        suffixes = right_rows["requirement"].str.rsplit(".", n=1).str[1]
        assert sorted(suffixes) == sorted(granted), law_id
        assert (right_rows["concept"] == "right." + suffixes).all()
        not_granted = {f"right.{r}" for r in set(RIGHTS) - granted}
        assert not set(mine["concept"].dropna()) & not_granted, law_id


def test_deadlines_and_children_ages(reqs):
    by_id = reqs.set_index("requirement")
    assert by_id.loc["gdpr.breach.authority", "deadline_hours"] == 72
    assert by_id.loc["gdpr.rights.response_deadline", "deadline_hours"] == 720
    assert by_id.loc["gdpr.rights.response_deadline", "deadline_text"] == \
        "1 month, extendable by 2 months"
    assert by_id.loc["vn-decree-13.rights.restriction", "deadline_hours"] == 72
    assert by_id.loc["id-pdp.rights.access", "deadline_hours"] == 72
    assert by_id.loc["id-pdp.breach.notice", "deadline_text"] == "no later than 3 x 24 hours"
    assert by_id.loc["gdpr.children.consent_age", "children_age"] == 16
    assert by_id.loc["vn-decree-13.children", "children_age"] == 16
    assert pd.isna(by_id.loc["id-pdp.children", "children_age"])  # UU PDP sets no age
    with_hours = reqs[reqs["deadline_hours"].notna()]
    assert with_hours["deadline_text"].str.strip().str.len().gt(0).all()


def test_rows_a_notice_cannot_show_are_marked(reqs):
    no_concept = reqs[reqs["concept"].isna()]
    assert len(no_concept) and not no_concept["applies_to_notice"].any()
    assert reqs.set_index("requirement").loc["gdpr.notice.complaint", "applies_to_notice"]


@pytest.mark.skipif(not FACT_SHEET.exists(), reason="fact sheet not available")
def test_citations_come_from_the_fact_sheet_and_summaries_do_not(reqs):
    sheet = FACT_SHEET.read_text(encoding="utf-8").replace("**", "")
    for _, row in reqs.iterrows():
        citation = row["citation"]
        assert citation in sheet or citation.removeprefix("Law ") in sheet, \
            (row["requirement"], citation)
    sheet_texts = set(re.findall(r"^\| [a-z0-9.\-_]+ \| [a-z_]+ \| ([^|]+) \|", sheet, re.M))
    assert len(sheet_texts) > 100
    copied = [s for s in reqs["summary"] if s.strip() in {t.strip() for t in sheet_texts}]
    assert not copied


def test_dates_and_in_force():
    assert jur.in_force("2026-11-23") == ["gdpr", "id-pdp", "vn-pdpl-2025"]
    assert jur.in_force(dt.date(2025, 6, 1)) == ["gdpr", "id-pdp", "vn-decree-13"]
    assert "vn-decree-13" in jur.in_force("2025-12-31")  # last day it applied
    assert "vn-decree-13" not in jur.in_force("2026-01-01")
    assert "id-pdp" not in jur.in_force("2024-10-16")  # before full applicability
    table = jur.jurisdictions().set_index("id")
    assert table.loc["id-pdp", "promulgated"] == pd.Timestamp("2022-10-17")
    assert table.loc["id-pdp", "in_force_from"] == pd.Timestamp("2024-10-17")
    assert table.loc["vn-decree-13", "replaced_by"] == "vn-pdpl-2025"
    assert pd.isna(table.loc["gdpr", "in_force_until"])
    with pytest.raises(CatalogError, match="not a date"):
        jur.in_force("yesterday-ish")


def test_requirements_frame_columns_and_types(reqs):
    assert list(reqs.columns) == jur.REQUIREMENT_COLUMNS
    assert reqs["condition"].map(lambda c: isinstance(c, dict)).all()
    assert reqs["source"].map(lambda s: isinstance(s, list) and len(s) > 0).all()
    assert reqs["deadline_hours"].dtype == float and reqs["children_age"].dtype == float
    assert reqs["applies_to_notice"].dtype == bool
    assert list(jur.requirements("gdpr")["jurisdiction"].unique()) == ["gdpr"]


def test_editing_a_returned_frame_does_not_change_the_next_one():
    first = jur.requirements("gdpr")
    first.loc[0, "condition"]["require_concrete"] = True
    first.loc[0, "source"].append("X")
    again = jur.requirements("gdpr")
    assert again.loc[0, "condition"] == {} and "X" not in again.loc[0, "source"]


def test_unknown_jurisdiction_lists_the_known_ones():
    with pytest.raises(CatalogError) as info:
        jur.requirements(["gdpr", "ccpa"])
    message = str(info.value)
    assert "'ccpa'" in message and all(law_id in message for law_id in BUNDLED)


# --- user catalogs --------------------------------------------------------------------------

def test_user_catalog_by_path():
    both = jur.requirements(["gdpr", THAILAND])
    assert list(both["jurisdiction"].unique()) == ["gdpr", "th-pdpa"]
    thai = both[both["jurisdiction"] == "th-pdpa"]
    assert (thai["confidence"] == "unverified").all()
    assert (thai["citation"] == "unverified").all()
    assert jur.requirements("gdpr", extra=str(THAILAND))["jurisdiction"].nunique() == 2
    table = jur.jurisdictions(extra=THAILAND)
    assert table["id"].tolist() == BUNDLED + ["th-pdpa"]
    assert table.set_index("id").loc["th-pdpa", "file"] == str(THAILAND)
    assert "th-pdpa" in jur.in_force("2026-11-23", extra=THAILAND)
    assert "th-pdpa" not in jur.in_force("2022-05-31", extra=THAILAND)


def test_user_catalog_may_not_reuse_a_bundled_id(tmp_path):
    data = yaml.safe_load(THAILAND.read_text(encoding="utf-8"))
    data["id"] = "gdpr"
    for req in data["requirements"]:
        req["jurisdiction"] = "gdpr"
        req["requirement"] = req["requirement"].replace("th-pdpa.", "gdpr.")
    path = write(tmp_path / "mygdpr.yaml", data)
    with pytest.raises(CatalogError, match=r"mygdpr\.yaml: id: 'gdpr' is already used by"):
        jur.requirements(["gdpr", path])


# --- broken catalogs: one line naming the file and the key -----------------------------------

def thai():
    return yaml.load(THAILAND.read_text(encoding="utf-8"), Loader=catalog_module._Loader)


def write(path, data):
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def load_error(path) -> str:
    with pytest.raises(CatalogError) as info:
        jur.load_catalog(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return message[len(f"{path}: "):]


def broken(tmp_path, edit, name="mycat.yaml"):
    data = thai()
    edit(data)
    return load_error(write(tmp_path / name, data))


def test_missing_required_key(tmp_path):
    problem = broken(tmp_path, lambda d: d["requirements"][3].pop("citation"))
    assert problem.startswith("requirements[3].citation: required property missing")
    assert "th-pdpa.notice.dpo_contact" in problem  # names the requirement too
    assert broken(tmp_path, lambda d: d.pop("sources")).startswith(
        "sources: required property missing")


def test_wrong_type(tmp_path):
    problem = broken(tmp_path, lambda d: d["requirements"][7].update(deadline_hours="72 hours"))
    assert problem.startswith("requirements[7].deadline_hours: '72 hours' must be a positive")
    problem = broken(tmp_path, lambda d: d.update(languages="th"))
    assert problem.startswith("languages: expected array")


def test_bad_dates(tmp_path):
    assert broken(tmp_path, lambda d: d.update(in_force_from="2025-13-45")).startswith(
        "in_force_from: '2025-13-45' must be a valid date")
    assert broken(tmp_path, lambda d: d.update(in_force_until="June 2030")).startswith(
        "in_force_until: 'June 2030' must be a valid date")
    assert broken(tmp_path, lambda d: d.update(in_force_until="2020-01-01")).startswith(
        "in_force_until: 2020-01-01 is before in_force_from 2022-06-01")


def test_bad_values(tmp_path):
    cases = [
        (lambda d: d["requirements"][0].update(confidence="pretty sure"),
         "requirements[0].confidence: 'pretty sure' is not one of: verified-official-text"),
        (lambda d: d["requirements"][0].update(topic="rights_and_stuff"),
         "requirements[0].topic: 'rights_and_stuff' is not one of:"),
        (lambda d: d["requirements"][1].update(citaton="Art. 1"),
         "requirements[1].citaton: unknown key"),
        (lambda d: d["requirements"][2].update(source=["NOPE"]),
         "requirements[2].source: 'NOPE' is not in the header's sources map (known: TH-PDPA)"),
        (lambda d: d["requirements"][4].update(concept="right.acces"),
         "requirements[4].concept: unknown concept 'right.acces'"),
        (lambda d: d["requirements"][3]["condition"].update(when_concept="dpo.officer"),
         "requirements[3].condition.when_concept: unknown concept 'dpo.officer'"),
        (lambda d: d["requirements"][3]["condition"].update(partial_concept="dpo.officer"),
         "requirements[3].condition.partial_concept: unknown concept 'dpo.officer'"),
        (lambda d: d["requirements"][3]["condition"].update(polarity="positive"),
         "requirements[3].condition.polarity: unknown key"),
        (lambda d: d["requirements"][3]["condition"].update(require_value="individuals"),
         "requirements[3].condition.require_value: 'individuals' must map a value kind to a value or a list"),
        (lambda d: d["requirements"][3]["condition"].update(not_scored=" "),
         "requirements[3].condition.not_scored: ' ' must be non-empty text"),
        (lambda d: d["requirements"][8].update(applies_to_notice=True),
         "requirements[8].applies_to_notice: True must be false when concept is null"),
        (lambda d: d["requirements"][0].update(citation="Section 23"),
         "requirements[0].citation: 'Section 23' must say 'unverified'"),
        (lambda d: d["requirements"][0].update(jurisdiction="th-other"),
         "requirements[0].jurisdiction: 'th-other' is not the catalog id 'th-pdpa'"),
        (lambda d: d["requirements"][1].update(requirement="th-pdpa.notice.identity"),
         "requirements[1].requirement: duplicate id 'th-pdpa.notice.identity'"),
        (lambda d: d["requirements"][7].pop("deadline_text"),
         "requirements[7].deadline_text: required property missing"),
        (lambda d: d["requirements"][0].update(children_age=16.5),
         "requirements[0].children_age: 16.5 must be a whole number"),
        (lambda d: d["sources"].update({"TH-2": "www.example.org"}),
         "sources.TH-2: 'www.example.org' must be a URL"),
    ]
    for edit, expected in cases:
        problem = broken(tmp_path, edit)
        assert problem.startswith(expected), (expected, problem)


def test_unreadable_files(tmp_path):
    bad_yaml = tmp_path / "syntax.yaml"
    bad_yaml.write_text("id: th-pdpa\nname: [unclosed\n", encoding="utf-8")
    assert load_error(bad_yaml).startswith("not valid YAML")
    duplicated = tmp_path / "dup.yaml"
    duplicated.write_text(THAILAND.read_text(encoding="utf-8") + "\nname: again\n",
                          encoding="utf-8")
    assert "duplicate key 'name'" in load_error(duplicated)
    assert load_error(tmp_path / "absent.yaml") == "file not found"
    not_a_mapping = tmp_path / "list.yaml"
    not_a_mapping.write_text("- just\n- a list\n", encoding="utf-8")
    assert load_error(not_a_mapping).startswith("(top level): expected object")


def test_every_problem_is_kept_on_the_error(tmp_path):
    def two_problems(d):
        d["requirements"][0].pop("summary")
        d["requirements"][5].update(severity="urgent")
    path = write(tmp_path / "two.yaml", _edited(two_problems))
    with pytest.raises(CatalogError) as info:
        jur.load_catalog(path)
    assert str(info.value).endswith("(and 1 more problems)")
    assert len(info.value.problems) == 2 and info.value.path == str(path)


def _edited(edit):
    data = thai()
    edit(data)
    return data


def test_docstring_examples_run():
    for module in (jur, catalog_module):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.attempted > 0 and result.failed == 0, module.__name__
