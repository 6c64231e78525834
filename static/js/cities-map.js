/* The map of member cities (Leaflet). The list beside it works without JavaScript. */
(function () {
    "use strict";
    var container = document.getElementById("city-map");
    var data = document.getElementById("city-map-data");
    // maps.js (Leaflet when needed, the tiles, the controls' words) comes first.
    if (!container || !data || typeof window.observatoryMaps === "undefined") {
        return;
    }
    var cities = JSON.parse(data.textContent);
    if (!cities.length) {
        return;
    }
    container.hidden = false;
    window.observatoryMaps.whenNear(container, function (L, create) {
        show(L, create(container, { scrollWheelZoom: false, worldCopyJump: true }));
    });

    function show(L, map) {
        var bounds = [];
        cities.forEach(function (city) {
            var marker = L.circleMarker([city.lat, city.lng], {
                radius: 8,
                color: "#08437f",
                weight: 2,
                fillColor: "#0b5cad",
                fillOpacity: 0.85,
            }).addTo(map);
            // Text content, never HTML: names come from editors.
            var popup = document.createElement("div");
            var link = document.createElement("a");
            link.href = city.url;
            link.textContent = city.name;
            var country = document.createElement("div");
            country.textContent = city.country;
            popup.appendChild(link);
            popup.appendChild(country);
            marker.bindPopup(popup);
            marker.bindTooltip(city.name);
            bounds.push([city.lat, city.lng]);
        });
        if (bounds.length === 1) {
            map.setView(bounds[0], 6);
        } else {
            map.fitBounds(bounds, { padding: [30, 30], maxZoom: 6 });
        }
    }
})();
