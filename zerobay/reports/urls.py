"""The reports pages."""

urlpatterns: list = []
