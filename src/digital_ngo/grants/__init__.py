"""Grants after the award: agreement, tranches gated by reports, payments, interim and final
reports with indicator actuals and expenses, lateness and the sanction ladder."""
