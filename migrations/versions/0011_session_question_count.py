"""a session's number of questions, kept on its row, so a live answer need not load its list

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 17:50:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("class_session") as batch:
        batch.add_column(
            sa.Column("question_count", sa.Integer(), nullable=False, server_default="0")
        )
    op.execute(
        "UPDATE class_session SET question_count = (SELECT count(*) FROM session_question"
        " WHERE session_question.session_id = class_session.id)"
    )


def downgrade():
    with op.batch_alter_table("class_session") as batch:
        batch.drop_column("question_count")
