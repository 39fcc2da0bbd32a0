/*
 * Newsroom membership banner: campaign goal, progress, supporter count and the buttons to
 * join or gift a membership.
 *
 *   <section class="newsroom-membership" aria-label="Support us" hidden></section>
 *   <script src="newsroom-membership.js" defer></script>
 *
 * It reads GET /memberships/stats and GET /memberships/plans. Until both answer it stays
 * hidden; if the stats cannot be read it stays hidden for good, so a website never shows a
 * broken banner. Without plans it shows the numbers and no buttons.
 *
 * API address: data-api on the element, else data-api on this script tag, else the page's
 * own origin. Numbers are formatted for the page's language (the lang attribute).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var scriptApi = script ? script.getAttribute("data-api") : null;

  function base(element) {
    return (element.getAttribute("data-api") || scriptApi || "").replace(/\/+$/, "");
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    });
  }

  function isCount(value) {
    return typeof value === "number" && isFinite(value) && value >= 0;
  }

  function node(tag, className, text) {
    var element = document.createElement(tag);
    if (className) {
      element.className = className;
    }
    if (text !== undefined) {
      element.textContent = text;
    }
    return element;
  }

  /** A campaign worth showing: a goal, a count, and (when given) a window that includes now. */
  function activeCampaign(campaign, now) {
    if (!campaign || !isCount(campaign.goal) || campaign.goal <= 0 || !isCount(campaign.newMembers)) {
      return null;
    }
    var starts = campaign.startsAt ? Date.parse(campaign.startsAt) : NaN;
    var ends = campaign.endsAt ? Date.parse(campaign.endsAt) : NaN;
    if ((!isNaN(starts) && now < starts) || (!isNaN(ends) && now > ends)) {
      return null;
    }
    return campaign;
  }

  function planFor(plans, ids) {
    for (var i = 0; i < ids.length; i++) {
      for (var j = 0; j < plans.length; j++) {
        if (plans[j] && plans[j].id === ids[i] && /^https?:\/\//.test(plans[j].url || "")) {
          return plans[j];
        }
      }
    }
    return null;
  }

  function render(element, stats, plans) {
    var format = new Intl.NumberFormat(document.documentElement.lang || undefined);
    var inner = node("div", "nr-membership__inner");
    var campaign = activeCampaign(stats.campaign, Date.now());

    if (campaign) {
      if (campaign.title) {
        inner.appendChild(node("p", "nr-membership__eyebrow", campaign.title));
      }
      var goalId = "nr-goal-" + Math.random().toString(36).slice(2);
      var goal = node("h2", "nr-membership__goal", "Goal: " + format.format(campaign.goal) + " new members");
      goal.id = goalId;
      inner.appendChild(goal);
      var progress = node("progress", "nr-membership__progress");
      progress.max = campaign.goal;
      progress.value = Math.min(campaign.newMembers, campaign.goal);
      progress.setAttribute("aria-labelledby", goalId);
      progress.setAttribute("aria-valuetext", format.format(campaign.newMembers) + " of " + format.format(campaign.goal));
      progress.textContent = format.format(campaign.newMembers) + " of " + format.format(campaign.goal);
      inner.appendChild(progress);
      inner.appendChild(node("p", "nr-membership__count",
        format.format(campaign.newMembers) + " of " + format.format(campaign.goal) + " new members so far"));
    } else {
      inner.appendChild(node("h2", "nr-membership__goal", "Keep local news independent"));
    }

    var noun = stats.supporters === 1 ? " supporter" : " supporters";
    inner.appendChild(node("p", "nr-membership__thanks", "All thanks to " + format.format(stats.supporters) + noun));

    var join = planFor(plans, ["monthly", "yearly"]);
    var gift = planFor(plans, ["gift"]);
    if (join || gift) {
      var actions = node("p", "nr-actions");
      if (join) {
        var joinLink = node("a", "nr-button", "Become a member");
        joinLink.href = join.url;
        actions.appendChild(joinLink);
      }
      if (gift) {
        var giftLink = node("a", "nr-button nr-button--secondary", "Gift a membership");
        giftLink.href = gift.url;
        actions.appendChild(giftLink);
      }
      inner.appendChild(actions);
    }

    element.textContent = "";
    element.appendChild(inner);
    element.classList.add("nr-membership");
    element.hidden = false;
  }

  function load(element) {
    if (element.getAttribute("data-nr-enhanced")) {
      return;
    }
    element.setAttribute("data-nr-enhanced", "true");
    element.hidden = true;
    var api = base(element);
    var plans = getJson(api + "/memberships/plans").then(function (data) {
      return data && Array.isArray(data.items) ? data.items : [];
    }, function () {
      return [];
    });
    Promise.all([getJson(api + "/memberships/stats"), plans]).then(function (results) {
      var stats = results[0];
      if (!stats || !isCount(stats.supporters)) {
        throw new Error("Unexpected stats");
      }
      render(element, stats, results[1]);
    }).catch(function () {
      element.hidden = true;
      element.setAttribute("data-nr-unavailable", "true");
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".newsroom-membership"), load);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
