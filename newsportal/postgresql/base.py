from django.db.backends.postgresql import base
from psycopg_pool import PoolTimeout

from newsportal.database import check_reachable, mark_unreachable


class DatabaseWrapper(base.DatabaseWrapper):
    """Answer at once, for a moment, once the server has not answered (``newsportal/database.py``)."""

    def get_new_connection(self, conn_params):
        check_reachable()
        try:
            return super().get_new_connection(conn_params)
        except PoolTimeout:
            mark_unreachable()
            raise
