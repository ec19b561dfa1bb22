"""The facts registry: its schema, YAML read with line numbers, EDTF dates, the typed model, the
loader, and the house style in which values are written. Imports only ``checks.core``."""
