"""Open data from the registry: facts.json and its schema, TimelineJS, ClaimReview."""
