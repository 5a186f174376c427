"""/calendar/ (a member's feed links) and the feeds themselves. Views stay thin.

The feeds need no session: a personal feed is found by its secret, a public one by its
community. Unknown, revoked and malformed secrets all answer 404, before the method is looked at.
"""

from http import HTTPStatus

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from meetings.selectors import meeting_for_page
from members.models import Community

from . import feeds, ical, selectors, services
from .forms import FeedTokenForm
from .models import FeedToken

READ_METHODS = ("GET", "HEAD")


def _site(request) -> ical.Site:
    return ical.Site(base_url=request.build_absolute_uri("/").rstrip("/"))


def feed_links(request, secret: str) -> dict[str, str]:
    """The https:// and webcal:// address of a personal feed."""
    url = request.build_absolute_uri(reverse("calendar_personal_feed", kwargs={"token": secret}))
    return {"https": url, "webcal": "webcal://" + url.split("://", 1)[1]}


@login_required
def calendar_page(request):
    form = FeedTokenForm(request.POST or None)
    context = {"form": form, "new_link": None}
    status = HTTPStatus.OK
    if request.method == "POST":
        if form.is_valid():
            try:
                token, secret = services.feed_token_create(user=request.user, name=form.cleaned_data["name"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                # Shown in this answer only: the secret is not stored and not put in the session.
                context["new_link"] = {"name": token.name, **feed_links(request, secret)}
                form = context["form"] = FeedTokenForm()
        if context["new_link"] is None:
            status = HTTPStatus.BAD_REQUEST
    context["tokens"] = selectors.feed_tokens_of(request.user)
    context["max_tokens"] = services.MAX_FEED_TOKENS
    return render(request, "calendars/calendar_page.html", context, status=status)


@login_required
@require_POST
def feed_link_revoke(request, pk):
    token = get_object_or_404(FeedToken, pk=pk, user=request.user)
    services.feed_token_revoke(user=request.user, token_id=token.pk)
    messages.success(
        request, _("The link “%(name)s” was revoked; it no longer works.") % {"name": token.name}
    )
    return redirect("calendar")


def personal_feed(request, token):
    feed_token = selectors.feed_token_by_secret(token)
    if feed_token is None:
        raise Http404
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    services.feed_token_touch(token=feed_token)
    user_id, window = feed_token.user_id, selectors.feed_window()
    with translation.override(settings.LANGUAGE_CODE):
        feed = feeds.Feed(
            scope=services.personal_scope(user_id),
            name=_("My CoP meetings"),
            meetings=lambda: selectors.personal_feed_meetings(
                selectors.personal_feed_communities(user_id), window
            ),
            members=True,
            window=window,
            site=_site(request),
            cache_control=feeds.PERSONAL_CACHE_CONTROL,
            user_id=user_id,
        )
        response = feeds.calendar_response(request, feed)
    response["X-Robots-Tag"] = "noindex"
    return response


def public_feed(request, slug):
    community = Community.objects.filter(slug=slug).first()
    if community is None or not AnonymousUser().has_perm("calendars.view_public_feed", community):
        raise Http404
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    window = selectors.feed_window()
    with translation.override(settings.LANGUAGE_CODE):
        feed = feeds.Feed(
            scope=services.public_scope(community.pk),
            name=community.name,
            meetings=lambda: selectors.public_feed_meetings(community, window),
            members=False,
            window=window,
            site=_site(request),
            cache_control=feeds.PUBLIC_CACHE_CONTROL,
        )
        return feeds.calendar_response(request, feed)


def meeting_ics(request, pk):
    meeting = meeting_for_page().filter(pk=pk).first()
    if meeting is None or not request.user.has_perm("meetings.view_meeting", meeting):
        raise Http404
    if request.method not in READ_METHODS:
        return HttpResponseNotAllowed(READ_METHODS)
    calendar = feeds.SingleMeeting(
        meeting=meeting,
        members=request.user.has_perm("calendars.view_member_entry", meeting),
        site=_site(request),
    )
    return feeds.calendar_response(request, calendar, filename=f"treffen-{meeting.pk}.ics")
