// The reviewer's batch upload: send the files, then follow the job's progress.
(function () {
  const form = document.getElementById("upload");
  if (!form) return;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const bar = document.getElementById("job-progress");
  const state = document.getElementById("job-state");
  const results = document.getElementById("job-results");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const response = await fetch("/api/uploads", {method: "POST", headers: {"X-CSRF-Token": csrf}, body: new FormData(form)});
    const data = await response.json();
    if (response.status !== 202) { state.textContent = data.detail || "上传失败"; return; }
    bar.hidden = false;
    const poll = async () => {
      const job = await (await fetch(`/api/jobs/${data.job}`)).json();
      bar.max = Math.max(job.total, 1); bar.value = job.progress;
      state.textContent = {queued: "排队中", running: "审核中", done: "完成", failed: "失败：" + job.error}[job.state]
        + (job.state === "queued" && job.error ? `（${job.error}）` : "");
      if (job.state === "failed") {  // the reason is shown; the uploader may queue it again
        const retry = document.createElement("button");
        retry.type = "button"; retry.textContent = "重试";
        retry.addEventListener("click", async () => {
          const response = await fetch(`/api/jobs/${data.job}/retry`, {method: "POST", headers: {"X-CSRF-Token": csrf}});
          if (response.status !== 202) { state.textContent = (await response.json()).detail || "重试失败"; return; }
          retry.remove(); state.textContent = "已重新排队"; poll();
        });
        state.append(" ", retry);
      }
      if (job.state === "done") {
        results.innerHTML = "";
        job.result.files.forEach((f, index) => {
          const li = document.createElement("li");
          li.textContent = f.ok ? `${f.file}：${f.department} ${f.year}年度 · 错误 ${f.counts["错误"]} · 警告 ${f.counts["警告"]} · 提示 ${f.counts["提示"]} `
                                : `${f.file}：无法读取（${f.problems.join("；")}）`;
          if (f.ok) {
            const a = document.createElement("a");
            a.href = `/review/jobs/${data.job}/files/${index}`;
            a.textContent = "查看发现（附页面图）";
            li.append(a);
          }
          results.append(li);
        });
      } else if (job.state !== "failed") setTimeout(poll, 800);
    };
    poll();
  });
})();
