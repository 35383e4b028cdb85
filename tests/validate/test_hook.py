"""The pre-commit hook through the real pre-commit framework, and the schemas inside the built wheel.

The hook repository is a copy of the package files committed in a throw-away git repo, so the test
sees exactly what a site repository's ``repos:`` entry would install (not the editable checkout).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GIT = ["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
GOOD = "---\ntitle: Good page\nslug: good-page\ndate: 2024-05-06\n---\nBody.\n"
BAD = "---\ntitle: Bad page\nslug: Bad Page\ndate: 2024-13-45\n---\nBody.\n"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def copy_package(dest: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    dest.mkdir()
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, dest / name)
    for name in ("migrate", "schemas"):
        shutil.copytree(ROOT / name, dest / name, ignore=ignore)
    return dest


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = copy_package(tmp_path_factory.mktemp("hook") / "repo")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "hook"], cwd=repo, check=True)
    return repo


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(hook_repo: Path, home: Path, site: Path, *files: str) -> subprocess.CompletedProcess[str]:
    # The site index cache goes to the test's own folder, never the user's.
    cache = str(site.parent / f"{site.name}-cache")
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never", "XDG_CACHE_HOME": cache}
    hook = [str(hook_repo), "validate-front-matter"]
    command = [sys.executable, "-m", "pre_commit", "try-repo", *hook, "--files", *files]
    return subprocess.run(command, cwd=site, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "good.md").write_text(GOOD)
    (tmp_path / "content" / "bad.md").write_text(BAD)
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    return tmp_path


def test_pre_commit_passes_a_good_page_and_blocks_a_bad_one(hook_repo: Path, pre_commit_home: Path, site: Path) -> None:
    good = try_repo(hook_repo, pre_commit_home, site, "content/good.md")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "validate front matter" in good.stdout and "Passed" in good.stdout

    bad = try_repo(hook_repo, pre_commit_home, site, "content/good.md", "content/bad.md")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "content/bad.md:3:7: error[schema.pattern] slug: must be lowercase words joined by '-'" in bad.stdout
    assert "content/bad.md:4:7: error[schema.anyOf] date: must be written as an ISO date" in bad.stdout
    assert "2 errors in 1 of 2 files" in bad.stdout
    assert "Traceback" not in bad.stdout + bad.stderr


def test_hook_ignores_files_that_are_not_markdown(hook_repo: Path, pre_commit_home: Path, site: Path) -> None:
    (site / "notes.txt").write_text(BAD)
    subprocess.run(["git", "add", "notes.txt"], cwd=site, check=True)
    done = try_repo(hook_repo, pre_commit_home, site, "notes.txt")
    assert done.returncode == 0 and "no files to check" in done.stdout.lower(), done.stdout


def test_built_wheel_holds_the_schemas(tmp_path: Path) -> None:
    source = copy_package(tmp_path / "src")
    out = tmp_path / "dist"
    done = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    (wheel,) = out.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"migrate/schemas/page.schema.json", "migrate/schemas/hugo.schema.json"} <= names


def commit_all(site: Path) -> None:
    subprocess.run(["git", "add", "-A"], cwd=site, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "site"], cwd=site, check=True)


def test_a_staged_page_is_checked_against_every_committed_page(
    hook_repo: Path, pre_commit_home: Path, site: Path
) -> None:
    (site / "content" / "bad.md").unlink()
    old = (
        "---\ntitle: Old page\nslug: shared-slug\ndate: 2024-01-01\naliases:\n- /Old+Page\ntiki_page_id: 7\n---\nOld.\n"
    )
    (site / "content" / "aaa-old.md").write_text(old)
    commit_all(site)
    new = "---\ntitle: New page\nslug: shared-slug\ndate: 2024-02-02\naliases:\n- /Old+Page\n---\nNew.\n"
    (site / "content" / "zzz-new.md").write_text(new)
    subprocess.run(["git", "add", "content/zzz-new.md"], cwd=site, check=True)
    # pre-commit passes only the staged file; the committed page must still be seen.
    done = try_repo(hook_repo, pre_commit_home, site, "content/zzz-new.md")
    assert done.returncode == 1, done.stdout + done.stderr
    out = done.stdout
    assert "content/zzz-new.md:3:7: error[schema.duplicate-slug] slug 'shared-slug' is already used by " in out
    assert "content/aaa-old.md:3:7" in out
    assert "content/zzz-new.md:6:3: error[schema.duplicate-alias] alias '/Old+Page' is also claimed by " in out
    # the clash lands on the staged file, never on the committed one
    assert "content/aaa-old.md:3:7: error" not in out
    assert "2 errors in 1 of 1 file" in out


def test_readme_and_ordinary_hugo_keys_pass(hook_repo: Path, pre_commit_home: Path, site: Path) -> None:
    (site / "content" / "bad.md").unlink()
    (site / "README.md").write_text("# Our site\n\nNo front matter here.\n")
    hugo = "---\ntitle: Draft\nslug: draft-page\ndate: 2024-05-06\ndraft: true\ndescription: A summary.\n---\nB.\n"
    (site / "content" / "draft.md").write_text(hugo)
    (site / "content" / "_index.md").write_text("---\ntitle: Posts\n---\n")
    subprocess.run(["git", "add", "-A"], cwd=site, check=True)
    done = try_repo(hook_repo, pre_commit_home, site, "README.md", "content/draft.md", "content/_index.md")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout
