from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator

from ecm.accounts import services, two_factor
from ecm.accounts.forms import InvitationSendForm, PersonChangeForm, PersonForm, SignInForm
from ecm.accounts.invitations import invitable, invitation_last_sent, invitation_send
from ecm.accounts.lockouts import lockout_of, lockouts_in_force
from ecm.accounts.models import User
from ecm.accounts.roles import Role
from ecm.accounts.selectors import user_list
from ecm.accounts.views_two_factor import code_step_begin
from ecm.audit.selectors import audit_history
from ecm.core.access import access_object, require_perm
from ecm.core.forms import call_service

MANAGE_PEOPLE = "accounts.manage_people"


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        """The right password: a person with two-factor on is not signed in yet, but asked
        for their code first (issue 21 §3; ecm.accounts.views_two_factor)."""
        user = form.get_user()
        if two_factor.is_on(user):
            return code_step_begin(self.request, user=user, redirect_to=self.get_success_url())
        return super().form_valid(form)


class SignOutView(auth_views.LogoutView):
    pass


@login_not_required
def accessibility(request):
    return render(request, "accounts/accessibility.html")


def person_list(request):
    require_perm(request.user, MANAGE_PEOPLE)
    role = request.GET.get("role") or None
    if role not in Role.values:
        role = None
    people = user_list(role=role)
    return render(
        request,
        "accounts/person_list.html",
        {
            "people": people,
            "roles": Role.choices,
            "selected_role": role,
            "lockouts": lockouts_in_force(),
        },
    )


def person_add(request):
    require_perm(request.user, MANAGE_PEOPLE)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = call_service(form, services.user_create, actor=request.user, **form.cleaned_data)
        if person:
            # Issue 21 §3: a person added here is invited at once to choose a password.
            invitation_send(actor=request.user, person=person)
            messages.success(
                request, f"{person} has been added and sent an invitation to choose a password"
            )
            return redirect("accounts:person-detail", pk=person.pk)
    return render(
        request, "core/form_page.html", {"form": form, "back_url": reverse("accounts:person-list")}
    )


def person_detail(request, pk: int):
    person = access_object(request.user, user_list(), MANAGE_PEOPLE, pk=pk)
    return render(
        request,
        "accounts/person_detail.html",
        {
            "person": person,
            "entries": audit_history(target=person),
            "invitation": invitation_last_sent(person=person),
            "invite_form": InvitationSendForm() if invitable(person) else None,
            "lock": lockout_of(email=person.email),
        },
    )


def person_change(request, pk: int):
    person = access_object(request.user, User, MANAGE_PEOPLE, pk=pk)
    initial = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "job_title": person.job_title,
        "roles": sorted(person.roles),
        "council": person.council,
        "inspectorate": person.inspectorate,
        "is_active": "yes" if person.is_active else "no",
    }
    form = PersonChangeForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form, services.user_update, actor=request.user, user=person, **form.cleaned_data
        )
    ):
        messages.success(request, f"{person}'s account has been changed")
        return redirect("accounts:person-detail", pk=person.pk)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "caption": str(person),
            "back_url": reverse("accounts:person-detail", args=[person.pk]),
        },
    )
