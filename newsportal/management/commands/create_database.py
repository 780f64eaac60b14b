from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections


class Command(BaseCommand):
    help = "Create the PostgreSQL database DATABASE_URL names when its server does not have it yet."
    requires_system_checks = []

    def handle(self, *args, **options):
        connection = connections[DEFAULT_DB_ALIAS]
        if connection.vendor != "postgresql":
            return
        import psycopg
        from psycopg import sql

        name = connection.settings_dict["NAME"]
        # The server's own "postgres" database, with the portal's credentials.
        params = connection.get_connection_params() | {"dbname": "postgres"}
        params.pop("cursor_factory", None)
        try:
            with psycopg.connect(**params, autocommit=True) as server:
                if server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                    return
                server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except psycopg.Error as error:
            raise CommandError(
                f"Could not create the database {name}: {error}\nCreate it with: createdb {name}"
            ) from error
        self.stdout.write(f"Created the database {name}.")
