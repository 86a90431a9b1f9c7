from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="cultivation-home"),
    path("screen/<str:qualification>/", views.candidate_list, name="cultivation-candidates"),
    path("enterprises/<str:uscc>/", views.enterprise_page, name="cultivation-enterprise"),
    path("certificates/", views.certificates, name="cultivation-certificates"),
    path("ladder/", views.ladder, name="cultivation-ladder"),
    path("ladder/<str:rung>/candidates.xlsx", views.ladder_candidates, name="cultivation-ladder-candidates"),
    # The monthly reporting chase (营收报库) and 升规纳统 live in their own modules.
    path("reporting/", include("zerobay.cultivation.chase.urls")),
]
