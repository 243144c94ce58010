from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class I18nConfig(AppConfig):
    name = "almanac.i18n"
    label = "almanac_i18n"
    verbose_name = _("Languages")
