"""Call-review scorecards: templates, scoring, the review store, analysis and calibration.

The modules: ``templates`` (scorecards as data), ``scoring`` (the score of a call),
``repository`` (tables, saving revisions, drafts, the read API), ``analysis`` (trends and
weak spots), ``calibration`` (how consistently reviewers score), ``form`` (the trainer's
widget form), ``io`` (CSV/XLSX import and export), ``demo`` (demo reviews).
"""
