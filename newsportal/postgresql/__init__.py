"""Django's PostgreSQL backend, failing fast when the server does not answer (``newsportal/database.py``)."""
