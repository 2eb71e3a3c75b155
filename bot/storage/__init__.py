"""The bot's database: schema, engine, Alembic migrations, the update inbox and key/value state.

SQLite (a file, zero setup) by default; PostgreSQL (psycopg 3) in production. Everything goes
through SQLAlchemy, so the same code and the same migrations serve both.
"""
