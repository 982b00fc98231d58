"""Run from a subfolder (issue 11, item 3): the data repository is found upwards, as ruff and
pre-commit find theirs, and file arguments are read against the current directory."""

from __future__ import annotations

from conftest import write_repo


def lines(out: str) -> list[str]:
    return sorted(l for l in out.splitlines() if l.strip())


def test_check_from_the_curated_folder_is_the_check_from_the_root(repo, run_cli):
    code_root, out_root, _ = run_cli(repo, "check")
    code_sub, out_sub, err = run_cli(repo / "curated", "check")
    assert (code_sub, lines(out_sub)) == (code_root, lines(out_root)), err
    # a file named relative to the subfolder is that file, with the same findings as from the root
    code_file, out_file, err = run_cli(repo / "curated", "check", "demo.yaml")
    assert (code_file, lines(out_file)) == (code_root, lines(out_root)), err
    assert "UC008" not in out_file and "UC010" not in out_file


def test_the_nearest_marked_directory_is_the_root(tmp_path, run_cli):
    write_repo(tmp_path)  # curated/ here
    inner = tmp_path / "docs" / "deep"
    inner.mkdir(parents=True)
    code, out, err = run_cli(inner, "check")
    assert code == 1 and "curated/demo.yaml" in out, err
    (tmp_path / "docs" / "ucheck.toml").write_text('curated = "../curated"\nseeds = "../seeds"\n', encoding="utf-8")
    code, out, err = run_cli(inner, "check")  # docs/ has a configuration: it is the nearer root
    assert code == 1 and "demo.yaml" in out, err
