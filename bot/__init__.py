"""A voice-clone bot for Discord and Slack communities, on the Async Voice API: the core.

At the top: the facade adapters call (``facade.py``), the composition root (``__main__.py``),
the models, errors, ports and clock every room shares. The rooms: ``app/`` (settings, life,
leases), ``cloning/``, ``speech/``, ``voices/``, ``members/``, ``policy/`` (the use-cases),
``api/``, ``audio/``, ``i18n/`` and ``observability/``.

Nothing here imports a platform library, ``adapters`` or ``storage``, but ``__main__.py``.
"""
