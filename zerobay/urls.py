from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from .api import api

urlpatterns = [
    path("", include("zerobay.home_urls")),
    path("accounts/", include("zerobay.accounts.urls")),
    path("enterprises/", include("zerobay.registry.urls")),
    path("imports/", include("zerobay.statistics.urls")),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
