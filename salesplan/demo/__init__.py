"""The demo company: a deterministic department with its exports, store and plans."""
