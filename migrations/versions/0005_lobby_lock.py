"""lobby lock: a host can stop new players joining a game

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 09:10:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("class_session", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("locked", sa.Boolean(), server_default=sa.text("false"), nullable=False)
        )


def downgrade():
    with op.batch_alter_table("class_session", schema=None) as batch_op:
        batch_op.drop_column("locked")
