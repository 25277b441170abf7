"""The app itself: settings read once from the environment (the database URL parsed once,
in :mod:`bot.app.database_url`), the running bot's life (start, serve, drain on SIGTERM) and
the leases that tell a live instance from a dead one.

May import the core's models, errors, ports, observability and the use-case rooms; never a
platform library, ``adapters`` or ``storage`` (only ``bot/__main__.py`` wires those).
"""
