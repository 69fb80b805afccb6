"""OOXML plumbing shared by the Word reader and the Word writers.

`names` (namespaces, `w()`, the element builder `el()`), `package` (the zip: reading it safely,
writing its parts, relationships, content types and core properties), `numbering` (numbers as
Word counts them: one list state for reading and writing), `styles` (the asp-draft style ids
that are the contract between the reader and the writers).
"""
