# Makes rules/ importable as the package ``ucheck.stdrules`` (see pyproject.toml): the standard rule
# library and metric vocabulary travel with the wheel.
