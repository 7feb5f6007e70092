"""axe-core (vendored in tests/browser/vendor/, see its README) run inside a page of the browser tests.

The pages' Content-Security-Policy allows scripts from this server only, so a <script> tag that Playwright adds
(`add_script_tag`, inline content) would be refused. axe is evaluated instead through the DevTools protocol
(`page.evaluate`), which the page's CSP does not govern; the context keeps its CSP, so the pages are checked as
people get them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
# WCAG 2.0 and 2.1, levels A and AA: what Vietnamese and EU public-sector rules ask of a government site.
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
BLOCKING = ("serious", "critical")


@dataclass(frozen=True)
class Violation:
    page: str  # what the test calls the page ("review board, open editor (huy.pq)")
    url: str
    rule: str
    impact: str
    help: str
    help_url: str
    targets: tuple[str, ...]  # CSS selectors of the offending nodes
    summaries: tuple[str, ...]  # axe's "Fix any of the following…" per node

    def describe(self) -> str:
        lines = [f"[{self.impact}] {self.rule}: {self.help} — on {self.page} ({self.url})", f"    {self.help_url}"]
        for target, summary in list(zip(self.targets, self.summaries, strict=True))[:8]:
            lines.append(f"    at {target}")
            lines.extend(f"       {line.strip()}" for line in summary.splitlines() if line.strip())
        if len(self.targets) > 8:
            lines.append(f"    … and {len(self.targets) - 8} more nodes")
        return "\n".join(lines)


def audit(page: Page, name: str, include: str | None = None) -> list[Violation]:
    """Every WCAG 2.1 A/AA violation axe finds on what the page shows now (or inside `include`, a selector)."""
    # What a person reads once the page is still: a form in flight is dimmed (.htmx-request) and a saved row
    # flashes, and axe would measure the contrast of those passing colours.
    page.wait_for_function("""() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')
        && document.getAnimations().every(a => a.playState !== 'running')""")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        """async ([include, tags]) => {
            const options = {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]};
            const found = await axe.run(include ? {include: [include]} : document, options);
            return found.violations.map(v => ({
                rule: v.id, impact: v.impact || "minor", help: v.help, helpUrl: v.helpUrl,
                targets: v.nodes.map(n => n.target.join(" ")),
                summaries: v.nodes.map(n => n.failureSummary || ""),
            }));
        }""",
        [include, list(TAGS)],
    )
    return [Violation(name, page.url, v["rule"], v["impact"], v["help"], v["helpUrl"], tuple(v["targets"]),
                      tuple(v["summaries"])) for v in result]


def blocking(violations: list[Violation]) -> list[Violation]:
    return [v for v in violations if v.impact in BLOCKING]


def report(violations: list[Violation]) -> str:
    return "\n".join(v.describe() for v in violations)
