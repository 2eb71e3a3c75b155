"""The one error type users ever see.

Anything the user can fix (bad numbers, missing inputs, text we did not understand) is a
``UserFacingError``: a short Chinese message, optionally where it happened and an example of
the right form. Every other exception is a bug and goes to the error handler.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """An expected failure, explained in Chinese with an example of the right form."""

    def __init__(self, message: str, *, example: str | None = None, where: str | None = None):
        super().__init__(message)
        self.message = message
        self.example = example
        self.where = where

    def __str__(self) -> str:
        parts = [self.message]
        if self.where:
            parts.append(f"位置：{self.where}")
        if self.example:
            parts.append(f"例如：{self.example}")
        return "\n".join(parts)


class DomainError(UserFacingError):
    """An invalid value reached the calculation core (zero lots, margin rate ≥ 100 % …)."""
