"""Runs every benchmark: `python -m benchmarks [segmentation] [extraction] [extraction-profile] [api [--against REV]] [overview] [pages [--against REV]] [portfolio [--against REV]] [ingest [--ingest-mb N] [--ingest-rounds N]] [continuity] [cli] [--mb N] [--commitments N] [--cli-rounds N]`."""

from __future__ import annotations

import argparse
import importlib
from types import ModuleType


def _benchmark(name: str) -> ModuleType:
    """A benchmark's module, imported when it is to run: `accord ingest --jobs 2` worker processes
    import the calling program's main module again, and with every benchmark imported here that
    cost each of them a second of CPU that a user's `accord ingest` does not spend."""
    return importlib.import_module(f"benchmarks.{name}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="make bench")
    parser.add_argument(
        "which",
        nargs="*",
        default=[
            "cli",
            "segmentation",
            "extraction",
            "ingest",
            "api",
            "overview",
            "pages",
            "portfolio",
            "continuity",
        ],
        help="benchmarks to run",
    )
    parser.add_argument("--mb", type=float, default=20.0, help="size of the generated corpus in MB")
    parser.add_argument(
        "--ingest-mb",
        type=float,
        default=5.0,
        help="size of the ingest corpus in MB: each text is linked to the earlier ones of its partnership "
        "(about 40 texts each, whatever the size), so MB/s hardly depends on it, and 20 MB four times over "
        "on two backends would take most of an hour",
    )
    parser.add_argument(
        "--ingest-rounds",
        type=int,
        default=3,
        help="rounds of the ingest runs, side by side in each (medians reported: the machine's speed wanders)",
    )
    parser.add_argument(
        "--single-mb", type=float, default=100.0, help="size of the single large document in MB"
    )
    parser.add_argument(
        "--commitments", type=int, default=1_000_000, help="commitments in the API benchmark's database"
    )
    parser.add_argument(
        "--semantic-commitments",
        type=int,
        default=1_000_000,
        help="commitments in the semantic search benchmark",
    )
    parser.add_argument("--seconds", type=int, default=10, help="duration of each measured API load run")
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds of API load runs (medians are reported)"
    )
    parser.add_argument(
        "--extraction-rounds",
        type=int,
        default=2,
        help="extraction runs take turns this many times; each keeps its best",
    )
    parser.add_argument(
        "--cli-rounds",
        type=int,
        default=5,
        help="runs of each CLI command (and of python -c pass); the best is kept",
    )
    parser.add_argument(
        "--against",
        metavar="REV",
        help="api, pages, portfolio: also serve the code at this git revision, measured in turns with this tree",
    )
    args = parser.parse_args()
    parser_single = args.single_mb
    if "cli" in args.which:
        _benchmark("cli_startup").run(args.cli_rounds)
    if "segmentation" in args.which:
        _benchmark("segmentation").run(args.mb)
    if "extraction" in args.which:
        _benchmark("extraction").run(args.mb, parser_single, args.extraction_rounds)
    if "extraction-profile" in args.which:
        _benchmark("extraction_profile").run(args.mb)
    if "ingest" in args.which:
        _benchmark("ingest").run(args.ingest_mb, args.ingest_rounds)
    if "api" in args.which:
        _benchmark("api").run(args.commitments, args.seconds, args.rounds, against=args.against)
    if "overview" in args.which:
        _benchmark("overview").run()  # 1,000 commitments: the size every page must answer within 300 ms at
    if "pages" in args.which:
        _benchmark("pages").run(against=args.against)
    if "portfolio" in args.which:
        _benchmark("overview").run(args.commitments)  # 10,000 agreements: the overview's own target, ≤ 300 ms
        _benchmark("portfolio").run(args.commitments, against=args.against)
    if "continuity" in args.which:
        _benchmark("continuity").run(args.semantic_commitments)


if __name__ == "__main__":
    main()
