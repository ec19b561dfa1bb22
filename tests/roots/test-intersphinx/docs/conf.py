"""Another Sphinx site, without this project's extension, that links to the explainer's facts
through intersphinx. Offline: the inventory is the local file named in EXPLAINER_INVENTORY (the
explainer as built by the test), the links go to the published address."""

import os

project = "A site that cites the explainer"
extensions = ["myst_parser", "sphinx.ext.intersphinx"]
exclude_patterns = ["_build"]
intersphinx_mapping = {
    "explainer": ("https://explainer.example.org/", os.environ["EXPLAINER_INVENTORY"]),
}
