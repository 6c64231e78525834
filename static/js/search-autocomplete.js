// Header search suggestions: an ARIA 1.2 combobox over /<lang>/search/suggest/?q=.
// Reads data-suggest-url on form.header-search; Enter on no option submits the form.
(function () {
    "use strict";

    var MIN_LENGTH = 2;
    var DELAY = 150;

    function start(form) {
        var input = form.querySelector("[role='combobox']");
        var list = document.getElementById(input.getAttribute("aria-controls"));
        var url = form.getAttribute("data-suggest-url");
        var options = [];
        var active = -1;
        var timer = null;
        var controller = null;
        var lastQuery = "";

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function select(index) {
            options.forEach(function (option, i) {
                option.setAttribute("aria-selected", i === index ? "true" : "false");
            });
            active = index;
            if (index >= 0) {
                input.setAttribute("aria-activedescendant", options[index].id);
                options[index].scrollIntoView({ block: "nearest" });
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function go(option) {
            window.location.assign(option.getAttribute("data-url"));
        }

        function render(results) {
            list.textContent = "";
            options = results.map(function (result, i) {
                var option = document.createElement("li");
                option.id = list.id + "-" + i;
                option.className = "header-search__option";
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                option.setAttribute("data-url", result.url);
                option.textContent = result.title;
                if (result.context) {
                    var context = document.createElement("span");
                    context.className = "header-search__context";
                    context.textContent = result.context;
                    option.appendChild(context);
                }
                option.addEventListener("mousedown", function (event) {
                    event.preventDefault(); // keep focus in the input
                });
                option.addEventListener("click", function () {
                    go(option);
                });
                list.appendChild(option);
                return option;
            });
            active = -1;
            if (options.length) {
                list.hidden = false;
                input.setAttribute("aria-expanded", "true");
                input.removeAttribute("aria-activedescendant");
            } else {
                close();
            }
        }

        function fetchSuggestions() {
            var query = input.value.trim();
            if (query === lastQuery) {
                return;
            }
            lastQuery = query;
            if (query.length < MIN_LENGTH) {
                render([]);
                return;
            }
            if (controller) {
                controller.abort();
            }
            controller = new AbortController();
            fetch(url + "?q=" + encodeURIComponent(query), {
                headers: { Accept: "application/json" },
                signal: controller.signal,
            })
                .then(function (response) {
                    return response.ok ? response.json() : { results: [] };
                })
                .then(function (data) {
                    if (input.value.trim() === query) {
                        render(data.results || []);
                    }
                })
                .catch(function () {});
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(fetchSuggestions, DELAY);
        });

        input.addEventListener("keydown", function (event) {
            var open = !list.hidden && options.length > 0;
            if (event.key === "ArrowDown") {
                if (!open && options.length) {
                    list.hidden = false;
                    input.setAttribute("aria-expanded", "true");
                }
                if (options.length) {
                    event.preventDefault();
                    select(active + 1 >= options.length ? 0 : active + 1);
                }
            } else if (event.key === "ArrowUp") {
                if (open) {
                    event.preventDefault();
                    select(active <= 0 ? options.length - 1 : active - 1);
                }
            } else if (event.key === "Enter") {
                if (open && active >= 0) {
                    event.preventDefault();
                    go(options[active]);
                }
            } else if (event.key === "Escape") {
                if (open) {
                    event.preventDefault();
                    close();
                } else {
                    input.value = "";
                    lastQuery = "";
                }
            }
        });

        input.addEventListener("blur", function () {
            window.setTimeout(close, 100);
        });
    }

    document.querySelectorAll("form.header-search[data-suggest-url]").forEach(start);
})();
