"""Plan – fact – deviation: pace and forecasts, the summary report, KPIs, activity, the weighted
pipeline and payment plans, the chance of meeting the plan, receivables and CRM hygiene.

Each module holds pure functions over the store's frames (``frames.load_frames``) and the plan
and fact lines; money is integer kopecks, days are working days of the production calendar.
"""
