"""The project's URLs plus a bare view, for `manage.py bench_feeds` only (never in cop/urls.py)."""

from django.http import HttpResponse
from django.urls import path

from cop.urls import urlpatterns as project_urlpatterns


def bare(request):
    """The cheapest Django answer through the same middleware: the yardstick of the benchmark."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *project_urlpatterns]
