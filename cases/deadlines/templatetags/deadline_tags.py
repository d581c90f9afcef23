from django import template
from django.urls import reverse

register = template.Library()


@register.filter
def case_path(case) -> str:
    """The case page."""
    return reverse("cases:case_detail", args=[case.reference])
