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
      mzcheck extract data/nantong-2022-minzheng.txt -o figures.csv
      mzcheck extract report.html report.docx --format json
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
