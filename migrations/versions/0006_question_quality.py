"""questions: the generator's quality estimate (issue 10), for sorting a bank weakest first and
for public practice to draw from the strongest questions

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 10:20:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    # Questions stored before the estimate existed (and teachers' own) count as middling.
    op.add_column(
        "question",
        sa.Column("quality", sa.Float(), nullable=False, server_default=sa.text("0.5")),
    )


def downgrade():
    op.drop_column("question", "quality")
