"""Alembic's environment for salesplan: migrations run on the connection ``salesplan.migrations``
hands over (inside its transaction, holding the store's write lock), never from a URL of its own."""

from alembic import context

from salesplan.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
