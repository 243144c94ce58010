"""Public pages: the calendar views, the event page and the taxonomy pages."""
