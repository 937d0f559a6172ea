"""`accord serve`."""

from __future__ import annotations

from typing import Annotated

import typer

from accord.cli.app import app, console, state


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
