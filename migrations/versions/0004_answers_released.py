"""sessions: the teacher may release the answers before closing

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 09:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    # A plain ADD COLUMN: a batch copy of class_session would cascade-delete its participants.
    op.add_column(
        "class_session",
        sa.Column("answers_released", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade():
    op.drop_column("class_session", "answers_released")
