"""What both HTTP faces (the API and the pages) share: request limits, security headers, the
read gate of a private deployment, the session signing key and content negotiation."""
