"""the data version: one row whose token changes with every committed write (app/data_version.py)

Revision ID: 0008_data_version
Revises: 0007_board_indexes
Create Date: 2026-11-27 12:13:21.419269

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_data_version'
down_revision = '0007_board_indexes'
branch_labels = None
depends_on = None


def upgrade():
    data_version = op.create_table('data_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_version'))
    )
    # The one row, made here so that two first writes on PostgreSQL never race to create it.
    op.bulk_insert(data_version, [{"id": 1, "token": 0}])


def downgrade():
    op.drop_table('data_version')
