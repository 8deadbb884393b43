"""The rule catalogue as Markdown (docs/rules.md), generated from the registry.

`python -m mzcheck.rules.catalogue > docs/rules.md` regenerates it; a test keeps it
current.
"""

from __future__ import annotations

from mzcheck.rules import chinese
from mzcheck.rules.registry import all_rules


def render() -> str:
    rules = all_rules()
    out = ["# Rule catalogue", "",
           "Generated from the rule registry (`python -m mzcheck.rules.catalogue > docs/rules.md`).",
           "`mzcheck rules` lists the same; `mzcheck rule MZ301` prints one page. Codes never",
           "change meaning and are never reused.", "",
           "| code | name | severity | what it checks |", "|---|---|---|---|"]
    for r in rules:
        anchor = f"{r.code.lower()}-{r.name}"
        out.append(f"| [{r.code}](#{anchor}) | {r.name} | {r.severity.value} | {r.summary} |")
    for r in rules:
        out += ["", f"## {r.code} {r.name}", "", f"Severity: **{r.severity.value}** · family: {r.family} · "
                f"中文：{chinese.title(r.code)}", ""]
        body = r.page.split("\n", 1)[1].strip() if "\n" in r.page else ""
        out.append(r.summary)
        if body:
            out += ["", body.replace("Fails:\n", "Fails:\n\n").replace("Passes:\n", "Passes:\n\n")]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(render(), end="")
