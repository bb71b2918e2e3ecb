#!/usr/bin/env python3
"""Browser test of the HTML/PDF report pages (issue #12), standard library only.

Renders report pages with `tolok` (the bundled branches, one branch, 200 branches, loss-making and
missing-data branches, in English and Indonesian; dea, sfa and two-stage pages), opens each in
headless Chromium and checks:
  * every branch name is in the rendered DOM (--dump-dom);
  * every chart's <svg> has a non-empty bounding box, no console error, no network request — read
    from a test copy of the page with a small inline probe script (the shipped page has no script);
  * the screenshot is not blank (PNG decoded with zlib: many colours, enough non-white pixels);
  * the PDF (--format pdf) has pages (pdfinfo) and its text (pdftotext) contains every branch.
Installs Debian chromium and poppler-utils with apt-get when they are missing (as root).

  python3 scripts/browser-test.py [.build/debug/tolok] [--keep DIR] [--screenshot docs/img/branch-report.png]
"""
import csv, os, re, shutil, struct, subprocess, sys, tempfile, zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


def ensure_tools():
    need = [p for p, tool in (("chromium", chromium()), ("poppler-utils", shutil.which("pdftotext"))) if not tool]
    if need:
        if os.geteuid() != 0 or not shutil.which("apt-get"):
            sys.exit("browser-test: missing %s (Debian: apt-get install %s)" % (", ".join(need), " ".join(need)))
        print("browser-test: installing", " ".join(need))
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        if subprocess.call(["apt-get", "install", "-y", "-q"] + need, env=env, stdout=subprocess.DEVNULL) != 0:
            subprocess.check_call(["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL)
            subprocess.check_call(["apt-get", "install", "-y", "-q"] + need, env=env, stdout=subprocess.DEVNULL)


def chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser")


def browser(args, url, work):
    cmd = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
           "--hide-scrollbars", "--user-data-dir=" + os.path.join(work, "profile"), "--enable-logging=stderr", "--v=0"] + args + [url]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    return p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


# A probe appended to a copy of the page: writes each chart's bounding box, the number of
# resources fetched and any error into the DOM, which --dump-dom then shows.
PROBE = """<script>
window.__errors = [];
window.addEventListener('error', function (e) { window.__errors.push(String(e.message)); });
window.addEventListener('load', function () {
  var out = [];
  document.querySelectorAll('svg.chart').forEach(function (s) {
    var r = s.getBoundingClientRect(); var b = s.getBBox();
    out.push(s.getAttribute('data-chart') + ':' + Math.round(r.width) + 'x' + Math.round(r.height) + ':' + Math.round(b.width) + 'x' + Math.round(b.height));
  });
  var p = document.createElement('pre'); p.id = 'probe';
  p.textContent = 'CHARTS=' + out.join(',') + '\\nRESOURCES=' + (performance.getEntriesByType('resource').length + document.querySelectorAll('[src],[href],[srcset],[data],link,iframe,object,embed').length) + '\\nERRORS=' + window.__errors.join('|');
  document.body.appendChild(p);
});
</script>"""


def png_stats(path):
    """(distinct colours among sampled pixels, share of non-white pixels) of an 8-bit PNG."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and ctype in (2, 6), "unexpected PNG type"
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    colours, nonwhite, total, k = set(), 0, 0, 0
    for y in range(height):
        f = raw[k]; line = bytearray(raw[k + 1:k + 1 + stride]); k += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pr) & 255
        prev = line
        if y % 4 == 0:
            for x in range(0, width, 4):
                px = bytes(line[x * bpp:x * bpp + 3])
                colours.add(px); total += 1
                if px != b"\xff\xff\xff": nonwhite += 1
    return len(colours), nonwhite / max(total, 1)


def branch_names(path):
    with open(path, newline="") as f:
        return [r[0] for r in list(csv.reader(f))[1:]]


def main():
    args = sys.argv[1:]
    keep = shot = None
    if "--keep" in args: keep = args.pop(args.index("--keep") + 1); args.remove("--keep")
    if "--screenshot" in args: shot = args.pop(args.index("--screenshot") + 1); args.remove("--screenshot")
    tolok = os.path.abspath(args[0] if args else os.path.join(ROOT, ".build/debug/tolok"))
    if shot:
        shot = os.path.abspath(shot)
        os.makedirs(os.path.dirname(shot), exist_ok=True)
    ensure_tools()
    work = keep or tempfile.mkdtemp(prefix="tolok-browser-")
    os.makedirs(work, exist_ok=True)
    os.chdir(ROOT)

    pages = []  # (name, html path, names expected, expected chart count)
    def render(name, plugin, data, extra, lang, ids, charts):
        out = os.path.join(work, name + ".html")
        p = subprocess.run([tolok, "run", plugin, "--data", data] + extra + ["--lang", lang, "--output", out], stderr=subprocess.PIPE)
        if p.returncode != 0:
            fail("%s: tolok exit %d: %s" % (name, p.returncode, p.stderr.decode().strip())); return
        pages.append((name, out, ids, charts))

    sets = {"branches_2025": 5, "branches_one": 4, "branches_200": 5, "branches_loss_missing": 5}
    for s, charts in sets.items():
        data = "Datasets/branches/%s.csv" % s
        for lang in ("en", "id"):
            render("%s-%s" % (s, lang), "branch-comparison", data, [], lang, branch_names(data), charts)
    render("periods-id", "branch-comparison", "Datasets/branches/branches_2024_2025.csv", ["--period", "period"], "id",
           branch_names("Datasets/branches/branches_2025.csv"), 6)
    render("dea-en", "dea", "Datasets/cst_hospitals_12.csv", ["--id", "dmu", "--inputs", "x1_doctors,x2_nurses", "--outputs", "y1_outpatients"], "en",
           branch_names("Datasets/cst_hospitals_12.csv"), 2)
    render("sfa-id", "sfa", "Datasets/front41_eg1_logs.csv", ["--id", "firm", "--y", "ly", "--x", "lk,ll"], "id", [], 1)
    render("two-stage-en", "two-stage-dea", "Datasets/kao_hwang_2008.csv",
           ["--id", "dmu", "--inputs", "x1_operation_expenses,x2_insurance_expenses", "--intermediates", "z1_direct_written_premiums,z2_reinsurance_premiums",
            "--outputs", "y1_underwriting_profit,y2_investment_profit", "--method", "relational"], "en", [], 2)

    for name, path, ids, charts in pages:
        html = open(path, encoding="utf-8").read()
        if "<script" in html or re.search(r"(src|href)=", html):
            fail("%s: the page has a script or a link" % name)
        probe = path.replace(".html", ".probe.html")
        open(probe, "w", encoding="utf-8").write(html.replace("</body>", PROBE + "</body>"))
        dom, log = browser(["--run-all-compositor-stages-before-draw", "--virtual-time-budget=3000", "--dump-dom"], "file://" + probe, work)
        text = re.sub(r"\s+", " ", dom.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"'))
        missing = [i for i in ids if i not in text]
        if missing: fail("%s: %d names not in the DOM, e.g. %s" % (name, len(missing), missing[:3]))
        m = re.search(r"CHARTS=(.*)\nRESOURCES=(\d+)\nERRORS=([^<\n]*)", dom)
        if not m:
            fail("%s: probe did not run" % name); continue
        found = [c for c in m.group(1).split(",") if c]
        if len(found) != charts: fail("%s: %d charts, expected %d" % (name, len(found), charts))
        for c in found:
            kind, box, bbox = c.split(":")
            if any(int(v) <= 0 for v in box.split("x") + bbox.split("x")): fail("%s: chart %s has an empty box %s/%s" % (name, kind, box, bbox))
        if m.group(2) != "0": fail("%s: %s network/resource requests" % (name, m.group(2)))
        if m.group(3).strip(): fail("%s: page errors %s" % (name, m.group(3)))
        console = [l for l in log.splitlines() if "CONSOLE" in l and ("Error" in l or "error" in l)]
        if console: fail("%s: console errors: %s" % (name, console[:2]))
        print("ok   %-28s %3d names, charts %s" % (name, len(ids), " ".join(c.split(":")[0] for c in found)))

    # Screenshots of the two languages' bundled report: not blank.
    for lang in ("en", "id"):
        png = os.path.join(work, "branches_2025-%s.png" % lang)
        browser(["--window-size=1000,1300", "--screenshot=" + png], "file://" + os.path.join(work, "branches_2025-%s.html" % lang), work)
        if not os.path.exists(png): fail("no screenshot %s" % png); continue
        colours, ink = png_stats(png)
        if colours < 20 or ink < 0.02: fail("screenshot %s looks blank: %d colours, %.1f%% non-white" % (png, colours, ink * 100))
        else: print("ok   screenshot %s: %d colours, %.1f%% non-white" % (lang, colours, ink * 100))
        if shot and lang == "en":
            shutil.copyfile(png, shot)

    # PDFs: pages and text.
    for s in sets:
        data = "Datasets/branches/%s.csv" % s
        pdf = os.path.join(work, s + ".pdf")
        p = subprocess.run([tolok, "run", "branch-comparison", "--data", data, "--output", pdf], stderr=subprocess.PIPE)
        if p.returncode != 0: fail("%s pdf: exit %d %s" % (s, p.returncode, p.stderr.decode().strip())); continue
        info = subprocess.run(["pdfinfo", pdf], stdout=subprocess.PIPE).stdout.decode()
        pages_n = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", "-raw", pdf, "-"], stdout=subprocess.PIPE).stdout.decode("utf-8", "replace"))
        missing = [i for i in branch_names(data) if re.sub(r"\s+", " ", i) not in text]
        if pages_n < 2: fail("%s pdf: %d pages" % (s, pages_n))
        if missing: fail("%s pdf: %d branches not in the text, e.g. %s" % (s, len(missing), missing[:3]))
        print("ok   %-28s %d pages, every branch in the text" % (s + ".pdf", pages_n))

    # Without Chromium, --format pdf is a usage error (exit 2) naming the Debian package, and no file is written.
    absent = os.path.join(work, "absent.pdf")
    p = subprocess.run([tolok, "run", "branch-comparison", "--data", "Datasets/branches/branches_one.csv", "--output", absent],
                       stderr=subprocess.PIPE, env=dict(os.environ, TOLOK_CHROMIUM="/nonexistent/chromium"))
    if p.returncode != 2 or "Debian package chromium" not in p.stderr.decode() or os.path.exists(absent):
        fail("without chromium: exit %d, %s" % (p.returncode, p.stderr.decode().strip()))
    else:
        print("ok   without chromium: exit 2 naming the Debian package")

    if not keep: shutil.rmtree(work, ignore_errors=True)
    if failures:
        print("browser-test: %d failures" % len(failures)); sys.exit(1)
    print("browser-test: all checks passed")


if __name__ == "__main__":
    main()
