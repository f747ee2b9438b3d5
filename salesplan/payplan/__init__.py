"""Payment plans (планы оплат): what each manager promises to collect, kept as submitted.

A manager submits a plan for a week (``kind`` week, the base form) and, day by day, an update
for tomorrow (``kind`` day); both through the form (``form``, the Voilà app
``payment_plan.ipynb``) or an XLSX template (``template``, ``salesplan payplan``). Each
submission is a new version; the database refuses to change a submitted one. The daily brief
reconciles them with what happened (``salesplan.control.reconcile``).
"""
