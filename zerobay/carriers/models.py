"""The carriers app's records."""
