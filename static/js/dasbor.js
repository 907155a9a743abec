// Dashboard charts. Data comes from <script type="application/json"> blocks that the
// server renders; every bar and point carries its link, so a click opens the entries
// behind it. Values are printed on the bars and points, so the charts read without
// colour too; the labels are drawn by the small plugin below from the bars' final
// geometry, and each canvas lists what it printed in data-label (for tests and tools).
(function () {
  "use strict";
  const WARNA = {success: "#198754", primary: "#0d6efd", info: "#0dcaf0", warning: "#ffc107", danger: "#dc3545", secondary: "#adb5bd"};
  // [key, name, fill, text colour on it]
  const STATUS = [
    ["kosong", "Belum diisi", "#dee2e6", "#212529"],
    ["draft", "Draf", "#6c757d", "#fff"],
    ["dikembalikan", "Dikembalikan", "#dc3545", "#fff"],
    ["diajukan", "Diajukan", "#0d6efd", "#fff"],
    ["disetujui", "Disetujui", "#198754", "#fff"],
  ];
  const angka = (v) => v === null || v === undefined ? "–" : v.toLocaleString("id-ID", {maximumFractionDigits: 2});
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  // Bars appear at their size at once: no label is ever judged on a bar still growing,
  // and the office's older PCs draw forty bars without a stutter.
  Chart.defaults.animation = false;
  const FONT_LABEL = () => Chart.helpers.toFont({size: 12, family: Chart.defaults.font.family}).string;

  // --- Value labels ---------------------------------------------------------------
  // options.plugins.labelNilai.buat(chart, ctx) returns [{teks, x, y, align, warna, di}];
  // x/y is the anchor (align "left": x is the left edge; "right": the right edge;
  // "center": the middle), y the vertical middle.
  const labelNilai = {
    id: "labelNilai",
    afterDatasetsDraw(chart, args, opsi) {
      if (!opsi || !opsi.buat) return;
      const ctx = chart.ctx;
      ctx.save();
      ctx.font = FONT_LABEL();
      ctx.textBaseline = "middle";
      const tergambar = [];
      for (const l of opsi.buat(chart, ctx)) {
        const w = ctx.measureText(l.teks).width;
        const kiri = l.align === "left" ? l.x : l.align === "right" ? l.x - w : l.x - w / 2;
        ctx.textAlign = "left";
        if (l.halo) {
          ctx.lineWidth = 3;
          ctx.strokeStyle = "rgba(255,255,255,.9)";
          ctx.strokeText(l.teks, kiri, l.y);
        }
        ctx.fillStyle = l.warna || "#212529";
        ctx.fillText(l.teks, kiri, l.y);
        tergambar.push({teks: l.teks, di: l.di, kiri: Math.round(kiri), kanan: Math.round(kiri + w), atas: Math.round(l.y - 7), bawah: Math.round(l.y + 7)});
      }
      ctx.restore();
      chart.canvas.dataset.label = JSON.stringify(tergambar);
    },
  };
  Chart.register(labelNilai);

  // --- Names on the y axis ----------------------------------------------------------
  // A long unit or office name wraps onto two lines at most, cut with an ellipsis at the
  // end, so it always starts readable; the tooltip and the table give it in full.
  function potong(ctx, teks, lebar) {
    if (ctx.measureText(teks).width <= lebar) return teks;
    let t = teks;
    while (t.length > 1 && ctx.measureText(t + "…").width > lebar) t = t.slice(0, -1);
    return t.trimEnd() + "…";
  }

  function bungkus(ctx, teks, lebar, maksBaris) {
    const baris = [];
    const kata = String(teks).split(/\s+/);
    let kini = "";
    while (kata.length) {
      const coba = kini ? kini + " " + kata[0] : kata[0];
      if (!kini || ctx.measureText(coba).width <= lebar) { kini = coba; kata.shift(); continue; }
      baris.push(kini);
      kini = "";
      if (baris.length === maksBaris - 1) break;
    }
    const sisa = [kini, ...kata].filter(Boolean).join(" ");
    if (sisa) baris.push(potong(ctx, sisa, lebar));
    return baris.map((b) => potong(ctx, b, lebar));
  }

  function sumbuNama(data) {
    return {
      afterTickToLabelConversion(scale) {
        // The room the layout gives this axis, less the tick mark and padding, and never
        // more than 40% of the chart, so the bars keep their space.
        const lebar = Math.max(40, Math.min(scale.maxWidth - 16, scale.chart.width * 0.4));
        const ctx = scale.ctx;
        ctx.save();
        ctx.font = Chart.helpers.toFont(scale.options.ticks.font).string;
        for (const tick of scale.ticks) {
          const d = data[tick.value];
          if (d) tick.label = bungkus(ctx, d.label, lebar, 2);
        }
        ctx.restore();
      },
    };
  }

  function buka(url) { if (url) window.location.href = url; }
  const kursor = (e, ada) => { e.native.target.style.cursor = ada ? "pointer" : "default"; };
  const judulPenuh = (data) => (items) => items.length ? data[items[0].dataIndex].label : "";

  // --- Charts -------------------------------------------------------------------------
  function capaian(canvas, data, ukuran) {
    const kunci = ukuran === "sampai" ? "sampai" : "periode";
    const teks = (d) => d[kunci] === null ? "belum ada" : angka(d[kunci]) + "% " + d["predikat_" + kunci];
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.map((d) => d.label),
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
        onClick: (e, el) => el.length && buka(data[el[0].index].url),
        onHover: (e, el) => kursor(e, el.length && data[el[0].index].url),
        scales: {
          x: {beginAtZero: true, suggestedMax: 100, title: {display: true, text: "Capaian (%)"}},
          y: sumbuNama(data),
        },
        plugins: {
          legend: {display: false},
          tooltip: {callbacks: {title: judulPenuh(data), label: (ctx) => teks(data[ctx.dataIndex])}},
          labelNilai: {buat: (chart, ctx) => chart.getDatasetMeta(0).data.map((bar, i) => {
            const {x, base, y} = bar.getProps(["x", "base", "y"], true);
            const t = teks(data[i]);
            const ujung = Math.max(x, base);
            // Beyond the canvas (a capaian far above 100), the value goes inside its bar.
            const muat = ujung + 6 + ctx.measureText(t).width <= chart.width - 2;
            return {teks: t, x: muat ? ujung + 6 : ujung - 6, y, align: muat ? "left" : "right", warna: muat ? "#212529" : "#fff", di: data[i].label};
          })},
        },
      },
    });
  }

  function status(canvas, data) {
    const urlStatus = (i, s) => data[i].url_daftar ? data[i].url_daftar + "&status=" + STATUS[s][0] : data[i].url;
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.map((d) => d.label),
        datasets: STATUS.map(([k, nama, warna]) => ({label: nama, data: data.map((d) => d.jumlah[k]), backgroundColor: warna})),
      },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        layout: {padding: {right: 36}},
        // A segment opens the entries of that status behind it.
        onClick: (e, el) => el.length && buka(urlStatus(el[0].index, el[0].datasetIndex)),
        onHover: (e, el) => kursor(e, el.length),
        scales: {x: {stacked: true, title: {display: true, text: "Indikator"}}, y: {stacked: true, ...sumbuNama(data)}},
        plugins: {
          tooltip: {callbacks: {title: judulPenuh(data)}},
          labelNilai: {buat: (chart, ctx) => {
            const label = [];
            STATUS.forEach(([k, nama, , warnaTeks], s) => {
              if (!chart.isDatasetVisible(s)) return;
              chart.getDatasetMeta(s).data.forEach((bar, i) => {
                const v = data[i].jumlah[k];
                const {x, base, y} = bar.getProps(["x", "base", "y"], true);
                const t = angka(v);
                // A count too narrow for its segment is left to the total, table and tooltip.
                if (v && ctx.measureText(t).width + 6 <= Math.abs(x - base)) {
                  label.push({teks: t, x: (x + base) / 2, y, align: "center", warna: warnaTeks, di: data[i].label + " · " + nama});
                }
              });
            });
            // The total at the end of each bar.
            const sumbu = chart.scales.x;
            data.forEach((d, i) => {
              const n = STATUS.reduce((jml, [k], s) => jml + (chart.isDatasetVisible(s) ? d.jumlah[k] : 0), 0);
              label.push({teks: angka(n), x: sumbu.getPixelForValue(n) + 4, y: chart.scales.y.getPixelForValue(i), align: "left", di: d.label + " · Jumlah"});
            });
            return label;
          }},
        },
      },
    });
  }

  function tren(canvas, data) {
    const nilai = [data.map((d) => d.periode), data.map((d) => d.sampai)];
    return new Chart(canvas, {
      type: "line",
      data: {
        labels: data.map((d) => d.label),
        datasets: [
          {label: "Capaian periode (%)", data: nilai[0], borderColor: WARNA.primary, backgroundColor: WARNA.primary},
          {label: "Capaian s.d. periode (%)", data: nilai[1], borderColor: WARNA.success, backgroundColor: WARNA.success, borderDash: [6, 4]},
        ],
      },
      options: {
        maintainAspectRatio: false,
        layout: {padding: {top: 4, right: 8, left: 4}},
        scales: {y: {beginAtZero: true, suggestedMax: 110}, x: {offset: data.length === 1}},
        onClick: (e, el) => el.length && buka(data[el[0].index].url),
        onHover: (e, el) => kursor(e, el.length && data[el[0].index].url),
        plugins: {
          labelNilai: {buat: (chart, ctx) => {
            const area = chart.chartArea;
            const label = [];
            [0, 1].forEach((s) => {
              if (!chart.isDatasetVisible(s)) return;
              chart.getDatasetMeta(s).data.forEach((titik, i) => {
                const v = nilai[s][i], lain = nilai[1 - s][i];
                if (v === null || v === undefined) return;
                if (s === 1 && v === lain && chart.isDatasetVisible(0)) return; // one number for both
                const t = angka(v) + "%";
                const w = ctx.measureText(t).width;
                const {x, y} = titik.getProps(["x", "y"], true);
                // The higher value is labelled above its point, the lower below, so the two
                // lines' labels do not sit on each other.
                const atas = lain === null || lain === undefined || v > lain || (v === lain && s === 0);
                let ty = atas ? y - 12 : y + 12;
                ty = Math.min(Math.max(ty, 8), chart.height - 8);
                // Kept inside the plot: off the y axis' ticks on the left, off the edge on the right.
                const kiri = Math.min(Math.max(x - w / 2, area.left + 4), chart.width - 2 - w);
                label.push({teks: t, x: kiri, y: ty, align: "left", halo: true, warna: s === 0 ? "#0a58ca" : "#146c43", di: data[i].label + " · " + chart.data.datasets[s].label});
              });
            });
            return label;
          }},
        },
      },
    });
  }

  document.querySelectorAll("canvas[data-grafik]").forEach((canvas) => {
    const data = JSON.parse(document.getElementById(canvas.dataset.sumber).textContent);
    if (!data.length) return;
    // A bar chart grows with its rows: data-tinggi-dasar px plus data-tinggi-baris px a row
    // (set here, as the Content-Security-Policy applies no style attribute).
    const kotak = canvas.parentElement;
    if (kotak.dataset.tinggiDasar) {
      kotak.style.height = (Number(kotak.dataset.tinggiDasar) + data.length * Number(kotak.dataset.tinggiBaris)) + "px";
    }
    const jenis = canvas.dataset.grafik;
    if (jenis === "capaian") capaian(canvas, data, canvas.dataset.ukuran);
    else if (jenis === "status") status(canvas, data);
    else if (jenis === "tren") tren(canvas, data);
  });
})();
