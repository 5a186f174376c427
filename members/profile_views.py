# Placeholder: being written (directory, profiles, organisations, /me/).
from django.http import HttpResponse


def member_list(request):
    return HttpResponse("")


def member_detail(request, pk):
    return HttpResponse("")


def organisation_list(request):
    return HttpResponse("")


def organisation_detail(request, slug):
    return HttpResponse("")


def me(request):
    return HttpResponse("")
