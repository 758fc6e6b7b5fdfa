"""kind settings: values a question kind keeps beside its key (numeric: tolerance, unit)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 09:10:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD/DROP COLUMN (SQLite 3.35+): a batch copy of ``question`` would rewrite its foreign
    # keys and trip the downgrade of 0005.
    op.add_column("question", sa.Column("settings", sa.JSON(), nullable=True))
    op.add_column("session_question", sa.Column("settings", sa.JSON(), nullable=True))


def downgrade():
    op.drop_column("session_question", "settings")
    op.drop_column("question", "settings")
