"""Open data: 360Giving and IATI exports of the grants, regenerated in the background."""
