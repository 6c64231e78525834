/* What the site's Leaflet maps share: the tiles with their credit, and Leaflet's own
   controls in the page's language. Leaflet's words are English; the map's container
   hands over the translated ones (data-zoom-in, data-zoom-out), like every script here. */
(function () {
    "use strict";
    if (typeof window.L === "undefined") {
        return;
    }
    var L = window.L;

    window.observatoryMap = function (container, options) {
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
    };
})();
