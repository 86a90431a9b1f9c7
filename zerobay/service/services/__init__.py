"""The service app's business actions: raising and moving requests (requests.py), notifications
and deadline alerts (notices.py), attachments (attachments.py)."""
