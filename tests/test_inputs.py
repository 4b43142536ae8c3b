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


def _tree(root):
    """root/a.txt, root/de/manifest.csv + b.txt, root/de/old/c.md, root/.git/x.txt, root/fr/ (empty)."""
    (root / "de" / "old").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "fr").mkdir()
    (root / "a.txt").write_text("Policy\nWe keep data for 30 days.", encoding="utf-8")
    (root / "de" / "b.txt").write_text("Policy\nWe keep data for 60 days.", encoding="utf-8")
    (root / "de" / "manifest.csv").write_text("file,organisation\nb.txt,Bee GmbH\n", encoding="utf-8")
    (root / "de" / "old" / "c.md").write_text("# Policy\nWe keep data for 90 days.", encoding="utf-8")
    (root / ".git" / "x.txt").write_text("not a policy", encoding="utf-8")


def test_subfolders_are_read_with_recursive_in_order_with_their_manifests(tmp_path):
    _tree(tmp_path)
    (tmp_path / "de" / "loop").symlink_to(tmp_path, target_is_directory=True)  # must not be walked
    files, errors = collect_inputs([tmp_path], recursive=True)
    assert errors == []
    assert [f.path[len(str(tmp_path)) + 1:] for f in files] == ["a.txt", "de/b.txt", "de/old/c.md"]
    assert dict(files[1].metadata) == {"organisation": "Bee GmbH"}
    assert [p.name for p in read_policies(tmp_path, recursive=True)] == ["a", "b", "c"]


def test_without_recursive_only_the_folders_own_files_are_read(tmp_path):
    _tree(tmp_path)
    files, errors = collect_inputs([tmp_path])
    assert [f.name for f in files] == ["a"] and errors == []


def test_a_folder_of_subfolders_says_recursive_would_read_them(tmp_path):
    _tree(tmp_path)
    (tmp_path / "a.txt").unlink()
    files, errors = collect_inputs([tmp_path])
    assert files == [] and len(errors) == 1
    assert errors[0].problem.endswith("its 2 subfolder(s) (de, fr) are read with --recursive")
    files, errors = collect_inputs([tmp_path / "fr"], recursive=True)
    assert files == [] and errors[0].problem.startswith("folder holds no policy files")
