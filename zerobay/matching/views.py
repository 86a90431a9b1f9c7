"""Pages of technology achievements hall and supply-demand matching."""

from django.shortcuts import render


def home(request):
    return render(request, "matching/home.html")
