"""The compiled twin of the extraction path is used only when it matches the sources (`engine`)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from accord.extract import compile as compiling
from accord.extract import engine
from accord.extract.extraction import ENGINE, default_pipeline, extract_text

TEXT = "The Parties will cooperate on research. Korea plans to host the next meeting in 2026."


def twin_with(tmp_path: Path, **changes: object) -> Path:
    """A twin folder whose manifest is the one a build of today's sources writes, with `changes`."""
    key = {**engine.build_key(), **changes}
    (tmp_path / "manifest.json").write_text(json.dumps(key), encoding="utf-8")
    return tmp_path


def test_a_manifest_of_the_sources_as_they_are_is_current(tmp_path: Path) -> None:
    assert engine.stale(twin_with(tmp_path)) is None


def test_without_a_twin_the_sources_run(tmp_path: Path) -> None:
    chosen = engine.choose(tmp_path)
    assert chosen.name == engine.PURE and "make install" in chosen.reason


def test_an_edited_source_is_never_silently_ignored(tmp_path: Path) -> None:
    sources = engine.fingerprint()
    sources["accord/extract/modality.py"] = "0" * 64
    chosen = engine.choose(twin_with(tmp_path, sources=sources))
    assert chosen == engine.pure(
        "accord/extract/modality.py changed since the compiled twin was built: `make install` rebuilds it"
    )


def test_a_change_of_a_module_the_twin_imports_but_does_not_copy_counts_too(tmp_path: Path) -> None:
    sources = engine.fingerprint()
    assert "accord/extract/findings.py" in sources and "accord/domain/commitments.py" in sources
    sources["accord/extract/findings.py"] = "0" * 64
    assert "findings.py changed" in str(engine.stale(twin_with(tmp_path, sources=sources)))


def test_a_twin_built_for_another_python_or_other_modules_is_not_used(tmp_path: Path) -> None:
    assert "another Python" in str(engine.stale(twin_with(tmp_path, extension=".cpython-312-x.so")))
    fewer = list(engine.TWINNED[1:])
    assert "another list of modules" in str(engine.stale(twin_with(tmp_path, twinned=fewer)))


def test_the_variable_forces_the_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(engine.PURE_VARIABLE, "1")
    assert engine.choose(twin_with(tmp_path)) == engine.pure(f"{engine.PURE_VARIABLE} is set")


def test_the_twins_imports_point_at_the_twin_and_keep_every_line_number() -> None:
    for module in engine.TWINNED:
        source = engine.source_path(module).read_text(encoding="utf-8")
        copy = compiling.rewrite(source)
        assert len(copy.splitlines()) == len(source.splitlines())
        for node in ast.walk(ast.parse(copy)):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("accord."):
                named = {node.module, *(f"{node.module}.{alias.name}" for alias in node.names)}
                assert not named & set(engine.TWINNED), (module, node.module)


def test_the_whole_path_runs_in_the_engine_of_its_pipeline() -> None:
    for package in {"accord", ENGINE.package}:
        extraction = extract_text(TEXT, pipeline=default_pipeline(package))
        assert type(extraction.findings).__module__ == f"{package}.extract.registry"
        assert (
            extraction.commitments
            and type(extraction.commitments[0]).__module__ == "accord.domain.commitments"
        )
        # Findings cross the boundary: they are of the one class, whatever the engine.
        assert type(extraction.findings["chain"][0]).__module__ == "accord.extract.findings"
    assert type(default_pipeline()).__module__ == f"{ENGINE.package}.extract.pipeline"


def test_accord_version_names_the_engine_in_use() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "accord", "--version"], capture_output=True, text=True, check=True
    )
    assert f"extraction engine: {engine.chosen().name} (" in done.stdout
