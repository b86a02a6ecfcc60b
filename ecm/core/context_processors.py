from django.conf import settings


def service(request):
    return {"service_name": "ECM Assess", "demo_mode": settings.DEMO_MODE}
