from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path
from django.views.i18n import set_language

from . import api_views
from .api import api

urlpatterns = [
    path("", include("zerobay.home_urls")),
    path("accounts/", include("zerobay.accounts.urls")),
    path("accounts/", include("zerobay.accounts.credentials_urls")),
    path("enterprises/", include("zerobay.registry.urls")),
    path("imports/", include("zerobay.statistics.urls")),
    path("indicators/", include("zerobay.indicators.urls")),
    path("programs/", include("zerobay.programs.urls")),
    path("cultivation/", include("zerobay.cultivation.urls")),
    path("hall/", include("zerobay.matching.urls")),
    path("carriers/", include("zerobay.carriers.urls")),
    path("workplan/", include("zerobay.workplan.urls")),
    path("service/", include("zerobay.service.urls")),
    path("reports/", include("zerobay.reports.urls")),
    path("api/", api.urls),
    # A path under /api/ that matches no endpoint answers JSON like the API, not the site's page.
    re_path(r"^api/", api_views.not_found),
    # Open before login too: the login page has the language switch.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
