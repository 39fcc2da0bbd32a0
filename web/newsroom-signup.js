/*
 * Newsroom signup widget: progressive enhancement of a plain HTML form.
 *
 *   <section id="signup">
 *     <form class="newsroom-signup" method="post" action="https://api.example/subscriptions"
 *           data-newsletters="auto">
 *       <label for="e">Email address</label> <input id="e" name="email" type="email" required>
 *       <div class="nr-hp" aria-hidden="true"><input name="website" tabindex="-1" autocomplete="off"></div>
 *       <button type="submit">Subscribe</button>
 *       <p class="nr-status" role="status" aria-live="polite"></p>
 *     </form>
 *   </section>
 *   <script src="newsroom-signup.js" defer></script>
 *
 * Without JavaScript the browser posts the form (urlencoded) and the API answers with a
 * redirect: to the thank-you page, or back here with ?signup_error=<code>#signup.
 * With JavaScript the form posts JSON, shows the API's field messages in the live region,
 * shows the confirmation message, and loads the newsletter checkboxes from GET /newsletters
 * when the form says data-newsletters="auto".
 *
 * API address: data-api on the form, else data-api on this script tag, else the form's
 * action without "/subscriptions", else the page's own origin.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var scriptApi = script ? script.getAttribute("data-api") : null;

  var EMAIL_MESSAGE = "Please enter a correct email address";
  var MESSAGES = {
    email: EMAIL_MESSAGE,
    invalid_email: EMAIL_MESSAGE,
    email_invalid: EMAIL_MESSAGE,
    email_required: "Please enter your email address",
    missing_email: "Please enter your email address",
    newsletters: "Please choose from the newsletters listed",
    unknown_newsletter: "Please choose from the newsletters listed",
    rate_limited: "Too many attempts. Please wait a few minutes and try again.",
    too_many_requests: "Too many attempts. Please wait a few minutes and try again.",
    turnstile: "We could not check that you are a person. Please try again.",
    captcha: "We could not check that you are a person. Please try again.",
    blocked_domain: "Please use a different email address"
  };
  var GENERIC = "We could not sign you up. Please check the form and try again.";
  var UNREACHABLE = "We could not reach the server. Please check your connection and try again.";
  var UNAVAILABLE = "Signing up is not available right now. Please try again later.";
  var SUCCESS = "Check your inbox to confirm your subscription.";

  function trimSlash(value) {
    return value.replace(/\/+$/, "");
  }

  function apiBase(form) {
    var explicit = form.getAttribute("data-api") || scriptApi;
    if (explicit !== null && explicit !== undefined) {
      return trimSlash(explicit);
    }
    var action = form.getAttribute("action");
    if (action) {
      var url = new URL(action, window.location.href);
      return trimSlash(url.origin + url.pathname.replace(/\/subscriptions\/?$/, ""));
    }
    return "";
  }

  function endpoint(form) {
    var explicit = form.getAttribute("data-api") || scriptApi;
    if (explicit === null && form.getAttribute("action")) {
      return new URL(form.getAttribute("action"), window.location.href).href;
    }
    return apiBase(form) + "/subscriptions";
  }

  function uniqueId(prefix) {
    uniqueId.count = (uniqueId.count || 0) + 1;
    return prefix + "-" + uniqueId.count;
  }

  function statusRegion(form) {
    var status = form.querySelector(".nr-status");
    if (!status) {
      status = document.createElement("p");
      status.className = "nr-status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      form.appendChild(status);
    }
    return status;
  }

  function setStatus(form, message, kind, repeatsFields) {
    var status = statusRegion(form);
    status.classList.remove("nr-status--error", "nr-status--success", "nr-status--repeat");
    if (repeatsFields) {
      // The messages are already shown beside their fields; the live region only reads them out.
      status.classList.add("nr-status--repeat");
    }
    if (kind) {
      status.classList.add("nr-status--" + kind);
    }
    status.textContent = message || "";
  }

  function fieldError(form, field) {
    var input = field === "email" ? form.querySelector("[name=email]") : null;
    var holder = input ? input.parentNode : field === "newsletters" ? form.querySelector(".nr-newsletters") : null;
    if (!holder || holder.hidden) {
      return null;
    }
    var error = holder.querySelector(".nr-field-error");
    if (!error) {
      error = document.createElement("p");
      error.className = "nr-field-error";
      error.id = uniqueId("nr-error");
      holder.appendChild(error);
      if (input) {
        var describedBy = input.getAttribute("aria-describedby");
        input.setAttribute("aria-describedby", (describedBy ? describedBy + " " : "") + error.id);
      }
    }
    return error;
  }

  function clearErrors(form) {
    Array.prototype.forEach.call(form.querySelectorAll(".nr-field-error"), function (error) {
      error.textContent = "";
    });
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (input) {
      input.removeAttribute("aria-invalid");
    });
  }

  /** Shows field messages beside their fields and, all together, in the live region. */
  function showErrors(form, errors, fallback) {
    clearErrors(form);
    var messages = [];
    var allBesideFields = true;
    (errors || []).forEach(function (item) {
      if (!item || typeof item.message !== "string") {
        return;
      }
      var field = String(item.field || "").split(/[.[]/)[0];
      var holder = fieldError(form, field);
      if (holder) {
        holder.textContent = item.message;
      } else {
        allBesideFields = false;
      }
      if (field === "email") {
        var input = form.querySelector("[name=email]");
        if (input) {
          input.setAttribute("aria-invalid", "true");
        }
      }
      if (messages.indexOf(item.message) < 0) {
        messages.push(item.message);
      }
    });
    setStatus(form, messages.length ? messages.join(" ") : fallback || GENERIC, "error",
      messages.length > 0 && allBesideFields);
    var invalid = form.querySelector("[aria-invalid=true]");
    if (invalid) {
      invalid.focus();
    }
  }

  function loadNewsletters(form) {
    var fieldset = form.querySelector(".nr-newsletters");
    if (!fieldset) {
      fieldset = document.createElement("fieldset");
      fieldset.className = "nr-newsletters";
      fieldset.hidden = true;
      fieldset.appendChild(document.createElement("legend")).textContent = "Newsletters";
      var button = form.querySelector("[type=submit]");
      form.insertBefore(fieldset, button || null);
    }
    fetch(apiBase(form) + "/newsletters", { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        var items = data && Array.isArray(data.items) ? data.items : [];
        items.forEach(function (newsletter) {
          if (!newsletter || typeof newsletter.id !== "string") {
            return;
          }
          var id = uniqueId("nr-newsletter");
          var row = document.createElement("div");
          row.className = "nr-newsletter";
          var box = document.createElement("input");
          box.type = "checkbox";
          box.name = "newsletters";
          box.value = newsletter.id;
          box.id = id;
          box.checked = box.defaultChecked = newsletter["default"] === true;
          var label = document.createElement("label");
          label.htmlFor = id;
          label.textContent = newsletter.name || newsletter.id;
          row.appendChild(box);
          row.appendChild(label);
          var details = [newsletter.cadence, newsletter.description].filter(Boolean).join(" · ");
          if (details) {
            var small = document.createElement("small");
            small.id = id + "-about";
            small.textContent = details;
            box.setAttribute("aria-describedby", small.id);
            row.appendChild(small);
          }
          fieldset.appendChild(row);
        });
        fieldset.hidden = fieldset.querySelectorAll("input").length === 0;
        form.setAttribute("data-nr-newsletters", "loaded");
      })
      .catch(function () {
        // Without the list the form still works: the API signs the reader up to the default newsletters.
        fieldset.hidden = fieldset.querySelectorAll("input").length === 0;
        form.setAttribute("data-nr-newsletters", "unavailable");
      });
  }

  function showReturnError(form) {
    var code = new URLSearchParams(window.location.search).get("signup_error");
    if (!code) {
      return;
    }
    var message = MESSAGES[code] || GENERIC;
    if (MESSAGES[code] === EMAIL_MESSAGE) {
      showErrors(form, [{ field: "email", message: message }]);
    } else {
      setStatus(form, message, "error");
    }
  }

  function readProblem(response) {
    return response.json().then(function (body) {
      return body && typeof body === "object" ? body : {};
    }, function () {
      return {};
    });
  }

  function submit(form, event) {
    var honeypot = form.querySelector("[name=website]");
    if (honeypot && honeypot.value) {
      // Let the browser post the form as it would without scripts; the API decides.
      return;
    }
    event.preventDefault();
    var emailInput = form.querySelector("[name=email]");
    var email = emailInput ? emailInput.value.trim() : "";
    if (!email || (emailInput.validity && emailInput.validity.typeMismatch)) {
      showErrors(form, [{ field: "email", message: email ? EMAIL_MESSAGE : MESSAGES.email_required }]);
      return;
    }
    var payload = { email: email };
    var boxes = form.querySelectorAll("input[name=newsletters]");
    if (boxes.length) {
      payload.newsletters = Array.prototype.filter.call(boxes, function (box) {
        return box.checked || box.type === "hidden";
      }).map(function (box) {
        return box.value;
      });
      if (!payload.newsletters.length) {
        showErrors(form, [{ field: "newsletters", message: "Please choose at least one newsletter" }]);
        return;
      }
    }
    var turnstile = form.querySelector("[name=cf-turnstile-response]");
    if (turnstile && turnstile.value) {
      payload.turnstileToken = turnstile.value;
    }

    var button = form.querySelector("[type=submit]");
    if (button) {
      button.disabled = true;
    }
    form.setAttribute("aria-busy", "true");
    clearErrors(form);
    setStatus(form, "Sending…", null);

    fetch(endpoint(form), {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(payload)
    }).then(function (response) {
      if (response.status === 202 || response.ok) {
        return readProblem(response).then(function (body) {
          setStatus(form, typeof body.message === "string" ? body.message : SUCCESS, "success");
          form.reset();
        });
      }
      return readProblem(response).then(function (problem) {
        if (response.status === 429) {
          showErrors(form, [], MESSAGES.rate_limited);
        } else if (response.status >= 400 && response.status < 500 && Array.isArray(problem.errors) && problem.errors.length) {
          showErrors(form, problem.errors);
        } else if (response.status >= 400 && response.status < 500 && typeof problem.detail === "string") {
          showErrors(form, [], problem.detail);
        } else {
          showErrors(form, [], UNAVAILABLE);
        }
      });
    }, function () {
      showErrors(form, [], UNREACHABLE);
    }).then(function () {
      if (button) {
        button.disabled = false;
      }
      form.removeAttribute("aria-busy");
    });
  }

  function enhance(form) {
    if (form.getAttribute("data-nr-enhanced")) {
      return;
    }
    form.setAttribute("data-nr-enhanced", "true");
    // Our own messages replace the browser's bubbles, so they can be read in the live region.
    form.noValidate = true;
    statusRegion(form);
    if (form.getAttribute("data-newsletters") === "auto") {
      loadNewsletters(form);
    }
    showReturnError(form);
    form.addEventListener("submit", function (event) {
      submit(form, event);
    });
  }

  function start() {
    document.documentElement.classList.add("nr-js");
    Array.prototype.forEach.call(document.querySelectorAll("form.newsroom-signup"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
