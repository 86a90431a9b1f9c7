"""The workplan app's records."""
