"""Public pages: a person writes to their own Jobcenter, nothing is stored."""

from __future__ import annotations

from datetime import date

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.validators import RegexValidator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from icalendar import Calendar, Event

from cases.intake import challenge, throttle
from cases.models import Jobcenter
from letters import self_service
from letters.rendering import letter_pdf

FOLLOW_UP_CHOICES = [("", gettext_lazy("Nein, das erste Schreiben"))] + [
    (key, gettext_lazy(label)) for key, label in self_service.FOLLOW_UPS.items()
]


class SelfServiceForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Was möchten Sie vom Jobcenter?"),
        choices=[(key, gettext_lazy(label)) for key, label in self_service.REQUESTS.items()],
        widget=forms.RadioSelect,
        initial=self_service.ACCESS,
    )
    jobcenter = forms.ModelChoiceField(
        label=gettext_lazy("Ihr Jobcenter"),
        queryset=Jobcenter.objects.order_by("name"),
        empty_label=gettext_lazy("bitte wählen"),
    )
    name = forms.CharField(label=gettext_lazy("Vor- und Nachname"), max_length=120)
    street = forms.CharField(label=gettext_lazy("Straße und Hausnummer"), max_length=120)
    postcode = forms.CharField(
        label=gettext_lazy("PLZ"),
        max_length=5,
        validators=[RegexValidator(r"^\d{5}$", gettext_lazy("Bitte fünf Ziffern eingeben."))],
    )
    city = forms.CharField(label=gettext_lazy("Ort"), max_length=80)
    customer_number = forms.CharField(
        label=gettext_lazy("Kundennummer / BG-Nummer (wenn zur Hand)"),
        max_length=40,
        required=False,
    )
    procedure_pending = forms.BooleanField(
        label=gettext_lazy(
            "Läuft gerade ein Verfahren beim Jobcenter (etwa ein Antrag oder ein Widerspruch)?"
        ),
        required=False,
        help_text=gettext_lazy("Nur für die Akteneinsicht wichtig (§ 25 SGB X)."),
    )
    follow_up = forms.ChoiceField(
        label=gettext_lazy("Haben Sie schon geschrieben und keine Antwort bekommen?"),
        choices=FOLLOW_UP_CHOICES,
        required=False,
    )
    sent_on = forms.DateField(
        label=gettext_lazy("Wann haben Sie Ihr erstes Schreiben abgeschickt?"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("follow_up"):
            sent_on = data.get("sent_on")
            jobcenter = data.get("jobcenter")
            if sent_on is None:
                self.add_error("sent_on", _("Bitte das Datum Ihres ersten Schreibens angeben."))
            elif sent_on > timezone.localdate():
                self.add_error("sent_on", _("Das Datum liegt in der Zukunft."))
            elif jobcenter is not None:
                due = self_service.answer_due(jobcenter=jobcenter, sent_on=sent_on).due_on
                if due >= timezone.localdate():
                    self.add_error(
                        "follow_up",
                        _(
                            "Die Frist für die Antwort läuft noch bis %(due)s. Eine Erinnerung "
                            "oder Beschwerde ist erst danach möglich."
                        )
                        % {"due": due.strftime("%d.%m.%Y")},
                    )
        return data

    def person(self) -> self_service.Person:
        data = self.cleaned_data
        return self_service.Person(
            name=data["name"].strip(),
            street=data["street"].strip(),
            postcode=data["postcode"],
            city=data["city"].strip(),
            customer_number=data["customer_number"].strip(),
        )


def _document(form: SelfServiceForm, today: date) -> dict:
    data = form.cleaned_data
    kind = data["follow_up"] or data["kind"]
    return self_service.document(
        kind=kind,
        person=form.person(),
        jobcenter=data["jobcenter"],
        today=today,
        procedure_pending=data["procedure_pending"],
        sent_on=data["sent_on"] if data["follow_up"] else None,
        original_kind=data["kind"],
    )


def _pdf_response(doc: dict, kind: str, today: date) -> HttpResponse:
    response = HttpResponse(letter_pdf(doc), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{kind}-{today:%Y-%m-%d}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


def _ics_response(jobcenter: Jobcenter, sent_on: date) -> HttpResponse:
    result = self_service.answer_due(jobcenter=jobcenter, sent_on=sent_on)
    calendar = Calendar()
    calendar.add("prodid", "-//Fallakte//Selbsthilfe//DE")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"antwort-{jobcenter.pk}-{sent_on:%Y%m%d}@fallakte")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", result.due_on)
    event.add("summary", f"Antwort von {jobcenter.name} fällig (Art. 12 Abs. 3 DSGVO)")
    event.add("description", "\n".join(result.steps))
    calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="antwort-faellig.ics"'
    response["Cache-Control"] = "no-store"
    return response


def letter_throttle() -> throttle.SubmitThrottle:
    """The report form's throttle, counting rendered letters apart from reports."""
    return throttle.SubmitThrottle(
        purpose="self-service-letter",
        per_address=settings.SELF_SERVICE_LETTERS_PER_ADDRESS,
        above_per_window=settings.SELF_SERVICE_CHALLENGE_ABOVE_PER_HOUR,
    )


def _render_form(request: HttpRequest, form: SelfServiceForm, *, status: int = 200):
    return render(
        request,
        "letters/self_service.html",
        {"form": form, "counter_minutes": letter_throttle().window // 60},
        status=status,
    )


def _render_plan(
    request: HttpRequest,
    form: SelfServiceForm,
    doc: dict,
    today: date,
    *,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    data = form.cleaned_data
    due = None
    if not data["follow_up"]:
        due = self_service.answer_due(jobcenter=data["jobcenter"], sent_on=today)
    return render(
        request,
        "letters/self_service_plan.html",
        {
            "form": form,
            "doc": doc,
            "due": due,
            "today": today,
            "transit": self_service.POSTAL_TRANSIT_DAYS,
            "problem": problem,
            "counter_minutes": letter_throttle().window // 60,
            # Asked for while many letters are made: solved in the browser
            # while the person reads this page (cases.intake.challenge).
            "challenge": challenge.challenge_new(letter_throttle().level(request)),
        },
        status=status,
    )


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def self_service_page(request: HttpRequest) -> HttpResponse:
    """The form; on POST either the planning page, the PDF or the calendar file.

    Rendering a PDF costs the server: it is limited like the report form
    (``cases.intake.throttle``), with a proof-of-work challenge only while
    one address makes many letters or many are made at once, so the page
    works without JavaScript while things are quiet."""
    today = timezone.localdate()
    if request.method == "GET":
        return _render_form(request, SelfServiceForm())
    form = SelfServiceForm(request.POST)
    action = request.POST.get("action", "plan")
    if not form.is_valid():
        return _render_form(request, form, status=400)
    data = form.cleaned_data
    try:
        doc = _document(form, today)
    except self_service.NoAuthority:
        form.add_error(
            "follow_up",
            _(
                "Für dieses Jobcenter fehlt uns die Anschrift der Datenschutzaufsicht. "
                "Bitte wenden Sie sich über das Meldeformular an uns."
            ),
        )
        return _render_form(request, form, status=400)
    if action == "pdf":
        limit = letter_throttle()
        level = limit.level(request)
        limit.attempted(request)
        if not challenge.challenge_passed(request.POST.get(challenge.FIELD, ""), level):
            return _render_plan(
                request,
                form,
                doc,
                today,
                problem=_(
                    "Gerade werden sehr viele Schreiben erstellt. Damit Ihres durchkommt, rechnet "
                    "Ihr Browser kurz eine Aufgabe; das dauert meist nur Sekunden. Bitte klicken "
                    "Sie dann noch einmal auf „Schreiben als PDF herunterladen“ (dafür muss "
                    "JavaScript eingeschaltet sein; sonst versuchen Sie es bitte später noch "
                    "einmal). Ihre Angaben sind noch da."
                ),
                status=429,
            )
        response = _pdf_response(doc, data["follow_up"] or data["kind"], today)
        limit.accepted()
        return response
    if action == "ics" and not data["follow_up"]:
        return _ics_response(data["jobcenter"], today)
    return _render_plan(request, form, doc, today)
