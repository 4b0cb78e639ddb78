/* Smart Picks video embeds (README.md, "Videos"). The page holds a link to the
 * video's own page; this turns it into a play button and, only when the reader
 * presses it, puts the player in its place: YouTube from youtube-nocookie.com,
 * Vimeo with dnt=1. Nothing is requested from either before that. The player's
 * address is made here from data-embed's provider and id, checked against the same
 * patterns the build checks, so markup in a story cannot point the iframe anywhere
 * else. */
(() => {
  "use strict";

  const PLAYERS = {
    youtube: {
      id: /^[A-Za-z0-9_-]{11}$/,
      url: (id, start) =>
        "https://www.youtube-nocookie.com/embed/" + id + "?autoplay=1" +
        (start ? "&start=" + start : ""),
    },
    vimeo: {
      id: /^[0-9]{1,12}$/,
      url: (id, start, hash) =>
        "https://player.vimeo.com/video/" + id + "?dnt=1&autoplay=1" +
        (hash ? "&h=" + hash : "") + (start ? "#t=" + start + "s" : ""),
    },
  };
  const NAMES = { youtube: "YouTube", vimeo: "Vimeo" };
  const START = /^[0-9]{1,6}$/;
  const HASH = /^[0-9a-f]{1,32}$/;

  /** The player's address for a figure, or null when its data does not check. */
  function playerUrl(figure) {
    const [provider, id, extra] = (figure.dataset.embed || "").split(":");
    const player = Object.hasOwn(PLAYERS, provider) ? PLAYERS[provider] : null;
    if (!player || extra !== undefined || !player.id.test(id || "")) return null;
    const start = figure.dataset.embedStart;
    const hash = figure.dataset.embedHash;
    if (start !== undefined && !START.test(start)) return null;
    if (hash !== undefined && (provider !== "vimeo" || !HASH.test(hash))) return null;
    return { url: player.url(id, start, hash), name: NAMES[provider] };
  }

  function play(figure, button, player, title) {
    const frame = document.createElement("iframe");
    frame.className = "embed-frame";
    frame.src = player.url;
    frame.title = title + " (" + player.name + " video player)";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    button.replaceWith(frame);
    figure.classList.add("embed-playing");
    frame.focus();
  }

  function enhance(figure) {
    const link = figure.querySelector(":scope > a.embed-link");
    const player = playerUrl(figure);
    if (!link || !player) return;
    const titleNode = link.querySelector(".embed-title");
    const title = (titleNode ? titleNode.textContent : "").trim() || player.name + " video";
    const button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    // The name holds the visible text (the title, then where the player comes
    // from), so what a reader sees is what a voice user says.
    button.setAttribute(
      "aria-label", "Play video: " + title + ", loads from " + player.name);
    while (link.firstChild) button.appendChild(link.firstChild);
    const host = button.querySelector(".embed-host");
    if (host) host.textContent = "Loads from " + player.name;
    button.addEventListener("click", () => play(figure, button, player, title), { once: true });
    link.replaceWith(button);
  }

  document.querySelectorAll("figure.embed[data-embed]").forEach(enhance);
})();
