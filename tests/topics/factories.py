import factory

from tests.factories import CommunityFactory, UserFactory
from topics.models import Topic, Vote


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    community = factory.SubFactory(CommunityFactory)
    title = factory.Sequence(lambda n: f"Agiles Arbeiten {n}")
    description = "Wie fangen wir an?"
    proposed_by = factory.SubFactory(UserFactory)


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    topic = factory.SubFactory(TopicFactory)
    user = factory.SubFactory(UserFactory)
