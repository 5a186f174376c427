from django.urls import path

from . import profile_views

urlpatterns = [
    path("members/", profile_views.member_list, name="member_list"),
    path("members/<int:pk>/", profile_views.member_detail, name="member_detail"),
    path("organisations/", profile_views.organisation_list, name="organisation_list"),
    path("organisations/<slug:slug>/", profile_views.organisation_detail, name="organisation_detail"),
    path("me/", profile_views.me, name="me"),
    path("me/export/", profile_views.me_export, name="me_export"),
    path("me/delete/", profile_views.me_delete, name="me_delete"),
]
