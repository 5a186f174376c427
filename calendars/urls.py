from django.urls import path

from . import views

urlpatterns = [
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar/links/<int:pk>/revoke/", views.feed_link_revoke, name="calendar_link_revoke"),
    path("calendar/feed/<str:token>.ics", views.personal_feed, name="calendar_personal_feed"),
    path("calendar/feed/community/<slug:slug>.ics", views.public_feed, name="calendar_public_feed"),
    path("meetings/<int:pk>.ics", views.meeting_ics, name="meeting_ics"),
]
