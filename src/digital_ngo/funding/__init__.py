"""Funding: funders, support instruments and calls for proposals with their topics and rubric.

A call is data edited by staff, not code: its instruments with caps and durations, its ordered
priority topics (some coalition-only), its evaluation criteria with weights, its required
documents, its submission window and its tranche scheme.
"""
