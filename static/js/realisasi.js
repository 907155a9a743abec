// The entry page of one realisasi: the percentage preview, the question before submitting
// a value far above its target, and the question before deleting evidence.
(function () {
  "use strict";
  const form = document.getElementById("form-realisasi");
  // Deleting evidence reloads the page: say so when the entry form has unsaved typing.
  let berubah = false;
  if (form) form.addEventListener("input", () => { berubah = true; });
  document.querySelectorAll("form[data-hapus]").forEach((f) => {
    f.addEventListener("submit", (e) => {
      const pesan = "Hapus bukti dukung " + f.dataset.hapus + "?" +
        (berubah ? "\n\nIsian formulir yang belum disimpan akan hilang. Batalkan, lalu simpan draf dulu bila isian itu perlu." : "");
      if (!confirm(pesan)) e.preventDefault();
    });
  });
  if (!form) return;
  // Numbers as the server reads them: "1.234" is one thousand two hundred and thirty-four, "12,5" twelve and a half.
  const baca = (s) => { s = (s || "").trim().replace(/\s/g, ""); if (!s) return NaN; if (s.includes(",")) s = s.replace(/\./g, "").replace(",", "."); else if (/^\d{1,3}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, ""); return Number(s); };
  const tulis = (x) => x.toLocaleString("id-ID", {maximumFractionDigits: 2});
  const n = document.getElementById("id_nilai"), p = document.getElementById("id_pembilang"), q = document.getElementById("id_penyebut");
  // A percentage: show the one the server will compute, as the holder types.
  if (p && q) {
    const out = document.getElementById("pratinjau-persen");
    const hitung = () => { const a = baca(p.value), b = baca(q.value); out.textContent = (a >= 0 && b > 0) ? "Persentase: " + tulis(a / b * 100) + "%" : ""; };
    p.addEventListener("input", hitung); q.addEventListener("input", hitung); hitung();
  }
  // Ask before submitting a value far above its target (BarisCapaian.tidak_wajar; no
  // data-target for a percentage or an index).
  form.addEventListener("submit", (e) => {
    const target = Number(form.dataset.target), kali = Number(form.dataset.kali), v = n ? baca(n.value) : NaN;
    if (!e.submitter || e.submitter.name !== "ajukan" || !(target > 0) || !(v > kali * target)) return;
    const pesan = "Realisasi " + tulis(v) + " lebih dari " + kali + " kali " + form.dataset.namaTarget + " (" + tulis(target) + ")." +
      "\nTitik memisahkan ribuan dan koma menandai desimal: 1.234 berarti seribu dua ratus tiga puluh empat.\n\nTetap ajukan?";
    if (!confirm(pesan)) e.preventDefault();
  });
})();
