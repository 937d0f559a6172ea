"""Runs every benchmark: `python -m benchmarks [segmentation] [--mb N]`."""

from __future__ import annotations

import argparse

from benchmarks import extraction, segmentation


def main() -> None:
    parser = argparse.ArgumentParser(prog="make bench")
    parser.add_argument("which", nargs="*", default=["segmentation", "extraction"], help="benchmarks to run")
    parser.add_argument("--mb", type=float, default=20.0, help="size of the generated corpus in MB")
    parser.add_argument(
        "--single-mb", type=float, default=100.0, help="size of the single large document in MB"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=2,
        help="extraction runs take turns this many times; each keeps its best",
    )
    args = parser.parse_args()
    parser_single = args.single_mb
    if "segmentation" in args.which:
        segmentation.run(args.mb)
    if "extraction" in args.which:
        extraction.run(args.mb, parser_single, args.rounds)


if __name__ == "__main__":
    main()
