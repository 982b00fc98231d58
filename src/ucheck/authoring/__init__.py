"""Helping curators: a draft curated file from a seed, and the coverage of its numeric mentions."""
