"""Loading: safe YAML, seed texts, curated files into frames, and their pandera schema."""
