from django.urls import path

from . import views

urlpatterns = [
    path("communities/<slug:slug>/meetings/", views.community_meetings, name="community_meetings"),
    path("communities/<slug:slug>/meetings/plan/", views.meetings_plan, name="meetings_plan"),
    path("communities/<slug:slug>/cadence/", views.community_cadence, name="community_cadence"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:pk>/people/", views.meeting_people, name="meeting_people"),
    path("meetings/<int:pk>/facilitator/", views.meeting_facilitator, name="meeting_facilitator"),
    path("meetings/<int:pk>/items/new/", views.agenda_item_create, name="agenda_item_create"),
    path("meetings/<int:pk>/items/<int:item_id>/edit/", views.agenda_item_edit, name="agenda_item_edit"),
    path(
        "meetings/<int:pk>/items/<int:item_id>/decide/", views.agenda_item_decide, name="agenda_item_decide"
    ),
    path(
        "meetings/<int:pk>/items/<int:item_id>/timebox/",
        views.agenda_item_timebox,
        name="agenda_item_timebox",
    ),
    path("meetings/<int:pk>/host/", views.meeting_host, name="meeting_host"),
    path("meetings/<int:pk>/template/", views.agenda_template, name="agenda_template"),
    path("meetings/<int:pk>/publish/", views.agenda_publish, name="agenda_publish"),
    path("meetings/<int:pk>/rsvp/", views.meeting_rsvp, name="meeting_rsvp"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/minutes/publish/", views.meeting_minutes_publish, name="meeting_minutes_publish"),
]
