"""`accord serve`."""

from __future__ import annotations

import errno
import socket
from typing import Annotated

import typer

from accord.cli.app import app, console, state
from accord.errors import InputError


def check_free(host: str, port: int) -> None:
    """Refuse a port another server holds before announcing anything: uvicorn would print
    "accord serving ... on http://..." first, then its own error, and exit 3."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise InputError(
                    f"port {port} on {host} is in use, perhaps by another accord serve",
                    hint="choose another with --port, or stop the server that holds it",
                ) from None
            raise InputError(
                f"cannot listen on {host}:{port}: {error.strerror}",
                hint="give an address of this machine with --host (127.0.0.1, 0.0.0.0)",
            ) from None


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to bind (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Worker processes (stateless; use PostgreSQL).")
    ] = 1,
) -> None:
    """Serve the web pages and the REST API."""
    import uvicorn

    from accord.server.app import create_app

    settings = state.settings
    host = host or settings.host
    port = port or settings.port
    check_free(host, port)
    where = state.db.engine.url.render_as_string(hide_password=True)
    plural = f" with {workers} workers" if workers > 1 else ""
    console.print(f"accord serving {where} on http://{host}:{port}{plural}  (Ctrl+C to stop)")
    if workers > 1:
        # Each worker process builds its app from the environment: nothing is shared but the database.
        uvicorn.run(
            "accord.server.app:from_environment",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
            access_log=False,
        )
        return
    # No access log: formatting a line per request costs more than the list endpoint's queries.
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", access_log=False)
