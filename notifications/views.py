"""The member's notification settings below /me/ and the one-click unsubscribe link of every e-mail."""

from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import services
from .forms import PreferencesForm
from .models import Kind


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            services.preferences_update(user=request.user, wanted=form.cleaned_data["wanted"])
            messages.success(request, _("Your e-mail settings have been saved."))
            return redirect("me_notifications")
    else:
        form = PreferencesForm(initial={"wanted": services.wanted_kinds(request.user)})
    return render(request, "notifications/preferences.html", {"form": form, "me_tab": "notifications"})


# A mail client's one-click unsubscribe (RFC 8058) is a POST without our CSRF cookie; the signed
# token in the URL is what authorises it. A GET only shows the question, so that a link scanner
# that opens every link unsubscribes nobody.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    target = services.unsubscribe_target(token)
    if target is None:  # tampered or cut short: a page that says so (404, as for any tampered URL)
        return render(request, "notifications/unsubscribe_invalid.html", status=HTTPStatus.NOT_FOUND)
    user, kind = target
    done = request.method == "POST"
    if done:
        services.unsubscribe(user=user, kind=kind)
    context = {"kind_label": Kind(kind).label, "done": done, "email": user.email}
    return render(request, "notifications/unsubscribe.html", context)
