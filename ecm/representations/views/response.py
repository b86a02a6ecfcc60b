"""The inspectors' response to a representation (the handbook, section J): the assessment's HMI
or BRM, as the judgement names them, record it; the panel reads it before deciding. The service
owns the rules; a page the user may not use is a 404."""

from django.contrib import messages
from django.shortcuts import redirect, render

from ecm.core.access import refuse_unless
from ecm.core.forms import call_service, posted
from ecm.representations import selectors
from ecm.representations.forms import ResponseForm
from ecm.representations.models import RepresentationStatus
from ecm.representations.routing import route_of
from ecm.representations.services.response import needs_response, representation_respond
from ecm.representations.views.common import (
    caption,
    representation_for,
    representation_moved_on,
    url_of,
)

RESPONDED = "The inspectors' response was recorded: the panel reads it before deciding"
RESPONSE_CLOSED = (
    "The panel has decided: the inspectors' response it read no longer changes (the handbook, "
    "section J)."
)


def respond(request, pk: int):
    found = representation_for(request, pk, "representations.respond")
    refuse_unless(needs_response(found))
    if found.status == RepresentationStatus.DECIDED:
        return representation_moved_on(request, found, why=RESPONSE_CLOSED)
    refuse_unless(found.status == RepresentationStatus.SUBMITTED)
    form = ResponseForm(posted(request), initial={"response": found.response})
    if form.is_bound and form.is_valid():
        done = call_service(
            form,
            representation_respond,
            actor=request.user,
            representation=found,
            response=form.cleaned_data["response"],
        )
        if done:
            messages.success(request, RESPONDED)
            return redirect(url_of(found))
    context = {
        "form": form,
        "representation": found,
        "route": route_of(found.judgement),
        "caption": caption(found.assessment),
        "back_url": url_of(found),
        "grounds": selectors.grounds_described(representation=found),
    }
    return render(
        request, "representations/response.html", context, status=400 if form.errors else 200
    )
