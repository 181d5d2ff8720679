"""The REST API: public read endpoints and authenticated ones for NGOs and staff.

Views call the same selectors and services as the web pages and ask the same
django-rules permissions, so the API has no rules of its own.
"""
