"""The only package that imports SQLAlchemy: tables, engine, migrations."""
