"""Rule kinds (one module each, registered by kind name) and the reading of rules/*.yaml."""
