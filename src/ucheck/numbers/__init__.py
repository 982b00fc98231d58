"""Printed numbers: quantities as intervals, interval arithmetic, numeric mentions in a text."""
