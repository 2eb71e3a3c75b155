"""Initial schema: chat settings, update inbox, key/value state, shared send slots.

Databases made before Alembic already hold ``chat_settings``: it is kept as it is.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.schema import DecimalText

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    existing = sa.inspect(op.get_bind()).get_table_names()
    if "chat_settings" not in existing:
        op.create_table(
            "chat_settings",
            sa.Column("chat_id", sa.BigInteger, primary_key=True, autoincrement=False),
            sa.Column("fee_per_lot", DecimalText),
            sa.Column("fee_rate", DecimalText),
            sa.Column("margin_rate", DecimalText),
            sa.Column("warning_line", DecimalText, nullable=False),
            sa.Column("forced_line", DecimalText, nullable=False),
            sa.Column("crypto_mmr", DecimalText, nullable=False),
            sa.Column("updated_by", sa.BigInteger),
            sa.Column("updated_at", sa.DateTime(timezone=True)),
        )
    op.create_table(
        "inbox",
        sa.Column("update_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("chat_key", sa.BigInteger, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("state", sa.Integer, nullable=False),
        sa.Column("owner", sa.String(40)),
        sa.Column("lease_until", sa.Float),
        sa.Column("received_at", sa.Float, nullable=False),
        sa.Column("done_at", sa.Float),
    )
    op.create_index("ix_inbox_state_chat", "inbox", ["state", "chat_key", "update_id"])
    op.create_table(
        "kv",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "send_slots",
        sa.Column("bucket", sa.String(40), primary_key=True),
        sa.Column("next_at", sa.Float, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("send_slots")
    op.drop_table("kv")
    op.drop_index("ix_inbox_state_chat", table_name="inbox")
    op.drop_table("inbox")
