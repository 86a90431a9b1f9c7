"""Pages of policy programmes: clauses, calls, applications, review, approval, disbursement, evaluation."""

from django.shortcuts import render


def home(request):
    return render(request, "programs/home.html")
