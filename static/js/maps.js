/* What the site's Leaflet maps share: Leaflet itself, loaded only for a map about to be
   seen; the tiles with their credit; Leaflet's own controls in the page's language.

   A map below the fold costs nothing until the reader scrolls near it: no Leaflet to
   evaluate while the page opens (on a phone that was the page's longest task) and no
   tile requested that nobody looks at. This script's tag names Leaflet's file
   (data-leaflet-src). Leaflet's words are English; the map's container hands over the
   translated ones (data-zoom-in, data-zoom-out), like every script here. */
(function () {
    "use strict";
    var script = document.currentScript;
    var leafletSrc = script && script.getAttribute("data-leaflet-src");
    var waiting = null;

    // Calls ready() once Leaflet is there, loading it the first time.
    function withLeaflet(ready) {
        if (typeof window.L !== "undefined") {
            ready();
            return;
        }
        if (!waiting) {
            if (!leafletSrc) {
                return;
            }
            waiting = [];
            var tag = document.createElement("script");
            tag.src = leafletSrc;
            tag.onload = function () {
                var callbacks = waiting;
                waiting = [];
                callbacks.forEach(function (callback) {
                    callback();
                });
            };
            document.head.appendChild(tag);
        }
        waiting.push(ready);
    }

    function create(container, options) {
        var L = window.L;
        var map = L.map(container, Object.assign({}, options, { zoomControl: false }));
        L.control
            .zoom({
                zoomInTitle: container.dataset.zoomIn,
                zoomOutTitle: container.dataset.zoomOut,
            })
            .addTo(map);
        // Leaflet's credit, without its English tooltip.
        map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
        L.tileLayer(container.dataset.tileUrl, {
            attribution: container.dataset.attribution,
            maxZoom: 18,
        }).addTo(map);
        return map;
    }

    window.observatoryMaps = {
        // start(L, create) as soon as Leaflet is loaded (a map the reader came for: a form's picker).
        now: function (start) {
            withLeaflet(function () {
                start(window.L, create);
            });
        },
        // start(L, create) when the (visible) container comes within 200 px of the viewport.
        whenNear: function (container, start) {
            var begin = function () {
                withLeaflet(function () {
                    start(window.L, create);
                });
            };
            if (!("IntersectionObserver" in window)) {
                begin();
                return;
            }
            var observer = new IntersectionObserver(
                function (entries) {
                    if (entries.some(function (entry) { return entry.isIntersecting; })) {
                        observer.disconnect();
                        begin();
                    }
                },
                { rootMargin: "200px 0px" }
            );
            observer.observe(container);
        },
    };
})();
