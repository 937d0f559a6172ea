"""/docs: Swagger UI from the files of the swagger-ui-bundle-v2 package, nothing from a CDN, and
started by a script file of ours, so that it runs under the strict Content-Security-Policy."""

from __future__ import annotations

from pathlib import Path

import swagger_ui_bundle
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.routing import Mount

SWAGGER_UI = Path(swagger_ui_bundle.swagger_ui_path)
PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>accord API · Swagger UI</title>
<link rel="stylesheet" href="/static/swagger-ui/swagger-ui.css">
<link rel="icon" type="image/png" href="/static/swagger-ui/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/static/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/swagger-docs.js"></script>
</body>
</html>
"""


def install(app: FastAPI) -> None:
    # First among the routes, before /static (accord's own files), so that the longer prefix wins.
    app.router.routes.insert(0, Mount("/static/swagger-ui", app=StaticFiles(directory=SWAGGER_UI)))

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return HTMLResponse(PAGE)
