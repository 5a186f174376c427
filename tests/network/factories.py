import factory

from network.models import Interest, PartnerSearch
from tests.factories import UserFactory


class PartnerSearchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerSearch

    title = factory.Sequence(lambda n: f"Netzwerk-Thema {n}")
    author = factory.SubFactory(UserFactory)
    organisation = "Stadt Kassel"


class InterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interest

    search = factory.SubFactory(PartnerSearchFactory)
    user = factory.SubFactory(UserFactory)
