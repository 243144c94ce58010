"""Standards that other software reads: iCalendar, RSS/Atom, schema.org JSON-LD, sitemaps."""
