/* Maps. Pages work without them.
 *
 * - [data-map]: a map drawn from the page's JSON data (an offer's places);
 *   the page loads Leaflet itself.
 * - [data-result-map]: the map of all search results. Nothing of it loads
 *   until the person presses "Show map": then Leaflet's files, then the
 *   places (JSON from data-places-url, the search's query string).
 */
(function () {
  "use strict";

  var resultMapWasOpen = false;

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

  var leaflet = null;

  function loadLeaflet(box) {
    if (window.L) {
      return Promise.resolve();
    }
    if (!leaflet) {
      leaflet = new Promise(function (resolve, reject) {
        var css = document.createElement("link");
        css.rel = "stylesheet";
        css.href = box.dataset.leafletCss;
        document.head.appendChild(css);
        var script = document.createElement("script");
        script.src = box.dataset.leafletJs;
        script.onload = resolve;
        script.onerror = function () {
          leaflet = null;
          reject(new Error("leaflet"));
        };
        document.head.appendChild(script);
      });
    }
    return leaflet;
  }

  function popup(place) {
    // Built from nodes, never HTML: names come from the database.
    var content = document.createElement("div");
    var title = document.createElement("p");
    title.className = "result-map__place";
    title.textContent = place.name;
    content.appendChild(title);
    var list = document.createElement("ul");
    list.className = "result-map__offers";
    place.offers.forEach(function (offer) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = offer.url;
      link.textContent = offer.name;
      item.appendChild(link);
      list.appendChild(item);
    });
    content.appendChild(list);
    return content;
  }

  function drawResults(box, element, data) {
    var L = window.L;
    var map = L.map(element, { scrollWheelZoom: false, zoomControl: false });
    // Leaflet's own labels are English: the page's language instead.
    L.control
      .zoom({ zoomInTitle: box.dataset.zoomInText, zoomOutTitle: box.dataset.zoomOutText })
      .addTo(map);
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", box.dataset.closeText);
        close.title = box.dataset.closeText;
      }
    });
    L.tileLayer(data.tiles, { attribution: data.attribution, maxZoom: 18 }).addTo(map);
    var bounds = data.places.map(function (place) {
      return [place.lat, place.lon];
    });
    map.fitBounds(bounds, { maxZoom: 15, padding: [24, 24] }); // before markers: they need a view
    data.places.forEach(function (place) {
      var icon = L.divIcon({ className: "result-map__marker", iconSize: [28, 28], html: "" });
      var marker = L.marker([place.lat, place.lon], { icon: icon, title: place.name });
      marker.addTo(map).bindPopup(popup(place));
      marker.getElement().setAttribute("aria-label", place.name);
    });
    return map;
  }

  function open(box) {
    var button = box.querySelector(".result-map__toggle");
    var element = box.querySelector(".map");
    var status = box.querySelector(".result-map__status");
    button.setAttribute("aria-expanded", "true");
    button.querySelector(".kern-label").textContent = button.dataset.hideText;
    resultMapWasOpen = true;
    status.textContent = "";
    if (box.dataset.ready) {
      element.hidden = false;
      return;
    }
    box.dataset.ready = "loading";
    var places = fetch(box.dataset.placesUrl, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      return response.json();
    });
    Promise.all([places, loadLeaflet(box)])
      .then(function (results) {
        var data = results[0];
        if (!data.places.length) {
          status.textContent = box.dataset.emptyText;
          return;
        }
        element.hidden = false; // Leaflet measures the element: draw it visible
        drawResults(box, element, data);
        box.dataset.ready = "1";
        element.hidden = button.getAttribute("aria-expanded") !== "true"; // closed meanwhile
      })
      .catch(function () {
        delete box.dataset.ready;
        status.textContent = box.dataset.errorText;
      });
  }

  function close(box) {
    var button = box.querySelector(".result-map__toggle");
    button.setAttribute("aria-expanded", "false");
    button.querySelector(".kern-label").textContent = button.dataset.showText;
    box.querySelector(".map").hidden = true;
    resultMapWasOpen = false;
  }

  function setUp(root) {
    var box = root.querySelector("[data-result-map]");
    if (!box || box.dataset.bound) {
      return;
    }
    box.dataset.bound = "1";
    var button = box.querySelector(".result-map__toggle");
    button.hidden = false;
    button.addEventListener("click", function () {
      if (button.getAttribute("aria-expanded") === "true") {
        close(box);
      } else {
        open(box);
      }
    });
    if (resultMapWasOpen) {
      open(box); // new results while the map was open: show theirs
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    draw(document);
    setUp(document);
  });
  document.addEventListener("htmx:afterSettle", function () {
    draw(document);
    setUp(document);
  });
})();
