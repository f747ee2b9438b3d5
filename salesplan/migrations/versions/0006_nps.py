"""Customer survey answers for NPS: date, client, manager, score 0–10, comment.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "nps_answers",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("client_id", sa.String, index=True),
        sa.Column("manager_id", sa.String, index=True),
        sa.Column("score", sa.SmallInteger, nullable=False),
        sa.Column("comment", sa.Text),
    )


def downgrade() -> None:
    op.drop_table("nps_answers")
