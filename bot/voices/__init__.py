"""A member's voices: picked only from our records and only the owner's, and their preview
links, fetched fresh every time one is shown.

May import the core's models, errors, ports, clock, settings and ``api``.
"""
