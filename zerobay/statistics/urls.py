from django.urls import path

from . import views

urlpatterns = [
    path("", views.import_list, name="import-list"),
    path("new/", views.import_new, name="import-new"),
    path("<int:pk>/", views.import_detail, name="import-detail"),
    path("<int:pk>/progress/", views.import_progress, name="import-progress"),
    path("<int:pk>/confirm/", views.import_confirm, name="import-confirm"),
    path("<int:pk>/cancel/", views.import_cancel, name="import-cancel"),
    path("<int:pk>/retry/", views.import_retry, name="import-retry"),
]
