"""The workplan pages."""

urlpatterns: list = []
