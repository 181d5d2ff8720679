"""Coalitions, networks and international platforms, their members and general assemblies."""
