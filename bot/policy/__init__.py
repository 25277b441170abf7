"""Who may do what, and how much: each community's rules (set by its admins) and the limits
on concurrent work.

May import the core's models, errors, clock and settings only.
"""
