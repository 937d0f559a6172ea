"""Which extraction engine runs: the sources, or their compiled twin when it matches them.

`python -m accord.extract.compile` (run by `make install`) copies the modules of the extraction
path into a separate package, `accord_compiled`, in build/compiled/ (git-ignored), points their
imports at one another, compiles them with mypyc and records a hash of every source it copied and
of every module of accord they import. The twin never shadows a source: it has its own name, and
it is used only when every recorded hash matches the file as it is now, so an edited source is
never silently ignored; the sources run instead until the twin is rebuilt. ACCORD_PURE_PYTHON=1
runs the sources whatever is built.

Either the whole extraction path runs in the twin or none of it does: `extraction` picks the
pipeline, the document and the segmentation from one engine. The objects that leave it (Finding,
Commitment, Terms, Extraction) are defined by modules that are never twinned; Provision is the
exception, compiled for its memory (see accord.domain.provisions), and nothing checks its type.

Dataclasses: mypyc compiles a dataclass's fields and the methods written in it, but the __init__
that @dataclass generates stays interpreted (mypyc/mypyc#817). The classes made per line, sentence
or hit therefore write their __init__ out: calling it took 50 ns instead of 255, and the generated
ones had been 4 % of extraction (py-spy, 5 MB corpus).
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import json
import os
import sys
from dataclasses import dataclass
from functools import cache
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]  # the checkout: accord/ and build/ are in it
TWIN = ROOT / "build" / "compiled"
PACKAGE = "accord_compiled"
FORMAT = 2  # of the manifest; 2: it names accord.extract.compile among the sources
PURE_VARIABLE = "ACCORD_PURE_PYTHON"

# The extraction path: every module that defines or registers what the pipeline runs. Each is
# copied into the twin; those in COMPILED are compiled, the others (cheap, or not worth it) are
# copied as Python so that they use the twin's registry and classes.
TWINNED = (
    "accord.domain.provisions",
    "accord.extract.actors",
    "accord.extract.areas",
    "accord.extract.assembly",
    "accord.extract.bodies",
    "accord.extract.literals",
    "accord.extract.modality",
    "accord.extract.money",
    "accord.extract.pipeline",
    "accord.extract.registry",
    "accord.extract.scanner",
    "accord.extract.terms",
    "accord.extract.timeframes",
    "accord.extract.units",
    "accord.text.lines",
    "accord.text.segment",
    "accord.text.sentences",
)
COMPILED = tuple(name for name in TWINNED if name != "accord.extract.pipeline")


def source_path(module: str) -> Path:
    return ROOT.joinpath(*module.split(".")).with_suffix(".py")


def twin_name(module: str) -> str:
    """accord.extract.scanner → accord_compiled.extract.scanner."""
    return PACKAGE + module.removeprefix("accord")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _module_path(module: str) -> Path | None:
    """The source file of an accord module, or None when it is a package or not a file."""
    path = source_path(module)
    return path if path.is_file() else None


def imported(module: str) -> set[str]:
    """The accord modules that `module`'s source imports (from-imports of a package name its submodules)."""
    tree = ast.parse(source_path(module).read_bytes())
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "accord")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] != "accord":
                continue
            if _module_path(node.module) is not None:
                found.add(node.module)
            else:  # a package: its names may be submodules
                found.update(
                    f"{node.module}.{alias.name}"
                    for alias in node.names
                    if _module_path(f"{node.module}.{alias.name}") is not None
                )
    return found


def dependencies() -> list[str]:
    """The modules of accord the twin imports but does not copy: it was built against them."""
    return sorted(
        {name for module in TWINNED for name in imported(module) if _module_path(name)} - set(TWINNED)
    )


def _relative(module: str) -> str:
    return source_path(module).relative_to(ROOT).as_posix()


def _digest_or_none(relative: str) -> str | None:
    path = ROOT / relative
    return digest(path) if path.is_file() else None


def fingerprint() -> dict[str, str]:
    """Every source the twin is made from or built against, and its build, by path, with its hash."""
    modules = sorted({*TWINNED, *dependencies(), "accord.extract.compile"})
    return {_relative(module): digest(source_path(module)) for module in modules}


def build_key(*, fingerprinted: bool = True) -> dict[str, Any]:
    """What a twin is built from and for: the sources (with their hashes) and the interpreter."""
    key: dict[str, Any] = {
        "format": FORMAT,
        "extension": EXTENSION_SUFFIXES[0],
        "twinned": list(TWINNED),
        "compiled": list(COMPILED),
    }
    if fingerprinted:
        key["sources"] = fingerprint()
    return key


@dataclass(frozen=True)
class Engine:
    name: str  # "compiled" or "pure"
    package: str  # the package its modules are in: "accord_compiled" or "accord"
    reason: str  # why this engine: for `accord --version` and the benchmarks

    def describe(self) -> str:
        return f"{self.name} ({self.reason})"


PURE = "pure"
COMPILED_NAME = "compiled"


def pure(reason: str) -> Engine:
    return Engine(PURE, "accord", reason)


_KEYS = {
    "format": "by another version of accord.extract.compile",
    "extension": "for another Python",
    "twinned": "from another list of modules",
    "compiled": "from another list of modules",
}


def stale(twin: Path = TWIN) -> str | None:
    """Why the twin in `twin` may not be used, or None when it matches the sources as they are now."""
    manifest = twin / "manifest.json"
    if not manifest.is_file():
        return "no compiled twin: `make install` builds it"
    try:
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"{manifest} is unreadable"
    current = build_key(fingerprinted=False)
    for key, what in _KEYS.items():
        if recorded.get(key) != current[key]:
            return f"the compiled twin was built {what}: `make install` rebuilds it"
    sources = recorded.get("sources")
    if not isinstance(sources, dict) or not {_relative(m) for m in TWINNED} <= set(sources):
        return f"{manifest} does not name every twinned source"
    # The dependencies were found in the twinned sources as they were: while those are unchanged
    # (their hashes match), so is the list, and the sources need not be parsed again here.
    changed = sorted(
        path for path, recorded_digest in sources.items() if _digest_or_none(path) != recorded_digest
    )
    if changed:
        more = f" and {len(changed) - 1} more" if len(changed) > 1 else ""
        return f"{changed[0]}{more} changed since the compiled twin was built: `make install` rebuilds it"
    return None


def choose(twin: Path = TWIN) -> Engine:
    """The compiled twin when it is built and current (and not refused); the sources otherwise."""
    if os.environ.get(PURE_VARIABLE, "") not in ("", "0"):
        return pure(f"{PURE_VARIABLE} is set")
    why = stale(twin)
    if why is not None:
        return pure(why)
    try:
        load(twin)
    except Exception as error:  # a twin that cannot be loaded must not stop extraction
        return pure(f"the compiled twin failed to load: {type(error).__name__}: {error}")
    return Engine(
        COMPILED_NAME, PACKAGE, f"mypyc, {twin.relative_to(ROOT) if twin.is_relative_to(ROOT) else twin}"
    )


def load(twin: Path = TWIN) -> None:
    """Import every module of the twin, checking that each compiled one is an extension module."""
    if str(twin) not in sys.path:
        sys.path.append(str(twin))  # appended: it holds only accord_compiled*, which nothing else names
    for module in TWINNED:
        loaded = importlib.import_module(twin_name(module))
        if module in COMPILED and not str(loaded.__file__).endswith(tuple(EXTENSION_SUFFIXES)):
            raise ImportError(f"{loaded.__name__} is not compiled ({loaded.__file__})")


@dataclass(frozen=True)
class Modules:
    """One engine's modules of the extraction path."""

    pipeline: Any
    registry: Any
    units: Any
    segment: Any
    scanner: Any


@cache
def modules(package: str) -> Modules:
    """The extraction path's modules in `package` ("accord" or "accord_compiled")."""

    def get(module: str) -> ModuleType:
        return importlib.import_module(package + module.removeprefix("accord"))

    return Modules(
        get("accord.extract.pipeline"),
        get("accord.extract.registry"),
        get("accord.extract.units"),
        get("accord.text.segment"),
        get("accord.extract.scanner"),
    )


@cache
def chosen() -> Engine:
    """The engine of this process, chosen once."""
    return choose()
