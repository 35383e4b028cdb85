"""Reporters: ways to show a run report to a person (the JSON report is the input)."""
