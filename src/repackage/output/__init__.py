"""What a run leaves for people and machines: ``manifest.json`` and the review page."""
