"""The service navigation: each person sees links only to what they may open."""

from django.urls import reverse

NAVIGATION = [
    # (text, url name, permission or None for any signed-in person)
    ("Home", "apa:home", None),
    ("What is due", "programme:due", None),
    ("Rounds", "apa:round-list", "apa.view_round"),
    ("Joint area reviews", "jar:list", None),
    ("From 2009", "caa:list", None),
    ("Councils", "authorities:council-list", "authorities.view_council_list"),
    ("Performance", "performance:index", "performance.view_indicators"),
    ("Framework", "framework:version-list", None),
    ("People", "accounts:person-list", "accounts.manage_people"),
    ("Audit trail", "accounts:audit-trail", "audit.view_trail"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    items = []
    for text, name, perm in NAVIGATION:
        if perm and not user.has_perm(perm):
            continue
        href = reverse(name)
        current = request.path == href if href == "/" else request.path.startswith(href)
        items.append({"text": text, "href": href, "current": current})
    return {"navigation": items}
