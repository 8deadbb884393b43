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
#: The report formats (kept here so --help needs no import of the reporters).
_FORMATS = ("text", "json", "junit", "sarif", "github", "html")
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 88}


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="mzcheck")
@click.option("--debug", is_flag=True, help="Show the full traceback when something fails.")
def cli(debug: bool) -> None:
    """mzcheck: check that the figures in a Chinese public report add up.

    \b
    Examples:
      mzcheck check data/nantong-2022-minzheng.txt
      mzcheck validate data/nantong-2022/figures.csv --schema schemas/curated-figures.yaml \\
          --rules checks/nantong-2022.yaml
      mzcheck extract data/nantong-2022-minzheng.txt -o figures.csv
      mzcheck rules
      mzcheck rule MZ302
    """


@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", metavar="PATH",
              help="Write here (format from the extension: .csv .json .parquet). Default: CSV on stdout.")
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "parquet"]),
              help="Output format, overriding the extension.")
@click.option("--across", is_flag=True,
              help="Link each figure that states a change against last year to the same quantity in the "
                   "report of the year before (column prior_figure, as doc#figure_id).")
@click.option("--period", "periods", multiple=True, metavar="FILE=YEAR",
              help="The year a report is of, when its opening does not say (with --across; repeatable).")
def extract(paths: tuple[str, ...], output: str | None, fmt: str | None, across: bool,
            periods: tuple[str, ...]) -> int:
    """Extract every figure from reports into the figures table.

    PATHS are reports: .txt .md (UTF-8 or GB18030), .html, .docx, .pdf, and tables (.csv .xlsx).

    \b
    Examples:
      mzcheck extract data/nantong-2022-minzheng.txt
      mzcheck extract data/nantong-2022-minzheng.txt -o out/figures.parquet
      mzcheck extract 2022年统计公报.txt 2023年统计公报.txt --across -o figures.csv
    """
    from mzcheck.engine import extract_paths
    from mzcheck.export import figures_csv, figures_json, format_for, write_figures

    from mzcheck.limits import check_environment
    from mzcheck.output import check_target

    check_environment()
    if output is not None:
        check_target(output)
    fmt = format_for(output, fmt)
    docs, figures = extract_paths(paths)
    if across or periods:
        figures = _link_figures(docs, figures, _periods(periods))
    if output is None:
        if fmt == "parquet":
            raise MzcheckError("Parquet 不能写到标准输出，请用 -o 指定文件")
        click.echo(figures_csv(figures) if fmt == "csv" else figures_json(docs, figures), nl=False)
    else:
        write_figures(docs, figures, output, fmt)
        click.echo(f"已写出 {len(figures)} 个数字 → {output}", err=True)
    return EXIT_OK


def _link_figures(docs, figures, periods):
    """The figures with ``prior_figure`` filled where a change links them to last year's report."""
    from dataclasses import replace

    from mzcheck.across import across
    from mzcheck.config import DEFAULTS

    links = across(docs, replace(DEFAULTS, select=("MZ327",), across=True), dict(periods)).links
    return [replace(f, prior_figure=links[f.doc][f.figure_id]) if f.figure_id in links.get(f.doc, {}) else f
            for f in figures]


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


def _outputs(outputs: tuple[str, ...], fmt: str | None) -> list[tuple[str, str]]:
    """-o/--output values → [(format, path)]; FORMAT=PATH, or PATH with --format or its extension."""
    from mzcheck.output import check_target
    from mzcheck.report import FORMATS, format_for_path

    if not outputs:
        return [(fmt or "text", "-")]
    result = []
    for value in outputs:
        head, sep, tail = value.partition("=")
        if sep and head in FORMATS:
            if tail and tail != "-":
                check_target(tail)
            result.append((head, tail or "-"))
            continue
        check_target(value)
        inferred = fmt or format_for_path(value)
        if inferred is None:
            raise MzcheckError(f"{value}: 无法从扩展名判断报告格式，请用 --format 或 FORMAT=PATH"
                               f"（格式：{'、'.join(FORMATS)}）")
        result.append((inferred, value))
    paths = [p for _, p in result if p != "-"]
    if len(paths) != len(set(paths)) or sum(1 for _, p in result if p == "-") > 1:
        raise MzcheckError("多个输出不能写到同一个文件（标准输出也只能用一次）")
    return result


def _emit(data, outputs: list[tuple[str, str]], threshold: str) -> None:
    """Write every output into a temporary file beside its target, then rename them
    all: a failure while rendering or writing leaves the previous files as they were."""
    import os

    from mzcheck.output import write_all_atomic
    from mzcheck.report import render_chunks

    tty = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    files = [(path, render_chunks(data, fmt, threshold, color=False)) for fmt, path in outputs if path != "-"]
    write_all_atomic(files)
    for fmt, path in outputs:
        if path == "-":
            for piece in render_chunks(data, fmt, threshold, color=tty):
                click.echo(piece, nl=False, color=tty)
    for path, _ in files:
        click.echo(f"已写出报告 → {path}", err=True)


def _run_options(f):
    """Options shared by check and validate."""
    options = [
        click.option("--format", "fmt", type=click.Choice(_FORMATS), default=None,
                     help="Report format for stdout or -o PATH [default: text, or from the extension]. "
                          "JSON is the canonical result."),
        click.option("-o", "--output", "outputs", multiple=True, metavar="[FORMAT=]PATH",
                     help="Write a report here (atomically); repeat for several: "
                          "--output html=report.html --output junit=junit.xml --output json=-"),
        click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
                     help="Exit 1 when a finding is at or above this severity [default: error, or the config's]."),
        click.option("--select", multiple=True, metavar="CODES",
                     help="Run only these rules: codes or prefixes, comma-separated (MZ3, MZ101)."),
        click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rules (codes or prefixes)."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False),
                     help="Configuration file [default: mzcheck.toml, or [tool.mzcheck] in pyproject.toml]."),
        click.option("--waivers", type=click.Path(dir_okay=False), help="Waivers file (YAML) accepting known findings."),
        click.option("--today", metavar="YYYY-MM-DD", envvar="MZCHECK_TODAY",
                     help="The date waivers expire against [default: today]."),
        click.option("--now", metavar="TIME", envvar="MZCHECK_NOW",
                     help="Timestamp written into reports [default: SOURCE_DATE_EPOCH if set, else none]."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _periods(values: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    out = []
    for value in values:
        name, _, year = value.rpartition("=")
        if not name or not year.isdigit() or not 1900 <= int(year) <= 2100:
            raise MzcheckError(f"--period 应写作 文件=年份（如 2023.txt=2023），而不是 {value}")
        out.append((name, int(year)))
    return tuple(out)


def _settings(config_path, fail_on, select, ignore, waivers):
    """defaults < configuration file < environment < command line: one Config."""
    from mzcheck.config import from_environment, load_file
    from mzcheck.finding import Severity

    from mzcheck.limits import check_environment

    check_environment()
    cfg = from_environment(load_file(explicit=config_path))
    return cfg.with_command_line(_codes(select, "--select"), _codes(ignore, "--ignore"),
                                 Severity.parse(fail_on) if fail_on else None, waivers)


def _finish(result, fmt, outputs, config, today, now) -> int:
    import datetime as dt
    from dataclasses import replace

    from mzcheck.report.canonical import result_dict

    targets = _outputs(outputs, fmt)
    waived = 0
    if config.waivers:
        from mzcheck.waivers import apply_waivers, load_waivers

        try:
            day = dt.date.fromisoformat(today) if today else dt.date.today()
        except ValueError:
            raise MzcheckError(f"--today 应为日期 YYYY-MM-DD，而不是 {today}") from None
        findings, waived = apply_waivers(list(result.findings), load_waivers(config.waivers), config.waivers, day,
                                         config.policy)
        result = replace(result, findings=tuple(findings))
    threshold = config.fail_on
    data = result_dict(result, {"fail_on": threshold.value, "select": list(config.select),
                                "ignore": list(config.ignore), "waived": waived}, now)
    _emit(data, targets, threshold.value)
    return EXIT_FINDINGS if result.fails(threshold) else EXIT_OK


@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=None,
              help="Parallel processes [default: all cores].")
@click.option("--glob", "pattern", metavar="PATTERN",
              help="In folders, check only files matching this pattern (default: every supported type).")
@click.option("--figures-out", type=click.Path(file_okay=False),
              help="Write the figures table as Parquet, one partition per document (document=…).")
@click.option("--follow-links", is_flag=True,
              help="In folders, follow links that point outside the folder given (not followed by default).")
@click.option("--executor", default="local", show_default=True, metavar="local|dask[=ADDRESS]",
              help="Where documents are checked: local processes, or a Dask cluster (mzcheck[dask]).")
@click.option("--across", is_flag=True,
              help="Also compare each report with the report of the year before (MZ327): what 比上年增长 "
                   "implies against what last year's report printed.")
@click.option("--period", "periods", multiple=True, metavar="FILE=YEAR",
              help="The year a report is of, when its opening does not say (with --across; repeatable).")
@_run_options
def check(paths, jobs, pattern, figures_out, follow_links, executor, across, periods, fmt, outputs, fail_on, select,
          ignore, config_path, waivers, today, now) -> int:
    """Check that the figures in reports and tables add up.

    Every figure is read as the interval its digits and qualifier allow (约, 近, 超过 …);
    a relation is consistent, a warning (it holds only under a named assumption, such as
    truncation), or an error. PATHS are reports (.txt .md .html .docx) or statistical
    tables (.csv .xlsx, or pipe tables inside reports).

    Folders are searched recursively and checked in parallel; an unreadable file is
    reported (MZ010) and the rest are still checked. Only regular files are read: links
    out of the folder given are not followed unless --follow-links, and devices and
    pipes are refused. Exit 2 only when nothing could be read; otherwise by findings and
    --fail-on (MZ010 counts as an error).

    \b
    Examples:
      mzcheck check data/nantong-2022-minzheng.txt
      mzcheck check report.html --format json -o out/run.json
      mzcheck check report.txt --fail-on warning --ignore MZ1
      mzcheck check archive/ --jobs 2 --glob '*.txt' --figures-out out/figures
      mzcheck check 2022年统计公报.txt 2023年统计公报.txt --across
    """
    from dataclasses import replace

    from mzcheck.pipeline import run

    config = _settings(config_path, fail_on, select, ignore, waivers)
    if across or periods:
        config = replace(config, across=True, periods=config.periods + _periods(periods))
    _outputs(outputs, fmt)   # a bad --output fails before any work is done
    result = run(paths, config, jobs, pattern, executor, figures_out, progress=sys.stderr.isatty(),
                 follow_links=follow_links)
    return _finish(result, fmt, outputs, config, today, now)


@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--schema", type=click.Path(dir_okay=False), help="pandera schema (YAML) for curated data files.")
@click.option("--rules", "rules", multiple=True, type=click.Path(dir_okay=False),
              help="Declarative rules file (YAML); may be repeated.")
@click.option("--engine", type=click.Choice(["pandera", "gx"]), default="pandera", show_default=True,
              help="Run the schema with pandera, or as a Great Expectations suite (needs mzcheck[gx]).")
@click.option("--data-docs", type=click.Path(file_okay=False), help="With --engine gx: build GX Data Docs here.")
@_run_options
def validate(paths, schema, rules, engine, data_docs, fmt, outputs, fail_on, select, ignore, config_path, waivers,
             today, now) -> int:
    """Validate curated figure data: schema, declared rules, and text against data.

    PATHS are curated tables (.csv/.xlsx with metric, value, unit … columns), and
    optionally reports or statistical tables, which get the built-in checks and are
    compared with the curated values. Same exit codes and JSON as check.

    \b
    Examples:
      mzcheck validate data/nantong-2022/figures.csv \\
          --schema schemas/curated-figures.yaml --rules checks/nantong-2022.yaml
      mzcheck validate data/nantong-2022/figures.csv data/nantong-2022-minzheng.txt \\
          --rules checks/nantong-2022.yaml --format junit -o out/junit.xml
    """
    from mzcheck.validate.run import validate_paths

    config = _settings(config_path, fail_on, select, ignore, waivers)
    schema = schema or config.schema
    rules = rules or config.rules
    if not schema and not rules and len(paths) < 2:
        raise MzcheckError("validate 需要 --schema 或 --rules（或在配置中给出 schema / rules），"
                           "或同时给出数据与报告以相互对照")
    if data_docs and engine != "gx":
        raise MzcheckError("--data-docs 只用于 --engine gx")
    result = validate_paths(paths, schema, rules, config, engine, data_docs)
    return _finish(result, fmt, outputs, config, today, now)


@cli.command("gx-suite", context_settings=CONTEXT)
@click.option("--schema", required=False, type=click.Path(dir_okay=False), help="pandera schema (YAML).")
@click.option("--rules", "rules", multiple=True, type=click.Path(dir_okay=False),
              help="Declarative rules file; the comparisons GX can express are added.")
@click.option("-o", "--output", required=True, metavar="PATH", help="Where to write the suite (JSON).")
def gx_suite(schema, rules, output) -> int:
    """Write a Great Expectations 1.x ExpectationSuite equivalent to a schema and rules.

    What GX cannot express (interval arithmetic, rounding-aware equality, relations with
    report text) is listed on stderr and in the suite's meta; it is never dropped
    silently. Needs the optional extra: pip install 'mzcheck[gx]'.

    \b
    Example:
      mzcheck gx-suite --schema schemas/curated-figures.yaml \\
          --rules checks/nantong-2022.yaml -o out/suite.json
    """
    import json

    from mzcheck.config import load_file
    from mzcheck.output import write_text_atomic
    from mzcheck.validate.gx import build_suite

    cfg = load_file()
    schema = schema or cfg.schema
    if not schema:
        raise MzcheckError("gx-suite 需要 --schema（或配置中的 schema）")
    built = build_suite(schema, list(rules or cfg.rules))
    write_text_atomic(output, json.dumps(built.suite, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    for note in built.not_expressed:
        click.echo(f"mzcheck: GX 未表达：{note}", err=True)
    click.echo(f"已写出 GX 期望集（{len(built.suite['expectations'])} 条期望，"
               f"{len(built.not_expressed)} 项未表达）→ {output}", err=True)
    return EXIT_OK


@cli.command(context_settings=CONTEXT)
@click.option("--from", "source", required=True, type=click.Path(dir_okay=False),
              help="A saved result: the JSON of check or validate (--format json).")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default=None,
              help="Report format [default: text, or from the extension].")
@click.option("-o", "--output", "outputs", multiple=True, metavar="[FORMAT=]PATH",
              help="Write here (atomically); repeat for several outputs.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Severity that counts as a failure (JUnit) [default: the saved run's].")
def report(source, fmt, outputs, fail_on) -> int:
    """Re-render a saved run in any format.

    \b
    Examples:
      mzcheck check data/nantong-2022-minzheng.txt --format json -o out/run.json
      mzcheck report --from out/run.json -o out/report.html
      mzcheck report --from out/run.json --output sarif=out/run.sarif --output github=-
    """
    from pathlib import Path

    from mzcheck.report.canonical import load

    try:
        text = Path(source).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MzcheckError(f"{source}: 文件不存在") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise MzcheckError(f"{source}: 无法读取（{exc}）") from None
    data = load(text, source)
    threshold = fail_on or data.get("options", {}).get("fail_on", "error")
    _emit(data, _outputs(outputs, fmt), threshold)
    return EXIT_OK


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
    from mzcheck.rules import chinese

    click.echo(f"{r.code} {r.name} {chinese.title(r.code)} ({r.severity.value}, {r.family})\n")
    click.echo(r.page)
    click.echo("\n" + chinese.page(r.code, r.example("Fails"), r.example("Passes")))
    return EXIT_OK


@cli.command(context_settings=CONTEXT)
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("-o", "--output", metavar="PATH",
              help="Where to write the corrected copy [default: NAME.fixed.SUFFIX beside the report].")
@click.option("--in-place", is_flag=True, help="Correct the report itself (written atomically).")
@click.option("--select", multiple=True, metavar="CODE|FINGERPRINT",
              help="Fix only these findings: a rule code or prefix (MZ302, MZ3) or a fingerprint "
                   "(repeatable) [default: every finding with a slip's repair].")
@click.option("--diff-only", is_flag=True, help="Print the diff and write nothing.")
def fix(path, output, in_place, select, diff_only) -> int:
    """Apply the likely typing slips mzcheck found, and show the diff.

    Each finding's top-ranked repair is applied when it undoes a typing slip (two digits
    swapped, a decimal point or scale word wrong, truncation instead of rounding, a digit
    dropped, doubled or wrong, a direction word flipped); a repair that only says which
    value would make the relation hold is left to the auditor. Two repairs of one place are
    both left out. The unified diff goes to standard output.

    .txt and .md reports get a corrected copy (never the report itself unless --in-place);
    for other formats the diff of the text read is printed and nothing is written.

    \b
    Examples:
      mzcheck fix report.txt                       # writes report.fixed.txt
      mzcheck fix report.txt --select MZ302 -o out/report.txt
      mzcheck fix report.txt --in-place --select 3f2a9c0d1e4b5a69
    """
    from pathlib import Path

    from mzcheck.config import Config
    from mzcheck.fix import PATCHABLE, patch, plan, roundtrips, unified_diff
    from mzcheck.ingest import read_bytes
    from mzcheck.ingest.decode import decode_text
    from mzcheck.output import write_atomic
    from mzcheck.pipeline import run

    if in_place and output:
        raise MzcheckError("--in-place 与 -o 只能选一个")
    result = run([path], Config(), 1)
    docs = list(result.documents)
    if not docs:
        reasons = "；".join(f.message for f in result.findings) or "无法读取"
        raise MzcheckError(f"{path}: {reasons}")
    doc = docs[0]
    chosen = plan(result.findings, select)
    for f, r in chosen.conflicts:
        click.echo(f"mzcheck: 第{f.line}行 {f.code} 的修改与另一处重叠，未应用：{r.explanation}", err=True)
    repairs = [r for _, r in chosen.applied]
    fixed = patch(doc.text, repairs)
    click.echo(unified_diff(Path(path).name, doc.text, fixed), nl=False)
    if not repairs:
        click.echo("mzcheck: 没有可自动修改的问题（只有数值建议，需人工判断）", err=True)
        return EXIT_OK
    if diff_only or doc.format not in PATCHABLE:
        if doc.format not in PATCHABLE:
            click.echo(f"mzcheck: {doc.format} 文件只给出差异，未写出文件", err=True)
        return EXIT_OK
    data = read_bytes(path)
    text, encoding = decode_text(data, path)
    if text != doc.text or not roundtrips(text, encoding, data):
        raise MzcheckError(f"{path}: 无法按原编码（{encoding}）原样写回，未写出；请按差异手工修改")
    target = Path(path) if in_place else Path(output) if output else \
        Path(path).with_name(f"{Path(path).stem}.fixed{Path(path).suffix}")
    body = fixed.encode(encoding)

    def write(tmp: str) -> None:
        Path(tmp).write_bytes(body)

    write_atomic(target, write)
    click.echo(f"mzcheck: 已修改 {len(repairs)} 处 → {target}", err=True)
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
    except click.exceptions.Abort:      # click's own Ctrl-C
        click.echo("mzcheck: 已中断（未写出任何报告）", err=True)
        code = 130
    except MzcheckError as exc:
        if debug:
            traceback.print_exc()
        click.echo(f"mzcheck: 错误: {exc}", err=True)
        code = EXIT_ERROR
    except KeyboardInterrupt:
        click.echo("mzcheck: 已中断（未写出任何报告）", err=True)
        code = 130
    except Exception as exc:  # a bug: still one line unless --debug
        if debug:
            traceback.print_exc()
        click.echo(f"mzcheck: 内部错误: {type(exc).__name__}: {exc}（加 --debug 查看详情）", err=True)
        code = EXIT_ERROR
    sys.exit(code if isinstance(code, int) else EXIT_OK)
