// Countdown to the next 16 May: refines the server-rendered number of days.
// Reads data-target (an ISO date) on [data-countdown]; counts to local midnight of that day.
// Each unit's name comes translated from the template, in the plural form of a few
// sample numbers (data-plural-<n>): the one whose plural category matches the number
// shown is written, so Arabic gets its six forms and French says « 1 jour ».
(function () {
    "use strict";

    var MINUTE = 60 * 1000;
    var HOUR = 60 * MINUTE;
    var DAY = 24 * HOUR;
    var SAMPLES = [0, 1, 2, 3, 11, 100];

    // A function from a number to the unit's name in the right plural form.
    function namer(label, rules) {
        var byCategory = {};
        SAMPLES.forEach(function (sample) {
            var text = label.getAttribute("data-plural-" + sample);
            var category = rules ? rules.select(sample) : "other";
            if (text && !(category in byCategory)) {
                byCategory[category] = text;
            }
        });
        var fallback = label.getAttribute("data-plural-100") || label.textContent;
        return function (value) {
            var text = rules ? byCategory[rules.select(value)] : null;
            return text || fallback;
        };
    }

    function start(root) {
        var parts = (root.getAttribute("data-target") || "").split("-").map(Number);
        if (parts.length !== 3 || parts.some(isNaN)) {
            return;
        }
        var target = new Date(parts[0], parts[1] - 1, parts[2]);
        var dayEnd = new Date(parts[0], parts[1] - 1, parts[2] + 1);
        var units = root.querySelector("[data-countdown-units]");
        var days = root.querySelector("[data-countdown-days]");
        var today = root.querySelector("[data-countdown-today]");
        var secondsBox = root.querySelector('[data-unit-box="seconds"]');
        var language = document.documentElement.lang || undefined;
        var format = new Intl.NumberFormat(language);
        var rules = typeof Intl.PluralRules === "function" ? new Intl.PluralRules(language) : null;
        var names = {};
        root.querySelectorAll("[data-unit-label]").forEach(function (label) {
            names[label.getAttribute("data-unit-label")] = { label: label, name: namer(label, rules) };
        });
        var reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

        if (!units) {
            return;
        }
        // With reduced motion nothing ticks every second: minutes, once a minute.
        if (reduced && secondsBox) {
            secondsBox.hidden = true;
        }

        function set(name, value) {
            var cell = root.querySelector('[data-unit="' + name + '"]');
            if (cell) {
                cell.textContent = format.format(value);
            }
            var unit = names[name];
            if (unit) {
                var text = unit.name(value);
                if (unit.label.textContent !== text) {
                    unit.label.textContent = text;
                }
            }
        }

        function update() {
            var now = new Date();
            var left = target - now;
            if (left <= 0) {
                // The day itself (in the visitor's time zone): say so, stop counting.
                if (now < dayEnd) {
                    units.hidden = true;
                    if (days) {
                        days.hidden = true;
                    }
                    if (today) {
                        today.hidden = false;
                    }
                }
                return false;
            }
            units.hidden = false;
            if (days) {
                // The sentence stays for screen readers; the boxes say the same visually.
                days.classList.add("visually-hidden");
            }
            set("days", Math.floor(left / DAY));
            set("hours", Math.floor((left % DAY) / HOUR));
            set("minutes", Math.floor((left % HOUR) / MINUTE));
            set("seconds", Math.floor((left % MINUTE) / 1000));
            return true;
        }

        if (update()) {
            var timer = window.setInterval(function () {
                if (!update()) {
                    window.clearInterval(timer);
                }
            }, reduced ? MINUTE : 1000);
        }
    }

    document.querySelectorAll("[data-countdown]").forEach(start);
})();
