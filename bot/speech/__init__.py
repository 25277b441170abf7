"""Speaking in a member's voice: ``/say`` (a file or a live stream), the text cleaning that
makes member text safe to speak, and the per-community voice-channel queue.

May import the core's models, errors, ports, clock, settings, ``api``, ``audio``, ``policy``
and ``voices``; never a platform library, ``adapters`` or ``storage``.
"""
