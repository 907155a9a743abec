// A background report's page follows the job until it is done or failed; nothing to do
// once it has ended.
(function () {
  "use strict";
  const kotak = document.getElementById("tugas");
  if (!kotak || !["menunggu", "berjalan"].includes(kotak.dataset.status)) return;
  const bar = document.getElementById("tugas-bar");
  const ikuti = async () => {
    let d;
    try { d = await (await fetch(kotak.dataset.statusUrl, {headers: {Accept: "application/json"}})).json(); }
    catch (e) { setTimeout(ikuti, 3000); return; }
    bar.style.width = d.kemajuan + "%";
    bar.textContent = d.kemajuan + "%";
    bar.parentElement.setAttribute("aria-valuenow", d.kemajuan);
    document.getElementById("tugas-status").textContent = d.status_tampil;
    document.getElementById("tugas-langkah").textContent = d.langkah;
    // Waiting long for a worker says so, instead of a bar that never moves.
    const p = document.getElementById("tugas-peringatan");
    p.textContent = d.peringatan; p.classList.toggle("d-none", !d.peringatan);
    if (d.status === "selesai" || d.status === "gagal") {
      bar.classList.remove("progress-bar-striped", "progress-bar-animated");
      bar.classList.add(d.status === "selesai" ? "bg-success" : "bg-danger");
      if (d.status === "selesai") document.getElementById("tugas-unduh").classList.remove("d-none");
      if (d.status === "gagal") {
        const g = document.getElementById("tugas-galat");
        g.textContent = d.galat; g.classList.remove("d-none");
        document.getElementById("tugas-ulangi").classList.remove("d-none");
      }
      return;
    }
    setTimeout(ikuti, 1000);
  };
  setTimeout(ikuti, 500);
})();
