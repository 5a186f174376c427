// Copy buttons on /calendar/: <button data-copy="<input id>" data-copied="<label after copying>">.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const input = document.getElementById(button.dataset.copy);
  const status = document.getElementById("copy-status");
  input.select();
  try {
    await navigator.clipboard.writeText(input.value);
  } catch {
    document.execCommand("copy");
  }
  button.textContent = button.dataset.copied;
  if (status) status.textContent = button.dataset.copied;
});
