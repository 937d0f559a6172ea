"""What both HTTP faces (the API and the pages) share: request dependencies (who is calling, the
database), the session cookie, error mapping, content negotiation, request limits, security
headers, the read gate of a private deployment and the session signing key."""
