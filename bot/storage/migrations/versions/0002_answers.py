"""Answers: which bot message answered which user message, and its question.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "answers",
        sa.Column("chat_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("message_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("bot_message_id", sa.BigInteger, nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_index("ix_answers_bot_message", "answers", ["chat_id", "bot_message_id"])
    op.create_index("ix_answers_created", "answers", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_answers_created", table_name="answers")
    op.drop_index("ix_answers_bot_message", table_name="answers")
    op.drop_table("answers")
