"""Almanac: a multilingual, time-zone-aware events calendar."""
