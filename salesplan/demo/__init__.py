"""The demo company: a seeded sales department, written as export files and loaded through the
importer, as a user's files would be.

``roster`` (who works there and how each role sells), ``window`` (the demo's months and working
days), ``deals`` (each manager's deals and when they are paid), ``generate`` (the other tables;
the same seed and months give the same rows), ``exports`` (CSV and XLSX as a CRM, 1C and
telephony write them), ``build`` (a fresh store, the import, then each area's demo data).
"""
