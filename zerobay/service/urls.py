"""The service pages (/service/...)."""

from django.urls import path

from .views import callbacks, dashboard, key, package, requests

urlpatterns = [
    path("", requests.request_list, name="service-home"),
    path("requests/new/", requests.request_new, name="service-request-new"),
    path("requests/<int:pk>/", requests.request_detail, name="service-request"),
    path("requests/<int:pk>/move/", requests.request_move, name="service-request-move"),
    path("requests/<int:pk>/attachments/", requests.attachment_add, name="service-attachment-add"),
    path(
        "requests/<int:pk>/attachments/<int:attachment_id>/",
        requests.attachment_download,
        name="service-attachment",
    ),
    path("package/", package.package, name="service-package"),
    path("dashboard/", dashboard.dashboard, name="service-dashboard"),
    path("key/", key.key_list, name="service-key"),
    path("key/refresh/", key.key_refresh, name="service-key-refresh"),
    path("key/<str:uscc>/", key.key_change, name="service-key-change"),
    path("callbacks/", callbacks.callback_list, name="service-callbacks"),
    path("callbacks/draw/", callbacks.callback_draw, name="service-callback-draw"),
    path("callbacks/<int:pk>/", callbacks.callback_record, name="service-callback-record"),
    path("visits/", key.visit_list, name="service-visits"),
    path("visits/new/", key.visit_new, name="service-visit-new"),
]
