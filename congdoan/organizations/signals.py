"""Structure changes that other modules must follow, sent inside the service's transaction.

Apps above organizations (members, the work modules) connect receivers that move or close
their own records; a receiver that raises ValidationError rolls the whole change back.
"""

from django.dispatch import Signal

# kwargs: actor, units (list[Unit]), on (date): sent before a merger or dissolution changes
# anything, so that each app can refuse a closing date earlier than its own later records there
units_closing = Signal()
# kwargs: actor, survivor (Unit), merged (list[Unit]), on (date)
units_merged = Signal()
# kwargs: actor, unit (Unit), on (date)
unit_dissolving = Signal()
# kwargs: old_path, new_path, on (date): a subtree's paths were rewritten from ``on``
subtree_moved = Signal()
