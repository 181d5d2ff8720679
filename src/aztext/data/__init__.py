"""Shipped data: the derived lexicon (Apache-2.0, see NOTICE.txt)."""
