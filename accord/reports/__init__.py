"""What the record looks like to people: charts, the compliance report (HTML, PDF, Markdown) and the
commitment, progress and funding tables (CSV, JSON, XLSX), built over accord.services."""
