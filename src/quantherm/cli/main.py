"""`quantherm list | show | reproduce` (contract in DESIGN.md).

Bad input exits with status 2 and one line on stderr; a failed claim exits with status 1.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from typing import Any

import click

from ..errors import ConvergenceError
from ..papers.base import Report, Reproduction, all_reproductions, get_reproduction, registry_errors

_USER_ERRORS = (ValueError, TypeError, ConvergenceError, KeyError)


class UserError(click.ClickException):
    """One clear line on stderr, exit status 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"quantherm: error: {self.message}", err=True)


def _parse_sets(sets: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for s in sets:
        if "=" not in s:
            raise UserError(f"--set expects KEY=VALUE; got {s!r}.")
        k, v = s.split("=", 1)
        out[k.strip()] = v.strip()
    return out


def _lookup(name: str) -> Reproduction:
    try:
        return get_reproduction(name)
    except ValueError as exc:
        raise UserError(str(exc)) from None


def _fmt(x: Any) -> str:
    if isinstance(x, float):
        return f"{x:.10g}"
    return str(x)


def _print_report(rep: Report, seconds: float) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(f"[bold]{rep.name}[/bold] — {rep.citation}  ({seconds:.2f} s)")
    qt = Table(title="quantities", show_header=True, header_style="bold")
    qt.add_column("name")
    qt.add_column("value", justify="right")
    for k, v in rep.quantities.items():
        qt.add_row(k, _fmt(v))
    console.print(qt)
    ct = Table(title="claims", show_header=True, header_style="bold")
    for col in ("claim", "paper", "computed", "tolerance", "verdict"):
        ct.add_column(col)
    for c in rep.claims:
        verdict = {
            True: "[green]pass[/green]",
            False: "[red]FAIL[/red]",
            None: "[yellow]n/a[/yellow]",
        }[c.passed]
        ct.add_row(c.name, _fmt(c.paper), _fmt(c.computed), _fmt(c.tolerance), verdict)
    console.print(ct)
    bad = [k for k, v in rep.checks.items() if k == "violations" and v]
    if bad:
        console.print(f"[red]law violations:[/red] {rep.checks['violations']}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="quantherm")
def cli() -> None:
    """quantherm: quantum thermal machines with an exact thermodynamic ledger."""


@cli.command("list")
def list_cmd() -> None:
    """Every reproduction, one line each."""
    for name, rep in all_reproductions().items():
        click.echo(f"{name:22s} {rep.title}")
    for module, err in registry_errors().items():
        click.echo(
            f"quantherm: warning: reproduction module '{module}' failed to import: {err}", err=True
        )


@cli.command("show")
@click.argument("name")
def show_cmd(name: str) -> None:
    """Citation, model and parameters (with defaults) of a reproduction."""
    rep = _lookup(name)
    click.echo(f"{rep.name}: {rep.title}")
    click.echo(f"citation: {rep.citation}")
    if rep.doi:
        click.echo(f"doi: https://doi.org/{rep.doi}")
    click.echo(f"model: {rep.model}")
    click.echo("parameters (--set KEY=VALUE):")
    for p in rep.parameters:
        extra = f" choices: {', '.join(p.choices)}" if p.choices else ""
        click.echo(f"  {p.name:16s} = {p.default!s:12s} {p.doc}{extra}")


def _run_one(rep: Reproduction, sets: dict[str, str]) -> tuple[Report, float]:
    t0 = time.perf_counter()
    try:
        report = rep.run(sets)
    except _USER_ERRORS as exc:
        raise UserError(str(exc).strip("'\"")) from None
    return report, time.perf_counter() - t0


def _save_plot(rep: Reproduction, report: Report, path: str) -> None:
    if rep.plot is None:
        raise UserError(f"reproduction '{rep.name}' has no plot.")
    import matplotlib

    matplotlib.use("Agg")
    fig = rep.plot(report)
    fig.savefig(path, dpi=120, bbox_inches="tight")


@cli.command("reproduce")
@click.argument("name")
@click.option("--set", "sets", multiple=True, metavar="KEY=VALUE", help="Override a parameter.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (a list for 'all').")
@click.option("--plot", "plot_file", default=None, metavar="FILE", help="Save the figure to FILE.")
@click.option(
    "--report",
    "report_dir",
    default=None,
    metavar="DIR",
    help="With 'all': write an HTML report to DIR.",
)
def reproduce_cmd(
    name: str, sets: tuple[str, ...], as_json: bool, plot_file: str | None, report_dir: str | None
) -> None:
    """Run reproduction NAME (or 'all') and check its claims."""
    overrides = _parse_sets(sets)
    if name == "all":
        if overrides:
            raise UserError("--set applies to one reproduction; run them one by one.")
        reps = list(all_reproductions().values())
    else:
        reps = [_lookup(name)]
    results: list[tuple[Reproduction, Report, float]] = []
    for rep in reps:
        report, secs = _run_one(rep, overrides)
        results.append((rep, report, secs))
        if not as_json:
            _print_report(report, secs)
    if plot_file:
        if len(results) != 1:
            raise UserError("--plot needs a single reproduction name.")
        _save_plot(results[0][0], results[0][1], plot_file)
    if report_dir:
        from .report import write_report

        write_report([(r, rep, s) for r, rep, s in results], report_dir)
    if as_json:
        objs = [r.to_dict() for _, r, _ in results]
        click.echo(json.dumps(objs[0] if name != "all" else objs, indent=2))
    elif len(results) > 1:
        n_ok = sum(r.passed for _, r, _ in results)
        click.echo(f"\n{n_ok}/{len(results)} reproductions with every applicable claim passing.")
    if not all(r.passed for _, r, _ in results):
        sys.exit(1)


def _register_subcommands() -> None:
    from .sweep_cmd import sweep_cmd

    cli.add_command(sweep_cmd)


_register_subcommands()


def main() -> None:
    """Entry point of the `quantherm` script."""
    cli(prog_name="quantherm")


if __name__ == "__main__":  # pragma: no cover
    main()
