"""The request pages."""

from django.http import HttpResponse


def request_list(request):
    return HttpResponse("")


def request_detail(request, pk: int):
    return HttpResponse("")
