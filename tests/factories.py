import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.utils import timezone

from members.models import Community, Membership, Organisation, OrganisationDomain, User

# A base32 secret for test authenticators (RFC 6238 test seed "12345678901234567890").
TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Stadt Musterstadt {n}")
    slug = factory.Sequence(lambda n: f"musterstadt-{n}")
    kind = Organisation.Kind.MUNICIPALITY


class OrganisationDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationDomain

    organisation = factory.SubFactory(OrganisationFactory)
    domain = factory.Sequence(lambda n: f"musterstadt{n}.de")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@musterstadt.de")
    first_name = factory.Sequence(lambda n: f"Erika{n}")
    last_name = "Mustermann"
    organisation = factory.SubFactory(OrganisationFactory)
    # Listing is opt-in (the model's default is False); most tests need people who opted in.
    is_listed = True
    password = factory.PostGenerationMethodCall("set_password", "secret-password-123")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()

    @factory.post_generation
    def email_verified(obj, create, extracted, **kwargs):
        """A confirmed account (a verified primary address), as people who appear anywhere have;
        `UserFactory(email_verified=False)` makes a sign-up that never confirmed its address."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, primary=True, verified=True)

    @factory.post_generation
    def totp(obj, create, extracted, **kwargs):
        """`UserFactory(totp=True)`: an activated authenticator app, as staff need for the admin."""
        if create and extracted:
            Authenticator.objects.create(user=obj, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET})


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community

    name = factory.Sequence(lambda n: f"Personalentwicklung {n}")
    slug = factory.Sequence(lambda n: f"personalentwicklung-{n}")
    description = "Wir tauschen uns über **Personalentwicklung** aus."
    visibility = Community.Visibility.PUBLIC
    join_policy = Community.JoinPolicy.OPEN


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    community = factory.SubFactory(CommunityFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER
    status = Membership.Status.ACTIVE
    joined_at = factory.LazyFunction(timezone.now)
