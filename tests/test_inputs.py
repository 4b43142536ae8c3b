"""Finding inputs: folders, manifests, README files and unreadable manifests."""
from __future__ import annotations

from privcompare.inputs import collect_inputs, read_manifest, read_policies


def test_folder_files_sorted_with_manifest_metadata(tmp_path):
    (tmp_path / "b.txt").write_text("Policy B\nWe do not sell data.", encoding="utf-8")
    (tmp_path / "a.md").write_text("# Policy A\nWe keep data for 30 days.", encoding="utf-8")
    (tmp_path / "README.md").write_text("# About this folder", encoding="utf-8")
    (tmp_path / "readme.rst").write_text("ignored: unknown suffix", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,organisation,last_updated\nb.txt,Bee Ltd,2024-01-02\n",
                                           encoding="utf-8")
    files, errors = collect_inputs([tmp_path])
    assert errors == []
    assert [f.name for f in files] == ["a", "b"]
    assert dict(files[1].metadata) == {"organisation": "Bee Ltd", "date": "2024-01-02"}
    assert read_manifest(tmp_path)["b.txt"]["organisation"] == "Bee Ltd"


def test_broken_manifest_costs_only_the_metadata(tmp_path):
    (tmp_path / "a.txt").write_text("Policy\nWe keep data for 30 days.", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("name,organisation\na.txt,A\n", encoding="utf-8")
    policies, errors = read_policies(tmp_path, errors="collect")
    assert [p.name for p in policies] == ["a"]
    assert len(errors) == 1 and errors[0].path.endswith("manifest.csv")
    assert "no 'file' column" in errors[0].problem


def test_empty_folder_and_missing_path_are_errors(tmp_path):
    files, errors = collect_inputs([tmp_path, tmp_path / "nope"])
    assert files == []
    assert [e.problem.split(" (")[0] for e in errors] == ["folder holds no policy files",
                                                          "no such file or folder"]


def test_read_policies_collects_bad_files(tmp_path):
    (tmp_path / "good.txt").write_text("Policy\nWe keep data for 30 days.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    policies, errors = read_policies(tmp_path, errors="collect")
    assert [p.name for p in policies] == ["good"]
    assert [e.path.endswith("empty.txt") for e in errors] == [True]


def test_folder_notes_are_skipped_but_similar_policy_names_are_not(tmp_path):
    for name in ["README-de.md", "LICENSE_old.txt", "licensed-services.txt", "readmore.txt"]:
        (tmp_path / name).write_text("Privacy Policy\nWe keep data for 30 days.", encoding="utf-8")
    files, _ = collect_inputs([tmp_path])
    assert [f.name for f in files] == ["licensed-services", "readmore"]
