from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from members import selectors

from .models import LegalPage

# The landing page and the dashboard show a few communities, never all of them.
HOME_COMMUNITIES = 6


def home(request):
    user = request.user
    if not user.is_authenticated:
        context = {
            "communities": selectors.newest_communities(user, limit=HOME_COMMUNITIES, cops_only=True),
            "community_total": selectors.visible_community_count(user),
        }
        return render(request, "cop/landing.html", context)
    memberships = list(selectors.my_memberships(user))
    parents = selectors.visible_community_ids(user, [m.community.parent_id for m in memberships])
    for membership in memberships:
        membership.parent_visible = membership.community.parent_id in parents
    context = {
        "memberships": memberships,
        "coordinator_queues": selectors.coordinator_queues(memberships),
        "newest_communities": selectors.newest_communities(user, limit=HOME_COMMUNITIES),
        "community_total": selectors.visible_community_count(user, memberships=memberships),
    }
    return render(request, "cop/dashboard.html", context)


def legal_page(request, kind):
    if kind not in LegalPage.Kind.values:
        return render(request, "404.html", status=404)
    page = LegalPage.objects.filter(kind=kind).first()
    return render(request, "cop/legal_page.html", {"page": page, "kind_label": LegalPage.Kind(kind).label})


@never_cache
def healthz(request):
    """Readiness: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not ready"
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def robots_txt(request):
    return HttpResponse("User-agent: *\nDisallow: /accounts/\nDisallow: /admin/\n", content_type="text/plain")


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_500(request):
    return render(request, "500.html", status=500)
