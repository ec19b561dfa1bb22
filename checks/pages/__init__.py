"""Pages: the page model (page, reference, prose run), extraction from MyST Markdown, and reading
dates, numbers and names in prose. Imports ``checks.core`` and ``checks.registry``."""
