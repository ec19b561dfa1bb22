"""The checks, one module per family. Each is a pure function from the registry (and a page) to
findings; :mod:`checks.engine` lists them. A rule imports core, registry and pages, never another
rule, an export or a reporter."""
