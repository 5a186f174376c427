"""Who may do what with calls for partners ("Vernetzt Euch!"): the one place for these checks.

Visibility: the calls are for signed-in people of the platform (they are addressed to colleagues
of the participating organisations); a visitor is asked to sign in. A call shows its author's name
and organisation, its theme and how many are interested. Who is interested is personal: their
names are shown to the call's author (who founds the CoP with them) and each person sees only that
they themselves are interested (in the spirit of members/rules.py: a person's communities and
interests are not shown to strangers).
"""

import rules

from .models import PartnerSearch


@rules.predicate
def is_search(user, search):
    return isinstance(search, PartnerSearch)


@rules.predicate
def is_author(user, search):
    return isinstance(search, PartnerSearch) and user.is_authenticated and search.author_id == user.pk


@rules.predicate
def search_is_open(user, search):
    return isinstance(search, PartnerSearch) and search.is_open


@rules.predicate
def is_site_coordinator(user):
    return user.is_authenticated and user.is_staff


is_author_of_open_search = is_author & search_is_open

# Anyone may know that a call exists (so a visitor is asked to sign in, not told "not found").
rules.add_perm("network.know_of_search", is_search)
rules.add_perm("network.view_searches", rules.is_authenticated)
rules.add_perm("network.post_search", rules.is_authenticated)
rules.add_perm("network.edit_search", is_author_of_open_search)
# A site coordinator may close a call that does not belong on the platform.
rules.add_perm("network.close_search", (is_author | is_site_coordinator) & search_is_open)
rules.add_perm("network.register_interest", rules.is_authenticated & ~is_author & search_is_open)
rules.add_perm("network.see_interested", is_author)
rules.add_perm("network.found_community", is_author_of_open_search)
