"""The service app's records."""
