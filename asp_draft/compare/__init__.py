"""Comparing texts: the word diff and its view, strength and likeness of wordings, compiling
delegations' copies, a clause's history, annotations, search, lint and the uptake of proposals."""
