"""Where you are signed in: a person's own browsers, and signing the others out (issue 21 §3)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from ecm.accounts.sessions import (
    session_sign_out,
    sessions_sign_out_others,
    signed_in_sessions,
)
from ecm.core.access import NOT_FOUND_MESSAGE

EVERYWHERE_ELSE = "everywhere-else"


def session_list(request):
    """The person's own signed-in browsers, this one marked. A POST signs one other browser
    out (`sign_out` = its id) or all the others (`sign_out` = everywhere-else); an id that is
    not one of the person's own other browsers is a 404, as a missing one."""
    current_key = request.session.session_key
    if request.method == "POST":
        which = request.POST.get("sign_out", "")
        if which == EVERYWHERE_ELSE:
            count = sessions_sign_out_others(actor=request.user, current_key=current_key)
            messages.success(
                request,
                f"You have been signed out everywhere else ({count} "
                f"browser{'s' if count != 1 else ''})",
            )
        else:
            if not which.isdigit():
                raise Http404(NOT_FOUND_MESSAGE)
            session_sign_out(actor=request.user, session_id=int(which), current_key=current_key)
            messages.success(request, "That browser has been signed out")
        return redirect("accounts:sessions")
    sessions = signed_in_sessions(user=request.user)
    return render(
        request,
        "accounts/sessions.html",
        {
            "sessions": sessions,
            "current_key": current_key,
            "others": sum(1 for s in sessions if s.session_key != current_key),
        },
    )
