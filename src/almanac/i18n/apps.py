from django.apps import AppConfig


class I18nConfig(AppConfig):
    name = "almanac.i18n"
    label = "almanac_i18n"
    verbose_name = "Languages"
