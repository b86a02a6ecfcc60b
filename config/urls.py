from django.contrib import admin
from django.urls import include, path

from ecm.core import health

urlpatterns = [
    # Probes for a load balancer (issue 25 §5): first, so they resolve before any app's pages.
    path("", include((health.urlpatterns, "health"))),
    path("", include("ecm.accounts.urls")),
    path("framework/", include("ecm.framework.urls")),
    path("councils/", include("ecm.authorities.urls")),
    path("performance/", include("ecm.performance.urls")),
    path("working-days/", include("ecm.workdays.urls")),
    path("", include("ecm.apa.urls")),
    path("", include("ecm.self_assessment.urls")),
    path("", include("ecm.analysis.urls")),
    path("", include("ecm.meetings.urls")),
    path("", include("ecm.letters.urls")),
    path("", include("ecm.representations.urls")),
    path("", include("ecm.programme.urls")),
    path("", include("ecm.jar.urls")),
    path("", include("ecm.caa.urls")),
    path("", include("ecm.surveys.urls")),
    path("", include("ecm.core.urls")),
    path("django-admin/", admin.site.urls),
]

handler404 = "ecm.core.views.page_not_found"
