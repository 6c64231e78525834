/* 16 May events on a Leaflet map, and the place picker of the event form.
   The list of events and the coordinate fields work without JavaScript. */
(function () {
    "use strict";
    // maps.js (Leaflet when needed, the tiles, the controls' words) comes first.
    var maps = window.observatoryMaps;
    if (typeof maps === "undefined") {
        return;
    }

    function marker(latlng) {
        return window.L.circleMarker(latlng, {
            radius: 8,
            color: "#7a3b00",
            weight: 2,
            fillColor: "#d9822b",
            fillOpacity: 0.9,
        });
    }

    // The map above the list of approved events.
    var container = document.getElementById("events-map");
    var data = document.getElementById("events-map-data");
    if (container && data) {
        var events = JSON.parse(data.textContent);
        if (events.length) {
            // The box shows at once (its size is set: nothing moves); the map fills it
            // when the reader comes near.
            container.hidden = false;
            maps.whenNear(container, function (L, create) {
                showEvents(create, events);
            });
        }
    }

    function showEvents(create, events) {
        var map = create(container, {
            scrollWheelZoom: false,
            worldCopyJump: true,
        });
        var bounds = [];
        events.forEach(function (event) {
            var point = marker([event.lat, event.lng]).addTo(map);
            // Text content, never HTML: titles come from cities.
            var popup = document.createElement("div");
            var link = document.createElement("a");
            link.href = event.anchor;
            link.textContent = event.title;
            var meta = document.createElement("div");
            meta.textContent = event.when;
            var where = document.createElement("div");
            where.textContent = event.city + " · " + event.place;
            popup.appendChild(link);
            popup.appendChild(meta);
            popup.appendChild(where);
            point.bindPopup(popup);
            point.bindTooltip(event.title);
            bounds.push([event.lat, event.lng]);
        });
        if (bounds.length === 1) {
            map.setView(bounds[0], 10);
        } else {
            map.fitBounds(bounds, { padding: [30, 30], maxZoom: 10 });
        }
    }

    // The event form: click the map to fill in the coordinates.
    var picker = document.getElementById("event-place-map");
    var latInput = picker && document.getElementById(picker.dataset.latitudeInput);
    var lngInput = picker && document.getElementById(picker.dataset.longitudeInput);
    if (latInput && lngInput) {
        // The reader came to fill in this form: its map loads at once.
        maps.now(function (L, create) {
            pick(create);
        });
    }

    function pick(create) {
        // Beside the coordinates it fills in (the form lists its fields first).
        var field = lngInput.closest(".form-field");
        if (field) {
            field.after(picker);
        }
        picker.hidden = false;
        var lat = parseFloat(latInput.value);
        var lng = parseFloat(lngInput.value);
        var known = isFinite(lat) && isFinite(lng);
        var pickMap = create(picker, { scrollWheelZoom: false });
        pickMap.setView(known ? [lat, lng] : [20, 0], known ? 12 : 2);
        var chosen = known ? marker([lat, lng]).addTo(pickMap) : null;
        function place(latlng) {
            var wrapped = latlng.wrap();
            latInput.value = wrapped.lat.toFixed(6);
            lngInput.value = wrapped.lng.toFixed(6);
            if (chosen) {
                chosen.setLatLng(wrapped);
            } else {
                chosen = marker(wrapped).addTo(pickMap);
            }
        }
        pickMap.on("click", function (event) {
            place(event.latlng);
        });
        function follow() {
            var a = parseFloat(latInput.value);
            var b = parseFloat(lngInput.value);
            if (isFinite(a) && isFinite(b) && Math.abs(a) <= 90 && Math.abs(b) <= 180) {
                if (chosen) {
                    chosen.setLatLng([a, b]);
                } else {
                    chosen = marker([a, b]).addTo(pickMap);
                }
                pickMap.panTo([a, b]);
            }
        }
        latInput.addEventListener("change", follow);
        lngInput.addEventListener("change", follow);
    }
})();
