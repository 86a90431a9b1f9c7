"""The JSON API under /api/ (OpenAPI docs at /api/docs)."""

from ninja import NinjaAPI

api = NinjaAPI(title="zerobay API", version="1", urls_namespace="api")
