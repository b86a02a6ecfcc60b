from django.urls import path

from ecm.accounts import (
    views,
    views_audit,
    views_invitations,
    views_lockouts,
    views_sessions,
    views_two_factor,
)

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("people/", views.person_list, name="person-list"),
    path("audit/", views_audit.audit_trail, name="audit-trail"),
    path("audit/csv/", views_audit.audit_trail_csv, name="audit-trail-csv"),
    path("people/add/", views.person_add, name="person-add"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    path("people/<int:pk>/change/", views.person_change, name="person-change"),
    # Issue 21 §3 (decision 0034): two-factor sign-in and where a person is signed in.
    path("sign-in/code/", views_two_factor.sign_in_code, name="sign-in-code"),
    path("account/two-factor/", views_two_factor.two_factor_status, name="two-factor"),
    path(
        "account/two-factor/set-up/",
        views_two_factor.two_factor_set_up,
        name="two-factor-set-up",
    ),
    path(
        "account/two-factor/recovery-codes/",
        views_two_factor.two_factor_new_codes,
        name="two-factor-recovery-codes",
    ),
    path(
        "account/two-factor/turn-off/",
        views_two_factor.two_factor_turn_off,
        name="two-factor-turn-off",
    ),
    path("account/sessions/", views_sessions.session_list, name="sessions"),
    path(
        "people/<int:pk>/two-factor/reset/",
        views_two_factor.person_two_factor_reset,
        name="person-two-factor-reset",
    ),
    # Issue 21 §2-§3 (decision 0035): invitations, lock-outs and password resets.
    path("people/<int:pk>/invite/", views_invitations.person_invite, name="person-invite"),
    path("people/<int:pk>/unlock/", views_lockouts.person_unlock, name="person-unlock"),
    path("people/lock-outs/address/", views_lockouts.address_unlock, name="address-unlock"),
    path(
        "invitation/<uidb64>/<token>/",
        views_invitations.invitation_accept_page,
        name="invitation-accept",
    ),
    path(
        "password-reset/",
        views_invitations.PasswordResetView.as_view(),
        name="password-reset",
    ),
    path(
        "password-reset/sent/",
        views_invitations.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        views_invitations.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password-reset/done/",
        views_invitations.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
]
