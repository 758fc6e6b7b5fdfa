"""teacher logins: each signed-in browser, so that signing out ends it on the server

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 08:50:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "teacher_login",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("teacher_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("remember", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["teacher_id"],
            ["teacher.id"],
            name=op.f("fk_teacher_login_teacher_id_teacher"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teacher_login")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_teacher_login_token_hash")),
    )
    op.create_index(
        op.f("ix_teacher_login_teacher_id"), "teacher_login", ["teacher_id"], unique=False
    )


def downgrade():
    op.drop_index(op.f("ix_teacher_login_teacher_id"), table_name="teacher_login")
    op.drop_table("teacher_login")
