"""The form renderer that writes selects, inputs and text areas in Python
(``advocacy.widget_rendering``) produces exactly the HTML of Django's templates."""

from __future__ import annotations

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import BaseRenderer, DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from advocacy.widget_rendering import FormRenderer
from cases.filters import CaseFilter
from cases.forms import DecisionForm, EvidenceForm, IncidentForm, NoteForm, TransitionForm
from cases.models import Case
from tests.factories import CaseFactory, IncidentFactory

TEMPLATES = DjangoTemplates()
FAST = FormRenderer()

WIDGETS = [
    ("text", forms.TextInput(), 'Müller & <Söhne> "zitiert"'),
    ("empty text", forms.TextInput(attrs={"placeholder": gettext_lazy("Suche")}), ""),
    ("no value", forms.TextInput(attrs={"required": True, "disabled": False}), None),
    ("safe value", forms.TextInput(), mark_safe("<b>sicher</b>")),
    ("number", forms.NumberInput(attrs={"min": 0, "step": 1}), 1234567),
    ("email", forms.EmailInput(), "a@example.org"),
    ("hidden", forms.HiddenInput(), "x"),
    ("date", forms.DateInput(attrs={"type": "date"}), "2025-03-03"),
    ("password", forms.PasswordInput(render_value=True), "geheim"),
    ("file", forms.FileInput(), None),
    ("clearable file (left to the template)", forms.ClearableFileInput(), None),
    ("checkbox", forms.CheckboxInput(), True),
    ("textarea", forms.Textarea(attrs={"rows": 3}), "Zeile 1\n<Zeile 2> & mehr"),
    ("empty textarea", forms.Textarea(), ""),
    ("select", forms.Select(choices=[("", "– alle –"), ("a", "A & B"), (3, "drei")]), "a"),
    (
        "select with groups",
        forms.Select(
            choices=[("", "—"), (gettext_lazy("Gruppe <1>"), [("x", "X"), ("y", "Y")]), ("z", "Z")]
        ),
        "y",
    ),
    (
        "multiple select",
        forms.SelectMultiple(attrs={"size": 4}, choices=[(1, "eins"), (2, "zwei"), (3, "drei")]),
        [1, 3],
    ),
    ("null boolean", forms.NullBooleanSelect(), True),
    ("lazy labels", forms.Select(choices=Case.Status.choices), Case.Status.OPEN),
    ("number labels, localized (left to the template)", forms.Select(choices=[(1, 1000)]), 1),
]


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(("name", "widget", "value"), WIDGETS, ids=[w[0] for w in WIDGETS])
def test_each_widget_is_written_as_the_template_writes_it(
    name, widget, value, language, monkeypatch
):
    with override(language):
        attrs = {"id": f"id_{name.replace(' ', '_')}", "class": "form-control"}
        expected = widget.render("field", value, attrs=attrs, renderer=TEMPLATES)
        templates_used = []
        template_render = BaseRenderer.render

        def spy(self, template_name, context, request=None):
            templates_used.append(template_name)
            return template_render(self, template_name, context, request)

        monkeypatch.setattr(BaseRenderer, "render", spy)
        assert widget.render("field", value, attrs=attrs, renderer=FAST) == expected
    # Written in Python unless the case is one it leaves to the templates.
    assert bool(templates_used) == name.endswith("(left to the template)"), templates_used


def test_the_renderer_is_the_projects():
    assert settings.FORM_RENDERER == "advocacy.widget_rendering.FormRenderer"


@pytest.mark.django_db
def test_the_forms_of_the_case_list_and_the_case_page_are_written_unchanged(team, caseworker):
    case = CaseFactory(team=team)
    IncidentFactory(case=case, description="<script>alert(1)</script>")
    bound_filter = CaseFilter(
        {"q": "<b>", "status": "open", "sort": "-person", "assignee": str(caseworker.pk)},
        queryset=Case.objects.all(),
        staff=[caseworker],
    ).form
    unbound_filter = CaseFilter(None, queryset=Case.objects.all(), staff=[caseworker]).form
    for form in (
        bound_filter,
        unbound_filter,
        NoteForm(),
        NoteForm({"note": "<i>x</i>"}),
        TransitionForm(case=case),
        IncidentForm(),
        DecisionForm(case=case),
        EvidenceForm(case=case),
    ):
        for field in form:
            widget = field.field.widget
            attrs = field.build_widget_attrs({"id": field.auto_id} if field.auto_id else {})
            value = field.value()
            expected = widget.render(field.html_name, value, attrs, renderer=TEMPLATES)
            assert widget.render(field.html_name, value, attrs, renderer=FAST) == expected
