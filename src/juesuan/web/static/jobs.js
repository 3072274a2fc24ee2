// 后台任务 page: follow unfinished jobs, show results or the reason of a failure, retry a failed one.
(function () {
  const table = document.getElementById("jobs");
  if (!table) return;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const message = document.getElementById("jobs-message");
  const LABELS = {queued: "排队中", running: "执行中", done: "完成", failed: "失败"};

  function link(href, text) {
    const a = document.createElement("a");
    a.href = href; a.textContent = text;
    return a;
  }

  function results(row, job) {
    const out = [];
    (job.result.files || []).forEach((entry, index) => {
      if (row.dataset.kind === "build") out.push(link(`/api/jobs/${job.id}/files/${index}`, String(entry).split("/").pop()));
      else if (entry.ok) out.push(link(`/review/jobs/${job.id}/files/${index}`, entry.file));
      else out.push(document.createTextNode(`${entry.file}：无法读取`));
      out.push(document.createTextNode(" "));
    });
    return out;
  }

  function show(row, job) {
    row.dataset.state = job.state;
    const state = row.querySelector(".job-state");
    state.textContent = LABELS[job.state] || job.state;
    state.className = "job-state " + job.state;
    const bar = row.querySelector(".job-progress");
    bar.max = Math.max(job.total, 1); bar.value = job.progress;
    row.querySelector(".job-count").textContent = `${job.progress}/${job.total}`;
    row.querySelector(".job-attempts").textContent = job.attempts;
    const note = row.querySelector(".job-note");
    note.replaceChildren();
    if (job.state === "failed") note.textContent = "失败原因：" + job.error;
    else if (job.state === "done") note.append(...results(row, job));
    else note.textContent = job.error || "";
    const actions = row.querySelector(".job-actions");
    actions.replaceChildren();
    if (job.state === "failed" && row.dataset.mayRetry === "yes") actions.append(retryButton(row));
  }

  function follow(row) {
    const poll = async () => {
      const response = await fetch(`/api/jobs/${row.dataset.job}`);
      if (response.status !== 200) return;
      const job = await response.json();
      show(row, job);
      if (job.state === "queued" || job.state === "running") setTimeout(poll, 1000);
    };
    poll();
  }

  function retryButton(row) {
    const button = document.createElement("button");
    button.type = "button"; button.className = "job-retry"; button.textContent = "重试";
    wire(row, button);
    return button;
  }

  function wire(row, button) {
    button.addEventListener("click", async () => {
      button.disabled = true;
      const response = await fetch(`/api/jobs/${row.dataset.job}/retry`, {method: "POST", headers: {"X-CSRF-Token": csrf}});
      const data = await response.json();
      if (response.status !== 202) { message.textContent = data.detail || "重试失败"; button.disabled = false; return; }
      message.textContent = `任务 ${row.dataset.job} 已重新排队`;
      show(row, data);
      follow(row);
    });
  }

  table.querySelectorAll("tr[data-job]").forEach((row) => {
    if (row.dataset.state === "queued" || row.dataset.state === "running") follow(row);
    const button = row.querySelector(".job-retry");
    if (button) wire(row, button);
  });
})();
