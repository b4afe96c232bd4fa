"""``{% load html_time %}``: ``<time datetime="{{ value|html_datetime }}">``,
the one way templates write the ``datetime`` attribute (see portal.dates)."""

from django import template

from portal.dates import html_datetime

register = template.Library()
register.filter("html_datetime", html_datetime)
