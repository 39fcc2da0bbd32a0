/*
 * The demo article page: the news feed (GET /articles), editors' picks (featured=true), one
 * article (GET /articles/{slug}, from ?a=<slug> or the newest story) and its related stories.
 * Plain JavaScript, no build.
 *
 * API address: data-api on this script tag, else the page's own origin.
 * Query parameters: a=<slug> opens that story; section=<slug> filters the feed.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var api = ((script && script.getAttribute("data-api")) || "").replace(/\/+$/, "");
  var params = new URLSearchParams(window.location.search);
  var slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var section = params.get("section");
  if (section && !slugPattern.test(section)) {
    section = null;
  }
  var requested = params.get("a");
  var outlet = "The Port Alder Ledger";
  var lang = document.documentElement.lang || undefined;
  var dateFormat = new Intl.DateTimeFormat(lang, { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" });
  var shortDate = new Intl.DateTimeFormat(lang, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

  function getJson(path) {
    return fetch(api + path, { headers: { Accept: "application/json" } }).then(function (response) {
      if (!response.ok) {
        var error = new Error("HTTP " + response.status);
        error.status = response.status;
        throw error;
      }
      return response.json();
    });
  }

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) {
        node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
      }
    });
    return node;
  }

  function pageUrl(query) {
    var next = new URLSearchParams();
    Object.keys(query).forEach(function (name) {
      if (query[name]) {
        next.set(name, query[name]);
      }
    });
    var text = next.toString();
    return window.location.pathname + (text ? "?" + text : "");
  }

  function storyLink(summary) {
    return pageUrl({ a: summary.slug, section: section });
  }

  function time(iso, format) {
    var date = new Date(iso);
    return el("time", { datetime: iso }, [isNaN(date) ? iso : format.format(date)]);
  }

  function joinNames(names) {
    if (names.length < 2) {
      return names.join("");
    }
    return names.slice(0, -1).join(", ") + " and " + names[names.length - 1];
  }

  function titleCase(slug) {
    var words = slug.replace(/-/g, " ");
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  function renderList(list, items, currentSlug) {
    list.textContent = "";
    items.forEach(function (summary) {
      var link = el("a", { href: storyLink(summary) }, [summary.headline]);
      if (summary.slug === currentSlug) {
        link.setAttribute("aria-current", "page");
      }
      var meta = [titleCase(summary.section), " · ", time(summary.publishedAt, shortDate)];
      if (summary.hasAudio) {
        meta.push(" · Audio");
      }
      list.appendChild(el("li", { "data-slug": summary.slug }, [link, el("span", { "class": "story-meta" }, meta)]));
    });
  }

  function showNotice(message, linkToLatest) {
    var article = document.getElementById("article");
    article.textContent = "";
    var notice = el("p", { "class": "notice", role: "status" }, [message]);
    if (linkToLatest) {
      notice.appendChild(document.createTextNode(" "));
      notice.appendChild(el("a", { href: pageUrl({ section: section }) }, ["Read the latest news instead."]));
    }
    article.appendChild(notice);
    article.removeAttribute("aria-busy");
  }

  function renderArticle(story) {
    var article = document.getElementById("article");
    article.textContent = "";
    article.setAttribute("data-slug", story.slug);

    var header = el("header", {}, [
      el("p", { "class": "kicker" }, [el("a", { href: pageUrl({ section: story.section }) }, [titleCase(story.section)])]),
      el("h1", { id: "headline" }, [story.headline]),
      el("p", { "class": "standfirst" }, [story.summary]),
      el("p", { "class": "meta" }, [
        el("span", { "class": "byline" }, ["By " + joinNames(story.authors)]),
        time(story.publishedAt, dateFormat),
        el("span", {}, [story.readingTimeMinutes + " min read"])
      ])
    ]);
    article.appendChild(header);

    if (story.audio && story.audio.url) {
      var caption = el("figcaption", {}, ["Listen to this story"]);
      if (story.audio.aiNarrated) {
        caption.appendChild(el("span", { "class": "badge", title: "Read by a synthetic voice" }, ["AI-narrated"]));
      }
      // preload=none: nothing is downloaded until the reader presses play.
      var player = el("audio", { controls: "", preload: "none", src: story.audio.url });
      player.setAttribute("aria-label", "Audio version of this story");
      article.appendChild(el("figure", { "class": "listen" }, [caption, player]));
    }

    // The API sanitises bodies when editors save them: scripts and event handlers never reach here.
    var body = el("div", { "class": "article-body" });
    body.innerHTML = story.body;
    article.appendChild(body);

    if (story.tags && story.tags.length) {
      var tags = el("ul", { "class": "tags", "aria-label": "Topics" });
      story.tags.forEach(function (tag) {
        tags.appendChild(el("li", {}, [titleCase(tag)]));
      });
      article.appendChild(tags);
    }
    article.removeAttribute("aria-busy");
    document.title = story.headline + " — " + outlet;

    var related = document.getElementById("related");
    if (story.related && story.related.length) {
      renderList(document.getElementById("related-list"), story.related, null);
      related.hidden = false;
    } else {
      related.hidden = true;
    }
  }

  function loadArticle(slug) {
    return getJson("/articles/" + encodeURIComponent(slug)).then(renderArticle, function (error) {
      showNotice(error.status === 404
        ? "This story is not available. It may have been moved or unpublished."
        : "The story could not be loaded. Please try again in a moment.", true);
    });
  }

  function highlightSection() {
    var links = document.querySelectorAll(".section-nav a");
    Array.prototype.forEach.call(links, function (link) {
      var target = new URL(link.href).searchParams.get("section");
      var here = link.getAttribute("href") === "./" ? !section : target === section;
      if (here && link.getAttribute("href").charAt(0) !== "#") {
        link.setAttribute("aria-current", "page");
      }
    });
  }

  function start() {
    document.documentElement.classList.add("nr-js");
    highlightSection();
    var latestTitle = document.getElementById("latest-title");
    if (section) {
      latestTitle.textContent = "Latest in " + titleCase(section);
    }
    var feedPath = "/articles?limit=10" + (section ? "&section=" + encodeURIComponent(section) : "");
    var feed = getJson(feedPath);

    feed.then(function (page) {
      renderList(document.getElementById("latest-list"), page.items, requested || (page.items[0] && page.items[0].slug));
      if (!page.items.length) {
        document.getElementById("latest-list").appendChild(el("li", {}, ["No stories yet."]));
      }
    }, function () {
      var list = document.getElementById("latest-list");
      list.textContent = "";
      list.appendChild(el("li", {}, ["The news feed is unavailable right now."]));
    });

    getJson("/articles?featured=true&limit=3").then(function (page) {
      if (page.items.length) {
        renderList(document.getElementById("picks-list"), page.items, requested);
        document.getElementById("picks").hidden = false;
      }
    }, function () {
      // Editors' picks are a bonus: without them the page simply shows the feed.
    });

    if (requested && slugPattern.test(requested)) {
      loadArticle(requested);
    } else if (requested) {
      showNotice("This story is not available. It may have been moved or unpublished.", true);
    } else {
      feed.then(function (page) {
        if (page.items.length) {
          return loadArticle(page.items[0].slug);
        }
        showNotice("No stories have been published yet.", false);
      }, function () {
        showNotice("The news could not be loaded. Please try again in a moment.", false);
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
