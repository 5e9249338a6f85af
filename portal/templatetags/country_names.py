"""{% load country_names %}: {{ licence.destination_country|country }} shows the country's name, not its code."""

from django import template

from portal.countries import country_name

register = template.Library()

register.filter("country", country_name)
