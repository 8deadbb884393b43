"""The ``mzcheck`` command line. The only module that prints verdicts or exits.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 usage,
configuration or input error (one line on stderr; ``--debug`` shows the traceback).
"""

from __future__ import annotations

import sys
import traceback

import click

from mzcheck import __version__
from mzcheck.errors import MzcheckError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 88}


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="mzcheck")
@click.option("--debug", is_flag=True, help="Show the full traceback when something fails.")
def cli(debug: bool) -> None:
    """mzcheck: check that the figures in a Chinese public report add up.

    \b
    Examples:
      mzcheck check data/nantong-2022-minzheng.txt
      mzcheck extract data/nantong-2022-minzheng.txt -o figures.csv
      mzcheck rules
      mzcheck rule MZ302
    """


@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write here (format from the extension: .csv .json .parquet). Default: CSV on stdout.")
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "parquet"]),
              help="Output format, overriding the extension.")
def extract(paths: tuple[str, ...], output: str | None, fmt: str | None) -> int:
    """Extract every figure from reports into the figures table.

    PATHS are reports: .txt .md (UTF-8 or GB18030), .html, .docx.

    \b
    Examples:
      mzcheck extract data/nantong-2022-minzheng.txt
      mzcheck extract data/nantong-2022-minzheng.txt -o out/figures.parquet
    """
    from mzcheck.engine import extract_paths
    from mzcheck.export import figures_csv, figures_json, format_for, write_figures

    fmt = format_for(output, fmt)
    docs, figures = extract_paths(paths)
    if output is None:
        if fmt == "parquet":
            raise MzcheckError("Parquet 不能写到标准输出，请用 -o 指定文件")
        click.echo(figures_csv(figures) if fmt == "csv" else figures_json(docs, figures), nl=False)
    else:
        write_figures(docs, figures, output, fmt)
        click.echo(f"已写出 {len(figures)} 个数字 → {output}", err=True)
    return EXIT_OK


def _codes(values: tuple[str, ...], option: str) -> tuple[str, ...]:
    """--select/--ignore values: comma- or space-separated code prefixes, validated."""
    from difflib import get_close_matches

    from mzcheck.rules.registry import all_rules

    known = [r.code for r in all_rules()]
    names = {r.name: r.code for r in all_rules()}
    out: list[str] = []
    for value in values:
        for item in value.replace(",", " ").split():
            code = names.get(item.lower(), item.upper())
            if not any(k.startswith(code) for k in known) or not code.startswith("MZ"):
                hint = get_close_matches(code, known + list(names), n=1)
                suffix = f"，是否指 {hint[0]}？" if hint else ""
                raise MzcheckError(f"{option}: 未知规则代码 {item}{suffix}")
            out.append(code)
    return tuple(out)


@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format. JSON is the canonical result (every check, every finding).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write the report here instead of stdout (written atomically).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="error", show_default=True,
              help="Exit 1 when a finding is at or above this severity.")
@click.option("--select", multiple=True, metavar="CODES",
              help="Run only these rules: codes or prefixes, comma-separated (MZ3, MZ101).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rules (codes or prefixes).")
@click.option("--now", metavar="TIME", envvar="MZCHECK_NOW",
              help="Timestamp written into JSON output (default: none, for reproducible output).")
def check(paths, fmt, output, fail_on, select, ignore, now) -> int:
    """Check that the figures in reports add up.

    Every figure is read as the interval its digits and qualifier allow (约, 近, 超过 …);
    a relation is consistent, a warning (it holds only under a named assumption, such as
    truncation), or an error.

    \b
    Examples:
      mzcheck check data/nantong-2022-minzheng.txt
      mzcheck check report.html --format json -o out/run.json
      mzcheck check report.txt --fail-on warning --ignore MZ1
    """
    from mzcheck.engine import Options, check_paths
    from mzcheck.finding import Severity
    from mzcheck.output import write_text_atomic

    options = Options(select=_codes(select, "--select"), ignore=_codes(ignore, "--ignore"))
    result = check_paths(paths, options)
    if fmt == "json":
        from mzcheck.report.canonical import render

        text = render(result, {"fail_on": fail_on, "select": list(options.select), "ignore": list(options.ignore)}, now)
    else:
        from mzcheck.report.terminal import render

        text = render(result)
    if output:
        write_text_atomic(output, text)
        click.echo(f"已写出检查结果 → {output}", err=True)
    else:
        click.echo(text, nl=False)
    return EXIT_FINDINGS if result.fails(Severity.parse(fail_on)) else EXIT_OK


@cli.command("rules", context_settings=CONTEXT)
def rules_cmd() -> int:
    """List every rule: code, severity, name and what it checks.

    \b
    Example:
      mzcheck rules
    """
    from mzcheck.report.terminal import display_width
    from mzcheck.rules.registry import all_rules

    for r in all_rules():
        line = f"{r.code} {r.severity.value:<7} {r.name:<30} {r.summary}"
        if display_width(line) > 80:
            while display_width(line) > 79:
                line = line[:-1]
            line = line.rstrip() + "…"
        click.echo(line)
    return EXIT_OK


@cli.command("rule", context_settings=CONTEXT)
@click.argument("code")
def rule_cmd(code: str) -> int:
    """Print one rule's page: what it checks, why, a failing and a passing example.

    \b
    Examples:
      mzcheck rule MZ301
      mzcheck rule share-mismatch
    """
    from difflib import get_close_matches

    from mzcheck.rules.registry import all_rules, get_rule

    r = get_rule(code)
    if r is None:
        names = [x.code for x in all_rules()] + [x.name for x in all_rules()]
        hint = get_close_matches(code, names, n=1)
        raise MzcheckError(f"未知规则 {code}" + (f"，是否指 {hint[0]}？" if hint else "（用 mzcheck rules 查看全部）"))
    click.echo(f"{r.code} {r.name} ({r.severity.value}, {r.family})\n")
    click.echo(r.page)
    return EXIT_OK


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI and turn every outcome into an exit code."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        code = cli.main(args=args, prog_name="mzcheck", standalone_mode=False)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.ClickException as exc:
        exc.show()
        code = EXIT_ERROR
    except click.exceptions.Abort:
        click.echo("mzcheck: 已中止", err=True)
        code = EXIT_ERROR
    except MzcheckError as exc:
        if debug:
            traceback.print_exc()
        click.echo(f"mzcheck: 错误: {exc}", err=True)
        code = EXIT_ERROR
    except KeyboardInterrupt:
        code = 130
    except Exception as exc:  # a bug: still one line unless --debug
        if debug:
            traceback.print_exc()
        click.echo(f"mzcheck: 内部错误: {type(exc).__name__}: {exc}（加 --debug 查看详情）", err=True)
        code = EXIT_ERROR
    sys.exit(code if isinstance(code, int) else EXIT_OK)
