import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from members.models import Community, Membership, Organisation, OrganisationDomain, User


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
