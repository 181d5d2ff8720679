"""Digital NGO (Rəqəmsal QHT): the Django project of the platform."""
