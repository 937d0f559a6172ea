"""Runs every benchmark: `python -m benchmarks [segmentation] [--mb N]`."""

from __future__ import annotations

import argparse

from benchmarks import segmentation


def main() -> None:
    parser = argparse.ArgumentParser(prog="make bench")
    parser.add_argument("which", nargs="*", default=["segmentation"], help="benchmarks to run")
    parser.add_argument("--mb", type=float, default=20.0, help="size of the generated corpus in MB")
    args = parser.parse_args()
    if "segmentation" in args.which:
        segmentation.run(args.mb)


if __name__ == "__main__":
    main()
