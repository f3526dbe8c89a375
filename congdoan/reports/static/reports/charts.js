/* The dashboard's charts (reports/dashboard.html): data from the JSON block #report-charts, drawn
   with the vendored Chart.js; labels from each canvas's data-label-* attributes. No inline script. */
(function () {
  "use strict";

  function draw() {
    var source = document.getElementById("report-charts");
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var narrow = window.matchMedia("(max-width: 767.98px)").matches;
    var options = { responsive: true, maintainAspectRatio: true, aspectRatio: narrow ? 1.1 : 1.8 };
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var key = canvas.dataset.chart;
      var chart = data[key];
      if (!chart) {
        return;
      }
      var config;
      if (key === "members") {
        config = {
          type: "bar",
          data: { labels: chart.labels, datasets: [{ data: chart.values }] },
          options: Object.assign({ indexAxis: "y", plugins: { legend: { display: false } } }, options),
        };
      } else if (key === "flows") {
        config = {
          type: "line",
          data: {
            labels: chart.labels,
            datasets: [
              { label: canvas.dataset.labelJoined, data: chart.joined },
              { label: canvas.dataset.labelLeft, data: chart.left },
            ],
          },
          options: options,
        };
      } else if (key === "targets") {
        config = {
          type: "bar",
          data: {
            labels: chart.labels,
            datasets: [
              { label: canvas.dataset.labelDone, data: chart.done },
              { label: canvas.dataset.labelDue, data: chart.due },
            ],
          },
          options: options,
        };
      } else if (key === "awards") {
        config = {
          type: "bar",
          data: {
            labels: chart.labels,
            datasets: [
              { label: canvas.dataset.labelCollective, data: chart.collective },
              { label: canvas.dataset.labelIndividual, data: chart.individual },
            ],
          },
          options: Object.assign({ indexAxis: "y" }, options),
        };
      }
      if (config) {
        new window.Chart(canvas, config);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
