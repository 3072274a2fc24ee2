"""Build time per output format for the seed example, and our PDF against LibreOffice.

Each format is built in a fresh Python process (cold: fonts, templates and the profile
are loaded as a user's first build would) and then once more in the same process (warm:
a second file of the same run). As ``juesuan build`` does, the worker first lets the
renderer prepare (``registry.prepare``: the PDF renderer reads its fonts in a thread)
and then loads and composes; the "no warm-up" row skips that. Peak memory is the
process's max RSS (typst's Rust memory included). The whole package is timed twice: in
one process through ``render.package`` (PDF in a thread beside the others), and as the
complete ``juesuan build FILE`` command (Python start, imports, load, compose, all four
files). The LibreOffice column converts our own DOCX with
``soffice --headless --convert-to pdf`` (after one untimed run that creates its profile),
set against our render call and against the whole ``juesuan build --formats pdf``
command; it is skipped when ``soffice`` is not installed. Read-back coverage: the share
of the printed table amounts found again in each file (tests/render/readback.py).

Our sources are byte-compiled first (``compileall``), as an installed package is.

Usage: ``python bench/build_bench.py [FILE] [--repeat N]``.
"""

from __future__ import annotations

import compileall
import dataclasses
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import EXAMPLES, ROOT, print_table

SEED_EXAMPLE = EXAMPLES / "urumqi-iit-2022.yaml"
FORMATS = ("docx", "xlsx", "pdf", "html")


def worker(formats: list[str], file: Path, out_dir: Path, warm_up: bool = True) -> dict:
    """In this (fresh) process: load, compose, then time each format cold, and warm on a
    second, different document (another title, so typst cannot reuse a memoised result)."""
    start = time.perf_counter()
    from juesuan.fileformat import load
    from juesuan.narrative import compose
    from juesuan.render import render
    from juesuan.render.package import render_package
    from juesuan.render.registry import prepare

    imported = time.perf_counter()
    if warm_up:
        prepare(formats)
    disclosure = load(file)
    document = compose(disclosure)
    prepared = time.perf_counter()
    result = {"import_s": imported - start, "load_compose_s": prepared - imported, "formats": {}}
    if len(formats) > 1:  # the package: every format at once, as `juesuan build` does
        began, cpu = time.perf_counter(), time.process_time()
        outcomes = list(render_package(formats, disclosure, document, out_dir / "cold"))
        result["package_s"] = time.perf_counter() - began
        result["package_cpu_s"] = time.process_time() - cpu
        result["formats"] = {o.name: {"cold_s": o.seconds} for o in outcomes}
        formats = []
    for name in formats:
        began, cpu = time.perf_counter(), time.process_time()
        render(name, disclosure, document, out_dir / f"cold.{name}")
        cold, cold_cpu = time.perf_counter() - began, time.process_time() - cpu
        second = dataclasses.replace(document, title=document.title + "（第二份）")
        began = time.perf_counter()
        render(name, disclosure, second, out_dir / f"warm.{name}")
        result["formats"][name] = {"cold_s": cold, "cold_cpu_s": cold_cpu,
                                   "warm_s": time.perf_counter() - began}
    result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def command(args: list[str]) -> dict:
    """Wall seconds and peak RSS of a whole ``juesuan`` command in a fresh process."""
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "juesuan", *args], check=True, capture_output=True, cwd=ROOT)
    seconds = time.perf_counter() - began
    return {"seconds": seconds,
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def spawn(args: list[str]) -> dict:
    output = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True,
                            text=True, cwd=ROOT).stdout
    return json.loads(output.strip().splitlines()[-1])


def soffice_worker(docx: Path, out_dir: Path, profile: Path) -> dict:
    command = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)]
    began = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    seconds = time.perf_counter() - began
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"seconds": seconds, "cpu_s": usage.ru_utime + usage.ru_stime,
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def coverage(file: Path, out_dir: Path) -> dict[str, float]:
    sys.path.insert(0, str(ROOT / "tests" / "render"))
    import re
    from decimal import Decimal

    import readback
    from juesuan.fileformat import load
    from juesuan.narrative import compose
    from juesuan.render.layout import LayoutOptions
    from juesuan.render.xlsx import document_grids

    disclosure = load(file)
    grids = document_grids(disclosure, compose(disclosure), LayoutOptions.for_disclosure(disclosure))
    expected = readback.printed_amounts(grids)
    cent = Decimal("0.01")
    numbers = {v.quantize(cent) for v in readback.amount_values(grids)}
    xlsx = {Decimal(str(v)).quantize(cent) for v in readback.xlsx_values(out_dir / "cold.xlsx")
            if isinstance(v, (int, float))}
    pdf = set(re.findall(r"-?\d{1,3}(?:,\d{3})*\.\d{2}(?!\d)", readback.pdf_text(out_dir / "cold.pdf")))
    return {
        "docx": readback.coverage(expected, set(readback.docx_cell_texts(out_dir / "cold.docx"))),
        "xlsx": readback.coverage(numbers, xlsx),
        "pdf": readback.coverage(expected, pdf),
        "html": readback.coverage(expected, set(readback.html_cell_texts(out_dir / "cold.html"))),
    }


def main(argv: list[str]) -> int:
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 3
    files = [a for a in argv if a.endswith((".yaml", ".yml", ".json"))]
    file = Path(files[0]) if files else SEED_EXAMPLE
    if not file.is_file():
        print(f"skip: no example file {file}")
        return 0
    # Byte-compile our sources as pip does for an installed wheel: with
    # PYTHONDONTWRITEBYTECODE set (as in some sandboxes) every fresh process would
    # otherwise compile ~110 modules again (~0.15 s) and time that instead of the build.
    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    work = Path(tempfile.mkdtemp(prefix="juesuan-build-bench-"))
    rows, runs = [], {}
    for name in FORMATS:
        samples = [spawn(["--worker", name, str(file), str(work)]) for _ in range(repeat)]
        runs[name] = samples
        cold = statistics.median(s["formats"][name]["cold_s"] for s in samples)
        cpu = statistics.median(s["formats"][name]["cold_cpu_s"] for s in samples)
        warm = statistics.median(s["formats"][name]["warm_s"] for s in samples)
        rss = max(s["peak_rss_mib"] for s in samples)
        rows.append([name, f"{cold:.3f}", f"{cpu:.3f}", f"{warm:.3f}", f"{rss:.0f}"])
    bare = [spawn(["--worker", "pdf", str(file), str(work), "--no-warm-up"]) for _ in range(repeat)]
    rows.append(["pdf, no warm-up", f"{statistics.median(s['formats']['pdf']['cold_s'] for s in bare):.3f}",
                 f"{statistics.median(s['formats']['pdf']['cold_cpu_s'] for s in bare):.3f}",
                 f"{statistics.median(s['formats']['pdf']['warm_s'] for s in bare):.3f}",
                 f"{max(s['peak_rss_mib'] for s in bare):.0f}"])
    package = [spawn(["--worker", ",".join(FORMATS), str(file), str(work)]) for _ in range(repeat)]
    prepare = statistics.median(s["load_compose_s"] for s in package)
    imports = statistics.median(s["import_s"] for s in package)
    print_table(f"juesuan build — {file.name} (median of {repeat}; render only, after load+compose "
                f"{prepare:.3f} s and imports {imports:.3f} s)",
                ["format", "cold s", "cold CPU s", "second doc s", "peak RSS MiB"], rows)

    # --force: the examples keep the seed's defects as printed; the gate would refuse them (its check is timed in)
    whole = [command(["build", str(file), "-o", str(work / "cli"), "--force"]) for _ in range(repeat)]
    pdf_only = [command(["build", str(file), "-o", str(work / "cli"), "--formats", "pdf", "--force"])
                for _ in range(repeat)]
    print_table("The whole package, DOCX + XLSX + PDF + HTML (PDF in a thread beside the others)",
                ["measured", "median s", "min s", "CPU s", "peak RSS MiB"],
                [["render.package, after load+compose",
                  f"{statistics.median(s['package_s'] for s in package):.3f}",
                  f"{min(s['package_s'] for s in package):.3f}",
                  f"{statistics.median(s['package_cpu_s'] for s in package):.3f}",
                  f"{max(s['peak_rss_mib'] for s in package):.0f}"],
                 ["imports + load + compose + render.package",
                  f"{statistics.median(s['package_s'] + s['import_s'] + s['load_compose_s'] for s in package):.3f}",
                  f"{min(s['package_s'] + s['import_s'] + s['load_compose_s'] for s in package):.3f}", "", ""],
                 [f"`juesuan build {file.name}` (whole command)",
                  f"{statistics.median(r['seconds'] for r in whole):.3f}",
                  f"{min(r['seconds'] for r in whole):.3f}", "",
                  f"{max(r['peak_rss_mib'] for r in whole):.0f}"]])

    ours = statistics.median(s["formats"]["pdf"]["cold_s"] for s in runs["pdf"])
    ours_min = min(s["formats"]["pdf"]["cold_s"] for s in runs["pdf"])
    ours_cpu = statistics.median(s["formats"]["pdf"]["cold_cpu_s"] for s in runs["pdf"])
    ours_warm = statistics.median(s["formats"]["pdf"]["warm_s"] for s in runs["pdf"])
    ours_bare = statistics.median(s["formats"]["pdf"]["cold_s"] for s in bare)
    ours_cli = statistics.median(r["seconds"] for r in pdf_only)
    if shutil.which("soffice"):
        profile = work / "lo-profile"
        spawn(["--soffice", str(work / "cold.docx"), str(work / "lo"), str(profile)])  # creates the profile
        lo = [spawn(["--soffice", str(work / "cold.docx"), str(work / "lo"), str(profile)])
              for _ in range(repeat)]
        lo_s = statistics.median(r["seconds"] for r in lo)
        lo_min = min(r["seconds"] for r in lo)
        lo_cpu = statistics.median(r["cpu_s"] for r in lo)
        print_table("PDF: typst (ours) vs LibreOffice converting our DOCX (wall and CPU seconds)",
                    ["engine", "median s", "min s", "CPU s", "peak RSS MiB",
                     "ours faster (median / min / CPU)"],
                    [["typst render call, fresh process (fonts read during load)", f"{ours:.3f}",
                      f"{ours_min:.3f}", f"{ours_cpu:.3f}",
                      f"{max(s['peak_rss_mib'] for s in runs['pdf']):.0f}",
                      f"{lo_s / ours:.1f}× / {lo_min / ours_min:.1f}× / {lo_cpu / ours_cpu:.1f}×"],
                     ["typst render call, fresh process, no warm-up", f"{ours_bare:.3f}", "", "", "",
                      f"{lo_s / ours_bare:.1f}×"],
                     ["typst, second document in the same process", f"{ours_warm:.3f}", "", "", "",
                      f"{lo_s / ours_warm:.1f}×"],
                     [f"`juesuan build --formats pdf` (whole command from the YAML)", f"{ours_cli:.3f}",
                      f"{min(r['seconds'] for r in pdf_only):.3f}", "",
                      f"{max(r['peak_rss_mib'] for r in pdf_only):.0f}", f"{lo_s / ours_cli:.1f}×"],
                     ["soffice --headless --convert-to pdf (whole command from the DOCX)", f"{lo_s:.3f}",
                      f"{lo_min:.3f}", f"{lo_cpu:.3f}", f"{max(r['peak_rss_mib'] for r in lo):.0f}", "1.0×"]])
    else:
        print("\nPDF vs LibreOffice: skipped (soffice not installed; Debian: libreoffice-writer)")
    cover = coverage(file, work)
    print_table("Read-back coverage of the printed table amounts", ["format", "found"],
                [[name, f"{share:.1%}"] for name, share in cover.items()])
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        print(json.dumps(worker(sys.argv[2].split(","), Path(sys.argv[3]), Path(sys.argv[4]),
                                warm_up="--no-warm-up" not in sys.argv)))
    elif len(sys.argv) > 1 and sys.argv[1] == "--soffice":
        print(json.dumps(soffice_worker(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))))
    else:
        sys.exit(main(sys.argv[1:]))
