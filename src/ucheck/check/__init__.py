"""One run of the checks: the enriched figures every rule sees, the rules, the waivers."""
