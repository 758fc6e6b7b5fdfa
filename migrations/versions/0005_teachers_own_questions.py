"""questions: a teacher's own questions in a shared article (copies of read-only ones)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 09:30:00

"""

import re

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

#: (column, referred table, ON DELETE)
COLUMNS = (
    ("owner_id", "teacher", "CASCADE"),
    ("copied_from_id", "question", "SET NULL"),
)


def constraint(column: str, target: str, ondelete: str) -> str:
    return (
        f"CONSTRAINT fk_question_{column}_{target} FOREIGN KEY({column}) "
        f"REFERENCES {target} (id) ON DELETE {ondelete}"
    )


def set_question_sql(bind, edit) -> None:
    """Rewrite the question table's CREATE TABLE text (SQLite).

    SQLite cannot add a constraint to a table, and the usual way round (alembic's batch mode:
    copy the table, drop the old one) would cascade-delete every question's options and quiz
    items. A foreign key on a new, all-NULL column changes nothing stored, so the schema text is
    edited in place: the procedure sqlite.org/lang_altertable.html gives for constraint changes.
    """
    sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'question'"
    ).scalar()
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar()
    bind.exec_driver_sql("PRAGMA writable_schema=ON")
    bind.execute(
        sa.text("UPDATE sqlite_master SET sql = :sql WHERE type = 'table' AND name = 'question'"),
        {"sql": edit(sql)},
    )
    bind.exec_driver_sql(f"PRAGMA schema_version={version + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema=OFF")


def upgrade():
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    for column, target, ondelete in COLUMNS:
        op.add_column("question", sa.Column(column, sa.Integer(), nullable=True))
        if not sqlite:
            op.create_foreign_key(
                op.f(f"fk_question_{column}_{target}"),
                "question",
                target,
                [column],
                ["id"],
                ondelete=ondelete,
            )
        op.create_index(op.f(f"ix_question_{column}"), "question", [column], unique=False)
    if sqlite:
        added = ", ".join(constraint(*spec) for spec in COLUMNS)
        set_question_sql(bind, lambda sql: re.sub(r"\s*\)\s*$", f", {added}\n)", sql))
        assert bind.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def downgrade():
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        dropped = [", " + constraint(*spec) for spec in COLUMNS]

        def without(sql: str) -> str:
            for text in dropped:
                sql = sql.replace(text, "")
            return sql

        set_question_sql(bind, without)
    for column, target, _ in reversed(COLUMNS):
        op.drop_index(op.f(f"ix_question_{column}"), table_name="question")
        if not sqlite:
            op.drop_constraint(op.f(f"fk_question_{column}_{target}"), "question", "foreignkey")
        op.drop_column("question", column)
