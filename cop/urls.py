from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from . import bench, views

# The admin login goes through allauth, so its rate limits and two-factor apply.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "CoP-Plattform"
admin.site.site_title = "CoP-Plattform"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("bench/bare/", bench.bare_page, name="bench_bare"),  # 404 unless COP_BENCH=true
    path("legal/<slug:kind>/", views.legal_page, name="legal_page"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("calendars.urls")),
    path("", include("meetings.urls")),
    path("", include("members.urls")),
    path("", include("topics.urls")),
    path("", include("network.urls")),
    path("", include("notifications.urls")),
]

handler403 = "cop.views.error_403"
handler404 = "cop.views.error_404"
handler500 = "cop.views.error_500"
