"""Readers: files in the formats users have -> Document (or a draft spec)."""
