"""The service pages."""

urlpatterns: list = []
