"""``{{ user|staff_name }}``: how a member of staff is named (``advocacy.auth.staff_name``)."""

from django import template

from advocacy.auth import staff_name

register = template.Library()
register.filter("staff_name", staff_name)
