from django.urls import path

from . import views

urlpatterns = [
    path("me/notifications/", views.preferences, name="me_notifications"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="notifications_unsubscribe"),
]
