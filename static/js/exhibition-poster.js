// The poster page's print button (without this script, the browser's own Print works the same).
(function () {
    "use strict";
    document.addEventListener("DOMContentLoaded", function () {
        var button = document.querySelector("[data-print]");
        if (!button) {
            return;
        }
        button.hidden = false;
        button.addEventListener("click", function () {
            window.print();
        });
    });
})();
