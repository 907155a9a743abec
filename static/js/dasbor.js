// Dashboard charts. Data comes from <script type="application/json"> blocks that the
// server renders; every bar carries its link, so a click opens what is behind it.
// Values are printed on the bars (datalabels), so the charts read without colour too.
(function () {
  "use strict";
  const WARNA = {success: "#198754", primary: "#0d6efd", info: "#0dcaf0", warning: "#ffc107", danger: "#dc3545", secondary: "#adb5bd"};
  const STATUS = [
    ["kosong", "Belum diisi", "#dee2e6"],
    ["draft", "Draf", "#6c757d"],
    ["dikembalikan", "Dikembalikan", "#dc3545"],
    ["diajukan", "Diajukan", "#0d6efd"],
    ["disetujui", "Disetujui", "#198754"],
  ];
  const angka = (v) => v === null || v === undefined ? "–" : v.toLocaleString("id-ID", {maximumFractionDigits: 2});
  Chart.register(ChartDataLabels);
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;

  // Long names wrap onto several lines instead of being cut off.
  function bungkus(teks, lebar) {
    const baris = [];
    let kini = "";
    for (const kata of String(teks).split(" ")) {
      if (kini && (kini + " " + kata).length > lebar) { baris.push(kini); kini = kata; } else { kini = kini ? kini + " " + kata : kata; }
    }
    if (kini) baris.push(kini);
    return baris;
  }

  function buka(titik) { if (titik && titik.url) window.location.href = titik.url; }

  function capaian(canvas, data, ukuran) {
    const kunci = ukuran === "sampai" ? "sampai" : "periode";
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.map((d) => bungkus(d.label, 34)),
        datasets: [{
          label: canvas.dataset.judul || "Capaian (%)",
          data: data.map((d) => d[kunci]),
          backgroundColor: data.map((d) => WARNA[d["warna_" + kunci]] || WARNA.secondary),
        }],
      },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        layout: {padding: {right: 150}},
        onClick: (e, el) => el.length && buka(data[el[0].index]),
        onHover: (e, el) => { e.native.target.style.cursor = el.length && data[el[0].index].url ? "pointer" : "default"; },
        scales: {x: {beginAtZero: true, suggestedMax: 100, title: {display: true, text: "Capaian (%)"}}},
        plugins: {
          legend: {display: false},
          datalabels: {anchor: "end", align: "end", clamp: true, clip: false, formatter: (v, ctx) => v === null ? "belum ada" : angka(v) + "% " + data[ctx.dataIndex]["predikat_" + kunci]},
          tooltip: {callbacks: {label: (ctx) => angka(ctx.raw) + "% — " + data[ctx.dataIndex]["predikat_" + kunci]}},
        },
      },
    });
  }

  function status(canvas, data) {
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.map((d) => bungkus(d.label, 34)),
        datasets: STATUS.map(([k, nama, warna]) => ({label: nama, data: data.map((d) => d.jumlah[k]), backgroundColor: warna})),
      },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        onClick: (e, el) => el.length && buka(data[el[0].index]),
        scales: {x: {stacked: true, title: {display: true, text: "Indikator"}}, y: {stacked: true}},
        plugins: {datalabels: {color: "#000", formatter: (v, ctx) => {
          // A count too narrow to print inside its segment is left to the table and tooltip.
          const meta = ctx.chart.getDatasetMeta(ctx.datasetIndex).data[ctx.dataIndex];
          return v && meta && meta.width > 14 ? v : "";
        }}},
      },
    });
  }

  function tren(canvas, data) {
    return new Chart(canvas, {
      type: "line",
      data: {
        labels: data.map((d) => d.label),
        datasets: [
          {label: "Capaian periode (%)", data: data.map((d) => d.periode), borderColor: WARNA.primary, backgroundColor: WARNA.primary},
          {label: "Capaian s.d. periode (%)", data: data.map((d) => d.sampai), borderColor: WARNA.success, backgroundColor: WARNA.success, borderDash: [6, 4]},
        ],
      },
      options: {
        maintainAspectRatio: false,
        scales: {y: {beginAtZero: true, suggestedMax: 110}},
        plugins: {datalabels: {align: "top", formatter: (v) => v === null ? "" : angka(v) + "%"}},
      },
    });
  }

  document.querySelectorAll("canvas[data-grafik]").forEach((canvas) => {
    const data = JSON.parse(document.getElementById(canvas.dataset.sumber).textContent);
    if (!data.length) return;
    const jenis = canvas.dataset.grafik;
    if (jenis === "capaian") capaian(canvas, data, canvas.dataset.ukuran);
    else if (jenis === "status") status(canvas, data);
    else if (jenis === "tren") tren(canvas, data);
  });
})();
