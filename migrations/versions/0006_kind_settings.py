"""kind settings: values a question kind keeps beside its key (numeric: tolerance, unit)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 09:10:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("question") as batch_op:
        batch_op.add_column(sa.Column("settings", sa.JSON(), nullable=True))
    with op.batch_alter_table("session_question") as batch_op:
        batch_op.add_column(sa.Column("settings", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("session_question") as batch_op:
        batch_op.drop_column("settings")
    with op.batch_alter_table("question") as batch_op:
        batch_op.drop_column("settings")
