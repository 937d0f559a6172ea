"""accord: runs the machinery of international cooperation agreements."""

import os

# numpy's OpenBLAS spreads even small products (a text's sentences against its partnership's
# earlier ones) over every core, and its threads spin while they wait: ingesting 100 texts took
# 11.3 s of wall and 17.3 s of CPU with them, 9.5 s of both with one thread. accord's parallel
# work is its own processes (`--jobs`, server workers). Set before numpy is first imported;
# a value the user set is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
