from django.urls import include, path

from . import views

urlpatterns = [
    path("communities/", views.community_list, name="community_list"),
    path("communities/<slug:slug>/", views.community_detail, name="community_detail"),
    path("communities/<slug:slug>/members/", views.community_members, name="community_members"),
    path("communities/<slug:slug>/join/", views.community_join, name="community_join"),
    path("communities/<slug:slug>/leave/", views.community_leave, name="community_leave"),
    path("communities/<slug:slug>/manage/", views.community_manage, name="community_manage"),
    path("communities/<slug:slug>/manage/invite/", views.invitation_create, name="invitation_create"),
    path("communities/<slug:slug>/manage/capacity/", views.community_capacity, name="community_capacity"),
    path("communities/<slug:slug>/manage/settings/", views.community_settings, name="community_settings"),
    path("communities/<slug:slug>/manage/invitations/", views.invitation_list, name="invitation_list"),
    path(
        "communities/<slug:slug>/manage/invitations/<int:pk>/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "communities/<slug:slug>/manage/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "communities/<slug:slug>/manage/requests/<int:pk>/", views.membership_decide, name="membership_decide"
    ),
    path(
        "communities/<slug:slug>/manage/members/<int:pk>/role/", views.membership_role, name="membership_role"
    ),
    path(
        "communities/<slug:slug>/manage/members/<int:pk>/rotation/",
        views.membership_rotation,
        name="membership_rotation",
    ),
    path(
        "communities/<slug:slug>/manage/members/<int:pk>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("", include("members.profile_urls")),
]
