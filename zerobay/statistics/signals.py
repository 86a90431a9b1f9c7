"""Signals other apps listen to, so that the statistics app need not know them."""

from django.dispatch import Signal

# Sent after an import's transaction has committed, with `batch` (the ImportBatch) and `changed`:
# False when the file only repeated what was stored (no report created or revised, no enterprise
# registered), so that what is computed from the reports need not be computed again.
reports_imported = Signal()
