"""How every `flask` command of ours refuses: "Lỗi: <message>" on standard error, exit status 1.

click prints its own English "Error: " before a ClickException's message; `CliError` prints the Vietnamese word
instead, and may carry lines that follow the message as they are (a year file's `PATH: message` lines, which the
spec wants one per line and nothing else on them). Commands declared with `cls=CliCommand` (or in a group whose
`command_class` is CliCommand) also say click's own usage errors — a missing argument or option — in Vietnamese.
"""

from __future__ import annotations

from typing import IO, Any

import click


class CliError(click.ClickException):
    """A command's refusal: `message` after "Lỗi: " (none when empty), then each of `lines` as it is."""

    exit_code = 1

    def __init__(self, message: str, lines: tuple[str, ...] | list[str] = ()):
        super().__init__(message)
        self.lines = tuple(lines)

    def show(self, file: IO[Any] | None = None) -> None:
        if self.message:
            click.echo(f"Lỗi: {self.message}", file=file, err=file is None)
        for line in self.lines:
            click.echo(line, file=file, err=file is None)


class CliUsageError(click.UsageError):
    """click's usage error (exit status 2, as click's), said in Vietnamese."""

    def show(self, file: IO[Any] | None = None) -> None:
        if self.ctx is not None:
            pieces = " ".join(self.ctx.command.collect_usage_pieces(self.ctx))
            click.echo(f"Cách dùng: {self.ctx.command_path} {pieces}", file=file, err=file is None)
        click.echo(f"Lỗi: {self.message}", file=file, err=file is None)
        if self.ctx is not None:
            click.echo(f"Xem thêm: {self.ctx.command_path} --help", file=file, err=file is None)


def _usage_message(error: click.UsageError) -> str:
    if isinstance(error, click.MissingParameter) and error.param is not None:
        name = error.param.get_error_hint(error.ctx)
        if error.param.param_type_name == "argument":
            return f"thiếu tham số {name}."
        return f"thiếu tuỳ chọn {name}."
    if isinstance(error, click.NoSuchOption):
        return f"không có tuỳ chọn {error.option_name}."
    if isinstance(error, click.BadParameter) and error.param is not None:
        return f"giá trị không hợp lệ cho {error.param.get_error_hint(error.ctx)}."
    return f"cách dùng không đúng ({error.format_message()})."


class CliCommand(click.Command):
    """A click command whose usage errors (missing FILE, unknown option…) are said in Vietnamese."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as error:
            raise CliUsageError(_usage_message(error), error.ctx or ctx) from None
