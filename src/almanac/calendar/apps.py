from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarConfig(AppConfig):
    name = "almanac.calendar"
    label = "almanac_calendar"
    verbose_name = _("Public calendar")
