"""The REST API under /api/v1 (the app that joins it to the pages is `accord.server.app`)."""
