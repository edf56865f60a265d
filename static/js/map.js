/* Draws the map of a page from its JSON data. Pages work without it. */
(function () {
  "use strict";

  function draw(root) {
    var element = root.querySelector("[data-map]");
    if (!element || !window.L || element.dataset.ready) {
      return;
    }
    var data = JSON.parse(document.getElementById(element.dataset.map).textContent);
    element.dataset.ready = "1";
    element.hidden = false;
    var map = window.L.map(element, { scrollWheelZoom: false });
    window.L.tileLayer(data.tiles, { attribution: data.attribution, maxZoom: 18 }).addTo(map);
    var bounds = [];
    data.points.forEach(function (point) {
      var label = document.createElement("span");
      label.textContent = point.name; // never HTML: names come from the database
      window.L.circleMarker([point.lat, point.lon], { radius: 8 }).addTo(map).bindTooltip(label);
      bounds.push([point.lat, point.lon]);
    });
    map.fitBounds(bounds, { maxZoom: 15, padding: [24, 24] });
  }

  document.addEventListener("DOMContentLoaded", function () {
    draw(document);
  });
  document.addEventListener("htmx:afterSettle", function () {
    draw(document);
  });
})();
