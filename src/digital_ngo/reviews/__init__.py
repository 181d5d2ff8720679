"""Independent expert evaluation: conflict-of-interest declarations, conflict-checked and
load-balanced assignment, weighted scoring, and a third evaluator when two disagree."""
