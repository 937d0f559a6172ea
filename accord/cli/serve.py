"""`accord serve`."""

from __future__ import annotations

from typing import Annotated

import typer

from accord.cli.app import app, console, state


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to bind (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000).")] = None,
) -> None:
    """Serve the web pages."""
    import uvicorn

    from accord.api.app import create_app

    settings = state.settings
    host = host or settings.host
    port = port or settings.port
    where = state.db.engine.url.render_as_string(hide_password=True)
    console.print(f"accord serving {where} on http://{host}:{port}  (Ctrl+C to stop)")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
