"""``factcheck lsp``: the checks as a Language Server Protocol server, for any editor.

A thin adapter, like the CLI and the Sphinx extension: the engine (checks.engine, checks.rules,
checks.project) does every check; this package keeps the project's state current as documents are
edited and turns findings, facts and references into what an editor shows.

- ``state``: the registry (loaded once, reloaded when a registry file changes, keeping the last
  good one while a file is broken) and every page, open text taking precedence over the disk;
- ``locations``: finding spans and roles as editor ranges;
- ``diagnostics``, ``hover``, ``completion``, ``navigation`` (definition, references) and
  ``code_actions``: one module per feature;
- ``server``: the pygls wiring (documents, debouncing, publishing).
"""
