"""Reading members' messages aloud in their own voice, in the voice channel they are in: the
rules of what is read (``rules``), the text as it is spoken (``text``), and who reads where.

May import the core's models, errors, ports, clock, settings, i18n, ``speech``, ``policy`` and
``voices``; never a platform library, ``adapters`` or ``storage``.
"""
