"""One way for a view to call a service and show its refusal, and one refusal type for "not
your role" (issue 19 §3)."""

from django import forms
from django.core.exceptions import ValidationError

from ecm.core.access import NotYourRole
from ecm.core.forms import call_service


class _Form(forms.Form):
    reason = forms.CharField(required=False)


def _bound() -> _Form:
    form = _Form({"reason": ""})
    assert form.is_valid()
    return form


def test_a_role_refusal_is_a_validation_error_the_error_summary_shows():
    form = _bound()

    def refuse(**_):
        raise NotYourRole("Only the Lead sends the letter")

    assert call_service(form, refuse) is None
    assert form.non_field_errors() == ["Only the Lead sends the letter"]
    refused = NotYourRole("Only the Lead sends the letter")
    assert isinstance(refused, ValidationError) and refused.code == "not_your_role"


def test_a_refusal_on_a_field_shows_on_that_field_and_success_returns_the_result():
    form = _bound()

    def refuse_reason(**_):
        raise ValidationError({"reason": "Enter why"})

    assert call_service(form, refuse_reason) is None
    assert form.errors["reason"] == ["Enter why"]
    assert call_service(_bound(), lambda **kw: kw["value"], value=7) == 7
    assert call_service(_bound(), lambda: None) is True
