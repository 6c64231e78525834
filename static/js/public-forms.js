// Public forms on cached pages (subscribe, sign): the page holds no visitor's CSRF token
// and no clock of its own, so as the page opens the script fetches both for this visitor
// (core.views.form_token, never cached) and fills them into every public form. The
// minimum fill time then counts from the visitor's arrival, as it did when each page
// was rendered for its reader. Without this script the forms still work: the server
// takes a form the browser says was sent from this site (core.public_forms).
(function () {
    "use strict";
    var script = document.currentScript;
    var tokenUrl = script && script.getAttribute("data-token-url");
    var selector = "form[data-public-form]";
    if (!tokenUrl || !window.fetch || !document.querySelector(selector)) {
        return;
    }
    var request = null;

    function fill(data) {
        document.querySelectorAll(selector).forEach(function (form) {
            form.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach(function (input) {
                input.value = data.csrf;
            });
            form.querySelectorAll("input[type=hidden][name$=form_started]").forEach(function (input) {
                input.value = data.started;
            });
            form.setAttribute("data-token-ready", "");
        });
    }

    function prepare() {
        if (!request) {
            request = fetch(tokenUrl, { credentials: "same-origin", cache: "no-store" })
                .then(function (response) {
                    if (!response.ok) {
                        throw new Error(response.status);
                    }
                    return response.json();
                })
                .then(fill);
            request.catch(function () {
                request = null; // try again when the visitor uses a form
            });
        }
        return request;
    }

    prepare().catch(function () {});

    document.addEventListener("focusin", function (event) {
        if (event.target.closest && event.target.closest(selector)) {
            prepare().catch(function () {});
        }
    });

    document.addEventListener("submit", function (event) {
        var form = event.target.closest ? event.target.closest(selector) : null;
        if (!form || form.hasAttribute("data-token-ready")) {
            return;
        }
        // Sent before the token came: wait for it, then send (or send as it is).
        event.preventDefault();
        var send = function () {
            HTMLFormElement.prototype.submit.call(form);
        };
        prepare().then(send, send);
    });
})();
