// Import a workbook / file as a new filing, then open its editor.
(function () {
  const form = document.getElementById("import");
  if (!form) return;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const state = document.getElementById("import-state");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    state.textContent = "正在读取……";
    const response = await fetch("/api/filings/import", {method: "POST", headers: {"X-CSRF-Token": csrf}, body: new FormData(form)});
    const data = await response.json();
    if (response.status === 201) window.location.href = `/filings/${data.id}`;
    else state.textContent = Array.isArray(data.detail) ? data.detail.join("；") : data.detail;
  });
})();
