"""Web pages: thin routes over accord.services, rendered with Jinja2."""
