"""PostgreSQL failing fast: a connection that stops waiting for a server that does not answer.

The server ends a statement itself after ``statement_timeout``, but a server that is hung (stopped,
out of memory, cut off by the network) answers nothing while the kernel still acknowledges what is
sent, so a worker would wait for it forever. Every wait on the server, the pool's check of an idle
connection included, gives up a second after the server would have ended the statement. Once the
server has not answered, or no connection could be had in time, this process does not wait for it
again for ``UNREACHABLE_SECONDS``: the requests queued behind are answered at once
(``newsportal/postgresql/base.py``), so no reader waits for more than one timeout.
"""

import time

import psycopg
from django.conf import settings
from psycopg import errors

UNREACHABLE_SECONDS = 2
_unreachable_until = 0.0


class DatabaseDidNotAnswer(psycopg.OperationalError):
    """The server sent nothing back within DATABASE_ANSWER_TIMEOUT seconds."""


class DatabaseUnreachable(psycopg.OperationalError):
    """The server did not answer or give a connection a moment ago: not tried again yet."""


def mark_unreachable() -> None:
    global _unreachable_until
    _unreachable_until = time.monotonic() + UNREACHABLE_SECONDS


def check_reachable() -> None:
    if time.monotonic() < _unreachable_until:
        raise DatabaseUnreachable("the database server did not answer a moment ago")


def ended_session(error: BaseException | None) -> bool:
    """Whether the server ended the session: terminated, shut down, or the connection lost without a word.

    Not a timeout (of a wait, of the pool, of this module): those are subclasses.
    """
    return isinstance(error, errors.AdminShutdown) or (
        type(error) is psycopg.OperationalError and error.sqlstate is None
    )


class FailFastConnection(psycopg.Connection):
    """psycopg's connection, giving up after DATABASE_ANSWER_TIMEOUT seconds without an answer.

    A connection whose session is over closes itself, so that the pool makes a new one at once
    instead of checking it again.
    """

    def wait(self, gen, interval=0.1, timeout=None):
        limit = settings.DATABASE_ANSWER_TIMEOUT
        try:
            return super().wait(gen, interval, timeout if timeout is not None else limit)
        except errors._WaitTimeout:  # psycopg's own timeout of a wait (private, documented in wait())
            if timeout is not None:
                raise
            # The server is somewhere in the middle of the statement: nothing on this connection
            # can be trusted any more.
            self.close()
            mark_unreachable()
            raise DatabaseDidNotAnswer(f"the database server did not answer within {limit} s") from None
        except psycopg.OperationalError as error:
            if ended_session(error):
                self.close()
                renew_idle_connections()
            raise


def renew_idle_connections() -> None:
    """Replace the pool's idle connections: the server that ended one session most likely ended them all.

    A restart or a terminate of every backend leaves each idle connection dead; the pool would check
    them one by one, pausing longer after each failure, and a reader would wait out the pauses.
    """
    from django.db import connections

    pool = connections["default"].pool
    if pool is not None:
        pool.drain()
