"""``{% load user_agents %}``: ``{{ session.user_agent|user_agent_label }}``
names the browser and system ("Firefox op Windows", see portal.user_agents)."""

from django import template

from portal.user_agents import user_agent_label

register = template.Library()
register.filter("user_agent_label", user_agent_label)
