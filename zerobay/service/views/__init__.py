"""The service pages: requests (requests.py), the dashboard (dashboard.py)."""
