"""Reports and exports over accord.services: the compliance report (HTML, PDF, Markdown) and the
commitment, progress and funding tables (CSV, JSON, XLSX)."""
