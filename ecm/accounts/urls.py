from django.urls import path

from ecm.accounts import views, views_audit, views_invitations, views_lockouts

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
    # Issue 21 §2-§3 (decision 0035): invitations, lock-outs and password resets.
    path("people/<int:pk>/invite/", views_invitations.person_invite, name="person-invite"),
    path("people/<int:pk>/unlock/", views_lockouts.person_unlock, name="person-unlock"),
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
