"""Pages of enterprise cultivation: qualification rules, screening, certificate watch, reporting chase, 升规纳统."""

from django.shortcuts import render


def home(request):
    return render(request, "cultivation/home.html")
