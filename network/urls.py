from django.urls import path

from . import views

urlpatterns = [
    path("network/", views.partner_search_list, name="partner_search_list"),
    path("network/new/", views.partner_search_create, name="partner_search_create"),
    path("network/<int:pk>/", views.partner_search_detail, name="partner_search_detail"),
    path("network/<int:pk>/edit/", views.partner_search_edit, name="partner_search_edit"),
    path("network/<int:pk>/close/", views.partner_search_close, name="partner_search_close"),
    path("network/<int:pk>/interest/", views.partner_search_interest, name="partner_search_interest"),
    path("network/<int:pk>/found/", views.partner_search_found, name="partner_search_found"),
]
