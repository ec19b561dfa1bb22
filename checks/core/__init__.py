"""What every layer shares: diagnostic codes, findings and the report, errors, configuration,
text normalisation, atomic writes and build information. Imports nothing else of ``checks``."""
