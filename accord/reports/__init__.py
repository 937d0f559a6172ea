"""What the record looks like to people: charts, the compliance report and exports, built over accord.services."""
