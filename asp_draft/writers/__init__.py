"""Writers: Document (or Diff) -> text, Markdown, JSON, HTML, Word."""
