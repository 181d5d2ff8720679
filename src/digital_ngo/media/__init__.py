"""The media registry: outlets registered with the Media Development Agency.

Paid media services may go only to outlets registered on the day of the
service; the press archive links clippings to their outlet.
"""
