"""The attestation tables (declared in ``salesplan.schema``) under this area's names.

``ratings``, ``test_scores`` and ``plan_edits`` hold what the head enters (one row per manager,
period and item, replaced until finalised); ``attestations`` holds finalised sheets, which the
database refuses to update or delete (``salesplan.schema.IMMUTABLE``).
"""

from salesplan.schema import attestation_plan_edits as plan_edits
from salesplan.schema import attestation_ratings as ratings
from salesplan.schema import attestation_tests as test_scores
from salesplan.schema import attestations

TABLES = [ratings, test_scores, plan_edits, attestations]
