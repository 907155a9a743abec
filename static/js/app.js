// Behaviours shared by the pages, wired from data- attributes: the Content-Security-Policy
// runs no inline script and applies no style attribute, so nothing is written inline.
(function () {
  "use strict";
  // A select that shows its choice at once: <select data-kirim-otomatis>. With
  // data-kosongkan="name" it first empties another field of its form (one unit *or* one
  // jabatan). Each such form has a <noscript> button for browsers without script.
  document.querySelectorAll("select[data-kirim-otomatis]").forEach((pilih) => {
    pilih.addEventListener("change", () => {
      const lain = pilih.dataset.kosongkan && pilih.form.elements[pilih.dataset.kosongkan];
      if (lain) lain.value = "";
      pilih.form.submit();
    });
  });
  // A select that jumps to a part of the page: <select data-lompat>, option values are anchors.
  document.querySelectorAll("select[data-lompat]").forEach((pilih) => {
    pilih.addEventListener("change", () => { if (pilih.value) location.hash = pilih.value; });
  });
  // A checkbox that ticks or clears every box of a name: <input type="checkbox" data-pilih-semua="pilih">.
  document.querySelectorAll("input[data-pilih-semua]").forEach((semua) => {
    semua.addEventListener("change", () => {
      document.querySelectorAll("input[type=checkbox]").forEach((kotak) => {
        if (kotak.name === semua.dataset.pilihSemua) kotak.checked = semua.checked;
      });
    });
  });
  // Links that open or close every <details> a selector finds: <a data-buka-semua=".pohon details">.
  document.querySelectorAll("[data-buka-semua], [data-tutup-semua]").forEach((tautan) => {
    tautan.addEventListener("click", (e) => {
      e.preventDefault();
      const buka = tautan.dataset.bukaSemua !== undefined;
      document.querySelectorAll(buka ? tautan.dataset.bukaSemua : tautan.dataset.tutupSemua).forEach((d) => { d.open = buka; });
    });
  });
  // Sizes that come from data: a bar's width in percent, a row's indent in rem.
  const angka = (s) => { const n = Number(s); return Number.isFinite(n) ? n : 0; };
  document.querySelectorAll("[data-lebar]").forEach((el) => { el.style.width = Math.min(100, Math.max(0, angka(el.dataset.lebar))) + "%"; });
  document.querySelectorAll("[data-inden]").forEach((el) => { el.style.paddingLeft = angka(el.dataset.inden) + "rem"; });
})();
