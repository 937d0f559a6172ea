"""Loading documents and cutting them into provisions. Pure: no database."""
