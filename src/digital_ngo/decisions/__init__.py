"""Decisions: ranking per topic, the board's award list within the budget, notices with
scores and comments, and appeals within a window."""
