"""Finding commitments and terms in provisions. Pure: text in, findings out; never touches the database."""
