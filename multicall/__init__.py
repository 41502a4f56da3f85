"""pybox's shared runtime: dispatch, options, errors and streaming I/O.

Applets import from here and never from each other.  Nothing in this package
imports a heavy module at import time; see DESIGN.md's start-up budget.
"""

VERSION = "0.1.0"
