// Portal charts (ECharts, served by the app). The tables beside each chart carry the same figures,
// so the page reads fully without script; numbers arrive as decimal strings and become plot
// coordinates only here.
(function () {
  if (typeof echarts === "undefined") return;
  const num = (s) => (s === null || s === undefined ? null : Number(s));
  const chart = (id, option) => {
    const el = document.getElementById(id);
    if (!el) return null;
    const c = echarts.init(el, null, {renderer: "svg"});
    c.setOption(Object.assign({animation: false, tooltip: {}}, option));
    window.addEventListener("resize", () => c.resize());
    return c;
  };
  const toTree = (nodes) => nodes.map((n) => ({name: n.name, value: num(n.value), children: toTree(n.children || [])}));
  const dataEl = document.getElementById("portal-data");
  if (dataEl) {
    const d = JSON.parse(dataEl.textContent);
    chart("chart-structure", {series: [{type: "treemap", data: toTree(d.structure), leafDepth: 1, roam: false,
      label: {show: true, formatter: "{b}"}, upperLabel: {show: true, height: 22}, breadcrumb: {show: true}}]});
    const bars = (id, rows, a, b, la, lb) => chart(id, {legend: {}, grid: {left: 200},
      xAxis: {type: "value"}, yAxis: {type: "category", data: rows.map((r) => r.label)},
      series: [{name: la, type: "bar", data: rows.map((r) => num(r[a]))}, {name: lb, type: "bar", data: rows.map((r) => num(r[b]))}]});
    bars("chart-budget", d.budget_vs_actual, "budget", "final", "全年预算数", "决算数");
    bars("chart-yoy", d.prior_year, "prior", "current", "上年数", "本年数");
    const keys = ["因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"];
    chart("chart-three", {legend: {}, xAxis: {type: "category", data: d.three_public.map((r) => String(r.year))},
      yAxis: {type: "value", name: "万元"}, series: keys.map((k) => ({name: k, type: "bar", stack: "t", data: d.three_public.map((r) => num(r[k]))}))});
    chart("chart-scores", {grid: {left: 260}, xAxis: {type: "value", max: 100}, yAxis: {type: "category", data: d.scores.map((s) => s.project)},
      series: [{type: "bar", data: d.scores.map((s) => num(s.score))}]});
  }
  const compareEl = document.getElementById("compare-data");
  if (compareEl) {
    const rows = JSON.parse(compareEl.textContent);
    chart("chart-compare", {legend: {}, grid: {left: 260}, xAxis: {type: "value", name: "万元"},
      yAxis: {type: "category", data: rows.map((r) => r.department)},
      series: ["本年支出合计", "“三公”经费决算"].map((k) => ({name: k, type: "bar", data: rows.map((r) => num(r.totals[k]))}))});
  }
})();
