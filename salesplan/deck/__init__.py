"""The monthly meeting deck: the month's slides from the store, as PowerPoint and as one
self-contained HTML page."""
