"""The staff account form: name, e-mail, role, teams, a provisional password."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy

from advocacy.auth import GROUP_ADMIN, GROUP_CASEWORKER, GROUP_COORDINATOR
from cases.models import Team

User = get_user_model()
ROLE_CHOICES = [
    (GROUP_CASEWORKER, gettext_lazy("Fallbearbeitung")),
    (GROUP_COORDINATOR, gettext_lazy("Koordination")),
    (GROUP_ADMIN, gettext_lazy("Administration")),
]


class UserForm(forms.ModelForm):
    role = forms.ChoiceField(label=gettext_lazy("Rolle"), choices=ROLE_CHOICES)
    teams = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Teams"),
        queryset=Team.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    password = forms.CharField(
        label=gettext_lazy("Vorläufiges Passwort"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=gettext_lazy("Nur beim Anlegen oder zum Zurücksetzen ausfüllen."),
    )

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "is_active"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        if self.instance.pk:
            names = set(self.instance.groups.values_list("name", flat=True))
            role = next((r for r, _label in reversed(ROLE_CHOICES) if r in names), GROUP_CASEWORKER)
            self.initial["role"] = role
            self.initial["teams"] = list(self.instance.teams.all())
        else:
            self.fields["password"].required = True

    def clean_password(self) -> str:
        password = self.cleaned_data.get("password") or ""
        if password:
            validate_password(password, self.instance if self.instance.pk else None)
        return password
