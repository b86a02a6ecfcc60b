"""Choosing a password (issue 21 §3): by accepting an invitation, sent again by an
administrator, or by resetting a forgotten one."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_http_methods, require_POST

from ecm.accounts.forms import InvitationSendForm, PasswordResetRequestForm, SetYourPasswordForm
from ecm.accounts.invitations import invitation_accept, invitation_person, invitation_send
from ecm.accounts.models import User
from ecm.accounts.services import password_reset_complete
from ecm.core.access import access_object
from ecm.core.forms import already_done_redirect, call_service, once_token

MANAGE_PEOPLE = "accounts.manage_people"
INVITATION_NOT_SENT = "The invitation was not sent: open the page again and try once more"
READY_TO_SIGN_IN = "Your password is set. Sign in with your email address and your new password."


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation_accept_page(request, uidb64: str, token: str):
    """The invitation's link: choose a password, twice. A link that has expired, was used or
    was replaced by a newer invitation says so and who can send a new one."""
    person = invitation_person(uidb64=uidb64, token=token)
    if person is None:
        return render(request, "accounts/invitation_invalid.html")
    form = SetYourPasswordForm(person, request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form, invitation_accept, person=person, password=form.cleaned_data["new_password1"]
        )
    ):
        messages.success(request, READY_TO_SIGN_IN)
        return redirect("accounts:sign-in")
    return render(request, "accounts/invitation_accept.html", {"form": form, "person": person})


@require_POST
def person_invite(request, pk: int):
    """Send the invitation again (programme administrators): a fresh link, the older ones
    ended. The same form posted twice sends once (ecm.core.once)."""
    person = access_object(request.user, User, MANAGE_PEOPLE, pk=pk)
    back = reverse("accounts:person-detail", args=[person.pk])
    form = InvitationSendForm(request.POST)
    if form.is_valid() and call_service(
        form, invitation_send, actor=request.user, person=person, once=once_token(form)
    ):
        messages.success(request, f"An invitation was sent to {person.email}")
        return redirect(back)
    if done := already_done_redirect(request, form, back):
        return done
    messages.error(request, " ".join(form.non_field_errors()) or INVITATION_NOT_SENT)
    return redirect(back)


# Password reset (issue 21 §3): Django's four views with the project's forms and GOV.UK pages.
# The request page answers the same whether or not the address has an account (no way to learn
# who has one); demo and closed accounts get no email (PasswordResetRequestForm).


@method_decorator(login_not_required, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetRequestForm
    template_name = "accounts/password_reset.html"
    subject_template_name = "accounts/password_reset_subject.txt"
    email_template_name = "accounts/password_reset_email.txt"
    success_url = reverse_lazy("accounts:password-reset-done")

    def form_valid(self, form):
        # The emailed link is the site's own address (SITE_URL), as every email of ours.
        self.extra_email_context = {
            "site_url": settings.SITE_URL,
            "minutes": settings.PASSWORD_RESET_MINUTES,
        }
        return super().form_valid(form)


@method_decorator(login_not_required, name="dispatch")
class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "minutes": settings.PASSWORD_RESET_MINUTES}


@method_decorator(login_not_required, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetYourPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form):
        # The service sets and audits the password (Django's view would only save it).
        password_reset_complete(person=form.user, password=form.cleaned_data["new_password1"])
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())


@method_decorator(login_not_required, name="dispatch")
class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
