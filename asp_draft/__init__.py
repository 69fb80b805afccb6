"""asp-draft: a drafting assistant for the ASP omnibus resolution."""

__version__ = "0.1.0"
