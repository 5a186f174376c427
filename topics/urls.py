from django.urls import path

from . import spin_off_views, views

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
]
