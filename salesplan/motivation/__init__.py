"""Motivation: pay schemes as data, line-by-line pay in kopecks, what-if and pay statements."""
