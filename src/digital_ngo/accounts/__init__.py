"""Accounts: users who log in by e-mail, their roles, invitations and lockout."""
