"""lobby lock: a host can stop new players joining a game

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 09:10:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


# Plain ALTER TABLE, not batch mode: on SQLite, batch mode copies class_session and drops the
# old table, and with foreign keys on, that drop cascades to every participant and response.


def upgrade():
    op.add_column(
        "class_session",
        sa.Column("locked", sa.Boolean(), server_default=sa.text("false"), nullable=False),
    )


def downgrade():
    op.drop_column("class_session", "locked")
