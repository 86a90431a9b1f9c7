"""The carriers pages."""

urlpatterns: list = []
