// Public forms on cached pages (subscribe, sign): the page holds no visitor's CSRF token
// and no clock of its own, so the form fetches both when the visitor starts using it
// (core.views.form_token, never cached). Without this script the form still works:
// the server takes a form the browser says was sent from this site (core.public_forms).
(function () {
    "use strict";
    var script = document.currentScript;
    var tokenUrl = script && script.getAttribute("data-token-url");
    if (!tokenUrl || !window.fetch) {
        return;
    }
    var requests = new WeakMap();

    function fill(form, data) {
        form.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach(function (input) {
            input.value = data.csrf;
        });
        form.querySelectorAll("input[type=hidden][name$=form_started]").forEach(function (input) {
            input.value = data.started;
        });
        form.setAttribute("data-token-ready", "");
    }

    function prepare(form) {
        if (!requests.has(form)) {
            var request = fetch(tokenUrl, { credentials: "same-origin", cache: "no-store" })
                .then(function (response) {
                    if (!response.ok) {
                        throw new Error(response.status);
                    }
                    return response.json();
                })
                .then(function (data) {
                    fill(form, data);
                });
            request.catch(function () {
                requests.delete(form); // try again at the next focus or submit
            });
            requests.set(form, request);
        }
        return requests.get(form);
    }

    function publicForm(target) {
        return target && target.closest ? target.closest("form[data-public-form]") : null;
    }

    document.addEventListener("focusin", function (event) {
        var form = publicForm(event.target);
        if (form) {
            prepare(form).catch(function () {});
        }
    });

    document.addEventListener("submit", function (event) {
        var form = publicForm(event.target);
        if (!form || form.hasAttribute("data-token-ready")) {
            return;
        }
        // Sent before the token came: wait for it, then send (or send as it is).
        event.preventDefault();
        var send = function () {
            HTMLFormElement.prototype.submit.call(form);
        };
        prepare(form).then(send, send);
    });
})();
