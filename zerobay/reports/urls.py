"""The reports pages."""

from django.urls import path

from . import views

urlpatterns = [
    path("cockpit/", views.cockpit_page, name="cockpit"),
    path("bulletins/", views.bulletin_list, name="bulletin-list"),
    path("bulletins/draft/", views.bulletin_draft, name="bulletin-draft"),
    path("bulletins/<int:pk>/", views.bulletin_detail, name="bulletin-detail"),
    path("bulletins/<int:pk>/narrative/", views.bulletin_narrative, name="bulletin-narrative"),
    path("bulletins/<int:pk>/issue/", views.bulletin_issue, name="bulletin-issue"),
    path("bulletins/<int:pk>/docx/", views.bulletin_docx, name="bulletin-docx"),
    path("bulletins/<int:pk>/xlsx/", views.bulletin_xlsx, name="bulletin-xlsx"),
]
