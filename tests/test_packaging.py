"""A non-editable install must carry the data: the catalog ships inside the wheel."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("chime_policy_editor-*.whl")
    return found


@pytest.mark.slow
def test_wheel_contains_resources_and_entry_points(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    packages = {str(p.relative_to(ROOT)) for p in (ROOT / "editor").rglob("__init__.py")}
    assert packages - set(names) == set(), "packages missing from pyproject's list"
    assert "editor/resources/catalog.json" in names
    assert "editor/resources/personas.json" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "chime-policy = editor.cli.main:main" in text
    assert "chime-policy-editor = editor.app:main" in text


@pytest.mark.slow
def test_installed_wheel_loads_catalog_outside_the_source_tree(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    code = (
        "import editor, editor.core.catalog.catalog as c\n"
        "print(editor.__file__)\n"
        "print(len(c.load_catalog().messaging_actions), len(c.load_personas().personas))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    location, counts = result.stdout.splitlines()
    assert location.startswith(str(target))
    assert counts.split()[1] == "4" and int(counts.split()[0]) >= 76


@pytest.mark.slow
def test_wheel_carries_the_apache_license_that_pyproject_names(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    metadata = archive.read(next(n for n in archive.namelist() if n.endswith("METADATA")))
    assert b"License-Expression: Apache-2.0" in metadata
    license_text = archive.read(next(n for n in archive.namelist() if n.endswith("/LICENSE")))
    assert license_text == (ROOT / "LICENSE").read_bytes()
    # The whole Apache License 2.0, from its title to the appendix on applying it.
    text = license_text.decode()
    assert text.lstrip().startswith("Apache License\n                           Version 2.0")
    assert "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION" in text
    assert "END OF TERMS AND CONDITIONS" in text and "APPENDIX" in text
    assert text.count("\n") == 202
