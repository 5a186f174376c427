"""allauth's sign-up form, made to answer the same way whether or not the address has an account.

allauth prevents enumeration by answering a sign-up with a known address like any other one ("we sent
you a mail") and mailing the owner instead of creating an account. Two things still gave it away:

- time: a new account costs a password hash, a known address did not, so the answer came faster;
  here the known address costs the same hash;
- a race: two sign-ups with the same address at the same moment both pass validation, and the
  second one's insert failed with an IntegrityError (a 500); here it takes the known-address path.

This module is separate from `members.forms` because allauth builds its form on top of that one
(`ACCOUNT_SIGNUP_FORM_CLASS`): importing allauth's forms there would be circular.
"""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password

from .adapters import EmailAlreadyTaken


class AccountSignupForm(AllauthSignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            # The same work a new account costs (User.set_password), so the answer takes as long.
            make_password(self.cleaned_data.get("password1"))
            return super().try_save(request)
        try:
            return super().try_save(request)
        except EmailAlreadyTaken:
            # Someone else took the address since validation: answer as for any known address.
            self.account_already_exists = True
            return super().try_save(request)
