"""One table comparing `bench/households.py` runs at several sizes (the JSON each run writes to BENCH_JSON).

    .venv/bin/python bench/compare.py /tmp/bench-10k.json /tmp/bench-100k.json /tmp/bench-1m.json

Prints, per page, its median time and query count at each size, its time over the hand-written SQL aggregate
at the largest size and its time at the largest size over its time at the smallest.
"""
import json
import sys


def size(n):
    return f"{n // 1_000_000:,}M" if n >= 1_000_000 else f"{n // 1000:,}k"


def main(paths):
    runs = sorted((json.loads(open(p, encoding="utf-8").read()) for p in paths), key=lambda r: r["households"])
    first, last = runs[0], runs[-1]
    sizes = [size(r["households"]) for r in runs]
    print("| Page | " + " | ".join(f"{s} ms" for s in sizes) + " | queries (" + " / ".join(sizes) + ") | "
          f"× SQL at {sizes[-1]} | {sizes[-1]} / {sizes[0]} | SQL of the page at {sizes[-1]} |")
    print("|---|" + "---:|" * (len(runs) + 4))
    print("| SQL viết tay: hộ nghèo, cận nghèo theo năm (tỉnh) | " + " | ".join(
        f"{r['sql_ms']:,.0f}" for r in runs) + f" | 1 | | {last['sql_ms'] / first['sql_ms']:.1f}× |")
    for label, page in last["pages"].items():
        cells = [f"{r['pages'][label]['ms']:,.0f}" if label in r["pages"] else "–" for r in runs]
        queries = " / ".join(str(r["pages"][label]["queries"]) if label in r["pages"] else "–" for r in runs)
        x_sql = f"{page['x_sql']:.2f}" if page["x_sql"] is not None else ""
        ratio = f"{page['ms'] / first['pages'][label]['ms']:.1f}×" if label in first["pages"] else ""
        page_sql = f"{page['page_sql_ms']:,.0f} ms" if "page_sql_ms" in page else ""
        print(f"| {label} | " + " | ".join(cells) + f" | {queries} | {x_sql} | {ratio} | {page_sql} |")


if __name__ == "__main__":
    main(sys.argv[1:])
