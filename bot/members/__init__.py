"""A member's own data: the clicks they still have to make (answer-once prompts) and
forget-me, which erases every trace of them.

May import the core's models, errors, ports, clock and the other use-case rooms; never a
platform library, ``adapters`` or ``storage``.
"""
