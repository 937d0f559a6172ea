"""The HTTP interface: `create_app(settings)`, REST under /api/v1 and the web pages."""
