// The department's editor: live 审核 while typing, save as a new version, workflow actions.
// Progressive enhancement: the page is readable without it; amounts travel as strings (never floats).
(function () {
  const root = document.getElementById("editor");
  if (!root) return;
  const filing = root.dataset.filing;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  let base = Number(root.dataset.version);
  const editable = root.dataset.editable === "true";
  const changes = new Map();
  const fields = new Map();  // inputs of the 说明 a finding asks for (上年数, 主要原因)
  const message = document.getElementById("message");
  const saveButton = document.getElementById("save");
  let timer = null;

  async function call(method, url, body) {
    const response = await fetch(url, {method, headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
                                        body: body === undefined ? undefined : JSON.stringify(body)});
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    return {status: response.status, data};
  }

  function detail(data) {
    if (!data) return "请求失败";
    return Array.isArray(data.detail) ? data.detail.join("；") : (data.detail || "");
  }

  function fieldFor(f, kept) {
    // The input a 说明 finding asks for (I-001: 上年数, 主要原因), as the page renders it; the one the user
    // is typing in is kept (same element, same listeners, focus given back).
    const label = document.createElement("label");
    const input = kept.get(f.location.item) || document.createElement("input");
    if (!kept.has(f.location.item)) {
      input.className = "field"; input.dataset.field = f.location.item; input.maxLength = 5000;
      input.setAttribute("aria-label", f.location.text);
      if (fields.has(f.location.item)) input.value = fields.get(f.location.item);
      wireField(input);
    }
    label.append("填写：", input);
    return label;
  }

  function showFindings(result, cellsOnly) {
    const c = result.counts;
    document.getElementById("counts").textContent = `错误 ${c["错误"]} · 警告 ${c["警告"]} · 提示 ${c["提示"]}`;
    const list = document.getElementById("findings");
    const focused = document.activeElement;
    const kept = new Map(Array.from(list.querySelectorAll("input.field"), (el) => [el.dataset.field, el]));
    // The page renders the stored version's list (with the reviewer's marks); only edits rebuild it.
    if (!cellsOnly) list.innerHTML = "";
    document.querySelectorAll("input.amount").forEach((el) => el.classList.remove("sev-错误", "sev-警告", "sev-提示"));
    for (const f of result.findings) {
      if (!cellsOnly) {
        const li = document.createElement("li");
        li.className = "sev-" + f.severity;
        const b = document.createElement("b");
        b.textContent = f.severity;
        li.append(b, ` ${f.rule_id} · ${f.location.text}`, document.createElement("br"), f.message);
        if (f.rule_id === "I-001" && f.location.item && editable) li.append(document.createElement("br"), fieldFor(f, kept));
        list.append(li);
      }
      for (const item of [f.location.item, ...(f.related || [])]) {
        if (!item) continue;
        const cell = document.querySelector(`input.amount[data-item="${CSS.escape(item)}"]`);
        if (cell && !cell.classList.contains("sev-错误")) cell.classList.add("sev-" + f.severity);
      }
    }
    if (focused && kept.get(focused.dataset.field) === focused) {
      if (!focused.isConnected) {  // its finding is answered while the user types: the input stays in place
        const li = document.createElement("li");
        const label = document.createElement("label");
        label.append("已填写：", focused);
        li.append(label);
        list.prepend(li);
      }
      if (document.activeElement !== focused) focused.focus();
    }
  }

  function showScores(scores) {
    (scores || []).forEach((score, index) => {
      const table = document.querySelector(`table.perf[data-project="${index}"]`);
      if (!table) return;
      table.querySelector(".recomputed-total").textContent = score.recomputed_total;
      table.querySelector(".difference").textContent =
        score.difference && Number(score.difference) !== 0 ? `（差 ${score.difference}）` : "";
      table.querySelectorAll("td.recomputed").forEach((cell) => {
        cell.textContent = score.indicators[Number(cell.dataset.index)] || "";
      });
    });
  }

  async function liveCheck(cellsOnly) {
    const result = await call("POST", `/api/filings/${filing}/edits/check`,
                              {base_version: base, changes: Object.fromEntries(changes),
                               fields: Object.fromEntries(fields)});
    if (result.status === 200) {
      showFindings(result.data, cellsOnly === true); showScores(result.data.scores); message.textContent = "";
    }
    else message.textContent = detail(result.data);
  }

  document.querySelectorAll("input.amount:not(.field)").forEach((input) => {
    input.addEventListener("input", () => {
      changes.set(input.dataset.item, input.value);
      input.classList.add("changed");
      if (saveButton) saveButton.disabled = false;
      clearTimeout(timer);
      timer = setTimeout(liveCheck, 400);
    });
  });

  function wireField(input) {
    input.addEventListener("input", () => {
      fields.set(input.dataset.field, input.value);
      if (saveButton) saveButton.disabled = false;
      clearTimeout(timer);
      timer = setTimeout(liveCheck, 400);
    });
  }
  document.querySelectorAll("input.field").forEach(wireField);

  async function save() {
    const note = document.getElementById("comment").value;
    const result = await call("PUT", `/api/filings/${filing}/edits`,
                              {base_version: base, changes: Object.fromEntries(changes),
                               fields: Object.fromEntries(fields), note});
    const box = document.getElementById("conflict");
    if (result.status === 200) {
      base = result.data.version;
      document.getElementById("version").textContent = base;
      changes.clear();
      fields.clear();
      document.querySelectorAll("input.amount.changed").forEach((el) => el.classList.remove("changed"));
      saveButton.disabled = true;
      box.hidden = true;
      showFindings(result.data);
      message.textContent = `已保存为第${base}版`;
    } else if (result.status === 409 && result.data && result.data.current_version) {
      box.hidden = false;
      box.innerHTML = "";
      const p = document.createElement("p");
      p.textContent = `${result.data.detail}。他人改动了：`;
      const ul = document.createElement("ul");
      for (const c of result.data.their_changes || []) {
        const li = document.createElement("li");
        li.textContent = `${c.path}：${c.before ?? ""} → ${c.after ?? ""}`;
        ul.append(li);
      }
      const redo = document.createElement("button");
      redo.type = "button";
      redo.textContent = `在第${result.data.current_version}版上保存我的修改`;
      redo.addEventListener("click", () => { base = result.data.current_version; save(); });
      box.append(p, ul, redo);
    } else {
      message.textContent = detail(result.data);
    }
  }
  if (saveButton) saveButton.addEventListener("click", save);
  liveCheck(true);  // mark the cells that the stored version's findings name (the list is the page's)

  document.querySelectorAll("button.act").forEach((button) => {
    button.addEventListener("click", async () => {
      const comment = document.getElementById("comment").value;
      const result = await call("POST", `/api/filings/${filing}/actions`, {action: button.dataset.action, comment});
      if (result.status === 200) window.location.reload();
      else message.textContent = detail(result.data);
    });
  });

  document.querySelectorAll(".marks").forEach((group) => {
    group.querySelectorAll("button.mark").forEach((button) => {
      button.addEventListener("click", async () => {
        const result = await call("POST", `/api/filings/${filing}/marks`,
                                  {finding_key: group.dataset.key, rule_id: group.dataset.rule, mark: button.textContent});
        message.textContent = result.status === 201 ? `已标记：${button.textContent}` : detail(result.data);
      });
    });
  });

  const build = document.getElementById("build");
  build.addEventListener("click", async () => {
    const started = await call("POST", `/api/filings/${filing}/build`);
    if (started.status !== 202) { message.textContent = detail(started.data); return; }
    message.textContent = "正在生成……";
    const poll = async () => {
      const job = await call("GET", `/api/jobs/${started.data.job}`);
      if (job.data.state === "done") {
        message.innerHTML = "";
        job.data.result.files.forEach((path, index) => {
          const a = document.createElement("a");
          a.href = `/api/jobs/${started.data.job}/files/${index}`;
          a.textContent = path.split("/").pop();
          message.append(a, " ");
        });
      } else if (job.data.state === "failed") {
        message.textContent = "生成失败：" + job.data.error + " ";
        const retry = document.createElement("button");
        retry.type = "button"; retry.textContent = "重试";
        retry.addEventListener("click", async () => {
          const again = await call("POST", `/api/jobs/${started.data.job}/retry`);
          if (again.status !== 202) { message.textContent = detail(again.data); return; }
          message.textContent = "已重新排队……"; poll();
        });
        message.append(retry);
      } else setTimeout(poll, 800);
    };
    poll();
  });

  const tabs = Array.from(document.querySelectorAll('[role="tab"]'));
  function select(tab) {
    tabs.forEach((t) => {
      const on = t === tab;
      t.setAttribute("aria-selected", on); t.tabIndex = on ? 0 : -1;
      document.getElementById(t.getAttribute("aria-controls")).hidden = !on;
    });
    tab.focus();
  }
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", (e) => {
      if (e.key === "ArrowRight") select(tabs[(i + 1) % tabs.length]);
      if (e.key === "ArrowLeft") select(tabs[(i - 1 + tabs.length) % tabs.length]);
    });
  });
})();
