"""Lighthouse (the npm package, package.json) on each page type, mobile profile, EN and AR.

Not a pytest module: a measurement run by hand against a server with the demo
(DEBUG off, static files by WhiteNoise), e.g.::

    CHROME_PATH=/usr/bin/chromium .venv/bin/python tests/benchmarks/lighthouse.py \
        --base-url http://127.0.0.1:8010 --out lighthouse-scores.json

It writes every page's four category scores (0–100) and, for any category under
100, the audits that cost it points. Runs one page at a time (Lighthouse measures
time: two at once would slow each other down).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
PAGES = {
    "home": "/{lang}/",
    "summit": "/{lang}/summits/montreal-2015/",
    "declaration": "/{lang}/summits/duesseldorf-2019/declaration/",
    "city": "/{lang}/cities/montreal/",
    "initiative": "/{lang}/cities/montreal/neighbourhood-dialogue-tables/",
    "international_day": "/{lang}/international-day/",
    "search": "/{lang}/search/",
    "search_results": "/{lang}/search/?query=living",
}
# Result pages say noindex on purpose (search engines keep out of a site's own search):
# Lighthouse's "page is blocked from indexing" costs them SEO points, left out of "lowest".
NOINDEX = {"search_results"}


def audit(url):
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={CHROME_FLAGS}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--quiet",
        ]
        env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
        subprocess.run(command, check=True, env=env, timeout=300)
        data = json.loads(report.read_text())
    scores = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    flagged = {}
    for name in CATEGORIES:
        if scores[name] == 100:
            continue
        flagged[name] = [
            {"id": ref["id"], "score": data["audits"][ref["id"]]["score"]}
            for ref in data["categories"][name]["auditRefs"]
            if ref["weight"] and (data["audits"][ref["id"]]["score"] or 0) < 1
        ]
    metrics = {
        key: data["audits"][key]["numericValue"]
        for key in ("first-contentful-paint", "largest-contentful-paint", "cumulative-layout-shift")
    }
    return {"url": url, "scores": scores, "flagged": flagged, "metrics": metrics}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8010")
    parser.add_argument("--out", default="lighthouse-scores.json")
    parser.add_argument("--languages", nargs="+", default=["en", "ar"])
    parser.add_argument("--pages", nargs="+", default=list(PAGES))
    args = parser.parse_args()
    results = []
    for lang in args.languages:
        for page in args.pages:
            url = args.base_url.rstrip("/") + PAGES[page].format(lang=lang)
            try:
                result = audit(url)
            except subprocess.CalledProcessError:
                result = audit(url)  # Chromium can fail to start on a loaded machine: once more
            result.update(page=page, language=lang)
            results.append(result)
            print(page, lang, result["scores"], flush=True)  # noqa: T201
    lowest = {
        name: min(
            result["scores"][name]
            for result in results
            if not (name == "seo" and result["page"] in NOINDEX)
        )
        for name in CATEGORIES
    }
    Path(args.out).write_text(
        json.dumps({"lowest": lowest, "results": results}, indent=2, ensure_ascii=False) + "\n"
    )
    print("lowest", lowest)  # noqa: T201
    return 0 if min(lowest.values()) >= 95 else 1


if __name__ == "__main__":
    sys.exit(main())
