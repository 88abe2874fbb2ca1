"""The page renderer: Markdown files (front matter + escaped HTML body) for MkDocs."""
