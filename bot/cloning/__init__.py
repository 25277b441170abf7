"""Cloning a member's voice, exactly once: the clone use-case, what a pending consent stands
for (the clone intent) and the consent statement.

May import the core's models, errors, ports, settings, ``api``, ``audio``, ``policy`` and
``voices``; never a platform library, ``adapters`` or ``storage``.
"""
