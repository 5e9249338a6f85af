/* Charts of the statistics page (Chart.js, served from static/vendor/chartjs). Data comes from each
   canvas's data-chart attribute: {"type", "labels", "values", "label"}. No inline script (CSP). */
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") { return; }
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var spec;
    try { spec = JSON.parse(canvas.getAttribute("data-chart")); } catch (e) { return; }
    if (!spec.labels || !spec.labels.length) { return; }
    new window.Chart(canvas, {
      type: spec.type || "bar",
      data: { labels: spec.labels, datasets: [{ label: spec.label, data: spec.values, backgroundColor: "#b22222", borderColor: "#b22222" }] },
      options: { responsive: true, maintainAspectRatio: true, aspectRatio: 2.4, plugins: { legend: { display: false } },
                 scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  });
})();
