"""Django's form renderer, with its most used widget templates written out in Python.

Django renders every widget through a template, and every option of a
``<select>`` through a template of its own (with another for its attributes):
a select of 20 options costs about 40 template renders. The case list's filter
form and the case page's forms are mostly selects and inputs, so this renderer
writes ``select.html``, ``input.html`` (and the input types that only include
it) and ``textarea.html`` itself, byte for byte as the templates would
(``tests/test_widget_rendering.py`` compares both). Anything it is not sure
about (another option template, a label that is not text and would be
localized) goes to the templates as before.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData

WIDGETS = "django/forms/widgets/"
SELECT = WIDGETS + "select.html"
SELECT_OPTION = WIDGETS + "select_option.html"
TEXTAREA = WIDGETS + "textarea.html"
# Templates that consist of {% include "django/forms/widgets/input.html" %} only.
INPUTS = frozenset(
    WIDGETS + f"{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "search",
        "tel",
        "color",
        "file",
        "checkbox",
    )
)


class Unsure(Exception):
    """A value the templates would localize or otherwise treat specially."""


def _formatted(value: Any) -> str:
    """``{{ value|stringformat:'s' }}``: text, escaped unless marked safe."""
    if isinstance(value, SafeData):
        return str(value)
    return conditional_escape(str(value))


def _text(value: Any) -> str:
    """``{{ value }}`` for text (other values would be localized: not here)."""
    if not isinstance(value, str | Promise):
        raise Unsure
    return conditional_escape(str(value))  # str() keeps a SafeString safe


def _attrs(attrs: dict[str, Any]) -> str:
    """``django/forms/widgets/attrs.html``."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict[str, Any]) -> str:
    value = widget["value"]
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
        + (f' value="{_formatted(value)}"' if value is not None else "")
        + _attrs(widget["attrs"])
        + ">"
    )


def _select(widget: dict[str, Any]) -> str:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            if option["template_name"] != SELECT_OPTION:
                raise Unsure
            # The option template's own line break is part of the include.
            parts.append(
                f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_text(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _textarea(widget: dict[str, Any]) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        + (_text(value) if value else "")
        + "</textarea>"
    )


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        try:
            if template_name == SELECT:
                return _select(context["widget"])
            if template_name in INPUTS:
                return _input(context["widget"])
            if template_name == TEXTAREA:
                return _textarea(context["widget"])
        except Unsure:
            pass
        return super().render(template_name, context, request)


def with_bootstrap_classes(form: Any) -> Any:
    """``form`` with Bootstrap's class on each widget ("form-select" on a
    select, else "form-control"), for pages that render each field plainly
    (label, widget, errors) without a template per field (the lists'
    filters)."""
    from django import forms

    for field in form.fields.values():
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs["class"] = css
    return form
