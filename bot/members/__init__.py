"""A member's own data: the one list of what is held about them (member_data.py), the clicks
they still have to make (answer-once prompts), forget-me, which erases every trace of them,
and "My data" (my_data.py), which shows them all of it.

May import the core's models, errors, ports, clock, i18n (the consent statements as shown) and
the other use-case rooms; never a platform library, ``adapters`` or ``storage``.
"""
