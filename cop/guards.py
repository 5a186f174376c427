"""The one order in which every page checks a request for an object (a community, a meeting, a topic).

1. 404 when the user may not know of the object (`know`), for every method and also when signed
   out: a page never tells whether something it hides exists;
2. the sign-in page for a signed-out visitor when the view needs an account (`login`, or any
   `permission`) or when what the page shows is for signed-in people only (`view`);
3. 404 for a signed-in person who may know of the object but not see this page (`view`);
4. 405 for a method the view does not take;
5. 403 (templates/403.html, "Zugriff verweigert") for a person who may see the object but may not
   do what the view does (`permission`).

The permissions themselves live in the apps' rules.py; this module only fixes the order.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed


def guard(load, key, *, know, view=None, permission=None, methods=("GET", "POST"), login=True):
    """A view decorator: `load(value)` fetches the object from the URL argument `key` (or raises
    Http404), then the checks above run; the view is called as `view(request, obj, **rest)`."""

    def decorator(function):
        @wraps(function)
        def wrapper(request, *args, **kwargs):
            obj = load(kwargs.pop(key))
            user = request.user
            if not user.has_perm(know, obj):
                raise Http404
            may_view = view is None or user.has_perm(view, obj)
            if (login or permission or not may_view) and not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not may_view:
                raise Http404
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            if permission and not user.has_perm(permission, obj):
                raise PermissionDenied
            return function(request, obj, *args, **kwargs)

        return wrapper

    return decorator
