from django.urls import path

from . import leancoffee_views, spin_off_views, views

urlpatterns = [
    path("communities/<slug:slug>/topics/", views.topic_board, name="topic_board"),
    path("communities/<slug:slug>/topics/new/", views.topic_create, name="topic_create"),
    path("topics/<int:pk>/", views.topic_detail, name="topic_detail"),
    path("topics/<int:pk>/edit/", views.topic_edit, name="topic_edit"),
    path("topics/<int:pk>/archive/", views.topic_archive, name="topic_archive"),
    path("topics/<int:pk>/vote/", views.topic_vote, name="topic_vote"),
    path("topics/<int:pk>/schedule/", views.topic_schedule, name="topic_schedule"),
    path("topics/<int:pk>/spin-off/", spin_off_views.topic_spin_off, name="topic_spin_off"),
    path(
        "topics/<int:pk>/suggest-spin-off/",
        spin_off_views.topic_suggest_spin_off,
        name="topic_suggest_spin_off",
    ),
    path(
        "topics/<int:pk>/suggestions/<int:suggestion_pk>/decline/",
        spin_off_views.suggestion_decline,
        name="spin_off_suggestion_decline",
    ),
    path("communities/<slug:slug>/spin-off/", spin_off_views.community_spin_off, name="community_spin_off"),
    path("meetings/<int:pk>/lean-coffee/<int:item_id>/", leancoffee_views.lean_coffee, name="lean_coffee"),
    path(
        "meetings/<int:pk>/lean-coffee/<int:item_id>/state/",
        leancoffee_views.lean_coffee_state,
        name="lean_coffee_state",
    ),
    path(
        "meetings/<int:pk>/lean-coffee/<int:item_id>/topics/",
        leancoffee_views.lean_coffee_topic_add,
        name="lean_coffee_topic_add",
    ),
    path(
        "meetings/<int:pk>/lean-coffee/<int:item_id>/vote/",
        leancoffee_views.lean_coffee_vote,
        name="lean_coffee_vote",
    ),
    path(
        "meetings/<int:pk>/lean-coffee/<int:item_id>/thumb/",
        leancoffee_views.lean_coffee_thumb,
        name="lean_coffee_thumb",
    ),
    path(
        "meetings/<int:pk>/lean-coffee/<int:item_id>/run/",
        leancoffee_views.lean_coffee_run,
        name="lean_coffee_run",
    ),
]
