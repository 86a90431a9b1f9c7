"""Signals other apps listen to, so that the statistics app need not know them."""

from django.dispatch import Signal

# Sent after an import's transaction has committed, with `batch` (the ImportBatch).
reports_imported = Signal()
