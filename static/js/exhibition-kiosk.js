// The exhibition's kiosk: shows one panel at a time and moves on every data-interval seconds.
// Without this script every panel is shown one below the other. Arrow keys move by hand;
// after a full round the page reloads, so newly published panels join the cycle.
(function () {
    "use strict";

    function start(root) {
        var panels = Array.prototype.slice.call(root.querySelectorAll("[data-kiosk-panel]"));
        var dots = Array.prototype.slice.call(document.querySelectorAll("[data-kiosk-dot]"));
        if (panels.length === 0) {
            return;
        }
        var seconds = parseInt(root.getAttribute("data-interval"), 10) || 20;
        var current = 0;
        var shown = 0;
        var timer = null;

        function show(index) {
            current = (index + panels.length) % panels.length;
            panels.forEach(function (panel, i) {
                panel.hidden = i !== current;
            });
            dots.forEach(function (dot, i) {
                dot.classList.toggle("is-current", i === current);
            });
            root.setAttribute("data-kiosk-current", String(current + 1));
        }

        function next() {
            shown += 1;
            if (shown >= panels.length && panels.length > 1 && current === panels.length - 1) {
                window.location.reload();
                return;
            }
            show(current + 1);
        }

        function restart() {
            window.clearInterval(timer);
            timer = window.setInterval(next, seconds * 1000);
        }

        document.addEventListener("keydown", function (event) {
            var forward = document.dir === "rtl" ? "ArrowLeft" : "ArrowRight";
            var back = document.dir === "rtl" ? "ArrowRight" : "ArrowLeft";
            if (event.key === forward) {
                show(current + 1);
                restart();
            } else if (event.key === back) {
                show(current - 1);
                restart();
            }
        });
        root.classList.add("is-cycling");
        show(0);
        restart();
    }

    document.addEventListener("DOMContentLoaded", function () {
        var root = document.querySelector("[data-kiosk]");
        if (root) {
            start(root);
        }
    });
})();
