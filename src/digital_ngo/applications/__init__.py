"""Applications to calls: content (logframe, workplan, budget, partners, documents), eligibility,
submission before the deadline and the agency's technical check."""
