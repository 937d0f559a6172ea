"""Runs many `accord` commands one after another in one process, as a test's subprocess: the argv
lists come as JSON on stdin (all at once, or with --serve one per line, each answered before the
next is read); each command's exit code, stdout and stderr go out as JSON, the bytes in base64. Output is caught at the file descriptors, so whatever a command writes (Rich,
print, sys.stdout.buffer) is caught as a separate process would have written it.

Starting Python and importing accord for every command is what made the read-parity tests slow
(about two seconds a command); what they compare is each command's output on two paths."""

from __future__ import annotations

import base64
import json
import os
import sys
import tempfile
import traceback

from accord.cli import main


def run(argv: list[str]) -> dict[str, object]:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        sys.stdout.flush()
        sys.stderr.flush()
        saved = os.dup(1), os.dup(2)
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
        sys.argv = ["accord", *argv]
        code = 0
        try:
            main()
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        except BaseException:  # as an uncaught exception ends a process: the traceback, status 1
            traceback.print_exc()
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
        out.seek(0)
        err.seek(0)
        return {
            "returncode": code,
            "stdout": base64.b64encode(out.read()).decode(),
            "stderr": base64.b64encode(err.read()).decode(),
        }


def serve() -> None:
    """One command per line of stdin (a JSON argv list), its result as one JSON line on stdout."""
    for line in sys.stdin:
        sys.stdout.write(json.dumps(run(json.loads(line))) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        serve()
    else:
        json.dump([run(argv) for argv in json.load(sys.stdin)], sys.stdout)
