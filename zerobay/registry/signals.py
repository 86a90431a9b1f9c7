"""Signals other apps listen to, so that the registry need not know them."""

from django.dispatch import Signal

# Sent after a change to enterprises' org units, tracks, flags or qualifications has committed,
# with `reason` (a short text for the record).
registry_changed = Signal()
