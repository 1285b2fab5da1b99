"""How suggestions change as a researcher codes: cold start against learned, point by point.

Run: .venv/bin/python bench/learning_curve.py [--out bench/learning_curve.png] [--folds 3]
Targets (issue 11): shown hit@3 of the learned engine never below cold start at any point,
at least 0.85 from 65 coded passages on; quiet (uncoded turns shown nothing) at least 0.6.

The demo interviews are split by interview into folds. For each fold a project is built from
the other interviews (imported in full, as a researcher would), and the demo codings are
applied in reading order (interview by interview, passage by passage) until it holds 0, 10,
25, 65, 150 and finally all coded passages; at each point ``qvs train``'s own path trains and
stores the model, and the held-out fold's coded passages and uncoded respondent turns are
scored by the cold-start engine and by the learned one. Counts are pooled over the folds.
The figures are printed as a table, and shown hit@3 and coverage are plotted against the
number of coded passages (matplotlib).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import yaml

from qualcoder_vs.core.project import Project
from qualcoder_vs.demo import DEMO_TRANSCRIPTS, build_demo
from qualcoder_vs.nlp.evaluation import SideResult, Tally, fold_sources
from qualcoder_vs.nlp.learner import code_profiles, train
from qualcoder_vs.nlp.passages import project_passages
from qualcoder_vs.nlp.suggester import build_engine

POINTS: tuple[int | None, ...] = (0, 10, 25, 65, 150, None)  # None: every coded passage
FIGURES = ("shown_hit1", "shown_hit3", "ranked_hit1", "ranked_hit3", "coverage", "quiet")


def training_folder(folder: Path, keep: set[str]) -> Path:
    """A copy of the demo data with only the interviews in ``keep`` and no codings: the
    project of a researcher who imported them and has coded nothing yet."""
    data = folder / "data"
    (data / "demo_codings").mkdir(parents=True)
    lines = (DEMO_TRANSCRIPTS / "attributes.csv").read_text(encoding="utf-8").splitlines()
    kept = [lines[0]] + [line for line in lines[1:] if Path(line.split(",")[0]).stem in keep]
    (data / "attributes.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    settings = yaml.safe_load((DEMO_TRANSCRIPTS / "demo.yaml").read_text(encoding="utf-8"))
    settings["speaker_roles"] = [
        r for r in settings.get("speaker_roles", []) if Path(r["file"]).stem in keep
    ]
    (data / "demo.yaml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    for line in kept[1:]:
        name = line.split(",")[0]
        shutil.copyfile(DEMO_TRANSCRIPTS / name, data / name)
    return data


def reading_order(full: Project, sources: list[str]) -> list[tuple[str, int, int, list[str]]]:
    """The demo's coded passages of ``sources``: interview by interview, in reading order."""
    ranges: dict[tuple[str, int, int], list[str]] = {}
    for view in full.queries.codings():
        if view.source in sources:
            ranges.setdefault((view.source, view.start, view.end), []).append(view.code)
    order = {name: i for i, name in enumerate(sources)}
    return [
        (s, a, b, codes)
        for (s, a, b), codes in sorted(ranges.items(), key=lambda r: (order[r[0][0]], r[0][1]))
    ]


def run(folds: int) -> dict[str, list[tuple[int, SideResult, SideResult]]]:
    with tempfile.TemporaryDirectory() as tmp:
        full = build_demo(Path(tmp) / "full.qvs")
        data = project_passages(full)
        names = sorted({p.source for p in data.turns})
        codes = [p.key for p in code_profiles(full)]
        tallies: dict[int | None, tuple[Tally, Tally, list[int]]] = {
            point: (Tally(codes), Tally(codes), []) for point in POINTS
        }
        for number, test in enumerate(fold_sources(names, folds)):
            held_out = data.only(test)
            train_names = [n for n in names if n not in test]
            folder = Path(tmp) / f"fold{number}"
            project = build_demo(
                folder / "train.qvs", data_dir=training_folder(folder, set(train_names))
            )
            # build_demo applies the (empty) codings of the copied folder: start from none
            passages = reading_order(full, train_names)
            applied = 0
            for point in POINTS:
                target = len(passages) if point is None else min(point, len(passages))
                for source, start, end, pcodes in passages[applied:target]:
                    project.codings.add(source, start, end, pcodes, coder="bench")
                applied = target
                cold_tally, learned_tally, sizes = tallies[point]
                cold = build_engine(project, learned=False)
                cold_tally.add(cold, held_out.coded, held_out.uncoded_turns)
                if applied:
                    train(project)
                    learned = build_engine(project)
                else:
                    learned = cold
                learned_tally.add(learned, held_out.coded, held_out.uncoded_turns)
                sizes.append(applied)
            project.close()
        full.close()
    return {
        "points": [
            (sum(sizes) // len(sizes), cold.result("cold start"), learned.result("learned"))
            for cold, learned, sizes in tallies.values()
        ]
    }


def print_table(rows: list[tuple[int, SideResult, SideResult]]) -> None:
    header = ["coded", "side", *FIGURES]
    print(" | ".join(f"{h:>11}" for h in header))
    for coded, cold, learned in rows:
        for side in (cold, learned):
            values = [f"{getattr(side, f):.3f}" for f in FIGURES]
            print(" | ".join(f"{v:>11}" for v in [str(coded), side.name, *values]))
    print()
    print("per code, learned at the last point (shown output): code, n, P, R, F1")
    cold, learned = rows[-1][1], rows[-1][2]
    for c, q in zip(cold.per_code, learned.per_code, strict=True):
        print(
            f"  {q.code:<24} {q.support:>3}  cold {c.precision:.2f} {c.recall:.2f} {c.f1:.2f}"
            f"  learned {q.precision:.2f} {q.recall:.2f} {q.f1:.2f}"
        )


def plot(rows: list[tuple[int, SideResult, SideResult]], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    xs = [coded for coded, _, _ in rows]
    fig, ax = plt.subplots(figsize=(7, 4))
    for attr, style in (("shown_hit3", "-o"), ("coverage", "-s")):
        ax.plot(
            xs,
            [getattr(c, attr) for _, c, _ in rows],
            style,
            color="grey",
            label=f"{attr} cold start",
        )
        ax.plot(xs, [getattr(lrn, attr) for _, _, lrn in rows], style, label=f"{attr} learned")
    ax.axhline(0.85, linestyle=":", color="black", linewidth=0.8)
    ax.set_xlabel("coded passages in the project")
    ax.set_ylim(0, 1.02)
    ax.set_title("Suggestions on held-out demo interviews")
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    print(f"plot: {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("bench/learning_curve.png"))
    args = parser.parse_args()
    started = time.perf_counter()
    rows = run(args.folds)["points"]
    print_table(rows)
    plot(rows, args.out)
    print(f"{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
