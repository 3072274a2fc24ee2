"""The audit report as one self-contained HTML page, and the batch index.

No CDN and no external resources: thumbnails are data URIs, the filters and the reviewer's
确认/误报 marks are a few lines of inline script (marks kept in localStorage, exported as JSON).
"""

from __future__ import annotations

import base64
import html
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from . import Audit
from .content import SEVERITIES, family_counts, meta_rows, title_of
from .group import plain, where
E = html.escape

STYLE = """
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;margin:1.5em 2em;color:#222}
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.15em;margin:1.4em 0 .4em;border-bottom:2px solid #444}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15em 1em;margin:.8em 0}
dl.meta dt{color:#555}dl.meta dd{margin:0;word-break:break-all}
table{border-collapse:collapse;width:100%;margin:.3em 0}td,th{border:1px solid #bbb;padding:.35em .55em;
vertical-align:top}th{background:#eef0f3;white-space:nowrap}td.num{text-align:right;font-variant-numeric:tabular-nums;
white-space:nowrap}.sev-错误{color:#b00020;font-weight:bold}.sev-警告{color:#a15c00;font-weight:bold}.sev-提示{color:#555}
.filters{position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #ddd;z-index:1}
.filters fieldset{display:inline-block;border:1px solid #ccc;margin-right:1em;padding:.2em .6em}
.filters label{margin-right:.7em;white-space:nowrap}img.thumb{max-width:100%;height:auto;border:1px solid #999;display:block}
tr.thumb td{border-top:none;padding:.2em .55em .6em;background:#fafafa}tr.finding:has(+tr.thumb) td{border-bottom:none}
tr.marked-confirm td:first-child{box-shadow:inset 4px 0 #2e7d32}tr.marked-false td:first-child{box-shadow:inset 4px 0 #888}
tr.marked-false{opacity:.6}.rule{color:#555;font-size:.9em}.mark label{display:block;white-space:nowrap}
@media print{.filters,.mark{display:none}}
"""

SCRIPT = """
(function(){
const key='juesuan-marks:'+document.body.dataset.sha;
function apply(){
  const on=new Set([...document.querySelectorAll('.filters input:checked')].map(i=>i.value));
  document.querySelectorAll('tr.finding').forEach(r=>{
    r.hidden=!(on.has('sev:'+r.dataset.severity)&&on.has('fam:'+r.dataset.family));});
  document.querySelectorAll('tr.thumb').forEach(t=>{t.hidden=document.getElementById(t.dataset.for).hidden;});
  document.querySelectorAll('section.group').forEach(s=>{
    s.hidden=!s.querySelector('tr.finding:not([hidden])');});
  document.getElementById('shown').textContent=document.querySelectorAll('tr.finding:not([hidden])').length;
}
function load(){try{return JSON.parse(localStorage.getItem(key)||'{}')}catch(e){return {}}}
function show(marks){document.querySelectorAll('tr.finding').forEach(r=>{
  const m=marks[r.id]||'';r.classList.toggle('marked-confirm',m==='确认');r.classList.toggle('marked-false',m==='误报');
  r.querySelectorAll('.mark input').forEach(i=>{i.checked=(i.value===m)});});}
document.querySelectorAll('.filters input').forEach(i=>i.addEventListener('change',apply));
document.querySelectorAll('.mark input').forEach(i=>i.addEventListener('change',()=>{
  const marks=load();marks[i.name.slice(5)]=i.value;localStorage.setItem(key,JSON.stringify(marks));show(marks);}));
document.getElementById('export').addEventListener('click',()=>{
  const marks=load();const b=document.body.dataset;
  const rows=[...document.querySelectorAll('tr.finding')].filter(r=>marks[r.id]).map(r=>({
    id:r.id,rule_id:r.dataset.rule,severity:r.dataset.severity,family:r.dataset.family,
    location:r.dataset.where,mark:marks[r.id]}));
  const data={file:b.file,sha256:b.sha,department:b.department,year:b.year,ruleset:b.ruleset,
    exported:new Date().toISOString(),marks:rows};
  const a=document.createElement('a');
  a.href=URL.createObjectURL(new Blob([JSON.stringify(data,null,2)],{type:'application/json'}));
  a.download=b.stem+'.marks.json';document.body.appendChild(a);a.click();a.remove();});
show(load());apply();
})();
"""


def _value(value: Any) -> str:
    return "" if value is None else E(plain(str(value)))


def page_link(audit: Audit, out_dir: Path, page: int | None) -> str | None:
    """``relative/file.pdf#page=N`` from the report's folder, for a checked PDF."""
    if page is None or audit.source is None or audit.source.suffix.lower() != ".pdf":
        return None
    rel = os.path.relpath(audit.source.resolve(), out_dir.resolve())
    return quote(Path(rel).as_posix()) + f"#page={page}"


def _thumb_row(audit: Audit, fid: str, f: dict[str, Any]) -> str:
    """A full-width row under the finding: the page region around its cell, legible at its own size."""
    thumb = audit.thumbnail(f)
    if thumb is None:
        return ""
    data = base64.b64encode(thumb.png).decode("ascii")
    return (f'<tr class="thumb" data-for="{fid}"><td colspan="9"><img class="thumb" alt="第{thumb.page}页局部" '
            f'width="{thumb.width}" height="{thumb.height}" src="data:image/png;base64,{data}"></td></tr>')


def _row(audit: Audit, out_dir: Path, index: int, f: dict[str, Any]) -> str:
    fid = f"F{index:03d}"
    info = audit.rules.get(f["rule_id"])
    family = audit.family_of(f)
    place = where(f)
    link = page_link(audit, out_dir, f.get("location", {}).get("page"))
    place_html = E(place)
    if link:
        place_html += f'<br><a class="page" href="{E(link)}" target="_blank">打开第{f["location"]["page"]}页</a>'
    message = plain(f["message"])
    if f.get("related_rules"):
        message += "（所涉恒等式：" + "；".join(f["related_rules"]) + "）"
    mark = "".join(f'<label><input type="radio" name="mark-{fid}" value="{m}"> {m}</label>' for m in ("确认", "误报"))
    return (f'<tr class="finding" id="{fid}" data-severity="{f["severity"]}" data-family="{E(family)}" '
            f'data-rule="{E(f["rule_id"])}" data-where="{E(place)}">'
            f'<td class="sev-{f["severity"]}">{f["severity"]}</td>'
            f'<td>{E(f["rule_id"])}<div class="rule">{E(family)}：{E(info.title if info else "")}</div></td>'
            f"<td>{place_html}</td><td>{E(message)}</td>"
            f'<td class="num">{_value(f.get("expected"))}</td><td class="num">{_value(f.get("actual"))}</td>'
            f'<td class="num">{_value(f.get("difference"))}</td><td>{_value(f.get("suggestion"))}</td>'
            f'<td class="mark">{mark}</td></tr>' + _thumb_row(audit, fid, f))


def counts_table(audit: Audit) -> str:
    """Families down, severities across, with totals."""
    head = "<tr><th>规则族</th>" + "".join(f"<th>{s}</th>" for s in SEVERITIES) + "<th>合计</th></tr>"
    counted = family_counts(audit)
    body = "".join(f"<tr><td>{E(fam)}</td>" + "".join(f'<td class="num">{n[s]}</td>' for s in SEVERITIES)
                   + f'<td class="num">{sum(n.values())}</td></tr>' for fam, n in counted[:-1])
    total = counted[-1][1]
    body += ("<tr><th>合计</th>" + "".join(f'<td class="num">{total[s]}</td>' for s in SEVERITIES)
             + f'<td class="num">{sum(total.values())}</td></tr>')
    return f'<table class="counts">{head}{body}</table>'


def _filing_links(names: list[str] | tuple[str, ...]) -> str:
    """Links to the DOCX/PDF for filing written beside the page (same content, thumbnails included)."""
    if not names:
        return ""
    links = " · ".join(f'<a href="{E(quote(n))}">{E(Path(n).suffix[1:].upper())}</a>' for n in names)
    return f"<dt>存档版本</dt><dd>{links}</dd>"


def audit_html(audit: Audit, out_dir: Path, filing: list[str] | tuple[str, ...] = ()) -> str:
    families = sorted({audit.family_of(f) for f in audit.findings})
    filters = ('<div class="filters"><fieldset><legend>级别</legend>'
               + "".join(f'<label><input type="checkbox" value="sev:{s}" checked> {s}</label>' for s in SEVERITIES)
               + '</fieldset><fieldset><legend>规则族</legend>'
               + "".join(f'<label><input type="checkbox" value="fam:{E(x)}" checked> {E(x)}</label>' for x in families)
               + f'</fieldset> 显示 <span id="shown">{len(audit.findings)}</span> / {len(audit.findings)} 条 '
               '<button id="export" type="button">导出复核标记（JSON）</button></div>')
    head = "".join(f"<th>{h}</th>" for h in ("级别", "规则", "位置", "问题", "应为", "实为", "差额", "建议", "复核"))
    sections, index = [], 0
    for group in audit.groups():
        rows = []
        for f in group.findings:
            index += 1
            rows.append(_row(audit, out_dir, index, f))
        sections.append(f'<section class="group"><h2>{E(group.title)}（{len(group.findings)}）</h2>'
                        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></section>")
    meta = meta_rows(audit)
    title = E(title_of(audit))
    stem = audit.source.stem if audit.source else "audit"
    body_data = (f'data-file="{E(audit.name)}" data-sha="{E(audit.sha256)}" data-department="{E(audit.department)}" '
                 f'data-year="{audit.year or ""}" data-ruleset="{E(audit.ruleset)}" data-stem="{E(stem)}"')
    empty = "" if audit.findings else "<p>未发现问题。</p>"
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta name="viewport" content="width=device-width"><style>{STYLE}</style></head><body {body_data}>'
            f"<h1>{title}</h1><dl class=\"meta\">"
            + "".join(f"<dt>{k}</dt><dd>{E(v)}</dd>" for k, v in meta)
            + _filing_links(filing)
            + f"</dl>{counts_table(audit)}{filters}{empty}{''.join(sections)}<script>{SCRIPT}</script></body></html>\n")


def index_html(entries: list[tuple[Audit | None, Path | None, str]], out_dir: Path) -> str:
    """One row per checked file: a link to its report and its counts, or why it was not checked."""
    rows = []
    totals = dict.fromkeys(SEVERITIES, 0)
    for audit, report, label in entries:
        if audit is None or report is None:
            rows.append(f"<tr><td>{E(label)}</td><td></td><td></td>"
                        + '<td colspan="3">无法读取</td><td></td><td></td></tr>')
            continue
        counts = audit.counts()
        for s in SEVERITIES:
            totals[s] += counts[s]
        href = quote(os.path.relpath(report.resolve(), out_dir.resolve()))
        rows.append(f'<tr><td><a href="{E(href)}">{E(label)}</a></td><td>{E(audit.department)}</td>'
                    f'<td>{audit.year or ""}</td>'
                    + "".join(f'<td class="num sev-{s}">{counts[s]}</td>' for s in SEVERITIES)
                    + f"<td>{'有错误' if counts['错误'] else '通过'}</td>"
                    + "<td>" + " · ".join(f'<a href="{E(quote(os.path.relpath(p.resolve(), out_dir.resolve())))}">'
                                          f"{p.suffix[1:].upper()}</a>" for p in
                                          (report.with_suffix(".docx"), report.with_suffix(".pdf")) if p.exists())
                    + "</td></tr>")
    head = "".join(f"<th>{h}</th>" for h in ("文件", "部门", "年度", *SEVERITIES, "结论", "存档"))
    foot = ("<tr><th>合计</th><td></td><td></td>" + "".join(f'<td class="num">{totals[s]}</td>' for s in SEVERITIES)
            + "<td></td><td></td></tr>")
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>审核报告索引</title>'
            f"<style>{STYLE}</style></head><body><h1>审核报告索引（{len(entries)} 个文件）</h1>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}{foot}</tbody></table></body></html>\n")
