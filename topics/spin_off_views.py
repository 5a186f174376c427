"""Founding spin-offs: from a topic (its voters invited), from the community's page, and from a
member's suggestion ("Ableger vorschlagen"). Thin views over topics.services; the guards of
topics.views and members.views decide who gets 404, the sign-in page or 403."""

from http import HTTPStatus

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from members.views import community_view

from . import services, suggestions
from .forms import DeclineSuggestionForm, SpinOffForm, SpinOffSuggestionForm
from .models import SpinOffSuggestion
from .views import topic_view


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _prefill(title: str, description: str) -> dict:
    slug = slugify(title)[: SpinOffForm.base_fields["slug"].max_length].strip("-")
    return {"name": title, "slug": slug, "description": description}


def spin_off_page(request, *, community, topic, initial, found, success):
    """The spin-off form: on a valid POST `found(**cleaned_data)` founds the child (or raises a
    ValidationError shown at the form, everything typed kept); then on to the child's page."""
    form = SpinOffForm(request.POST or None, initial=initial)
    status = HTTPStatus.OK
    if request.method == "POST":
        if form.is_valid():
            try:
                child = found(**form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, success % {"name": child.name})
                return redirect(child)
        status = HTTPStatus.BAD_REQUEST
    context = {"community": community, "topic": topic, "form": form}
    return render(request, "topics/spin_off_form.html", context, status=status)


@topic_view("topics.spin_off_topic")
def topic_spin_off(request, topic):
    """Found a child community from the topic: name and description prefilled, the slug checked."""

    def found(**fields):
        return services.topic_spin_off(topic=topic, user=request.user, base_url=_base_url(request), **fields)

    return spin_off_page(
        request,
        community=topic.community,
        topic=topic,
        initial=_prefill(topic.title, topic.description),
        found=found,
        success=_("%(name)s has been founded; everyone who voted for the topic has been invited."),
    )


@community_view("topics.spin_off_community")
def community_spin_off(request, community):
    """Found a child community straight from the community's page (no topic, nobody invited)."""

    def found(**fields):
        return services.community_spin_off(
            parent=community, user=request.user, base_url=_base_url(request), **fields
        )

    return spin_off_page(
        request,
        community=community,
        topic=None,
        initial={},
        found=found,
        success=_("%(name)s has been founded; you are its coordinator."),
    )


@topic_view("topics.suggest_spin_off", methods=("POST",))
def topic_suggest_spin_off(request, topic):
    """A member suggests that the topic become a spin-off; back to the topic page."""
    form = SpinOffSuggestionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["note"]))
        return redirect(topic)
    try:
        suggestions.suggestion_create(topic=topic, user=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Thank you: the coordinators will found the spin-off or tell you why not.")
        )
    return redirect(topic)


@topic_view("topics.decline_suggestion")
def suggestion_decline(request, topic, suggestion_pk):
    """A coordinator declines a suggestion with a reason (a page of its own: nothing typed is lost)."""
    suggestion = get_object_or_404(
        SpinOffSuggestion.objects.select_related("suggested_by"), pk=suggestion_pk, topic=topic
    )
    form = DeclineSuggestionForm(request.POST or None)
    status = HTTPStatus.OK
    if request.method == "POST":
        if form.is_valid():
            try:
                suggestions.suggestion_decline(suggestion=suggestion, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The suggestion was declined; the reason is shown with it."))
                return redirect(topic)
        status = HTTPStatus.BAD_REQUEST
    context = {"community": topic.community, "topic": topic, "suggestion": suggestion, "form": form}
    return render(request, "topics/suggestion_decline.html", context, status=status)
