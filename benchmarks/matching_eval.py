"""Matching benchmark: ranking quality of every method on the evaluation set, query latency and the
index build time for a generated corpus of 100,000 achievements.

- quality: nDCG@10, Recall@20 and MRR per method, on the tuned part and on the held-out part of
  zerobay/matching/engine/evalset (the held-out part is never tuned on);
- latency: mean time of one query (demand -> top 20 with reasons) as a ratio to the BM25-only
  query (jieba + bm25s, top 20 with reasons), over the 100,000-achievement corpus, in rounds that
  time every query on the baseline and then on the method (the median round's ratio);
- build: seconds to index the generated corpus, and the ratio to building the BM25 baseline.

    .venv/bin/python benchmarks/matching_eval.py [--achievements 100000] [--queries 20] [--methods bm25,best]

No database, no Django: the engine is plain Python.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from zerobay.matching.engine import METHODS, Doc, Matcher  # noqa: E402
from zerobay.matching.engine.evaluation import evaluate, load, ranker  # noqa: E402
from zerobay.matching.engine.tokenize import domain_tokenizer, plain_tokenizer  # noqa: E402


def quality(methods) -> None:
    data = load()
    print(
        f"evaluation set: {len(data.achievements)} achievements, "
        + ", ".join(f"{len(v)} {k} demands" for k, v in data.demands.items())
    )
    print(f"{'method':16s} {'part':8s} {'nDCG@10':>8s} {'R@20':>6s} {'MRR':>6s}")
    for method in methods:
        matcher = Matcher(data.achievements, method)
        for part, demands in data.demands.items():
            s = evaluate(ranker(matcher), demands, data.qrels)
            print(f"{method:16s} {part:8s} {s.ndcg10:8.3f} {s.recall20:6.3f} {s.mrr:6.3f}")


def generated_corpus(n: int, seed: int = 7) -> list[Doc]:
    """Achievements recombined from the evaluation set's titles and sentences: realistic vocabulary and
    lengths, so tokenising and indexing cost what real abstracts cost."""
    source = load().achievements
    rng = random.Random(seed)
    docs = []
    for k in range(n):
        a, b = rng.choice(source), rng.choice(source)
        title = a.title[: len(a.title) // 2 + 2] + b.title[len(b.title) // 2 :]
        docs.append(Doc(f"G{k:06d}", title, f"{a.text}{b.text}", field=a.field, maturity=a.maturity))
    return docs


ROUNDS = 3


def timing(methods, n: int, queries: int) -> None:
    plain_tokenizer(), domain_tokenizer()  # dictionaries loaded once, outside the timings
    corpus = generated_corpus(n)
    demands = [d for part in load().demands.values() for d in part][:queries]
    build, latency, baseline = {}, {}, {}  # baseline: the median ratio to the baseline per method
    start = time.perf_counter()
    bm25 = Matcher(corpus, "bm25")
    build["bm25"] = time.perf_counter() - start
    for method in methods:
        if method != "bm25":
            start = time.perf_counter()
            matcher = Matcher(corpus, method)
            build[method] = time.perf_counter() - start
        else:
            matcher = bm25
        # Rounds of all queries on the baseline, then all on the method (each after a warm-up query, so
        # that neither pays for the other's data in the CPU caches): a shared, noisy machine then slows
        # both alike within a round, and the median round's ratio holds.
        ratios, times, base = [], [], []
        for _round in range(ROUNDS):
            for m, out in ((bm25, base), (matcher, times)):
                m.search(demands[0], 20)
                start = time.perf_counter()
                for demand in demands:
                    m.search(demand, 20)
                out.append((time.perf_counter() - start) / len(demands))
            ratios.append(times[-1] / base[-1])
        latency[method], baseline[method] = statistics.median(times), statistics.median(ratios)
        del matcher
    print(f"\ncorpus: {n:,} generated achievements, {len(demands)} queries (top 20 with reasons)")
    print(f"{'method':16s} {'build s':>8s} {'build ×':>8s} {'query ms':>9s} {'query ×':>8s}")
    for method in methods:
        print(
            f"{method:16s} {build[method]:8.1f} {build[method] / build['bm25']:8.2f} "
            f"{latency[method] * 1000:9.1f} {baseline[method]:8.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--achievements", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--methods", default=",".join(METHODS))
    args = parser.parse_args()
    methods = [m for m in args.methods.split(",") if m]
    if "bm25" not in methods:
        methods.insert(0, "bm25")
    quality(methods)
    timing(methods, args.achievements, args.queries)


if __name__ == "__main__":
    main()
