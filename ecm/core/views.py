from django.shortcuts import render


def page_not_found(request, exception=None):
    """A refused object and a missing one get the same answer (quality bar: Security)."""
    return render(request, "404.html", status=404)
