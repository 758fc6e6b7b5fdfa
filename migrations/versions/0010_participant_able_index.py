"""an index that answers "how many players can answer this question" from the index alone

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 02:00:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_participant_able", "participant", ["session_id", "removed", "first_index"])


def downgrade():
    op.drop_index("ix_participant_able", table_name="participant")
