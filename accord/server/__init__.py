"""The composition root: builds the ASGI application from the API, the pages and their shared
HTTP plumbing."""
